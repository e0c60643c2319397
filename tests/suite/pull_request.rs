//! A pull request's review material, made here as the workflows make it:
//! the sticky comment (.github/scripts/pr-comment) on a real `glose diff`
//! between two commits, its posting through a stand-in for `gh`, and the
//! gh-pages branch of the branch mode (.github/scripts/pages-branch), whose
//! site deploy must never delete the previews.

use crate::diff::{changed_repository, git};
use crate::harness::{DigestTest, glose_command, manifest_dir};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MARKER: &str = "<!-- glose pull-request comment -->";
const RUN_URL: &str = "https://github.com/editors/digest/actions/runs/1001";
const ZIP_URL: &str = "https://github.com/editors/digest/actions/runs/1001/artifacts/42";

fn script(name: &str) -> Command {
    let mut command = Command::new("bash");
    command.arg(manifest_dir().join(".github/scripts").join(name));
    command.env_clear().env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The working tree's changes committed on a `feature` branch, checked out
/// (`main` is the base): a pull request, as pr.yml's checkout sees it.
fn commit_as_pull_request(digest: &DigestTest) {
    git(&digest.root, &["checkout", "-q", "-b", "feature"]);
    git(&digest.root, &["add", "."]);
    git(&digest.root, &["commit", "-q", "-m", "the pull request"]);
}

/// The minimal fixture as `main`, and `change`'s edits as a pull request.
fn pull_request(change: impl FnOnce(&DigestTest)) -> DigestTest {
    let digest = DigestTest::from_fixture("minimal");
    git(&digest.root, &["init", "-q", "-b", "main"]);
    git(&digest.root, &["add", "."]);
    git(&digest.root, &["commit", "-q", "-m", "base"]);
    change(&digest);
    commit_as_pull_request(&digest);
    digest
}

/// What pr.yml leaves in the `pr-comment` artifact, by its commands.
fn material(digest: &DigestTest) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("number"), "5\n").unwrap();
    let glose = |args: &[&str]| glose_command().current_dir(&digest.root).args(args).output().unwrap();
    let check = glose(&["check", "--format", "github"]);
    std::fs::write(dir.path().join("check.txt"), &check.stdout).unwrap();
    let diff = glose(&["diff", "main", "--format", "markdown", "--max-chars", "60000"]);
    std::fs::write(dir.path().join("diff.md"), stdout(&diff)).unwrap();
    dir
}

fn body(material: &Path, env: &[(&str, &str)]) -> String {
    let output = script("pr-comment")
        .args(["body".as_ref(), material.as_os_str()])
        .envs([("RUN_URL", RUN_URL), ("CONCLUSION", "success"), ("ZIP_URL", ZIP_URL)])
        .envs(env.iter().copied())
        .output()
        .unwrap();
    stdout(&output)
}

fn claim_lines(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with("- **")).count()
}

#[test]
fn the_comment_carries_the_claim_diff_the_checks_and_the_zip() {
    let digest = changed_repository();
    let companies = std::fs::read_to_string(digest.root.join("content/companies.toml")).unwrap();
    // An entity nothing names: one `unused` warning.
    digest.write(
        "content/companies.toml",
        &(companies + "\n[[company]]\nid = \"hooli\"\nname = \"Hooli\"\nkind = \"company\"\n"),
    );
    commit_as_pull_request(&digest);
    let material = material(&digest);
    let text = body(material.path(), &[]);
    let diff = std::fs::read_to_string(material.path().join("diff.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], MARKER);
    assert_eq!(
        lines[1],
        format!(
            "**Preview:** [download `glose-preview.zip`]({ZIP_URL}), unpack it and open `glose-preview/changes.html` (what this pull request changes) or `glose-preview/index.html`."
        )
    );
    assert_eq!(
        lines[3],
        format!(
            "**Checks:** `glose check` found 0 errors and 1 warning: see them on the pull request's lines and in [the run]({RUN_URL})."
        )
    );
    // The diff comes last, as glose wrote it (less its final blank line).
    assert!(text.ends_with(&format!("{}\n", diff.trim_end())), "{text}");
    assert!(diff.contains("- **changed** `deal-3bn`: verdict confirmed → partly-true"), "{diff}");
    assert!(diff.contains("**Companies added:** `hooli`, `initech`"), "{diff}");
}

/// 20 new articles of 40 claims each: a diff of about 75,000 characters.
fn many_claims(digest: &DigestTest) {
    for a in 0..20 {
        let sentences: Vec<String> =
            (0..40).map(|k| format!("Report {a}-{k} says the quarter went well for company number {k}.")).collect();
        digest.write(&format!("seeds/gen-{a}.txt"), &format!("Report {a}\n\n{}\n", sentences.join("\n")));
        let claims: String = (0..40)
            .map(|k| {
                format!(
                    "[[claim]]\nid = \"c{k}\"\nquote = \"{}\"\nkind = \"fact\"\nverdict = \"unverified\"\nnote = \"Not yet checked.\"\n\n",
                    sentences[k].trim_end_matches('.')
                )
            })
            .collect();
        digest.write(
            &format!("content/articles/gen-{a}.md"),
            &format!(
                "+++\nseed = \"gen-{a}.txt\"\ntitle = \"Report {a}\"\npublished = 2025-04-01\npublisher = \"The Daily\"\nlang = \"en\"\nsummary = \"Generated.\"\n\n{claims}+++\nGenerated.\n"
            ),
        );
    }
}

#[test]
fn a_long_diff_is_cut_under_githubs_limit_and_says_how_many_claims_are_left_out() {
    let digest = pull_request(many_claims);
    let material = material(&digest);
    let diff = std::fs::read_to_string(material.path().join("diff.md")).unwrap();
    let full = stdout(&glose_command().current_dir(&digest.root).args(["diff", "main"]).output().unwrap());
    assert_eq!(claim_lines(&full), 800, "{}", &full[..400]);
    assert!(full.chars().count() > 65_536, "the uncut diff is {} characters", full.chars().count());

    let text = body(material.path(), &[]);
    assert!(text.chars().count() <= 65_536, "{} characters", text.chars().count());
    assert!(diff.chars().count() <= 60_000 && text.ends_with(&diff), "{}", &text[text.len() - 300..]);
    let shown = claim_lines(&diff);
    assert!(shown > 500, "only {shown} claims shown");
    let note = format!(
        "_… and {} more claims not shown: this report is cut to 60000 characters (`glose diff` prints it whole)._",
        800 - shown
    );
    assert_eq!(diff.lines().last(), Some(note.as_str()));
}

#[test]
fn the_comment_says_when_there_is_no_preview_and_links_the_browsable_one() {
    let digest = pull_request(|d| {
        let path = "content/articles/acme-globex-fr.md";
        let text = std::fs::read_to_string(d.root.join(path)).unwrap();
        d.write(path, &text.replace("verdict = \"confirmed\"", "verdict = \"false\""));
    });
    let material = material(&digest);
    let failed = body(material.path(), &[("CONCLUSION", "failure")]);
    assert!(
        failed.contains(&format!("**Preview:** none for this push: the run did not succeed ([the run]({RUN_URL}))"))
    );
    let browsable = body(material.path(), &[("PREVIEW_URL", "https://editors.github.io/digest/pr-preview/pr-5/")]);
    assert!(browsable.contains(
        "**Preview:** [what this pull request changes](https://editors.github.io/digest/pr-preview/pr-5/changes.html) · [the whole digest](https://editors.github.io/digest/pr-preview/pr-5/index.html)"
    ));
    assert!(browsable.contains("`glose check` found no problem"), "{browsable}");
}

#[test]
fn a_diff_the_build_should_have_cut_is_not_posted() {
    // The artifact comes from the pull request's own run, which a fork can
    // rewrite: the comment's limit holds whatever it says.
    let material = tempfile::tempdir().unwrap();
    std::fs::write(material.path().join("diff.md"), "x".repeat(70_000)).unwrap();
    std::fs::write(material.path().join("check.txt"), "").unwrap();
    let text = body(material.path(), &[]);
    assert!(text.contains("The claim diff is longer than 60000 characters"), "{text}");
    assert!(text.chars().count() < 2_000);
    std::fs::remove_file(material.path().join("diff.md")).unwrap();
    assert!(body(material.path(), &[]).contains("The claim diff could not be made"));
}

/// A stand-in for `gh api`: answers GETs from JSON files in $FAKE_GH
/// through jq, as gh's --jq does, and keeps what a PATCH or POST sends.
const FAKE_GH: &str = r#"#!/usr/bin/env bash
set -euo pipefail
echo "$*" >> "$FAKE_GH/calls"
[ "$1" = api ] || exit 3
shift
method=GET filter=. path= body=
while [ $# -gt 0 ]; do
  case "$1" in
    --method) method=$2; shift 2 ;;
    --jq) filter=$2; shift 2 ;;
    -F) body=${2#body=@}; shift 2 ;;
    --paginate|--silent) shift ;;
    -*) echo "fake gh: unexpected $1" >&2; exit 3 ;;
    *) path=$1; shift ;;
  esac
done
if [ "$method" != GET ]; then
  cp "$body" "$FAKE_GH/$method"
  echo "$path" > "$FAKE_GH/$method.path"
  exit 0
fi
case "$path" in
  */pulls/*) file=pull.json ;;
  */comments) file=comments.json ;;
  */artifacts) file=artifacts.json ;;
  *) echo "fake gh: unexpected $path" >&2; exit 4 ;;
esac
jq -r "$filter" "$FAKE_GH/$file"
"#;

struct FakeGitHub {
    dir: tempfile::TempDir,
}

impl FakeGitHub {
    fn new(comments: &str) -> FakeGitHub {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).unwrap();
        std::fs::write(bin.join("gh"), FAKE_GH).unwrap();
        Command::new("chmod").arg("+x").arg(bin.join("gh")).status().unwrap();
        let files = [
            ("pull.json", r#"{"head": {"sha": "abc123", "repo": {"full_name": "editors/digest"}}}"#),
            ("comments.json", comments),
            (
                "artifacts.json",
                r#"{"artifacts": [{"name": "pr-comment", "id": 41}, {"name": "glose-preview.zip", "id": 42}]}"#,
            ),
        ];
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        FakeGitHub { dir }
    }

    fn post(&self, material: &Path, env: &[(&str, &str)]) -> Output {
        let path = format!("{}:{}", self.dir.path().join("bin").display(), std::env::var("PATH").unwrap());
        script("pr-comment")
            .args(["post".as_ref(), material.as_os_str()])
            .env("PATH", path)
            .env("FAKE_GH", self.dir.path())
            .envs([
                ("GH_TOKEN", "not-a-token"),
                ("REPOSITORY", "editors/digest"),
                ("RUN_ID", "1001"),
                ("RUN_URL", RUN_URL),
                ("CONCLUSION", "success"),
                ("HEAD_SHA", "abc123"),
                ("HEAD_REPOSITORY", "editors/digest"),
                ("GITHUB_SERVER_URL", "https://github.com"),
            ])
            .envs(env.iter().copied())
            .output()
            .unwrap()
    }

    fn sent(&self, method: &str) -> Option<(String, String)> {
        let read = |name: &str| std::fs::read_to_string(self.dir.path().join(name)).ok();
        Some((read(&format!("{method}.path"))?.trim().to_string(), read(method)?))
    }
}

fn small_material(number: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("number"), number).unwrap();
    std::fs::write(dir.path().join("check.txt"), "").unwrap();
    std::fs::write(dir.path().join("diff.md"), "## Annotation changes\n\nNo claim, company or event changed.\n")
        .unwrap();
    dir
}

#[test]
fn the_first_run_comments_and_later_runs_edit_that_comment() {
    let material = small_material("5\n");
    let github = FakeGitHub::new("[]");
    let output = github.post(material.path(), &[]);
    stdout(&output);
    let (path, text) = github.sent("POST").expect("a new comment");
    assert_eq!(path, "repos/editors/digest/issues/5/comments");
    assert!(text.starts_with(MARKER) && text.contains(ZIP_URL), "{text}");

    // The bot's own comment is found by its marker, and not someone's
    // comment that quotes the marker.
    let comments = format!(
        r#"[{{"id": 7, "user": {{"login": "someone"}}, "body": "{MARKER} quoted"}},
            {{"id": 9, "user": {{"login": "github-actions[bot]"}}, "body": "{MARKER}\nthe first run"}}]"#
    );
    let github = FakeGitHub::new(&comments);
    stdout(&github.post(material.path(), &[("PAGES_SOURCE", "branch")]));
    assert_eq!(github.sent("POST"), None);
    let (path, text) = github.sent("PATCH").expect("the comment edited");
    assert_eq!(path, "repos/editors/digest/issues/comments/9");
    assert!(text.contains("https://editors.github.io/digest/pr-preview/pr-5/changes.html"), "{text}");
}

#[test]
fn a_fork_keeps_the_zip_even_in_the_branch_mode() {
    let github = FakeGitHub::new("[]");
    let pull = r#"{"head": {"sha": "abc123", "repo": {"full_name": "someone/digest"}}}"#;
    std::fs::write(github.dir.path().join("pull.json"), pull).unwrap();
    let material = small_material("5");
    stdout(&github.post(material.path(), &[("PAGES_SOURCE", "branch"), ("HEAD_REPOSITORY", "someone/digest")]));
    let (_, text) = github.sent("POST").unwrap();
    assert!(text.contains(ZIP_URL) && !text.contains("pr-preview"), "{text}");
}

#[test]
fn the_artifact_cannot_aim_the_comment_elsewhere() {
    // Not a number: refused before any request.
    let github = FakeGitHub::new("[]");
    let output = github.post(small_material("5; echo pwned").path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("names no pull request number"));
    assert!(!github.dir.path().join("calls").exists());
    // Another pull request's number: its head is not the commit this run
    // built, so nothing is posted (as when a newer push superseded it).
    let output = github.post(small_material("6").path(), &[("HEAD_SHA", "def456")]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not commenting"));
    assert_eq!((github.sent("POST"), github.sent("PATCH")), (None, None));
}

/// A bare repository standing for GitHub, and clones of it standing for
/// the workflows' checkouts.
struct Remote {
    dir: tempfile::TempDir,
}

impl Remote {
    fn new() -> Remote {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q", "--bare", "origin.git"]);
        Remote { dir }
    }

    fn checkout(&self, name: &str) -> PathBuf {
        let clone = self.dir.path().join(name);
        if !clone.exists() {
            git(self.dir.path(), &["clone", "-q", "origin.git", name]);
            git(&clone, &["commit", "-q", "--allow-empty", "-m", "main"]);
            // As the workflows check out: only .github/scripts. A worktree
            // inherits that sparsity unless the script refuses it.
            git(&clone, &["sparse-checkout", "set", ".github/scripts"]);
        }
        clone
    }

    fn site(&self, name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = self.dir.path().join("sites").join(name);
        for (path, text) in files {
            std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
            std::fs::write(dir.join(path), text).unwrap();
        }
        dir
    }

    fn pages_branch(&self, checkout: &Path, args: &[&str]) -> String {
        stdout(&script("pages-branch").current_dir(checkout).args(args).output().unwrap())
    }

    /// The gh-pages branch's files and their text.
    fn published(&self) -> Vec<(String, String)> {
        let origin = self.dir.path().join("origin.git");
        let read = |args: &[&str]| stdout(&Command::new("git").arg("-C").arg(&origin).args(args).output().unwrap());
        let names = read(&["ls-tree", "-r", "--name-only", "gh-pages"]);
        names.lines().map(|name| (name.to_string(), read(&["show", &format!("gh-pages:{name}")]))).collect()
    }
}

fn names(files: &[(String, String)]) -> Vec<&str> {
    files.iter().map(|(name, _)| name.as_str()).collect()
}

#[test]
fn the_site_deploy_keeps_the_previews_and_closing_removes_one() {
    let remote = Remote::new();
    let checkout = remote.checkout("checkout");
    let v1 = remote.site("v1", &[("index.html", "v1"), ("articles/old.html", "old")]);
    let preview = remote.site("pr", &[("index.html", "pr"), ("changes.html", "changes")]);
    remote.pages_branch(&checkout, &["site", v1.to_str().unwrap()]);
    remote.pages_branch(&checkout, &["preview", "7", preview.to_str().unwrap()]);
    remote.pages_branch(&checkout, &["preview", "8", preview.to_str().unwrap()]);
    let v2 = remote.site("v2", &[("index.html", "v2")]);
    remote.pages_branch(&checkout, &["site", v2.to_str().unwrap()]);
    let files = remote.published();
    assert_eq!(
        names(&files),
        [
            ".nojekyll",
            "index.html",
            "pr-preview/pr-7/changes.html",
            "pr-preview/pr-7/index.html",
            "pr-preview/pr-8/changes.html",
            "pr-preview/pr-8/index.html"
        ]
    );
    assert_eq!(files[1].1, "v2");

    remote.pages_branch(&checkout, &["remove", "7"]);
    let files = remote.published();
    assert_eq!(
        names(&files),
        [".nojekyll", "index.html", "pr-preview/pr-8/changes.html", "pr-preview/pr-8/index.html"]
    );
    // Publishing what is there already pushes nothing.
    let again = remote.pages_branch(&checkout, &["remove", "7"]);
    assert!(again.contains("nothing to push"), "{again}");
    // The checkout itself is left as it was: no stray worktree.
    let worktrees = stdout(&Command::new("git").arg("-C").arg(&checkout).args(["worktree", "list"]).output().unwrap());
    assert_eq!(worktrees.lines().count(), 1, "{worktrees}");
}

#[test]
fn a_deploy_that_races_another_is_redone_on_top_of_it() {
    let remote = Remote::new();
    let (first, second) = (remote.checkout("first"), remote.checkout("second"));
    let site = remote.site("site", &[("index.html", "site")]);
    let preview = remote.site("pr", &[("index.html", "pr")]);
    remote.pages_branch(&first, &["preview", "3", preview.to_str().unwrap()]);
    // Just before the site's push, another run publishes a preview: the
    // site's push is refused, and redone with that preview kept.
    let hook = format!(
        "#!/usr/bin/env bash\n[ -e \"$0.done\" ] && exit 0\ntouch \"$0.done\"\ncd {} && env -i PATH=\"$PATH\" bash {} preview 4 {}\n",
        second.display(),
        manifest_dir().join(".github/scripts/pages-branch").display(),
        preview.display()
    );
    let hook_path = first.join(".git/hooks/pre-push");
    std::fs::write(&hook_path, hook).unwrap();
    Command::new("chmod").arg("+x").arg(&hook_path).status().unwrap();
    let output = script("pages-branch").current_dir(&first).args(["site", site.to_str().unwrap()]).output().unwrap();
    stdout(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("moved while publishing"), "{stderr}");
    assert_eq!(
        names(&remote.published()),
        [".nojekyll", "index.html", "pr-preview/pr-3/index.html", "pr-preview/pr-4/index.html"]
    );
}
