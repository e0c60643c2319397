//! The digest-wide pages: the index, the timeline and the list of claims.

use super::{
    ClaimRef, CompanyLink, DateView, Frame, SourceView, TallyItem, claim_ref, company_links, date_view, frame,
    section_html, source_views, tally,
};
use crate::model::{Digest, PartialDate, Verdict};
use crate::render::links;
use serde::Serialize;

#[derive(Serialize)]
pub struct IndexPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub articles: Vec<ArticleCard>,
    pub latest_events: Vec<EventCard>,
    pub tally: Vec<TallyItem>,
    pub claim_count: usize,
    pub rated_count: usize,
    pub company_count: usize,
    pub event_count: usize,
    /// Link to changes.html, when this build has one.
    pub changes_href: Option<String>,
}

#[derive(Serialize)]
pub struct ArticleCard {
    pub href: String,
    pub title: String,
    pub title_en: Option<String>,
    pub publisher: String,
    pub published: DateView,
    pub lang: String,
    pub summary: String,
    pub tally: Vec<TallyItem>,
    pub claim_count: usize,
    pub companies: Vec<CompanyLink>,
}

#[derive(Serialize)]
pub struct EventCard {
    pub href: String,
    pub title: String,
    pub date: DateView,
    pub claims: usize,
}

/// How many companies an article card names, most mentioned first.
const CARD_COMPANIES: usize = 8;
/// How many events the index shows.
const LATEST_EVENTS: usize = 8;

pub fn index_page(digest: &Digest, has_changes: bool) -> IndexPage<'_> {
    let page = links::index();
    let mut order: Vec<usize> = (0..digest.articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&digest.articles[a], &digest.articles[b]);
        b.published.cmp(&a.published).then(a.slug.cmp(&b.slug))
    });
    let articles = order
        .into_iter()
        .map(|idx| {
            let article = &digest.articles[idx];
            let mut mentions = article.mentions.clone();
            mentions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let top: Vec<usize> = mentions.iter().take(CARD_COMPANIES).map(|m| m.0).collect();
            ArticleCard {
                href: links::href(&page, &links::article(&article.slug)),
                title: article.title.clone(),
                title_en: article.title_en.clone(),
                publisher: article.publisher.clone(),
                published: date_view(article.published, article.published_approx),
                lang: article.lang.clone(),
                summary: article.summary.clone(),
                tally: tally(digest.claims_of(idx)),
                claim_count: article.claims.len(),
                companies: company_links(&page, digest, &top),
            }
        })
        .collect();
    let latest_events = digest
        .events
        .iter()
        .enumerate()
        .rev()
        .take(LATEST_EVENTS)
        .map(|(idx, event)| EventCard {
            href: links::href(&page, &links::event(&event.id)),
            title: event.title.clone(),
            date: date_view(event.date, event.approx),
            claims: digest.graph.event_claims[idx].len(),
        })
        .collect();
    IndexPage {
        frame: frame(digest, &page, digest.site.title.clone(), &page),
        articles,
        latest_events,
        tally: tally(&digest.claims),
        claim_count: digest.claims.len(),
        rated_count: digest.claims.iter().filter(|c| c.verdict.is_some()).count(),
        company_count: digest.companies.len(),
        event_count: digest.events.len(),
        changes_href: has_changes.then(|| links::href(&page, "changes.html")),
    }
}

#[derive(Serialize)]
pub struct TimelinePage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub years: Vec<YearGroup>,
}

#[derive(Serialize)]
pub struct YearGroup {
    pub year: u16,
    pub entries: Vec<TimelineEntry>,
}

/// An event, or an article's publication.
#[derive(Serialize)]
pub struct TimelineEntry {
    /// "event" or "publication".
    pub kind: &'static str,
    pub anchor: String,
    pub date: DateView,
    pub title: String,
    pub href: Option<String>,
    pub summary_html: Option<String>,
    pub context: bool,
    pub claims: Vec<ClaimRef>,
    pub companies: Vec<CompanyLink>,
    pub sources: Vec<SourceView>,
}

pub fn timeline_page(digest: &Digest) -> TimelinePage<'_> {
    let page = "timeline.html".to_string();
    let mut entries: Vec<(PartialDate, u8, String, TimelineEntry)> = Vec::new();
    for (idx, event) in digest.events.iter().enumerate() {
        let entry = TimelineEntry {
            kind: "event",
            anchor: format!("event-{}", links::css_word(&event.id)),
            date: date_view(event.date, event.approx),
            title: event.title.clone(),
            href: None,
            summary_html: event.summary.as_deref().map(section_html),
            context: event.context,
            claims: digest.graph.event_claims[idx].iter().map(|&c| claim_ref(&page, digest, c)).collect(),
            companies: company_links(&page, digest, &event.companies),
            sources: source_views(&event.sources),
        };
        entries.push((event.date, 0, event.id.clone(), entry));
    }
    for article in &digest.articles {
        let entry = TimelineEntry {
            kind: "publication",
            anchor: format!("published-{}", article.slug),
            date: date_view(article.published, article.published_approx),
            title: format!("{} publishes “{}”", article.publisher, article.title_in_english()),
            href: Some(links::href(&page, &links::article(&article.slug))),
            summary_html: None,
            context: false,
            claims: Vec::new(),
            companies: Vec::new(),
            sources: Vec::new(),
        };
        entries.push((article.published, 1, article.slug.clone(), entry));
    }
    entries.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    let mut years: Vec<YearGroup> = Vec::new();
    for (date, _, _, entry) in entries {
        match years.last_mut() {
            Some(group) if group.year == date.year => group.entries.push(entry),
            _ => years.push(YearGroup { year: date.year, entries: vec![entry] }),
        }
    }
    TimelinePage { frame: frame(digest, &page, "Timeline".into(), &page), years }
}

#[derive(Serialize)]
pub struct ClaimsPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub groups: Vec<VerdictGroup>,
    pub tally: Vec<TallyItem>,
    pub rated: usize,
}

#[derive(Serialize)]
pub struct VerdictGroup {
    pub slug: &'static str,
    pub label: &'static str,
    pub claims: Vec<ClaimRef>,
}

pub fn claims_page(digest: &Digest) -> ClaimsPage<'_> {
    let page = "claims.html".to_string();
    let verdicts = Verdict::ALL.iter().map(|&v| (Some(v), v.slug(), v.label()));
    let groups = verdicts
        .chain([(None, "opinion", "Opinion, not rated")])
        .map(|(verdict, slug, label)| VerdictGroup {
            slug,
            label,
            claims: (0..digest.claims.len())
                .filter(|&c| digest.claims[c].verdict == verdict)
                .map(|c| claim_ref(&page, digest, c))
                .collect(),
        })
        .filter(|group| !group.claims.is_empty())
        .collect();
    ClaimsPage {
        frame: frame(digest, &page, "All claims".into(), &page),
        groups,
        tally: tally(&digest.claims),
        rated: digest.claims.iter().filter(|c| c.verdict.is_some()).count(),
    }
}
