//! Stage 5, write: the rendered files go into a temporary folder beside the
//! output folder, which is swapped in only once complete. A failed build
//! therefore leaves the previous site as it was, and glose deletes nothing
//! but an output folder it wrote itself.

use crate::diagnostic::Diagnostic;
use crate::render::OutputFile;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::RwLock;

/// Written into every output folder; glose replaces only folders that carry it.
pub const MARKER: &str = ".glose-build";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    #[error("refusing to write the site to {out}: {reason}")]
    Refused { out: String, reason: String },
    #[error("cannot write {path}: {reason}")]
    Io { path: String, reason: String },
}

impl WriteError {
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            WriteError::Refused { .. } => Diagnostic::error("output-refused", self.to_string())
                .hint("choose an output folder of its own, such as public/ (the default)"),
            WriteError::Io { .. } => Diagnostic::error("write-failed", self.to_string())
                .hint("the previous output, if any, was left in place"),
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io { path: path.display().to_string(), reason: error.to_string() }
}

/// A temporary folder beside the output folder that rendered files are
/// written into as they are made; [`Staging::finish`] swaps it in.
/// Dropped without finishing, it is removed and the output stays as it was.
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    /// Folders already created, so each is made once. Read far more often
    /// than written (a site has a handful of folders and many pages), so
    /// rendering threads share it without waiting on each other.
    folders: RwLock<BTreeSet<PathBuf>>,
}

impl Staging {
    /// Checks that `out` may be written and creates the staging folder.
    pub fn new(root: &Path, out: &Path) -> Result<Staging, WriteError> {
        let out = absolute(out)?;
        check_output_folder(&absolute(root)?, &out)?;
        let parent = out.parent().ok_or_else(|| refused(&out, "it has no parent folder"))?;
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let dir = tempfile::Builder::new().prefix(".glose-staging-").tempdir_in(parent).map_err(io(parent))?;
        Ok(Staging { dir, out, folders: RwLock::new(BTreeSet::new()) })
    }

    /// Writes one file under the staging folder.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        let relative = Path::new(&file.path);
        let safe = relative.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(WriteError::Io { path: file.path.clone(), reason: "the path leaves the output folder".into() });
        }
        let path = self.dir.path().join(relative);
        if let Some(parent) = path.parent() {
            let known = self.folders.read().is_ok_and(|f| f.contains(parent));
            if !known {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
                if let Ok(mut folders) = self.folders.write() {
                    folders.insert(parent.to_path_buf());
                }
            }
        }
        std::fs::write(&path, &file.bytes).map_err(io(&path))
    }

    /// Marks the staged tree as glose's and swaps it in for the output.
    pub fn finish(self) -> Result<PathBuf, WriteError> {
        std::fs::write(
            self.dir.path().join(MARKER),
            "Written by `glose build`, which replaces this folder on every build.\n",
        )
        .map_err(io(self.dir.path()))?;
        let out = self.out.clone();
        swap_in(self.dir.keep(), &out)?;
        Ok(out)
    }
}

impl crate::render::Sink for Staging {
    fn accept(&self, file: OutputFile) -> Result<(), String> {
        self.write(&file).map_err(|e| e.to_string())
    }
}

fn refused(out: &Path, reason: &str) -> WriteError {
    WriteError::Refused { out: out.display().to_string(), reason: reason.to_string() }
}

/// An absolute path with `.` and `..` folded, without requiring it to exist.
fn absolute(path: &Path) -> Result<PathBuf, WriteError> {
    let joined = std::path::absolute(path).map_err(io(path))?;
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve symbolic links in the part that exists, so two spellings of
    // one folder compare equal.
    let existing = clean.ancestors().find(|p| p.exists()).unwrap_or(Path::new("/"));
    let rest = clean.strip_prefix(existing).unwrap_or(Path::new("")).to_path_buf();
    let canonical = existing.canonicalize().map_err(io(existing))?;
    // Joining an empty rest would add a trailing `/` (and make a file look
    // like a folder that does not exist).
    Ok(if rest.as_os_str().is_empty() { canonical } else { canonical.join(rest) })
}

/// The output may not hold or be what the user wrote, nor an unrelated
/// folder that happens to be there.
fn check_output_folder(root: &Path, out: &Path) -> Result<(), WriteError> {
    if root.starts_with(out) {
        return Err(refused(out, "it is the digest's folder or one of its parents"));
    }
    for kept in ["content", "seeds", "templates"] {
        if out.starts_with(root.join(kept)) {
            return Err(refused(out, &format!("it is inside {kept}/, which glose never writes to")));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(refused(out, "it is a file"));
        }
        let empty = std::fs::read_dir(out).map_err(io(out))?.next().is_none();
        if !empty && !out.join(MARKER).exists() {
            return Err(refused(
                out,
                &format!("it is not empty and was not written by glose (it has no {MARKER} file)"),
            ));
        }
    }
    Ok(())
}

/// Replaces `out` with `staging` by two renames; the old tree is removed
/// only after the new one is in place, and restored if that fails.
fn swap_in(staging: PathBuf, out: &Path) -> Result<(), WriteError> {
    if !out.exists() {
        return std::fs::rename(&staging, out).map_err(io(out));
    }
    let parent = out.parent().unwrap_or(Path::new("."));
    let old = tempfile::Builder::new().prefix(".glose-old-").tempdir_in(parent).map_err(io(parent))?.keep();
    std::fs::remove_dir(&old).map_err(io(&old))?;
    std::fs::rename(out, &old).map_err(io(out))?;
    if let Err(error) = std::fs::rename(&staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(io(out)(error));
    }
    std::fs::remove_dir_all(&old).map_err(io(&old))
}
