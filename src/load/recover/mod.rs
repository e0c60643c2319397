//! Reading TOML with mistakes in it, so that one mistake is one error.
//!
//! toml's parser recovers from syntax errors by itself; serde stops at the
//! first value it rejects. Here each rejected value is reported once, at the
//! value, then mended in the parsed document before trying again: a misspelt
//! field is renamed to the nearest allowed one, an unknown word replaced by
//! the nearest allowed word, a value of the wrong type replaced by one of the
//! right type (or dropped when optional), a missing field given a value. So
//! the rest of the file still loads: the article keeps its claims, links to
//! it resolve and its events keep what they report. What was made up is
//! remembered as a [`Recovered`] region, so that nothing later reports it.

mod document;

use super::LoadError;
use crate::source::{SourceId, Span};
use document::{
    STAND_INS, Step, describe, find_key, find_table, find_value, meant, stand_in, table_at, value_at, value_at_mut,
};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A place where glose reported a problem and then made a value up, or
/// could not read what was there.
#[derive(Debug, Clone)]
pub struct Recovered {
    pub region: Span,
    /// Where the reported problem is.
    pub cause: Span,
    /// Whether problems later found in the region are counted on the cause
    /// ("and 2 problems that follow from it"): yes where the text itself
    /// could not be read, no where the only value there is one glose made up.
    pub counted: bool,
    /// Problems found in the region while loading.
    pub followers: usize,
}

impl Recovered {
    /// Whether `span` lies in the region (an empty region holds only itself).
    pub fn holds(&self, span: &Span) -> bool {
        let region = &self.region;
        region.source == span.source && region.bytes.start <= span.bytes.start && span.bytes.end <= region.bytes.end
    }
}

/// What came of reading one TOML text: the value (`None` when it could not
/// be mended), the problems, and the places that were made up.
pub struct Parsed<T> {
    pub value: Option<T>,
    pub errors: Vec<LoadError>,
    pub recovered: Vec<Recovered>,
}

/// Repairs tried before a file is given up: bounds the work on a file that
/// is not what it should be at all.
const MAX_REPAIRS: usize = 100;

/// Deserializes `text` (source `id`), mending what it can.
pub fn parse<T: DeserializeOwned>(text: &str, id: SourceId) -> Parsed<T> {
    let mut parsed = Parsed { value: None, errors: Vec::new(), recovered: Vec::new() };
    if let Ok(value) = toml::from_str(text) {
        parsed.value = Some(value);
        return parsed;
    }
    let (table, syntax) = DeTable::parse_recoverable(text);
    // toml's parser keeps a value it could not read, but drops everything
    // after a line whose key it could not read: such lines are left out.
    let unkeyed: Vec<Range<usize>> = syntax
        .iter()
        .filter(|e| first_line(e.message()).contains("key"))
        .map(|e| whole_lines(text, &e.span().unwrap_or(0..0)))
        .collect();
    let without_unkeyed: String;
    let table = if unkeyed.is_empty() {
        table
    } else {
        without_unkeyed = blank(text, &unkeyed);
        DeTable::parse_recoverable(&without_unkeyed).0
    };
    let mut doc = Spanned::new(table.span(), DeValue::Table(table.into_inner()));
    for error in syntax {
        let span = error.span().unwrap_or(0..0);
        let line = whole_lines(text, &span);
        parsed.report(id, span, first_line(error.message()), line, true);
    }
    let mut attempt = deserialize::<T>(&doc);
    for _ in 0..MAX_REPAIRS {
        let error = match attempt {
            Ok(value) => {
                parsed.value = Some(value);
                return parsed;
            }
            Err(error) => error,
        };
        let span = error.span().unwrap_or(0..0);
        let problem = Problem::read(error.message(), span, &doc);
        let Some((region, next)) = problem.mend::<T>(&mut doc) else {
            parsed.report(id, problem.span.clone(), problem.message, problem.span, false);
            return parsed;
        };
        parsed.report(id, problem.span, problem.message, region, false);
        attempt = next;
    }
    parsed
}

impl<T> Parsed<T> {
    /// Reports a problem, unless it lies where an earlier one already made
    /// the text unreadable; either way remembers `region` as recovered.
    fn report(&mut self, id: SourceId, span: Range<usize>, message: String, region: Range<usize>, counted: bool) {
        let span = Span::new(id, span);
        // Fields missing from one table are all reported, though glose
        // made up the first at the same place.
        let missing = message.starts_with("missing field");
        if let Some(earlier) = self.recovered.iter_mut().find(|r| r.holds(&span) && (r.counted || !missing)) {
            earlier.followers += usize::from(earlier.counted);
            return;
        }
        self.recovered.push(Recovered { region: Span::new(id, region), cause: span.clone(), counted, followers: 0 });
        self.errors.push(LoadError::Toml { span, message });
    }
}

fn deserialize<T: DeserializeOwned>(doc: &Spanned<DeValue>) -> Result<T, toml::de::Error> {
    match doc.get_ref() {
        DeValue::Table(table) => T::deserialize(toml::de::Deserializer::from(Spanned::new(doc.span(), table.clone()))),
        _ => T::deserialize(toml::de::ValueDeserializer::from(doc.clone())),
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// `text` with the `lines` blanked, every byte offset kept.
fn blank(text: &str, lines: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for line in lines {
        for byte in &mut bytes[line.clone()] {
            if *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    // Whole lines of a valid text, blanked byte by byte: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// `span` widened to the whole lines it touches.
fn whole_lines(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
    from..to
}

/// What serde rejected, where, and how it reads to the editor.
struct Problem {
    span: Range<usize>,
    message: String,
    kind: Kind,
    /// The path to the table holding the value or key, and the key (or
    /// array index) of the value.
    place: Option<(Vec<Step>, Step)>,
}

enum Kind {
    /// A field the table does not have; the allowed ones.
    UnknownField {
        name: String,
        allowed: Vec<String>,
    },
    /// A word the value cannot be; the allowed ones.
    UnknownVariant {
        allowed: Vec<String>,
    },
    MissingField,
    /// Anything else about a value: a wrong type, mostly.
    BadValue,
}

impl Problem {
    fn read(message: &str, span: Range<usize>, doc: &Spanned<DeValue>) -> Problem {
        let line = first_line(message);
        let quoted: Vec<String> = line.split('`').skip(1).step_by(2).map(str::to_string).collect();
        let rest = || quoted.iter().skip(1).cloned().collect::<Vec<_>>();
        let (kind, place) = if line.starts_with("unknown field") {
            (Kind::UnknownField { name: quoted[0].clone(), allowed: rest() }, find_key(doc, &span))
        } else if line.starts_with("unknown variant") {
            (Kind::UnknownVariant { allowed: rest() }, find_value(doc, &span))
        } else if line.starts_with("missing field") {
            let name = quoted.first().cloned().unwrap_or_default();
            let table = find_table(doc, &span).unwrap_or_default();
            (Kind::MissingField, Some((table, Step::Key(name))))
        } else {
            (Kind::BadValue, find_value(doc, &span))
        };
        let message = match (&kind, &place) {
            (Kind::BadValue, Some((table, step))) if !line.starts_with("invalid ") => {
                // An untagged enum says only what it expected.
                let found = value_at(doc, table, step).map_or("this value".into(), describe);
                format!("invalid type: {found}, expected {line}")
            }
            _ => line,
        };
        Problem { span, message, kind, place }
    }

    /// Mends the document so that this problem is gone, and returns the
    /// region made up and the next attempt; `None` when it cannot.
    fn mend<T: DeserializeOwned>(
        &self,
        doc: &mut Spanned<DeValue>,
    ) -> Option<(Range<usize>, Result<T, toml::de::Error>)> {
        let (table, step) = self.place.clone()?;
        let Step::Key(key) = &step else {
            return self.try_values::<T>(doc, &table, &step, false);
        };
        match &self.kind {
            Kind::UnknownField { name, allowed } => {
                let entries = table_at(doc, &table)?;
                let (old_key, value) = entries.remove_entry(name.as_str())?;
                let meant = crate::diagnostic::nearest(name, allowed.iter().map(String::as_str))
                    .filter(|meant| !entries.contains_key(*meant));
                // A renamed field's value is still the editor's, and checked.
                let region = match meant {
                    Some(_) => old_key.span(),
                    None => old_key.span().start..value.span().end,
                };
                if let Some(meant) = meant {
                    entries.insert(Spanned::new(old_key.span(), Cow::Owned(meant.to_string())), value);
                }
                Some((region, deserialize(doc)))
            }
            Kind::UnknownVariant { allowed } => {
                let value = table_at(doc, &table)?.get_mut(key.as_str())?;
                let DeValue::String(word) = value.get_ref() else { return None };
                let meant = crate::diagnostic::nearest(word, allowed.iter().map(String::as_str))
                    .or(allowed.first().map(String::as_str))?
                    .to_string();
                let region = value.span();
                *value = Spanned::new(region.clone(), DeValue::String(Cow::Owned(meant)));
                Some((region, deserialize(doc)))
            }
            Kind::MissingField => self.try_values::<T>(doc, &table, &step, true),
            Kind::BadValue => self.try_values::<T>(doc, &table, &step, false),
        }
    }

    /// Puts in place, in turn, what the editor probably meant (the same
    /// value as another type), nothing (for a value that may be left out),
    /// and stand-in values, until serde moves past this place.
    fn try_values<T: DeserializeOwned>(
        &self,
        doc: &mut Spanned<DeValue>,
        table: &[Step],
        step: &Step,
        missing: bool,
    ) -> Option<(Range<usize>, Result<T, toml::de::Error>)> {
        let original = if missing { None } else { value_at(doc, table, step) };
        let region = original.map_or(self.span.start..self.span.start, Spanned::span);
        let mut candidates: Vec<Option<DeValue>> = original.map(|v| meant(v.get_ref())).unwrap_or_default();
        if original.is_some() && matches!(step, Step::Key(_)) {
            candidates.push(None);
        }
        candidates.extend(STAND_INS.iter().map(|text| Some(stand_in(text))));
        for candidate in candidates {
            let mut mended = doc.clone();
            let parent = value_at_mut(&mut mended, table)?;
            let value = candidate.map(|v| Spanned::new(region.clone(), v));
            match (value, step, parent.get_mut()) {
                (None, Step::Key(key), DeValue::Table(entries)) => drop(entries.remove(key.as_str())),
                (Some(value), Step::Key(key), DeValue::Table(entries)) => match entries.get_mut(key.as_str()) {
                    Some(slot) => *slot = value,
                    None => drop(entries.insert(Spanned::new(region.clone(), Cow::Owned(key.clone())), value)),
                },
                (Some(value), Step::Index(i), DeValue::Array(items)) => *items.get_mut(*i)? = value,
                _ => return None,
            }
            let next = deserialize::<T>(&mended);
            if next.as_ref().err().is_none_or(|e| !self.same_place(e, &region)) {
                *doc = mended;
                return Some((region, next));
            }
        }
        None
    }

    /// Whether serde's next complaint is still about this value.
    fn same_place(&self, error: &toml::de::Error, region: &Range<usize>) -> bool {
        let span = error.span().unwrap_or(0..0);
        let key = match &self.place {
            Some((_, Step::Key(key))) => key.as_str(),
            _ => "",
        };
        let message = first_line(error.message());
        // Another field missing from the same table, or a made-up word
        // that is not an allowed one, is a step further.
        let further = message.starts_with("unknown variant") || message.starts_with("missing field");
        (span == *region && !further) || message.starts_with(&format!("missing field `{key}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Article {
        title: String,
        publisher: String,
        summary: String,
        #[serde(default)]
        approx: bool,
        #[serde(default, rename = "claim")]
        claims: Vec<Claim>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Claim {
        id: String,
        kind: crate::vocabulary::Kind,
        #[serde(default)]
        companies: Vec<String>,
    }

    fn read(text: &str) -> (Option<Article>, Vec<String>) {
        let parsed = parse::<Article>(text, SourceId(0));
        let messages = parsed.errors.iter().map(|e| e.to_string()).collect();
        (parsed.value, messages)
    }

    #[test]
    fn every_missing_field_is_reported_at_once() {
        let (article, errors) = read("title = \"t\"\n");
        assert_eq!(errors, ["missing field `publisher`", "missing field `summary`"]);
        assert!(article.is_some());
    }

    #[test]
    fn a_misspelt_field_is_read_as_the_one_meant() {
        let (article, errors) = read("title = \"t\"\npublsher = \"p\"\nsummary = \"s\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        let article = article.unwrap();
        assert_eq!((article.title.as_str(), article.publisher.as_str()), ("t", "p"));
    }

    #[test]
    fn a_bad_value_in_one_claim_leaves_the_others() {
        let text = "title = \"t\"\npublisher = \"p\"\nsummary = \"s\"\n[[claim]]\nid = \"a\"\nkind = \"facts\"\n[[claim]]\nid = \"b\"\nkind = \"opinion\"\ncompanies = \"x\"\n";
        let (article, errors) = read(text);
        assert_eq!(errors.len(), 2, "{errors:?}");
        let claims = article.unwrap().claims;
        assert_eq!((claims[0].id.as_str(), claims[0].kind), ("a", crate::vocabulary::Kind::Fact));
        assert_eq!((claims[1].id.as_str(), claims[1].companies.as_slice()), ("b", &["x".to_string()][..]));
    }

    #[test]
    fn a_value_of_the_wrong_type_is_read_as_meant() {
        let (article, errors) = read("title = \"t\"\npublisher = \"p\"\nsummary = \"s\"\napprox = \"true\"\n");
        assert_eq!(errors, ["invalid type: string \"true\", expected a boolean"]);
        assert!(article.unwrap().approx);
    }

    #[test]
    fn a_line_without_key_loses_only_itself() {
        let (article, errors) = read("title = \"t\"\nnot toml at all\npublisher = \"p\"\nsummary = \"s\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(article.unwrap().summary, "s");
    }
}
