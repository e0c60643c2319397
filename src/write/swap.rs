//! Putting a finished site in place, and tidying after builds that were
//! killed part-way.
//!
//! Where the system can exchange two folders in one step (`renameat2` with
//! `RENAME_EXCHANGE` on Linux, `renamex_np` with `RENAME_SWAP` on macOS),
//! the output folder is never missing: it is the old site or the new one.
//! Elsewhere the old site is moved aside, then the new one moved in; a
//! build killed between the two leaves no output folder, and the next
//! build moves the old site back before anything else.
//!
//! Every folder glose makes beside the output (`.glose-staging-*` while
//! building, `.glose-old-*` while swapping) carries the [`MARKER`] file,
//! locked for as long as a build uses it. One that has the marker and whose
//! lock nobody holds was left by a build that died; the next build removes
//! it and says so in one line.

use super::{MARKER, WriteError, io};
use std::fs::File;
use std::path::{Path, PathBuf};

pub(super) const STAGING_PREFIX: &str = ".glose-staging-";
const ASIDE_PREFIX: &str = ".glose-old-";

/// Stops the process at `step` when the test hook `GLOSE_TEST_STOP_AT`
/// names it, so a test can kill a build exactly there.
pub(super) fn stop_at(step: &str) {
    if std::env::var_os("GLOSE_TEST_STOP_AT").is_some_and(|s| s == step) {
        eprintln!("glose: stopped at {step} (GLOSE_TEST_STOP_AT)");
        loop {
            std::thread::park();
        }
    }
}

/// Opens and locks the marker in `folder`, which tells other builds that
/// this folder is in use. `None` when another build holds it.
pub(super) fn lock_marker(folder: &Path) -> Result<Option<File>, WriteError> {
    let path = folder.join(MARKER);
    let file = std::fs::OpenOptions::new().read(true).append(true).open(&path).map_err(io(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(error)) => Err(io(&path)(error)),
    }
}

/// Replaces the output folder `out` with the finished `staging` folder.
pub(super) fn swap_in(staging: &Path, out: &Path) -> Result<(), WriteError> {
    stop_at("staged");
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io(out));
    }
    if !out.join(MARKER).exists() {
        // An empty folder (the only kind without the marker that
        // `destinations` lets through); removing it fails if it is not.
        std::fs::remove_dir(out).map_err(io(out))?;
        return std::fs::rename(staging, out).map_err(io(out));
    }
    // Held until the old site is gone, so no other build takes it for a
    // leftover meanwhile.
    let _old_lock = lock_marker(out)?.ok_or_else(|| busy(out))?;
    if exchange(staging, out).map_err(io(out))? {
        stop_at("exchanged");
        // `staging` now holds the old site.
        return remove_owned(staging);
    }
    let parent = out.parent().unwrap_or(Path::new("."));
    let aside = tempfile::Builder::new().prefix(ASIDE_PREFIX).tempdir_in(parent).map_err(io(parent))?.keep();
    std::fs::remove_dir(&aside).map_err(io(&aside))?;
    std::fs::rename(out, &aside).map_err(io(out))?;
    stop_at("moved-aside");
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&aside, out);
        return Err(io(out)(error));
    }
    remove_owned(&aside)
}

fn busy(out: &Path) -> WriteError {
    WriteError::Io { path: out.display().to_string(), reason: "another glose build is replacing it right now".into() }
}

/// Exchanges two folders in one step; `Ok(false)` where the system or the
/// file system cannot (the caller then renames twice).
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    if std::env::var_os("GLOSE_TEST_NO_EXCHANGE").is_some() {
        return Ok(false);
    }
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::NOTSUP) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Removes a folder glose wrote, its marker last, so a removal cut short
/// leaves a folder the next build still knows as its own.
fn remove_owned(folder: &Path) -> Result<(), WriteError> {
    let gone = |result: std::io::Result<()>| match result {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    };
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(io(folder)(error)),
    };
    let mut first = true;
    for entry in entries {
        let entry = entry.map_err(io(folder))?;
        if entry.file_name() == MARKER {
            continue;
        }
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        gone(if is_dir { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) }).map_err(io(&path))?;
        if std::mem::take(&mut first) {
            stop_at("removing");
        }
    }
    gone(std::fs::remove_file(folder.join(MARKER))).map_err(io(folder))?;
    gone(std::fs::remove_dir(folder)).map_err(io(folder))
}

/// A folder beside the output left by a build that died.
struct Leftover {
    path: PathBuf,
    aside: bool,
    bytes: u64,
}

/// Before a build writes: puts back an output folder that a killed swap
/// left moved aside, and removes every other folder killed builds left.
/// Returns one line for each thing it did.
pub(super) fn tidy(out: &Path) -> Result<Vec<String>, WriteError> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let mut leftovers = leftovers(parent)?;
    let mut notes = Vec::new();
    if !out.exists() {
        let newest = leftovers
            .iter()
            .enumerate()
            .filter(|(_, l)| l.aside)
            .max_by_key(|(_, l)| std::fs::metadata(&l.path).and_then(|m| m.modified()).ok())
            .map(|(i, _)| i);
        if let Some(i) = newest {
            let restored = leftovers.remove(i);
            std::fs::rename(&restored.path, out).map_err(io(out))?;
            notes.push(format!(
                "restored {} from {}, where a build that was stopped part-way left it",
                out.display(),
                restored.path.display()
            ));
        }
    }
    if leftovers.is_empty() {
        return Ok(notes);
    }
    let bytes: u64 = leftovers.iter().map(|l| l.bytes).sum();
    for leftover in &leftovers {
        remove_owned(&leftover.path)?;
    }
    let count = leftovers.len();
    notes.push(format!(
        "removed {count} folder{} that builds stopped part-way left in {} ({})",
        if count == 1 { "" } else { "s" },
        parent.display(),
        size(bytes)
    ));
    Ok(notes)
}

/// glose's folders in `parent` that no running build holds.
fn leftovers(parent: &Path) -> Result<Vec<Leftover>, WriteError> {
    let entries = match std::fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io(parent)(error)),
    };
    let mut found = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let aside = name.starts_with(ASIDE_PREFIX);
        let ours = aside || name.starts_with(STAGING_PREFIX);
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !ours || !is_dir || !path.join(MARKER).is_file() {
            continue;
        }
        // A lock taken here is let go at once: the folder is being removed
        // by this build, which is the only one that knows it is stale.
        if lock_marker(&path)?.is_some() {
            found.push(Leftover { bytes: bytes_under(&path), path, aside });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

fn bytes_under(folder: &Path) -> u64 {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// `1.9 GB`, `12 MB`, `640 kB`, `12 bytes`.
fn size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            return format!("{:.1} {name}", bytes as f64 / unit as f64);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(parent: &Path, name: &str) -> PathBuf {
        let folder = parent.join(name);
        std::fs::create_dir_all(folder.join("articles")).unwrap();
        std::fs::write(folder.join("articles/a.html"), "page").unwrap();
        std::fs::write(folder.join(MARKER), "").unwrap();
        folder
    }

    #[test]
    fn leftovers_are_removed_and_counted_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        owned(dir.path(), "public");
        owned(dir.path(), ".glose-staging-1");
        owned(dir.path(), ".glose-old-2");
        std::fs::create_dir(dir.path().join(".glose-staging-mine")).unwrap();
        let notes = tidy(&dir.path().join("public")).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("removed 2 folders"), "{notes:?}");
        assert!(!dir.path().join(".glose-staging-1").exists() && !dir.path().join(".glose-old-2").exists());
        assert!(dir.path().join(".glose-staging-mine").exists(), "a folder without the marker is not glose's");
        assert!(dir.path().join("public/articles/a.html").exists());
    }

    #[test]
    fn a_folder_a_running_build_holds_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let held = owned(dir.path(), ".glose-staging-1");
        let _lock = lock_marker(&held).unwrap().unwrap();
        assert!(tidy(&dir.path().join("public")).unwrap().is_empty());
        assert!(held.exists());
    }

    #[test]
    fn a_site_moved_aside_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        owned(dir.path(), ".glose-old-1");
        let notes = tidy(&dir.path().join("public")).unwrap();
        assert!(notes[0].starts_with("restored"), "{notes:?}");
        assert!(dir.path().join("public/articles/a.html").exists());
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(1_900_000_000), "1.9 GB");
        assert_eq!(size(640_000), "640.0 kB");
        assert_eq!(size(12), "12 bytes");
    }
}
