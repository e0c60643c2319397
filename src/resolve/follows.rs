//! Problems that exist only because of another one: a link to an article
//! that could not be read, a reference to a company whose id was rejected,
//! a seed left without article because its file names another seed. Each
//! is marked as following from the first, which counts it instead of
//! showing it.

use super::ResolveError;
use crate::source::Span;
use std::collections::BTreeMap;

/// `errors`, with those that follow from another marked so. `lost` holds
/// the articles that could not be resolved at all, by slug, with where
/// that was reported; `unread`, where the first article file that could not
/// be read at all was reported: what it names is unknown.
pub fn attribute(errors: Vec<ResolveError>, lost: &BTreeMap<String, Span>, unread: Option<Span>) -> Vec<ResolveError> {
    let first = |wanted: &dyn Fn(&ResolveError) -> Option<Span>| errors.iter().find_map(wanted);
    let rejected_id = |kind: &'static str| {
        move |e: &ResolveError| match e {
            ResolveError::BadId { span, what, .. } | ResolveError::DuplicateId { span, what, .. } if *what == kind => {
                Some(span.clone())
            }
            _ => None,
        }
    };
    let company = first(&rejected_id("company"));
    let event = first(&rejected_id("event"));
    let seed = first(&|e| match e {
        ResolveError::SeedAnnotatedTwice { span, .. } => Some(span.clone()),
        _ => None,
    });
    errors
        .into_iter()
        .map(|error| {
            let cause = match &error {
                ResolveError::UnknownReference { what: "article", name, .. } => lost.get(name).cloned(),
                ResolveError::UnknownReference { what: "company", .. } => company.clone(),
                ResolveError::UnknownReference { what: "event", .. } => event.clone(),
                ResolveError::SeedWithoutArticle { .. } => seed.clone().or_else(|| unread.clone()),
                ResolveError::Unused { .. } => unread.clone(),
                _ => None,
            };
            match cause {
                Some(cause) => error.follows(cause),
                None => error,
            }
        })
        .collect()
}
