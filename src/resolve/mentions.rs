//! Company mentions: every alias of every company, matched over all seed
//! text in one pass with one Aho-Corasick automaton. Matches are
//! case-sensitive; a non-breaking space counts as a space and a full-width
//! Latin letter or digit (`ＡＭＤ`, common in Japanese and Chinese text) as
//! its ASCII form, in the seed and in the alias alike. Overlapping aliases
//! each count ("Google" inside "Google Cloud" is a mention of both).
//!
//! # Where a mention may start and end
//!
//! A match counts when each of its two sides is a boundary for the script
//! it is written in. A side is a boundary when:
//!
//! 1. the neighbouring character is not a letter or a digit (a space,
//!    punctuation, the start of the text: `d’Anthropic`, `«OpenAI»`);
//! 2. the alias's edge character, or its neighbour, is of a script written
//!    without spaces between words: Han, Hiragana, Katakana, Thai, Lao,
//!    Khmer, Myanmar (`谷歌宣布`, `オープンＡＩは`);
//! 3. the neighbour is a letter of another script than the edge (`AMD社`,
//!    `OpenAIの`); digits and marks belong to every script;
//! 4. before an Arabic alias, the letters back to the previous boundary are
//!    proclitics: an optional و or ف, then an optional ب, ل, ك or س, then
//!    an optional ال, or لل (`لمايكروسوفت`, `وبالشركة`); before a Hebrew
//!    alias, one to three of the prefix letters ו ה ב כ ל מ ש (`ומגוגל`);
//! 5. after a Hangul alias, more Hangul: Korean particles are written
//!    against the noun (`구글은`).
//!
//! Limits, by design: in scripts without spaces a short alias also matches
//! inside a longer word (an alias of one Han character would overcount:
//! give the full name); Latin-script inflections glued to the name (German
//! `Googles`) and Arabic or Persian suffixes are not recognised, so the
//! inflected form must be listed as an alias of its own.

use crate::script::is_spaceless;
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use unicode_script::{Script, UnicodeScript};

/// Counts alias matches per company, for each text.
pub struct MentionFinder {
    automaton: Option<AhoCorasick>,
    /// Company index of each pattern.
    owners: Vec<usize>,
    /// Each pattern as the editor wrote it (its first spelling).
    written: Vec<String>,
}

/// What one text says about the companies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Company index → number of matches, by company index.
    pub counts: Vec<(usize, usize)>,
    /// Company index and alias, as written in companies.toml, of every
    /// alias that matched at least once.
    pub aliases: Vec<(usize, String)>,
    /// Every match: the company index and the bytes of the text it covers,
    /// by start.
    pub at: Vec<(usize, Range<usize>)>,
}

impl MentionFinder {
    /// `aliases` holds, for each company index, its aliases.
    pub fn new(aliases: &[Vec<String>]) -> MentionFinder {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut written = Vec::new();
        for (company, list) in aliases.iter().enumerate() {
            // "Wear OS" and "Wear\u{a0}OS" are one alias once normalised;
            // kept twice, every match would count double.
            let mut seen = BTreeSet::new();
            for alias in list.iter().filter(|a| !a.trim().is_empty()) {
                let pattern = normalize(alias);
                if seen.insert(pattern.clone()) {
                    patterns.push(pattern);
                    owners.push(company);
                    written.push(alias.clone());
                }
            }
        }
        // Standard match kind is what allows overlapping matches.
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
        MentionFinder { automaton, owners, written }
    }

    /// The bounded matches in `text`, per company and per alias.
    pub fn count(&self, text: &str) -> Mentions {
        let Some(automaton) = &self.automaton else { return Mentions::default() };
        let (plain, origin) = normalize_mapped(text);
        let place = |byte: usize| origin.as_ref().map_or(byte, |origin| origin[byte]);
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut matched = BTreeSet::new();
        let mut at = Vec::new();
        for found in automaton.find_overlapping_iter(&*plain) {
            if is_bounded(&plain, found.start(), found.end()) {
                let pattern = found.pattern().as_usize();
                *counts.entry(self.owners[pattern]).or_default() += 1;
                matched.insert(pattern);
                at.push((self.owners[pattern], place(found.start())..place(found.end())));
            }
        }
        at.sort_unstable_by_key(|(company, bytes)| (bytes.start, bytes.end, *company));
        Mentions {
            counts: counts.into_iter().collect(),
            aliases: matched.into_iter().map(|p| (self.owners[p], self.written[p].clone())).collect(),
            at,
        }
    }

    /// Counts for many texts, in parallel; results keep the input order.
    pub fn count_all(&self, texts: &[&str]) -> Vec<Mentions> {
        texts.par_iter().map(|text| self.count(text)).collect()
    }
}

/// Non-breaking spaces become plain spaces, and full-width ASCII forms and
/// the ideographic space their ASCII counterparts. Lengths change, so this
/// copy is only for counting.
fn normalize(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// [`normalize`], with where each byte of the copy (and its end) stands in
/// `text`, to give matches in the text's own bytes. Most texts have nothing
/// to fold: they are searched as they are, without a copy and a map eight
/// times their size.
fn normalize_mapped(text: &str) -> (Cow<'_, str>, Option<Vec<usize>>) {
    if text.chars().all(|c| fold(c) == c) {
        return (Cow::Borrowed(text), None);
    }
    let mut plain = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let c = fold(c);
        plain.push(c);
        origin.extend(std::iter::repeat_n(at, c.len_utf8()));
    }
    origin.push(text.len());
    (Cow::Owned(plain), Some(origin))
}

fn fold(c: char) -> char {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{3000}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

fn is_bounded(text: &str, start: usize, end: usize) -> bool {
    let (Some(first), Some(last)) = (text[start..end].chars().next(), text[..end].chars().next_back()) else {
        return false;
    };
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let start_ok = side_bounded(first, before) || has_proclitic(&text[..start], first);
    let end_ok = side_bounded(last, after) || (is_hangul(last) && after.is_some_and(is_hangul));
    start_ok && end_ok
}

/// Rules 1 to 3 of the module documentation.
fn side_bounded(edge: char, neighbour: Option<char>) -> bool {
    let Some(neighbour) = neighbour.filter(|c| c.is_alphanumeric()) else { return true };
    if is_spaceless(edge) || is_spaceless(neighbour) {
        return true;
    }
    let (a, b) = (edge.script(), neighbour.script());
    let shared = |s: Script| matches!(s, Script::Common | Script::Inherited | Script::Unknown);
    !shared(a) && !shared(b) && a != b
}

fn is_hangul(c: char) -> bool {
    c.script() == Script::Hangul
}

/// Rule 4: the letters glued before an Arabic or Hebrew alias are
/// proclitics (conjunctions, prepositions, the article).
fn has_proclitic(before: &str, edge: char) -> bool {
    let glued: Vec<char> = before.chars().rev().take_while(|c| c.is_alphanumeric()).take(5).collect();
    let glued: String = glued.into_iter().rev().collect();
    let word_start = before[..before.len() - glued.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    if glued.is_empty() || !word_start {
        return false;
    }
    match edge.script() {
        Script::Arabic => is_arabic_proclitic(&glued),
        Script::Hebrew => glued.chars().count() <= 3 && glued.chars().all(|c| "ובהכלמש".contains(c)),
        _ => false,
    }
}

/// و/ف, then ب/ل/ك/س, then ال, each optional; or the contracted لل.
fn is_arabic_proclitic(glued: &str) -> bool {
    let rest = glued.strip_prefix(['و', 'ف']).unwrap_or(glued);
    if rest == "لل" {
        return true;
    }
    let rest = rest.strip_prefix(['ب', 'ل', 'ك', 'س']).unwrap_or(rest);
    rest.is_empty() || rest == "ال"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(aliases: &[&[&str]]) -> MentionFinder {
        let aliases: Vec<Vec<String>> = aliases.iter().map(|l| l.iter().map(|s| s.to_string()).collect()).collect();
        MentionFinder::new(&aliases)
    }

    fn counts(f: &MentionFinder, text: &str) -> Vec<(usize, usize)> {
        f.count(text).counts
    }

    #[test]
    fn overlapping_aliases_each_count() {
        let f = finder(&[&["Google"], &["Google Cloud"]]);
        assert_eq!(counts(&f, "Google Cloud et Google."), vec![(0, 2), (1, 1)]);
    }

    #[test]
    fn matches_are_word_bounded_in_latin_script() {
        let f = finder(&[&["Meta"], &["TPU"]]);
        assert_eq!(counts(&f, "Metaverse, Méta, l’accord Alphabet-Meta, TPUs, TPU3"), vec![(0, 1)]);
        assert_eq!(counts(&f, "éMeta"), vec![]);
    }

    #[test]
    fn french_elisions_keep_the_name() {
        let f = finder(&[&["Anthropic"], &["OpenAI"]]);
        assert_eq!(counts(&f, "d’Anthropic, l'OpenAI, qu’OpenAI, «\u{202f}Anthropic\u{202f}»"), vec![(0, 2), (1, 2)]);
    }

    #[test]
    fn japanese_names_match_between_kana_and_kanji() {
        // No spaces in Japanese: particles (は, の), kanji (社) and the
        // prolonged sound mark touch the name.
        let f = finder(&[&["OpenAI", "オープンAI"], &["AMD"], &["グーグル"]]);
        let text = "オープンＡＩは米ＡＭＤ社と提携した。ＡＭＤの株価が上昇し、オープンＡＩの計画とグーグルクラウドが注目された。";
        assert_eq!(counts(&f, text), vec![(0, 2), (1, 2), (2, 1)]);
        let found = f.count(text).aliases;
        assert_eq!(found, vec![(0, "オープンAI".to_string()), (1, "AMD".to_string()), (2, "グーグル".to_string())]);
    }

    #[test]
    fn chinese_names_match_inside_running_text() {
        let f = finder(&[&["谷歌", "Google"], &["英伟达", "輝達"]]);
        let text = "谷歌宣布与Google Cloud客户合作，輝達股价上涨；英伟达和谷歌的合作";
        assert_eq!(counts(&f, text), vec![(0, 3), (1, 2)]);
    }

    #[test]
    fn arabic_proclitics_do_not_hide_a_name() {
        let f = finder(&[&["مايكروسوفت"], &["أوبن إيه آي"]]);
        let text = "قالت مايكروسوفت إن لمايكروسوفت وبمايكروسوفت وللمايكروسوفت حصة في «أوبن إيه آي» ولأوبن إيه آي";
        assert_eq!(counts(&f, text), vec![(0, 4), (1, 2)]);
        // Not a proclitic: a longer word that happens to end in the name.
        assert_eq!(counts(&f, "كمستمايكروسوفت"), vec![]);
    }

    #[test]
    fn hebrew_prefixes_and_korean_particles() {
        let f = finder(&[&["גוגל"], &["구글"]]);
        assert_eq!(counts(&f, "גוגל, ומגוגל, בגוגל; 구글은 구글의 구글"), vec![(0, 3), (1, 3)]);
    }

    #[test]
    fn non_breaking_space_counts_as_space_on_both_sides() {
        let f = finder(&[&["Tensor Processing Unit"], &["Wear\u{a0}OS"]]);
        assert_eq!(counts(&f, "Tensor Processing\u{a0}Unit et Wear OS"), vec![(0, 1), (1, 1)]);
    }

    #[test]
    fn aliases_equal_but_for_a_non_breaking_space_count_once() {
        let f = finder(&[&["Tensor Processing Unit", "Tensor Processing\u{a0}Unit"]]);
        assert_eq!(counts(&f, "Tensor Processing\u{a0}Unit, Tensor Processing Unit"), vec![(0, 2)]);
    }

    #[test]
    fn matches_are_found_where_they_stand_in_the_text() {
        let f = finder(&[&["Wear OS"], &["AMD"]]);
        let text = "Le\u{a0}Wear\u{202f}OS et ＡＭＤ";
        let at: Vec<(usize, &str)> = f.count(text).at.iter().map(|(c, r)| (*c, &text[r.clone()])).collect();
        assert_eq!(at, vec![(0, "Wear\u{202f}OS"), (1, "ＡＭＤ")]);
    }

    #[test]
    fn aliases_are_case_sensitive() {
        let f = finder(&[&["OpenAI"], &["Openai"]]);
        assert_eq!(counts(&f, "OpenAI, l'Openai"), vec![(0, 1), (1, 1)]);
    }

    #[test]
    fn only_aliases_that_matched_are_reported() {
        let f = finder(&[&["Alphabet", "Google", "Wear OS"]]);
        let found = f.count("Google et Alphabet-Google").aliases;
        assert_eq!(found, vec![(0, "Alphabet".to_string()), (0, "Google".to_string())]);
    }
}
