//! Where an incoming quote stands in its seed, with glose's own anchoring,
//! and the shortest `prefix` or `suffix` that makes `glose check` find the
//! same place again.
//!
//! The selector's quote must be in the seed exactly. Its prefix and suffix,
//! though, were cut by another tool from another rendering of the text (a
//! browser's, for Hypothesis), so they only choose among the quote's
//! occurrences: exactly first, then with white space made alike, then by the
//! position selector. They are never written as they came.

use crate::resolve::{AnchorError, Nearest, occurrences, resolve_quote};
use crate::source::floor_char_boundary;
use std::ops::Range;

/// A TextQuoteSelector (with the position, when one came with it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    pub exact: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// Code points, end exclusive.
    pub position: Option<(usize, usize)>,
}

/// What an article file writes to anchor the quote where it was found.
#[derive(Debug, PartialEq, Eq)]
pub struct Anchor {
    pub bytes: Range<usize>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Unplaced {
    NotFound(Option<Nearest>),
    /// Byte starts of the occurrences nothing could choose between.
    Ambiguous(Vec<usize>),
}

/// The most context glose writes on either side to pick one occurrence.
const MAX_CONTEXT: usize = 80;

pub fn place(seed: &str, selector: &Selector) -> Result<Anchor, Unplaced> {
    let exact = selector.exact.as_str();
    let starts = occurrences(seed, exact);
    let start = match starts.as_slice() {
        [] => {
            let nearest = match resolve_quote(seed, exact, None, None) {
                Err(AnchorError::NotFound { nearest, .. }) => nearest,
                _ => None,
            };
            return Err(Unplaced::NotFound(nearest));
        }
        [only] => *only,
        many => choose(seed, selector, many).ok_or_else(|| Unplaced::Ambiguous(many.to_vec()))?,
    };
    let bytes = start..start + exact.len();
    let (prefix, suffix) = if starts.len() == 1 {
        (None, None)
    } else {
        // Else the selector's own context, when it is the seed's exactly
        // (it may cross a line break).
        let given = (selector.prefix.clone(), selector.suffix.clone());
        let leads_here = resolve_quote(seed, exact, given.0.as_deref(), given.1.as_deref()).ok() == Some(bytes.clone());
        context(seed, &bytes, &starts)
            .or(leads_here.then_some(given))
            .ok_or_else(|| Unplaced::Ambiguous(starts.clone()))?
    };
    // What the article file will say must lead glose back here.
    debug_assert_eq!(resolve_quote(seed, exact, prefix.as_deref(), suffix.as_deref()).ok(), Some(bytes.clone()));
    Ok(Anchor { bytes, prefix, suffix })
}

/// The occurrence the selector's context or position points at, if exactly
/// one.
fn choose(seed: &str, selector: &Selector, starts: &[usize]) -> Option<usize> {
    let len = selector.exact.len();
    let exactly: Vec<usize> = starts
        .iter()
        .copied()
        .filter(|&s| selector.prefix.as_deref().is_none_or(|p| seed[..s].ends_with(p)))
        .filter(|&s| selector.suffix.as_deref().is_none_or(|x| seed[s + len..].starts_with(x)))
        .collect();
    if let [one] = exactly.as_slice() {
        return Some(*one);
    }
    if let Some(one) = best_by_context(seed, selector, starts) {
        return Some(one);
    }
    let (start, _) = selector.position?;
    starts.iter().copied().find(|&s| seed[..s].chars().count() == start)
}

/// The one occurrence whose surroundings share the most characters with the
/// prefix and suffix once runs of white space count as one space.
fn best_by_context(seed: &str, selector: &Selector, starts: &[usize]) -> Option<usize> {
    let prefix = squeeze(selector.prefix.as_deref().unwrap_or(""));
    let suffix = squeeze(selector.suffix.as_deref().unwrap_or(""));
    let score = |s: usize| {
        let end = s + selector.exact.len();
        let from = floor_char_boundary(seed, s.saturating_sub(4 * MAX_CONTEXT));
        let to = floor_char_boundary(seed, (end + 4 * MAX_CONTEXT).min(seed.len()));
        let (before, after) = (squeeze(&seed[from..s]), squeeze(&seed[end..to]));
        let shared_end = prefix.chars().rev().zip(before.chars().rev()).take_while(|(a, b)| a == b).count();
        let shared_start = suffix.chars().zip(after.chars()).take_while(|(a, b)| a == b).count();
        shared_end + shared_start
    };
    let scores: Vec<(usize, usize)> = starts.iter().map(|&s| (score(s), s)).collect();
    let best = scores.iter().map(|(score, _)| *score).max()?;
    let winners: Vec<usize> = scores.iter().filter(|(score, _)| *score == best).map(|(_, s)| *s).collect();
    match winners.as_slice() {
        [one] if best > 0 => Some(*one),
        _ => None,
    }
}

/// Runs of white space as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shortest prefix (else suffix, else both) that no other occurrence
/// shares, grown to whole words, on the quote's own line.
fn context(seed: &str, bytes: &Range<usize>, starts: &[usize]) -> Option<(Option<String>, Option<String>)> {
    let others: Vec<usize> = starts.iter().copied().filter(|&s| s != bytes.start).collect();
    let len = bytes.len();
    let line_start = seed[..bytes.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = seed[bytes.end..].find('\n').map_or(seed.len(), |i| bytes.end + i);
    let before = tail(&seed[line_start..bytes.start]);
    let after = head(&seed[bytes.end..line_end]);
    let unique_prefix = |p: &str| others.iter().all(|&o| !seed[..o].ends_with(p));
    let unique_suffix = |x: &str| others.iter().all(|&o| !seed[o + len..].starts_with(x));
    if let Some(prefix) = before.iter().find(|p| unique_prefix(p)) {
        return Some((Some(prefix.to_string()), None));
    }
    if let Some(suffix) = after.iter().find(|x| unique_suffix(x)) {
        return Some((None, Some(suffix.to_string())));
    }
    let (prefix, suffix) = (before.last()?, after.last()?);
    let both = others.iter().all(|&o| !seed[..o].ends_with(prefix) || !seed[o + len..].starts_with(suffix));
    both.then(|| (Some(prefix.to_string()), Some(suffix.to_string())))
}

/// Ends of `text` that start at a word, shortest first, up to
/// [`MAX_CONTEXT`] characters (and the whole text when it is shorter).
fn tail(text: &str) -> Vec<&str> {
    let mut cuts: Vec<&str> = Vec::new();
    for (at, c) in text.char_indices().rev() {
        if text[at..].chars().count() > MAX_CONTEXT {
            break;
        }
        let at_word = at == 0 || (!c.is_whitespace() && text[..at].ends_with(char::is_whitespace));
        if at_word {
            cuts.push(&text[at..]);
        }
    }
    cuts
}

/// Starts of `text` that end at a word, shortest first, as [`tail`].
fn head(text: &str) -> Vec<&str> {
    let mut cuts: Vec<&str> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if text[..end].chars().count() > MAX_CONTEXT {
            break;
        }
        let at_word = end == text.len() || (!c.is_whitespace() && text[end..].starts_with(char::is_whitespace));
        if at_word {
            cuts.push(&text[..end]);
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str =
        "Google signe avec Anthropic.\nLe contrat de Google vaut des milliards.\nGoogle\u{a0}Cloud fournira les puces.";

    fn selector(exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Selector {
        Selector { exact: exact.into(), prefix: prefix.map(Into::into), suffix: suffix.map(Into::into), position: None }
    }

    #[test]
    fn a_unique_quote_needs_no_context() {
        let anchor = place(SEED, &selector("vaut des milliards", Some("nonsense"), None)).unwrap();
        assert_eq!(&SEED[anchor.bytes], "vaut des milliards");
        assert_eq!((anchor.prefix, anchor.suffix), (None, None));
    }

    #[test]
    fn an_exact_prefix_chooses_and_the_written_prefix_is_the_shortest_word() {
        let anchor = place(SEED, &selector("Google", Some("Le contrat de "), None)).unwrap();
        assert_eq!(anchor.bytes.start, SEED.find("de Google").unwrap() + 3);
        assert_eq!(anchor.prefix.as_deref(), Some("de "));
    }

    #[test]
    fn white_space_differences_in_the_context_still_choose() {
        // A browser shows the line break as a space and the NBSP as a space.
        let anchor = place(SEED, &selector("Google", Some("milliards. "), Some(" Cloud"))).unwrap();
        assert_eq!(anchor.bytes.start, SEED.rfind("Google").unwrap());
        assert_eq!(anchor.suffix.as_deref(), Some("\u{a0}Cloud"));
    }

    #[test]
    fn the_position_chooses_when_the_context_cannot() {
        let third = SEED.rfind("Google").unwrap();
        let chars = SEED[..third].chars().count();
        let anchor =
            place(SEED, &Selector { position: Some((chars, chars + 6)), ..selector("Google", None, None) }).unwrap();
        assert_eq!(anchor.bytes.start, third);
    }

    #[test]
    fn nothing_to_choose_with_is_ambiguous() {
        assert_eq!(place(SEED, &selector("Google", None, None)), Err(Unplaced::Ambiguous(vec![0, 43, 70])));
    }

    #[test]
    fn a_quote_not_in_the_seed_comes_back_with_the_nearest_passage() {
        let Err(Unplaced::NotFound(Some(nearest))) = place(SEED, &selector("Google Cloud fournira", None, None)) else {
            panic!("expected a nearest passage")
        };
        assert_eq!(&SEED[nearest.bytes], "Google\u{a0}Cloud fournira");
    }

    #[test]
    fn a_repeated_line_keeps_the_context_that_crosses_line_breaks() {
        let seed = "Un.\nOui.\nDeux.\nOui.\n";
        let anchor = place(seed, &selector("Oui.", Some("Deux.\n"), Some("\n"))).unwrap();
        assert_eq!(anchor.bytes.start, 15);
        assert_eq!((anchor.prefix.as_deref(), anchor.suffix.as_deref()), (Some("Deux.\n"), Some("\n")));
    }

    #[test]
    fn repeated_lines_take_a_suffix_when_no_prefix_differs() {
        let seed = "Oui.\nOui, dit-il.";
        let anchor = place(seed, &selector("Oui", None, Some(", dit"))).unwrap();
        assert_eq!(anchor.bytes.start, 5);
        assert_eq!((anchor.prefix.as_deref(), anchor.suffix.as_deref()), (None, Some(",")));
    }
}
