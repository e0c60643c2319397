//! What a site needs absolute URLs for: the Atom feeds (feed.xml, one
//! entry per article, and corrections.xml, one per correction), the
//! sitemap (sitemap.xml; past sitemaps.org's limits of one file, an index
//! of sitemap-1.xml, sitemap-2.xml, …) and robots.txt. They are rendered from templates
//! like the pages (and overridable like them), and only when the digest has
//! a `base_url` (site.toml, or `glose build --base-url`): without one they
//! are skipped, and the build says so (see [`skipped_note`]).
//!
//! Every date comes from the content, never from the clock, so two builds
//! of the same content give the same files.

use super::catalogue::Catalogue;
use super::error::RenderError;
use super::links;
use super::output::OutputFile;
use super::theme::Theme;
use super::views::{CORRECTIONS, CorrectionView, TallyItem, correction_view, tally};
use crate::model::{Claim, Digest};
use serde::Serialize;

/// The files this module writes, by site path.
pub const FEED: &str = "feed.xml";
pub const CORRECTIONS_FEED: &str = "corrections.xml";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The template of sitemap.xml when it indexes several sitemap files.
const SITEMAP_INDEX: &str = "sitemap-index.xml";

/// sitemaps.org's limits for one sitemap file: 50,000 URLs, 50 MiB.
const SITEMAP_URLS: usize = 50_000;
const SITEMAP_BYTES: usize = 50 * 1024 * 1024;

/// The one-line note a build without a base URL prints.
pub fn skipped_note(digest: &Digest) -> Option<String> {
    digest.site.base_url.is_none().then(|| {
        format!(
            "no base_url (in content/site.toml, or `--base-url`), so {FEED}, {CORRECTIONS_FEED}, {SITEMAP} and {ROBOTS} were skipped: they need absolute URLs"
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
    /// The latest of the publication and its claims' corrections.
    updated: String,
    /// The latest correction's date, for readers, when there is one.
    corrected: Option<String>,
    summary: String,
    claim_count: usize,
    tally: Vec<TallyItem>,
}

#[derive(Serialize)]
struct CorrectionsFeedView<'a> {
    title: &'a str,
    language: &'a str,
    /// The corrections page: the feed's id and alternate link.
    page: String,
    self_url: String,
    updated: String,
    authors: Vec<&'a str>,
    entries: Vec<CorrectionEntry>,
}

#[derive(Serialize)]
struct CorrectionEntry {
    /// Permanent, whichever page of the corrections lists it.
    id: String,
    date: String,
    correction: CorrectionView,
}

#[derive(Serialize)]
struct SitemapView {
    urls: Vec<String>,
}

#[derive(Serialize)]
struct SitemapIndexView {
    sitemaps: Vec<String>,
}

#[derive(Serialize)]
struct RobotsView {
    sitemap_url: String,
}

/// feed.xml, sitemap.xml and robots.txt, or nothing without a base URL.
/// `pages` are the site paths of the rendered HTML pages.
pub fn render_feeds(digest: &Digest, theme: &Theme, pages: &[String]) -> Result<Vec<OutputFile>, RenderError> {
    let Some(base) = digest.site.base_url.as_deref() else { return Ok(Vec::new()) };
    let urls: Vec<String> =
        pages.iter().filter(|p| p.as_str() != "404.html").map(|p| links::absolute(base, p)).collect();
    let robots = RobotsView { sitemap_url: links::absolute(base, SITEMAP) };
    let mut files = vec![
        render_file(theme, FEED, &feed(digest, &theme.words, base))?,
        render_file(theme, CORRECTIONS_FEED, &corrections_feed(digest, &theme.words, base))?,
    ];
    files.extend(sitemaps(theme, base, &urls, (SITEMAP_URLS, SITEMAP_BYTES))?);
    files.push(render_file(theme, ROBOTS, &robots)?);
    Ok(files)
}

fn render_file(theme: &Theme, name: &str, view: &impl Serialize) -> Result<OutputFile, RenderError> {
    render_as(theme, name, name, view)
}

/// The template `name` rendered to the file at `path`.
fn render_as(theme: &Theme, name: &str, path: &str, view: &impl Serialize) -> Result<OutputFile, RenderError> {
    let text = theme.render(name, view).map_err(|message| RenderError::Page {
        page: path.into(),
        template: name.into(),
        message,
    })?;
    Ok(OutputFile { path: path.into(), bytes: text.into_bytes() })
}

/// sitemap.xml listing `urls` when one file holds them within `limits`
/// (URLs, bytes); otherwise sitemap-1.xml, sitemap-2.xml, … each within
/// them, and sitemap.xml an index of those, so robots.txt and crawlers
/// keep the one address.
fn sitemaps(
    theme: &Theme,
    base: &str,
    urls: &[String],
    limits: (usize, usize),
) -> Result<Vec<OutputFile>, RenderError> {
    let mut parts = Vec::new();
    for chunk in urls.chunks(limits.0.max(1)) {
        split_to_fit(theme, chunk, limits.1, &mut parts)?;
    }
    if parts.len() <= 1 {
        let mut file =
            parts.pop().map_or_else(|| render_file(theme, SITEMAP, &SitemapView { urls: Vec::new() }), Ok)?;
        file.path = SITEMAP.into();
        return Ok(vec![file]);
    }
    let mut sitemaps = Vec::with_capacity(parts.len());
    for (n, part) in parts.iter_mut().enumerate() {
        part.path = format!("sitemap-{}.xml", n + 1);
        sitemaps.push(links::absolute(base, &part.path));
    }
    parts.push(render_as(theme, SITEMAP_INDEX, SITEMAP, &SitemapIndexView { sitemaps })?);
    Ok(parts)
}

/// `urls` as one sitemap, or halved until each half fits in `bytes`.
fn split_to_fit(theme: &Theme, urls: &[String], bytes: usize, parts: &mut Vec<OutputFile>) -> Result<(), RenderError> {
    let file = render_file(theme, SITEMAP, &SitemapView { urls: urls.to_vec() })?;
    if file.bytes.len() <= bytes || urls.len() <= 1 {
        parts.push(file);
        return Ok(());
    }
    let (first, second) = urls.split_at(urls.len() / 2);
    split_to_fit(theme, first, bytes, parts)?;
    split_to_fit(theme, second, bytes, parts)
}

fn feed<'a>(digest: &'a Digest, words: &Catalogue, base: &'a str) -> FeedView<'a> {
    // Once per article, not once per comparison of the sort.
    let corrected: Vec<_> =
        (0..digest.articles.len()).map(|idx| digest.claims_of(idx).iter().filter_map(Claim::updated).max()).collect();
    let updated =
        |idx: usize| corrected[idx].map_or(digest.articles[idx].published, |c| c.max(digest.articles[idx].published));
    let mut order: Vec<usize> = (0..digest.articles.len()).collect();
    // A corrected article comes back to the top, as feed readers expect.
    order.sort_by(|&a, &b| {
        let (x, y) = (&digest.articles[a], &digest.articles[b]);
        updated(b).cmp(&updated(a)).then(y.published.cmp(&x.published)).then(x.slug.cmp(&y.slug))
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
                updated: updated(idx).timestamp(),
                corrected: corrected[idx].map(|d| words.date(d)),
                summary: article.summary.clone(),
                claim_count: article.claims.len(),
                tally: tally(words, digest.claims_of(idx)),
            }
        })
        .collect();
    let site = &digest.site;
    let updated = entries.first().map_or_else(|| "1970-01-01T00:00:00Z".into(), |e| e.updated.clone());
    FeedView {
        title: &site.title,
        description: &site.description,
        language: &site.language,
        home: base,
        self_url: links::absolute(base, FEED),
        updated,
        authors: authors(digest),
        entries,
    }
}

/// The site's authors, or its title when it names none: Atom needs one.
fn authors(digest: &Digest) -> Vec<&str> {
    let site = &digest.site;
    if site.authors.is_empty() { vec![site.title.as_str()] } else { site.authors.iter().map(String::as_str).collect() }
}

/// Every correction, newest first, each linking to its claim's note.
fn corrections_feed<'a>(digest: &'a Digest, words: &Catalogue, base: &'a str) -> CorrectionsFeedView<'a> {
    let page = links::absolute(base, CORRECTIONS);
    let entries: Vec<CorrectionEntry> = digest
        .listing
        .corrections
        .iter()
        .map(|&entry| {
            // Seen from corrections.html, at the root, an href is a site path.
            let mut correction = correction_view(words, CORRECTIONS, digest, entry);
            correction.claim.href = links::absolute(base, &correction.claim.href);
            let date = digest.claims[entry.0].history[entry.1].date.timestamp();
            CorrectionEntry { id: format!("{page}#{}", correction.anchor), date, correction }
        })
        .collect();
    let newest_article = digest.listing.articles.first().map(|&a| digest.articles[a].published.timestamp());
    let updated = entries.first().map(|e| e.date.clone()).or(newest_article).unwrap_or("1970-01-01T00:00:00Z".into());
    CorrectionsFeedView {
        title: &digest.site.title,
        language: &digest.site.language,
        self_url: links::absolute(base, CORRECTIONS_FEED),
        page,
        updated,
        authors: authors(digest),
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://example.org/digest/";

    fn urls(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{BASE}articles/a{i}.html")).collect()
    }

    fn text(file: &OutputFile) -> &str {
        std::str::from_utf8(&file.bytes).unwrap()
    }

    #[test]
    fn one_sitemap_while_the_urls_fit() {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), "en").ok().unwrap();
        let files = sitemaps(&theme, BASE, &urls(3), (3, 10_000)).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, SITEMAP);
        assert_eq!(text(&files[0]).matches("<url>").count(), 3);
    }

    #[test]
    fn an_index_of_sitemaps_past_the_url_limit() {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), "en").ok().unwrap();
        let files = sitemaps(&theme, BASE, &urls(7), (3, 10_000)).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]);
        let counts: Vec<usize> = files[..3].iter().map(|f| text(f).matches("<url>").count()).collect();
        assert_eq!(counts, [3, 3, 1]);
        let index = text(&files[3]);
        assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), "{index}");
        for n in 1..=3 {
            assert!(index.contains(&format!("<sitemap><loc>{BASE}sitemap-{n}.xml</loc></sitemap>")), "{index}");
        }
    }

    #[test]
    fn a_sitemap_over_the_byte_limit_is_halved() {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), "en").ok().unwrap();
        let one = sitemaps(&theme, BASE, &urls(8), (50_000, usize::MAX)).unwrap();
        let limit = one[0].bytes.len() / 2;
        let files = sitemaps(&theme, BASE, &urls(8), (50_000, limit)).unwrap();
        let (index, parts) = files.split_last().unwrap();
        assert_eq!(index.path, SITEMAP);
        assert!(parts.len() > 2, "halved, then halved again");
        assert!(parts.iter().all(|f| f.bytes.len() <= limit));
        let listed: usize = parts.iter().map(|f| text(f).matches("<url>").count()).sum();
        assert_eq!(listed, 8, "every URL once");
    }
}
