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
    assert!(stdout.contains("wrote 14 pages") && stdout.contains("2 articles and 7 claims"), "{stdout}");
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
    assert_eq!(output.status.code(), Some(1));
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
    assert_eq!(output.status.code(), Some(1));
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
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("notes.txt: it is a file"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(digest.root.join("notes.txt")).unwrap(), "mine");
}
