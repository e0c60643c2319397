//! The cross-links between claims, events, companies and articles, computed
//! once. Every list is sorted, so pages built from it are deterministic.

use super::{Article, ArticleIdx, Claim, ClaimIdx, Company, CompanyIdx, Event, EventIdx, Link};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Indexes derived from the declared data.
#[derive(Debug, Default)]
pub struct Graph {
    /// Per claim: links other claims declare towards it (`to` is the source).
    pub incoming: Vec<Vec<Link>>,
    /// Per event: the claims that report it.
    pub event_claims: Vec<Vec<ClaimIdx>>,
    /// Per event: the articles reporting it, each with its first claim on
    /// it and how many of its claims do (computed once, so that a note's
    /// "also reported by" does not walk every claim of the event).
    pub event_articles: Vec<Vec<EventInArticle>>,
    /// Per company: its direct subsidiaries and products.
    pub children: Vec<Vec<CompanyIdx>>,
    /// Per company: the company and everything under it, depth first.
    pub family: Vec<Vec<CompanyIdx>>,
    /// Per company: claims naming it or anything under it.
    pub company_claims: Vec<Vec<ClaimIdx>>,
    /// Per company: articles that mention it or anything under it, with the
    /// number of alias matches and of claims naming it there.
    pub company_articles: Vec<Vec<CompanyInArticle>>,
    /// Per company: each match of its own aliases, as the article and the
    /// match's index in [`Article::mentions_at`], in article order.
    pub company_mentions: Vec<Vec<(ArticleIdx, usize)>>,
    /// Per company: events naming it or anything under it, or reported by
    /// claims that name it.
    pub company_events: Vec<Vec<EventIdx>>,
    /// Per company: other companies named in the same claims or events,
    /// with how often (its own parents and children left out).
    pub partners: Vec<Vec<(CompanyIdx, usize)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventInArticle {
    pub article: ArticleIdx,
    pub first_claim: ClaimIdx,
    pub claims: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompanyInArticle {
    pub article: ArticleIdx,
    pub mentions: usize,
    pub claims: usize,
}

impl Graph {
    pub fn build(articles: &[Article], claims: &[Claim], companies: &[Company], events: &[Event]) -> Graph {
        let children = children(companies);
        let family: Vec<Vec<CompanyIdx>> = (0..companies.len()).map(|c| family(c, &children)).collect();
        let direct_claims = direct_claims(claims, companies.len());
        let event_claims = event_claims(claims, events.len());
        let company_claims = roll_up(&family, &direct_claims);
        let mentioned_in = mentioned_in(articles, companies.len());
        let named_by_events = named_by_events(events, companies.len());
        // Per company, in parallel: the biggest companies gather most claims.
        let company_articles = (0..companies.len())
            .into_par_iter()
            .map(|c| company_articles(&family[c], &mentioned_in, claims, &company_claims[c]))
            .collect();
        let company_events = (0..companies.len())
            .into_par_iter()
            .map(|c| company_events(&family[c], events, claims, &company_claims[c]))
            .collect();
        let partners = (0..companies.len())
            .into_par_iter()
            .map(|c| partners(c, companies, &family, claims, events, &direct_claims[c], &named_by_events[c]))
            .collect();
        Graph {
            incoming: incoming(claims),
            event_articles: event_claims.iter().map(|list| event_articles(claims, list)).collect(),
            event_claims,
            children,
            family,
            company_claims,
            company_articles,
            company_mentions: company_mentions(articles, companies.len()),
            company_events,
            partners,
        }
    }

    /// The chain of parents of `company`, nearest first.
    pub fn ancestors(companies: &[Company], company: CompanyIdx) -> Vec<CompanyIdx> {
        let mut chain = Vec::new();
        let mut current = companies[company].parent;
        // Cycles are rejected when resolving; the bound only guards that proof.
        while let Some(parent) = current.filter(|_| chain.len() < companies.len()) {
            chain.push(parent);
            current = companies[parent].parent;
        }
        chain
    }
}

fn incoming(claims: &[Claim]) -> Vec<Vec<Link>> {
    let mut incoming = vec![Vec::new(); claims.len()];
    for (from, claim) in claims.iter().enumerate() {
        for link in &claim.links {
            incoming[link.to].push(Link { to: from, rel: link.rel });
        }
    }
    incoming.iter_mut().for_each(|links| links.sort());
    incoming
}

fn event_claims(claims: &[Claim], events: usize) -> Vec<Vec<ClaimIdx>> {
    let mut by_event = vec![Vec::new(); events];
    for (idx, claim) in claims.iter().enumerate() {
        if let Some(event) = claim.event {
            by_event[event].push(idx);
        }
    }
    by_event
}

/// Claims are numbered article by article, so an event's claims come
/// grouped by article already.
pub(super) fn event_articles(claims: &[Claim], event_claims: &[ClaimIdx]) -> Vec<EventInArticle> {
    let mut list: Vec<EventInArticle> = Vec::new();
    for &claim in event_claims {
        let article = claims[claim].article;
        match list.last_mut() {
            Some(last) if last.article == article => last.claims += 1,
            _ => list.push(EventInArticle { article, first_claim: claim, claims: 1 }),
        }
    }
    list
}

fn children(companies: &[Company]) -> Vec<Vec<CompanyIdx>> {
    let mut children = vec![Vec::new(); companies.len()];
    for (idx, company) in companies.iter().enumerate() {
        if let Some(parent) = company.parent {
            children[parent].push(idx);
        }
    }
    children
}

fn family(root: CompanyIdx, children: &[Vec<CompanyIdx>]) -> Vec<CompanyIdx> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        out.extend(children[out[i]].iter().copied());
        i += 1;
    }
    out
}

fn direct_claims(claims: &[Claim], companies: usize) -> Vec<Vec<ClaimIdx>> {
    let mut direct = vec![Vec::new(); companies];
    for (idx, claim) in claims.iter().enumerate() {
        for &company in &claim.companies {
            direct[company].push(idx);
        }
    }
    direct
}

fn roll_up(family: &[Vec<CompanyIdx>], direct: &[Vec<ClaimIdx>]) -> Vec<Vec<ClaimIdx>> {
    family
        .iter()
        .map(|members| {
            let set: BTreeSet<ClaimIdx> = members.iter().flat_map(|&m| direct[m].iter().copied()).collect();
            set.into_iter().collect()
        })
        .collect()
}

/// Per company, the articles whose seed names it, with how often: built
/// once, so that each company's list costs only its own mentions.
fn mentioned_in(articles: &[Article], companies: usize) -> Vec<Vec<(ArticleIdx, usize)>> {
    let mut lists = vec![Vec::new(); companies];
    for (idx, article) in articles.iter().enumerate() {
        for &(company, count) in &article.mentions {
            lists[company].push((idx, count));
        }
    }
    lists
}

/// Per company, where its aliases occur: one pass over every mention.
fn company_mentions(articles: &[Article], companies: usize) -> Vec<Vec<(ArticleIdx, usize)>> {
    let mut lists = vec![Vec::new(); companies];
    for (idx, article) in articles.iter().enumerate() {
        for (at, (company, _)) in article.mentions_at.iter().enumerate() {
            lists[*company].push((idx, at));
        }
    }
    lists
}

/// Per company, the events that name it.
fn named_by_events(events: &[Event], companies: usize) -> Vec<Vec<EventIdx>> {
    let mut lists = vec![Vec::new(); companies];
    for (idx, event) in events.iter().enumerate() {
        for &company in &event.companies {
            if lists[company].last() != Some(&idx) {
                lists[company].push(idx);
            }
        }
    }
    lists
}

fn company_articles(
    family: &[CompanyIdx],
    mentioned_in: &[Vec<(ArticleIdx, usize)>],
    claims: &[Claim],
    company_claims: &[ClaimIdx],
) -> Vec<CompanyInArticle> {
    let mut per_article: BTreeMap<ArticleIdx, (usize, usize)> = BTreeMap::new();
    for &(article, mentions) in family.iter().flat_map(|&c| &mentioned_in[c]) {
        if mentions > 0 {
            per_article.entry(article).or_default().0 += mentions;
        }
    }
    for &claim in company_claims {
        per_article.entry(claims[claim].article).or_default().1 += 1;
    }
    per_article
        .into_iter()
        .map(|(article, (mentions, claims))| CompanyInArticle { article, mentions, claims })
        .collect()
}

pub(super) fn company_events(
    family: &[CompanyIdx],
    events: &[Event],
    claims: &[Claim],
    company_claims: &[ClaimIdx],
) -> Vec<EventIdx> {
    let mut set: BTreeSet<EventIdx> = company_claims.iter().filter_map(|&c| claims[c].event).collect();
    for (idx, event) in events.iter().enumerate() {
        if event.companies.iter().any(|c| family.contains(c)) {
            set.insert(idx);
        }
    }
    set.into_iter().collect()
}

/// `direct`: the claims naming `company` itself; `named_by_events`: the
/// events naming it.
pub(super) fn partners(
    company: CompanyIdx,
    companies: &[Company],
    family: &[Vec<CompanyIdx>],
    claims: &[Claim],
    events: &[Event],
    direct: &[ClaimIdx],
    named_by_events: &[EventIdx],
) -> Vec<(CompanyIdx, usize)> {
    let related = related(company, companies, family);
    let mut counts: BTreeMap<CompanyIdx, usize> = BTreeMap::new();
    let named_together =
        direct.iter().map(|&c| &claims[c].companies).chain(named_by_events.iter().map(|&e| &events[e].companies));
    for names in named_together {
        for &other in names.iter().filter(|o| !related.contains(o)) {
            *counts.entry(other).or_default() += 1;
        }
    }
    by_count(counts)
}

/// The companies never counted as `company`'s partners: its family and its
/// ancestors.
pub(super) fn related(company: CompanyIdx, companies: &[Company], family: &[Vec<CompanyIdx>]) -> BTreeSet<CompanyIdx> {
    let mut related: BTreeSet<CompanyIdx> = family[company].iter().copied().collect();
    related.extend(Graph::ancestors(companies, company));
    related
}

/// Partners as [`partners`] lists them, after `change`: how many more (or
/// fewer) times each company was named beside this one. Costs what the
/// partners and the change hold, not what the company's claims do.
pub(super) fn partners_changed(
    listed: &[(CompanyIdx, usize)],
    change: &BTreeMap<CompanyIdx, isize>,
    related: &BTreeSet<CompanyIdx>,
) -> Vec<(CompanyIdx, usize)> {
    let mut counts: BTreeMap<CompanyIdx, usize> = listed.iter().copied().collect();
    for (&other, &by) in change.iter().filter(|(other, _)| !related.contains(other)) {
        let count = counts.entry(other).or_default();
        *count = count.checked_add_signed(by).unwrap_or(0);
    }
    counts.retain(|_, count| *count > 0);
    by_count(counts)
}

/// Most often named first, then in company order.
fn by_count(counts: BTreeMap<CompanyIdx, usize>) -> Vec<(CompanyIdx, usize)> {
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}
