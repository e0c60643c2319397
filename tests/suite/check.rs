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

/// A string where a list belongs is the commonest TOML slip; say which type was wanted.
#[test]
fn wrong_type_names_the_expected_type() {
    assert_fails_as_expected("wrong-type");
}

/// A verdict outside the fixed vocabulary must list the allowed values.
#[test]
fn unknown_verdict_lists_the_allowed_values() {
    assert_fails_as_expected("unknown-verdict");
}

/// A claim without `kind` must point at the claim table that lacks it.
#[test]
fn missing_field_points_at_its_table() {
    assert_fails_as_expected("missing-field");
}

/// An impossible event month and a publication date with a time are both rejected, each in its own file.
#[test]
fn bad_dates_in_events_and_front_matter_are_both_reported() {
    assert_fails_as_expected("bad-date");
}

/// A TOML syntax error inside front matter must point at the line of the article file, not of the snippet.
#[test]
fn invalid_toml_points_at_the_line_in_the_article_file() {
    assert_fails_as_expected("invalid-toml");
}

/// Forgetting the closing `+++` must not be reported as a TOML error in the Markdown body.
#[test]
fn unclosed_front_matter_points_at_the_opening_line() {
    assert_fails_as_expected("unclosed-front-matter");
}

/// An article that starts straight with TOML must say that `+++` is expected.
#[test]
fn missing_opening_delimiter_is_reported_as_no_front_matter() {
    assert_fails_as_expected("no-front-matter");
}

/// A typed ' where the seed has ’ is invisible to the eye, so the hint must name both characters.
#[test]
fn quote_with_straight_apostrophe_names_the_typographic_one_in_the_seed() {
    assert_fails_as_expected("quote-not-found-apostrophe");
}

/// A plain space where the seed has a no-break space is invisible too; the hint must name U+00A0.
#[test]
fn quote_with_plain_space_names_the_no_break_space_in_the_seed() {
    assert_fails_as_expected("quote-not-found-nbsp");
}

/// A quote found twice must list both places and say how to pick one.
#[test]
fn ambiguous_quote_lists_every_occurrence_and_suggests_prefix_or_suffix() {
    assert_fails_as_expected("quote-ambiguous");
}

/// A prefix that fits none of a quote's occurrences is a not-found, not an ambiguity.
#[test]
fn prefix_matching_no_occurrence_says_the_quote_itself_occurs() {
    assert_fails_as_expected("prefix-matches-nothing");
}

/// Claim ids are page anchors, so two claims of one article may not share one.
#[test]
fn duplicate_claim_id_names_the_first_definition() {
    assert_fails_as_expected("duplicate-claim-id");
}

/// Company ids are page names, so a second `[[company]]` with the same id is rejected.
#[test]
fn duplicate_company_id_names_the_first_definition() {
    assert_fails_as_expected("duplicate-company-id");
}

/// A misspelt company id in a claim must suggest the id it nearly matches.
#[test]
fn unknown_company_suggests_the_nearest_id() {
    assert_fails_as_expected("unknown-company");
}

/// A misspelt event id in a claim must suggest the id it nearly matches.
#[test]
fn unknown_event_suggests_the_nearest_id() {
    assert_fails_as_expected("unknown-event");
}

/// A link to a claim that does not exist must suggest the nearest `slug#claim-id`.
#[test]
fn dangling_link_suggests_the_nearest_claim() {
    assert_fails_as_expected("dangling-link");
}

/// A heading must be a whole seed line; a near miss (wrong case) must show the line it nearly is.
#[test]
fn heading_not_in_the_seed_shows_the_nearest_line() {
    assert_fails_as_expected("heading-not-found");
}

/// A `seed` naming no file in seeds/ must suggest the nearest file name.
#[test]
fn missing_seed_suggests_the_nearest_seed_file() {
    assert_fails_as_expected("missing-seed");
}

/// Seeds are never re-encoded by glose, so a Latin-1 byte must be located and the fix suggested.
#[test]
fn seed_that_is_not_utf8_points_at_the_invalid_byte() {
    assert_fails_as_expected("seed-not-utf8");
}

/// Only opinions may go unrated; a fact without a verdict is an error.
#[test]
fn rated_kind_without_verdict_is_rejected() {
    assert_fails_as_expected("missing-verdict");
}

/// A verdict other than unverified must cite at least one source.
#[test]
fn verdict_without_sources_is_rejected() {
    assert_fails_as_expected("missing-evidence");
}

/// Source URLs become links, so anything but http(s) (here javascript:) must be refused.
#[test]
fn non_web_source_url_is_rejected() {
    assert_fails_as_expected("bad-url");
}

/// An underscore where BCP 47 wants a hyphen: the page's `lang` would be
/// invalid HTML; the hint gives the tag meant.
#[test]
fn language_tag_with_an_underscore_is_rejected_with_the_fix() {
    assert_fails_as_expected("bad-language");
}

/// A company that is its own ancestor would make parent pages loop; the chain must be shown.
#[test]
fn parent_cycle_shows_the_chain() {
    assert_fails_as_expected("parent-cycle");
}

/// Ids become anchors and page names, so capitals and spaces are refused.
#[test]
fn id_with_capitals_and_spaces_is_rejected() {
    assert_fails_as_expected("bad-id");
}

/// Hiding text that a claim quotes would hide the claim, so the overlap is an error.
#[test]
fn elide_overlapping_a_claim_names_the_claim() {
    assert_fails_as_expected("elide-overlaps-claim");
}

/// Two article files for one seed would make two pages of one text; name the other file.
#[test]
fn seed_annotated_by_two_articles_names_the_other_file() {
    assert_fails_as_expected("seed-annotated-twice");
}

/// Without content/site.toml there is no title or language; say what the file needs.
#[test]
fn missing_site_toml_says_what_it_needs() {
    assert_fails_as_expected("missing-site");
}

/// A seed nobody has annotated yet is work in progress: warned about, not fatal.
#[test]
fn seed_without_article_is_only_a_warning() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c-new.txt", "A new article\n\nNobody has annotated it yet.\n");
    let report = digest.check();
    let text = diagnostics_text(&report);
    assert!(report.succeeded(), "a seed without an article should not fail the build:\n{text}");
    assert!(text.contains("warning[seed-without-article]"), "{text}");
    assert!(text.contains("seeds/c-new.txt"), "{text}");
}

/// One run must report every problem, in every file, not stop at the first.
#[test]
fn unrelated_mistakes_in_different_files_are_all_reported_in_one_run() {
    assert_fails_as_expected("three-mistakes");
}

/// A correction must agree with the claim: its last verdict change ends at
/// the claim's verdict (sorted by date, not as listed), and the sources it
/// says it added are the claim's own.
#[test]
fn a_correction_that_disagrees_with_its_claim_is_pointed_at() {
    assert_fails_as_expected("history-verdict-mismatch");
}
