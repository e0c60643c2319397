//! Ids and the references between them: companies (and their parent
//! chains), events, and the checks shared by every reference.

use super::ResolveError;
use crate::diagnostic::nearest;
use crate::load::RawDigest;
use crate::load::article::{DateInput, SourceEntry};
use crate::model::{Company, Event, PartialDate, Source};
use crate::source::{SourceId, SourceMap, Span};
use std::collections::BTreeMap;
use toml::Spanned;

/// Ids in use, with the line each was first defined on.
pub type IdTable = BTreeMap<String, usize>;

pub fn span_of<T>(source: SourceId, value: &Spanned<T>) -> Span {
    Span::new(source, value.span())
}

fn line_of(sources: &SourceMap, span: &Span) -> usize {
    let file = sources.get(span.source);
    file.lines.line_col(&file.text, span.bytes.start).0
}

/// Records `id` in `table`, or reports it as a duplicate.
pub fn claim_id(
    table: &mut IdTable,
    sources: &SourceMap,
    span: Span,
    id: &str,
    what: &'static str,
    errors: &mut Vec<ResolveError>,
) -> bool {
    if let Some(fault) = crate::load::name_fault(id) {
        errors.push(ResolveError::BadId { span, what, id: id.to_string(), fault });
        return false;
    }
    if let Some(&first_line) = table.get(id) {
        errors.push(ResolveError::DuplicateId { span, what, id: id.to_string(), first_line });
        return false;
    }
    table.insert(id.to_string(), line_of(sources, &span));
    true
}

/// Looks `name` up in `table`, reporting an unknown reference with the
/// nearest known id.
pub fn lookup(
    table: &BTreeMap<String, usize>,
    span: Span,
    name: &str,
    what: &'static str,
    hint: &str,
    errors: &mut Vec<ResolveError>,
) -> Option<usize> {
    match table.get(name) {
        Some(&index) => Some(index),
        None => {
            let suggestion = nearest(name, table.keys().map(String::as_str)).map(str::to_string);
            errors.push(ResolveError::UnknownReference {
                span,
                what,
                name: name.to_string(),
                suggestion,
                hint: hint.to_string(),
            });
            None
        }
    }
}

/// Looks up each company id a claim or an event names; the unknown ones
/// are reported and left out.
pub fn lookup_companies(
    table: &BTreeMap<String, usize>,
    source: SourceId,
    names: &[Spanned<String>],
    errors: &mut Vec<ResolveError>,
) -> Vec<usize> {
    let hint = "companies must be ids from companies.toml";
    names.iter().filter_map(|c| lookup(table, span_of(source, c), c.get_ref(), "company", hint, errors)).collect()
}

/// Whether `url` is an absolute web address safe to put in an `href`.
pub fn is_web_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c))
}

pub fn check_url(source: SourceId, url: &Spanned<String>, errors: &mut Vec<ResolveError>) -> Option<String> {
    if is_web_url(url.get_ref()) {
        Some(url.get_ref().clone())
    } else {
        errors.push(ResolveError::BadUrl { span: span_of(source, url), url: url.get_ref().clone() });
        None
    }
}

/// A date as written (bare TOML date, or a string of any precision) as a
/// [`PartialDate`].
pub fn input_date(source: SourceId, value: &Spanned<DateInput>, errors: &mut Vec<ResolveError>) -> Option<PartialDate> {
    let (date, shown, expected) = match value.get_ref() {
        DateInput::Text(text) => {
            (PartialDate::parse(text), text.clone(), "\"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\", e.g. \"2025-10-23\"")
        }
        DateInput::Date(datetime) if datetime.time.is_some() || datetime.offset.is_some() => {
            (None, datetime.to_string(), "the date alone, without a time, e.g. 2025-10-24")
        }
        DateInput::Date(datetime) => {
            let date = datetime.date.and_then(|d| PartialDate::day(d.year, d.month, d.day));
            (date, datetime.to_string(), "a date such as 2025-10-24")
        }
    };
    if date.is_none() {
        errors.push(ResolveError::BadDate { span: span_of(source, value), value: shown, expected });
    }
    date
}

pub fn resolve_sources(source: SourceId, entries: &[SourceEntry], errors: &mut Vec<ResolveError>) -> Vec<Source> {
    entries
        .iter()
        .filter_map(|entry| {
            let url = check_url(source, &entry.url, errors);
            let date = entry.date.as_ref().and_then(|d| input_date(source, d, errors));
            Some(Source {
                title: entry.title.clone(),
                publisher: entry.publisher.clone(),
                url: url?,
                date,
                excerpt: entry.excerpt.clone(),
            })
        })
        .collect()
}

/// Companies sorted by id, with parents resolved and cycles rejected.
pub fn resolve_companies(raw: &RawDigest, errors: &mut Vec<ResolveError>) -> (Vec<Company>, BTreeMap<String, usize>) {
    let Some((source, file)) = &raw.companies else { return (Vec::new(), BTreeMap::new()) };
    let mut table = IdTable::new();
    let mut entries: Vec<_> = file
        .companies
        .iter()
        .filter(|c| claim_id(&mut table, &raw.sources, span_of(*source, &c.id), c.id.get_ref(), "company", errors))
        .collect();
    entries.sort_by(|a, b| a.id.get_ref().cmp(b.id.get_ref()));
    let index: BTreeMap<String, usize> = entries.iter().enumerate().map(|(i, c)| (c.id.get_ref().clone(), i)).collect();
    let companies: Vec<Company> = entries
        .iter()
        .map(|entry| Company {
            id: entry.id.get_ref().clone(),
            name: entry.name.clone(),
            kind: entry.kind,
            parent: entry.parent.as_ref().and_then(|p| {
                lookup(
                    &index,
                    span_of(*source, p),
                    p.get_ref(),
                    "company",
                    "`parent` must be the id of another [[company]]",
                    errors,
                )
            }),
            aliases: entry.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            found_as: Vec::new(),
            description: entry.description.clone(),
            context: entry.context,
        })
        .collect();
    let mut companies = companies;
    for (i, entry) in entries.iter().enumerate() {
        // One report per cycle: from the member whose id sorts first.
        let first_in_cycle = |chain: &Vec<String>| chain.iter().min() == Some(&companies[i].id);
        if let Some(chain) = cycle_from(&companies, i).filter(first_in_cycle) {
            let span = entry.parent.as_ref().map_or_else(|| span_of(*source, &entry.id), |p| span_of(*source, p));
            errors.push(ResolveError::ParentCycle { span, id: companies[i].id.clone(), chain });
        }
    }
    // Break cycles so that later stages can walk parent chains safely.
    for i in 0..companies.len() {
        if cycle_from(&companies, i).is_some() {
            companies[i].parent = None;
        }
    }
    (companies, index)
}

/// The ids around the cycle that `start`'s parent chain runs into, if it
/// comes back to `start`.
fn cycle_from(companies: &[Company], start: usize) -> Option<Vec<String>> {
    let mut chain = vec![companies[start].id.clone()];
    let mut current = companies[start].parent;
    while let Some(next) = current {
        chain.push(companies[next].id.clone());
        if next == start {
            return Some(chain);
        }
        if chain.len() > companies.len() {
            return None;
        }
        current = companies[next].parent;
    }
    None
}

/// Events sorted by date, then id.
pub fn resolve_events(
    raw: &RawDigest,
    companies: &BTreeMap<String, usize>,
    errors: &mut Vec<ResolveError>,
) -> (Vec<Event>, BTreeMap<String, usize>) {
    let Some((source, file)) = &raw.events else { return (Vec::new(), BTreeMap::new()) };
    let source = *source;
    let mut table = IdTable::new();
    let mut events = Vec::new();
    for entry in &file.events {
        if !claim_id(&mut table, &raw.sources, span_of(source, &entry.id), entry.id.get_ref(), "event", errors) {
            continue;
        }
        let date = input_date(source, &entry.date, errors);
        let companies = lookup_companies(companies, source, &entry.companies, errors);
        events.push(Event {
            id: entry.id.get_ref().clone(),
            date: date.unwrap_or(PartialDate { year: 0, month: None, day: None }),
            approx: entry.approx,
            title: entry.title.clone(),
            summary: entry.summary.clone(),
            companies,
            sources: resolve_sources(source, &entry.sources, errors),
            context: entry.context,
        });
    }
    events.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let index = events.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    (events, index)
}
