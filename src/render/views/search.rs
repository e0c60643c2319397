//! The search page: the form, with the choices of each filter drawn from
//! the digest. The results are drawn by templates/static/search.js from the
//! index under search/ (see render/search).

use super::{Frame, VerdictView, frame, opinion_view};
use crate::model::Digest;
use crate::render::catalogue::Catalogue;
use crate::render::search::filter_value;
use serde::Serialize;
use std::collections::BTreeSet;

pub const PATH: &str = "search.html";

#[derive(Serialize)]
pub struct SearchPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// Unrated claims, as the verdict filter offers them after the
    /// frame's `verdicts`.
    pub opinion: VerdictView,
    pub kinds: Vec<Choice>,
    pub companies: Vec<Choice>,
    pub languages: Vec<Choice>,
    /// The first and last day anything is dated, for the date fields.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// One value of a filter: what the form sends, and what the reader sees.
#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

pub fn search_page<'a>(digest: &'a Digest, words: &Catalogue) -> SearchPage<'a> {
    let kinds: BTreeSet<_> = digest.claims.iter().map(|c| c.kind).collect();
    let mut companies: Vec<Choice> =
        digest.companies.iter().map(|c| Choice { value: filter_value(&c.id), label: c.name.clone() }).collect();
    companies.sort_by(|a, b| a.label.to_lowercase().cmp(&b.label.to_lowercase()).then(a.value.cmp(&b.value)));
    let languages: BTreeSet<&str> = digest.articles.iter().map(|a| a.lang.as_str()).collect();
    let dates = digest.articles.iter().map(|a| a.published).chain(digest.events.iter().map(|e| e.date));
    let (first_day, last_day) = (dates.clone().map(|d| d.first_day()).min(), dates.map(|d| d.last_day()).max());
    SearchPage {
        frame: frame(digest, words, PATH, words.text("title.search").into(), PATH),
        opinion: opinion_view(words),
        kinds: kinds
            .into_iter()
            .map(|k| Choice { value: k.label().into(), label: words.text(&format!("kind.{}", k.label())).into() })
            .collect(),
        companies,
        languages: languages
            .into_iter()
            .map(|code| Choice { value: filter_value(code), label: words.language_name(code) })
            .collect(),
        first_day,
        last_day,
    }
}
