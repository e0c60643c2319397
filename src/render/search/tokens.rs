//! Text into index terms, the same way the search script splits a query.
//! The rules are kept small enough to be written twice (here and in
//! templates/static/search.js), and the parts that are data — elided
//! articles, folded letters, the diacritics dropped, the characters of
//! scripts written without spaces — are written once, here (or in
//! [`crate::script`]), and handed to the script in the index's meta file.
//!
//! Text is folded first: lower case, compatibility decomposition (NFKD),
//! the diacritics of Latin, Greek and Cyrillic letters dropped (`négocie` →
//! `negocie`) and the rest composed again (NFC: kana keep their voicing
//! marks, Indic letters their vowel signs), and a few letters that do not
//! decompose spelled out (`œ` → `oe`, `ß` → `ss`). A word is then a run
//! of letters and digits; apostrophes and hyphens inside a word join it. A
//! French elided article before an apostrophe is dropped (`l’intelligence`
//! → `intelligence`), as is an English possessive `s`; a hyphenated word
//! gives its parts and their concatenation (`start-up` → `start`, `up`,
//! `startup`). Runs of letters of scripts written without spaces (Chinese,
//! Japanese, Thai, …: [`crate::script::is_spaceless`]) give each character
//! and each pair of neighbours (`谷歌云` → `谷`, `歌`, `云`, `谷歌`, `歌云`):
//! a query's pairs find it whatever the words are.
//!
//! Unicode word segmentation (UAX #29, the unicode-segmentation crate) was
//! not used: the browser has no segmenter that splits the same way (its
//! `Intl.Segmenter` uses dictionaries for CJK and its own tailorings), and a
//! query split differently from the index finds nothing.

use crate::script::is_spaceless;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Articles and pronouns French elides before a vowel (`l’`, `qu’`, …).
pub const ELISIONS: [&str; 13] = ["c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

/// Letters that neither decompose nor have marks to drop, spelled as they
/// are usually typed on keyboards without them.
pub const FOLDS: [(char, &str); 10] = [
    ('œ', "oe"),
    ('æ', "ae"),
    ('ß', "ss"),
    ('ø', "o"),
    ('đ', "d"),
    ('ð', "d"),
    ('ł', "l"),
    ('ı', "i"),
    ('þ', "th"),
    // Final sigma: lower-casing a whole query gives it, a letter alone not.
    ('ς', "σ"),
];

/// The combining diacritical marks (of Latin, Greek and Cyrillic letters)
/// that folding drops.
pub const DIACRITICS: [(char, char); 5] = [
    ('\u{0300}', '\u{036F}'),
    ('\u{1AB0}', '\u{1AFF}'),
    ('\u{1DC0}', '\u{1DFF}'),
    ('\u{20D0}', '\u{20FF}'),
    ('\u{FE20}', '\u{FE2F}'),
];

/// Longer words (addresses, hashes) are not indexed: nobody types them.
pub const MAX_WORD_CHARS: usize = 40;

const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{2BC}'];
const HYPHENS: [char; 2] = ['-', '\u{2010}'];

/// A letter of a script written without spaces: these go by characters
/// and pairs, not words.
fn is_spaceless_letter(c: char) -> bool {
    is_letter(c) && is_spaceless(c)
}

/// A letter, a digit or a mark left by folding (a virama, a vowel sign):
/// the script's `[\p{Alphabetic}\p{N}\p{M}]`.
fn is_letter(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The letters of [`is_spaceless_letter`] as ranges of code points, for the
/// script (computed once: every code point is asked).
pub static SPACELESS: LazyLock<Vec<(u32, u32)>> = LazyLock::new(|| {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in (0..=char::MAX as u32).filter_map(char::from_u32).filter(|&c| is_spaceless_letter(c)) {
        match ranges.last_mut() {
            Some((_, hi)) if *hi + 1 == c as u32 => *hi = c as u32,
            _ => ranges.push((c as u32, c as u32)),
        }
    }
    ranges
});

fn is_diacritic(c: char) -> bool {
    DIACRITICS.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// `text` folded: lower case, NFKD, without [`DIACRITICS`], NFC, with
/// [`FOLDS`].
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    for c in lower.nfkd().filter(|&c| !is_diacritic(c)).nfc() {
        match FOLDS.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// Calls `emit` with every term of `text`, in order, repeats included.
pub fn terms(text: &str, mut emit: impl FnMut(&str)) {
    let folded = fold(text);
    let mut chars = folded.chars().peekable();
    let mut word = String::new();
    let mut spaceless: Vec<char> = Vec::new();
    while let Some(c) = chars.next() {
        if is_spaceless_letter(c) {
            finish_word(&mut word, &mut emit);
            spaceless.push(c);
            continue;
        }
        finish_spaceless(&mut spaceless, &mut emit);
        let joins = APOSTROPHES.contains(&c) || HYPHENS.contains(&c);
        if joins && !word.is_empty() && chars.peek().is_some_and(|&n| is_word_char(n)) {
            word.push(if HYPHENS.contains(&c) { '-' } else { '\'' });
        } else if is_word_char(c) && !joins {
            word.push(c);
        } else {
            finish_word(&mut word, &mut emit);
        }
    }
    finish_word(&mut word, &mut emit);
    finish_spaceless(&mut spaceless, &mut emit);
}

/// Letters of scripts written with spaces.
fn is_word_char(c: char) -> bool {
    is_letter(c) && !is_spaceless(c) && !APOSTROPHES.contains(&c)
}

fn finish_word(word: &mut String, emit: &mut impl FnMut(&str)) {
    if word.is_empty() {
        return;
    }
    let mut parts: Vec<&str> = word.split('\'').collect();
    if parts.len() > 1 && ELISIONS.contains(&parts[0]) {
        parts.remove(0);
    }
    if parts.len() > 1 && parts.last() == Some(&"s") {
        parts.pop();
    }
    let joined = parts.concat();
    let pieces: Vec<&str> = joined.split('-').filter(|p| !p.is_empty()).collect();
    for piece in &pieces {
        emit_word(piece, emit);
    }
    if pieces.len() > 1 {
        emit_word(&pieces.concat(), emit);
    }
    word.clear();
}

fn emit_word(word: &str, emit: &mut impl FnMut(&str)) {
    if word.chars().count() <= MAX_WORD_CHARS {
        emit(word);
    }
}

fn finish_spaceless(run: &mut Vec<char>, emit: &mut impl FnMut(&str)) {
    let mut buf = String::new();
    for (i, &c) in run.iter().enumerate() {
        buf.clear();
        buf.push(c);
        emit(&buf);
        if let Some(&next) = run.get(i + 1) {
            buf.push(next);
            emit(&buf);
        }
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        terms(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(all("Google NÉGOCIE"), ["google", "negocie"]);
        assert_eq!(all("Œuvre à Straße"), ["oeuvre", "a", "strasse"]);
        assert_eq!(all("ΟΔΟΣ"), all("οδος"));
    }

    #[test]
    fn french_elisions_drop_the_article() {
        assert_eq!(all("l’intelligence d'Anthropic qu’il"), ["intelligence", "anthropic", "il"]);
        assert_eq!(all("jusqu’à aujourd’hui"), ["a", "aujourdhui"]);
    }

    #[test]
    fn apostrophes_and_hyphens_outside_words_split() {
        assert_eq!(all("« l’accord » ' - x"), ["accord", "x"]);
        assert_eq!(all("Google's TPU"), ["google", "tpu"]);
    }

    #[test]
    fn hyphenated_words_give_parts_and_the_whole() {
        assert_eq!(all("start-up"), ["start", "up", "startup"]);
        assert_eq!(all("Cloud-Rechenzentrum"), ["cloud", "rechenzentrum", "cloudrechenzentrum"]);
    }

    #[test]
    fn figures_split_at_separators() {
        assert_eq!(all("3,5 milliards d’euros, 12\u{202F}000"), ["3", "5", "milliards", "euros", "12", "000"]);
    }

    #[test]
    fn chinese_gives_characters_and_pairs() {
        assert_eq!(all("谷歌云"), ["谷", "谷歌", "歌", "歌云", "云"]);
        assert_eq!(all("与Anthropic合作"), ["与", "anthropic", "合", "合作", "作"]);
    }

    #[test]
    fn japanese_runs_cross_kana_and_kanji() {
        // Half-width katakana widen and keep their voicing.
        assert_eq!(all("ｸﾞｰｸﾞﾙ"), all("グーグル"));
        assert_ne!(all("グーグル"), all("クークル"));
        assert_eq!(all("東京へ"), ["東", "東京", "京", "京へ", "へ"]);
    }

    #[test]
    fn other_scripts_keep_their_vowel_signs() {
        assert_eq!(all("हिन्दी समाचार"), ["हिन्दी", "समाचार"]);
        assert_ne!(all("हिन्दी"), all("हन्द"));
    }

    #[test]
    fn spaceless_ranges_hold_kanji_kana_and_thai_but_not_punctuation() {
        let holds = |c: char| SPACELESS.iter().any(|&(lo, hi)| (lo..=hi).contains(&(c as u32)));
        assert!(['谷', 'は', 'オ', 'ー', '々', 'ก'].iter().all(|&c| holds(c)));
        assert!(!['、', '。', 'A', '3', '구'].iter().any(|&c| holds(c)));
    }

    #[test]
    fn overlong_words_are_skipped() {
        assert_eq!(all(&"a".repeat(41)), Vec::<String>::new());
        assert_eq!(all(&"a".repeat(40)).len(), 1);
    }
}
