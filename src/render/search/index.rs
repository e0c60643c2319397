//! The inverted index: for every term, the documents that hold it, each
//! with a weight (BM25's term-frequency part with field weights and length
//! normalisation, computed here so that the script only adds them up).
//! Postings are encoded as short ASCII strings, which a script file carries
//! at about two bytes a posting and the browser decodes in a tight loop.

use super::docs::Doc;
use super::tokens;
use rayon::prelude::*;
use std::collections::HashMap;

/// BM25's saturation and length-normalisation parameters, as usual.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Weights are stored in one character: 1..=63, this many per unit.
const WEIGHT_SCALE: f32 = 28.0;
/// Documents tokenised at once: bounds the memory held by unmerged terms.
const BLOCK: usize = 4096;

/// Every term, in the order JavaScript compares strings (UTF-16 code
/// units), with its postings: document numbers, ascending, and weights.
pub struct Index {
    pub terms: Vec<(String, Vec<(u32, u8)>)>,
}

struct Tokenised {
    /// Weighted length of the document.
    length: f32,
    /// Each distinct term with its weighted frequency, sorted.
    terms: Vec<(String, f32)>,
}

pub fn build(docs: &[Doc]) -> Index {
    let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
    let mut lengths = Vec::with_capacity(docs.len());
    for (b, block) in docs.chunks(BLOCK).enumerate() {
        let tokenised: Vec<Tokenised> = block.par_iter().map(tokenise).collect();
        for (i, doc) in tokenised.into_iter().enumerate() {
            let id = (b * BLOCK + i) as u32;
            lengths.push(doc.length);
            for (term, frequency) in doc.terms {
                match postings.get_mut(&term) {
                    Some(list) => list.push((id, frequency)),
                    None => {
                        postings.insert(term, vec![(id, frequency)]);
                    }
                }
            }
        }
    }
    let average = (lengths.iter().sum::<f32>() / lengths.len().max(1) as f32).max(1.0);
    let mut terms: Vec<(String, Vec<(u32, u8)>)> = postings
        .into_par_iter()
        .map(|(term, list)| {
            let weighted = list.into_iter().map(|(id, tf)| (id, weight(tf, lengths[id as usize], average))).collect();
            (term, weighted)
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    Index { terms }
}

fn tokenise(doc: &Doc) -> Tokenised {
    let mut all: Vec<(String, f32)> = Vec::new();
    let mut length = 0.0;
    for (text, boost) in &doc.fields {
        tokens::terms(text, |term| {
            all.push((term.to_string(), *boost));
            length += boost;
        });
    }
    all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut terms: Vec<(String, f32)> = Vec::with_capacity(all.len());
    for (term, boost) in all {
        match terms.last_mut() {
            Some((last, frequency)) if *last == term => *frequency += boost,
            _ => terms.push((term, boost)),
        }
    }
    Tokenised { length, terms }
}

fn weight(frequency: f32, length: f32, average: f32) -> u8 {
    let saturated = frequency * (K1 + 1.0) / (frequency + K1 * (1.0 - B + B * length / average));
    (saturated * WEIGHT_SCALE).round().clamp(1.0, 63.0) as u8
}

/// The 64 characters of the encoding, by value.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A number as base-32 digits, lowest first, each but the last with the
/// continuation bit (32) set.
fn push_number(out: &mut String, mut n: u32) {
    while n >= 32 {
        out.push(DIGITS[(32 | (n & 31)) as usize] as char);
        n >>= 5;
    }
    out.push(DIGITS[n as usize] as char);
}

/// Postings as the gaps between document numbers, each followed by its
/// weight.
pub fn encode_postings(postings: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut previous = 0;
    for &(id, weight) in postings {
        push_number(&mut out, id - previous);
        out.push(DIGITS[weight as usize] as char);
        previous = id;
    }
    out
}

/// Document numbers alone, as gaps (for the filters).
pub fn encode_ids(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 2);
    let mut previous = 0;
    for &id in ids {
        push_number(&mut out, id - previous);
        previous = id;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::docs::{DateRecord, Record};
    use super::*;
    use std::borrow::Cow;

    fn doc(fields: &[(&'static str, f32)]) -> Doc<'static> {
        Doc {
            date: None,
            fields: fields.iter().map(|&(t, w)| (Cow::from(t), w)).collect(),
            record: Record::Event {
                u: String::new(),
                n: "",
                d: DateRecord::new(&english(), crate::model::PartialDate::parse("2025").unwrap()),
            },
        }
    }

    fn english() -> crate::render::catalogue::Catalogue {
        crate::render::catalogue::Catalogue::load(std::path::Path::new("/nonexistent"), "en").unwrap().0
    }

    fn decode(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut n, mut shift) = (0, 0);
        for c in text.bytes() {
            let v = DIGITS.iter().position(|&d| d == c).unwrap() as u32;
            n |= (v & 31) << shift;
            shift += 5;
            if v < 32 {
                out.push(n);
                (n, shift) = (0, 0);
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_through_the_encoding() {
        let ids = [0, 1, 31, 32, 33, 1023, 1024, 70_000, 3_000_000];
        let gaps: Vec<u32> = decode(&encode_ids(&ids));
        let back: Vec<u32> = gaps.iter().scan(0, |sum, g| Some(std::mem::replace(sum, *sum + g) + g)).collect();
        assert_eq!(back, ids);
        assert_eq!(encode_ids(&[0, 1, 2]), "011");
    }

    #[test]
    fn postings_list_each_document_once_with_heavier_fields_weighing_more() {
        let docs = [doc(&[("Négocie négocie", 1.0)]), doc(&[("other words", 1.0)]), doc(&[("negocie", 3.0)])];
        let index = build(&docs);
        let (_, postings) = index.terms.iter().find(|(t, _)| t == "negocie").unwrap();
        assert_eq!(postings.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 2]);
        assert!(postings[1].1 > postings[0].1, "{postings:?}");
    }

    #[test]
    fn terms_sort_as_javascript_compares_strings() {
        // U+FA0E sorts before U+20000 in UTF-8, after it in UTF-16.
        let docs = [doc(&[("\u{FA0E} \u{20000}", 1.0)])];
        let index = build(&docs);
        let order: Vec<&str> = index.terms.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(order, ["\u{20000}", "\u{FA0E}"]);
    }
}
