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
    // Until the editor fills it in, check says what is missing.
    assert!(diagnostics_text(&digest.check()).contains("missing field `publisher`"));
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
