//! `glose import`: a realistic Hypothesis export (tests/fixtures/import/
//! hypothesis.json, written from the API's documented search result) adds
//! its claims to the article files and reports every annotation it cannot
//! place; what the editor wrote stays byte for byte; a dry run writes
//! nothing; a second import adds nothing; and the digest's own W3C export,
//! imported into a copy without claims, gives back the same claims.

use crate::harness::{DigestTest, assert_matches_file, diagnostics_text, fixture_dir, glose_command};
use glose::BuildOptions;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

const FILES: [&str; 2] = ["content/articles/globex-acme-deal.md", "content/articles/acme-replies.md"];

/// The import fixture, with the Hypothesis export in the digest's folder.
fn fixture() -> DigestTest {
    let digest = DigestTest::from_fixture("import");
    std::fs::copy(fixture_dir("import").join("hypothesis.json"), digest.root.join("hypothesis.json")).unwrap();
    digest
}

/// `glose ARGS…`, run from the digest's folder as README shows.
fn glose(digest: &DigestTest, args: &[&str]) -> Output {
    glose_command().current_dir(&digest.root).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_hypothesis_export_adds_its_claims_and_reports_every_rejection() {
    let digest = fixture();
    let before: Vec<Vec<u8>> = FILES.iter().map(|f| std::fs::read(digest.root.join(f)).unwrap()).collect();
    let output = glose(&digest, &["import", "hypothesis", "hypothesis.json"]);
    assert_eq!(output.status.code(), Some(1), "some annotations could not be placed");
    assert!(output.stdout.is_empty());
    let expected = fixture_dir("import/expected");
    assert_matches_file(&text(&output.stderr), &expected.join("import.stderr"));
    for (file, before) in FILES.iter().zip(before) {
        let after = std::fs::read(digest.root.join(file)).unwrap();
        // The claims are inserted before the closing `+++`: everything the
        // editor wrote is still there, in order, byte for byte.
        let at = text(&before).rfind("+++").unwrap();
        assert!(after.starts_with(&before[..at]) && after.ends_with(&before[at..]), "{file}");
        let name = Path::new(file).file_name().unwrap();
        assert_matches_file(&text(&after), &expected.join(name));
    }
}

#[test]
fn imported_claims_anchor_and_what_is_left_for_the_editor_is_marked() {
    let digest = fixture();
    glose(&digest, &["import", "hypothesis", "hypothesis.json"]);
    let report = digest.check();
    let problems = &report.diagnostics.list;
    // The annotation without a verdict tag: `check` asks for one, at the claim.
    assert_eq!(problems.len(), 1, "{}", diagnostics_text(&report));
    assert_eq!(problems[0].code, "missing-verdict");
    let place = problems[0].location(&report.sources);
    assert_eq!(place.as_ref().map(|(file, ..)| file.as_str()), Some(FILES[1]));
}

#[test]
fn a_dry_run_shows_the_diff_and_writes_nothing() {
    let digest = fixture();
    let before: Vec<Vec<u8>> = FILES.iter().map(|f| std::fs::read(digest.root.join(f)).unwrap()).collect();
    let output = glose(&digest, &["import", "hypothesis", "hypothesis.json", "--dry-run"]);
    assert_eq!(output.status.code(), Some(1));
    assert_matches_file(&text(&output.stdout), &fixture_dir("import/expected").join("dry-run.diff"));
    assert!(text(&output.stderr).contains("nothing written (--dry-run)"));
    for (file, before) in FILES.iter().zip(before) {
        assert_eq!(std::fs::read(digest.root.join(file)).unwrap(), before, "{file}");
    }
}

#[test]
fn a_second_import_adds_nothing() {
    let digest = fixture();
    glose(&digest, &["import", "hypothesis", "hypothesis.json"]);
    let once: Vec<Vec<u8>> = FILES.iter().map(|f| std::fs::read(digest.root.join(f)).unwrap()).collect();
    let output = glose(&digest, &["import", "hypothesis", "hypothesis.json"]);
    let stderr = text(&output.stderr);
    assert_eq!(stderr.matches("warning[import-duplicate]").count(), 4, "{stderr}");
    assert!(stderr.contains("0 of 9 annotations added"), "{stderr}");
    for (file, once) in FILES.iter().zip(once) {
        assert_eq!(std::fs::read(digest.root.join(file)).unwrap(), once, "{file}");
    }
}

#[test]
fn a_file_that_is_not_json_is_pointed_at_and_nothing_is_written() {
    let digest = fixture();
    digest.write("broken.json", "{\n  \"rows\": [\n    {\"id\": \"x\",}\n  ]\n}\n");
    let output = glose(&digest, &["import", "hypothesis", "broken.json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("error[import-invalid-json]") && stderr.contains("--> broken.json:3:"), "{stderr}");
    let output = glose(&digest, &["import", "hypothesis", "content/site.toml"]);
    assert!(text(&output.stderr).contains("error[import-invalid-json]"));
    let output = glose(&digest, &["import", "w3c", "hypothesis.json"]);
    assert!(text(&output.stderr).contains("holds no annotations"), "a Hypothesis file is no W3C collection");
}

/// The article files with every `[[claim]]` table (and its sources and
/// links) taken out; elisions and everything else stay.
fn remove_claims(root: &Path) {
    for entry in std::fs::read_dir(root.join("content/articles")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let (mut kept, mut in_claim, mut delimiters) = (String::new(), false, 0);
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed == "+++" {
                delimiters += 1;
                in_claim = false;
            } else if delimiters == 1 && trimmed.starts_with("[[") {
                in_claim = trimmed.starts_with("[[claim");
            }
            if !in_claim {
                kept.push_str(line);
            }
        }
        std::fs::write(&path, kept).unwrap();
    }
}

/// The claims of a built digest's claims.json.
fn claims(digest: &DigestTest) -> Value {
    let text = std::fs::read_to_string(digest.out().join("claims.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["claims"].clone()
}

fn round_trip(digest: DigestTest, base_url: Option<&str>) {
    let options = BuildOptions { base_url: base_url.map(str::to_string), ..digest.options() };
    let report = glose::build(&options);
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let exported = claims(&digest);
    let annotations = digest.root.join("exported");
    crate::harness::copy_tree(&digest.out(), &annotations);
    remove_claims(&digest.root);
    let output = glose_command()
        .current_dir(&digest.root)
        .args(["import", "w3c", "exported/annotations.jsonld"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let count = exported.as_array().unwrap().len();
    let said = format!("{count} of {count} annotations added");
    assert!(text(&output.stderr).contains(&said), "{}", text(&output.stderr));
    let report = glose::build(&options);
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let imported = claims(&digest);
    assert_eq!(imported.as_array().unwrap().len(), exported.as_array().unwrap().len());
    for (old, new) in exported.as_array().unwrap().iter().zip(imported.as_array().unwrap()) {
        // A claim's corrections stay with the digest that made them: the
        // import writes the claim as it now stands.
        let mut old = old.clone();
        old["history"] = Value::Array(Vec::new());
        old["updated"] = Value::Null;
        assert_eq!(&old, new, "the claim comes back whole");
    }
}

#[test]
fn the_real_digest_round_trips_through_its_w3c_export() {
    round_trip(DigestTest::real(), Some("https://editors.github.io/cloud-digest/"));
}

#[test]
fn a_digest_without_base_url_or_original_urls_round_trips_too() {
    // The minimal fixture has an article without `url`: its annotations
    // target the digest's own page, by relative IRIs.
    round_trip(DigestTest::from_fixture("minimal"), None);
}
