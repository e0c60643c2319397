//! Writing systems, as far as the digest needs them: which scripts are
//! written without spaces between words (where a mention may start and a
//! quote may be cut), and which languages are written right to left (the
//! `dir` of every element that holds their text).

use unicode_script::{Script, UnicodeScript};

/// Whether `c` belongs to a script written without spaces between words:
/// Han, Hiragana, Katakana, Thai, Lao, Khmer or Myanmar. Script extensions
/// count, so that the Katakana-Hiragana prolonged sound mark `ー` (script
/// Common) is one of them.
pub fn is_spaceless(c: char) -> bool {
    const SPACELESS: [Script; 7] =
        [Script::Han, Script::Hiragana, Script::Katakana, Script::Thai, Script::Lao, Script::Khmer, Script::Myanmar];
    let scripts = c.script_extension();
    // Common and Inherited (digits, punctuation) intersect every script.
    !scripts.is_common() && !scripts.is_inherited() && SPACELESS.iter().any(|&s| scripts.contains_script(s))
}

/// The direction text in the language `tag` (BCP 47) runs in: `"rtl"` or
/// `"ltr"`, the values of HTML's `dir`. A script subtag decides
/// (`az-Arab` is right to left, `ku-Latn` left to right); without one, the
/// language's usual script does (CLDR's likely subtags).
pub fn direction(tag: &str) -> &'static str {
    const RTL_SCRIPTS: [&str; 11] =
        ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr", "mend", "yezi"];
    const RTL_LANGUAGES: [&str; 18] = [
        "ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "dv", "ug", "ckb", "syr", "arc", "ks", "pnb", "azb", "lrc",
        "mzn",
    ];
    let mut subtags = tag.split('-').map(str::to_ascii_lowercase);
    let language = subtags.next().unwrap_or_default();
    let script =
        subtags.take_while(|s| s.len() != 1).find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()));
    let rtl = match script {
        Some(script) => RTL_SCRIPTS.contains(&script.as_str()),
        None => RTL_LANGUAGES.contains(&language.as_str()),
    };
    if rtl { "rtl" } else { "ltr" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_kanji_and_the_prolonged_sound_mark_are_spaceless_digits_are_not() {
        assert!(['オ', 'ー', '谷', 'は', 'ก', '、'].iter().all(|&c| is_spaceless(c)));
        assert!(!['3', 'A', 'é', 'م', '구', ','].iter().any(|&c| is_spaceless(c)));
    }

    #[test]
    fn direction_follows_the_script_then_the_language() {
        for tag in ["ar", "ar-EG", "he", "fa-IR", "ur", "az-Arab", "AR"] {
            assert_eq!(direction(tag), "rtl", "{tag}");
        }
        for tag in ["fr", "en-GB", "ja", "zh-Hant-HK", "de", "ar-Latn", "ku", "x-private"] {
            assert_eq!(direction(tag), "ltr", "{tag}");
        }
    }
}
