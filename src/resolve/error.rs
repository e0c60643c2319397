//! What can be wrong with content that loaded: anchors, ids, references.

use super::anchor::{Nearest, describe};
use crate::diagnostic::Diagnostic;
use crate::source::LineIndex;
use crate::source::Span;
use crate::vocabulary::Verdict;

/// The seed passage nearest to a quote that was not found, located.
#[derive(Debug, Clone)]
pub struct NearestPassage {
    pub line: usize,
    pub column: usize,
    pub text: String,
    /// (in the quote, in the seed) for each run that differs.
    pub differences: Vec<(String, String)>,
}

impl NearestPassage {
    /// `nearest`, found in `seed`, with its line and column there.
    pub fn locate(seed: &str, lines: &LineIndex, nearest: Nearest) -> NearestPassage {
        let (line, column) = lines.line_col(seed, nearest.bytes.start);
        NearestPassage {
            line,
            column,
            text: seed[nearest.bytes].to_string(),
            differences: nearest.differences.into_iter().map(|d| (d.in_quote, d.in_seed)).collect(),
        }
    }

    /// Where the passage is, what it reads and how the quote differs, as a
    /// diagnostic's hint.
    pub fn hint(&self) -> String {
        nearest_hint(self)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    #[error("{what} not found in seed {seed}")]
    QuoteNotFound { span: Span, what: &'static str, seed: String, nearest: Option<NearestPassage> },
    #[error("{what} occurs {} times in seed {seed}, but never with this text around it", places.len())]
    ContextNotFound { span: Span, what: &'static str, seed: String, places: Vec<(usize, usize, String)> },
    #[error("{what} occurs {} times in seed {seed}", places.len())]
    QuoteAmbiguous { span: Span, what: &'static str, seed: String, places: Vec<(usize, usize)> },
    #[error("{what} is empty")]
    EmptyQuote { span: Span, what: &'static str },
    #[error("heading is not a line of seed {seed}")]
    HeadingNotFound { span: Span, seed: String, nearest: Option<String> },
    #[error("elided text overlaps claim `{claim}`")]
    ElideOverlapsClaim { span: Span, claim: String },
    #[error("{what} id `{}` {fault}", crate::load::shown_name(id))]
    BadId { span: Span, what: &'static str, id: String, fault: crate::load::NameFault },
    #[error("duplicate {what} id `{id}`")]
    DuplicateId { span: Span, what: &'static str, id: String, first_line: usize },
    #[error("unknown {what} `{name}`")]
    UnknownReference { span: Span, what: &'static str, name: String, suggestion: Option<String>, hint: String },
    #[error("`{id}` is its own ancestor: {}", chain.join(" → "))]
    ParentCycle { span: Span, id: String, chain: Vec<String> },
    #[error("`{value}` is not a valid date")]
    BadDate { span: Span, value: String, expected: &'static str },
    #[error("`{url}` is not a web address")]
    BadUrl { span: Span, url: String },
    #[error("`{value}` is not a BCP 47 language tag")]
    BadLanguage { span: Span, value: String, likely: Option<String> },
    #[error("page_size = {size}: a page must show at least one item")]
    BadPageSize { span: Span, size: i64 },
    #[error("claim `{id}` has no verdict")]
    MissingVerdict { span: Span, id: String },
    #[error("claim `{id}` is rated {verdict} but cites no source")]
    MissingEvidence { span: Span, id: String, verdict: &'static str },
    #[error("the latest correction of claim `{id}` changes its verdict to `{to}`, but its verdict is {verdict}")]
    HistoryVerdictMismatch { span: Span, id: String, to: &'static str, verdict: &'static str },
    #[error("claim `{id}` links to itself")]
    SelfLink { span: Span, id: String },
    #[error("link between `{from}` and `{to}` is declared twice")]
    DuplicateLink { span: Span, from: String, to: String },
    #[error("seed {seed} is annotated by two articles")]
    SeedAnnotatedTwice { span: Span, seed: String, other: String },
    #[error("{what} `{id}` has nothing behind it in the digest")]
    Unused { span: Span, what: &'static str, id: String },
    #[error("seeds/{seed} has no article file")]
    SeedWithoutArticle { seed: String },
    /// A problem that exists only because of the one reported at `cause`:
    /// counted there, not shown.
    #[error("{error}")]
    FollowsFrom { cause: Span, error: Box<ResolveError> },
}

impl ResolveError {
    /// This problem, as one that follows from the one at `cause`.
    pub fn follows(self, cause: Span) -> ResolveError {
        ResolveError::FollowsFrom { cause, error: Box::new(self) }
    }

    pub fn diagnostic(&self) -> Diagnostic {
        let message = self.to_string();
        use ResolveError::*;
        match self {
            QuoteNotFound { span, nearest, .. } => {
                let d =
                    Diagnostic::error("quote-not-found", message).at(span.clone()).label("no exact match in the seed");
                match nearest {
                    Some(near) => d.hint(nearest_hint(near)),
                    None => d.hint(
                        "no passage of the seed resembles it; check the `seed` field and copy the quote from the seed",
                    ),
                }
            }
            ContextNotFound { span, places, .. } => {
                let list: Vec<String> = places
                    .iter()
                    .map(|(l, c, text)| match text.is_empty() {
                        true => format!("at {l}:{c}, at the edge of its line"),
                        false => format!("at {l}:{c}, next to {}", shown(text)),
                    })
                    .collect();
                Diagnostic::error("context-not-found", message)
                    .at(span.clone())
                    .label("matches none of the occurrences")
                    .hint(format!(
                        "copy the text exactly from the seed; the occurrences are\n      {}",
                        list.join("\n      ")
                    ))
            }
            QuoteAmbiguous { span, places, .. } => {
                // A word that stands thousands of times needs no list of thousands.
                const SHOWN: usize = 10;
                let mut list =
                    places.iter().take(SHOWN).map(|(l, c)| format!("{l}:{c}")).collect::<Vec<_>>().join(", ");
                if places.len() > SHOWN {
                    list.push_str(&format!(" and {} more", places.len() - SHOWN));
                }
                Diagnostic::error("quote-ambiguous", message)
                    .at(span.clone())
                    .label("matches more than one place")
                    .hint(format!("it occurs at seed lines:columns {list}; add `prefix = \"…\"` or `suffix = \"…\"` with the text just before or after the one you mean"))
            }
            EmptyQuote { span, .. } => {
                Diagnostic::error("empty-quote", message).at(span.clone()).hint("copy the exact words from the seed")
            }
            HeadingNotFound { span, nearest, .. } => {
                let d = Diagnostic::error("heading-not-found", message)
                    .at(span.clone())
                    .label("no seed line reads exactly this");
                match nearest {
                    Some(line) => d.hint(format!("the nearest line is {}", shown(line))),
                    None => d.hint("a heading must be a whole line of the seed"),
                }
            }
            ElideOverlapsClaim { span, .. } => Diagnostic::error("elide-overlaps-claim", message)
                .at(span.clone())
                .hint("elide only debris; a claim's quote must stay visible"),
            BadId { span, fault: crate::load::NameFault::Characters, .. } => Diagnostic::error("bad-id", message)
                .at(span.clone())
                .label("ids become page names and anchors")
                .hint("use lowercase ASCII letters, digits and hyphens, e.g. `one-million-tpus`"),
            BadId { span, .. } => Diagnostic::error("bad-id", message)
                .at(span.clone())
                .label("ids become page names and anchors")
                .hint("a few words are enough, e.g. `one-million-tpus`"),
            DuplicateId { span, what, first_line, .. } => Diagnostic::error("duplicate-id", message)
                .at(span.clone())
                .label(format!("{what} ids must be unique"))
                .hint(format!("the first `{}` with this id is on line {first_line}; rename one of them", what)),
            UnknownReference { span, suggestion, hint, what, .. } => {
                let d =
                    Diagnostic::error("unknown-reference", message).at(span.clone()).label(format!("no such {what}"));
                match suggestion {
                    Some(best) => d.hint(format!("did you mean `{best}`? {hint}")),
                    None => d.hint(hint.clone()),
                }
            }
            ParentCycle { span, .. } => Diagnostic::error("parent-cycle", message)
                .at(span.clone())
                .hint("a company's parents must lead to a company without `parent`"),
            BadDate { span, expected, .. } => {
                Diagnostic::error("bad-date", message).at(span.clone()).hint(format!("write {expected}"))
            }
            BadUrl { span, .. } => Diagnostic::error("bad-url", message)
                .at(span.clone())
                .hint("links must be absolute http:// or https:// addresses without spaces or quotes"),
            BadLanguage { span, likely, .. } => {
                let d = Diagnostic::error("bad-language", message)
                    .at(span.clone())
                    .label("pages carry it as their `lang`; browsers and screen readers read it");
                match likely {
                    Some(tag) => d.hint(format!(
                        "write `{tag}`: subtags are joined by hyphens, the language first (`fr`, `pt-BR`, `zh-Hant-HK`)"
                    )),
                    None => d.hint(
                        "write a tag of registered subtags, the language first: `fr`, `en-GB`, `ar`, `ja`, `zh-Hant-HK`",
                    ),
                }
            }
            BadPageSize { span, .. } => Diagnostic::error("bad-page-size", message)
                .at(span.clone())
                .hint("set `page_size` to a whole number of 1 or more, or leave it out for 200"),
            MissingVerdict { span, .. } => {
                Diagnostic::error("missing-verdict", message).at(span.clone()).hint(missing_verdict_hint())
            }
            MissingEvidence { span, .. } => Diagnostic::error("missing-evidence", message)
                .at(span.clone())
                .hint("add a `[[claim.source]]` with publisher and url, or set `verdict = \"unverified\"`"),
            HistoryVerdictMismatch { span, .. } => Diagnostic::error("history-verdict-mismatch", message)
                .at(span.clone())
                .label("not the claim's verdict")
                .hint("a `[[claim.history]]` entry records a change the claim went through: set `to` to the claim's `verdict`, or add an entry for the later change"),
            SelfLink { span, .. } => {
                Diagnostic::error("self-link", message).at(span.clone()).hint("link to another claim")
            }
            DuplicateLink { span, .. } => Diagnostic::warning("duplicate-link", message)
                .at(span.clone())
                .hint("declare each link once, on one claim: the other end shows it in inverse form"),
            SeedAnnotatedTwice { span, other, .. } => Diagnostic::error("seed-annotated-twice", message)
                .at(span.clone())
                .hint(format!("{other} already annotates it; merge the two files")),
            Unused { span, what, .. } => Diagnostic::warning("unused", message)
                .at(span.clone())
                .label(if *what == "event" { "no claim reports it" } else { "no claim, event or seed names it" })
                .hint("add `context = true` if it is there as background, or remove it"),
            SeedWithoutArticle { seed } => Diagnostic::warning("seed-without-article", message)
                .hint(format!("run `glose new seeds/{seed}` to start its article file")),
            FollowsFrom { cause, error } => error.diagnostic().follows(cause.clone()),
        }
    }
}

/// Seed text as it would be written in a TOML string, so an invisible
/// character (a non-breaking space) shows as the escape to type.
/// "add `verdict = "confirmed"` (or partly-true, …)", naming every verdict.
fn missing_verdict_hint() -> String {
    let example = Verdict::Confirmed;
    let others: Vec<&str> = Verdict::ALL.iter().filter(|&&v| v != example).map(|v| v.slug()).collect();
    format!(
        "add `verdict = \"{}\"` (or {}); only `kind = \"opinion\"` may go unrated",
        example.slug(),
        others.join(", ")
    )
}

fn shown(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || (c.is_whitespace() && c != ' ') || c == '\u{200b}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn nearest_hint(near: &NearestPassage) -> String {
    let mut hint = format!("nearest passage, at seed line {} column {}: {}", near.line, near.column, shown(&near.text));
    for (in_quote, in_seed) in near.differences.iter().take(3) {
        hint.push_str(&format!(
            "\n      the quote has {} where the seed has {}",
            describe(in_quote),
            describe(in_seed)
        ));
    }
    if near.differences.len() > 3 {
        hint.push_str(&format!("\n      and {} more differences", near.differences.len() - 3));
    }
    hint
}
