//! Links that open the original article at a claim's passage, with URL
//! Fragment Text Directives (`#:~:text=…`, WICG "URL Fragment Text
//! Directives"). Browsers that support them scroll to the first match and
//! highlight it; the others simply open the page.
//!
//! The seed is the article's text as received, so its quotes are the words
//! the original page shows. A quote of a few words is given whole; a longer
//! one, or one that spans lines, as `textStart,textEnd` (its first and last
//! words), which still matches when the page splits the passage over several
//! elements or words differ in between.
//!
//! A browser opens the first passage that matches. When the quote's first
//! words also occur earlier in the seed (a repeated quote, which the editor
//! told apart with `prefix` or `suffix`), the directive carries the words
//! around this passage as its own `prefix-` and `-suffix`, taken from the
//! same line of the seed, so that the link opens this passage and not the
//! first.

use std::ops::Range;

/// Up to this many words, a quote is given whole.
const WHOLE_QUOTE_WORDS: usize = 8;
/// Words taken from each end of a longer quote.
const END_WORDS: usize = 4;
/// Words of context taken on each side of a repeated quote.
const CONTEXT_WORDS: usize = 3;

/// `url` (any fragment it had dropped) with a text directive for the
/// passage `seed[bytes]`.
pub fn text_fragment_url(url: &str, seed: &str, bytes: Range<usize>) -> String {
    let page = url.split('#').next().unwrap_or(url);
    format!("{page}#:~:text={}", text_directive(seed, bytes))
}

/// The value of the `text=` directive for `seed[bytes]`, percent-encoded,
/// with the context that singles it out when its start occurs earlier.
pub fn text_directive(seed: &str, bytes: Range<usize>) -> String {
    let quote = &seed[bytes.clone()];
    let directive = quote_directive(quote);
    let start_words = quote.split_ascii_whitespace().take(END_WORDS).collect::<Vec<_>>().join(" ");
    // Browsers match text directives without regard to case.
    if start_words.is_empty() || !contains_ignoring_case(&seed[..bytes.start], &start_words) {
        return directive;
    }
    let line_start = seed[..bytes.start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = seed[bytes.end..].find('\n').map_or(seed.len(), |at| bytes.end + at);
    let before: Vec<&str> = seed[line_start..bytes.start].split_ascii_whitespace().collect();
    let prefix = before[before.len().saturating_sub(CONTEXT_WORDS)..].join(" ");
    let suffix = seed[bytes.end..line_end].split_ascii_whitespace().take(CONTEXT_WORDS).collect::<Vec<_>>().join(" ");
    let mut parts = Vec::new();
    if !prefix.is_empty() {
        parts.push(format!("{}-", encode(&prefix)));
    }
    parts.push(directive);
    if !suffix.is_empty() {
        parts.push(format!("-{}", encode(&suffix)));
    }
    parts.join(",")
}

/// Whether `needle` occurs in `text`, letters compared in lower case. Not
/// `text.to_lowercase().contains(…)`: that lowered the seed up to each
/// claim again, a copy of the article per claim, and was 8% of a build.
/// Only where a match could start are characters lowered: at the needle's
/// first letter in either case, or at any non-ASCII character (some, like
/// the Kelvin sign, lower to an ASCII letter).
fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let Some(&first) = needle.first() else { return true };
    let matches_at = |at: usize| {
        let mut rest = text[at..].chars().flat_map(char::to_lowercase);
        needle.iter().all(|&n| rest.next() == Some(n))
    };
    if !first.is_ascii() {
        return text.char_indices().any(|(at, _)| matches_at(at));
    }
    let (lower, upper) = (first as u8, first.to_ascii_uppercase() as u8);
    // A byte of 0xC0 or more leads a non-ASCII character (continuation
    // bytes are below it), so every index tried is a character boundary.
    text.bytes().enumerate().any(|(at, b)| (b == lower || b == upper || b >= 0xC0) && matches_at(at))
}

/// The `textStart[,textEnd]` part for `quote`, percent-encoded.
fn quote_directive(quote: &str) -> String {
    let lines: Vec<Vec<&str>> =
        quote.lines().map(|l| l.split_ascii_whitespace().collect::<Vec<_>>()).filter(|w| !w.is_empty()).collect();
    let words: usize = lines.iter().map(Vec::len).sum();
    match lines.as_slice() {
        [] => String::new(),
        [only] if words <= WHOLE_QUOTE_WORDS => encode(&only.join(" ")),
        [only] => {
            let start = only[..END_WORDS].join(" ");
            let end = only[only.len() - END_WORDS..].join(" ");
            format!("{},{}", encode(&start), encode(&end))
        }
        [first, .., last] => {
            // textStart must end, and textEnd begin, within one block of
            // the page: take them from the quote's first and last lines.
            let start = first[..first.len().min(END_WORDS)].join(" ");
            let end = last[last.len().saturating_sub(END_WORDS)..].join(" ");
            format!("{},{}", encode(&start), encode(&end))
        }
    }
}

/// Percent-encodes everything but ASCII letters, digits and `._~`. The
/// directive syntax reserves `&`, `,` and `-` (and `#`, `%`, spaces);
/// non-ASCII text is encoded as its UTF-8 bytes, as URLs require.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The directive of a quote that stands alone as its seed.
    fn text_directive(quote: &str) -> String {
        super::text_directive(quote, 0..quote.len())
    }

    #[test]
    fn reserved_characters_are_encoded() {
        // `-`, `,` and `&` delimit parts of a text directive; unencoded, they
        // would cut the quote short.
        assert_eq!(text_directive("Alphabet-Meta, A&B"), "Alphabet%2DMeta%2C%20A%26B");
    }

    #[test]
    fn typographic_apostrophes_and_non_breaking_spaces_are_encoded_as_utf8() {
        // As the seeds write them: ’ (U+2019) and a no-break space before €.
        assert_eq!(text_directive("l’accord de 10\u{a0}milliards"), "l%E2%80%99accord%20de%2010%C2%A0milliards");
        assert_eq!(text_directive("«\u{202f}TPU\u{202f}»"), "%C2%AB%E2%80%AFTPU%E2%80%AF%C2%BB");
    }

    #[test]
    fn a_long_quote_becomes_its_first_and_last_words() {
        let quote = "Anthropic prévoit d’avoir accès à près d’un million de ses processeurs TPU d’ici 2026";
        assert_eq!(
            text_directive(quote),
            "Anthropic%20pr%C3%A9voit%20d%E2%80%99avoir%20acc%C3%A8s,processeurs%20TPU%20d%E2%80%99ici%202026"
        );
    }

    #[test]
    fn a_quote_over_two_lines_starts_on_the_first_and_ends_on_the_last() {
        assert_eq!(text_directive("Le titre\nEt la suite du texte ici"), "Le%20titre,suite%20du%20texte%20ici");
    }

    #[test]
    fn the_original_fragment_is_replaced() {
        assert_eq!(
            text_fragment_url("https://example.org/a#top", "deux mots", 0..9),
            "https://example.org/a#:~:text=deux%20mots"
        );
    }

    #[test]
    fn a_repeated_quote_is_told_apart_by_its_context() {
        let seed = "Le contrat est signé.\nPlus tard, le contrat est signé par Globex et Acme.";
        let second = seed.rfind("le contrat est signé").unwrap();
        assert_eq!(
            super::text_directive(seed, second..second + "le contrat est signé".len()),
            "Plus%20tard%2C-,le%20contrat%20est%20sign%C3%A9,-par%20Globex%20et"
        );
        // Browsers match without regard to case: "Le contrat" above is
        // the same start as "le contrat" here.
        let cased = "Le Contrat est signé.\nPlus tard, le contrat est signé.";
        let second = cased.rfind("le contrat").unwrap();
        assert!(super::text_directive(cased, second..second + 10).starts_with("Plus%20tard%2C-,"));
        // Nor of case outside ASCII: "ÉTAT" above is the start of "état".
        let accented = "L'ÉTAT paie.\nMais l'état paie.";
        let second = accented.rfind("l'état").unwrap();
        assert!(super::text_directive(accented, second..accented.len()).starts_with("Mais-,"));
        // The first occurrence needs no context: browsers open it anyway.
        assert_eq!(super::text_directive(seed, 3..10), "contrat");
    }
}
