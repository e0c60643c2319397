//! changes.html: what changed in the annotations since a git revision, so
//! the preview of a pull request opens on it, each changed claim linked.

use super::{Frame, frame};
use crate::diff::{DigestDiff, change_words};
use crate::model::Digest;
use crate::render::catalogue::Catalogue;
use crate::render::links;
use serde::Serialize;

#[derive(Serialize)]
pub struct ChangesPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub base: &'a str,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub articles: Vec<ArticleChanges>,
    pub companies_added: Vec<Named>,
    pub companies_removed: &'a [String],
    pub events_added: Vec<Named>,
    pub events_removed: &'a [String],
}

#[derive(Serialize)]
pub struct ArticleChanges {
    pub title: String,
    pub href: Option<String>,
    pub status: &'static str,
    pub lang: Option<String>,
    pub claims: Vec<ClaimChangeView>,
}

/// One claim added, removed or changed.
#[derive(Serialize)]
pub struct ClaimChangeView {
    /// "added", "removed" or "changed".
    pub what: &'static str,
    pub id: String,
    pub href: Option<String>,
    pub quote: String,
    pub details: Vec<String>,
}

#[derive(Serialize)]
pub struct Named {
    pub href: String,
    pub name: String,
}

pub fn changes_page<'a>(digest: &'a Digest, words: &Catalogue, diff: &'a DigestDiff) -> ChangesPage<'a> {
    let page = "changes.html".to_string();
    let (added, removed, changed) = diff.counts();
    let articles = diff
        .articles
        .iter()
        .map(|a| {
            let here = digest.articles.iter().find(|x| x.slug == a.slug);
            let claim_href = |id: &str| here.map(|x| links::href(&page, &links::claim(&x.slug, id)));
            let mut claims: Vec<ClaimChangeView> = Vec::new();
            claims.extend(a.added.iter().map(|c| ClaimChangeView {
                what: "added",
                id: c.id.clone(),
                href: claim_href(&c.id),
                quote: c.quote.clone(),
                details: vec![format!("verdict: {}", c.verdict)],
            }));
            claims.extend(a.changed.iter().map(|c| ClaimChangeView {
                what: "changed",
                id: c.id.clone(),
                href: claim_href(&c.id),
                quote: c.quote.clone(),
                details: change_words(c),
            }));
            claims.extend(a.removed.iter().map(|c| ClaimChangeView {
                what: "removed",
                id: c.id.clone(),
                href: None,
                quote: c.quote.clone(),
                details: vec![format!("verdict was: {}", c.verdict)],
            }));
            ArticleChanges {
                title: a.title.clone(),
                href: here.map(|x| links::href(&page, &links::article(&x.slug))),
                status: a.status,
                lang: here.map(|x| x.lang.clone()),
                claims,
            }
        })
        .collect();
    let company = |id: &String| {
        let name = digest.companies.iter().find(|c| &c.id == id).map_or(id.clone(), |c| c.name.clone());
        Named { href: links::href(&page, &links::company(id)), name }
    };
    let event = |id: &String| match digest.events.iter().position(|e| &e.id == id) {
        Some(idx) => {
            Named { href: links::href(&page, &links::event_in(digest, idx)), name: digest.events[idx].title.clone() }
        }
        // Removed since the base: it has no place in this timeline.
        None => Named { href: links::href(&page, &links::event(id, 1)), name: id.clone() },
    };
    ChangesPage {
        frame: frame(digest, words, &page, words.fill("title.changes", &[("base", &diff.base)]), ""),
        base: &diff.base,
        added,
        removed,
        changed,
        articles,
        companies_added: diff.companies_added.iter().map(company).collect(),
        companies_removed: &diff.companies_removed,
        events_added: diff.events_added.iter().map(event).collect(),
        events_removed: &diff.events_removed,
    }
}
