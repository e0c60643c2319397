//! What resolving each article gave, kept by `serve` between edits so that
//! only edited articles are anchored again.

use super::ResolveError;
use super::article::{self, ArticleDraft, Tables};
use crate::load::{RawArticle, RawDigest};
use crate::model::{Article, Company};
use crate::source::{SourceFile, SourceId};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Per article file, the draft and errors resolving it gave, and its company
/// mentions. An entry is used only while the article's file and seed are the
/// very allocations it was made from: loading again makes new ones, and
/// `load::reload` replaces just the edited files. Valid for one set of
/// companies, events and seeds: `serve` starts a new cache whenever those
/// change (which needs a full load).
#[derive(Default)]
pub struct ResolveCache {
    articles: HashMap<SourceId, Entry>,
    mentions: HashMap<String, Mentions>,
    /// Companies and events by id, as the last full resolve found them.
    pub(super) tables: Option<(BTreeMap<String, usize>, BTreeMap<String, usize>)>,
}

/// A seed's text, and what it says about the companies.
type Mentions = (Arc<str>, super::mentions::Mentions);

struct Entry {
    file: Arc<SourceFile>,
    seed: Option<Arc<str>>,
    draft: Option<ArticleDraft>,
    errors: Vec<ResolveError>,
}

type Resolved = (Option<ArticleDraft>, Vec<ResolveError>);

impl ResolveCache {
    pub(super) fn resolve_articles(&mut self, raw: &RawDigest, tables: &Tables) -> Vec<Resolved> {
        let seed_of = |a: &crate::load::RawArticle| tables.seeds.get(a.front.seed.get_ref()).map(|s| s.text.clone());
        let fresh = |id: SourceId, seed: &Option<Arc<str>>| {
            self.articles.get(&id).filter(|e| {
                Arc::ptr_eq(&e.file, raw.sources.shared(id))
                    && match (&e.seed, seed) {
                        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                        (None, None) => true,
                        _ => false,
                    }
            })
        };
        let results: Vec<(Resolved, bool)> = raw
            .articles
            .par_iter()
            .map(|a| match fresh(a.source, &seed_of(a)) {
                Some(entry) => ((entry.draft.clone(), entry.errors.clone()), false),
                None => (article::resolve_article(a, tables), true),
            })
            .collect();
        for (a, (resolved, made)) in raw.articles.iter().zip(&results) {
            if *made {
                self.remember(raw, a, seed_of(a), resolved.clone());
            }
        }
        results.into_iter().map(|(resolved, _)| resolved).collect()
    }

    /// Keeps what resolving `article` (on `seed`) gave.
    pub(super) fn remember(
        &mut self,
        raw: &RawDigest,
        article: &RawArticle,
        seed: Option<Arc<str>>,
        resolved: Resolved,
    ) {
        let file = raw.sources.shared(article.source).clone();
        let (draft, errors) = resolved;
        self.articles.insert(article.source, Entry { file, seed, draft, errors });
    }

    /// Counts company mentions in the seeds not counted before; returns
    /// every alias that matched somewhere, with its company.
    pub(super) fn count_mentions(
        &mut self,
        articles: &mut [Article],
        companies: &[Company],
    ) -> BTreeSet<(usize, String)> {
        let stale: Vec<usize> = (0..articles.len())
            .filter(|&i| {
                let article = &articles[i];
                !self.mentions.get(&article.seed_file).is_some_and(|(seed, _)| Arc::ptr_eq(seed, &article.seed))
            })
            .collect();
        if !stale.is_empty() {
            let texts: Vec<&str> = stale.iter().map(|&i| &*articles[i].seed).collect();
            for (&i, counts) in stale.iter().zip(super::mention_counts(companies, &texts)) {
                self.mentions.insert(articles[i].seed_file.clone(), (articles[i].seed.clone(), counts));
            }
        }
        let mut found = BTreeSet::new();
        for article in articles {
            let mentions = &self.mentions[&article.seed_file].1;
            article.mentions = mentions.counts.clone();
            article.mentions_at = mentions.at.clone();
            found.extend(mentions.aliases.iter().cloned());
        }
        found
    }
}
