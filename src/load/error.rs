//! What can go wrong while reading the digest's files.

use crate::diagnostic::Diagnostic;
use crate::source::Span;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path} is a link to {target}, outside the digest")]
    LinkOutside { path: String, target: String, resolved: String },
    #[error("{path} is missing")]
    Missing { path: String, hint: String },
    #[error("{path} {reason}")]
    NotAFolder { path: String, reason: &'static str },
    #[error("seed is not valid UTF-8")]
    SeedNotUtf8 { span: Span },
    #[error("{message}")]
    Toml { span: Span, message: String },
    #[error("article has no front matter")]
    NoFrontMatter { span: Span },
    #[error("front matter is never closed")]
    UnclosedFrontMatter { span: Span },
    #[error("article file name `{}` {fault}", super::shown_name(name))]
    BadSlug { span: Span, name: String, fault: super::NameFault },
}

impl LoadError {
    /// Where the problem is, when it has a place in a file.
    pub fn span(&self) -> Option<Span> {
        match self {
            LoadError::Unreadable { .. }
            | LoadError::LinkOutside { .. }
            | LoadError::Missing { .. }
            | LoadError::NotAFolder { .. } => None,
            LoadError::SeedNotUtf8 { span }
            | LoadError::Toml { span, .. }
            | LoadError::NoFrontMatter { span }
            | LoadError::UnclosedFrontMatter { span }
            | LoadError::BadSlug { span, .. } => Some(span.clone()),
        }
    }

    pub fn diagnostic(&self) -> Diagnostic {
        let message = self.to_string();
        match self {
            LoadError::Unreadable { .. } => Diagnostic::error("unreadable-file", message),
            LoadError::Missing { hint, .. } => Diagnostic::error("missing-file", message).hint(hint),
            LoadError::LinkOutside { resolved, .. } => Diagnostic::error("link-outside-digest", message).hint(format!(
                "it leads to {resolved}; glose reads no file outside the digest's folder, so that a digest cannot publish a file of the machine that builds it: copy the file in instead"
            )),
            LoadError::NotAFolder { .. } => Diagnostic::error("root-not-a-folder", message)
                .usage()
                .hint("`--root` names the digest's folder, the one holding content/ and seeds/"),
            LoadError::SeedNotUtf8 { span } => Diagnostic::error("seed-not-utf8", message)
                .at(span.clone())
                .label("invalid byte here")
                .hint("save the seed as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8`); glose never changes seeds itself"),
            LoadError::Toml { span, message } => toml_diagnostic(span, message),
            LoadError::NoFrontMatter { span } => Diagnostic::error("no-front-matter", message)
                .at(span.clone())
                .label("expected `+++` here")
                .hint("an article file starts with a line `+++`, then TOML, then another `+++` line, then the Markdown summary"),
            LoadError::UnclosedFrontMatter { span } => Diagnostic::error("unclosed-front-matter", message)
                .at(span.clone())
                .label("opened here")
                .hint("add a line `+++` after the last TOML line"),
            LoadError::BadSlug { span, fault: super::NameFault::Characters, .. } => Diagnostic::error("bad-slug", message)
                .at(span.clone())
                .hint("name article files with lowercase letters, digits and hyphens, e.g. `google-tpu-deal.md`"),
            LoadError::BadSlug { span, .. } => Diagnostic::error("bad-slug", message)
                .at(span.clone())
                .hint("give the article file a shorter name; it becomes articles/NAME.html and articles/NAME.source.html"),
        }
    }
}

/// Turns toml's message into a diagnostic with a stable code and, for a
/// misspelt field or value, a "did you mean" hint.
fn toml_diagnostic(span: &Span, message: &str) -> Diagnostic {
    let first_line = message.lines().next().unwrap_or(message).trim();
    let head = first_line.split(", expected one of").next().unwrap_or(first_line);
    let quoted = head.split('`').nth(1).unwrap_or("");
    let (code, message, label, hint) = if first_line.starts_with("unknown field") {
        ("unknown-field", head.to_string(), "not a field here", did_you_mean(first_line))
    } else if first_line.starts_with("unknown variant") {
        let hint = did_you_mean(first_line);
        ("unknown-value", format!("`{quoted}` is not an allowed value here"), "not one of the allowed values", hint)
    } else if first_line.starts_with("missing field") {
        let hint = format!("add `{quoted} = …` to this table; see docs/content-format.md for what it holds");
        ("missing-field", head.to_string(), "in this table", Some(hint))
    } else if first_line.starts_with("invalid type") {
        ("wrong-type", first_line.to_string(), "wrong type", Some(type_hint(first_line)))
    } else {
        let hint = "check the quotes, brackets and `=` on this line; strings are written \"like this\" or \"\"\"like this\"\"\"";
        ("invalid-toml", first_line.to_string(), "here", Some(hint.to_string()))
    };
    let diagnostic = Diagnostic::error(code, message).at(span.clone()).label(label);
    match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    }
}

/// What to write instead, for serde's "invalid type: …, expected X".
fn type_hint(message: &str) -> String {
    let expected = message.rsplit("expected ").next().unwrap_or("");
    let wanted = match expected {
        e if e.starts_with("a date") => {
            "a date without quotes, e.g. `published = 2025-10-24`, or, when only the year or month is known, one in quotes, e.g. `\"2025-10\"`"
        }
        e if e.contains("sequence") => "a list in square brackets, e.g. `companies = [\"acme\", \"globex\"]`",
        e if e.contains("datetime") => "a date without quotes, e.g. `published = 2025-10-24`",
        e if e.contains("bool") => "`true` or `false`, without quotes",
        e if e.contains("string") => "text in double quotes, e.g. `\"2025-10-23\"`",
        e if e.contains("map") || e.contains("struct") => {
            "a table: `[section]` or `[[section]]` with `key = value` lines"
        }
        _ => return format!("expected {expected}"),
    };
    format!("write {wanted}")
}

/// For "unknown field `verdcit`, expected one of `id`, `verdict`", suggests
/// the nearest expected name and lists them all.
fn did_you_mean(message: &str) -> Option<String> {
    let (head, expected) = message.split_once("expected one of ")?;
    let wrong = head.split('`').nth(1)?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let list = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    Some(match crate::diagnostic::nearest(wrong, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? expected one of {list}"),
        None => format!("expected one of {list}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field() {
        let hint = did_you_mean("unknown field `verdcit`, expected one of `id`, `quote`, `verdict`");
        assert_eq!(hint.unwrap(), "did you mean `verdict`? expected one of `id`, `quote`, `verdict`");
    }
}
