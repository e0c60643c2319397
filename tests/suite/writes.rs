//! Nothing the user wrote is ever at risk: every path a build writes is
//! checked against the digest's own files before any work, and a build
//! killed at any step leaves a whole site that the next build tidies around.
//! Commands run as README writes them: from the digest folder, with
//! relative paths.

use crate::harness::{DigestTest, files_of};
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};

fn glose_in(root: &Path) -> Command {
    let mut command = crate::harness::glose_command();
    command.current_dir(root);
    command
}

/// Every file under the digest, with its bytes.
fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    files_of(root).into_iter().map(|f| (f.clone(), std::fs::read(root.join(&f)).unwrap())).collect()
}

/// Runs `glose build ARGS` in the digest and checks it was refused as a
/// usage error before any work, with nothing changed.
fn assert_refused(digest: &DigestTest, args: &[&str]) {
    let before = snapshot(&digest.root);
    let output = glose_in(&digest.root).arg("build").args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "build {args:?} was not refused: {stderr}");
    assert!(stderr.contains("error[output-refused]"), "build {args:?}: {stderr}");
    assert!(before == snapshot(&digest.root), "build {args:?} changed the digest");
    assert!(!digest.root.join("public").exists(), "build {args:?} did work before refusing");
}

#[test]
fn no_writable_path_option_lands_on_the_digests_own_files() {
    let digest = DigestTest::real();
    digest.write("notes.txt", "mine");
    digest.write("old.zip", "not a zip");
    let own: Vec<String> = files_of(&digest.root);
    assert!(own.iter().any(|f| f.starts_with("seeds/")) && own.iter().any(|f| f.starts_with("templates/")));
    for file in &own {
        assert_refused(&digest, &["--zip", file]);
        assert_refused(&digest, &["--out", file]);
    }
    let folders = ["content", "content/articles", "seeds", "templates", ".", "..", "./content/../seeds"];
    for folder in folders {
        assert_refused(&digest, &["--out", folder]);
        assert_refused(&digest, &["--zip", folder]);
    }
    for inside in ["content/site.zip", "seeds/new.zip", "templates/x/site.zip", "content/articles/public"] {
        assert_refused(&digest, &["--zip", inside]);
        assert_refused(&digest, &["--out", inside]);
    }
    assert_refused(&digest, &["--zip", "public/site.zip"]);
}

#[test]
fn a_zip_glose_wrote_is_replaced_and_only_that() {
    let digest = DigestTest::from_fixture("minimal");
    for _ in 0..2 {
        let output = glose_in(&digest.root).args(["build", "--zip", "site.zip"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let mut other = zip::ZipWriter::new(std::fs::File::create(digest.root.join("other.zip")).unwrap());
    other.set_comment("someone else's").unwrap();
    other.finish().unwrap();
    assert_refused_with_site(&digest, &["--zip", "other.zip"]);
}

/// [`assert_refused`] for a digest that already has a site.
fn assert_refused_with_site(digest: &DigestTest, args: &[&str]) {
    let before = snapshot(&digest.root);
    let output = glose_in(&digest.root).arg("build").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(before == snapshot(&digest.root), "build {args:?} changed something");
}

/// Starts `glose build` stopped at `step` by the test hook, and kills it there.
fn kill_build_at(digest: &DigestTest, step: &str, exchange: bool) {
    let mut command = glose_in(&digest.root);
    command.arg("build").env("GLOSE_TEST_STOP_AT", step).stderr(Stdio::piped()).stdout(Stdio::null());
    if !exchange {
        command.env("GLOSE_TEST_NO_EXCHANGE", "1");
    }
    let mut child = command.spawn().unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let stopped = stderr.lines().map_while(Result::ok).any(|line| line.contains(&format!("stopped at {step}")));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(stopped, "the build never reached {step}");
}

fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".glose-"))
        .collect()
}

fn assert_killed_at_each_step_leaves_a_whole_site(exchange: bool, steps: &[&str]) {
    for step in steps {
        let digest = DigestTest::from_fixture("minimal");
        assert!(digest.build().succeeded());
        let old = snapshot(&digest.out());
        kill_build_at(&digest, step, exchange);
        let whole = digest.out().join("index.html").is_file() && digest.out().join(glose::write::MARKER).is_file();
        // Only two renames can leave the output missing, and only between them.
        assert!(whole || (!exchange && *step == "moved-aside"), "killed at {step}: no whole site in public/");
        assert!(!leftovers(&digest.root).is_empty(), "killed at {step}: nothing left to tidy?");
        let output = glose_in(&digest.root).arg("build").output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "rebuild after a kill at {step}: {stderr}");
        let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("glose: note: re")).collect();
        assert!(!notes.is_empty(), "killed at {step}: the next build said nothing of what it tidied: {stderr}");
        if !whole {
            assert!(notes[0].contains("restored"), "{notes:?}");
        }
        assert_eq!(leftovers(&digest.root), Vec::<String>::new(), "killed at {step}: {stderr}");
        assert!(old == snapshot(&digest.out()), "killed at {step}: the rebuilt site differs");
    }
}

#[test]
fn a_build_killed_at_any_step_of_the_exchange_leaves_a_whole_site() {
    assert_killed_at_each_step_leaves_a_whole_site(true, &["staged", "exchanged", "removing"]);
}

#[test]
fn a_build_killed_between_two_renames_is_put_right_by_the_next() {
    assert_killed_at_each_step_leaves_a_whole_site(false, &["staged", "moved-aside", "removing"]);
}
