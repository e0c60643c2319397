//! `glose import`: annotations made elsewhere become claims of the digest.
//!
//! A Hypothesis export or a set of W3C Web Annotations is read into
//! [`Incoming`] annotations (`hypothesis.rs`, `w3c.rs`); each is matched to
//! the article whose `url` (or whose page on the site) it annotates, its
//! quote anchored in the seed with glose's own anchoring (`place.rs`), and
//! it becomes a new `[[claim]]` (`plan.rs`, `claim_text.rs`), added as text
//! at the end of the article's front matter (`article_file.rs`). What the
//! editor wrote is never changed, reordered or lost; an annotation that
//! cannot be placed, or that repeats a claim already anchored at the same
//! passage, is reported and nothing is written for it.

mod article_file;
mod claim_text;
mod error;
mod hypothesis;
mod place;
mod plan;
mod w3c;

pub use error::ImportError;

use crate::diagnostic::Diagnostics;
use crate::source::{SourceMap, Span};
use claim_text::SourceDraft;
use place::Selector;
use std::path::PathBuf;

/// The formats `glose import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The Hypothesis API's search result (or an array of its annotations).
    Hypothesis,
    /// W3C Web Annotations, as glose exports them in annotations.jsonld.
    W3c,
}

/// What `glose import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The digest's folder.
    pub root: PathBuf,
    pub format: Format,
    pub file: PathBuf,
    /// Show the changes as a diff; write nothing.
    pub dry_run: bool,
}

/// What an import did, or (dry run) would do.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
    /// How many annotations the file holds.
    pub read: usize,
    /// (article file, claim id) of each claim added.
    pub added: Vec<(String, String)>,
    /// With `dry_run`: the changes, as a unified diff per article file.
    pub diff: String,
}

impl ImportReport {
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// One annotation as read from the file, before it is placed.
#[derive(Debug)]
pub struct Incoming {
    /// How messages name it: `annotation ID`.
    pub name: String,
    /// The page it annotates.
    pub uri: String,
    /// Its quote, or why it has none (a page note, a reply).
    pub selector: Result<Selector, &'static str>,
    /// Markdown.
    pub note: String,
    /// Tags; those naming a verdict or a kind set them.
    pub tags: Vec<String>,
    pub paraphrase: Option<String>,
    pub sources: Vec<SourceDraft>,
    /// IRIs of what the quote names: company pages, timeline entries.
    pub named: Vec<String>,
    /// (IRI of another claim's annotation, relation).
    pub links: Vec<(String, String)>,
    /// Its own IRI, when it has one.
    pub own_iri: Option<String>,
    /// The claim id its IRI carries (`…#claim-ID`), kept when free.
    pub claim_id: Option<String>,
    /// One line on where it came from, written above the claim.
    pub provenance: String,
}

impl Default for Incoming {
    fn default() -> Self {
        Incoming {
            name: String::new(),
            uri: String::new(),
            selector: Err("it has no selector"),
            note: String::new(),
            tags: Vec::new(),
            paraphrase: None,
            sources: Vec::new(),
            named: Vec::new(),
            links: Vec::new(),
            own_iri: None,
            claim_id: None,
            provenance: String::new(),
        }
    }
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { root: PathBuf::from("."), format: Format::Hypothesis, file: PathBuf::new(), dry_run: false }
    }
}

/// Imports the annotations of `options.file` into the digest at
/// `options.root`.
pub fn import(options: &ImportOptions) -> ImportReport {
    let mut report = ImportReport::default();
    let mut errors = Vec::new();
    match read_file(options, &mut report.sources) {
        Ok(incoming) => {
            report.read = incoming.len();
            let (raw, _) = crate::load::load(&options.root);
            let rewrites = plan::plan(&raw, incoming, &mut errors);
            for (rewrite, ids) in rewrites {
                let file = rewrite.shown.clone();
                let done = if options.dry_run {
                    report.diff.push_str(&article_file::diff(&rewrite));
                    Ok(())
                } else {
                    article_file::write(&rewrite)
                };
                match done {
                    Ok(()) => report.added.extend(ids.into_iter().map(|id| (file.clone(), id))),
                    Err(error) => errors.push(error),
                }
            }
        }
        Err(error) => errors.push(error),
    }
    report.diagnostics.extend(errors.iter().map(ImportError::diagnostic));
    report
}

/// The annotations of the file, each read or why it could not be.
fn read_file(
    options: &ImportOptions,
    sources: &mut SourceMap,
) -> Result<Vec<Result<Incoming, ImportError>>, ImportError> {
    let path = &options.file;
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ImportError::Unreadable { path: shown.clone(), reason: e.to_string() })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let json = serde_json::from_str(&text);
    let id = sources.add(shown.clone(), path.clone(), text);
    let json = json.map_err(|e| {
        let file = sources.get(id);
        let last = file.text.matches('\n').count() + 1;
        let line = file.lines.line_range(&file.text, e.line().clamp(1, last));
        let at =
            crate::source::floor_char_boundary(&file.text, (line.start + e.column().saturating_sub(1)).min(line.end));
        ImportError::InvalidJson { path: shown.clone(), span: Span::new(id, at..at), message: e.to_string() }
    })?;
    match options.format {
        Format::Hypothesis => hypothesis::read(&shown, json),
        Format::W3c => w3c::read(path, json),
    }
}
