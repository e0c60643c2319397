//! Plain data for the templates, one view per page, borrowed from the
//! [`Digest`] and sorted before it reaches Tera. Links are computed here,
//! relative to the page being rendered (see [`super::links`]).

mod article;
mod changes;
mod claim_review;
mod company;
mod corrections;
mod lists;
mod pager;
mod search;
mod source;

pub use article::article_page;
pub use changes::changes_page;
pub use claim_review::claim_reviews;
pub use company::{companies_page, company_page};
pub use corrections::{CORRECTIONS, CorrectionView, correction_view, corrections_page};
pub use lists::{claims_page, index_page, timeline_page};
pub use search::search_page;
pub use source::{edit_url, source_page};

use super::links;
use super::markdown::{Placement, first_sentence, render_markdown};
use crate::model::{Claim, ClaimIdx, Company, CompanyIdx, Digest, PartialDate, Source, Tally, Verdict};
use serde::Serialize;

/// What every page's template gets besides its own view.
#[derive(Serialize)]
pub struct Frame<'a> {
    pub site: SiteView<'a>,
    /// Prefix from this page to the site root: "" or "../".
    pub root: String,
    pub page_path: String,
    pub page_title: String,
    pub nav: Vec<NavItem>,
    /// The page's absolute URL, when the site has a base URL.
    pub canonical: Option<String>,
    /// Relative href of the Atom feed, when the site has one (it needs a base URL).
    pub feed: Option<String>,
    /// Every verdict, in order, for the legend.
    pub verdicts: Vec<VerdictView>,
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub authors: &'a [String],
}

#[derive(Serialize)]
pub struct NavItem {
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

pub fn frame<'a>(digest: &'a Digest, page_path: &str, page_title: String, section: &str) -> Frame<'a> {
    let site = &digest.site;
    let nav = [
        ("Articles", links::index()),
        ("Timeline", "timeline.html".into()),
        ("Companies", "companies.html".into()),
        ("Claims", "claims.html".into()),
    ]
    .into_iter()
    .map(|(label, target)| NavItem { label, current: target == section, href: links::href(page_path, &target) })
    .collect();
    Frame {
        site: SiteView {
            title: &site.title,
            description: &site.description,
            language: &site.language,
            authors: &site.authors,
        },
        root: links::root_of(page_path),
        page_path: page_path.to_string(),
        page_title,
        nav,
        canonical: site.base_url.as_deref().map(|base| links::absolute(base, page_path)),
        feed: site.base_url.as_ref().map(|_| links::href(page_path, "feed.xml")),
        verdicts: Verdict::ALL.iter().map(|&v| VerdictView::from(v)).collect(),
    }
}

#[derive(Serialize, Clone)]
pub struct VerdictView {
    pub slug: &'static str,
    pub label: &'static str,
}

impl From<Verdict> for VerdictView {
    fn from(v: Verdict) -> Self {
        VerdictView { slug: v.slug(), label: v.label() }
    }
}

/// The "opinion" pseudo-verdict of unrated claims.
pub fn opinion_view() -> VerdictView {
    VerdictView { slug: "opinion", label: "Opinion, not rated" }
}

/// The verdict of a claim, or the "opinion" pseudo-verdict of unrated ones.
pub fn verdict_view(claim: &Claim) -> VerdictView {
    claim.verdict.map(VerdictView::from).unwrap_or_else(opinion_view)
}

#[derive(Serialize)]
pub struct TallyItem {
    pub slug: &'static str,
    pub label: &'static str,
    pub count: usize,
    /// Where the claims counted are listed, when the page links there.
    pub href: Option<String>,
}

/// Non-zero verdict counts in the fixed verdict order, then unrated opinions.
pub fn tally<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Vec<TallyItem> {
    tally_items(Digest::tally(claims))
}

/// [`tally`] from counts made before.
pub fn tally_items((counts, unrated): Tally) -> Vec<TallyItem> {
    let mut items: Vec<TallyItem> = Verdict::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(v, count)| TallyItem { slug: v.slug(), label: v.label(), count, href: None })
        .collect();
    if unrated > 0 {
        items.push(TallyItem { slug: "opinion", label: "Opinion", count: unrated, href: None });
    }
    items
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// ISO form for `<time datetime>`.
    pub iso: String,
    pub human: String,
    pub precision: &'static str,
    pub approx: bool,
}

pub fn date_view(date: PartialDate, approx: bool) -> DateView {
    DateView { iso: date.to_string(), human: date.human(), precision: date.precision(), approx }
}

#[derive(Serialize, Clone)]
pub struct CompanyLink {
    pub href: String,
    pub name: String,
}

pub fn company_link(page: &str, company: &Company) -> CompanyLink {
    CompanyLink { href: links::href(page, &links::company(&company.id)), name: company.name.clone() }
}

pub fn company_links(page: &str, digest: &Digest, companies: &[CompanyIdx]) -> Vec<CompanyLink> {
    companies.iter().map(|&c| company_link(page, &digest.companies[c])).collect()
}

/// A claim as shown away from its note: on another article, the timeline,
/// a company page or the claims page.
#[derive(Serialize, Clone)]
pub struct ClaimRef {
    pub href: String,
    pub id: String,
    pub quote: String,
    pub lang: String,
    pub paraphrase: Option<String>,
    /// The note's first sentence, as plain text.
    pub note_start: String,
    /// What a list shows of the claim in English: its paraphrase, or
    /// without one the note's first sentence.
    pub gist: String,
    pub verdict: VerdictView,
    pub kind: &'static str,
    pub article_title: String,
    pub article_title_en: Option<String>,
    pub publisher: String,
}

pub fn claim_ref(page: &str, digest: &Digest, idx: ClaimIdx) -> ClaimRef {
    let claim = &digest.claims[idx];
    let article = &digest.articles[claim.article];
    ClaimRef {
        href: links::href(page, &links::claim(&article.slug, &claim.id)),
        id: claim.id.clone(),
        quote: claim.quote(digest).to_string(),
        lang: article.lang.clone(),
        paraphrase: claim.paraphrase.clone(),
        note_start: first_sentence(&claim.note),
        gist: claim.paraphrase.clone().unwrap_or_else(|| first_sentence(&claim.note)),
        verdict: verdict_view(claim),
        kind: claim.kind.label(),
        article_title: article.title.clone(),
        article_title_en: article.title_en.clone(),
        publisher: article.publisher.clone(),
    }
}

#[derive(Serialize)]
pub struct SourceView {
    pub title: Option<String>,
    pub publisher: String,
    pub url: String,
    pub date: Option<DateView>,
    pub excerpt: Option<String>,
}

pub fn source_views(sources: &[Source]) -> Vec<SourceView> {
    sources
        .iter()
        .map(|s| SourceView {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            date: s.date.map(|d| date_view(d, false)),
            excerpt: s.excerpt.clone(),
        })
        .collect()
}

pub fn note_html(markdown: &str) -> String {
    render_markdown(markdown, Placement::Note)
}

pub fn section_html(markdown: &str) -> String {
    render_markdown(markdown, Placement::Section)
}

/// The English name of a language code, for the article's metadata.
pub fn language_name(code: &str) -> String {
    let name = match code.split('-').next().unwrap_or(code) {
        "fr" => "French",
        "en" => "English",
        "de" => "German",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "nl" => "Dutch",
        _ => return code.to_string(),
    };
    name.to_string()
}

#[derive(Serialize)]
pub struct NotFoundPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
}

/// GitHub Pages serves 404.html in place of any missing path, at any depth,
/// so relative links would resolve against the wrong folder. With a
/// `base_url` the page's links are made absolute; without one they stay
/// relative, which is right at the site's top level and from disk.
pub fn not_found_page(digest: &Digest) -> NotFoundPage<'_> {
    let mut frame = frame(digest, "404.html", "Page not found".into(), "");
    if let Some(base) = &digest.site.base_url {
        frame.root = base.clone();
        for item in &mut frame.nav {
            item.href = format!("{base}{}", item.href);
        }
        frame.feed = Some(links::absolute(base, "feed.xml"));
    }
    // Served in place of missing pages: no address of its own.
    frame.canonical = None;
    NotFoundPage { frame }
}
