//! Stage 4, render: the [`Digest`] becomes files in memory — every page from
//! its Tera template, plus the static assets. No IO besides reading the
//! theme; pages are rendered in parallel and returned sorted by path.

mod data;
mod feeds;
mod highlight;
pub mod links;
mod markdown;
mod record_json;
pub mod seed_text;
pub mod text_fragment;
mod theme;
mod views;

pub use feeds::skipped_note;

pub use markdown::{Placement, render_markdown};
pub use theme::Theme;

use crate::diagnostic::Diagnostic;
use crate::diff::DigestDiff;
use crate::model::{Digest, page_count};
use rayon::prelude::*;
use serde::Serialize;

/// One file of the site, by its path under the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    #[error("template {name} is invalid: {message}")]
    Template { name: String, message: String },
    #[error("cannot render {page} with {template}: {message}")]
    Page { page: String, template: String, message: String },
    #[error("cannot write {path}: {message}")]
    Output { path: String, message: String },
}

impl RenderError {
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            RenderError::Template { .. } => Diagnostic::error("template-invalid", self.to_string())
                .hint("fix the template, or delete it from templates/ to use the built-in one"),
            RenderError::Output { .. } => Diagnostic::error("write-failed", self.to_string())
                .hint("the previous output, if any, was left in place"),
            RenderError::Page { .. } => Diagnostic::error("render-failed", self.to_string())
                .hint("a template refers to a variable the page does not have; see docs/content-format.md for what each page gets"),
        }
    }
}

/// Tera nests the useful message in its error sources.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

/// A page to render: where it goes, which template, and its view. The
/// index, the timeline and the list of claims come in numbered pages, from 1.
enum Page {
    Index(usize),
    Timeline(usize),
    Companies,
    Claims(usize),
    NotFound,
    Article(usize),
    Source(usize),
    Company(usize),
    Changes,
}

impl Page {
    fn path(&self, digest: &Digest) -> String {
        match self {
            Page::Index(n) => links::list_page(&links::index(), *n),
            Page::Timeline(n) => links::list_page(links::TIMELINE, *n),
            Page::Companies => "companies.html".into(),
            Page::Claims(n) => links::list_page(links::CLAIMS, *n),
            Page::NotFound => "404.html".into(),
            Page::Article(i) => links::article(&digest.articles[*i].slug),
            Page::Source(i) => links::source(&digest.articles[*i].slug),
            Page::Changes => "changes.html".into(),
            Page::Company(i) => links::company(&digest.companies[*i].id),
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Page::Index(_) => "index.html",
            Page::Timeline(_) => "timeline.html",
            Page::Companies => "companies.html",
            Page::Claims(_) => "claims.html",
            Page::NotFound => "404.html",
            Page::Article(_) => "article.html",
            Page::Source(_) => "source.html",
            Page::Changes => "changes.html",
            Page::Company(_) => "company.html",
        }
    }

    fn render(&self, digest: &Digest, theme: &Theme, changes: Option<&DigestDiff>) -> Result<String, tera::Error> {
        let context = match self {
            Page::Index(n) => context(&views::index_page(digest, *n, changes.is_some())),
            Page::Changes => match changes {
                Some(diff) => context(&views::changes_page(digest, diff)),
                None => Err(tera::Error::msg("changes.html needs a diff")),
            },
            Page::Timeline(n) => context(&views::timeline_page(digest, *n)),
            Page::Companies => context(&views::companies_page(digest)),
            Page::Claims(n) => context(&views::claims_page(digest, *n)),
            Page::NotFound => context(&views::not_found_page(digest)),
            Page::Article(i) => context(&views::article_page(digest, *i)),
            Page::Source(i) => context(&views::source_page(digest, *i)),
            Page::Company(i) => context(&views::company_page(digest, *i)),
        }?;
        theme.tera.render(self.template(), &context)
    }
}

fn context(view: &impl Serialize) -> Result<tera::Context, tera::Error> {
    tera::Context::from_serialize(view)
}

/// Where rendered files go, as soon as each is made, from any thread: the
/// staging folder of a build, or nowhere for a check. Pages are never all
/// held in memory at once.
pub trait Sink: Sync {
    fn accept(&self, file: OutputFile) -> Result<(), String>;
}

/// Told how far rendering has come, for a progress bar.
pub trait Progress: Sync {
    fn begin(&self, _total: usize) {}
    fn advance(&self) {}
}

/// A progress report nobody reads.
pub struct Silent;
impl Progress for Silent {}

/// Counts of what was rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
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
    pages.extend([Page::Companies, Page::NotFound]);
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
                .render(digest, theme, changes)
                .map_err(|e| RenderError::Page {
                    page: path.clone(),
                    template: page.template().into(),
                    message: error_chain(&e),
                })
                .and_then(|html| give(OutputFile { path, bytes: html.into_bytes() }));
            progress.advance();
            rendered.err()
        })
        .collect();
    let paths: Vec<String> = pages.iter().map(|p| p.path(digest)).collect();
    let extra = match extra_files(digest, theme, &paths) {
        Ok(extra) => extra,
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    };
    let files = pages.len() + extra.len();
    errors.extend(extra.into_iter().filter_map(|file| give(file).err()));
    if errors.is_empty() {
        Ok(Rendered { pages: pages.len(), files })
    } else {
        errors.sort_by_key(|a| a.to_string());
        Err(errors)
    }
}

/// The files besides pages: feeds (which list the pages), data exports and
/// the theme's assets.
fn extra_files(digest: &Digest, theme: &Theme, paths: &[String]) -> Result<Vec<OutputFile>, RenderError> {
    let mut extra = feeds::render_feeds(digest, theme, paths)?;
    extra.extend(data::render_data(digest));
    extra.extend(theme.assets.iter().map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() }));
    Ok(extra)
}

/// The site without its files: each page is rendered when it is asked for,
/// as `serve` needs after an edit. Holds only where each page comes from.
pub struct OnDemand {
    pages: std::collections::HashMap<String, Page>,
    /// The paths in the order a build renders them, as the sitemap lists them.
    paths: Vec<String>,
}

impl OnDemand {
    pub fn new(digest: &Digest, changes: Option<&DigestDiff>) -> OnDemand {
        let pages = pages(digest, changes);
        let paths: Vec<String> = pages.iter().map(|page| page.path(digest)).collect();
        OnDemand { pages: paths.iter().cloned().zip(pages).collect(), paths }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
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
        if let Some(page) = self.pages.get(path) {
            let rendered = page.render(digest, theme, changes).map_err(|e| RenderError::Page {
                page: path.into(),
                template: page.template().into(),
                message: error_chain(&e),
            });
            return Some(rendered.map(String::into_bytes));
        }
        if let Some(bytes) = theme.assets.get(path) {
            return Some(Ok(bytes.clone()));
        }
        match extra_files(digest, theme, &self.paths) {
            Ok(files) => files.into_iter().find(|file| file.path == path).map(|file| Ok(file.bytes)),
            Err(error) => Some(Err(error)),
        }
    }
}
