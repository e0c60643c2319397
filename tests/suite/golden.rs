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
