//! A digest as it was at a git revision, read with the `git` command into a
//! temporary folder (content/ and seeds/ only), so the same loader reads
//! it as it reads the working tree. Works on a shallow clone as long as the
//! revision itself was fetched.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RevisionError {
    #[error("git revision `{rev}` cannot be found")]
    NotFound { rev: String },
    #[error("{root} is not inside a git repository")]
    NotARepository { root: String },
    #[error("git failed: {message}")]
    Git { message: String },
}

impl RevisionError {
    pub fn diagnostic(&self) -> crate::diagnostic::Diagnostic {
        use crate::diagnostic::Diagnostic;
        match self {
            RevisionError::NotFound { rev } => {
                let branch = rev.strip_prefix("origin/").unwrap_or(rev);
                Diagnostic::error("revision-not-found", self.to_string())
                    .usage()
                    .hint(format!("in a shallow clone, fetch it first: `git fetch --depth=1 origin {branch}`, then name it `origin/{branch}`"))
            }
            RevisionError::NotARepository { .. } => Diagnostic::error("not-a-repository", self.to_string())
                .usage()
                .hint("run glose diff from a clone of the digest's repository"),
            RevisionError::Git { .. } => Diagnostic::error("git-failed", self.to_string()),
        }
    }
}

/// The digest at `rev`, unpacked; the folder goes when this is dropped.
pub struct Snapshot {
    dir: tempfile::TempDir,
}

impl Snapshot {
    pub fn root(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, RevisionError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| RevisionError::Git { message: format!("cannot run git: {e}") })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(RevisionError::Git { message: String::from_utf8_lossy(&output.stderr).trim().to_string() })
    }
}

/// Unpacks content/ and seeds/ of the digest at `root` as of `rev`.
pub fn snapshot(root: &Path, rev: &str) -> Result<Snapshot, RevisionError> {
    let prefix = git(root, &["rev-parse", "--show-prefix"])
        .map_err(|_| RevisionError::NotARepository { root: root.display().to_string() })?;
    let prefix = String::from_utf8_lossy(&prefix).trim().to_string();
    let commit = format!("{rev}^{{commit}}");
    git(root, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| RevisionError::NotFound { rev: rev.to_string() })?;
    let tree = format!("{rev}:{prefix}");
    // Run from the top: inside a subfolder, git archive would also filter
    // the (already narrowed) tree by that subfolder and find nothing.
    let top = git(root, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let archive = git(&top, &["archive", "--format=tar", &tree])?;
    let dir = tempfile::tempdir().map_err(|e| RevisionError::Git { message: e.to_string() })?;
    unpack(&archive, dir.path())?;
    Ok(Snapshot { dir })
}

/// Extracts the entries under content/ and seeds/; nothing else, and
/// nothing that would land outside `into`.
fn unpack(archive: &[u8], into: &Path) -> Result<(), RevisionError> {
    let error = |e: std::io::Error| RevisionError::Git { message: format!("cannot unpack the revision: {e}") };
    let mut reader = tar::Archive::new(archive);
    for entry in reader.entries().map_err(error)? {
        let mut entry = entry.map_err(error)?;
        let path = entry.path().map_err(error)?.into_owned();
        let wanted = path.starts_with("content") || path.starts_with("seeds");
        if wanted && entry.header().entry_type().is_file() {
            // unpack_in refuses paths that climb out of `into`.
            entry.unpack_in(into).map_err(error)?;
        }
    }
    Ok(())
}
