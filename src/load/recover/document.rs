//! The parsed TOML document as recovery walks it: finding the value or
//! key serde complained about, reaching it to change it, and the values
//! that may be put in its place.

use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One step down the document: a key of a table or an index of an array.
#[derive(Clone, Debug)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Values put where one of the wrong type (or none) was, most harmless
/// first: a date that checks, then empty things.
pub const STAND_INS: &[&str] = &["1970-01-01", "\"\"", "false", "0", "[]", "{}"];

pub fn stand_in<'i>(text: &'static str) -> DeValue<'i> {
    DeValue::parse(text).map(Spanned::into_inner).unwrap_or(DeValue::Boolean(false))
}

/// `value` as other types it may have been meant as: `"true"` as a
/// boolean, `"2025-10-24"` as a date, a number or date as text, a single
/// value as a list of one, a list of one as its value.
pub fn meant<'i>(value: &DeValue<'i>) -> Vec<Option<DeValue<'i>>> {
    let mut meant = Vec::new();
    match value {
        DeValue::String(text) => {
            if let Ok(flag) = text.parse::<bool>() {
                meant.push(DeValue::Boolean(flag));
            }
            if let Ok(date) = text.parse::<toml::value::Datetime>() {
                meant.push(DeValue::Datetime(date));
            }
        }
        DeValue::Integer(number) => meant.push(DeValue::String(Cow::Owned(number.as_str().to_string()))),
        DeValue::Float(number) => meant.push(DeValue::String(Cow::Owned(number.as_str().to_string()))),
        DeValue::Boolean(flag) => meant.push(DeValue::String(Cow::Owned(flag.to_string()))),
        DeValue::Datetime(date) => meant.push(DeValue::String(Cow::Owned(date.to_string()))),
        DeValue::Array(items) if items.len() == 1 => meant.push(items[0].get_ref().clone()),
        DeValue::Array(_) | DeValue::Table(_) => {}
    }
    if !matches!(value, DeValue::Array(_) | DeValue::Table(_)) {
        let mut list = toml::de::DeArray::new();
        list.push(Spanned::new(0..0, value.clone()));
        meant.push(DeValue::Array(list));
    }
    meant.into_iter().map(Some).collect()
}

/// How serde names a value's type, for a message.
pub fn describe(value: &Spanned<DeValue>) -> String {
    match value.get_ref() {
        DeValue::String(text) => format!("string {text:?}"),
        DeValue::Integer(number) => format!("integer `{}`", number.as_str()),
        DeValue::Float(number) => format!("floating point `{}`", number.as_str()),
        DeValue::Boolean(flag) => format!("boolean `{flag}`"),
        DeValue::Datetime(when) => format!("datetime `{when}`"),
        DeValue::Array(_) => "array".into(),
        DeValue::Table(_) => "table".into(),
    }
}

pub fn value_at_mut<'a, 'i>(doc: &'a mut Spanned<DeValue<'i>>, path: &[Step]) -> Option<&'a mut Spanned<DeValue<'i>>> {
    path.iter().try_fold(doc, |value, step| match (step, value.get_mut()) {
        (Step::Key(key), DeValue::Table(entries)) => entries.get_mut(key.as_str()),
        (Step::Index(i), DeValue::Array(items)) => items.get_mut(*i),
        _ => None,
    })
}

pub fn table_at<'a, 'i>(doc: &'a mut Spanned<DeValue<'i>>, path: &[Step]) -> Option<&'a mut DeTable<'i>> {
    match value_at_mut(doc, path)?.get_mut() {
        DeValue::Table(entries) => Some(entries),
        _ => None,
    }
}

pub fn value_at<'a, 'i>(
    doc: &'a Spanned<DeValue<'i>>,
    table: &[Step],
    step: &Step,
) -> Option<&'a Spanned<DeValue<'i>>> {
    table.iter().chain(std::iter::once(step)).try_fold(doc, |value, step| match (step, value.get_ref()) {
        (Step::Key(key), DeValue::Table(entries)) => entries.get(key.as_str()),
        (Step::Index(i), DeValue::Array(items)) => items.get(*i),
        _ => None,
    })
}

pub type Key<'i> = Spanned<Cow<'i, str>>;
pub type Value<'i> = Spanned<DeValue<'i>>;
/// Picks a value (with its key, in a table) while searching the document.
type Accept<'a> = dyn Fn(&Value, Option<&Key>) -> bool + 'a;

/// The first value, depth first, that `accept` picks below `value` (at
/// `path`), split into the path of its table and its own step.
fn find(value: &Value, accept: &Accept, path: &mut Vec<Step>) -> Option<(Vec<Step>, Step)> {
    let children: Vec<(Step, &Value, Option<&Key>)> = match value.get_ref() {
        DeValue::Table(entries) => {
            entries.iter().map(|(k, v)| (Step::Key(k.get_ref().to_string()), v, Some(k))).collect()
        }
        DeValue::Array(items) => items.iter().enumerate().map(|(i, v)| (Step::Index(i), v, None)).collect(),
        _ => Vec::new(),
    };
    for (step, child, key) in children {
        if accept(child, key) {
            return Some((path.clone(), step));
        }
        path.push(step);
        if let Some(found) = find(child, accept, path) {
            return Some(found);
        }
        path.pop();
    }
    None
}

pub fn find_key(doc: &Value, span: &Range<usize>) -> Option<(Vec<Step>, Step)> {
    find(doc, &|_, key| key.is_some_and(|k| k.span() == *span), &mut Vec::new())
}

pub fn find_value(doc: &Value, span: &Range<usize>) -> Option<(Vec<Step>, Step)> {
    find(doc, &|value, _| value.span() == *span, &mut Vec::new())
}

/// The path of the table whose header is at `span` (the document itself
/// when none is).
pub fn find_table(doc: &Spanned<DeValue>, span: &Range<usize>) -> Option<Vec<Step>> {
    let is_header =
        |value: &Value, _: Option<&Key>| matches!(value.get_ref(), DeValue::Table(_)) && value.span() == *span;
    let header = find(doc, &is_header, &mut Vec::new());
    Some(header.map_or_else(Vec::new, |(mut path, step)| {
        path.push(step);
        path
    }))
}
