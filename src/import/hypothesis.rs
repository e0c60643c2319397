//! Hypothesis exports: the JSON its API's search endpoint returns
//! (`{"total": …, "rows": [annotation, …]}`), or a plain array of its
//! annotations. Each annotation names the page it was made on (`uri`), what
//! it selects (`target[].selector`: Hypothesis records a RangeSelector, a
//! TextPositionSelector and a TextQuoteSelector), the editor's Markdown
//! (`text`), its `tags`, who made it (`user`) and when (`created`,
//! `updated`). Fields glose does not use (permissions, group, links,
//! document, …) are ignored.

use super::Incoming;
use super::error::ImportError;
use super::place::Selector;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Row {
    id: String,
    uri: String,
    text: String,
    tags: Vec<String>,
    target: Vec<Target>,
    user: String,
    created: String,
    updated: String,
    /// Ids of the annotations this one replies to.
    references: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Target {
    source: String,
    selector: Vec<Value>,
}

/// The annotations of a Hypothesis export, in the file's order.
pub fn read(path: &str, json: Value) -> Result<Vec<Result<Incoming, ImportError>>, ImportError> {
    let rows = match json {
        Value::Object(mut object) => match object.remove("rows") {
            Some(Value::Array(rows)) => rows,
            _ => return Err(not_hypothesis(path)),
        },
        Value::Array(rows) => rows,
        _ => return Err(not_hypothesis(path)),
    };
    Ok(rows.into_iter().enumerate().map(|(n, row)| incoming(n, row)).collect())
}

fn not_hypothesis(path: &str) -> ImportError {
    ImportError::NotAnnotations {
        path: path.into(),
        hint: "expected the Hypothesis API's search result, an object with `rows`, or an array of its annotations",
    }
}

fn incoming(n: usize, value: Value) -> Result<Incoming, ImportError> {
    let fallback = format!("annotation {} of the file", n + 1);
    let name = match value.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => format!("annotation {id}"),
        _ => fallback.clone(),
    };
    let row: Row = serde_json::from_value(value)
        .map_err(|e| ImportError::BadAnnotation { name: name.clone(), reason: e.to_string() })?;
    let selector = if !row.references.is_empty() {
        Err("it is a reply to another annotation")
    } else {
        row.target.iter().find_map(quote_selector).ok_or("it is a page note, without a highlighted passage")
    };
    let uri = row.target.iter().map(|t| t.source.clone()).find(|s| !s.is_empty()).unwrap_or(row.uri.clone());
    let when = if row.updated.is_empty() { &row.created } else { &row.updated };
    let mut provenance =
        format!("Imported from Hypothesis annotation {}", if row.id.is_empty() { &fallback } else { &row.id });
    if !row.user.is_empty() {
        provenance.push_str(&format!(" by {}", row.user));
    }
    if let Some(day) = when.get(..10) {
        provenance.push_str(&format!(", {day}"));
    }
    if !row.tags.is_empty() {
        provenance.push_str(&format!("; tags: {}", row.tags.join(", ")));
    }
    Ok(Incoming { name, uri, selector, note: row.text, tags: row.tags, provenance, ..Incoming::default() })
}

/// The target's TextQuoteSelector, with its TextPositionSelector when it
/// has one.
fn quote_selector(target: &Target) -> Option<Selector> {
    selector_of(&target.selector)
}

/// A TextQuoteSelector among `selectors` (W3C selector objects), with the
/// TextPositionSelector beside it when there is one.
pub fn selector_of(selectors: &[Value]) -> Option<Selector> {
    let of_type = |wanted: &str| selectors.iter().find(|s| s.get("type").and_then(Value::as_str) == Some(wanted));
    let quote = of_type("TextQuoteSelector")?;
    let text = |key: &str| quote.get(key).and_then(Value::as_str).map(str::to_string);
    let exact = text("exact").filter(|e| !e.is_empty())?;
    let position = of_type("TextPositionSelector").and_then(|p| {
        let number = |key: &str| p.get(key).and_then(Value::as_u64).map(|n| n as usize);
        Some((number("start")?, number("end")?))
    });
    Some(Selector { exact, prefix: text("prefix"), suffix: text("suffix"), position })
}
