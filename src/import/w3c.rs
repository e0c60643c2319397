//! W3C Web Annotations: an `AnnotationCollection` whose pages are embedded
//! or sit beside it as files (as glose's own annotations.jsonld), an
//! `AnnotationPage`, one `Annotation`, or an array of them. The bodies are
//! read by their `purpose`, as glose writes them (docs/data-export.md): the
//! note (`assessing` or `commenting` text), tags (`tagging`,
//! `classifying`), the paraphrase (`describing`), evidence (an `assessing`
//! resource), what the quote names (`identifying`) and links to other
//! claims (`linking`).

use super::Incoming;
use super::claim_text::SourceDraft;
use super::error::ImportError;
use super::hypothesis::selector_of;
use crate::model::PartialDate;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// Every annotation of `json` (read from `path`), following a collection's
/// pages through the files beside it.
pub fn read(path: &Path, json: Value) -> Result<Vec<Result<Incoming, ImportError>>, ImportError> {
    let mut annotations = Vec::new();
    collect(path, json, &mut annotations, &mut BTreeSet::new())?;
    if annotations.is_empty() {
        return Err(ImportError::NotAnnotations {
            path: path.display().to_string(),
            hint: "expected a W3C AnnotationCollection, AnnotationPage, Annotation, or an array of annotations",
        });
    }
    Ok(annotations.into_iter().enumerate().map(|(n, a)| incoming(n, &a)).collect())
}

fn type_of(value: &Value) -> Vec<&str> {
    match value.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn collect(path: &Path, json: Value, out: &mut Vec<Value>, seen: &mut BTreeSet<String>) -> Result<(), ImportError> {
    if let Value::Array(list) = json {
        for item in list {
            collect(path, item, out, seen)?;
        }
        return Ok(());
    }
    let types = type_of(&json);
    if types.contains(&"Annotation") {
        out.push(json);
    } else if types.contains(&"AnnotationPage") {
        let next = json.get("next").cloned();
        if let Some(Value::Array(items)) = json.get("items") {
            out.extend(items.iter().cloned());
        }
        follow(path, next, out, seen)?;
    } else if types.contains(&"AnnotationCollection") {
        follow(path, json.get("first").cloned(), out, seen)?;
    }
    Ok(())
}

/// A page, given embedded or by IRI: the file of that name beside `path`.
fn follow(
    path: &Path,
    page: Option<Value>,
    out: &mut Vec<Value>,
    seen: &mut BTreeSet<String>,
) -> Result<(), ImportError> {
    match page {
        Some(Value::String(iri)) => {
            let name = iri.rsplit('/').next().unwrap_or(&iri).to_string();
            if !seen.insert(name.clone()) {
                return Ok(());
            }
            let file = path.with_file_name(&name);
            let text = std::fs::read_to_string(&file)
                .map_err(|e| ImportError::Unreadable { path: file.display().to_string(), reason: e.to_string() })?;
            let json = serde_json::from_str(&text)
                .map_err(|e| ImportError::Unreadable { path: file.display().to_string(), reason: e.to_string() })?;
            collect(&file, json, out, seen)
        }
        Some(page @ Value::Object(_)) => collect(path, page, out, seen),
        _ => Ok(()),
    }
}

/// A value that may be one item or an array of them, as a list.
fn list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(item) => vec![item],
        None => Vec::new(),
    }
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// An IRI given as a string or as an object's `id`.
fn iri(value: &Value) -> Option<&str> {
    value.as_str().or_else(|| text(value, "id"))
}

fn incoming(n: usize, annotation: &Value) -> Result<Incoming, ImportError> {
    let id = text(annotation, "id");
    let name = id.map_or_else(|| format!("annotation {} of the file", n + 1), |id| format!("annotation {id}"));
    let target = list(annotation.get("target")).into_iter().find(|t| t.get("source").is_some());
    let Some(target) = target else {
        return Err(ImportError::NoQuote { name, why: "its target is a whole resource, without a selector" });
    };
    let uri = target.get("source").and_then(iri).unwrap_or_default().to_string();
    let selectors: Vec<Value> = list(target.get("selector")).into_iter().cloned().collect();
    let selector = selector_of(&selectors).ok_or("its target has no TextQuoteSelector");
    let mut incoming = Incoming {
        name,
        uri,
        selector,
        own_iri: id.map(str::to_string),
        claim_id: id.and_then(|id| id.rsplit_once("#claim-")).map(|(_, claim)| claim.to_string()),
        provenance: format!("Imported from {}", id.unwrap_or("a W3C annotation")),
        ..Incoming::default()
    };
    if let Some(value) = text(annotation, "bodyValue") {
        incoming.note = value.to_string();
    }
    for body in list(annotation.get("body")) {
        read_body(body, &mut incoming);
    }
    Ok(incoming)
}

fn read_body(body: &Value, incoming: &mut Incoming) {
    let purposes: Vec<&str> = list(body.get("purpose")).into_iter().filter_map(Value::as_str).collect();
    let is = |p: &str| purposes.contains(&p);
    if let Some(value) = text(body, "value") {
        if is("tagging") || is("classifying") {
            incoming.tags.push(value.to_string());
        } else if is("describing") {
            incoming.paraphrase = Some(value.to_string());
        } else if incoming.note.is_empty() {
            incoming.note = value.to_string();
        }
        return;
    }
    let Some(source) = body.get("source") else { return };
    if is("identifying") {
        incoming.named.extend(iri(source).map(str::to_string));
    } else if is("linking") {
        if let (Some(to), Some(rel)) = (iri(source), text(body, "label")) {
            incoming.links.push((to.to_string(), rel.to_string()));
        }
    } else if is("assessing") {
        incoming.sources.extend(evidence(source));
    }
}

/// A cited document, with what schema.org terms say of it.
fn evidence(source: &Value) -> Option<SourceDraft> {
    let url = iri(source)?.to_string();
    let publisher = text(source, "schema:publisher").map(str::to_string).unwrap_or_else(|| host(&url));
    Some(SourceDraft {
        publisher,
        title: text(source, "schema:name").map(str::to_string),
        date: text(source, "schema:datePublished").filter(|d| PartialDate::parse(d).is_some()).map(str::to_string),
        excerpt: text(source, "schema:description").map(str::to_string),
        url,
    })
}

/// The host of an http(s) address, for a source that names no publisher.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).to_string()
}
