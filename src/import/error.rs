//! What can keep an annotation out of the digest, or an article file from
//! being written. Each names the annotation as its file does (its id), so
//! the editor can find it in the tool it came from.

use crate::diagnostic::Diagnostic;
use crate::resolve::NearestPassage;
use crate::source::Span;

#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path} is not valid JSON: {message}")]
    InvalidJson { path: String, span: Span, message: String },
    #[error("{path} holds no annotations that glose can read")]
    NotAnnotations { path: String, hint: &'static str },
    #[error("{name} is not an annotation glose can read: {reason}")]
    BadAnnotation { name: String, reason: String },
    #[error("{name} quotes no text of the page ({why})")]
    NoQuote { name: String, why: &'static str },
    #[error("{name} annotates {uri}, which no article's `url` names")]
    NoArticle { name: String, uri: String, unparsed: usize },
    #[error("{name}: quote not found in seed {seed} ({file})")]
    QuoteNotFound { name: String, file: String, seed: String, nearest: Option<Box<NearestPassage>> },
    #[error("{name}: quote occurs {} times in seed {seed} ({file}), and its context chooses none", places.len())]
    QuoteAmbiguous { name: String, file: String, seed: String, places: Vec<(usize, usize)> },
    #[error("{name} is already in {file}, as claim `{claim}`")]
    Duplicate { name: String, file: String, claim: String },
    #[error("{file} cannot take the new claims: {reason}")]
    NotAppendable { file: String, reason: String },
    #[error("cannot write {file}: {reason}")]
    WriteFailed { file: String, reason: String },
}

impl ImportError {
    pub fn diagnostic(&self) -> Diagnostic {
        let message = self.to_string();
        use ImportError::*;
        match self {
            Unreadable { .. } => Diagnostic::error("unreadable-file", message),
            InvalidJson { span, .. } => Diagnostic::error("import-invalid-json", message)
                .at(span.clone())
                .hint("give the file as the annotation tool exported it"),
            NotAnnotations { hint, .. } => Diagnostic::error("import-invalid-json", message).hint(*hint),
            BadAnnotation { .. } => Diagnostic::error("import-invalid-json", message)
                .hint("nothing was added for it; the other annotations of the file were read"),
            NoQuote { .. } => Diagnostic::error("import-no-quote", message)
                .hint("only annotations of a passage (a highlight) become claims; add it by hand if it should be one"),
            NoArticle { unparsed, .. } => {
                let mut hint = String::from(
                    "set `url` in the front matter of the seed's article to the annotated page's address (or annotate the digest's own article page)",
                );
                if *unparsed > 0 {
                    hint.push_str(&format!(
                        "; {unparsed} article file(s) could not be read, so their `url` is unknown: `glose check` shows why"
                    ));
                }
                Diagnostic::error("import-no-article", message).hint(hint)
            }
            QuoteNotFound { nearest, .. } => {
                let d = Diagnostic::error("import-quote-not-found", message);
                match nearest {
                    Some(near) => d.hint(near.hint()),
                    None => {
                        d.hint("no passage of the seed resembles it: was the page changed since the seed was saved?")
                    }
                }
            }
            QuoteAmbiguous { places, .. } => {
                let list: Vec<String> = places.iter().map(|(l, c)| format!("{l}:{c}")).collect();
                Diagnostic::error("import-quote-ambiguous", message).hint(format!(
                    "it occurs at seed lines:columns {}; add the claim by hand with a `prefix` or `suffix`",
                    list.join(", ")
                ))
            }
            Duplicate { .. } => Diagnostic::warning("import-duplicate", message)
                .hint("a claim already anchors at the same passage, so nothing was added for it"),
            NotAppendable { .. } => Diagnostic::error("import-not-appendable", message)
                .hint("nothing was written to it; `glose check` shows what is wrong with the file"),
            WriteFailed { .. } => Diagnostic::error("write-failed", message).hint("nothing was written to it"),
        }
    }
}
