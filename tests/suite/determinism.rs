//! Output is a pure function of the input, and a failed build never costs
//! the reader the site they had.

use crate::harness::{DigestTest, diagnostics_text, files_of};

#[test]
fn two_builds_give_byte_identical_trees() {
    let first = DigestTest::real();
    let second = DigestTest::real();
    assert!(first.build().succeeded());
    // A different thread count must not change a byte.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    assert!(pool.install(|| second.build()).succeeded());
    let files = files_of(&first.out());
    assert_eq!(files, files_of(&second.out()));
    for file in files {
        let a = std::fs::read(first.out().join(&file)).unwrap();
        let b = std::fs::read(second.out().join(&file)).unwrap();
        assert!(a == b, "{file} differs between two builds");
    }
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let digest = DigestTest::from_fixture("minimal");
    assert!(digest.build().succeeded());
    let before: Vec<(String, Vec<u8>)> = files_of(&digest.out())
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(digest.out().join(f)).unwrap()))
        .collect();
    digest.write("content/articles/broken.md", "+++\nseed = \"b-en.txt\"\n+++\n");
    let report = digest.build();
    assert!(!report.succeeded());
    assert!(diagnostics_text(&report).contains("missing field"));
    let after: Vec<(String, Vec<u8>)> = files_of(&digest.out())
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(digest.out().join(f)).unwrap()))
        .collect();
    assert!(before == after, "the previous site changed");
    let leftovers: Vec<_> = std::fs::read_dir(&digest.root)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".glose-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind: {leftovers:?}");
}

#[test]
fn rebuild_replaces_the_previous_output() {
    let digest = DigestTest::from_fixture("minimal");
    assert!(digest.build().succeeded());
    std::fs::remove_file(digest.root.join("content/articles/globex-picks-acme.md")).unwrap();
    // Its seed now has no article: a warning, not an error.
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    assert!(!digest.out().join("articles/globex-picks-acme.html").exists());
}
