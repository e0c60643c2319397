//! Diagnostics: what every stage reports, in one shape, for display.
//!
//! Stages keep their own typed errors (`LoadError`, `ResolveError`,
//! `RenderError`); each converts into a [`Diagnostic`] once, here, so the
//! binary and the tests print them the same way: rustc-style, with the file,
//! line and column, the source line with a caret, and a hint.

use crate::source::{SourceMap, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the input, located when it has a place.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case name of the problem (`quote-not-found`).
    pub code: &'static str,
    pub message: String,
    pub span: Option<Span>,
    /// Short text printed beside the caret.
    pub label: Option<String>,
    pub hint: Option<String>,
    /// The command line asked for something that is not there (a folder, a
    /// revision, a seed): exit status 2, not a problem in the digest.
    pub usage: bool,
    /// The problem at this place is what this one follows from: it is
    /// counted there ([`Diagnostics::fold_followers`]) rather than shown.
    pub follows: Option<Span>,
    /// How many problems that follow from this one were left out.
    pub followers: usize,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            label: None,
            hint: None,
            usage: false,
            follows: None,
            followers: 0,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Marks a problem that exists only because of the one at `cause`.
    pub fn follows(mut self, cause: Span) -> Self {
        self.follows = Some(cause);
        self
    }

    /// Marks a problem with the command line rather than the digest.
    pub fn usage(mut self) -> Self {
        self.usage = true;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col` of the start of the span, if located.
    pub fn location(&self, sources: &SourceMap) -> Option<(String, usize, usize)> {
        let span = self.span.as_ref()?;
        let file = sources.get(span.source);
        let (line, col) = file.lines.line_col(&file.text, span.bytes.start);
        Some((file.path.clone(), line, col))
    }

    /// Renders this diagnostic as rustc does, without colour.
    pub fn render(&self, sources: &SourceMap) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut title = level.primary_title(self.message.as_str());
        title = title.id(self.code);
        let mut groups = Vec::new();
        let main = match &self.span {
            Some(span) => {
                let file = sources.get(span.source);
                let mut annotation = AnnotationKind::Primary.span(char_aligned(&file.text, &span.bytes));
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                title.element(
                    Snippet::source(file.text.as_str()).path(file.path.as_str()).fold(true).annotation(annotation),
                )
            }
            None => Group::with_title(title),
        };
        groups.push(main);
        if let Some(hint) = &self.hint {
            groups.push(Group::with_title(Level::HELP.secondary_title(hint.as_str())));
        }
        let followers = self.followers_note();
        if let Some(note) = &followers {
            groups.push(Group::with_title(Level::NOTE.secondary_title(note.as_str())));
        }
        Renderer::plain().render(&groups)
    }
}

impl Diagnostic {
    /// "and 8 problems that follow from it are not shown", when some were
    /// left out.
    pub fn followers_note(&self) -> Option<String> {
        match self.followers {
            0 => None,
            1 => Some("and 1 problem that follows from it is not shown".into()),
            n => Some(format!("and {n} problems that follow from it are not shown")),
        }
    }
}

/// `bytes` widened to character boundaries, so that a span computed on one
/// text and shown on another (a seed's lossy copy) never splits a character.
fn char_aligned(text: &str, bytes: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = crate::source::floor_char_boundary(text, bytes.start.min(text.len()));
    let mut end = bytes.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// How `glose check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style, for people at a terminal.
    Human,
    /// GitHub Actions workflow commands, so problems show on the changed
    /// lines of a pull request.
    Github,
    /// A JSON array, documented in docs/diagnostics.md, for other tools.
    Json,
}

/// One diagnostic as the JSON format prints it. Lines and columns are
/// 1-based; columns count characters.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Record {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end: Option<Position>,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    /// How many problems that follow from this one were left out; absent
    /// when none were.
    #[serde(skip_serializing_if = "is_zero")]
    pub followers: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    pub fn record(&self, sources: &SourceMap) -> Record {
        let place = self.span.as_ref().map(|span| {
            let file = sources.get(span.source);
            let (line, column) = file.lines.line_col(&file.text, span.bytes.start);
            let (end_line, end_column) = file.lines.line_col(&file.text, span.bytes.end);
            (file.path.clone(), line, column, Position { line: end_line, column: end_column })
        });
        let (file, line, column, end) = match place {
            Some((file, line, column, end)) => (Some(file), Some(line), Some(column), Some(end)),
            None => (None, None, None, None),
        };
        Record {
            file,
            line,
            column,
            end,
            severity: self.severity,
            code: self.code,
            message: self.message.clone(),
            hint: self.hint.clone(),
            followers: self.followers,
        }
    }

    /// One GitHub Actions workflow command (`::error file=…,line=…::…`).
    pub fn github(&self, sources: &SourceMap) -> String {
        let record = self.record(sources);
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = Vec::new();
        if let (Some(file), Some(line), Some(column), Some(end)) =
            (&record.file, record.line, record.column, &record.end)
        {
            properties.push(format!("file={}", escape_property(file)));
            properties.push(format!("line={line}"));
            properties.push(format!("col={column}"));
            properties.push(format!("endLine={}", end.line));
            if end.line == line {
                properties.push(format!("endColumn={}", end.column));
            }
        }
        properties.push(format!("title={}", escape_property(&self.code.replace('-', " "))));
        let mut text = self.message.clone();
        if let Some(hint) = &self.hint {
            text.push_str("\nhelp: ");
            text.push_str(hint);
        }
        if let Some(note) = self.followers_note() {
            text.push_str("\nnote: ");
            text.push_str(&note);
        }
        format!("::{command} {}::{}", properties.join(","), escape_data(&text))
    }
}

/// Escapes a workflow command's message, as the Actions runner reads it.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// All the problems of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(more);
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Whether the command line, not the digest, is what is wrong.
    pub fn has_usage_errors(&self) -> bool {
        self.list.iter().any(|d| d.usage)
    }

    /// Leaves out each problem that follows from another one reported at
    /// its `follows` place, counting it there instead. One whose cause was
    /// not reported stays.
    pub fn fold_followers(&mut self) {
        let causes: std::collections::HashMap<(crate::source::SourceId, usize, usize), usize> = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, d)| d.follows.is_none())
            .filter_map(|(i, d)| d.span.as_ref().map(|s| ((s.source, s.bytes.start, s.bytes.end), i)))
            .collect();
        let mut counts = vec![0; self.list.len()];
        let mut keep = vec![true; self.list.len()];
        for (i, d) in self.list.iter().enumerate() {
            let cause = d.follows.as_ref().and_then(|s| causes.get(&(s.source, s.bytes.start, s.bytes.end)));
            if let Some(&cause) = cause {
                counts[cause] += 1 + d.followers;
                keep[i] = false;
            }
        }
        let list = std::mem::take(&mut self.list);
        self.list = list
            .into_iter()
            .zip(counts.into_iter().zip(keep))
            .filter_map(|(mut d, (n, kept))| {
                d.followers += n;
                kept.then_some(d)
            })
            .collect();
    }

    /// Adds `n` left-out problems to the one reported at `cause`; `false`
    /// when none is.
    pub fn count_followers(&mut self, cause: &Span, n: usize) -> bool {
        let found = self.list.iter_mut().find(|d| d.follows.is_none() && d.span.as_ref() == Some(cause));
        found.map(|d| d.followers += n).is_some()
    }

    /// Orders the report by file and position so it reads top to bottom,
    /// whatever order the stages (some of them parallel) found things in.
    pub fn sort(&mut self, sources: &SourceMap) {
        self.list.sort_by_cached_key(|d| {
            let place = d.span.as_ref().map(|s| (sources.get(s.source).path.clone(), s.bytes.start));
            (place.is_none(), place, d.severity, d.message.clone())
        });
    }

    /// The report in the chosen format: human text ends with a count; JSON
    /// is one array; GitHub is one workflow command per line.
    pub fn render_as(&self, sources: &SourceMap, format: Format) -> String {
        match format {
            Format::Human => self.render(sources),
            Format::Github => self.list.iter().map(|d| d.github(sources) + "\n").collect(),
            Format::Json => {
                let records: Vec<Record> = self.list.iter().map(|d| d.record(sources)).collect();
                let mut json = serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".into());
                json.push('\n');
                json
            }
        }
    }

    /// Every diagnostic followed by a one-line count.
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        for diagnostic in &self.list {
            out.push_str(&diagnostic.render(sources));
            out.push_str("\n\n");
        }
        let errors = self.count(Severity::Error);
        let warnings = self.count(Severity::Warning);
        if errors + warnings > 0 {
            let _ = writeln!(out, "{}", summary(errors, warnings));
        }
        out
    }
}

/// The closest name to `wrong` among `candidates`, if close enough to be a
/// plausible misspelling: the "did you mean" of every stage's hints.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wrong, c), c))
        .filter(|&(d, c)| d <= (wrong.chars().count().max(c.chars().count()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => format!("glose: {}", plural(w, "warning")),
        (e, 0) => format!("glose: {}", plural(e, "error")),
        (e, w) => format!("glose: {} and {}", plural(e, "error"), plural(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn followers_are_counted_on_their_cause_or_shown_without_one() {
        let at = |bytes| Span::new(crate::source::SourceId(0), bytes);
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(Diagnostic::error("bad-id", "cause").at(at(0..3)));
        diagnostics.push(Diagnostic::error("unknown-reference", "follows").at(at(9..12)).follows(at(0..3)));
        diagnostics.push(Diagnostic::warning("unused", "follows too").follows(at(0..3)));
        diagnostics.push(Diagnostic::error("unknown-reference", "no cause shown").follows(at(20..21)));
        diagnostics.fold_followers();
        let left: Vec<(&str, usize)> = diagnostics.list.iter().map(|d| (d.message.as_str(), d.followers)).collect();
        assert_eq!(left, [("cause", 2), ("no cause shown", 0)]);
        assert_eq!(
            diagnostics.list[0].followers_note().as_deref(),
            Some("and 2 problems that follow from it are not shown")
        );
    }

    #[test]
    fn workflow_commands_escape_what_the_runner_would_read() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
