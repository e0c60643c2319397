//! The one rule for every path a build writes (the output folder, the zip):
//! never the digest's own files, never inside content/, seeds/ or
//! templates/, and never over anything glose did not write itself. It is
//! checked before any work, so a refused path costs nothing and changes
//! nothing.

use super::{MARKER, WriteError};
use std::path::{Component, Path, PathBuf};

/// The folders holding what the user wrote; nothing is ever written inside them.
pub const KEPT: [&str; 3] = ["content", "seeds", "templates"];

/// Written as the comment of every zip glose makes: the only kind of
/// existing file `--zip` may replace.
pub const ZIP_COMMENT: &str = "Written by `glose build --zip`, which replaces this file on every build.";

/// Where a build writes, checked and made absolute (links in the part that
/// exists resolved, so two spellings of one place compare equal).
#[derive(Debug, Clone)]
pub struct Destinations {
    pub out: PathBuf,
    pub zip: Option<PathBuf>,
}

/// Checks the output folder `out` and the zip file `zip` of a build of the
/// digest at `root` against the rule, before anything is read or written.
pub fn destinations(root: &Path, out: &Path, zip: Option<&Path>) -> Result<Destinations, WriteError> {
    let root = absolute(root)?;
    let out_absolute = absolute(out)?;
    check_out(&root, out, &out_absolute)?;
    let zip = match zip {
        Some(zip) => {
            let absolute = absolute(zip)?;
            check_zip(&root, &out_absolute, zip, &absolute)?;
            Some(absolute)
        }
        None => None,
    };
    Ok(Destinations { out: out_absolute, zip })
}

fn refused(option: &'static str, given: &Path, reason: impl Into<String>) -> WriteError {
    WriteError::Refused { option, path: given.display().to_string(), reason: reason.into() }
}

/// What both kinds of destination must not be: the digest, one of its
/// parents, or anything inside the folders the user writes.
fn check_place(option: &'static str, root: &Path, given: &Path, path: &Path) -> Result<(), WriteError> {
    if root.starts_with(path) {
        return Err(refused(option, given, "it is the digest's folder or one of its parents"));
    }
    for kept in KEPT {
        if path.starts_with(root.join(kept)) {
            return Err(refused(option, given, format!("it is inside {kept}/, which holds what you wrote")));
        }
    }
    Ok(())
}

/// The output folder may not hold or be what the user wrote, nor an
/// unrelated folder that happens to be there.
fn check_out(root: &Path, given: &Path, out: &Path) -> Result<(), WriteError> {
    check_place("--out", root, given, out)?;
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(refused("--out", given, "it is a file"));
    }
    let empty = std::fs::read_dir(out).map_err(super::io(out))?.next().is_none();
    if !empty && !out.join(MARKER).exists() {
        return Err(refused(
            "--out",
            given,
            format!("it is not empty and was not written by glose (it has no {MARKER} file)"),
        ));
    }
    Ok(())
}

/// The zip may replace only a zip glose wrote, and may not sit inside the
/// output folder, which every build replaces whole.
fn check_zip(root: &Path, out: &Path, given: &Path, zip: &Path) -> Result<(), WriteError> {
    check_place("--zip", root, given, zip)?;
    if zip.starts_with(out) {
        return Err(refused("--zip", given, "it is inside the output folder, which every build replaces"));
    }
    if zip.is_dir() {
        return Err(refused("--zip", given, "it is a folder"));
    }
    if zip.exists() && !written_by_glose(zip) {
        return Err(refused("--zip", given, "the file is there already and is not a zip that glose wrote"));
    }
    Ok(())
}

/// Whether the file at `path` is a zip carrying glose's comment. Only the
/// end of the file is read, however large it is.
fn written_by_glose(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return false };
    zip::ZipArchive::new(file).is_ok_and(|archive| archive.comment() == ZIP_COMMENT.as_bytes())
}

/// An absolute path with `.` and `..` folded, without requiring it to exist.
fn absolute(path: &Path) -> Result<PathBuf, WriteError> {
    let joined = std::path::absolute(path).map_err(super::io(path))?;
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
    // one folder compare equal (and a link into content/ is seen as such).
    let existing = clean.ancestors().find(|p| p.exists()).unwrap_or(Path::new("/"));
    let rest = clean.strip_prefix(existing).unwrap_or(Path::new("")).to_path_buf();
    let canonical = existing.canonicalize().map_err(super::io(existing))?;
    // Joining an empty rest would add a trailing `/` (and make a file look
    // like a folder that does not exist).
    Ok(if rest.as_os_str().is_empty() { canonical } else { canonical.join(rest) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for kept in KEPT {
            std::fs::create_dir(dir.path().join(kept)).unwrap();
        }
        std::fs::write(dir.path().join("content/site.toml"), "title = \"x\"\n").unwrap();
        dir
    }

    fn zip_refusal(root: &Path, zip: &str) -> Option<String> {
        destinations(root, &root.join("public"), Some(&root.join(zip))).err().map(|e| e.to_string())
    }

    #[test]
    fn a_zip_never_lands_on_what_the_user_wrote() {
        let dir = digest();
        for zip in ["content/site.toml", "seeds/new.zip", "templates/a/b.zip", ".", "..", "content"] {
            assert!(zip_refusal(dir.path(), zip).is_some(), "{zip} was allowed");
        }
        assert!(zip_refusal(dir.path(), "public/site.zip").unwrap().contains("inside the output folder"));
        assert!(zip_refusal(dir.path(), "site.zip").is_none());
    }

    #[test]
    fn a_zip_replaces_only_a_zip_glose_wrote() {
        let dir = digest();
        std::fs::write(dir.path().join("notes.zip"), "mine").unwrap();
        assert!(zip_refusal(dir.path(), "notes.zip").unwrap().contains("not a zip that glose wrote"));
        let mut ours = zip::ZipWriter::new(std::fs::File::create(dir.path().join("ours.zip")).unwrap());
        ours.set_comment(ZIP_COMMENT).unwrap();
        ours.finish().unwrap();
        assert!(zip_refusal(dir.path(), "ours.zip").is_none());
        let theirs = zip::ZipWriter::new(std::fs::File::create(dir.path().join("theirs.zip")).unwrap());
        theirs.finish().unwrap();
        assert!(zip_refusal(dir.path(), "theirs.zip").is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_content_is_seen_through() {
        let dir = digest();
        std::os::unix::fs::symlink(dir.path().join("content/site.toml"), dir.path().join("link.zip")).unwrap();
        assert!(zip_refusal(dir.path(), "link.zip").unwrap().contains("inside content/"));
        std::os::unix::fs::symlink(dir.path().join("seeds"), dir.path().join("out")).unwrap();
        assert!(destinations(dir.path(), &dir.path().join("out"), None).is_err());
    }
}
