//! The offline bundle (`glose build --zip FILE`): the rendered site as one
//! zip file, to download and read without a network. Its entries sit in one
//! folder named after the file (`digest.zip` unpacks into `digest/`), so
//! unpacking does not scatter pages; open `index.html` inside it. Every link
//! of the site is relative, so the unpacked folder works from disk.
//!
//! The zip is reproducible: entries sorted by path, every timestamp the
//! zip epoch (1980-01-01), fixed permissions. It is written to a temporary
//! file beside `FILE` and renamed into place, so a failed run leaves any
//! previous bundle whole.

use crate::diagnostic::Diagnostic;
use crate::render::OutputFile;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    #[error("cannot write the zip file {path}: {reason}")]
    Io { path: String, reason: String },
}

impl BundleError {
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            BundleError::Io { .. } => Diagnostic::error("zip-failed", self.to_string())
                .hint("check that the zip's folder is writable; the site itself was written"),
        }
    }
}

/// The folder the bundle at `path` unpacks into: the file's name without
/// its extension.
pub fn folder_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "site".into())
}

/// Writes the site in the folder `site` (as a build left it) into a zip at
/// `path`, under [`folder_name`]. Files are read one at a time, so the
/// bundle of a large digest is never held in memory.
pub fn write_zip(site: &Path, path: &Path) -> Result<(), BundleError> {
    let failed = |reason: String| BundleError::Io { path: path.display().to_string(), reason };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(|e| failed(e.to_string()))?;
    let temp = tempfile::Builder::new().prefix(".glose-zip-").tempfile_in(parent).map_err(|e| failed(e.to_string()))?;
    let entries = site_files(site);
    let read = |relative: &String| {
        std::fs::read(site.join(relative)).map(|bytes| OutputFile { path: relative.clone(), bytes })
    };
    write_entries(temp.as_file(), &folder_name(path), entries.iter().map(read)).map_err(|e| failed(e.to_string()))?;
    // A temporary file is private (0600); the bundle is meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(|e| failed(e.to_string()))?;
    }
    temp.persist(path).map_err(|e| failed(e.error.to_string()))?;
    Ok(())
}

/// The site's files as sorted relative paths, leaving out glose's marker.
fn site_files(site: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != crate::write::MARKER)
        .filter_map(|e| {
            e.path()
                .strip_prefix(site)
                .ok()
                .map(|p| p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        })
        .collect();
    files.sort();
    files
}

/// Writes `files` (in the order given) under `folder/` as a zip to `out`.
fn write_entries<W: Write + std::io::Seek>(
    out: W,
    folder: &str,
    files: impl Iterator<Item = std::io::Result<OutputFile>>,
) -> zip::result::ZipResult<()> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(out);
    writer.set_comment(crate::write::ZIP_COMMENT)?;
    for file in files {
        let file = file?;
        writer.start_file(format!("{folder}/{}", file.path), options)?;
        writer.write_all(&file.bytes)?;
    }
    writer.finish()?;
    Ok(())
}

/// The zip archive of `files` under `folder/`, in memory.
#[cfg(test)]
fn zip_bytes(files: &[OutputFile], folder: &str) -> zip::result::ZipResult<Vec<u8>> {
    let mut sorted: Vec<&OutputFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut bytes = std::io::Cursor::new(Vec::new());
    write_entries(&mut bytes, folder, sorted.into_iter().map(|f| Ok(f.clone())))?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Vec<OutputFile> {
        vec![
            OutputFile { path: "static/glose.css".into(), bytes: b"body{}".to_vec() },
            OutputFile { path: "index.html".into(), bytes: b"<!DOCTYPE html>".to_vec() },
        ]
    }

    #[test]
    fn the_same_site_gives_the_same_bytes() {
        // No clock, no file-system order: a bundle can be compared or cached.
        let mut reversed = site();
        reversed.reverse();
        assert_eq!(zip_bytes(&site(), "d").unwrap(), zip_bytes(&reversed, "d").unwrap());
    }

    #[test]
    fn entries_are_sorted_under_one_folder() {
        let bytes = zip_bytes(&site(), "digest").unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> =
            (0..archive.len()).map(|i| archive.by_index(i).unwrap().name().unwrap().to_string()).collect();
        assert_eq!(names, ["digest/index.html", "digest/static/glose.css"]);
    }

    #[test]
    fn the_folder_is_named_after_the_file() {
        assert_eq!(folder_name(Path::new("out/glose-preview.zip")), "glose-preview");
    }
}
