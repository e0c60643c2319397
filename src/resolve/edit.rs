//! One edited article resolved against the digest it replaces its old self
//! in, for `serve`: anchored with the tables of the last full resolve, its
//! links looked up among the digest's claims. Whatever a full resolve would
//! report, or might report differently, declines ([`None`]), and `serve`
//! resolves the whole digest instead; so a replacement is only ever what the
//! full resolve would have made.

use super::ResolveCache;
use super::article::{self, ArticleDraft, Tables};
use crate::load::RawDigest;
use crate::model::{ArticleIdx, Claim, ClaimIdx, Digest, Link, Replacement};
use crate::source::SourceId;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Articles by slug, as [`Digest::articles`] holds them.
pub type Slugs = HashMap<String, ArticleIdx>;

/// The articles of `digest` by slug.
pub fn slugs(digest: &Digest) -> Slugs {
    digest.articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect()
}

impl ResolveCache {
    /// The article read from `source` (an article file of `raw`, edited in
    /// place, on the same seed) resolved as a replacement for its old self
    /// in `digest`, with the article's index; `None` when the full resolve
    /// is needed: an error in the article, a link that does not resolve or
    /// is declared twice, a claim another article links to gone, a seed
    /// changed, or no full resolve yet.
    pub fn replacement(
        &mut self,
        raw: &RawDigest,
        source: SourceId,
        digest: &Digest,
        slugs: &Slugs,
    ) -> Option<(ArticleIdx, Replacement)> {
        let edited = raw.articles.iter().find(|a| a.source == source)?;
        let index = *slugs.get(&edited.slug)?;
        let old = &digest.articles[index];
        let seed = raw.seeds.iter().find(|s| s.file_name == old.seed_file)?;
        let same_seed = edited.front.seed.get_ref() == &old.seed_file && std::sync::Arc::ptr_eq(&seed.text, &old.seed);
        let (companies, events) = self.tables.as_ref().filter(|_| same_seed)?;
        let seeds = BTreeMap::from([(seed.file_name.clone(), seed)]);
        let tables = Tables { sources: &raw.sources, unreadable_seeds: &[], seeds: &seeds, companies, events };
        let (draft, errors) = article::resolve_article(edited, &tables);
        self.remember(raw, edited, Some(seed.text.clone()), (draft.clone(), errors.clone()));
        let draft = draft.filter(|_| errors.is_empty())?;
        let replacement = link(draft, digest, index, slugs)?;
        Some((index, replacement))
    }
}

/// The draft's claims numbered as they will stand in `digest` once they
/// replace those of article `index`, their links resolved.
fn link(draft: ArticleDraft, digest: &Digest, index: ArticleIdx, slugs: &Slugs) -> Option<Replacement> {
    let ArticleDraft { article, mut claims, links, .. } = draft;
    let old = digest.articles[index].claims.clone();
    let start = old.start;
    let position: HashMap<&str, usize> = claims.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let moved: Vec<Option<usize>> =
        digest.claims[old.clone()].iter().map(|c| position.get(c.id.as_str()).copied()).collect();
    // A claim another article links to must stay.
    let linked_from_elsewhere = |c: ClaimIdx| digest.graph.incoming[c].iter().any(|l| !old.contains(&l.to));
    if old.clone().zip(&moved).any(|(c, m)| m.is_none() && linked_from_elsewhere(c)) {
        return None;
    }
    let new_len = claims.len();
    let after = |c: ClaimIdx| if c >= old.end { c + new_len - old.len() } else { c };
    let mut declared: BTreeSet<(ClaimIdx, ClaimIdx)> = BTreeSet::new();
    let mut resolved: Vec<Vec<Link>> = Vec::with_capacity(claims.len());
    for (p, declared_links) in links.iter().enumerate() {
        let from = start + p;
        let mut out = Vec::with_capacity(declared_links.len());
        for (_, to, rel) in declared_links {
            let (slug, id) = to.split_once('#').unwrap_or((to, ""));
            let target_article = if slug.is_empty() { index } else { *slugs.get(slug)? };
            let target = if target_article == index {
                start + *position.get(id)?
            } else {
                let range = digest.articles[target_article].claims.clone();
                let target = range.start + digest.claims[range].iter().position(|c| c.id == id)?;
                // The target declaring a link back to this claim is the
                // same pair declared twice: the full resolve warns of it.
                let back =
                    digest.claims[target].links.iter().any(|l| old.contains(&l.to) && moved[l.to - start] == Some(p));
                if back {
                    return None;
                }
                after(target)
            };
            if target == from || !declared.insert((from.min(target), from.max(target))) {
                return None;
            }
            out.push(Link { to: target, rel: *rel });
        }
        out.sort();
        resolved.push(out);
    }
    for (claim, links) in claims.iter_mut().zip(resolved) {
        claim.article = index;
        claim.links = links;
    }
    Some(Replacement { article, claims, moved })
}

/// How often each company and event is named (by claims, events and seeds):
/// what decides the `unused` warnings. A replacement that takes a count to
/// or from zero changes those warnings, and needs the full resolve.
#[derive(Debug, Default)]
pub struct Usage {
    companies: Vec<usize>,
    events: Vec<usize>,
}

impl Usage {
    pub fn of(digest: &Digest) -> Usage {
        let mut usage = Usage { companies: vec![0; digest.companies.len()], events: vec![0; digest.events.len()] };
        for claim in &digest.claims {
            usage.count(claim, true);
        }
        for event in &digest.events {
            event.companies.iter().for_each(|&c| usage.companies[c] += 1);
        }
        for article in &digest.articles {
            article.mentions.iter().for_each(|&(c, _)| usage.companies[c] += 1);
        }
        usage
    }

    /// Counts `new` instead of `old`; `false`, leaving the counts as they
    /// were, when that makes any company or event named or unnamed.
    pub fn replace(&mut self, old: &[Claim], new: &[Claim]) -> bool {
        let touched: BTreeSet<(bool, usize)> = old
            .iter()
            .chain(new)
            .flat_map(|c| c.companies.iter().map(|&k| (true, k)).chain(c.event.map(|e| (false, e))))
            .collect();
        let status = |usage: &Usage| -> Vec<bool> {
            touched.iter().map(|&(company, i)| if company { usage.companies[i] } else { usage.events[i] } > 0).collect()
        };
        let before = status(self);
        old.iter().for_each(|c| self.count(c, false));
        new.iter().for_each(|c| self.count(c, true));
        if status(self) == before {
            return true;
        }
        new.iter().for_each(|c| self.count(c, false));
        old.iter().for_each(|c| self.count(c, true));
        false
    }

    fn count(&mut self, claim: &Claim, add: bool) {
        let step = |n: &mut usize| *n = if add { *n + 1 } else { *n - 1 };
        claim.companies.iter().for_each(|&c| step(&mut self.companies[c]));
        if let Some(e) = claim.event {
            step(&mut self.events[e]);
        }
    }
}
