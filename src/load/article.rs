//! An article file: the types of its front matter, exactly as written
//! (fields that later stages must point at are `Spanned`), and how it is
//! read, as much of it as can be.

use super::front_matter::{self, SplitError};
use super::recover::{self, Recovered};
use super::{LoadError, RawArticle, name_fault};
use crate::source::{SourceId, SourceMap, Span};
use crate::vocabulary::{Kind, Relation, Verdict};
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;
use toml::value::Datetime;

/// A date as an editor may write it: a bare TOML date (`2025-10-24`) or a
/// string of the precision known (`"2025"`, `"2025-10"`, `"2025-10-24"`).
#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a date such as 2025-10-24, or a string such as \"2025-10\"")]
pub enum DateInput {
    Date(Datetime),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFile {
    pub seed: Spanned<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub published: Spanned<DateInput>,
    #[serde(default)]
    pub published_approx: bool,
    pub publisher: String,
    pub url: Option<Spanned<String>>,
    pub lang: Spanned<String>,
    pub summary: String,
    #[serde(default)]
    pub headings: Vec<Spanned<String>>,
    #[serde(default, rename = "claim")]
    pub claims: Vec<ClaimEntry>,
    #[serde(default, rename = "elide")]
    pub elides: Vec<ElideEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    pub id: Spanned<String>,
    pub quote: Spanned<String>,
    pub prefix: Option<Spanned<String>>,
    pub suffix: Option<Spanned<String>>,
    pub kind: Kind,
    pub verdict: Option<Spanned<Verdict>>,
    pub paraphrase: Option<String>,
    #[serde(default)]
    pub companies: Vec<Spanned<String>>,
    pub event: Option<Spanned<String>>,
    pub note: String,
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceEntry>,
    #[serde(default, rename = "link")]
    pub links: Vec<LinkEntry>,
    /// Corrections, as `[[claim.history]]`.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// A correction of a claim: when, what changed, and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub date: Spanned<DateInput>,
    /// `verdict = { from = "…", to = "…" }`, when the verdict changed.
    pub verdict: Option<VerdictChange>,
    #[serde(default)]
    pub note_revised: bool,
    /// Urls of the claim's sources that this correction added.
    #[serde(default)]
    pub sources_added: Vec<Spanned<String>>,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictChange {
    pub from: Verdict,
    pub to: Spanned<Verdict>,
}

/// A piece of evidence: for a claim, or for an event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub title: Option<String>,
    pub publisher: String,
    pub url: Spanned<String>,
    pub date: Option<Spanned<DateInput>>,
    pub excerpt: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEntry {
    pub to: Spanned<String>,
    pub rel: Relation,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElideEntry {
    pub quote: Spanned<String>,
    pub prefix: Option<Spanned<String>>,
    pub suffix: Option<Spanned<String>>,
    pub reason: String,
}

/// What reading one article file gave: the article (`None` when not even
/// its front matter could be made out), its problems, and what was made up.
pub struct ParsedArticle {
    pub article: Option<RawArticle>,
    pub errors: Vec<LoadError>,
    pub recovered: Vec<Recovered>,
}

/// Reads article file `id`. A file whose `+++` lines are missing is still
/// read as well as it can be, but everything else found in it is taken to
/// follow from that and is only counted.
pub fn parse(sources: &SourceMap, id: SourceId) -> ParsedArticle {
    let file = sources.get(id);
    let slug = file.full_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(fault) = name_fault(&slug) {
        let errors = vec![LoadError::BadSlug { span: sources.file_span(id), name: slug, fault }];
        return ParsedArticle { article: None, errors, recovered: Vec::new() };
    }
    let (parts, broken) = match front_matter::split(&file.text) {
        Ok(parts) => (parts, None),
        Err(error) => {
            let span = sources.file_span(id);
            let broken = match error {
                SplitError::NoOpening => LoadError::NoFrontMatter { span },
                SplitError::NoClosing => LoadError::UnclosedFrontMatter { span },
            };
            (front_matter::guess(&file.text, &error), Some(broken))
        }
    };
    let parsed = recover::parse::<ArticleFile>(&front_matter_in_place(&file.text, parts.front_matter), id);
    let article = parsed.value.map(|front| RawArticle { source: id, slug, front, body: parts.body });
    let Some(broken) = broken else {
        return ParsedArticle { article, errors: parsed.errors, recovered: parsed.recovered };
    };
    let cause = sources.file_span(id);
    let whole = Recovered {
        region: Span::new(id, 0..file.text.len()),
        cause,
        counted: true,
        followers: parsed.errors.len() + parsed.recovered.iter().map(|r| r.followers).sum::<usize>(),
    };
    ParsedArticle { article, errors: vec![broken], recovered: vec![whole] }
}

/// The front matter with everything before it blanked out (line breaks
/// kept): TOML that parses the same, at the same offsets as in the file.
fn front_matter_in_place(text: &str, front_matter: Range<usize>) -> String {
    let mut toml = String::with_capacity(front_matter.end);
    for c in text[..front_matter.start].chars() {
        match c {
            '\n' | '\r' => toml.push(c),
            // A blanked character keeps its byte length.
            other => toml.extend(std::iter::repeat_n(' ', other.len_utf8())),
        }
    }
    toml.push_str(&text[front_matter]);
    toml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keeps_its_offsets_in_the_file() {
        let text = "+++\r\ntitle = \"x\"\r\n+++\r\nbody";
        let parts = front_matter::split(text).unwrap();
        let toml = front_matter_in_place(text, parts.front_matter);
        assert_eq!(toml, "   \r\ntitle = \"x\"\r\n");
        assert_eq!(toml.find("title"), text.find("title"));
    }

    #[derive(Deserialize)]
    struct Dated {
        a: DateInput,
        b: DateInput,
    }

    #[test]
    fn dates_may_be_bare_or_quoted() {
        let dated: Dated = toml::from_str("a = 2025-10-24\nb = \"2025-10\"").unwrap();
        assert!(matches!(dated.a, DateInput::Date(d) if d.to_string() == "2025-10-24"));
        assert!(matches!(dated.b, DateInput::Text(ref t) if t == "2025-10"));
    }
}
