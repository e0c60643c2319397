//! Stage 5, write: the rendered files go into a temporary folder beside the
//! output folder, which is swapped in only once complete. A failed build
//! therefore leaves the previous site as it was, and glose deletes nothing
//! but an output folder it wrote itself. `destination` holds the rule for
//! every path a build writes; `swap` the swap and the tidying after
//! builds that were killed.

mod destination;
mod swap;

pub use destination::{Destinations, KEPT, ZIP_COMMENT, destinations};

use crate::diagnostic::Diagnostic;
use crate::render::OutputFile;
use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Component, Path, PathBuf};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Written into every output folder; glose replaces only folders that carry it.
pub const MARKER: &str = ".glose-build";

/// The largest site GitHub Pages publishes: "1 GB", taken in the smaller
/// sense, so the warning comes before the refusal.
pub const PAGES_LIMIT: u64 = 1_000_000_000;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    #[error("refusing to write {option} {path}: {reason}")]
    Refused { option: &'static str, path: String, reason: String },
    #[error("cannot write {path}: {reason}")]
    Io { path: String, reason: String },
}

impl WriteError {
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            WriteError::Refused { option: "--zip", .. } => Diagnostic::error("output-refused", self.to_string())
                .hint("name a new file outside content/, seeds/ and templates/, such as glose-preview.zip")
                .usage(),
            WriteError::Refused { .. } => Diagnostic::error("output-refused", self.to_string())
                .hint("choose an output folder of its own, such as public/ (the default)")
                .usage(),
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
    /// The marker, locked while this build uses the folder.
    _lock: File,
    /// What tidying before the build did, one line each.
    pub notes: Vec<String>,
    /// Bytes written so far.
    bytes: AtomicU64,
}

impl Staging {
    /// Tidies what killed builds left beside the output folder (checked
    /// beforehand by [`destinations`]) and creates the staging folder.
    pub fn new(out: &Path) -> Result<Staging, WriteError> {
        let parent = out.parent().ok_or_else(|| WriteError::Io {
            path: out.display().to_string(),
            reason: "it has no parent folder".into(),
        })?;
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let notes = swap::tidy(out)?;
        let dir = tempfile::Builder::new().prefix(swap::STAGING_PREFIX).tempdir_in(parent).map_err(io(parent))?;
        let lock = marked(dir.path())?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            folders: RwLock::new(BTreeSet::new()),
            _lock: lock,
            notes,
            bytes: AtomicU64::new(0),
        })
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
        std::fs::write(&path, &file.bytes).map_err(io(&path))?;
        self.bytes.fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// The bytes of every file written so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Swaps the staged tree in for the output.
    pub fn finish(self) -> Result<PathBuf, WriteError> {
        let staged = self.dir.keep();
        swap::swap_in(&staged, &self.out)?;
        Ok(self.out)
    }
}

impl crate::render::Sink for Staging {
    fn accept(&self, file: OutputFile) -> Result<(), String> {
        self.write(&file).map_err(|e| e.to_string())
    }
}

/// The warning for a site too large for GitHub Pages, with its size.
pub fn pages_limit_warning(bytes: u64) -> Option<Diagnostic> {
    let gb = |b: u64| b as f64 / 1e9;
    (bytes > PAGES_LIMIT).then(|| {
        Diagnostic::warning(
            "site-over-pages-limit",
            format!(
                "the site is {:.2} GB ({bytes} bytes), over the {:.0} GB that GitHub Pages publishes",
                gb(bytes),
                gb(PAGES_LIMIT)
            ),
        )
        .hint("it builds and works from disk, but GitHub Pages will refuse it; README.md, Publishing, says what to do")
    })
}

/// Writes the marker into a new staging folder and locks it. The lock is
/// taken before the marker has its name, so no other build can ever see
/// the folder marked but free.
fn marked(folder: &Path) -> Result<File, WriteError> {
    let unnamed = folder.join(".glose-build-new");
    let file = File::create(&unnamed).map_err(io(&unnamed))?;
    file.lock().map_err(io(&unnamed))?;
    std::io::Write::write_all(&mut &file, b"Written by `glose build`, which replaces this folder on every build.\n")
        .map_err(io(&unnamed))?;
    std::fs::rename(&unnamed, folder.join(MARKER)).map_err(io(folder))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_past_the_pages_limit_only() {
        assert!(pages_limit_warning(PAGES_LIMIT).is_none());
        let warning = pages_limit_warning(1_143_210_554).expect("over the limit");
        assert_eq!(warning.code, "site-over-pages-limit");
        assert!(warning.message.contains("1.14 GB (1143210554 bytes)"), "{}", warning.message);
    }

    /// The warning reads the staging folder's count: it must be the size of
    /// the site as published, every file in every folder, nothing twice.
    #[test]
    fn staging_counts_the_bytes_of_every_file_it_writes() {
        let parent = tempfile::tempdir().unwrap();
        let out = parent.path().join("public");
        let staging = Staging::new(&out).unwrap();
        let files = [("index.html", 1000), ("articles/a.html", 250), ("articles/b.html", 0), ("static/x/y.css", 7)];
        for (path, len) in files {
            staging.write(&OutputFile { path: path.into(), bytes: vec![b'x'; len] }).unwrap();
        }
        let counted = staging.bytes();
        let out = staging.finish().unwrap();
        let on_disk: u64 = files.iter().map(|(path, _)| std::fs::metadata(out.join(path)).unwrap().len()).sum();
        assert_eq!(counted, 1257);
        assert_eq!(counted, on_disk);
    }
}
