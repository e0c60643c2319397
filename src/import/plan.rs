//! From annotations to the claims each article file gains: match each
//! annotation to its article, anchor its quote, refuse what repeats a claim,
//! give it an id, read its tags, then (once every new claim has its id)
//! turn its links and names into references the digest knows.

use super::Incoming;
use super::article_file::{self, Rewrite};
use super::claim_text::{NewClaim, claim_id};
use super::error::ImportError;
use super::place::{self, Unplaced};
use crate::load::{RawArticle, RawDigest, Seed, is_slug};
use crate::resolve::{NearestPassage, resolve_quote};
use crate::source::LineIndex;
use crate::vocabulary::{Kind, Relation, Verdict};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An article that may gain claims, with what its claims already hold.
struct Article<'a> {
    raw: &'a RawArticle,
    seed: &'a Seed,
    file: String,
    /// Passages already annotated, old claims and new, with their ids;
    /// found when the first annotation for the article comes.
    spans: Option<BTreeMap<(usize, usize), String>>,
    ids: BTreeSet<String>,
}

/// An annotation placed, waiting for its links to be resolved.
struct Placed {
    article: usize,
    claim: NewClaim,
    incoming: Incoming,
}

/// The rewritten article files, each with the ids of the claims it gains.
pub fn plan(
    raw: &RawDigest,
    incoming: Vec<Result<Incoming, ImportError>>,
    errors: &mut Vec<ImportError>,
) -> Vec<(Rewrite, Vec<String>)> {
    let mut articles = articles(raw);
    let by_url: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.raw.front.url.as_ref().map(|u| (page_key(u.get_ref()), i)))
        .collect();
    let by_slug: HashMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (a.raw.slug.as_str(), i)).collect();
    // `slug#id` as the annotations name their claims → as the digest will.
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut placed = Vec::new();
    for incoming in incoming {
        let incoming = match incoming {
            Ok(incoming) => incoming,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        let found =
            by_url.get(&page_key(&incoming.uri)).or_else(|| digest_page(&incoming.uri).and_then(|s| by_slug.get(s)));
        let Some(&article) = found else {
            errors.push(ImportError::NoArticle {
                name: incoming.name,
                uri: incoming.uri,
                unparsed: raw.unparsed.len(),
            });
            continue;
        };
        match place_one(&mut articles[article], &incoming) {
            Ok(claim) => {
                if let Some(old) = original_ref(&incoming) {
                    renamed.insert(old, format!("{}#{}", articles[article].raw.slug, claim.id));
                }
                placed.push(Placed { article, claim, incoming });
            }
            Err((error, existing)) => {
                if let (Some(old), Some(id)) = (original_ref(&incoming), existing) {
                    renamed.insert(old, format!("{}#{id}", articles[article].raw.slug));
                }
                errors.push(error);
            }
        }
    }
    let known = Known::new(raw, &articles, renamed);
    let mut per_article: BTreeMap<usize, Vec<NewClaim>> = BTreeMap::new();
    for Placed { article, mut claim, incoming } in placed {
        known.refer(&articles[article].raw.slug, &incoming, &mut claim);
        per_article.entry(article).or_default().push(claim);
    }
    let mut rewrites = Vec::new();
    for (article, claims) in per_article {
        let article = &articles[article];
        let path = &raw.sources.get(article.raw.source).full_path;
        match article_file::add_claims(path, &article.file, &claims) {
            Ok(rewrite) => rewrites.push((rewrite, claims.into_iter().map(|c| c.id).collect())),
            Err(error) => errors.push(error),
        }
    }
    rewrites
}

fn articles(raw: &RawDigest) -> Vec<Article<'_>> {
    let seeds: HashMap<&str, &Seed> = raw.seeds.iter().map(|s| (s.file_name.as_str(), s)).collect();
    raw.articles
        .iter()
        .filter_map(|a| {
            let seed = seeds.get(a.front.seed.get_ref().as_str())?;
            let ids = a.front.claims.iter().map(|c| c.id.get_ref().clone()).collect();
            let file = raw.sources.get(a.source).path.clone();
            Some(Article { raw: a, seed, file, spans: None, ids })
        })
        .collect()
}

/// Where the article's own claims stand: anchored only for the articles an
/// annotation goes to, as a digest may have thousands.
fn existing_spans_of(raw: &RawArticle, seed: &Seed) -> BTreeMap<(usize, usize), String> {
    let seed = &seed.text;
    raw.front
        .claims
        .iter()
        .filter_map(|c| {
            let prefix = c.prefix.as_ref().map(|p| p.get_ref().as_str());
            let suffix = c.suffix.as_ref().map(|s| s.get_ref().as_str());
            let bytes = resolve_quote(seed, c.quote.get_ref(), prefix, suffix).ok()?;
            Some(((bytes.start, bytes.end), c.id.get_ref().clone()))
        })
        .collect()
}

/// The claim for `incoming`, or why there is none (with, for a repeat, the
/// id of the claim it repeats).
fn place_one(article: &mut Article, incoming: &Incoming) -> Result<NewClaim, (ImportError, Option<String>)> {
    let name = incoming.name.clone();
    let selector =
        incoming.selector.as_ref().map_err(|why| (ImportError::NoQuote { name: name.clone(), why }, None))?;
    let (seed, file, seed_name) = (&article.seed.text, article.file.clone(), article.seed.file_name.clone());
    let anchor = place::place(seed, selector).map_err(|unplaced| {
        let lines = LineIndex::new(seed);
        let error = match unplaced {
            Unplaced::NotFound(nearest) => ImportError::QuoteNotFound {
                name: name.clone(),
                file,
                seed: seed_name,
                nearest: nearest.map(|n| Box::new(NearestPassage::locate(seed, &lines, n))),
            },
            Unplaced::Ambiguous(starts) => ImportError::QuoteAmbiguous {
                name: name.clone(),
                file,
                seed: seed_name,
                places: starts.iter().map(|&s| lines.line_col(seed, s)).collect(),
            },
        };
        (error, None)
    })?;
    let key = (anchor.bytes.start, anchor.bytes.end);
    let spans = match &mut article.spans {
        Some(spans) => spans,
        empty => empty.insert(existing_spans_of(article.raw, article.seed)),
    };
    if let Some(claim) = spans.get(&key) {
        let error = ImportError::Duplicate { name, file: article.file.clone(), claim: claim.clone() };
        return Err((error, Some(claim.clone())));
    }
    let wanted = incoming.claim_id.clone().filter(|id| is_slug(id) && !article.ids.contains(id));
    let id = wanted.unwrap_or_else(|| claim_id(&seed[anchor.bytes.clone()], &|id| article.ids.contains(id)));
    article.ids.insert(id.clone());
    spans.insert(key, id.clone());
    let (kind, verdict, mut comments) = tags(&incoming.tags);
    comments.insert(0, incoming.provenance.clone());
    Ok(NewClaim {
        id,
        quote: seed[anchor.bytes.clone()].to_string(),
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        kind,
        verdict,
        paraphrase: incoming.paraphrase.clone(),
        note: incoming.note.clone(),
        sources: incoming.sources.clone(),
        comments,
        ..NewClaim::default()
    })
}

/// The kind and the verdict the tags name, and a comment when they name
/// several of one.
fn tags(tags: &[String]) -> (Option<Kind>, Option<Verdict>, Vec<String>) {
    let words: Vec<String> = tags.iter().map(|t| t.trim().to_lowercase().replace([' ', '_'], "-")).collect();
    let kinds: BTreeSet<Kind> = words
        .iter()
        .filter_map(|w| <Kind as strum::VariantArray>::VARIANTS.iter().copied().find(|k| k.label() == w))
        .collect();
    let verdicts: BTreeSet<Verdict> =
        words.iter().filter_map(|w| Verdict::ALL.iter().copied().find(|v| v.slug() == w)).collect();
    let mut comments = Vec::new();
    if kinds.len() > 1 {
        comments.push(format!(
            "glose import: the tags name several kinds ({}); choose one",
            join(kinds.iter().map(|k| k.label()))
        ));
    }
    if verdicts.len() > 1 {
        comments.push(format!(
            "glose import: the tags name several verdicts ({}); choose one",
            join(verdicts.iter().map(|v| v.slug()))
        ));
    }
    (only(&kinds), only(&verdicts), comments)
}

/// The set's member, if it has exactly one.
fn only<T: Copy>(set: &BTreeSet<T>) -> Option<T> {
    if set.len() == 1 { set.iter().next().copied() } else { None }
}

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(", ")
}

/// The claim an annotation's own IRI names, as `SLUG#ID` (glose exports
/// each claim with its note's address as the annotation's id).
fn original_ref(incoming: &Incoming) -> Option<String> {
    incoming.own_iri.as_deref().and_then(claim_ref)
}

/// The article slug of a page of a glose site (`…articles/SLUG.html`, with
/// any fragment).
fn digest_page(iri: &str) -> Option<&str> {
    let page = iri.split('#').next()?;
    let (_, file) = page.rsplit_once("articles/")?;
    file.strip_suffix(".html").filter(|s| is_slug(s))
}

/// A page's address compared loosely: without its fragment or final `/`,
/// with `http` and `https` alike and the host in lower case.
fn page_key(uri: &str) -> String {
    let page = uri.split('#').next().unwrap_or(uri);
    let (scheme, rest) = page.split_once("://").unwrap_or(("", page));
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let scheme = if scheme.eq_ignore_ascii_case("http") { "https".to_string() } else { scheme.to_ascii_lowercase() };
    format!("{scheme}://{}/{}", host.to_ascii_lowercase(), path.trim_end_matches('/'))
}

/// What references may point at: the companies and events the digest has,
/// its claims, and the claims this import adds under their new ids.
struct Known<'a> {
    companies: BTreeSet<&'a str>,
    events: BTreeSet<&'a str>,
    claims: BTreeSet<String>,
    renamed: HashMap<String, String>,
}

impl<'a> Known<'a> {
    fn new(raw: &'a RawDigest, articles: &[Article], renamed: HashMap<String, String>) -> Known<'a> {
        let companies =
            raw.companies.iter().flat_map(|(_, f)| f.companies.iter().map(|c| c.id.get_ref().as_str())).collect();
        let events = raw.events.iter().flat_map(|(_, f)| f.events.iter().map(|e| e.id.get_ref().as_str())).collect();
        let claims = articles.iter().flat_map(|a| a.ids.iter().map(move |id| format!("{}#{id}", a.raw.slug))).collect();
        Known { companies, events, claims, renamed }
    }

    /// Sets the claim's companies, event and links from what the annotation
    /// names, noting in a comment what the digest does not know.
    fn refer(&self, slug: &str, incoming: &Incoming, claim: &mut NewClaim) {
        for iri in &incoming.named {
            let page = iri.split('#').next().unwrap_or(iri);
            let company = page.rsplit_once("companies/").and_then(|(_, f)| f.strip_suffix(".html"));
            let event = iri.rsplit_once("#event-").map(|(_, e)| e);
            match (company, event) {
                (Some(c), _) if self.companies.contains(c) => claim.companies.push(c.to_string()),
                (_, Some(e)) if self.events.contains(e) && claim.event.is_none() => claim.event = Some(e.to_string()),
                _ => claim.comments.push(format!("glose import: {iri} is no company or event of the digest")),
            }
        }
        for (iri, label) in &incoming.links {
            let target = claim_ref(iri).map(|r| self.renamed.get(&r).cloned().unwrap_or(r));
            let rel: Option<Relation> = serde_json::from_value(serde_json::Value::from(label.as_str())).ok();
            match (target, rel) {
                (Some(to), Some(rel)) if self.claims.contains(&to) => {
                    let to = match to.split_once('#') {
                        Some((s, id)) if s == slug => format!("#{id}"),
                        _ => to,
                    };
                    claim.links.push((to, rel));
                }
                _ => claim.comments.push(format!("glose import: link `{label}` to {iri} left out: no such claim")),
            }
        }
    }
}

/// `SLUG#ID` of a claim's note IRI (`…articles/SLUG.html#claim-ID`).
fn claim_ref(iri: &str) -> Option<String> {
    let slug = digest_page(iri)?;
    let (_, id) = iri.rsplit_once("#claim-")?;
    Some(format!("{slug}#{id}"))
}
