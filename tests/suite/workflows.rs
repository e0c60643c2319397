//! The GitHub workflows run the commands README.md documents under
//! "Publishing", no more and no fewer, so a reader can run what CI runs.
//! (actionlint, run by .ci/run, checks the workflows themselves.)

use crate::harness::manifest_dir;
use std::collections::BTreeSet;

const WORKFLOWS: [&str; 2] = [".github/workflows/pages.yml", ".github/workflows/pr.yml"];

/// The lines of every `run:` step of a workflow, trimmed: `run: cmd` and
/// the block scalars `run: |` / `run: >` (the lines indented under them).
fn run_lines(yaml: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut block: Option<usize> = None;
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start().len();
        if let Some(key_indent) = block {
            if line.trim().is_empty() || indent > key_indent {
                lines.push(line.trim().to_string());
                continue;
            }
            block = None;
        }
        let key = line.trim_start().trim_start_matches("- ");
        if let Some(value) = key.strip_prefix("run:") {
            let value = value.trim();
            if value.starts_with('|') || value.starts_with('>') {
                block = Some(line.find("run:").unwrap());
            } else {
                lines.push(value.to_string());
            }
        }
    }
    lines.into_iter().filter(|l| !l.is_empty()).collect()
}

/// The glose and cargo commands among `lines`, with any environment
/// settings written before them (`RUSTDOCFLAGS="-D warnings" cargo doc`);
/// shell plumbing such as `echo` into the job summary is not a command a
/// reader runs.
fn commands<'a>(lines: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    lines.into_iter().filter(|l| without_settings(l).starts_with("cargo ")).map(str::to_string).collect()
}

/// `line` after its leading `NAME=value` words (a value may be quoted).
fn without_settings(mut line: &str) -> &str {
    while let Some((name, rest)) = line.split_once('=') {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            break;
        }
        let end = match rest.strip_prefix('"') {
            Some(quoted) => quoted.find('"').map_or(rest.len(), |e| e + 2),
            None => rest.find(' ').unwrap_or(rest.len()),
        };
        line = rest[end..].trim_start();
    }
    line
}

/// The indented code lines of README.md's "Publishing" section.
fn readme_publishing_lines(readme: &str) -> Vec<&str> {
    let start = readme.find("\n## Publishing\n").expect("README.md has a Publishing section");
    let section = &readme[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
    section[..end].lines().filter_map(|l| l.strip_prefix("    ")).map(str::trim).collect()
}

#[test]
fn workflows_run_the_commands_readme_documents() {
    let mut run = BTreeSet::new();
    for workflow in WORKFLOWS {
        let yaml = std::fs::read_to_string(manifest_dir().join(workflow)).unwrap();
        let found = commands(run_lines(&yaml).iter().map(String::as_str));
        assert!(!found.is_empty(), "{workflow} runs no cargo command");
        run.extend(found);
    }
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let documented = commands(readme_publishing_lines(&readme));
    let undocumented: Vec<_> = run.difference(&documented).collect();
    let unused: Vec<_> = documented.difference(&run).collect();
    assert!(
        undocumented.is_empty(),
        "the workflows run commands README.md's Publishing section does not list: {undocumented:?}"
    );
    assert!(unused.is_empty(), "README.md's Publishing section lists commands no workflow runs: {unused:?}");
}

#[test]
fn readme_still_starts_with_the_two_newcomer_commands() {
    // Publishing comes after them: a newcomer builds and tests first.
    let readme = std::fs::read_to_string(manifest_dir().join("README.md")).unwrap();
    let build = readme.find("    cargo run --release -- build\n").expect("the build command");
    let test = readme.find("    cargo test\n").expect("the test command");
    assert!(build < test && test < readme.find("## Publishing").unwrap());
}

#[test]
fn a_command_may_start_with_environment_settings() {
    let lines = ["RUSTDOCFLAGS=\"-D warnings\" cargo doc --no-deps", "A=1 B=2 cargo test", "echo done", "X=cargo"];
    let found: Vec<String> = commands(lines).into_iter().collect();
    assert_eq!(found, ["A=1 B=2 cargo test", "RUSTDOCFLAGS=\"-D warnings\" cargo doc --no-deps"]);
}

#[test]
fn run_lines_reads_inline_and_block_steps() {
    let yaml =
        "steps:\n  - run: cargo test\n  - name: x\n    run: |\n      cargo build\n      echo done\n  - uses: a/b@v1\n";
    assert_eq!(run_lines(yaml), ["cargo test", "cargo build", "echo done"]);
}
