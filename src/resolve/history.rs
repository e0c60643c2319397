//! A claim's corrections (`[[claim.history]]`): their dates checked, the
//! sources they say they added found among the claim's own, and the latest
//! verdict change agreeing with the verdict the claim has now. Readers are
//! told what was corrected and when, so the record must match the claim.

use super::ResolveError;
use super::references::{input_date, span_of};
use crate::load::article::ClaimEntry;
use crate::model::Correction;
use crate::source::{SourceId, Span};

/// The claim's corrections, oldest first (by date, then as written).
pub fn resolve_history(entry: &ClaimEntry, source: SourceId, errors: &mut Vec<ResolveError>) -> Vec<Correction> {
    let mut history: Vec<(Correction, Option<Span>)> = Vec::new();
    for item in &entry.history {
        let date = input_date(source, &item.date, errors);
        for url in &item.sources_added {
            check_source(entry, source, url, errors);
        }
        let Some(date) = date else { continue };
        let correction = Correction {
            date,
            verdict: item.verdict.as_ref().map(|v| (v.from, *v.to.get_ref())),
            note_revised: item.note_revised,
            sources_added: item.sources_added.iter().map(|u| u.get_ref().clone()).collect(),
            reason: item.reason.clone(),
        };
        history.push((correction, item.verdict.as_ref().map(|v| span_of(source, &v.to))));
    }
    history.sort_by_key(|(c, _)| c.date);
    check_latest_verdict(entry, &history, errors);
    history.into_iter().map(|(c, _)| c).collect()
}

/// `sources_added` names sources by url: each must be one of the claim's.
fn check_source(entry: &ClaimEntry, source: SourceId, url: &toml::Spanned<String>, errors: &mut Vec<ResolveError>) {
    if entry.sources.iter().any(|s| s.url.get_ref() == url.get_ref()) {
        return;
    }
    let urls = entry.sources.iter().map(|s| s.url.get_ref().as_str());
    errors.push(ResolveError::UnknownReference {
        span: span_of(source, url),
        what: "source",
        name: url.get_ref().clone(),
        suggestion: crate::diagnostic::nearest(url.get_ref(), urls).map(str::to_string),
        hint: "`sources_added` lists the urls of the claim's own `[[claim.source]]`".into(),
    });
}

/// The last verdict change must end at the claim's verdict: otherwise the
/// page would tell readers of a change to a verdict the claim does not have.
fn check_latest_verdict(entry: &ClaimEntry, history: &[(Correction, Option<Span>)], errors: &mut Vec<ResolveError>) {
    let latest = history.iter().rev().find_map(|(c, span)| Some((c.verdict?, span.clone()?)));
    let Some(((_, to), span)) = latest else { return };
    let verdict = entry.verdict.as_ref().map(|v| *v.get_ref());
    if verdict != Some(to) {
        errors.push(ResolveError::HistoryVerdictMismatch {
            span,
            id: entry.id.get_ref().clone(),
            to: to.slug(),
            verdict: verdict.map_or("none (an unrated opinion)", |v| v.slug()),
        });
    }
}
