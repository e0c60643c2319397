//! What changed in the annotations between two versions of a digest: per
//! article, the claims added, removed and changed (verdict, quote edited or
//! moved, note, sources, links), and the companies and events added or
//! removed. Reported as Markdown for a pull request, as JSON for tools, and
//! as the site's changes.html page.

use crate::model::{Claim, Digest};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct DigestDiff {
    pub base: String,
    pub head: String,
    pub articles: Vec<ArticleDiff>,
    pub companies_added: Vec<String>,
    pub companies_removed: Vec<String>,
    pub events_added: Vec<String>,
    pub events_removed: Vec<String>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ArticleDiff {
    pub slug: String,
    pub title: String,
    /// "added", "removed" or "changed".
    pub status: &'static str,
    pub added: Vec<ClaimSummary>,
    pub removed: Vec<ClaimSummary>,
    pub changed: Vec<ClaimChange>,
}

#[derive(Debug, Serialize, PartialEq, Eq, Clone)]
pub struct ClaimSummary {
    pub id: String,
    pub quote: String,
    pub verdict: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ClaimChange {
    pub id: String,
    pub quote: String,
    /// (old, new)
    pub verdict: Option<(String, String)>,
    /// (old, new) when the quoted text itself changed.
    pub quote_edited: Option<(String, String)>,
    /// The same text, anchored elsewhere in the seed.
    pub quote_moved: bool,
    pub note_edited: bool,
    pub sources_added: Vec<String>,
    pub sources_removed: Vec<String>,
    pub links_added: Vec<String>,
    pub links_removed: Vec<String>,
}

impl DigestDiff {
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.companies_added.is_empty()
            && self.companies_removed.is_empty()
            && self.events_added.is_empty()
            && self.events_removed.is_empty()
    }

    /// Numbers of claims added, removed and changed.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.articles
            .iter()
            .fold((0, 0, 0), |(a, r, c), d| (a + d.added.len(), r + d.removed.len(), c + d.changed.len()))
    }
}

fn verdict(claim: &Claim) -> String {
    claim.verdict.map_or("opinion".to_string(), |v| v.slug().to_string())
}

fn summary(digest: &Digest, claim: &Claim) -> ClaimSummary {
    ClaimSummary { id: claim.id.clone(), quote: claim.quote(digest).to_string(), verdict: verdict(claim) }
}

fn links_of(digest: &Digest, claim: &Claim) -> BTreeSet<String> {
    claim
        .links
        .iter()
        .map(|l| {
            let to = &digest.claims[l.to];
            format!("{} {}#{}", l.rel.forward(), digest.articles[to.article].slug, to.id)
        })
        .collect()
}

/// Compares `base` with `head`; lists are sorted, so equal inputs give
/// equal reports.
pub fn compare(base: &Digest, head: &Digest, base_name: &str, head_name: &str) -> DigestDiff {
    let by_slug = |d: &Digest| -> BTreeMap<String, usize> {
        d.articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect()
    };
    let (old, new) = (by_slug(base), by_slug(head));
    let slugs: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let articles = slugs
        .into_iter()
        .filter_map(|slug| compare_article(base, old.get(slug).copied(), head, new.get(slug).copied()))
        .collect();
    let ids = |list: Vec<&String>| -> BTreeSet<String> { list.into_iter().cloned().collect() };
    let (old_c, new_c) =
        (ids(base.companies.iter().map(|c| &c.id).collect()), ids(head.companies.iter().map(|c| &c.id).collect()));
    let (old_e, new_e) =
        (ids(base.events.iter().map(|e| &e.id).collect()), ids(head.events.iter().map(|e| &e.id).collect()));
    DigestDiff {
        base: base_name.to_string(),
        head: head_name.to_string(),
        articles,
        companies_added: new_c.difference(&old_c).cloned().collect(),
        companies_removed: old_c.difference(&new_c).cloned().collect(),
        events_added: new_e.difference(&old_e).cloned().collect(),
        events_removed: old_e.difference(&new_e).cloned().collect(),
    }
}

fn compare_article(base: &Digest, old: Option<usize>, head: &Digest, new: Option<usize>) -> Option<ArticleDiff> {
    let claims = |d: &Digest, a: Option<usize>| -> BTreeMap<String, usize> {
        a.map(|a| d.articles[a].claims.clone().map(|c| (d.claims[c].id.clone(), c)).collect()).unwrap_or_default()
    };
    let (old_claims, new_claims) = (claims(base, old), claims(head, new));
    let added = new_claims
        .iter()
        .filter(|(id, _)| !old_claims.contains_key(*id))
        .map(|(_, &c)| summary(head, &head.claims[c]))
        .collect();
    let removed = old_claims
        .iter()
        .filter(|(id, _)| !new_claims.contains_key(*id))
        .map(|(_, &c)| summary(base, &base.claims[c]))
        .collect();
    let changed: Vec<ClaimChange> = old_claims
        .iter()
        .filter_map(|(id, &o)| {
            new_claims.get(id).and_then(|&n| compare_claim(base, &base.claims[o], head, &head.claims[n]))
        })
        .collect();
    let (status, title) = match (old, new) {
        (None, Some(n)) => ("added", &head.articles[n].title),
        (Some(o), None) => ("removed", &base.articles[o].title),
        (Some(_), Some(n)) => ("changed", &head.articles[n].title),
        (None, None) => return None,
    };
    let diff = ArticleDiff {
        slug: new.map(|n| &head.articles[n].slug).or(old.map(|o| &base.articles[o].slug))?.clone(),
        title: title.clone(),
        status,
        added,
        removed,
        changed,
    };
    let unchanged = status == "changed" && diff.added.is_empty() && diff.removed.is_empty() && diff.changed.is_empty();
    (!unchanged).then_some(diff)
}

fn compare_claim(base: &Digest, old: &Claim, head: &Digest, new: &Claim) -> Option<ClaimChange> {
    let (old_quote, new_quote) = (old.quote(base), new.quote(head));
    let urls = |c: &Claim| -> BTreeSet<String> { c.sources.iter().map(|s| s.url.clone()).collect() };
    let (old_urls, new_urls) = (urls(old), urls(new));
    let (old_links, new_links) = (links_of(base, old), links_of(head, new));
    let change = ClaimChange {
        id: new.id.clone(),
        quote: new_quote.to_string(),
        verdict: (verdict(old) != verdict(new)).then(|| (verdict(old), verdict(new))),
        quote_edited: (old_quote != new_quote).then(|| (old_quote.to_string(), new_quote.to_string())),
        quote_moved: old_quote == new_quote && old.bytes != new.bytes,
        note_edited: old.note.trim() != new.note.trim(),
        sources_added: new_urls.difference(&old_urls).cloned().collect(),
        sources_removed: old_urls.difference(&new_urls).cloned().collect(),
        links_added: new_links.difference(&old_links).cloned().collect(),
        links_removed: old_links.difference(&new_links).cloned().collect(),
    };
    let same = change.verdict.is_none()
        && change.quote_edited.is_none()
        && !change.quote_moved
        && !change.note_edited
        && change.sources_added.is_empty()
        && change.sources_removed.is_empty()
        && change.links_added.is_empty()
        && change.links_removed.is_empty();
    (!same).then_some(change)
}

/// The report as Markdown, for a pull request comment or a job summary.
pub fn markdown(diff: &DigestDiff) -> String {
    let mut out = format!("## Annotation changes: `{}` → `{}`\n\n", diff.base, diff.head);
    if diff.is_empty() {
        out.push_str("No claim, company or event changed.\n");
        return out;
    }
    let (added, removed, changed) = diff.counts();
    let _ = writeln!(out, "{added} claim{} added, {removed} removed, {changed} changed.\n", plural(added));
    for article in &diff.articles {
        let _ = writeln!(out, "### `{}` ({}): {}\n", article.slug, article.status, article.title);
        for c in &article.added {
            let _ = writeln!(out, "- **added** `{}` ({}): “{}”", c.id, c.verdict, short(&c.quote));
        }
        for c in &article.removed {
            let _ = writeln!(out, "- **removed** `{}` ({}): “{}”", c.id, c.verdict, short(&c.quote));
        }
        for c in &article.changed {
            let _ = writeln!(out, "- **changed** `{}`: {}", c.id, change_words(c).join("; "));
        }
        out.push('\n');
    }
    for (label, list) in [
        ("Companies added", &diff.companies_added),
        ("Companies removed", &diff.companies_removed),
        ("Events added", &diff.events_added),
        ("Events removed", &diff.events_removed),
    ] {
        if !list.is_empty() {
            let ids: Vec<String> = list.iter().map(|id| format!("`{id}`")).collect();
            let _ = writeln!(out, "**{label}:** {}\n", ids.join(", "));
        }
    }
    out
}

/// What changed in a claim, in a few words each.
pub fn change_words(c: &ClaimChange) -> Vec<String> {
    let mut words = Vec::new();
    if let Some((old, new)) = &c.verdict {
        words.push(format!("verdict {old} → {new}"));
    }
    if let Some((old, new)) = &c.quote_edited {
        words.push(format!("quote edited (“{}” → “{}”)", short(old), short(new)));
    }
    if c.quote_moved {
        words.push("quote moved".into());
    }
    if c.note_edited {
        words.push("note edited".into());
    }
    words.extend(c.sources_added.iter().map(|u| format!("source added <{u}>")));
    words.extend(c.sources_removed.iter().map(|u| format!("source removed <{u}>")));
    words.extend(c.links_added.iter().map(|l| format!("link added ({l})")));
    words.extend(c.links_removed.iter().map(|l| format!("link removed ({l})")));
    words
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// At most 80 characters of seed text, safe in Markdown: the places that
/// render it (GitHub) would take `<tag>` in a quote for HTML.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(80).collect();
    let head = head.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    if chars.next().is_some() { format!("{head}…") } else { head }
}
