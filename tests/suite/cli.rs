//! The binary as a user runs it: exit statuses and what it prints, with a
//! scrubbed environment.

use crate::harness::{DigestTest, fixture_dir};
use std::process::Command;

fn glose() -> Command {
    crate::harness::glose_command()
}

#[test]
fn build_succeeds_with_status_0_and_says_what_it_wrote() {
    let digest = DigestTest::from_fixture("minimal");
    let output = glose().arg("build").arg("--root").arg(&digest.root).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("wrote 16 pages") && stdout.contains("2 articles and 7 claims"), "{stdout}");
    assert!(digest.out().join("index.html").is_file());
}

#[test]
fn check_writes_nothing() {
    let digest = DigestTest::from_fixture("minimal");
    let output = glose().arg("check").arg("--root").arg(&digest.root).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!digest.out().exists());
}

#[test]
fn content_errors_exit_with_status_1() {
    let output = glose().args(["check", "--root"]).arg(fixture_dir("invalid/unknown-field")).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error[unknown-field]"));
}

#[test]
fn usage_errors_exit_with_status_2() {
    let output = glose().arg("biuld").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = glose().args(["build", "--no-such-flag"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn refuses_to_write_into_content() {
    let digest = DigestTest::from_fixture("minimal");
    let output = glose()
        .arg("build")
        .arg("--root")
        .arg(&digest.root)
        .arg("--out")
        .arg(digest.root.join("content"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("error[output-refused]"));
    assert!(digest.root.join("content/site.toml").is_file());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("notes/keep.txt", "mine");
    let output = glose()
        .arg("build")
        .arg("--root")
        .arg(&digest.root)
        .arg("--out")
        .arg(digest.root.join("notes"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(digest.root.join("notes/keep.txt")).unwrap(), "mine");
}

#[test]
fn refuses_to_replace_a_file() {
    // An existing file used to be reported as a failed write to "file/".
    let digest = DigestTest::from_fixture("minimal");
    digest.write("notes.txt", "mine");
    let output = glose()
        .arg("build")
        .arg("--root")
        .arg(&digest.root)
        .arg("--out")
        .arg(digest.root.join("notes.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("notes.txt: it is a file"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(digest.root.join("notes.txt")).unwrap(), "mine");
}

/// Runs `glose ARGS` in `folder` (the way README.md writes commands: no
/// `--root`, or a relative one): status and stderr.
fn run_in(folder: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let output = glose().current_dir(folder).args(args).output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_root_that_is_missing_or_a_file_is_a_usage_error_naming_it() {
    // It used to say "content/site.toml is missing", and serve kept running.
    let digest = DigestTest::from_fixture("minimal");
    digest.write("notes.txt", "mine");
    for command in ["build", "check", "serve", "diff HEAD", "new seeds/a-fr.txt"] {
        let args: Vec<&str> = command.split(' ').collect();
        for (root, says) in [("nowhere", "nowhere does not exist"), ("notes.txt", "notes.txt is a file, not a folder")]
        {
            let (status, stderr) = run_in(&digest.root, &[&args[..], &["--root", root]].concat());
            assert_eq!(status, Some(2), "glose {command} --root {root}: {stderr}");
            assert!(stderr.contains(says), "glose {command} --root {root}: {stderr}");
        }
    }
    assert!(!digest.root.join("nowhere").exists());
}

#[test]
fn the_library_names_a_root_that_is_not_a_folder() {
    let report = glose::check(&glose::BuildOptions::new("/no/such/digest"));
    let text = crate::harness::diagnostics_text(&report);
    assert!(text.contains("error[root-not-a-folder]: /no/such/digest does not exist"), "{text}");
    assert_eq!(report.diagnostics.list.len(), 1, "{text}");
    let error = glose::serve::Server::start(std::path::Path::new("/no/such/digest"), 0, |_| {}).err();
    assert!(error.is_some_and(|e| e.to_string().contains("/no/such/digest does not exist")));
}

#[test]
fn a_revision_or_seed_that_is_not_there_is_a_usage_error() {
    let digest = DigestTest::from_fixture("minimal");
    let (status, stderr) = run_in(&digest.root, &["diff", "nosuchrev"]);
    assert_eq!(status, Some(2), "outside a repository: {stderr}");
    assert!(stderr.contains("error[not-a-repository]"), "{stderr}");
    for args in
        [&["init", "-q"][..], &["add", "."], &["-c", "user.name=T", "-c", "user.email=t@e", "commit", "-qm", "x"]]
    {
        assert!(std::process::Command::new("git").current_dir(&digest.root).args(args).status().unwrap().success());
    }
    for args in [&["diff", "nosuchrev"][..], &["build", "--changes-since", "nosuchrev"]] {
        let (status, stderr) = run_in(&digest.root, args);
        assert_eq!(status, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("error[revision-not-found]: git revision `nosuchrev` cannot be found"), "{stderr}");
    }
    let (status, stderr) = run_in(&digest.root, &["diff", "HEAD"]);
    assert_eq!(status, Some(0), "{stderr}");
    for seed in ["seeds/nosuch.txt", "notes.txt"] {
        let (status, stderr) = run_in(&digest.root, &["new", seed]);
        assert_eq!(status, Some(2), "glose new {seed}: {stderr}");
        assert!(stderr.contains(&format!("{seed} is not a file in the digest's seeds/ folder")), "{stderr}");
    }
}

#[test]
fn every_command_finds_the_digest_from_a_folder_inside_it() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c.txt", "Globex rachète Rocket\n\nGlobex a annoncé le rachat de Rocket.\n");
    let inside = digest.root.join("content/articles");
    let (status, stderr) = run_in(&inside, &["check"]);
    assert_eq!(status, Some(0), "the new seed has no article yet, a warning: {stderr}");
    assert!(stderr.contains("seeds/c.txt has no article file"), "{stderr}");
    let (status, stderr) = run_in(&digest.root.join("seeds"), &["new", "c.txt"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(digest.root.join("content/articles/globex-rachete-rocket.md").is_file());
    std::fs::remove_file(digest.root.join("content/articles/globex-rachete-rocket.md")).unwrap();
    std::fs::remove_file(digest.root.join("seeds/c.txt")).unwrap();
    let (status, stderr) = run_in(&inside, &["build", "--quiet"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(digest.root.join("public/index.html").is_file(), "--out defaults to ROOT/public");
    assert!(!inside.join("public").exists());
    let (status, stderr) = run_in(digest.root.parent().unwrap(), &["check", "--root", "digest"]);
    assert_eq!(status, Some(0), "a relative --root: {stderr}");
}
