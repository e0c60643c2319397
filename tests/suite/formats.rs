//! `glose check --format human|github|json` prints exactly what editors,
//! pull requests and other tools read; `--deny-warnings` fails on warnings.

use crate::harness::{DigestTest, assert_matches_file, fixture_dir};
use std::process::Output;

fn check(root: &std::path::Path, extra: &[&str]) -> Output {
    crate::harness::glose_command().arg("check").arg("--root").arg(root).args(extra).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn human_format_is_the_located_report_on_stderr() {
    let root = fixture_dir("invalid/three-mistakes");
    let output = check(&root, &["--format", "human"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_matches_file(&String::from_utf8(output.stderr).unwrap(), &root.join("expected.stderr"));
}

#[test]
fn github_format_prints_one_workflow_command_per_problem() {
    let root = fixture_dir("invalid/three-mistakes");
    let output = check(&root, &["--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    assert_matches_file(&stdout(&output), &root.join("expected.github"));
}

#[test]
fn json_format_prints_a_stable_array() {
    let root = fixture_dir("invalid/three-mistakes");
    let output = check(&root, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    for record in parsed.as_array().unwrap() {
        for key in ["file", "line", "column", "end", "severity", "code", "message", "hint"] {
            assert!(record.get(key).is_some(), "{key} missing in {record}");
        }
    }
    assert_matches_file(&text, &root.join("expected.json"));
}

#[test]
fn deny_warnings_turns_a_warning_into_failure() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/c-new.txt", "A seed nobody has annotated yet.\n");
    assert_eq!(check(&digest.root, &[]).status.code(), Some(0));
    let output = check(&digest.root, &["--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning[seed-without-article]"));
    let output = check(&digest.root, &["--format", "github", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("::warning title=seed without article::"));
}

#[test]
fn clean_digest_prints_an_empty_json_array() {
    let output = check(&fixture_dir("minimal"), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "[]\n");
}
