//! Structured data for an article page: one schema.org `ClaimReview` per
//! claim, as JSON-LD, for fact-check aggregators and search engines. The
//! data is built here as plain structs and serialized with serde_json; the
//! template only places the finished string inside
//! `<script type="application/ld+json">` (see [`script_json`]).
//!
//! What each field holds, and the numeric rating scale, are documented in
//! docs/data-export.md.

use super::verdict_view;
use crate::model::{ArticleIdx, Claim, Digest, Verdict};
use crate::render::catalogue::Catalogue;
use crate::render::links;
use crate::render::shorten::shorten;
use serde::Serialize;

/// `claimReviewed` should stay under this many characters (schema.org
/// guidance for fact-check markup: it is shown on one line).
const CLAIM_REVIEWED_MAX: usize = 75;

#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<ClaimReview<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    claim_reviewed: String,
    review_rating: Rating,
    item_reviewed: ClaimItem<'a>,
    author: Vec<Node<Organization<'a>>>,
    date_published: String,
    /// The latest correction's date, when the claim was corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    in_language: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    alternate_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
}

#[derive(Serialize)]
struct ClaimItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: Node<Appearance<'a>>,
}

/// A node of the graph: written out in full where it first appears, and as
/// a reference to its `@id` after that, so that the article and the authors
/// are not repeated in every review of the page (JSON-LD reads both as the
/// same node).
#[derive(Serialize)]
struct Node<T> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    value: Option<T>,
}

impl<T> Node<T> {
    /// The node `id`, in full the first time (`value` is called then only).
    fn once(id: String, first: bool, value: impl FnOnce() -> T) -> Self {
        Node { id, value: first.then(value) }
    }
}

/// The article in which the claim appeared.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    headline: &'a str,
    date_published: String,
    in_language: &'a str,
    publisher: Organization<'a>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// The JSON-LD of the article page `idx`, safe to put between
/// `<script type="application/ld+json">` and `</script>`.
pub fn claim_reviews(digest: &Digest, words: &Catalogue, idx: ArticleIdx) -> String {
    let article = &digest.articles[idx];
    let page = links::article(&article.slug);
    let base = digest.site.base_url.as_deref();
    let author = authors(digest);
    // Opinions are annotated but not rated: a review without a rating is
    // not a fact check, so aggregators get only the rated claims.
    // Without a base URL, node ids are relative to the page (JSON-LD
    // resolves them against the document's address), like the reviews' urls.
    let here = base.map_or_else(String::new, |b| links::absolute(b, &page));
    let graph = digest
        .claims_of(idx)
        .iter()
        .filter(|claim| claim.verdict.is_some())
        .enumerate()
        .map(|(n, claim)| {
            let target = links::claim(&article.slug, &claim.id);
            ClaimReview {
                kind: "ClaimReview",
                url: base.map_or_else(|| links::href(&page, &target), |b| links::absolute(b, &target)),
                claim_reviewed: claim_reviewed(claim.quote(digest), claim.paraphrase.as_deref()),
                review_rating: rating(words, claim),
                item_reviewed: ClaimItem {
                    kind: "Claim",
                    appearance: Node::once(format!("{here}#original"), n == 0, || Appearance {
                        kind: "NewsArticle",
                        url: article.url.as_deref(),
                        headline: &article.title,
                        date_published: article.published.to_string(),
                        in_language: &article.lang,
                        publisher: Organization { kind: "Organization", name: &article.publisher, url: None },
                    }),
                },
                author: author
                    .iter()
                    .enumerate()
                    .map(|(k, a)| {
                        Node::once(format!("{here}#author-{}", k + 1), n == 0, || Organization {
                            kind: "Organization",
                            name: a.name,
                            url: a.url,
                        })
                    })
                    .collect(),
                date_published: claim.review_date(article.published).to_string(),
                date_modified: claim.updated().map(|d| d.to_string()),
                in_language: &digest.site.language,
            }
        })
        .collect();
    let document = Document { context: "https://schema.org", graph };
    script_json(&document)
}

/// The digest's authors, or its title when it names none.
fn authors(digest: &Digest) -> Vec<Organization<'_>> {
    let url = digest.site.base_url.as_deref();
    if digest.site.authors.is_empty() {
        return vec![Organization { kind: "Organization", name: &digest.site.title, url }];
    }
    digest.site.authors.iter().map(|name| Organization { kind: "Organization", name, url }).collect()
}

fn rating(words: &Catalogue, claim: &Claim) -> Rating {
    let value = claim.verdict.and_then(Verdict::rating);
    Rating {
        kind: "Rating",
        alternate_name: verdict_view(words, claim).label,
        rating_value: value,
        best_rating: value.map(|_| 5),
        worst_rating: value.map(|_| 1),
    }
}

/// What the claim says, short: the English paraphrase if it fits, else the
/// quote if it fits, else the paraphrase (or quote) cut at a word boundary.
pub fn claim_reviewed(quote: &str, paraphrase: Option<&str>) -> String {
    let quote = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let fits = |text: &str| text.chars().count() < CLAIM_REVIEWED_MAX;
    match paraphrase {
        Some(p) if fits(p) => p.to_string(),
        _ if fits(&quote) => quote,
        Some(p) => shorten(p, CLAIM_REVIEWED_MAX - 1),
        None => shorten(&quote, CLAIM_REVIEWED_MAX - 1),
    }
}

/// `value` as JSON that cannot end the script element it sits in: `<`, `>`
/// and `&` become `\u003c`, `\u003e` and `\u0026`, which JSON reads as the
/// same characters, so no text can form `</script>` or `<!--`.
pub fn script_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("plain structs always serialize");
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let json = script_json(&serde_json::json!({ "quote": "</script><!-- & -->" }));
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["quote"], "</script><!-- & -->");
    }

    #[test]
    fn claim_reviewed_prefers_a_short_paraphrase_then_a_short_quote() {
        assert_eq!(claim_reviewed("un million de TPU", Some("One million TPUs")), "One million TPUs");
        let long = "Anthropic will have access to up to one million Google TPUs, worth tens of billions of dollars";
        assert_eq!(claim_reviewed("un million de TPU", Some(long)), "un million de TPU");
    }

    #[test]
    fn claim_reviewed_is_cut_at_a_word_when_nothing_fits() {
        let long = "Anthropic will have access to up to one million Google TPUs, worth tens of billions of dollars";
        let short = claim_reviewed(&long.repeat(2), Some(long));
        assert!(short.chars().count() < CLAIM_REVIEWED_MAX, "{short}");
        assert_eq!(short, "Anthropic will have access to up to one million Google TPUs, worth tens…");
    }
}
