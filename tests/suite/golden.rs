//! The small fixture digest's whole output, compared file by file with the
//! committed tree in tests/fixtures/minimal/expected/.

use crate::harness::{DigestTest, assert_tree_matches, diagnostics_text, fixture_dir};

#[test]
fn minimal_fixture_matches_expected_tree() {
    let digest = DigestTest::from_fixture("minimal");
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    assert_tree_matches(&digest.out(), &fixture_dir("minimal").join("expected"));
}

/// Tera's default escaping wrote every `/` in a link as `&#x2F;`: valid,
/// but it made the pages and their diffs hard to read.
#[test]
fn links_are_escaped_without_entities_for_slashes() {
    let digest = DigestTest::from_fixture("minimal");
    assert!(digest.build().succeeded());
    let page = std::fs::read_to_string(digest.out().join("articles/acme-globex-fr.html")).unwrap();
    assert!(page.contains("href=\"../companies/"), "relative links keep their slashes");
    assert!(!page.contains("&#x2F;"));
}
