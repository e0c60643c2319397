//! One article: its seed, its blocks, and its claims and elisions anchored.
//! Links between claims are resolved later, once every article is known.

use super::ResolveError;
use super::anchor::{self, AnchorError};
use super::error::NearestPassage;
use super::references::{IdTable, check_url, claim_id, input_date, lookup, lookup_companies, resolve_sources, span_of};
use crate::load::article::{ArticleFile, ClaimEntry, LinkEntry};
use crate::load::{RawArticle, Seed};
use crate::model::{Article, Block, BlockRole, Claim, Elide, Kind, PartialDate, Relation, Source};
use crate::source::{LineIndex, SourceId, SourceMap, Span};
use std::collections::BTreeMap;
use std::ops::Range;

/// What the article-level pass knows; claim links still unresolved.
#[derive(Clone)]
pub struct ArticleDraft {
    pub article: Article,
    pub claims: Vec<Claim>,
    /// Per claim, its declared links as written.
    pub links: Vec<Vec<(Span, String, Relation)>>,
    /// Per claim, the span of its id.
    pub id_spans: Vec<Span>,
    /// Ids of claims dropped for an error already reported (a quote not
    /// found…): links to them are not reported a second time.
    pub dropped: Vec<String>,
}

/// Lookup tables shared by all articles.
pub struct Tables<'a> {
    pub sources: &'a SourceMap,
    pub unreadable_seeds: &'a [String],
    pub seeds: &'a BTreeMap<String, &'a Seed>,
    pub companies: &'a BTreeMap<String, usize>,
    pub events: &'a BTreeMap<String, usize>,
}

pub fn resolve_article(raw: &RawArticle, tables: &Tables) -> (Option<ArticleDraft>, Vec<ResolveError>) {
    let mut errors = Vec::new();
    let (source, front) = (raw.source, &raw.front);
    let seed = find_seed(raw, tables, &mut errors);
    let published = input_date(source, &front.published, &mut errors);
    let url = front.url.as_ref().and_then(|u| check_url(source, u, &mut errors));
    super::check_language(source, &front.lang, &mut errors);
    let Some(seed) = seed else {
        // Still check what can be checked without the seed text.
        for entry in &front.claims {
            resolve_claim_fields(entry, source, tables, &mut errors);
        }
        return (None, errors);
    };
    let anchoring = Anchoring { source, seed: &seed.file_name, text: &seed.text, lines: LineIndex::new(&seed.text) };
    let ClaimDrafts { claims, links, id_spans, dropped } = resolve_claims(front, &anchoring, tables, &mut errors);
    let elides = resolve_elides(front, &anchoring, &claims, &mut errors);
    let headings = heading_set(front, source, &seed.text, &seed.file_name, &mut errors);
    let file = tables.sources.get(source);
    let article = Article {
        slug: raw.slug.clone(),
        file: file.path.clone(),
        annotation: file.text.as_str().into(),
        seed_file: seed.file_name.clone(),
        seed: seed.text.clone(),
        title: front.title.clone(),
        title_en: front.title_en.clone(),
        published: published.unwrap_or(PartialDate { year: 0, month: None, day: None }),
        published_approx: front.published_approx,
        publisher: front.publisher.clone(),
        url,
        lang: front.lang.get_ref().clone(),
        summary: front.summary.clone(),
        body: file.text[raw.body.clone()].to_string(),
        blocks: blocks(&seed.text, &front.title, &headings, &elides),
        elides,
        claims: 0..0,
        mentions: Vec::new(),
        mentions_at: Vec::new(),
    };
    (Some(ArticleDraft { article, claims, links, id_spans, dropped }), errors)
}

/// The seed the article names; `None`, reported, when there is no such
/// seed.
fn find_seed<'a>(raw: &RawArticle, tables: &Tables<'a>, errors: &mut Vec<ResolveError>) -> Option<&'a Seed> {
    let seed_name = raw.front.seed.get_ref();
    match tables.seeds.get(seed_name) {
        Some(seed) => Some(*seed),
        // Already reported when the seed was read.
        None if tables.unreadable_seeds.contains(seed_name) => None,
        None => {
            let hint = "`seed` must name a file in seeds/";
            let names = tables.seeds.keys().map(|k| (k.clone(), 0)).collect();
            lookup(&names, span_of(raw.source, &raw.front.seed), seed_name, "seed", hint, errors);
            None
        }
    }
}

/// One article's seed, with what places a quote in it.
struct Anchoring<'a> {
    /// The annotation file the quotes are written in.
    source: SourceId,
    /// The seed's file name, as messages show it.
    seed: &'a str,
    text: &'a str,
    lines: LineIndex,
}

impl Anchoring<'_> {
    fn locate(&self, bytes: usize) -> (usize, usize) {
        self.lines.line_col(self.text, bytes)
    }
}

/// The claims that anchored, with what [`ArticleDraft`] keeps beside each.
struct ClaimDrafts {
    claims: Vec<Claim>,
    links: Vec<Vec<(Span, String, Relation)>>,
    id_spans: Vec<Span>,
    dropped: Vec<String>,
}

fn resolve_claims(
    front: &ArticleFile,
    anchoring: &Anchoring,
    tables: &Tables,
    errors: &mut Vec<ResolveError>,
) -> ClaimDrafts {
    let source = anchoring.source;
    let mut ids = IdTable::new();
    let mut drafts = ClaimDrafts { claims: Vec::new(), links: Vec::new(), id_spans: Vec::new(), dropped: Vec::new() };
    for entry in &front.claims {
        let id_span = span_of(source, &entry.id);
        let unique = claim_id(&mut ids, tables.sources, id_span.clone(), entry.id.get_ref(), "claim", errors);
        let selector = Selector {
            what: "quote",
            quote: &entry.quote,
            prefix: entry.prefix.as_ref(),
            suffix: entry.suffix.as_ref(),
        };
        let bytes = anchor_quote(anchoring, &selector, errors);
        let (companies, event, sources) = resolve_claim_fields(entry, source, tables, errors);
        check_rating(entry, &id_span, sources.len(), errors);
        let history = super::history::resolve_history(entry, source, errors);
        let (Some(bytes), true) = (bytes, unique) else {
            drafts.dropped.push(entry.id.get_ref().clone());
            continue;
        };
        let line = tables.sources.get(source).lines.line_col(&tables.sources.get(source).text, id_span.bytes.start).0;
        drafts.links.push(
            entry.links.iter().map(|l: &LinkEntry| (span_of(source, &l.to), l.to.get_ref().clone(), l.rel)).collect(),
        );
        drafts.id_spans.push(id_span);
        drafts.claims.push(Claim {
            article: 0,
            id: entry.id.get_ref().clone(),
            bytes,
            kind: entry.kind,
            verdict: entry.verdict.as_ref().map(|v| *v.get_ref()),
            paraphrase: entry.paraphrase.clone(),
            companies,
            event,
            note: entry.note.clone(),
            sources,
            links: Vec::new(),
            history,
            line,
            verdict_at: entry.verdict.as_ref().map(|v| span_of(source, v)),
        });
    }
    drafts
}

/// The elisions that anchored and overlap no claim, in seed order.
fn resolve_elides(
    front: &ArticleFile,
    anchoring: &Anchoring,
    claims: &[Claim],
    errors: &mut Vec<ResolveError>,
) -> Vec<Elide> {
    let mut elides = Vec::new();
    for entry in &front.elides {
        let selector = Selector {
            what: "elided quote",
            quote: &entry.quote,
            prefix: entry.prefix.as_ref(),
            suffix: entry.suffix.as_ref(),
        };
        let Some(bytes) = anchor_quote(anchoring, &selector, errors) else { continue };
        if let Some(claim) = claims.iter().find(|c| overlaps(&c.bytes, &bytes)) {
            errors.push(ResolveError::ElideOverlapsClaim {
                span: span_of(anchoring.source, &entry.quote),
                claim: claim.id.clone(),
            });
            continue;
        }
        elides.push(Elide { bytes, reason: entry.reason.clone() });
    }
    elides.sort_by_key(|e| (e.bytes.start, e.bytes.end));
    elides
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn resolve_claim_fields(
    entry: &ClaimEntry,
    source: SourceId,
    tables: &Tables,
    errors: &mut Vec<ResolveError>,
) -> (Vec<usize>, Option<usize>, Vec<Source>) {
    let companies = lookup_companies(tables.companies, source, &entry.companies, errors);
    let event = entry.event.as_ref().and_then(|e| {
        lookup(
            tables.events,
            span_of(source, e),
            e.get_ref(),
            "event",
            "`event` must be an id from events.toml",
            errors,
        )
    });
    (companies, event, resolve_sources(source, &entry.sources, errors))
}

/// Opinions may go unrated; every other claim needs a verdict, and every
/// verdict but `unverified` needs evidence.
fn check_rating(entry: &ClaimEntry, id_span: &Span, sources: usize, errors: &mut Vec<ResolveError>) {
    let id = entry.id.get_ref().clone();
    match entry.verdict.as_ref().map(|v| *v.get_ref()) {
        None if entry.kind != Kind::Opinion => errors.push(ResolveError::MissingVerdict { span: id_span.clone(), id }),
        Some(verdict) if verdict.needs_evidence() && sources == 0 && entry.sources.is_empty() => {
            errors.push(ResolveError::MissingEvidence { span: id_span.clone(), id, verdict: verdict.slug() })
        }
        _ => {}
    }
}

/// A quote as written, with what picks one of its occurrences.
struct Selector<'a> {
    what: &'static str,
    quote: &'a toml::Spanned<String>,
    prefix: Option<&'a toml::Spanned<String>>,
    suffix: Option<&'a toml::Spanned<String>>,
}

fn anchor_quote(anchoring: &Anchoring, selector: &Selector, errors: &mut Vec<ResolveError>) -> Option<Range<usize>> {
    let (source, text) = (anchoring.source, anchoring.text);
    let locate = |bytes: usize| anchoring.locate(bytes);
    let (what, quote) = (selector.what, selector.quote.get_ref());
    let prefix = selector.prefix.map(|p| p.get_ref().as_str());
    let suffix = selector.suffix.map(|s| s.get_ref().as_str());
    let span = span_of(source, selector.quote);
    let seed = anchoring.seed.to_string();
    match anchor::resolve_quote(text, quote, prefix, suffix) {
        Ok(bytes) => return Some(bytes),
        Err(AnchorError::Empty) => errors.push(ResolveError::EmptyQuote { span, what }),
        Err(AnchorError::Ambiguous { starts }) => {
            let places = starts.iter().map(|&s| locate(s)).collect();
            errors.push(ResolveError::QuoteAmbiguous { span, what, seed, places });
        }
        Err(AnchorError::NotFound { occurrences, .. }) if !occurrences.is_empty() => {
            // The quote is there; the prefix or suffix is what does not match.
            let (span, places) = match (selector.prefix, selector.suffix) {
                (Some(p), _) => {
                    (span_of(source, p), occurrences.iter().map(|&s| context_place(text, s, true, &locate)).collect())
                }
                (None, Some(x)) => (
                    span_of(source, x),
                    occurrences.iter().map(|&s| context_place(text, s + quote.len(), false, &locate)).collect(),
                ),
                (None, None) => (span, Vec::new()),
            };
            errors.push(ResolveError::ContextNotFound { span, what, seed, places });
        }
        Err(AnchorError::NotFound { nearest, .. }) => {
            let nearest = nearest.map(|n| NearestPassage::locate(text, &anchoring.lines, n));
            errors.push(ResolveError::QuoteNotFound { span, what, seed, nearest });
        }
    }
    None
}

/// Where an occurrence stands and the few words just before (`before`) or
/// after it, for a prefix or suffix that matched none of them.
fn context_place(
    text: &str,
    at: usize,
    before: bool,
    locate: &dyn Fn(usize) -> (usize, usize),
) -> (usize, usize, String) {
    const WIDTH: usize = 24;
    // Only the same line: a prefix or suffix never needs to span a break.
    let context: String = if before {
        let line = text[..at].rsplit('\n').next().unwrap_or("");
        let chars: Vec<char> = line.chars().rev().take(WIDTH).collect();
        chars.into_iter().rev().collect()
    } else {
        text[at..].split('\n').next().unwrap_or("").chars().take(WIDTH).collect()
    };
    let (line, column) = locate(at);
    (line, column, context)
}

/// The trimmed lines listed as headings, each checked to be a seed line.
fn heading_set(
    front: &ArticleFile,
    source: SourceId,
    text: &str,
    seed: &str,
    errors: &mut Vec<ResolveError>,
) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut set = Vec::new();
    for heading in &front.headings {
        let wanted = heading.get_ref().trim();
        if lines.contains(&wanted) {
            set.push(wanted.to_string());
        } else {
            let nearest = lines
                .iter()
                .map(|l| (strsim::normalized_levenshtein(wanted, l), *l))
                .filter(|(score, _)| *score > 0.5)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, l)| l.to_string());
            errors.push(ResolveError::HeadingNotFound {
                span: span_of(source, heading),
                seed: seed.to_string(),
                nearest,
            });
        }
    }
    set
}

/// Each non-empty line is a block, trimmed of surrounding white space. The
/// first line a reader sees is the title when it reads as the title once
/// elided debris (a date stamp before it, say, or whole lines of it above)
/// is left out.
pub fn blocks(text: &str, title: &str, headings: &[String], elides: &[Elide]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut seen = false;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let bytes = start + lead..start + lead + trimmed.len();
            let shown = visible(text, bytes.clone(), elides);
            let first_seen = !seen && !shown.trim().is_empty();
            seen |= first_seen;
            let role = if first_seen && shown.trim() == title.trim() {
                BlockRole::Title
            } else if headings.iter().any(|h| h == trimmed) {
                BlockRole::Heading
            } else {
                BlockRole::Paragraph
            };
            blocks.push(Block { bytes, role });
        }
        start += line.len() + 1;
    }
    blocks
}

/// `text[bytes]` without the elided parts.
fn visible(text: &str, bytes: Range<usize>, elides: &[Elide]) -> String {
    let mut out = String::new();
    let mut at = bytes.start;
    for elide in elides.iter().filter(|e| e.bytes.start < bytes.end && e.bytes.end > bytes.start) {
        out.push_str(&text[at..elide.bytes.start.max(at)]);
        at = elide.bytes.end.min(bytes.end).max(at);
    }
    out.push_str(&text[at..bytes.end]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_trimmed_non_empty_lines() {
        let text = "Titre\n\n  Premier paragraphe. \n💡 En résumé\nFin";
        let blocks = blocks(text, "Titre", &["💡 En résumé".to_string()], &[]);
        let shown: Vec<(&str, BlockRole)> = blocks.iter().map(|b| (&text[b.bytes.clone()], b.role)).collect();
        assert_eq!(
            shown,
            vec![
                ("Titre", BlockRole::Title),
                ("Premier paragraphe.", BlockRole::Paragraph),
                ("💡 En résumé", BlockRole::Heading),
                ("Fin", BlockRole::Paragraph),
            ]
        );
    }

    #[test]
    fn a_title_line_may_carry_elided_debris() {
        let text = " date 2025-10-24 Titre\nSuite";
        let elides = [Elide { bytes: 1..17, reason: "date stamp".into() }];
        assert_eq!(blocks(text, "Titre", &[], &elides)[0].role, BlockRole::Title);
    }

    #[test]
    fn elided_lines_before_the_title_leave_it_the_title() {
        let text = "Publié le 24/10\nPartager\nTitre\nSuite\nTitre";
        let elides = [Elide { bytes: 0..16, reason: "date".into() }, Elide { bytes: 17..25, reason: "share".into() }];
        let roles: Vec<BlockRole> = blocks(text, "Titre", &[], &elides).iter().map(|b| b.role).collect();
        use BlockRole::{Paragraph, Title};
        assert_eq!(roles, vec![Paragraph, Paragraph, Title, Paragraph, Paragraph]);
    }

    #[test]
    fn only_a_first_line_can_be_the_title() {
        let blocks = blocks("Intro\nTitre", "Titre", &[], &[]);
        assert!(blocks.iter().all(|b| b.role == BlockRole::Paragraph));
    }
}
