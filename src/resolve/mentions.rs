//! Company mentions: every alias of every company, matched over all seed
//! text in one pass with one Aho-Corasick automaton. Matches are
//! word-bounded (a letter or digit on either side rejects them, in any
//! script) and case-sensitive; a non-breaking space in the seed or the alias
//! counts as a space. Overlapping aliases each count ("Google" inside
//! "Google Cloud" is a mention of both).

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Counts alias matches per company, for each text.
pub struct MentionFinder {
    automaton: Option<AhoCorasick>,
    /// Company index of each pattern.
    owners: Vec<usize>,
}

impl MentionFinder {
    /// `aliases` holds, for each company index, its aliases.
    pub fn new(aliases: &[Vec<String>]) -> MentionFinder {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (company, list) in aliases.iter().enumerate() {
            // "Wear OS" and "Wear\u{a0}OS" are one alias once spaces are
            // normalised; kept twice, every match would count double.
            let unique: std::collections::BTreeSet<String> =
                list.iter().filter(|a| !a.trim().is_empty()).map(|a| normalize_spaces(a)).collect();
            for alias in unique {
                patterns.push(alias);
                owners.push(company);
            }
        }
        // Standard match kind is what allows overlapping matches.
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
        MentionFinder { automaton, owners }
    }

    /// Company index → number of word-bounded matches in `text`.
    pub fn count(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let text = normalize_spaces(text);
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for found in automaton.find_overlapping_iter(&text) {
            if is_word_bounded(&text, found.start(), found.end()) {
                *counts.entry(self.owners[found.pattern().as_usize()]).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    /// Counts for many texts, in parallel; results keep the input order.
    pub fn count_all(&self, texts: &[&str]) -> Vec<Vec<(usize, usize)>> {
        texts.par_iter().map(|text| self.count(text)).collect()
    }
}

/// Non-breaking and narrow non-breaking spaces become plain spaces. They are
/// two or three bytes and a space one, so this copy is only for counting.
fn normalize_spaces(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder(aliases: &[&[&str]]) -> MentionFinder {
        let aliases: Vec<Vec<String>> = aliases.iter().map(|l| l.iter().map(|s| s.to_string()).collect()).collect();
        MentionFinder::new(&aliases)
    }

    #[test]
    fn overlapping_aliases_each_count() {
        let f = finder(&[&["Google"], &["Google Cloud"]]);
        assert_eq!(f.count("Google Cloud et Google."), vec![(0, 2), (1, 1)]);
    }

    #[test]
    fn matches_are_word_bounded_in_any_script() {
        let f = finder(&[&["Meta"], &["TPU"]]);
        assert_eq!(f.count("Metaverse, Méta, l’accord Alphabet-Meta, TPUs"), vec![(0, 1)]);
        assert_eq!(f.count("éMeta"), vec![]);
    }

    #[test]
    fn non_breaking_space_counts_as_space_on_both_sides() {
        let f = finder(&[&["Tensor Processing Unit"], &["Wear\u{a0}OS"]]);
        assert_eq!(f.count("Tensor Processing\u{a0}Unit et Wear OS"), vec![(0, 1), (1, 1)]);
    }

    #[test]
    fn aliases_equal_but_for_a_non_breaking_space_count_once() {
        let f = finder(&[&["Tensor Processing Unit", "Tensor Processing\u{a0}Unit"]]);
        assert_eq!(f.count("Tensor Processing\u{a0}Unit, Tensor Processing Unit"), vec![(0, 2)]);
    }

    #[test]
    fn aliases_are_case_sensitive() {
        let f = finder(&[&["OpenAI"], &["Openai"]]);
        assert_eq!(f.count("OpenAI, l'Openai"), vec![(0, 1), (1, 1)]);
    }
}
