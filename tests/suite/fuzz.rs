//! Fuzz targets: front matter, anchoring, mentions, and whole article files
//! mutated at random, each checked for panics and for what must hold of
//! any answer. `cargo test` runs a few cases of each; run them longer with
//!
//!     PROPTEST_CASES=20000 cargo test --release --test suite fuzz
//!
//! A failing case is shrunk and saved under proptest-regressions/, which is
//! committed, so it runs first every time after; add it to the unit tests
//! of the code it broke as well.

use crate::harness::DigestTest;
use glose::resolve::{AnchorError, MentionFinder, resolve_quote};
use proptest::prelude::*;

/// Cases per target: `PROPTEST_CASES`, or a few for an everyday `cargo test`.
fn config(everyday: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(everyday);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Text over few characters (so quotes do occur), with the ones that
/// matter: typographic apostrophes, no-break spaces, line ends, a
/// four-byte character.
fn text(max: usize) -> impl Strategy<Value = String> {
    const PIECES: [&str; 11] = ["a", "b", " ", "’", "'", "\u{a0}", "\n", "\r\n", "é", "𝄞", "+++\n"];
    proptest::collection::vec(proptest::sample::select(&PIECES[..]), 0..max).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn front_matter_splits_into_ranges_of_the_text(file in text(40)) {
        if let Ok(parts) = glose::load::front_matter::split(&file) {
            prop_assert!(parts.front_matter.end <= parts.body.start && parts.body.end == file.len());
            prop_assert!(file.get(parts.front_matter.clone()).is_some() && file.get(parts.body.clone()).is_some());
        }
    }

    #[test]
    fn anchoring_answers_only_what_is_true(
        seed in text(60),
        quote in text(8),
        prefix in proptest::option::of(text(3)),
        suffix in proptest::option::of(text(3)),
    ) {
        let (before, after) = (prefix.as_deref(), suffix.as_deref());
        match resolve_quote(&seed, &quote, before, after) {
            Ok(range) => {
                prop_assert_eq!(&seed[range.clone()], quote.as_str());
                prop_assert!(seed[..range.start].ends_with(before.unwrap_or("")));
                prop_assert!(seed[range.end..].starts_with(after.unwrap_or("")));
            }
            Err(AnchorError::Ambiguous { starts }) => {
                prop_assert!(starts.len() > 1);
                prop_assert!(starts.iter().all(|&s| seed[s..].starts_with(quote.as_str())));
            }
            Err(AnchorError::NotFound { occurrences, nearest }) => {
                prop_assert!(occurrences.iter().all(|&s| seed[s..].starts_with(quote.as_str())));
                if let Some(nearest) = nearest {
                    prop_assert!(seed.get(nearest.bytes.clone()).is_some(), "{:?}", nearest.bytes);
                    prop_assert!(!nearest.differences.is_empty() || before.is_some() || after.is_some());
                }
            }
            Err(AnchorError::Empty) => prop_assert!(quote.is_empty()),
        }
    }

    #[test]
    // Within one script (Latin here), a mention is bounded by what is not a
    // letter or digit on either side; other scripts have rules of their own.
    fn mentions_count_what_a_plain_search_counts(
        aliases in proptest::collection::vec(text(4), 0..4),
        seed in text(50),
    ) {
        let finder = MentionFinder::new(&aliases.iter().map(|a| vec![a.clone()]).collect::<Vec<_>>());
        let normal = |s: &str| s.replace('\u{a0}', " ");
        let (seed_n, mut expected) = (normal(&seed), Vec::new());
        for (company, alias) in aliases.iter().enumerate() {
            let alias = normal(alias);
            if alias.trim().is_empty() {
                continue;
            }
            let count = plain_count(&seed_n, &alias);
            if count > 0 {
                expected.push((company, count));
            }
        }
        prop_assert_eq!(finder.count(&seed).counts, expected);
    }
}

/// Word-bounded, overlapping occurrences of `alias` in `text`, counted one
/// start at a time.
fn plain_count(text: &str, alias: &str) -> usize {
    let bounded = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    text.char_indices()
        .filter(|&(at, _)| text[at..].starts_with(alias))
        .filter(|&(at, _)| bounded(text[..at].chars().next_back()) && bounded(text[at + alias.len()..].chars().next()))
        .count()
}

/// One edit of an article file: bytes deleted, or text inserted, at a place.
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
}

fn edit() -> impl Strategy<Value = Edit> {
    let inserted = prop_oneof![
        text(6),
        Just("\"".to_string()),
        Just("\"\"\"".to_string()),
        Just("[[claim]]\n".to_string()),
        Just("\nquote = \"".to_string()),
        Just("\u{feff}".to_string()),
        Just("x".repeat(300)),
    ];
    prop_oneof![
        (any::<usize>(), 1..20usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), inserted).prop_map(|(at, text)| Edit::Insert { at, text }),
    ]
}

/// `text` with `edit` applied at the nearest character boundaries.
fn apply(text: &str, edit: &Edit) -> String {
    let boundary = |at: usize| (0..=at % (text.len() + 1)).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    match edit {
        Edit::Delete { at, len } => {
            let start = boundary(*at);
            let end = (start + len..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            format!("{}{}", &text[..start], &text[end..])
        }
        Edit::Insert { at, text: inserted } => {
            let at = boundary(*at);
            format!("{}{inserted}{}", &text[..at], &text[at..])
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn a_mangled_article_file_is_reported_never_a_panic(edits in proptest::collection::vec(edit(), 1..4)) {
        let digest = DigestTest::from_fixture("minimal");
        let path = digest.root.join("content/articles/acme-globex-fr.md");
        let original = std::fs::read_to_string(&path).unwrap();
        let mangled = edits.iter().fold(original, |text, e| apply(&text, e));
        std::fs::write(&path, &mangled).unwrap();
        let report = digest.check();
        // Every problem renders, located inside the file it names.
        for diagnostic in &report.diagnostics.list {
            let _ = diagnostic.render(&report.sources);
            if let Some(span) = &diagnostic.span {
                let file = report.sources.get(span.source);
                prop_assert!(file.text.get(span.bytes.clone()).is_some(), "{} at {:?}", diagnostic.code, span.bytes);
            }
        }
    }
}
