//! Text into index terms, the same way the search script splits a query.
//! The rules are kept small enough to be written twice (here and in
//! templates/static/search.js), and the parts that are data — elided
//! articles, folded letters, the CJK character ranges — are written once,
//! here, and handed to the script in the index's meta file.
//!
//! Text is folded first: compatibility decomposition (NFKD), lower case,
//! combining marks dropped (`négocie` → `negocie`) and a few letters that do
//! not decompose spelled out (`œ` → `oe`, `ß` → `ss`). A word is then a run
//! of letters and digits; apostrophes and hyphens inside a word join it. A
//! French elided article before an apostrophe is dropped (`l’intelligence`
//! → `intelligence`), as is an English possessive `s`; a hyphenated word
//! gives its parts and their concatenation (`start-up` → `start`, `up`,
//! `startup`). Runs of Chinese and Japanese characters, written without
//! spaces, give each character and each pair of neighbours (`谷歌云` → `谷`,
//! `歌`, `云`, `谷歌`, `歌云`): a query's pairs find it whatever the words are.
//!
//! Unicode word segmentation (UAX #29, the unicode-segmentation crate) was
//! not used: the browser has no segmenter that splits the same way (its
//! `Intl.Segmenter` uses dictionaries for CJK and its own tailorings), and a
//! query split differently from the index finds nothing.

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

/// Characters of scripts written without spaces between words: Han
/// (with its radicals, iteration marks and compatibility ideographs),
/// Hiragana and Katakana (with the prolonged sound mark).
pub const CJK: [(char, char); 11] = [
    ('\u{2E80}', '\u{2FDF}'),
    ('\u{3005}', '\u{3007}'),
    ('\u{3021}', '\u{3029}'),
    ('\u{3038}', '\u{303B}'),
    ('\u{3041}', '\u{309F}'),
    ('\u{30A0}', '\u{30FF}'),
    ('\u{31F0}', '\u{31FF}'),
    ('\u{3400}', '\u{4DBF}'),
    ('\u{4E00}', '\u{9FFF}'),
    ('\u{F900}', '\u{FAFF}'),
    ('\u{20000}', '\u{3FFFF}'),
];

/// Longer words (addresses, hashes) are not indexed: nobody types them.
pub const MAX_WORD_CHARS: usize = 40;

const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{2BC}'];
const HYPHENS: [char; 2] = ['-', '\u{2010}'];

pub fn is_cjk(c: char) -> bool {
    CJK.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// `text` folded: NFKD, lower case, without combining marks, with [`FOLDS`].
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
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
    let mut cjk: Vec<char> = Vec::new();
    while let Some(c) = chars.next() {
        if is_cjk(c) {
            finish_word(&mut word, &mut emit);
            cjk.push(c);
            continue;
        }
        finish_cjk(&mut cjk, &mut emit);
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
    finish_cjk(&mut cjk, &mut emit);
}

/// Letters and digits outside the CJK ranges. The script's test is
/// `[\p{Alphabetic}\p{N}]`, which is what `is_alphanumeric` means.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c) && !APOSTROPHES.contains(&c)
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

fn finish_cjk(run: &mut Vec<char>, emit: &mut impl FnMut(&str)) {
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
        // Half-width katakana widen; the voiced mark is a combining mark.
        assert_eq!(all("ｸﾞｰｸﾞﾙ"), all("クーグル"));
        assert_eq!(all("東京へ"), ["東", "東京", "京", "京へ", "へ"]);
    }

    #[test]
    fn overlong_words_are_skipped() {
        assert_eq!(all(&"a".repeat(41)), Vec::<String>::new());
        assert_eq!(all(&"a".repeat(40)).len(), 1);
    }
}
