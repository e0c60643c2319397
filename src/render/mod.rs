//! Stage 4, render: the [`Digest`] becomes files in memory — every page from
//! its template, plus the static assets. No IO besides reading the theme;
//! pages are rendered in parallel and each handed to a [`Sink`] as it is
//! made. This file is the driver: which pages there are, and in what order
//! they are rendered. What it produces is in `output.rs`, what can fail in
//! `error.rs`, and the template engine stays inside `theme.rs`.

mod annotations;
mod catalogue;
mod error;
mod export;
mod feeds;
mod highlight;
pub mod links;
mod markdown;
mod output;
mod record_json;
pub mod search;
pub mod seed_text;
mod shorten;
pub mod text_fragment;
mod theme;
mod views;

pub use catalogue::Catalogue;
pub use error::RenderError;
pub use feeds::skipped_note;
pub use markdown::{Placement, render_markdown};
pub use output::{OutputFile, Progress, Rendered, Silent, Sink};
pub use theme::Theme;

use crate::diff::DigestDiff;
use crate::model::{Digest, page_count};
use rayon::prelude::*;
use std::collections::HashMap;

/// A page to render: where it goes, which template, and its view. The
/// index, the timeline and the list of claims come in numbered pages, from 1.
#[derive(Clone, Copy)]
enum Page {
    Index(usize),
    Timeline(usize),
    Companies,
    Claims(usize),
    Corrections(usize),
    NotFound,
    Article(usize),
    Source(usize),
    Company(usize),
    Changes,
    Search,
}

impl Page {
    fn path(&self, digest: &Digest) -> String {
        match self {
            Page::Index(n) => links::list_page(&links::index(), *n),
            Page::Timeline(n) => links::list_page(links::TIMELINE, *n),
            Page::Companies => "companies.html".into(),
            Page::Claims(n) => links::list_page(links::CLAIMS, *n),
            Page::Corrections(n) => links::list_page(views::CORRECTIONS, *n),
            Page::NotFound => "404.html".into(),
            Page::Article(i) => links::article(&digest.articles[*i].slug),
            Page::Source(i) => links::source(&digest.articles[*i].slug),
            Page::Changes => "changes.html".into(),
            Page::Company(i) => links::company(&digest.companies[*i].id),
            Page::Search => "search.html".into(),
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Page::Index(_) => "index.html",
            Page::Timeline(_) => "timeline.html",
            Page::Companies => "companies.html",
            Page::Claims(_) => "claims.html",
            Page::Corrections(_) => "corrections.html",
            Page::NotFound => "404.html",
            Page::Article(_) => "article.html",
            Page::Source(_) => "source.html",
            Page::Changes => "changes.html",
            Page::Company(_) => "company.html",
            Page::Search => "search.html",
        }
    }

    /// The page's text, or why its template could not render it.
    fn render(
        &self,
        path: &str,
        digest: &Digest,
        theme: &Theme,
        changes: Option<&DigestDiff>,
    ) -> Result<String, RenderError> {
        let template = self.template();
        let words = &theme.words;
        let rendered = match self {
            Page::Index(n) => theme.render(template, &views::index_page(digest, words, *n, changes.is_some())),
            Page::Changes => match changes {
                Some(diff) => theme.render(template, &views::changes_page(digest, words, diff)),
                None => Err("changes.html needs a diff".into()),
            },
            Page::Timeline(n) => theme.render(template, &views::timeline_page(digest, words, *n)),
            Page::Companies => theme.render(template, &views::companies_page(digest, words)),
            Page::Claims(n) => theme.render(template, &views::claims_page(digest, words, *n)),
            Page::Corrections(n) => theme.render(template, &views::corrections_page(digest, words, *n)),
            Page::NotFound => theme.render(template, &views::not_found_page(digest, words)),
            Page::Article(i) => theme.render(template, &views::article_page(digest, words, *i)),
            Page::Source(i) => theme.render(template, &views::source_page(digest, words, *i)),
            Page::Company(i) => theme.render(template, &views::company_page(digest, words, *i)),
            Page::Search => theme.render(template, &views::search_page(digest, words)),
        };
        rendered.map_err(|message| RenderError::Page { page: path.into(), template: template.into(), message })
    }
}

/// Every page of the site. The largest come first (the lists, then
/// companies by how many claims they gather): started last, one of them
/// would keep a single core busy after the others have run out of work.
fn pages(digest: &Digest, changes: Option<&DigestDiff>) -> Vec<Page> {
    let listing = &digest.listing;
    let numbered = |len: usize| 1..=page_count(len, digest.site.page_size);
    let mut pages: Vec<Page> = numbered(listing.claims.len()).map(Page::Claims).collect();
    pages.extend(numbered(listing.articles.len()).map(Page::Index));
    pages.extend(numbered(listing.timeline.len()).map(Page::Timeline));
    pages.extend(numbered(listing.corrections.len()).map(Page::Corrections));
    pages.extend([Page::Companies, Page::NotFound, Page::Search]);
    let mut companies: Vec<usize> = (0..digest.companies.len()).collect();
    companies.sort_by_key(|&c| std::cmp::Reverse(digest.graph.company_claims[c].len()));
    pages.extend(companies.into_iter().map(Page::Company));
    pages.extend((0..digest.articles.len()).map(Page::Article));
    pages.extend((0..digest.articles.len()).map(Page::Source));
    if changes.is_some() {
        pages.push(Page::Changes);
    }
    pages
}

/// Renders every page and asset of the site (with `changes`, also
/// changes.html) in parallel, handing each file to `sink` as it is made.
pub fn render(
    digest: &Digest,
    theme: &Theme,
    changes: Option<&DigestDiff>,
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> Result<Rendered, Vec<RenderError>> {
    let pages = pages(digest, changes);
    progress.begin(pages.len());
    let give = |file: OutputFile| {
        let path = file.path.clone();
        sink.accept(file).map_err(|message| RenderError::Output { path, message })
    };
    let mut errors: Vec<RenderError> = pages
        .par_iter()
        .filter_map(|page| {
            let path = page.path(digest);
            let rendered = page
                .render(&path, digest, theme, changes)
                .and_then(|html| give(OutputFile { path, bytes: html.into_bytes() }));
            progress.advance();
            rendered.err()
        })
        .collect();
    let paths: Vec<String> = pages.iter().map(|p| p.path(digest)).collect();
    let mut extra = match extra_files(digest, theme, &paths) {
        Ok(extra) => extra,
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    };
    extra.extend(search::files(digest, &theme.words));
    let files = pages.len() + extra.len();
    errors.extend(extra.into_iter().filter_map(|file| give(file).err()));
    if errors.is_empty() {
        Ok(Rendered { pages: pages.len(), files })
    } else {
        errors.sort_by_key(|a| a.to_string());
        Err(errors)
    }
}

/// What `check` needs of rendering, writing nothing: the number of pages,
/// and every page the digest's own templates fail to render. With the
/// built-in templates alone no page is rendered: their views are plain data
/// fixed in shape, every page of the test digests is rendered with them, and
/// no content makes them fail, so rendering 20,000 pages to find nothing was
/// most of what `check` cost (6 of its 7 seconds at 10,000 articles).
pub fn check(digest: &Digest, theme: &Theme, changes: Option<&DigestDiff>) -> Result<Rendered, Vec<RenderError>> {
    struct Discard;
    impl Sink for Discard {
        fn accept(&self, _: OutputFile) -> Result<(), String> {
            Ok(())
        }
    }
    if theme.has_own_templates() {
        return render(digest, theme, changes, &Discard, &Silent);
    }
    let pages = pages(digest, changes).len();
    Ok(Rendered { pages, files: pages })
}

/// The files besides pages and the search index: feeds (which list the
/// pages), data exports and the theme's assets.
fn extra_files(digest: &Digest, theme: &Theme, paths: &[String]) -> Result<Vec<OutputFile>, RenderError> {
    let mut extra = feeds::render_feeds(digest, theme, paths)?;
    extra.extend(export::files(digest));
    extra.extend(annotations::files(digest));
    extra.extend(theme.assets.iter().map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() }));
    Ok(extra)
}

/// The site without its files: each page is rendered when it is asked for,
/// as `serve` needs after an edit. Holds only where each page comes from:
/// the lists and companies by path, the articles by slug.
pub struct OnDemand {
    lists: HashMap<String, Page>,
    articles: HashMap<String, usize>,
    /// The search index, made at the first request for one of its files: a
    /// query asks for a score of them, and making it is linear in the digest.
    search: std::sync::OnceLock<HashMap<String, Vec<u8>>>,
}

impl OnDemand {
    pub fn new(digest: &Digest, changes: Option<&DigestDiff>) -> OnDemand {
        let articles = digest.articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect();
        OnDemand { lists: lists(digest, changes), articles, search: Default::default() }
    }

    /// Brings the pages up to date after articles were edited in place
    /// (same slugs, same order): the lists may have gained or lost pages,
    /// and the search index is made again when next asked for.
    pub fn relist(&mut self, digest: &Digest, changes: Option<&DigestDiff>) {
        self.lists = lists(digest, changes);
        self.search = Default::default();
    }

    pub fn page_count(&self) -> usize {
        self.lists.len() + 2 * self.articles.len()
    }

    /// Every page's path, in the order a build renders them.
    pub fn paths(digest: &Digest, changes: Option<&DigestDiff>) -> Vec<String> {
        pages(digest, changes).iter().map(|p| p.path(digest)).collect()
    }

    /// The page at `path`, if the site has one there.
    fn page(&self, digest: &Digest, path: &str) -> Option<Page> {
        if let Some(page) = self.lists.get(path) {
            return Some(*page);
        }
        let name = path.strip_prefix("articles/")?;
        let source =
            name.strip_suffix(".source.html").and_then(|slug| self.articles.get(slug)).map(|&i| Page::Source(i));
        let article = || name.strip_suffix(".html").and_then(|slug| self.articles.get(slug)).map(|&i| Page::Article(i));
        // Read back from the path links.rs makes, so both always agree.
        source.or_else(article).filter(|page| page.path(digest) == path)
    }

    /// The file at `path` (as in the output folder), or `None` if the site
    /// has none there.
    pub fn render(
        &self,
        digest: &Digest,
        theme: &Theme,
        changes: Option<&DigestDiff>,
        path: &str,
    ) -> Option<Result<Vec<u8>, RenderError>> {
        if let Some(page) = self.page(digest, path) {
            return Some(page.render(path, digest, theme, changes).map(String::into_bytes));
        }
        if let Some(bytes) = theme.assets.get(path) {
            return Some(Ok(bytes.clone()));
        }
        if path.starts_with(search::FOLDER) {
            let files = self
                .search
                .get_or_init(|| search::files(digest, &theme.words).into_iter().map(|f| (f.path, f.bytes)).collect());
            return files.get(path).map(|bytes| Ok(bytes.clone()));
        }
        match extra_files(digest, theme, &OnDemand::paths(digest, changes)) {
            Ok(files) => files.into_iter().find(|file| file.path == path).map(|file| Ok(file.bytes)),
            Err(error) => Some(Err(error)),
        }
    }
}

/// The pages other than articles' by path: few, even in a large digest.
fn lists(digest: &Digest, changes: Option<&DigestDiff>) -> HashMap<String, Page> {
    let pages = pages(digest, changes).into_iter().filter(|p| !matches!(p, Page::Article(_) | Page::Source(_)));
    pages.map(|page| (page.path(digest), page)).collect()
}
