//! TextQuoteSelector anchoring: a quote, with an optional prefix and suffix,
//! becomes a byte range of the seed. Matching is exact; when it fails, the
//! nearest passage of the seed is found and what differs is spelt out, since
//! the usual culprit is invisible (’ against ', a non-breaking space).

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
    let matching: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&start| prefix.is_none_or(|p| seed[..start].ends_with(p)))
        .filter(|&start| suffix.is_none_or(|s| seed[start + quote.len()..].starts_with(s)))
        .collect();
    match matching.as_slice() {
        [start] => Ok(*start..*start + quote.len()),
        [] if all.is_empty() => Err(AnchorError::NotFound { occurrences: all, nearest: nearest(seed, quote) }),
        [] => Err(AnchorError::NotFound { occurrences: all, nearest: None }),
        starts => Err(AnchorError::Ambiguous { starts: starts.to_vec() }),
    }
}

/// Every start of `needle` in `haystack`, overlapping ones included.
pub fn occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(i) = haystack[from..].find(needle) {
        let start = from + i;
        starts.push(start);
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    starts
}

/// The seed passage closest to `quote` by edit distance, if any passage
/// shares enough with it to be worth showing.
pub fn nearest(seed: &str, quote: &str) -> Option<Nearest> {
    let quote_chars: Vec<char> = quote.chars().collect();
    let seed_starts: Vec<usize> = seed.char_indices().map(|(i, _)| i).chain([seed.len()]).collect();
    let candidates = candidate_starts(seed, &seed_starts, &quote_chars);
    let mut best: Option<(usize, Range<usize>)> = None;
    for start in candidates {
        let range = best_window(seed, &seed_starts, start, &quote_chars);
        let distance = strsim::levenshtein(quote, &seed[range.clone()]);
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, range));
        }
    }
    let (distance, bytes) = best?;
    if distance * 2 > quote_chars.len() {
        return None;
    }
    let differences = differences(quote, &seed[bytes.clone()]);
    Some(Nearest { bytes, differences })
}

/// Character positions of the seed where the quote could begin: each place
/// where a short piece of the quote occurs, shifted back by that piece's
/// offset in the quote.
fn candidate_starts(seed: &str, seed_starts: &[usize], quote: &[char]) -> Vec<usize> {
    const PIECE: usize = 5;
    let mut votes = std::collections::BTreeMap::<usize, usize>::new();
    let piece_count = quote.len().div_ceil(PIECE);
    for p in 0..piece_count {
        let from = (p * PIECE).min(quote.len().saturating_sub(PIECE));
        let piece: String = quote[from..(from + PIECE).min(quote.len())].iter().collect();
        for byte in occurrences(seed, &piece) {
            let char_pos = seed_starts.partition_point(|&s| s < byte);
            if let Some(start) = char_pos.checked_sub(from) {
                *votes.entry(start).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, usize)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(8).map(|(start, _)| start).collect()
}

/// From char position `start`, the window whose length (within a tenth of
/// the quote's) is closest to the quote.
fn best_window(seed: &str, seed_starts: &[usize], start: usize, quote: &[char]) -> Range<usize> {
    let total = seed_starts.len() - 1;
    let start = start.min(total);
    let slack = quote.len() / 10 + 2;
    let quote: String = quote.iter().collect();
    let lengths = quote.chars().count().saturating_sub(slack)..=quote.chars().count() + slack;
    let mut best = (usize::MAX, seed_starts[start]..seed_starts[start]);
    for len in lengths {
        let end = (start + len).min(total);
        let range = seed_starts[start]..seed_starts[end];
        let distance = strsim::levenshtein(&quote, &seed[range.clone()]);
        if distance < best.0 {
            best = (distance, range);
        }
    }
    best.1
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
    }
}
