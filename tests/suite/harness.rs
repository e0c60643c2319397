//! Builds a digest into a temporary folder. Fixtures live in
//! tests/fixtures/NAME/ (content/, seeds/, optionally templates/); what a
//! test expects is committed beside them and rewritten when `BLESS=1`.

use glose::{BuildOptions, Report};
use std::path::{Path, PathBuf};

/// The `glose` binary with a scrubbed environment (only PATH kept), so no
/// variable of the developer's shell changes what a test sees.
pub fn glose_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_glose"));
    command.env_clear().env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_dir(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(name)
}

pub fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// A digest copied into a temporary folder, so a test may change it.
pub struct DigestTest {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl DigestTest {
    /// A copy of tests/fixtures/NAME (without its expectations).
    pub fn from_fixture(name: &str) -> DigestTest {
        Self::copy_of(&fixture_dir(name))
    }

    /// A copy of the real digest at the repository root.
    pub fn real() -> DigestTest {
        Self::copy_of(&manifest_dir())
    }

    fn copy_of(source: &Path) -> DigestTest {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("digest");
        for part in ["content", "seeds", "templates"] {
            if source.join(part).is_dir() {
                copy_tree(&source.join(part), &root.join(part));
            }
        }
        DigestTest { _dir: dir, root }
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(&self.root)
    }

    pub fn build(&self) -> Report {
        glose::build(&self.options())
    }

    pub fn check(&self) -> Report {
        glose::check(&self.options())
    }

    pub fn out(&self) -> PathBuf {
        self.options().out_dir()
    }

    pub fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The diagnostics of a report as the binary prints them.
pub fn diagnostics_text(report: &Report) -> String {
    report.diagnostics.render(&report.sources)
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, as sorted relative `/` paths.
pub fn files_of(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    files.sort();
    files
}

/// Compares `actual` with the committed `expected` text file, or rewrites it
/// under `BLESS=1`.
pub fn assert_matches_file(actual: &str, expected: &Path) {
    if blessing() {
        std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
        std::fs::write(expected, actual).unwrap();
        return;
    }
    let wanted = std::fs::read_to_string(expected)
        .unwrap_or_else(|_| panic!("{} is missing; run with BLESS=1 to create it", expected.display()));
    if actual != wanted {
        panic!(
            "output differs from {}\n(run `BLESS=1 cargo test` to accept it)\n--- expected\n{wanted}\n--- actual\n{actual}",
            expected.display()
        );
    }
}

/// Compares the whole tree `actual` with `expected`, file by file, or
/// replaces `expected` under `BLESS=1`.
pub fn assert_tree_matches(actual: &Path, expected: &Path) {
    if blessing() {
        let _ = std::fs::remove_dir_all(expected);
        copy_tree(actual, expected);
        return;
    }
    let (have, want) = (files_of(actual), files_of(expected));
    assert_eq!(have, want, "the output has different files than {} (BLESS=1 to accept)", expected.display());
    for file in have {
        let (a, e) = (std::fs::read(actual.join(&file)).unwrap(), std::fs::read(expected.join(&file)).unwrap());
        if a != e {
            panic!(
                "{file} differs from {} (BLESS=1 to accept)\n--- expected\n{}\n--- actual\n{}",
                expected.display(),
                String::from_utf8_lossy(&e),
                String::from_utf8_lossy(&a)
            );
        }
    }
}
