//! TextQuoteSelector anchoring: a quote, with an optional prefix and suffix,
//! becomes a byte range of the seed. Matching is exact; when it fails, the
//! nearest passage of the seed is found and what differs is spelt out, since
//! the usual culprit is invisible (’ against ', a non-breaking space).
//! Exact matching takes one pass over the seed; the nearest passage at most
//! one machine word per 64 quote characters for each seed character.

use super::approximate::{Pattern, Start};
use std::ops::Range;

/// Why a quote could not be anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorError {
    Empty,
    /// No occurrence, or none with the given prefix/suffix (then
    /// `occurrences` holds the byte starts of the quote without them).
    NotFound {
        occurrences: Vec<usize>,
        nearest: Option<Nearest>,
    },
    /// Several occurrences match; their byte offsets.
    Ambiguous {
        starts: Vec<usize>,
    },
}

/// The passage of the seed most like a quote that was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearest {
    pub bytes: Range<usize>,
    pub differences: Vec<Difference>,
}

/// One place where the quote and the seed passage differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub in_quote: String,
    pub in_seed: String,
}

/// Finds the one place `quote` stands in `seed`.
pub fn resolve_quote(
    seed: &str,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<Range<usize>, AnchorError> {
    if quote.is_empty() {
        return Err(AnchorError::Empty);
    }
    let all = occurrences(seed, quote);
    // The occurrences with the prefix before and the suffix after are those
    // of the three together: one pass, however many occurrences there are.
    let matching = match (prefix, suffix) {
        (None, None) => all.clone(),
        _ => {
            let before = prefix.unwrap_or("");
            let whole = format!("{before}{quote}{}", suffix.unwrap_or(""));
            occurrences(seed, &whole).into_iter().map(|start| start + before.len()).collect()
        }
    };
    match matching.as_slice() {
        [start] => Ok(*start..*start + quote.len()),
        [] if all.is_empty() => Err(AnchorError::NotFound { occurrences: all, nearest: nearest(seed, quote) }),
        [] => Err(AnchorError::NotFound { occurrences: all, nearest: None }),
        starts => Err(AnchorError::Ambiguous { starts: starts.to_vec() }),
    }
}

/// Every start of `needle` in `haystack`, overlapping ones included, in
/// time linear in both: a quote is searched in its seed once per claim, so
/// nothing per quote may cost more than reading it. Two occurrences stand
/// at least the needle's period apart, so each search resumes a period
/// after the last occurrence; a needle that repeats itself (period at most
/// half its length) would have its repeats rescanned that way, and is
/// matched byte by byte instead.
pub fn occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    let (text, pattern) = (haystack.as_bytes(), needle.as_bytes());
    let borders = borders(pattern);
    let Some(&border) = borders.last() else { return Vec::new() };
    let period = pattern.len() - border;
    if 2 * period <= pattern.len() {
        return occurrences_bytewise(text, pattern, &borders);
    }
    let finder = memchr::memmem::Finder::new(pattern);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| finder.find(rest)) {
        found.push(from + at);
        from += at + period;
    }
    found
}

/// For each prefix of `pattern`, the length of its longest proper prefix
/// that is also its suffix (Knuth–Morris–Pratt's failure function).
fn borders(pattern: &[u8]) -> Vec<usize> {
    let mut borders = vec![0; pattern.len()];
    let mut k = 0;
    for i in 1..pattern.len() {
        while k > 0 && pattern[i] != pattern[k] {
            k = borders[k - 1];
        }
        if pattern[i] == pattern[k] {
            k += 1;
        }
        borders[i] = k;
    }
    borders
}

/// [`occurrences`] by Knuth–Morris–Pratt, given the pattern's [`borders`]:
/// one step per byte of `text`.
/// A UTF-8 needle can only match a UTF-8 text at a character boundary.
fn occurrences_bytewise(text: &[u8], pattern: &[u8], borders: &[usize]) -> Vec<usize> {
    let mut found = Vec::new();
    let mut k = 0;
    for (i, &byte) in text.iter().enumerate() {
        while k > 0 && byte != pattern[k] {
            k = borders[k - 1];
        }
        if byte == pattern[k] {
            k += 1;
        }
        if k == pattern.len() {
            found.push(i + 1 - k);
            k = borders[k - 1];
        }
    }
    found
}

/// The seed passage closest to `quote` by edit distance, if it differs in
/// at most half the quote's characters (anything further is not worth
/// showing). Bounded time for any quote: see `approximate`.
pub fn nearest(seed: &str, quote: &str) -> Option<Nearest> {
    let quote: Vec<char> = quote.chars().collect();
    let (starts, text): (Vec<usize>, Vec<char>) = seed.char_indices().unzip();
    let byte = |char_index: usize| starts.get(char_index).copied().unwrap_or(seed.len());
    let pattern = Pattern::new(&quote);
    let limit = first_guess(seed, &starts, &text, &quote, &pattern).unwrap_or(usize::MAX).min(quote.len() / 2);
    let found = pattern.best_end(&text, limit, Start::Free)?;
    // Where the passage begins: the same search run backwards from its
    // end, anchored there, over no more text than the passage can span.
    let from = found.end.saturating_sub(quote.len() + found.distance);
    let backwards: Vec<char> = text[from..found.end].iter().rev().copied().collect();
    let reversed: Vec<char> = quote.iter().rev().copied().collect();
    let back = Pattern::new(&reversed).best_end(&backwards, found.distance, Start::Fixed)?;
    let bytes = byte(found.end - back.end)..byte(found.end);
    let quote: String = quote.into_iter().collect();
    let differences = differences(&quote, &seed[bytes.clone()]);
    Some(Nearest { bytes, differences })
}

/// The distance of a passage that may be the nearest: the one starting where
/// the quote's first words stand exactly, or ending where its last words do
/// (one typo cannot be in both). Searching for nothing worse than it skips
/// most of the work when the quote has a typo or two.
fn first_guess(seed: &str, starts: &[usize], text: &[char], quote: &[char], pattern: &Pattern) -> Option<usize> {
    const PIECE: usize = 32;
    if quote.len() <= 2 * PIECE {
        return None;
    }
    let char_at = |byte: usize| starts.partition_point(|&s| s < byte);
    let first: String = quote[..PIECE].iter().collect();
    let last: String = quote[quote.len() - PIECE..].iter().collect();
    let from_first = seed.find(&first).map(char_at);
    let from_last = seed.find(&last).map(|b| (char_at(b) + PIECE).saturating_sub(quote.len()));
    let span = quote.len() + quote.len() / 2;
    [from_first, from_last]
        .into_iter()
        .flatten()
        .filter_map(|start| {
            let window = &text[start..(start + span).min(text.len())];
            pattern.best_end(window, quote.len() / 2, Start::Fixed).map(|m| m.distance)
        })
        .min()
}

/// The runs of characters where `quote` and `found` differ.
fn differences(quote: &str, found: &str) -> Vec<Difference> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_chars(quote, found);
    let mut out = Vec::new();
    let mut current = Difference { in_quote: String::new(), in_seed: String::new() };
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => {
                if !current.in_quote.is_empty() || !current.in_seed.is_empty() {
                    out.push(std::mem::replace(
                        &mut current,
                        Difference { in_quote: String::new(), in_seed: String::new() },
                    ));
                }
            }
            ChangeTag::Delete => current.in_quote.push_str(change.value()),
            ChangeTag::Insert => current.in_seed.push_str(change.value()),
        }
    }
    if !current.in_quote.is_empty() || !current.in_seed.is_empty() {
        out.push(current);
    }
    out
}

/// "’ (U+2019 RIGHT SINGLE QUOTATION MARK)": a character made visible.
pub fn describe(text: &str) -> String {
    if text.is_empty() {
        return "nothing".into();
    }
    let names: Vec<String> = text.chars().take(4).map(describe_char).collect();
    let more = if text.chars().count() > 4 { " …" } else { "" };
    format!("{}{more}", names.join(" "))
}

fn describe_char(c: char) -> String {
    let name = match c {
        '\'' => Some("APOSTROPHE"),
        '\u{2019}' => Some("RIGHT SINGLE QUOTATION MARK"),
        '\u{2018}' => Some("LEFT SINGLE QUOTATION MARK"),
        '"' => Some("QUOTATION MARK"),
        '\u{201C}' => Some("LEFT DOUBLE QUOTATION MARK"),
        '\u{201D}' => Some("RIGHT DOUBLE QUOTATION MARK"),
        '\u{AB}' => Some("LEFT-POINTING DOUBLE ANGLE QUOTATION MARK"),
        '\u{BB}' => Some("RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK"),
        ' ' => Some("SPACE"),
        '\u{A0}' => Some("NO-BREAK SPACE"),
        '\u{202F}' => Some("NARROW NO-BREAK SPACE"),
        '\u{2009}' => Some("THIN SPACE"),
        '-' => Some("HYPHEN-MINUS"),
        '\u{2013}' => Some("EN DASH"),
        '\u{2014}' => Some("EM DASH"),
        '\u{2026}' => Some("HORIZONTAL ELLIPSIS"),
        '\n' => Some("LINE FEED"),
        '\t' => Some("TAB"),
        _ => None,
    };
    let shown = if c.is_whitespace() || c.is_control() { String::new() } else { format!("{c} ") };
    match name {
        Some(name) => format!("{shown}(U+{:04X} {name})", c as u32),
        None => format!("{shown}(U+{:04X})", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "Google a signé avec Anthropic. Google l’a confirmé. Anthropic\u{a0}aussi.";

    #[test]
    fn unique_quote_anchors_to_its_bytes() {
        let range = resolve_quote(SEED, "l’a confirmé", None, None).unwrap();
        assert_eq!(&SEED[range], "l’a confirmé");
    }

    #[test]
    fn repeated_quote_is_ambiguous_until_prefix_or_suffix_picks_one() {
        let err = resolve_quote(SEED, "Google", None, None).unwrap_err();
        assert_eq!(err, AnchorError::Ambiguous { starts: vec![0, 32] });
        assert_eq!(resolve_quote(SEED, "Google", Some(". "), None).unwrap(), 32..38);
        assert_eq!(resolve_quote(SEED, "Google", None, Some(" a signé")).unwrap(), 0..6);
    }

    #[test]
    fn prefix_matching_nothing_is_not_found_with_count() {
        let err = resolve_quote(SEED, "Google", Some("xyz"), None).unwrap_err();
        assert_eq!(err, AnchorError::NotFound { occurrences: vec![0, 32], nearest: None });
    }

    #[test]
    fn typographic_apostrophe_is_named_in_the_nearest_match() {
        let err = resolve_quote(SEED, "Google l'a confirmé", None, None).unwrap_err();
        let AnchorError::NotFound { nearest: Some(nearest), .. } = err else { panic!("{err:?}") };
        assert_eq!(&SEED[nearest.bytes.clone()], "Google l’a confirmé");
        assert_eq!(nearest.differences, vec![Difference { in_quote: "'".into(), in_seed: "’".into() }]);
        assert_eq!(describe("’"), "’ (U+2019 RIGHT SINGLE QUOTATION MARK)");
    }

    #[test]
    fn non_breaking_space_is_named_in_the_nearest_match() {
        let err = resolve_quote(SEED, "Anthropic aussi", None, None).unwrap_err();
        let AnchorError::NotFound { nearest: Some(nearest), .. } = err else { panic!("{err:?}") };
        assert_eq!(nearest.differences[0].in_seed, "\u{a0}");
        assert_eq!(describe("\u{a0}"), "(U+00A0 NO-BREAK SPACE)");
    }

    #[test]
    fn unrelated_text_has_no_nearest_match() {
        let err = resolve_quote(SEED, "zzzz qqqq wwww", None, None).unwrap_err();
        assert_eq!(err, AnchorError::NotFound { occurrences: vec![], nearest: None });
    }

    #[test]
    fn overlapping_occurrences_are_all_counted() {
        assert_eq!(occurrences("aaa", "aa"), vec![0, 1]);
        assert_eq!(occurrences("ababa", "aba"), vec![0, 2]);
        assert_eq!(occurrences("éaéaé", "éaé"), vec![0, 3]);
        assert_eq!(occurrences("abcabcabc", "abcabc"), vec![0, 3]);
    }

    /// Every needle of up to five letters over a two-letter alphabet (and
    /// one multibyte letter) in every text of up to seven: the one-pass
    /// search finds what trying each start finds.
    #[test]
    fn occurrences_match_trying_every_start() {
        let words = |len: usize| -> Vec<String> {
            let letters = ["a", "b", "é"];
            (0..3usize.pow(len as u32))
                .map(|n| (0..len).map(|i| letters[n / 3usize.pow(i as u32) % 3]).collect())
                .collect()
        };
        for text in (0..=7).flat_map(words) {
            for needle in (1..=5).flat_map(words) {
                let naive: Vec<usize> = (0..=text.len())
                    .filter(|&at| text.get(at..).is_some_and(|rest| rest.starts_with(&needle)))
                    .collect();
                assert_eq!(occurrences(&text, &needle), naive, "{needle:?} in {text:?}");
            }
        }
    }
}
