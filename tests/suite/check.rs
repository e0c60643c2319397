//! One invalid fixture per kind of error: each must fail with its full,
//! located diagnostic, kept in tests/fixtures/invalid/NAME/expected.stderr.

use crate::harness::{DigestTest, assert_matches_file, diagnostics_text, fixture_dir};

fn assert_fails_as_expected(name: &str) {
    let fixture = format!("invalid/{name}");
    let report = DigestTest::from_fixture(&fixture).check();
    assert!(!report.succeeded(), "{name} should fail");
    assert_matches_file(&diagnostics_text(&report), &fixture_dir(&fixture).join("expected.stderr"));
}

#[test]
fn unknown_field_suggests_the_nearest_name() {
    assert_fails_as_expected("unknown-field");
}
