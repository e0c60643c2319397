//! The GitHub workflows, read as YAML: they run the commands README.md
//! documents under "Publishing", no more and no fewer, so a reader can run
//! what CI runs; and they are safe for pull requests from forks: no script
//! has an expression pasted into it, and a workflow that holds write
//! permissions for a pull request never runs the pull request's code.
//! (actionlint, run by .ci/run, checks the workflows themselves.)

use crate::harness::manifest_dir;
use std::collections::BTreeSet;
use yaml_rust2::{Yaml, YamlLoader};

struct Workflow {
    file: String,
    yaml: Yaml,
}

/// Every workflow in .github/workflows.
fn workflows() -> Vec<Workflow> {
    let dir = manifest_dir().join(".github/workflows");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let workflows: Vec<Workflow> = files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
            Workflow { file, yaml: docs.remove(0) }
        })
        .collect();
    assert!(workflows.len() >= 4, "pages, pr, pr-comment and pr-closed");
    workflows
}

impl Workflow {
    fn jobs(&self) -> Vec<(&str, &Yaml)> {
        let jobs = self.yaml["jobs"].as_hash().unwrap_or_else(|| panic!("{} has no jobs", self.file));
        jobs.iter().map(|(name, job)| (name.as_str().unwrap(), job)).collect()
    }

    fn steps(&self) -> Vec<(&str, &Yaml)> {
        let mut steps = Vec::new();
        for (name, job) in self.jobs() {
            steps.extend(job["steps"].as_vec().into_iter().flatten().map(|step| (name, step)));
        }
        steps
    }

    /// The `run:` scripts of every step.
    fn scripts(&self) -> Vec<&str> {
        self.steps().into_iter().filter_map(|(_, step)| step["run"].as_str()).collect()
    }

    /// The events it runs on: `on: name`, `on: [a, b]` or `on: {a: …}`.
    fn events(&self) -> Vec<&str> {
        match &self.yaml["on"] {
            Yaml::String(event) => vec![event.as_str()],
            Yaml::Array(events) => events.iter().filter_map(Yaml::as_str).collect(),
            Yaml::Hash(events) => events.keys().filter_map(Yaml::as_str).collect(),
            other => panic!("{}: unreadable `on`: {other:?}", self.file),
        }
    }
}

/// The glose and cargo commands among `lines`, with any environment
/// settings written before them (`RUSTDOCFLAGS="-D warnings" cargo doc`);
/// shell plumbing such as `echo` into the job summary is not a command a
/// reader runs.
fn commands<'a>(lines: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    lines.into_iter().map(str::trim).filter(|l| without_settings(l).starts_with("cargo ")).map(str::to_string).collect()
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
    for workflow in workflows() {
        run.extend(commands(workflow.scripts().into_iter().flat_map(str::lines)));
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

/// A `${{ }}` expression inside a script is pasted into it before the
/// shell runs: a pull request's title, branch name or any text it controls
/// would run as commands. Values reach scripts through `env:` instead,
/// where the shell reads them as data. The rule holds for every
/// expression, so none slips through by being harmless today.
#[test]
fn no_script_has_an_expression_pasted_into_it() {
    let mut pasted = Vec::new();
    for workflow in workflows() {
        for (job, step) in workflow.steps() {
            let scripts = [&step["run"], &step["with"]["script"]];
            for script in scripts.into_iter().filter_map(Yaml::as_str) {
                if script.contains("${{") {
                    pasted.push(format!("{}, job {job}: {script}", workflow.file));
                }
            }
        }
    }
    assert!(pasted.is_empty(), "expressions inside scripts (pass them through env:):\n{}", pasted.join("\n"));
}

#[test]
fn no_script_has_an_expression_pasted_into_it_sees_one() {
    let yaml = "on: pull_request\njobs:\n  a:\n    steps:\n      - run: |\n          echo \"${{ github.event.pull_request.title }}\"\n";
    let workflow = Workflow { file: "test.yml".into(), yaml: YamlLoader::load_from_str(yaml).unwrap().remove(0) };
    assert_eq!(workflow.scripts(), ["echo \"${{ github.event.pull_request.title }}\"\n"]);
    assert_eq!(workflow.events(), ["pull_request"]);
}

/// Permissions a job holds that can change something.
fn writes(permissions: &Yaml) -> Vec<String> {
    match permissions {
        Yaml::String(all) => vec![all.clone()].into_iter().filter(|p| p != "read-all").collect(),
        Yaml::Hash(scopes) => scopes
            .iter()
            .filter(|(_, level)| level.as_str() == Some("write"))
            .map(|(scope, _)| scope.as_str().unwrap_or("?").to_string())
            .collect(),
        _ => vec![],
    }
}

/// The words of a script that build or run a project's code.
const BUILDS: [&str; 6] = ["cargo", "npm", "node", "make", "python", "tests/"];

fn runs_code(script: &str) -> bool {
    script
        .split(|c: char| c.is_whitespace() || c == ';' || c == '|' || c == '(')
        .any(|w| BUILDS.iter().any(|b| w.starts_with(b)))
}

#[test]
fn every_workflow_says_its_permissions_and_reads_by_default() {
    for workflow in workflows() {
        let top = &workflow.yaml["permissions"];
        assert!(!top.is_badvalue(), "{} has no top-level permissions", workflow.file);
        assert_eq!(
            writes(top),
            Vec::<String>::new(),
            "{}: write permissions belong to the jobs that need them",
            workflow.file
        );
    }
}

/// pull_request_target and workflow_run run with this repository's
/// permissions even for a fork's pull request: such a workflow must never
/// check out the pull request's code, let alone run it.
#[test]
fn privileged_workflows_never_check_out_or_run_the_pull_requests_code() {
    let mut privileged = 0;
    for workflow in workflows() {
        let events = workflow.events();
        if !events.iter().any(|e| *e == "pull_request_target" || *e == "workflow_run") {
            continue;
        }
        privileged += 1;
        for (job, step) in workflow.steps() {
            let place = format!("{}, job {job}", workflow.file);
            if let Some(script) = step["run"].as_str() {
                assert!(!runs_code(script), "{place} builds or runs code: {script}");
            }
            if step["uses"].as_str().is_some_and(|u| u.starts_with("actions/checkout@")) {
                let with = &step["with"];
                assert!(
                    with["ref"].is_badvalue() && with["repository"].is_badvalue(),
                    "{place} checks out another ref"
                );
                assert_eq!(with["persist-credentials"].as_bool(), Some(false), "{place} keeps the token in git");
            }
        }
    }
    assert_eq!(privileged, 1, "pr-comment.yml runs on workflow_run");
}

/// In a pull_request workflow, a job that may write (the preview's push to
/// gh-pages) runs only for the repository's own branches, builds nothing
/// and runs only the default branch's scripts: it takes the built site as
/// an artifact.
#[test]
fn pull_request_jobs_that_write_are_for_own_branches_and_build_nothing() {
    for workflow in workflows() {
        if !workflow.events().contains(&"pull_request") {
            continue;
        }
        for (name, job) in workflow.jobs() {
            if writes(&job["permissions"]).is_empty() {
                continue;
            }
            let condition = job["if"].as_str().unwrap_or_default();
            assert!(
                condition.contains("github.event.pull_request.head.repo.full_name == github.repository"),
                "{}, job {name} writes for forks' pull requests too: {condition:?}",
                workflow.file
            );
            for step in job["steps"].as_vec().unwrap() {
                if let Some(script) = step["run"].as_str() {
                    assert!(!runs_code(script), "{}, job {name} writes and runs code: {script}", workflow.file);
                }
                if step["uses"].as_str().is_some_and(|u| u.starts_with("actions/checkout@")) {
                    let checked_out = step["with"]["ref"].as_str();
                    assert_eq!(
                        checked_out,
                        Some("${{ github.event.repository.default_branch }}"),
                        "{}, job {name} writes with the pull request's scripts",
                        workflow.file
                    );
                }
            }
        }
    }
}
