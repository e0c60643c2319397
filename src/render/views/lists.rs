//! The digest-wide pages: the index, the timeline and the list of claims.

use super::pager::{Pager, page_slice, pager};
use super::{
    ClaimRef, CompanyLink, DateView, Frame, SourceView, TallyItem, claim_ref, company_links, date_view, frame,
    section_html, source_views, tally, tally_items, verdict_view,
};
use crate::model::{Digest, TimelineItem, page_of};
use crate::render::catalogue::Catalogue;
use crate::render::links;
use serde::Serialize;

#[derive(Serialize)]
pub struct IndexPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// This page's articles.
    pub articles: Vec<ArticleCard>,
    pub article_count: usize,
    pub pager: Option<Pager>,
    /// Only on the first page.
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
    pub dir: &'static str,
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

/// Page `number` (from 1) of the index.
pub fn index_page<'a>(digest: &'a Digest, words: &Catalogue, number: usize, has_changes: bool) -> IndexPage<'a> {
    let first = links::index();
    let page = links::list_page(&first, number);
    let size = digest.site.page_size;
    let order = &digest.listing.articles;
    let articles = page_slice(order, number, size)
        .iter()
        .map(|&idx| {
            let article = &digest.articles[idx];
            let mut mentions = article.mentions.clone();
            mentions.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let top: Vec<usize> = mentions.iter().take(CARD_COMPANIES).map(|m| m.0).collect();
            ArticleCard {
                href: links::href(&page, &links::article(&article.slug)),
                title: article.title.clone(),
                title_en: article.title_en.clone(),
                publisher: article.publisher.clone(),
                published: date_view(words, article.published, article.published_approx),
                lang: article.lang.clone(),
                dir: crate::script::direction(&article.lang),
                summary: article.summary.clone(),
                tally: tally(words, digest.claims_of(idx)),
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
        .take(if number == 1 { LATEST_EVENTS } else { 0 })
        .map(|(idx, event)| EventCard {
            href: links::href(&page, &links::event_in(digest, idx)),
            title: event.title.clone(),
            date: date_view(words, event.date, event.approx),
            claims: digest.graph.event_claims[idx].len(),
        })
        .collect();
    let pager = pager(&first, number, order.len(), size);
    let title = match &pager {
        Some(p) if number > 1 => numbered_title(words, "title.articles_page", p),
        _ => digest.site.title.clone(),
    };
    IndexPage {
        frame: frame(digest, words, &page, title, &first),
        articles,
        article_count: order.len(),
        pager,
        latest_events,
        tally: tally_items(words, digest.listing.tally),
        claim_count: digest.claims.len(),
        rated_count: digest.listing.tally.0.iter().sum(),
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
    pub pager: Option<Pager>,
}

#[derive(Serialize)]
pub struct YearGroup {
    pub year: u16,
    /// The year began on an earlier page.
    pub continued: bool,
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
    pub claims: Vec<Report>,
    /// Those claims per verdict: the shapes of the entry's one-line summary.
    pub tally: Vec<TallyItem>,
    pub companies: Vec<CompanyLink>,
    pub sources: Vec<SourceView>,
}

/// A claim reporting an event, and when its article was published.
#[derive(Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub claim: ClaimRef,
    pub published: DateView,
    /// The article was published before the event took place: the claim
    /// foresaw or announced it, it did not report it.
    pub early: bool,
}

/// Page `number` (from 1) of the timeline.
pub fn timeline_page<'a>(digest: &'a Digest, words: &Catalogue, number: usize) -> TimelinePage<'a> {
    let page = links::list_page(links::TIMELINE, number);
    let size = digest.site.page_size;
    let all = &digest.listing.timeline;
    let slice = page_slice(all, number, size);
    let year_of = |item: &TimelineItem| match *item {
        TimelineItem::Event(e) => digest.events[e].date.year,
        TimelineItem::Publication(a) => digest.articles[a].published.year,
    };
    let before = (number - 1) * size;
    let mut years: Vec<YearGroup> = Vec::new();
    for item in slice {
        let (year, entry) = (year_of(item), timeline_entry(digest, words, &page, *item));
        match years.last_mut() {
            Some(group) if group.year == year => group.entries.push(entry),
            _ => {
                let continued = years.is_empty() && before > 0 && year_of(&all[before - 1]) == year;
                years.push(YearGroup { year, continued, entries: vec![entry] })
            }
        }
    }
    let pager = pager(links::TIMELINE, number, all.len(), size);
    let title = match &pager {
        Some(p) => numbered_title(words, "title.timeline_page", p),
        None => words.text("title.timeline").into(),
    };
    TimelinePage { frame: frame(digest, words, &page, title, links::TIMELINE), years, pager }
}

fn timeline_entry(digest: &Digest, words: &Catalogue, page: &str, item: TimelineItem) -> TimelineEntry {
    match item {
        TimelineItem::Event(idx) => {
            let event = &digest.events[idx];
            TimelineEntry {
                kind: "event",
                anchor: format!("event-{}", links::css_word(&event.id)),
                date: date_view(words, event.date, event.approx),
                title: event.title.clone(),
                href: None,
                summary_html: event.summary.as_deref().map(section_html),
                context: event.context,
                claims: digest.graph.event_claims[idx]
                    .iter()
                    .map(|&c| {
                        let article = &digest.articles[digest.claims[c].article];
                        Report {
                            claim: claim_ref(words, page, digest, c),
                            published: date_view(words, article.published, article.published_approx),
                            early: article.published.surely_before(&event.date),
                        }
                    })
                    .collect(),
                tally: tally(words, digest.graph.event_claims[idx].iter().map(|&c| &digest.claims[c])),
                companies: company_links(page, digest, &event.companies),
                sources: source_views(words, &event.sources),
            }
        }
        TimelineItem::Publication(idx) => {
            let article = &digest.articles[idx];
            TimelineEntry {
                kind: "publication",
                anchor: format!("published-{}", article.slug),
                date: date_view(words, article.published, article.published_approx),
                title: words.fill(
                    "timeline.publishes",
                    &[("publisher", &article.publisher), ("title", article.title_in_english())],
                ),
                href: Some(links::href(page, &links::article(&article.slug))),
                summary_html: None,
                context: false,
                claims: Vec::new(),
                tally: Vec::new(),
                companies: Vec::new(),
                sources: Vec::new(),
            }
        }
    }
}

#[derive(Serialize)]
pub struct ClaimsPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub groups: Vec<VerdictGroup>,
    pub tally: Vec<TallyItem>,
    pub rated: usize,
    pub pager: Option<Pager>,
}

#[derive(Serialize)]
pub struct VerdictGroup {
    pub slug: &'static str,
    pub label: String,
    /// Claims with this verdict in the whole digest.
    pub count: usize,
    /// The verdict's claims began on an earlier page.
    pub continued: bool,
    pub claims: Vec<ClaimRef>,
}

/// Page `number` (from 1) of the list of claims.
pub fn claims_page<'a>(digest: &'a Digest, words: &Catalogue, number: usize) -> ClaimsPage<'a> {
    let page = links::list_page(links::CLAIMS, number);
    let size = digest.site.page_size;
    let all = &digest.listing.claims;
    // Each badge of the tally leads to its verdict's section, on the page
    // where that section starts: verdicts follow one another in the list.
    let mut tally = tally_items(words, digest.listing.tally);
    let mut position = 0;
    for item in &mut tally {
        let target = links::list_page(links::CLAIMS, page_of(position, size));
        item.href = Some(links::href(&page, &format!("{target}#verdict-{}", item.slug)));
        position += item.count;
    }
    let before = (number - 1) * size;
    let mut groups: Vec<VerdictGroup> = Vec::new();
    for &c in page_slice(all, number, size) {
        let verdict = verdict_view(words, &digest.claims[c]);
        let claim = claim_ref(words, &page, digest, c);
        match groups.last_mut() {
            Some(group) if group.slug == verdict.slug => group.claims.push(claim),
            _ => {
                let continued = groups.is_empty()
                    && before > 0
                    && digest.claims[all[before - 1]].verdict == digest.claims[c].verdict;
                let count = tally.iter().find(|t| t.slug == verdict.slug).map_or(0, |t| t.count);
                let (slug, label) = (verdict.slug, verdict.label);
                groups.push(VerdictGroup { slug, label, count, continued, claims: vec![claim] });
            }
        }
    }
    let pager = pager(links::CLAIMS, number, all.len(), size);
    let title = match &pager {
        Some(p) => numbered_title(words, "title.claims_page", p),
        None => words.text("title.claims").into(),
    };
    ClaimsPage {
        frame: frame(digest, words, &page, title, links::CLAIMS),
        groups,
        tally,
        rated: digest.listing.tally.0.iter().sum(),
        pager,
    }
}

/// A list's page title, "Timeline, page 2 of 5", in the interface's words.
pub(super) fn numbered_title(words: &Catalogue, key: &str, pager: &Pager) -> String {
    words.fill(key, &[("current", &pager.current.to_string()), ("total", &pager.total.to_string())])
}
