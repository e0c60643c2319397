//! Diagnostics: what every stage reports, in one shape, for display.
//!
//! Stages keep their own typed errors (`LoadError`, `ResolveError`,
//! `RenderError`); each converts into a [`Diagnostic`] once, here, so the
//! binary and the tests print them the same way: rustc-style, with the file,
//! line and column, the source line with a caret, and a hint.

use crate::source::{SourceMap, Span};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
                    Snippet::source(file.text.as_str())
                        .path(file.path.as_str())
                        .fold(true)
                        .annotation(annotation),
                )
            }
            None => Group::with_title(title),
        };
        groups.push(main);
        if let Some(hint) = &self.hint {
            groups.push(Group::with_title(Level::HELP.secondary_title(hint.as_str())));
        }
        Renderer::plain().render(&groups)
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

/// All the problems of one run.
#[derive(Debug, Default)]
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

    /// Orders the report by file and position so it reads top to bottom,
    /// whatever order the stages (some of them parallel) found things in.
    pub fn sort(&mut self, sources: &SourceMap) {
        self.list.sort_by_cached_key(|d| {
            let place = d.span.as_ref().map(|s| (sources.get(s.source).path.clone(), s.bytes.start));
            (place.is_none(), place, d.severity, d.message.clone())
        });
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

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => format!("glose: {}", plural(w, "warning")),
        (e, 0) => format!("glose: {}", plural(e, "error")),
        (e, w) => format!("glose: {} and {}", plural(e, "error"), plural(w, "warning")),
    }
}
