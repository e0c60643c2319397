//! What can go wrong while rendering: a theme that does not load, a page its
//! template cannot render, a file the sink refuses.

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    #[error("template {name} is invalid: {message}")]
    Template { name: String, message: String },
    #[error("cannot render {page} with {template}: {message}")]
    Page { page: String, template: String, message: String },
    #[error("cannot write {path}: {message}")]
    Output { path: String, message: String },
}

impl RenderError {
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            RenderError::Template { .. } => Diagnostic::error("template-invalid", self.to_string())
                .hint("fix the template, or delete it from templates/ to use the built-in one"),
            RenderError::Output { .. } => Diagnostic::error("write-failed", self.to_string())
                .hint("the previous output, if any, was left in place"),
            RenderError::Page { .. } => Diagnostic::error("render-failed", self.to_string())
                .hint("a template refers to a variable the page does not have; see docs/content-format.md for what each page gets"),
        }
    }
}
