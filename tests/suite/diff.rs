//! `glose diff` and `build --changes-since` on a temporary git repository
//! with two commits that cover every kind of change.

use crate::harness::{DigestTest, assert_matches_file, fixture_dir};
use std::path::Path;
use std::process::{Command, Output};

pub fn git(root: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

fn glose(root: &Path, args: &[&str]) -> Output {
    crate::harness::glose_command().current_dir(root).args(args).output().unwrap()
}

fn replace(digest: &DigestTest, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(digest.root.join(path)).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    digest.write(path, &text.replacen(from, to, 1));
}

/// A repository whose first commit is the minimal fixture and whose
/// working tree changes a verdict, a quote, a note, sources, links, claims,
/// a seed (moving its quotes), a company and an event.
pub fn changed_repository() -> DigestTest {
    let digest = DigestTest::from_fixture("minimal");
    git(&digest.root, &["init", "-q", "-b", "main"]);
    git(&digest.root, &["add", "."]);
    git(&digest.root, &["commit", "-q", "-m", "base"]);
    let fr = "content/articles/acme-globex-fr.md";
    let en = "content/articles/globex-picks-acme.md";
    replace(&digest, fr, "verdict = \"confirmed\"", "verdict = \"partly-true\"");
    replace(&digest, fr, "quote = \"3 milliards\"", "quote = \"contrat de 3 milliards\"");
    replace(&digest, fr, "no copy of The Daily's report was found.", "The Daily's report could not be found.");
    replace(
        &digest,
        fr,
        "url = \"https://example.org/acme/rocket\"",
        "url = \"https://example.org/acme/rocket-business\"",
    );
    replace(
        &digest,
        fr,
        "[[claim]]\nid = \"turning-point\"\nquote = \"un tournant <majeur> & durable\"\nkind = \"opinion\"\nnote = \"Commentary.\"\n\n",
        "",
    );
    replace(
        &digest,
        en,
        "[[claim.link]]\nto = \"acme-globex-fr#turning-point\"\nrel = \"contradicts\"\n",
        "[[claim.link]]\nto = \"acme-globex-fr#rocket-for-all\"\nrel = \"repeats\"\n",
    );
    replace(
        &digest,
        en,
        "+++\nThe English",
        "[[claim]]\nid = \"analysts\"\nquote = \"Analysts call it\"\nkind = \"attribution\"\nverdict = \"unverified\"\nnote = \"Which analysts is not said.\"\n+++\nThe English",
    );
    let seed = std::fs::read_to_string(digest.root.join("seeds/b-en.txt")).unwrap();
    digest.write("seeds/b-en.txt", &seed.replacen("\n\n", "\n\nUpdated at noon.\n", 1));
    replace(
        &digest,
        "content/companies.toml",
        "[[company]]\nid = \"daily\"",
        "[[company]]\nid = \"initech\"\nname = \"Initech\"\nkind = \"company\"\ncontext = true\n\n[[company]]\nid = \"daily\"",
    );
    replace(
        &digest,
        "content/events.toml",
        "[[event]]\nid = \"founding\"\ndate = \"1999\"\ntitle = \"Acme is founded\"\ncompanies = [\"acme\"]\ncontext = true\n",
        "",
    );
    digest
}

#[test]
fn diff_against_the_working_tree_reports_every_kind_of_change() {
    let digest = changed_repository();
    let output = glose(&digest.root, &["diff", "main"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_matches_file(&String::from_utf8(output.stdout).unwrap(), &fixture_dir("diff").join("expected.md"));
    let output = glose(&digest.root, &["diff", "main", "--format", "json"]);
    assert_matches_file(&String::from_utf8(output.stdout).unwrap(), &fixture_dir("diff").join("expected.json"));
}

#[test]
fn diff_between_two_commits_matches_the_working_tree_diff() {
    let digest = changed_repository();
    git(&digest.root, &["add", "."]);
    git(&digest.root, &["commit", "-q", "-m", "head"]);
    let between = glose(&digest.root, &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    let against_tree = glose(&digest.root, &["diff", "HEAD~1", "--format", "json"]);
    let strip = |o: &Output| String::from_utf8_lossy(&o.stdout).replace("\"HEAD\"", "\"working tree\"");
    assert_eq!(strip(&between), strip(&against_tree));
    assert!(strip(&between).contains("\"verdict\": [\n"), "{}", strip(&between));
}

#[test]
fn unknown_base_says_how_to_fetch_it() {
    let digest = changed_repository();
    let output = glose(&digest.root, &["diff", "no-such-branch"]);
    assert_eq!(output.status.code(), Some(2), "a revision that is not there is a usage error");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error[revision-not-found]: git revision `no-such-branch` cannot be found"), "{stderr}");
    assert!(stderr.contains("git fetch --depth=1 origin no-such-branch"), "{stderr}");
}

#[test]
fn build_with_changes_since_writes_a_linked_changes_page() {
    let digest = changed_repository();
    let output = glose(&digest.root, &["build", "--changes-since", "main"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let page = std::fs::read_to_string(digest.out().join("changes.html")).unwrap();
    assert!(
        page.contains("articles&#x2F;acme-globex-fr.html#claim-deal-3bn")
            || page.contains("articles/acme-globex-fr.html#claim-deal-3bn")
    );
    assert!(page.contains("verdict confirmed → partly-true"));
    let index = std::fs::read_to_string(digest.out().join("index.html")).unwrap();
    assert!(index.contains("changes.html"));
    let problems = crate::links::broken_links(&digest.out());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn diff_works_for_a_digest_in_a_subfolder_of_its_repository() {
    // git archive run inside the subfolder used to filter it away.
    let digest = DigestTest::from_fixture("minimal");
    let repo = digest.root.parent().unwrap().to_path_buf();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    replace(&digest, "content/articles/acme-globex-fr.md", "verdict = \"confirmed\"", "verdict = \"false\"");
    let output = glose(&digest.root, &["diff", "main"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("verdict confirmed → false"), "{stdout}");
}

#[test]
fn max_chars_cuts_the_markdown_and_refuses_json_and_tiny_limits() {
    let digest = changed_repository();
    let cut = glose(&digest.root, &["diff", "main", "--max-chars", "400"]);
    let text = String::from_utf8(cut.stdout).unwrap();
    assert!(text.chars().count() <= 400, "{text}");
    assert!(
        text.ends_with("not shown: this report is cut to 400 characters (`glose diff` prints it whole)._\n"),
        "{text}"
    );
    let json = glose(&digest.root, &["diff", "main", "--format", "json", "--max-chars", "400"]);
    assert_eq!(json.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&json.stderr).contains("--max-chars cuts the Markdown report"));
    let tiny = glose(&digest.root, &["diff", "main", "--max-chars", "10"]);
    assert_eq!(tiny.status.code(), Some(2), "{}", String::from_utf8_lossy(&tiny.stderr));
}
