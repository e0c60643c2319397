//! What a site needs absolute URLs for: the Atom feed (feed.xml), the
//! sitemap (sitemap.xml) and robots.txt. They are rendered from templates
//! like the pages (and overridable like them), and only when the digest has
//! a `base_url` (site.toml, or `glose build --base-url`): without one they
//! are skipped, and the build says so (see [`skipped_note`]).
//!
//! Every date comes from the content, never from the clock, so two builds
//! of the same content give the same files.

use super::error::RenderError;
use super::links;
use super::output::OutputFile;
use super::theme::Theme;
use super::views::{TallyItem, tally};
use crate::model::Digest;
use serde::Serialize;

/// The files this module writes, by site path.
pub const FEED: &str = "feed.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

/// The one-line note a build without a base URL prints.
pub fn skipped_note(digest: &Digest) -> Option<String> {
    digest.site.base_url.is_none().then(|| {
        format!(
            "no base_url (in content/site.toml, or `--base-url`), so {FEED}, {SITEMAP} and {ROBOTS} were skipped: they need absolute URLs"
        )
    })
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// The site's address, also the feed's id.
    home: &'a str,
    self_url: String,
    /// The newest entry's date: content-derived, so builds are reproducible.
    updated: String,
    authors: Vec<&'a str>,
    entries: Vec<FeedEntry>,
}

#[derive(Serialize)]
struct FeedEntry {
    url: String,
    title: String,
    /// The original-language title, when the entry's title is the English one.
    original_title: Option<String>,
    publisher: String,
    date: String,
    summary: String,
    claim_count: usize,
    tally: Vec<TallyItem>,
}

#[derive(Serialize)]
struct SitemapView {
    urls: Vec<String>,
}

#[derive(Serialize)]
struct RobotsView {
    sitemap_url: String,
}

/// feed.xml, sitemap.xml and robots.txt, or nothing without a base URL.
/// `pages` are the site paths of the rendered HTML pages.
pub fn render_feeds(digest: &Digest, theme: &Theme, pages: &[String]) -> Result<Vec<OutputFile>, RenderError> {
    let Some(base) = digest.site.base_url.as_deref() else { return Ok(Vec::new()) };
    let sitemap = SitemapView {
        urls: pages.iter().filter(|p| p.as_str() != "404.html").map(|p| links::absolute(base, p)).collect(),
    };
    let robots = RobotsView { sitemap_url: links::absolute(base, SITEMAP) };
    Ok(vec![
        render_file(theme, FEED, &feed(digest, base))?,
        render_file(theme, SITEMAP, &sitemap)?,
        render_file(theme, ROBOTS, &robots)?,
    ])
}

fn render_file(theme: &Theme, name: &str, view: &impl Serialize) -> Result<OutputFile, RenderError> {
    let text = theme.render(name, view).map_err(|message| RenderError::Page {
        page: name.into(),
        template: name.into(),
        message,
    })?;
    Ok(OutputFile { path: name.into(), bytes: text.into_bytes() })
}

fn feed<'a>(digest: &'a Digest, base: &'a str) -> FeedView<'a> {
    let mut order: Vec<usize> = (0..digest.articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&digest.articles[a], &digest.articles[b]);
        b.published.cmp(&a.published).then(a.slug.cmp(&b.slug))
    });
    let entries: Vec<FeedEntry> = order
        .iter()
        .map(|&idx| {
            let article = &digest.articles[idx];
            FeedEntry {
                url: links::absolute(base, &links::article(&article.slug)),
                title: article.title_in_english().to_string(),
                original_title: article.title_en.as_ref().map(|_| article.title.clone()),
                publisher: article.publisher.clone(),
                date: article.published.timestamp(),
                summary: article.summary.clone(),
                claim_count: article.claims.len(),
                tally: tally(digest.claims_of(idx)),
            }
        })
        .collect();
    let site = &digest.site;
    let updated =
        order.first().map_or_else(|| "1970-01-01T00:00:00Z".into(), |&i| digest.articles[i].published.timestamp());
    let authors = if site.authors.is_empty() {
        vec![site.title.as_str()]
    } else {
        site.authors.iter().map(String::as_str).collect()
    };
    FeedView {
        title: &site.title,
        description: &site.description,
        language: &site.language,
        home: base,
        self_url: links::absolute(base, FEED),
        updated,
        authors,
        entries,
    }
}
