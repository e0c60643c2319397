//! The digest's annotations as W3C Web Annotations (the Web Annotation Data
//! Model and Vocabulary, JSON-LD): an `AnnotationCollection` in
//! annotations.jsonld and its `AnnotationPage`s in annotations-N.jsonld,
//! one `Annotation` per claim. Other annotation tools read them, and
//! `glose import w3c` reads them back. What each property holds, and which
//! requirements of the model each choice meets, is documented in
//! docs/data-export.md; the shape is fixed by
//! docs/schema/annotations.schema.json.

use super::export::{PositionSelector, QuoteSelector, selectors};
use super::links;
use super::output::OutputFile;
use crate::model::{Claim, ClaimIdx, Digest, Source};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::value::RawValue;

/// The collection; its pages are [`page_path`].
pub const COLLECTION: &str = "annotations.jsonld";
/// The context every document of the model must name (as a string when it
/// is the only one).
const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// A page closes before its annotations pass this many bytes, so that no
/// file comes near 10 MB however long the notes are. A page always holds at
/// least one annotation.
const PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Page `n` (from 1) of the collection.
pub fn page_path(n: usize) -> String {
    format!("annotations-{n}.jsonld")
}

/// Every export file sits at the site root, so a site path is also the
/// reference from the file; with a base URL it becomes absolute.
struct Iris<'a> {
    base: Option<&'a str>,
}

impl Iris<'_> {
    fn of(&self, site_path: &str) -> String {
        match self.base {
            Some(base) => links::absolute(base, site_path),
            None => site_path.to_string(),
        }
    }
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    creator: &'a Agent,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    part_of: PartOf,
    start_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    prev: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    items: &'a [Box<RawValue>],
}

#[derive(Serialize)]
struct PartOf {
    id: String,
    label: String,
    total: usize,
}

/// Who made the annotations: the digest itself.
#[derive(Serialize)]
struct Agent {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    /// The latest correction's date, when the claim was corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    creator: &'a Agent,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text(TextualBody<'a>),
    Evidence(EvidenceBody<'a>),
    Link(LinkBody),
}

#[derive(Serialize)]
struct TextualBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    format: &'static str,
    language: &'a str,
}

/// A cited source, included for the assessment; its title, publisher, date
/// and excerpt use schema.org terms, prefixed as the model asks of terms
/// from other vocabularies.
#[derive(Serialize)]
struct EvidenceBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    source: EvidenceSource<'a>,
}

#[derive(Serialize)]
struct EvidenceSource<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "schema:publisher")]
    publisher: &'a str,
    #[serde(rename = "schema:name", skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(rename = "schema:datePublished", skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(rename = "schema:description", skip_serializing_if = "Option::is_none")]
    excerpt: Option<&'a str>,
}

/// A link to another claim's annotation (`purpose` `linking`, the relation
/// as the claim declares it as `label`), or what the quote names: a
/// company's page or the event's timeline entry (`identifying`).
#[derive(Serialize)]
struct LinkBody {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'static str>,
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: TargetSource<'a>,
    selector: Vec<Selector<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Selector<'a> {
    Quote(QuoteSelector<'a>),
    Position(PositionSelector),
}

#[derive(Serialize)]
struct TargetSource<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    language: &'a str,
}

/// annotations.jsonld and its pages.
pub fn files(digest: &Digest) -> Vec<OutputFile> {
    let iris = Iris { base: digest.site.base_url.as_deref() };
    let creator = Agent { id: iris.of(&links::index()), kind: "Organization", name: digest.site.title.clone() };
    let items: Vec<Box<RawValue>> = (0..digest.claims.len())
        .into_par_iter()
        .map(|idx| {
            let json = serde_json::to_string(&annotation(digest, &iris, &creator, idx));
            RawValue::from_string(json.expect("plain structs always serialize")).expect("serde_json wrote JSON")
        })
        .collect();
    let pages = paginate(&items, digest.site.page_size, PAGE_BYTES);
    let label = digest.site.title.clone();
    let total = items.len();
    let collection = Collection {
        context: CONTEXT,
        id: iris.of(COLLECTION),
        kind: "AnnotationCollection",
        label: label.clone(),
        creator: &creator,
        total,
        first: (!pages.is_empty()).then(|| iris.of(&page_path(1))),
        last: (!pages.is_empty()).then(|| iris.of(&page_path(pages.len()))),
    };
    let mut files = vec![json_file(COLLECTION, &collection)];
    for (n, range) in pages.iter().enumerate().map(|(i, r)| (i + 1, r)) {
        let page = Page {
            context: CONTEXT,
            id: iris.of(&page_path(n)),
            kind: "AnnotationPage",
            part_of: PartOf { id: iris.of(COLLECTION), label: label.clone(), total },
            start_index: range.start,
            prev: (n > 1).then(|| iris.of(&page_path(n - 1))),
            next: (n < pages.len()).then(|| iris.of(&page_path(n + 1))),
            items: &items[range.clone()],
        };
        files.push(json_file(&page_path(n), &page));
    }
    files
}

fn json_file(path: &str, value: &impl Serialize) -> OutputFile {
    let bytes = super::record_json::to_vec(value).expect("plain structs always serialize");
    OutputFile { path: path.into(), bytes }
}

/// Consecutive runs of `items`, each of at most `per_page` items and, unless
/// it holds a single item, at most `max_bytes` of them.
fn paginate(items: &[Box<RawValue>], per_page: usize, max_bytes: usize) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        let size = item.get().len() + 1;
        if i > start && (i - start == per_page || bytes + size > max_bytes) {
            pages.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < items.len() {
        pages.push(start..items.len());
    }
    pages
}

/// The annotation's id: the claim on the site (its highlighted passage, the
/// note beside it), which is where the annotation is published for readers.
fn annotation_id(digest: &Digest, iris: &Iris, idx: ClaimIdx) -> String {
    let claim = &digest.claims[idx];
    iris.of(&links::claim(&digest.articles[claim.article].slug, &claim.id))
}

fn annotation<'a>(digest: &'a Digest, iris: &Iris, creator: &'a Agent, idx: ClaimIdx) -> Annotation<'a> {
    let claim = &digest.claims[idx];
    let article = &digest.articles[claim.article];
    Annotation {
        id: annotation_id(digest, iris, idx),
        kind: "Annotation",
        motivation: "assessing",
        // A review is older than its first correction.
        created: claim
            .history
            .first()
            .map_or(claim.review_date(article.published), |c| c.date.min(claim.review_date(article.published)))
            .timestamp(),
        modified: claim.updated().map(|d| d.timestamp()),
        creator,
        body: bodies(digest, iris, claim),
        target: target(digest, iris, claim),
    }
}

/// The note (the assessment), the verdict (a tag), the kind (a
/// classification), the paraphrase (a description), the evidence, what the
/// quote names (companies, the event) and the links to other claims.
fn bodies<'a>(digest: &'a Digest, iris: &Iris, claim: &'a Claim) -> Vec<Body<'a>> {
    let text = |purpose, value, format, language| {
        Body::Text(TextualBody { kind: "TextualBody", purpose, value, format, language })
    };
    // The vocabulary's words, and the paraphrase, are English.
    let mut bodies = vec![text("assessing", claim.note.as_str(), "text/markdown", digest.site.language.as_str())];
    if let Some(verdict) = claim.verdict {
        bodies.push(text("tagging", verdict.slug(), "text/plain", "en"));
    }
    bodies.push(text("classifying", claim.kind.label(), "text/plain", "en"));
    if let Some(paraphrase) = &claim.paraphrase {
        bodies.push(text("describing", paraphrase, "text/plain", "en"));
    }
    bodies.extend(claim.sources.iter().map(evidence));
    let link = |purpose, source, label| Body::Link(LinkBody { kind: "SpecificResource", purpose, source, label });
    let named = claim.companies.iter().map(|&c| links::company(&digest.companies[c].id));
    bodies.extend(
        named.chain(claim.event.map(|e| links::event_in(digest, e))).map(|p| link("identifying", iris.of(&p), None)),
    );
    bodies
        .extend(claim.links.iter().map(|l| link("linking", annotation_id(digest, iris, l.to), Some(l.rel.forward()))));
    bodies
}

fn evidence(source: &Source) -> Body<'_> {
    Body::Evidence(EvidenceBody {
        kind: "SpecificResource",
        purpose: "assessing",
        source: EvidenceSource {
            id: &source.url,
            kind: "Text",
            publisher: &source.publisher,
            title: source.title.as_deref(),
            date: source.date.map(|d| d.to_string()),
            excerpt: source.excerpt.as_deref(),
        },
    })
}

/// The quote in the original article when its address is known: a quote
/// selector and, as the seed is that article's text, a position selector.
/// Otherwise the quote on the digest's own page, where positions would not
/// count the same text, so only the quote selector.
fn target<'a>(digest: &'a Digest, iris: &Iris, claim: &Claim) -> Target<'a> {
    let article = &digest.articles[claim.article];
    let (quote, position) = selectors(&article.seed, claim.bytes.clone());
    let (source, selector) = match &article.url {
        Some(url) => (
            TargetSource { id: url.clone(), kind: "Text", format: None, language: &article.lang },
            vec![Selector::Quote(quote), Selector::Position(position)],
        ),
        None => (
            TargetSource {
                id: iris.of(&links::article(&article.slug)),
                kind: "Text",
                format: Some("text/html"),
                language: &article.lang,
            },
            vec![Selector::Quote(quote)],
        ),
    };
    Target { kind: "SpecificResource", source, selector }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(len: usize) -> Box<RawValue> {
        RawValue::from_string(format!("\"{}\"", "x".repeat(len - 2))).unwrap()
    }

    #[test]
    fn pages_hold_at_most_per_page_items() {
        let items: Vec<_> = (0..5).map(|_| raw(10)).collect();
        assert_eq!(paginate(&items, 2, 1000), vec![0..2, 2..4, 4..5]);
        assert_eq!(paginate(&items, 10, 1000), vec![0..5]);
        assert!(paginate(&[], 2, 1000).is_empty());
    }

    #[test]
    fn pages_close_before_their_byte_budget() {
        // 11 bytes each with its line break: three fit in 35, not four.
        let items: Vec<_> = (0..7).map(|_| raw(10)).collect();
        assert_eq!(paginate(&items, 100, 35), vec![0..3, 3..6, 6..7]);
    }

    #[test]
    fn an_item_over_the_budget_still_gets_a_page() {
        let items = vec![raw(10), raw(100), raw(10)];
        assert_eq!(paginate(&items, 100, 50), vec![0..1, 1..2, 2..3]);
    }
}
