//! One article replaced in a built [`Digest`], for `serve`: the article and
//! its claims swap in, the claims after them are renumbered by the change in
//! their count, and of the graph and the listing only what the old and the
//! new claims touch is computed again. The result is the digest
//! [`Digest::build`] makes of the same input (live.rs tests hold it to that),
//! at a cost that follows the edit, not the digest.

use super::graph::CompanyInArticle;
use super::graph::{company_events, event_articles, partners_changed, related};
use super::listing::{timeline_key, verdict_rank};
use super::{Article, ArticleIdx, Claim, ClaimIdx, Company, CompanyIdx, Digest, EventIdx, Graph, Link, TimelineItem};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// What an edited article brings: itself and its claims, numbered as they
/// will stand (its first claim keeps the old first claim's index, claims
/// after it move by the change in count), each link resolved so.
pub struct Replacement {
    /// Its `claims` and `mentions` are set here: the seed is the same.
    pub article: Article,
    pub claims: Vec<Claim>,
    /// Per old claim, its position among the new ones (by id); `None` for
    /// a claim that is gone, which no other article may link to.
    pub moved: Vec<Option<usize>>,
}

/// What the change touches: the companies whose roll-up changes, those
/// named directly with how often each other company is named beside them
/// now, more or less (their partners), the events reported.
#[derive(Default)]
struct Touched {
    rolled_up: BTreeSet<CompanyIdx>,
    named: BTreeMap<CompanyIdx, BTreeMap<CompanyIdx, isize>>,
    events: BTreeSet<EventIdx>,
}

impl Touched {
    /// A claim taken out (`by` -1) or put in (`by` 1).
    fn claim(&mut self, companies: &[Company], claim: &Claim, by: isize) {
        for &company in &claim.companies {
            let beside = self.named.entry(company).or_default();
            for &other in &claim.companies {
                *beside.entry(other).or_default() += by;
            }
            self.rolled_up.insert(company);
            self.rolled_up.extend(Graph::ancestors(companies, company));
        }
        self.events.extend(claim.event);
    }
}

impl Digest {
    /// Puts `replacement` in the place of article `index`.
    pub fn replace_article(&mut self, index: ArticleIdx, replacement: Replacement) {
        let Replacement { mut article, claims, moved } = replacement;
        let old = self.articles[index].claims.clone();
        let new = old.start..old.start + claims.len();
        let mut touched = Touched::default();
        let kept_incoming = self.take_out(old.clone(), &mut touched);
        let republished = self.articles[index].published != article.published;
        article.claims = new.clone();
        article.mentions = std::mem::take(&mut self.articles[index].mentions);
        article.mentions_at = std::mem::take(&mut self.articles[index].mentions_at);
        self.articles[index] = article;
        self.claims.splice(old.clone(), claims);
        self.graph.incoming.splice(old.clone(), std::iter::repeat_with(Vec::new).take(new.len()));
        self.renumber(index, &old, new.len(), &moved);
        self.put_in(new.clone(), kept_incoming, &moved, &mut touched);
        self.redo(index, &new, &touched);
        if republished {
            self.republish(index);
        }
    }

    /// Removes what the claims in `old` added to the graph and the listing;
    /// returns, per old claim, the links other articles' claims declare
    /// towards it.
    fn take_out(&mut self, old: Range<ClaimIdx>, touched: &mut Touched) -> Vec<Vec<Link>> {
        let graph = &mut self.graph;
        for c in old.clone() {
            let claim = &self.claims[c];
            for link in claim.links.iter().filter(|l| !old.contains(&l.to)) {
                graph.incoming[link.to].retain(|l| l.to != c);
            }
            if let Some(event) = claim.event {
                graph.event_claims[event].retain(|&x| x != c);
            }
            touched.claim(&self.companies, claim, -1);
            tally(&mut self.listing.tally, claim, false);
        }
        for &company in &touched.rolled_up {
            graph.company_claims[company].retain(|x| !old.contains(x));
        }
        self.listing.claims.retain(|x| !old.contains(x));
        self.listing.corrections.retain(|(c, _)| !old.contains(c));
        old.clone().map(|c| graph.incoming[c].iter().copied().filter(|l| !old.contains(&l.to)).collect()).collect()
    }

    /// Moves every claim index outside the replaced article to where it now
    /// stands: after it, by the change in count; into it, by `moved`.
    fn renumber(&mut self, index: ArticleIdx, old: &Range<ClaimIdx>, new_len: usize, moved: &[Option<usize>]) {
        let identity = moved.iter().enumerate().all(|(k, m)| *m == Some(k));
        if old.len() == new_len && identity {
            return;
        }
        let start = old.start;
        let shift = |c: ClaimIdx| if c >= old.end { c + new_len - old.len() } else { c };
        let new = start..start + new_len;
        // Only links from other articles point into the replaced one: the
        // new claims carry their own numbering already.
        let into = |c: ClaimIdx| match c.checked_sub(start).and_then(|k| moved.get(k)) {
            Some(Some(position)) => start + position,
            _ => shift(c),
        };
        for (_, claim) in self.claims.iter_mut().enumerate().filter(|(c, _)| !new.contains(c)) {
            if claim.links.iter().any(|l| l.to >= start) {
                claim.links.iter_mut().for_each(|l| l.to = into(l.to));
                claim.links.sort();
            }
        }
        let graph = &mut self.graph;
        for links in &mut graph.incoming {
            links.iter_mut().for_each(|l| l.to = shift(l.to));
        }
        for claims in graph.event_claims.iter_mut().chain(&mut graph.company_claims) {
            claims.iter_mut().for_each(|c| *c = shift(*c));
        }
        for list in &mut graph.event_articles {
            list.iter_mut().for_each(|e| e.first_claim = shift(e.first_claim));
        }
        self.listing.claims.iter_mut().for_each(|c| *c = shift(*c));
        self.listing.corrections.iter_mut().for_each(|(c, _)| *c = shift(*c));
        for article in &mut self.articles[index + 1..] {
            article.claims = shift(article.claims.start)..shift(article.claims.end);
        }
    }

    /// Adds what the claims in `new` bring to the graph and the listing,
    /// with the links other articles declare towards them.
    fn put_in(&mut self, new: Range<ClaimIdx>, kept: Vec<Vec<Link>>, moved: &[Option<usize>], touched: &mut Touched) {
        // The kept links come from other articles' claims, numbered as before.
        let old_len = kept.len();
        let shift = |c: ClaimIdx| if c >= new.start { c + new.len() - old_len } else { c };
        for (links, position) in kept.into_iter().zip(moved) {
            if let Some(position) = position {
                let incoming = &mut self.graph.incoming[new.start + position];
                incoming.extend(links.into_iter().map(|l| Link { to: shift(l.to), rel: l.rel }));
            }
        }
        for c in new.clone() {
            let claim = &self.claims[c];
            for link in &claim.links {
                self.graph.incoming[link.to].push(Link { to: c, rel: link.rel });
            }
            if let Some(event) = claim.event {
                insert_sorted(&mut self.graph.event_claims[event], c);
            }
            touched.claim(&self.companies, claim, 1);
            tally(&mut self.listing.tally, claim, true);
            for &company in &claim.companies {
                for rolled in std::iter::once(company).chain(Graph::ancestors(&self.companies, company)) {
                    insert_sorted(&mut self.graph.company_claims[rolled], c);
                }
            }
        }
        let targets: BTreeSet<ClaimIdx> =
            new.clone().flat_map(|c| self.claims[c].links.iter().map(|l| l.to)).chain(new.clone()).collect();
        targets.into_iter().for_each(|c| self.graph.incoming[c].sort());
        let claims = &self.claims;
        let rank = |&c: &ClaimIdx| (verdict_rank(claims[c].verdict), c);
        self.listing.claims = merge(std::mem::take(&mut self.listing.claims), new.clone().collect(), rank);
        // Newest first, then in digest order, as a full build lists them.
        let newest = |&(c, h): &(ClaimIdx, usize)| (std::cmp::Reverse(claims[c].history[h].date), c, h);
        let corrections = new.flat_map(|c| (0..claims[c].history.len()).map(move |h| (c, h))).collect();
        self.listing.corrections = merge(std::mem::take(&mut self.listing.corrections), corrections, newest);
    }

    /// Computes again, for the touched events and companies, what is
    /// derived from their claims.
    fn redo(&mut self, index: ArticleIdx, new: &Range<ClaimIdx>, touched: &Touched) {
        let graph = &mut self.graph;
        for &event in &touched.events {
            graph.event_articles[event] = event_articles(&self.claims, &graph.event_claims[event]);
        }
        for &company in &touched.rolled_up {
            let claims = &graph.company_claims[company];
            let here = claims.partition_point(|&c| c < new.end) - claims.partition_point(|&c| c < new.start);
            let articles = &mut graph.company_articles[company];
            match articles.binary_search_by_key(&index, |a| a.article) {
                Ok(at) if articles[at].mentions == 0 && here == 0 => drop(articles.remove(at)),
                Ok(at) => articles[at].claims = here,
                Err(at) if here > 0 => {
                    articles.insert(at, CompanyInArticle { article: index, mentions: 0, claims: here });
                }
                Err(_) => {}
            }
            graph.company_events[company] = company_events(&graph.family[company], &self.events, &self.claims, claims);
        }
        // Events are not edited in place: only what claims add changes.
        for (&company, change) in &touched.named {
            let related = related(company, &self.companies, &graph.family);
            graph.partners[company] = partners_changed(&graph.partners[company], change, &related);
        }
    }

    /// Moves article `index` to its new date in the lists ordered by date.
    fn republish(&mut self, index: ArticleIdx) {
        let listing = &mut self.listing;
        let articles = &self.articles;
        listing.articles.retain(|&a| a != index);
        let newer = |a: &ArticleIdx| {
            let (a, b) = (&articles[*a], &articles[index]);
            b.published.cmp(&a.published).then(a.slug.cmp(&b.slug)).is_lt()
        };
        let at = listing.articles.partition_point(newer);
        listing.articles.insert(at, index);
        let item = TimelineItem::Publication(index);
        listing.timeline.retain(|&i| i != item);
        let key = timeline_key(articles, &self.events, item);
        let at = listing.timeline.partition_point(|&i| timeline_key(articles, &self.events, i) < key);
        listing.timeline.insert(at, item);
        for (position, item) in listing.timeline.iter().enumerate() {
            if let TimelineItem::Event(e) = item {
                listing.event_position[*e] = position;
            }
        }
    }
}

/// `listed`, ordered by `key`, with `added` put in their places: found by
/// binary search and copied between in runs, since `listed` holds every
/// claim of the digest and `added` one article's.
fn merge<T: Copy, K: Ord>(listed: Vec<T>, mut added: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    if added.is_empty() {
        return listed;
    }
    added.sort_by_key(&key);
    let mut merged = Vec::with_capacity(listed.len() + added.len());
    let mut from = 0;
    for item in added {
        let at = from + listed[from..].partition_point(|x| key(x) <= key(&item));
        merged.extend_from_slice(&listed[from..at]);
        merged.push(item);
        from = at;
    }
    merged.extend_from_slice(&listed[from..]);
    merged
}

fn insert_sorted(list: &mut Vec<usize>, value: usize) {
    if let Err(at) = list.binary_search(&value) {
        list.insert(at, value);
    }
}

fn tally(tally: &mut super::Tally, claim: &Claim, add: bool) {
    let count = match claim.verdict {
        Some(v) => &mut tally.0[v.index()],
        None => &mut tally.1,
    };
    *count = if add { *count + 1 } else { *count - 1 };
}
