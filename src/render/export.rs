//! The digest as data: claims.json (every claim, with its article, verdict,
//! evidence, links and W3C Web Annotation selectors) and timeline.json
//! (events and publications by date). Their shape is fixed by the JSON
//! Schemas in docs/schema/ and described in docs/data-export.md; a change
//! here is a change there.

use super::links;
use super::output::OutputFile;
use super::text_fragment::text_fragment_url;
use crate::model::{ClaimIdx, Digest, Source, TimelineItem};
use serde::Serialize;

/// The versions of claims.json and timeline.json: bumped when a field
/// changes meaning or disappears (not when one is added). claims.json's 2
/// dropped what its own records already say (an article's list of claims, a
/// claim's `page` and `url`).
const CLAIMS_FORMAT: u32 = 2;
const TIMELINE_FORMAT: u32 = 1;
/// Characters of context kept on each side of a quote in its TextQuoteSelector.
const CONTEXT_CHARS: usize = 32;

pub const CLAIMS: &str = "claims.json";
pub const TIMELINE: &str = "timeline.json";

#[derive(Serialize)]
struct ClaimsFile<'a> {
    format: u32,
    site: SiteData<'a>,
    articles: Vec<ArticleData<'a>>,
    claims: Vec<ClaimData<'a>>,
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    authors: &'a [String],
}

#[derive(Serialize)]
struct ArticleData<'a> {
    slug: &'a str,
    title: &'a str,
    title_en: Option<&'a str>,
    publisher: &'a str,
    published: String,
    published_approx: bool,
    url: Option<&'a str>,
    lang: &'a str,
    summary: &'a str,
    seed: String,
    page: String,
}

#[derive(Serialize)]
struct ClaimData<'a> {
    /// `slug#id`, as `[[claim.link]] to` writes it.
    #[serde(rename = "ref")]
    reference: String,
    id: &'a str,
    article: &'a str,
    quote: &'a str,
    paraphrase: Option<&'a str>,
    kind: &'static str,
    verdict: Option<&'static str>,
    companies: Vec<&'a str>,
    event: Option<&'a str>,
    note: &'a str,
    sources: Vec<SourceData<'a>>,
    links: Vec<LinkData>,
    backlinks: Vec<BacklinkData>,
    original: Option<String>,
    target: Target<'a>,
    updated: Option<String>,
    history: Vec<CorrectionData<'a>>,
}

#[derive(Serialize)]
struct CorrectionData<'a> {
    date: String,
    verdict: Option<VerdictChangeData>,
    note_revised: bool,
    sources_added: &'a [String],
    reason: &'a str,
}

#[derive(Serialize)]
struct VerdictChangeData {
    from: &'static str,
    to: &'static str,
}

#[derive(Serialize)]
struct SourceData<'a> {
    title: Option<&'a str>,
    publisher: &'a str,
    url: &'a str,
    date: Option<String>,
    excerpt: Option<&'a str>,
}

#[derive(Serialize)]
struct LinkData {
    rel: &'static str,
    to: String,
}

#[derive(Serialize)]
struct BacklinkData {
    rel: &'static str,
    from: String,
}

/// A W3C Web Annotation target: the seed, and two selectors of the quote.
#[derive(Serialize)]
struct Target<'a> {
    source: String,
    selector: (QuoteSelector<'a>, PositionSelector),
}

/// A W3C TextQuoteSelector of a quote in its seed.
#[derive(Serialize)]
pub(super) struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
}

/// A W3C TextPositionSelector. Positions count Unicode code points of the
/// seed as glose reads it (a leading BOM removed, line endings as LF).
#[derive(Serialize)]
pub(super) struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
struct TimelineFile<'a> {
    format: u32,
    entries: Vec<TimelineEntryData<'a>>,
}

#[derive(Serialize)]
struct TimelineEntryData<'a> {
    /// "event" or "publication".
    kind: &'static str,
    /// The event's id, or the article's slug.
    id: &'a str,
    date: String,
    approx: bool,
    title: String,
    summary: Option<&'a str>,
    context: bool,
    page: String,
    companies: Vec<&'a str>,
    claims: Vec<String>,
    sources: Vec<SourceData<'a>>,
}

/// claims.json and timeline.json.
pub fn files(digest: &Digest) -> Vec<OutputFile> {
    vec![json_file(CLAIMS, &claims_file(digest)), json_file(TIMELINE, &timeline_file(digest))]
}

fn json_file(path: &str, value: &impl Serialize) -> OutputFile {
    let bytes = super::record_json::to_vec(value).expect("plain structs always serialize");
    OutputFile { path: path.into(), bytes }
}

fn reference(digest: &Digest, idx: ClaimIdx) -> String {
    let claim = &digest.claims[idx];
    format!("{}#{}", digest.articles[claim.article].slug, claim.id)
}

fn claims_file(digest: &Digest) -> ClaimsFile<'_> {
    let site = &digest.site;
    let articles = digest
        .articles
        .iter()
        .map(|a| ArticleData {
            slug: &a.slug,
            title: &a.title,
            title_en: a.title_en.as_deref(),
            publisher: &a.publisher,
            published: a.published.to_string(),
            published_approx: a.published_approx,
            url: a.url.as_deref(),
            lang: &a.lang,
            summary: &a.summary,
            seed: format!("seeds/{}", a.seed_file),
            page: links::article(&a.slug),
        })
        .collect();
    ClaimsFile {
        format: CLAIMS_FORMAT,
        site: SiteData {
            title: &site.title,
            description: &site.description,
            language: &site.language,
            base_url: site.base_url.as_deref(),
            authors: &site.authors,
        },
        articles,
        claims: (0..digest.claims.len()).map(|c| claim_data(digest, c)).collect(),
    }
}

fn claim_data(digest: &Digest, idx: ClaimIdx) -> ClaimData<'_> {
    let claim = &digest.claims[idx];
    let article = &digest.articles[claim.article];
    let quote = claim.quote(digest);
    ClaimData {
        reference: reference(digest, idx),
        id: &claim.id,
        article: &article.slug,
        quote,
        paraphrase: claim.paraphrase.as_deref(),
        kind: claim.kind.label(),
        verdict: claim.verdict.map(|v| v.slug()),
        companies: claim.companies.iter().map(|&c| digest.companies[c].id.as_str()).collect(),
        event: claim.event.map(|e| digest.events[e].id.as_str()),
        note: &claim.note,
        sources: sources(&claim.sources),
        links: claim.links.iter().map(|l| LinkData { rel: l.rel.forward(), to: reference(digest, l.to) }).collect(),
        backlinks: digest.graph.incoming[idx]
            .iter()
            .map(|l| BacklinkData { rel: l.rel.forward(), from: reference(digest, l.to) })
            .collect(),
        original: article.url.as_deref().map(|u| text_fragment_url(u, &article.seed, claim.bytes.clone())),
        target: target(&article.seed, claim.bytes.clone(), &article.seed_file),
        updated: claim.updated().map(|d| d.to_string()),
        history: claim
            .history
            .iter()
            .map(|c| CorrectionData {
                date: c.date.to_string(),
                verdict: c.verdict.map(|(from, to)| VerdictChangeData { from: from.slug(), to: to.slug() }),
                note_revised: c.note_revised,
                sources_added: &c.sources_added,
                reason: &c.reason,
            })
            .collect(),
    }
}

fn target<'a>(seed: &'a str, bytes: std::ops::Range<usize>, seed_file: &str) -> Target<'a> {
    Target { source: format!("seeds/{seed_file}"), selector: selectors(seed, bytes) }
}

/// The two selectors of `seed[bytes]`. The context is cut at whole
/// characters as a reader sees them (grapheme clusters: a letter keeps its
/// accent, an emoji its modifiers), at most [`CONTEXT_CHARS`] code points.
pub(super) fn selectors(seed: &str, bytes: std::ops::Range<usize>) -> (QuoteSelector<'_>, PositionSelector) {
    use unicode_segmentation::UnicodeSegmentation;
    let before = &seed[..bytes.start];
    let after = &seed[bytes.end..];
    // Whole clusters are taken while the context stays within the limit.
    let mut taken = 0;
    let prefix_start = before
        .grapheme_indices(true)
        .rev()
        .take_while(|(_, g)| {
            taken += g.chars().count();
            taken <= CONTEXT_CHARS
        })
        .last()
        .map_or(before.len(), |(at, _)| at);
    let mut taken = 0;
    let suffix_end = after
        .grapheme_indices(true)
        .take_while(|(_, g)| {
            taken += g.chars().count();
            taken <= CONTEXT_CHARS
        })
        .last()
        .map_or(0, |(at, g)| at + g.len());
    let start = before.chars().count();
    (
        QuoteSelector {
            kind: "TextQuoteSelector",
            exact: &seed[bytes.clone()],
            prefix: &before[prefix_start..],
            suffix: &after[..suffix_end],
        },
        PositionSelector { kind: "TextPositionSelector", start, end: start + seed[bytes].chars().count() },
    )
}

fn sources(list: &[Source]) -> Vec<SourceData<'_>> {
    list.iter()
        .map(|s| SourceData {
            title: s.title.as_deref(),
            publisher: &s.publisher,
            url: &s.url,
            date: s.date.map(|d| d.to_string()),
            excerpt: s.excerpt.as_deref(),
        })
        .collect()
}

/// Events and publications in the timeline page's order, which the model
/// keeps: by date, events before publications on the same date, then by id.
fn timeline_file(digest: &Digest) -> TimelineFile<'_> {
    let entries = digest.listing.timeline.iter().map(|&item| timeline_entry(digest, item)).collect();
    TimelineFile { format: TIMELINE_FORMAT, entries }
}

fn timeline_entry(digest: &Digest, item: TimelineItem) -> TimelineEntryData<'_> {
    match item {
        TimelineItem::Event(idx) => {
            let event = &digest.events[idx];
            TimelineEntryData {
                kind: "event",
                id: &event.id,
                date: event.date.to_string(),
                approx: event.approx,
                title: event.title.clone(),
                summary: event.summary.as_deref(),
                context: event.context,
                page: links::event_in(digest, idx),
                companies: event.companies.iter().map(|&c| digest.companies[c].id.as_str()).collect(),
                claims: digest.graph.event_claims[idx].iter().map(|&c| reference(digest, c)).collect(),
                sources: sources(&event.sources),
            }
        }
        TimelineItem::Publication(idx) => {
            let article = &digest.articles[idx];
            TimelineEntryData {
                kind: "publication",
                id: &article.slug,
                date: article.published.to_string(),
                approx: article.published_approx,
                title: format!("{} publishes “{}”", article.publisher, article.title_in_english()),
                summary: Some(&article.summary),
                context: false,
                page: links::article(&article.slug),
                companies: Vec::new(),
                claims: article.claims.clone().map(|c| reference(digest, c)).collect(),
                sources: Vec::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_count_code_points_and_keep_short_context() {
        let seed = "Début: l’accord à 10\u{a0}milliards — signé.";
        let start = seed.find("10").unwrap();
        let end = seed.find(" —").unwrap();
        let target = target(seed, start..end, "x.txt");
        assert_eq!(target.selector.0.exact, "10\u{a0}milliards");
        assert_eq!(target.selector.0.prefix, "Début: l’accord à ");
        assert_eq!(target.selector.0.suffix, " — signé.");
        assert_eq!((target.selector.1.start, target.selector.1.end), (18, 30));
        let chars: Vec<char> = seed.chars().collect();
        assert_eq!(chars[18..30].iter().collect::<String>(), "10\u{a0}milliards");
    }

    #[test]
    fn context_is_cut_to_32_characters() {
        let seed = format!("{}QUOTE{}", "é".repeat(40), "ü".repeat(40));
        let start = seed.find("QUOTE").unwrap();
        let target = target(&seed, start..start + 5, "x.txt");
        assert_eq!(target.selector.0.prefix, "é".repeat(32));
        assert_eq!(target.selector.0.suffix, "ü".repeat(32));
    }

    #[test]
    fn context_never_splits_a_letter_from_its_accent() {
        // "e" + U+0301 COMBINING ACUTE ACCENT is one character for a reader;
        // 31 code points of "x" leave no room for both.
        let seed = format!("e\u{301}{}QUOTEe\u{301}", "x".repeat(31));
        let start = seed.find("QUOTE").unwrap();
        let (quote, _) = selectors(&seed, start..start + 5);
        assert_eq!(quote.prefix, "x".repeat(31));
        assert_eq!(quote.suffix, "e\u{301}");
    }
}
