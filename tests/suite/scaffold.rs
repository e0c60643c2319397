//! `glose new SEED`: starts an article file from what the seed tells, and
//! never overwrites anything.

use crate::harness::{DigestTest, assert_matches_file, diagnostics_text, fixture_dir};
use glose::scaffold::{ScaffoldError, new_article};

const SEED: &str = "Globex rachète Rocket\n\nPublié le 3 mars 2025. Globex a annoncé le rachat de Rocket, le produit phare d’Acme Cloud.\n";

#[test]
fn check_names_the_command_for_a_seed_without_article() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c.txt", SEED);
    let report = digest.check();
    assert!(diagnostics_text(&report).contains("run `glose new seeds/c.txt`"), "{}", diagnostics_text(&report));
}

#[test]
fn writes_an_article_file_from_the_seed() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c.txt", SEED);
    let path = new_article(&digest.root, &digest.root.join("seeds/c.txt")).unwrap();
    assert_eq!(path, digest.root.join("content/articles/globex-rachete-rocket.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_matches_file(&text, &fixture_dir("scaffold").join("globex-rachete-rocket.md"));
}

/// The scaffold with each line it marks `required` filled in, as README
/// tells the editor to.
fn filled(scaffold: &str) -> String {
    let fill = |line: &str| {
        let value = line.trim_start_matches("# ").split("   #").next().unwrap_or("");
        value.replace("YYYY-MM-DD", "2025-03-03").replace('…', "Filled in")
    };
    scaffold
        .lines()
        .map(|line| if line.contains("# required") { fill(line) } else { line.to_string() } + "\n")
        .collect()
}

#[test]
fn check_lists_every_marked_field_at_once_and_passes_once_they_are_filled() {
    // The missing fields used to come one per run: publisher, then summary.
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c.txt", "Globex rachète Rocket\n\nGlobex a annoncé le rachat de Rocket, sans date.\n");
    let path = new_article(&digest.root, &digest.root.join("seeds/c.txt")).unwrap();
    let report = digest.check();
    let text = diagnostics_text(&report);
    for field in ["published", "publisher", "summary"] {
        assert!(text.contains(&format!("missing field `{field}`")), "{field}: {text}");
    }
    assert_eq!(report.diagnostics.list.len(), 3, "{text}");
    std::fs::write(&path, filled(&std::fs::read_to_string(&path).unwrap())).unwrap();
    let report = digest.check();
    assert!(report.succeeded() && report.diagnostics.list.is_empty(), "{}", diagnostics_text(&report));
}

#[test]
fn refuses_a_seed_that_already_has_an_article() {
    let digest = DigestTest::from_fixture("minimal");
    let before = std::fs::read(digest.root.join("content/articles/globex-picks-acme.md")).unwrap();
    let error = new_article(&digest.root, &digest.root.join("seeds/b-en.txt")).unwrap_err();
    assert!(matches!(error, ScaffoldError::AlreadyAnnotated { .. }), "{error}");
    assert_eq!(std::fs::read(digest.root.join("content/articles/globex-picks-acme.md")).unwrap(), before);
}

#[test]
fn refuses_a_second_scaffold_of_the_same_seed() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c.txt", SEED);
    new_article(&digest.root, &digest.root.join("seeds/c.txt")).unwrap();
    let error = new_article(&digest.root, &digest.root.join("seeds/c.txt")).unwrap_err();
    assert!(matches!(error, ScaffoldError::AlreadyAnnotated { .. }), "{error}");
}

#[test]
fn never_overwrites_a_file_with_the_same_name() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c.txt", SEED);
    digest.write("content/articles/globex-rachete-rocket.md", "mine\n");
    let path = new_article(&digest.root, &digest.root.join("seeds/c.txt")).unwrap();
    assert!(path.ends_with("globex-rachete-rocket-2.md"));
    assert_eq!(
        std::fs::read_to_string(digest.root.join("content/articles/globex-rachete-rocket.md")).unwrap(),
        "mine\n"
    );
}

#[test]
fn refuses_a_file_outside_seeds() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("elsewhere/c.txt", SEED);
    let error = new_article(&digest.root, &digest.root.join("elsewhere/c.txt")).unwrap_err();
    assert!(matches!(error, ScaffoldError::NotASeed { .. }), "{error}");
}
