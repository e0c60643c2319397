//! Stage 2, resolve: raw input → checked data. Quotes are anchored in their
//! seeds, ids checked for uniqueness, every reference (company, event,
//! parent, seed, `slug#claim`) looked up, and company mentions counted. Every
//! problem becomes a [`ResolveError`] with a span; all of them are returned.

mod anchor;
mod approximate;
mod article;
mod cache;
mod edit;
mod error;
mod follows;
mod history;
mod language;
mod mentions;
mod references;

pub use anchor::{AnchorError, Nearest, describe, occurrences, resolve_quote};
pub use article::blocks;
pub use error::{NearestPassage, ResolveError};
pub use language::is_valid as is_language_tag;
pub use mentions::MentionFinder;
pub use references::is_web_url;

use crate::load::{RawDigest, Seed};
use crate::model::{Article, Claim, Company, Event, Link, ResolvedDigest, Site};
use crate::source::{SourceId, Span};
use article::{ArticleDraft, Tables};
pub use cache::ResolveCache;
pub use edit::{Slugs, Usage, slugs};
use rayon::prelude::*;
use references::{check_url, span_of};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Resolves everything; the digest is `None` when any error (not warning)
/// was found.
pub fn resolve(raw: &RawDigest) -> (Option<ResolvedDigest>, Vec<ResolveError>) {
    resolve_with(raw, None)
}

/// [`resolve`], reusing what `cache` holds for articles whose file and seed
/// have not changed since it was filled, and filling it for the others.
pub fn resolve_cached(raw: &RawDigest, cache: &mut ResolveCache) -> (Option<ResolvedDigest>, Vec<ResolveError>) {
    resolve_with(raw, Some(cache))
}

fn resolve_with(raw: &RawDigest, mut cache: Option<&mut ResolveCache>) -> (Option<ResolvedDigest>, Vec<ResolveError>) {
    let mut errors = Vec::new();
    let site = resolve_site(raw, &mut errors);
    let (mut companies, company_index) = references::resolve_companies(raw, &mut errors);
    let (events, event_index) = references::resolve_events(raw, &company_index, &mut errors);
    let seeds: BTreeMap<String, &Seed> = raw.seeds.iter().map(|s| (s.file_name.clone(), s)).collect();
    let tables = Tables {
        sources: &raw.sources,
        unreadable_seeds: &raw.unreadable_seeds,
        seeds: &seeds,
        companies: &company_index,
        events: &event_index,
    };

    if let Some(cache) = cache.as_deref_mut() {
        cache.tables = Some((company_index.clone(), event_index.clone()));
    }
    let results: Vec<_> = match cache.as_deref_mut() {
        Some(cache) => cache.resolve_articles(raw, &tables),
        None => raw.articles.par_iter().map(|a| article::resolve_article(a, &tables)).collect(),
    };
    let annotated_twice = check_seed_use(raw, &seeds, &mut errors);
    let mut lost: BTreeMap<String, Span> =
        raw.unparsed.iter().filter_map(|(slug, cause)| Some((slug.clone(), cause.clone()?))).collect();
    let mut drafts = Vec::new();
    for (raw_article, (draft, article_errors)) in raw.articles.iter().zip(results) {
        // The second file on a seed was meant for another one: what it
        // finds wrong in this seed follows from that.
        if let Some(cause) = annotated_twice.get(&raw_article.source) {
            errors.extend(article_errors.into_iter().map(|e| e.follows(cause.clone())));
            lost.insert(raw_article.slug.clone(), cause.clone());
            continue;
        }
        errors.extend(article_errors);
        match draft {
            Some(draft) => drafts.push(draft),
            None => drop(lost.insert(raw_article.slug.clone(), span_of(raw_article.source, &raw_article.front.seed))),
        }
    }
    let (mut articles, claims) = link_claims(drafts, &mut errors);
    let found = match cache {
        Some(cache) => cache.count_mentions(&mut articles, &companies),
        None => count_mentions(&mut articles, &companies),
    };
    mark_found_aliases(&mut companies, found);
    check_unused(raw, &articles, &companies, &events, &mut errors);
    let unread = raw.unparsed.iter().find_map(|(_, cause)| cause.clone());
    let errors = follows::attribute(errors, &lost, unread);

    let failed = errors.iter().any(|e| e.diagnostic().severity == crate::diagnostic::Severity::Error);
    let digest = match (site, failed) {
        (Some(site), false) => Some(ResolvedDigest { site, articles, claims, companies, events }),
        _ => None,
    };
    (digest, errors)
}

fn resolve_site(raw: &RawDigest, errors: &mut Vec<ResolveError>) -> Option<Site> {
    let (source, entry) = raw.site.as_ref()?;
    let base_url = entry
        .base_url
        .as_ref()
        .and_then(|u| check_url(*source, u, errors))
        .map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
    Some(Site {
        title: entry.title.clone(),
        description: entry.description.clone(),
        language: {
            check_language(*source, &entry.language, errors);
            entry.language.get_ref().clone()
        },
        base_url,
        authors: entry.authors.clone(),
        repo: entry
            .repo_url
            .as_ref()
            .and_then(|u| check_url(*source, u, errors))
            .map(|url| (url.trim_end_matches('/').to_string(), entry.branch.clone().unwrap_or_else(|| "main".into()))),
        page_size: page_size(*source, entry.page_size.as_ref(), errors),
    })
}

/// Reports a `lang` or `language` value that is not a BCP 47 tag.
fn check_language(source: SourceId, value: &toml::Spanned<String>, errors: &mut Vec<ResolveError>) {
    let tag = value.get_ref();
    if !language::is_valid(tag) {
        errors.push(ResolveError::BadLanguage {
            span: span_of(source, value),
            value: tag.clone(),
            likely: language::likely_fix(tag),
        });
    }
}

fn page_size(source: SourceId, size: Option<&toml::Spanned<i64>>, errors: &mut Vec<ResolveError>) -> usize {
    let Some(size) = size else { return Site::DEFAULT_PAGE_SIZE };
    match usize::try_from(*size.get_ref()) {
        Ok(n) if n > 0 => n,
        _ => {
            errors.push(ResolveError::BadPageSize { span: span_of(source, size), size: *size.get_ref() });
            Site::DEFAULT_PAGE_SIZE
        }
    }
}

/// Warns about seeds nobody annotates; rejects a seed annotated twice and
/// returns, for each file that annotates a seed already taken, the place
/// of the error.
fn check_seed_use(
    raw: &RawDigest,
    seeds: &BTreeMap<String, &Seed>,
    errors: &mut Vec<ResolveError>,
) -> HashMap<SourceId, Span> {
    let mut used: BTreeMap<&str, &str> = BTreeMap::new();
    let mut twice = HashMap::new();
    for article in &raw.articles {
        let seed = article.front.seed.get_ref();
        let file = &raw.sources.get(article.source).path;
        if let Some(other) = used.insert(seed, file) {
            let span = span_of(article.source, &article.front.seed);
            twice.insert(article.source, span.clone());
            errors.push(ResolveError::SeedAnnotatedTwice { span, seed: seed.clone(), other: other.to_string() });
            used.insert(seed, other);
        }
    }
    let unknown_seed = raw.articles.iter().any(|a| !seeds.contains_key(a.front.seed.get_ref()));
    if !raw.unparsed.is_empty() || unknown_seed {
        // A file that failed to parse, or that names a seed that is not
        // there, may well be meant for the seed in question.
        return twice;
    }
    for name in seeds.keys().filter(|name| !used.contains_key(name.as_str())) {
        errors.push(ResolveError::SeedWithoutArticle { seed: name.clone() });
    }
    twice
}

/// Numbers all claims globally (articles in slug order, claims in file
/// order) and resolves each `slug#claim-id` link.
fn link_claims(drafts: Vec<ArticleDraft>, errors: &mut Vec<ResolveError>) -> (Vec<Article>, Vec<Claim>) {
    let mut dropped: BTreeSet<(String, String)> = BTreeSet::new();
    let mut articles = Vec::with_capacity(drafts.len());
    let mut claims = Vec::with_capacity(drafts.iter().map(|d| d.claims.len()).sum());
    let mut pending = Vec::new();
    for (a, draft) in drafts.into_iter().enumerate() {
        let mut article = draft.article;
        dropped.extend(draft.dropped.into_iter().map(|id| (article.slug.clone(), id)));
        let start = claims.len();
        for ((mut claim, links), id_span) in draft.claims.into_iter().zip(draft.links).zip(draft.id_spans) {
            claim.article = a;
            if !links.is_empty() {
                pending.push((claims.len(), links, id_span));
            }
            claims.push(claim);
        }
        article.claims = start..claims.len();
        articles.push(article);
    }
    // Looked up by borrowed slug, then among the article's own few claims:
    // no key is copied per claim.
    let slugs: HashMap<&str, usize> = articles.iter().enumerate().map(|(i, a)| (a.slug.as_str(), i)).collect();
    let mut declared: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut resolved: Vec<(usize, Link)> = Vec::new();
    for (from, links, _) in pending {
        for (span, to, rel) in links {
            let own_slug = articles[claims[from].article].slug.as_str();
            let (slug, id) = to.split_once('#').unwrap_or((&to, ""));
            let slug = if slug.is_empty() { own_slug } else { slug };
            if dropped.contains(&(slug.to_string(), id.to_string())) {
                continue;
            }
            let Some(target) = link_target(&to, own_slug, &span, &slugs, &claims, &articles, errors) else {
                continue;
            };
            if target == from {
                errors.push(ResolveError::SelfLink { span, id: claims[from].id.clone() });
                continue;
            }
            let pair = (from.min(target), from.max(target));
            if !declared.insert(pair) {
                errors.push(ResolveError::DuplicateLink { span, from: claims[from].id.clone(), to: to.clone() });
                continue;
            }
            resolved.push((from, Link { to: target, rel }));
        }
    }
    drop(slugs);
    for (from, link) in resolved {
        claims[from].links.push(link);
    }
    for claim in &mut claims {
        claim.links.sort();
    }
    (articles, claims)
}

fn link_target(
    to: &str,
    own_slug: &str,
    span: &Span,
    slugs: &HashMap<&str, usize>,
    claims: &[Claim],
    articles: &[Article],
    errors: &mut Vec<ResolveError>,
) -> Option<usize> {
    let (slug, id) = to.split_once('#').unwrap_or((to, ""));
    let slug = if slug.is_empty() { own_slug } else { slug };
    let hint = "write `to = \"article-slug#claim-id\"`, or `to = \"#claim-id\"` for a claim of the same article";
    let Some(&article) = slugs.get(slug) else {
        let table: BTreeMap<String, usize> = slugs.iter().map(|(s, &i)| (s.to_string(), i)).collect();
        return references::lookup(&table, span.clone(), slug, "article", hint, errors).and(None);
    };
    let range = articles[article].claims.clone();
    if let Some(offset) = claims[range.clone()].iter().position(|c| c.id == id) {
        return Some(range.start + offset);
    }
    let ids: BTreeMap<String, usize> = claims[range].iter().map(|c| (format!("{slug}#{}", c.id), 0)).collect();
    references::lookup(&ids, span.clone(), &format!("{slug}#{id}"), "claim", hint, errors);
    None
}

/// Counts each article's mentions; returns every alias that matched
/// somewhere, with its company.
fn count_mentions(articles: &mut [Article], companies: &[Company]) -> BTreeSet<(usize, String)> {
    let texts: Vec<&str> = articles.iter().map(|a| &*a.seed).collect();
    let all = mention_counts(companies, &texts);
    let mut found = BTreeSet::new();
    for (article, mentions) in articles.iter_mut().zip(all) {
        article.mentions = mentions.counts;
        article.mentions_at = mentions.at;
        found.extend(mentions.aliases);
    }
    found
}

/// Each company's aliases that occur in some seed, in the order written.
fn mark_found_aliases(companies: &mut [Company], found: BTreeSet<(usize, String)>) {
    for (i, company) in companies.iter_mut().enumerate() {
        company.found_as = company.aliases.iter().filter(|a| found.contains(&(i, a.to_string()))).cloned().collect();
    }
}

/// Per text, the companies whose aliases occur in it, with how often.
fn mention_counts(companies: &[Company], texts: &[&str]) -> Vec<mentions::Mentions> {
    let aliases: Vec<Vec<String>> = companies.iter().map(|c| c.aliases.clone()).collect();
    MentionFinder::new(&aliases).count_all(texts)
}

/// Warns about companies and events with nothing behind them — no claim,
/// no mention, no event — unless they are marked `context = true`.
fn check_unused(
    raw: &RawDigest,
    articles: &[Article],
    companies: &[Company],
    events: &[Event],
    errors: &mut Vec<ResolveError>,
) {
    // Claims as written, not as resolved: a claim dropped for another
    // error still names what it names.
    let written = raw.articles.iter().flat_map(|a| &a.front.claims);
    let mut named_ids: BTreeSet<&str> =
        written.clone().flat_map(|c| c.companies.iter().map(|n| n.get_ref().as_str())).collect();
    let reported_ids: BTreeSet<&str> = written.filter_map(|c| c.event.as_ref().map(|e| e.get_ref().as_str())).collect();
    named_ids.extend(events.iter().flat_map(|e| e.companies.iter().map(|&c| companies[c].id.as_str())));
    named_ids.extend(articles.iter().flat_map(|a| a.mentions.iter().map(|(c, _)| companies[*c].id.as_str())));
    let named: BTreeSet<usize> =
        (0..companies.len()).filter(|&c| named_ids.contains(companies[c].id.as_str())).collect();
    let reported: BTreeSet<usize> =
        (0..events.len()).filter(|&e| reported_ids.contains(events[e].id.as_str())).collect();
    if let Some((source, file)) = &raw.companies {
        for (_, company) in companies.iter().enumerate().filter(|(i, c)| !named.contains(i) && !c.context) {
            if let Some(entry) = file.companies.iter().find(|e| *e.id.get_ref() == company.id) {
                errors.push(ResolveError::Unused {
                    span: span_of(*source, &entry.id),
                    what: "company",
                    id: company.id.clone(),
                });
            }
        }
    }
    if let Some((source, file)) = &raw.events {
        for (_, event) in events.iter().enumerate().filter(|(i, e)| !reported.contains(i) && !e.context) {
            if let Some(entry) = file.events.iter().find(|e| *e.id.get_ref() == event.id) {
                errors.push(ResolveError::Unused {
                    span: span_of(*source, &entry.id),
                    what: "event",
                    id: event.id.clone(),
                });
            }
        }
    }
}
