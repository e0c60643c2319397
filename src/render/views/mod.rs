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

use super::catalogue::Catalogue;
use super::links;
use super::markdown::{Placement, first_sentence, render_markdown};
use crate::model::{Claim, ClaimIdx, Company, CompanyIdx, Digest, PartialDate, Source, Tally, Verdict};
use crate::script::direction;
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
    /// `rtl` or `ltr`: the direction of the digest's language.
    pub dir: &'static str,
    pub authors: &'a [String],
}

#[derive(Serialize)]
pub struct NavItem {
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub fn frame<'a>(
    digest: &'a Digest,
    words: &Catalogue,
    page_path: &str,
    page_title: String,
    section: &str,
) -> Frame<'a> {
    let site = &digest.site;
    let nav = [
        ("nav.articles", links::index()),
        ("nav.timeline", "timeline.html".into()),
        ("nav.companies", "companies.html".into()),
        ("nav.claims", "claims.html".into()),
    ]
    .into_iter()
    .map(|(key, target)| NavItem {
        label: words.text(key).to_string(),
        current: target == section,
        href: links::href(page_path, &target),
    })
    .collect();
    Frame {
        site: SiteView {
            title: &site.title,
            description: &site.description,
            language: &site.language,
            dir: direction(&site.language),
            authors: &site.authors,
        },
        root: links::root_of(page_path),
        page_path: page_path.to_string(),
        page_title,
        nav,
        canonical: site.base_url.as_deref().map(|base| links::absolute(base, page_path)),
        feed: site.base_url.as_ref().map(|_| links::href(page_path, "feed.xml")),
        verdicts: Verdict::ALL.iter().map(|&v| VerdictView::of(words, v)).collect(),
    }
}

#[derive(Serialize, Clone)]
pub struct VerdictView {
    pub slug: &'static str,
    pub label: String,
}

impl VerdictView {
    pub fn of(words: &Catalogue, v: Verdict) -> Self {
        VerdictView { slug: v.slug(), label: words.text(&format!("verdict.{}", v.slug())).to_string() }
    }
}

/// The "opinion" pseudo-verdict of unrated claims.
pub fn opinion_view(words: &Catalogue) -> VerdictView {
    VerdictView { slug: "opinion", label: words.text("verdict.opinion").to_string() }
}

/// The verdict of a claim, or the "opinion" pseudo-verdict of unrated ones.
pub fn verdict_view(words: &Catalogue, claim: &Claim) -> VerdictView {
    match claim.verdict {
        Some(v) => VerdictView::of(words, v),
        None => opinion_view(words),
    }
}

#[derive(Serialize)]
pub struct TallyItem {
    pub slug: &'static str,
    pub label: String,
    pub count: usize,
    /// Where the claims counted are listed, when the page links there.
    pub href: Option<String>,
}

/// Non-zero verdict counts in the fixed verdict order, then unrated opinions.
pub fn tally<'a>(words: &Catalogue, claims: impl IntoIterator<Item = &'a Claim>) -> Vec<TallyItem> {
    tally_items(words, Digest::tally(claims))
}

/// [`tally`] from counts made before.
pub fn tally_items(words: &Catalogue, (counts, unrated): Tally) -> Vec<TallyItem> {
    let mut items: Vec<TallyItem> = Verdict::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(&v, count)| TallyItem { slug: v.slug(), label: counted(words, v.slug(), count), count, href: None })
        .collect();
    if unrated > 0 {
        items.push(TallyItem {
            slug: "opinion",
            label: counted(words, "opinion", unrated),
            count: unrated,
            href: None,
        });
    }
    items
}

/// A verdict's words after a count: "3 confirmés" agrees in French.
fn counted(words: &Catalogue, slug: &str, count: usize) -> String {
    words.count(&format!("tally.{slug}"), count as u64, &[])
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// ISO form for `<time datetime>`.
    pub iso: String,
    pub human: String,
    pub precision: &'static str,
    pub approx: bool,
}

pub fn date_view(words: &Catalogue, date: PartialDate, approx: bool) -> DateView {
    DateView { iso: date.to_string(), human: words.date(date), precision: date.precision(), approx }
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
    /// The direction of the quote's language, for its `dir`.
    pub dir: &'static str,
    pub paraphrase: Option<String>,
    /// The note's first sentence, as plain text.
    pub note_start: String,
    /// What a list shows of the claim in English: its paraphrase, or
    /// without one the note's first sentence.
    pub gist: String,
    pub verdict: VerdictView,
    pub kind: String,
    pub article_title: String,
    pub article_title_en: Option<String>,
    pub publisher: String,
}

pub fn claim_ref(words: &Catalogue, page: &str, digest: &Digest, idx: ClaimIdx) -> ClaimRef {
    let claim = &digest.claims[idx];
    let article = &digest.articles[claim.article];
    ClaimRef {
        href: links::href(page, &links::claim(&article.slug, &claim.id)),
        id: claim.id.clone(),
        quote: claim.quote(digest).to_string(),
        lang: article.lang.clone(),
        dir: direction(&article.lang),
        paraphrase: claim.paraphrase.clone(),
        note_start: first_sentence(&claim.note),
        gist: claim.paraphrase.clone().unwrap_or_else(|| first_sentence(&claim.note)),
        verdict: verdict_view(words, claim),
        kind: kind_label(words, claim),
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

pub fn source_views(words: &Catalogue, sources: &[Source]) -> Vec<SourceView> {
    sources
        .iter()
        .map(|s| SourceView {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            date: s.date.map(|d| date_view(words, d, false)),
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

/// What sort of statement the claim is, in the interface's words.
pub fn kind_label(words: &Catalogue, claim: &Claim) -> String {
    words.text(&format!("kind.{}", claim.kind.label())).to_string()
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
pub fn not_found_page<'a>(digest: &'a Digest, words: &Catalogue) -> NotFoundPage<'a> {
    let mut frame = frame(digest, words, "404.html", words.text("title.not_found").into(), "");
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// A tally says "67 confirmés", not "67 confirmé": the verdict agrees
    /// with its count in the interface's language.
    #[test]
    fn a_tally_agrees_with_its_count() {
        let (fr, _) = Catalogue::load(std::path::Path::new("/nonexistent"), "fr").unwrap();
        let mut counts = [0; Verdict::COUNT];
        for (n, v) in [(67, Verdict::Confirmed), (1, Verdict::PartlyTrue)] {
            counts[Verdict::ALL.iter().position(|&w| w == v).unwrap()] = n;
        }
        let items = tally_items(&fr, (counts, 22));
        let said: BTreeSet<String> = items.iter().map(|t| format!("{} {}", t.count, t.label)).collect();
        assert_eq!(said, BTreeSet::from(["67 confirmés".into(), "1 en partie vrai".into(), "22 opinions".into()]));
    }
}
