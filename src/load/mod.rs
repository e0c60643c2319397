//! Stage 1, load: walk content/ and seeds/, read every file, split front
//! matter and deserialize it. Nothing is interpreted here; a problem with one
//! file never stops the others from loading.

pub mod article;
mod error;
pub mod front_matter;
mod recover;
mod reload;
pub mod site;

pub use error::LoadError;
pub use recover::Recovered;
pub use reload::{Reloaded, reload};

use crate::source::{SourceId, SourceMap, Span};
use article::ArticleFile;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use site::{CompaniesFile, EventsFile, SiteEntry};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything read from disk, deserialized but unchecked.
#[derive(Debug, Default)]
pub struct RawDigest {
    pub sources: SourceMap,
    pub site: Option<(SourceId, SiteEntry)>,
    pub companies: Option<(SourceId, CompaniesFile)>,
    pub events: Option<(SourceId, EventsFile)>,
    pub articles: Vec<RawArticle>,
    pub seeds: Vec<Seed>,
    /// Article files that could not be read or made out at all, by slug,
    /// with where the reason was reported (when it has a place): which
    /// seeds they annotate is unknown, and links to them are not reported
    /// again.
    pub unparsed: Vec<(String, Option<Span>)>,
    /// Where a problem was reported and a value made up, so that nothing
    /// later reports it again.
    pub recovered: Vec<Recovered>,
    /// Seeds that exist but could not be read as text; articles naming
    /// them are not reported again.
    pub unreadable_seeds: Vec<String>,
}

/// One content/articles/SLUG.md.
#[derive(Debug)]
pub struct RawArticle {
    pub source: SourceId,
    pub slug: String,
    pub front: ArticleFile,
    /// The Markdown body, as a byte range of the file.
    pub body: Range<usize>,
}

/// A seed as received, BOM stripped and CRLF turned into LF so that anchors
/// are the same whatever editor last saved it. Shared, never copied per page.
#[derive(Debug, Clone)]
pub struct Seed {
    pub file_name: String,
    pub text: Arc<str>,
}

/// Reads the digest at `root`. Returns what could be read and every problem.
pub fn load(root: &Path) -> (RawDigest, Vec<LoadError>) {
    let mut raw = RawDigest::default();
    let mut errors = Vec::new();
    if let Err(error) = digest_folder(root) {
        // Naming the folder says more than listing every file it lacks.
        return (raw, vec![error]);
    }
    let content = root.join("content");
    raw.site = load_toml(root, &content.join("site.toml"), &mut raw, &mut errors, true);
    raw.companies = load_toml(root, &content.join("companies.toml"), &mut raw, &mut errors, false);
    raw.events = load_toml(root, &content.join("events.toml"), &mut raw, &mut errors, false);
    load_articles(root, &mut raw, &mut errors);
    (raw.seeds, raw.unreadable_seeds) = load_seeds(root, &mut raw.sources, &mut errors);
    (raw, errors)
}

/// `Ok` when `root` is a folder (whether it holds a digest is for the
/// loader to say); otherwise the error naming it.
pub fn digest_folder(root: &Path) -> Result<(), LoadError> {
    let reason = match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => return Ok(()),
        Ok(_) => "is a file, not a folder",
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => "does not exist",
        Err(_) => "cannot be read",
    };
    Err(LoadError::NotAFolder { path: root.display().to_string(), reason })
}

/// The path shown in messages: relative to the root, with `/`.
fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn read_text(root: &Path, path: &Path, errors: &mut Vec<LoadError>) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(normalize_text(text)),
        Err(error) => {
            errors.push(LoadError::Unreadable { path: display_path(root, path), reason: error.to_string() });
            None
        }
    }
}

fn load_toml<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    raw: &mut RawDigest,
    errors: &mut Vec<LoadError>,
    required: bool,
) -> Option<(SourceId, T)> {
    if !path.exists() {
        if required {
            errors.push(LoadError::Missing {
                path: display_path(root, path),
                hint: "every digest needs content/site.toml with at least `title`, `description` and `language` (see docs/content-format.md); run glose in the digest's folder, or name it with `--root`".into(),
            });
        }
        return None;
    }
    let path = inside_digest(root, vec![path.to_path_buf()], errors).0.pop()?;
    let path = path.as_path();
    let text = read_text(root, path, errors)?;
    let id = raw.sources.add(display_path(root, path), path.to_path_buf(), text);
    let parsed = recover::parse(&raw.sources.get(id).text, id);
    errors.extend(parsed.errors);
    raw.recovered.extend(parsed.recovered);
    Some((id, parsed.value?))
}

/// Files directly in `dir` with the given extension (or any, if `None`),
/// sorted by name so the result never depends on the file system's order.
/// Symbolic links are listed too; [`inside_digest`] says which to follow.
fn list_files(dir: &Path, extension: Option<&str>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file() || entry.file_type().is_symlink())
        .map(|entry| entry.into_path())
        .filter(|path| !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .filter(|path| extension.is_none_or(|ext| path.extension().is_some_and(|e| e == ext)))
        .collect();
    files.sort();
    files
}

/// The files of `paths` glose may read. A symbolic link is followed when it
/// leads to a file inside the digest, and refused when it leads outside:
/// a digest from someone else (a pull request) could otherwise publish any
/// file of the machine that builds it, as a seed's text.
/// The second list holds the links refused, so that what refers to them is
/// not reported again.
fn inside_digest(root: &Path, paths: Vec<PathBuf>, errors: &mut Vec<LoadError>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let Ok(digest) = root.canonicalize() else { return (paths, Vec::new()) };
    let (mut kept, mut refused) = (Vec::new(), Vec::new());
    for path in paths {
        if !path.is_symlink() {
            kept.push(path);
            continue;
        }
        let target = std::fs::read_link(&path).map(|t| t.display().to_string()).unwrap_or_default();
        let link = display_path(root, &path);
        match path.canonicalize() {
            Ok(resolved) if resolved.starts_with(&digest) => {
                if resolved.is_file() {
                    kept.push(path);
                }
            }
            Ok(resolved) => {
                errors.push(LoadError::LinkOutside { path: link, target, resolved: resolved.display().to_string() });
                refused.push(path);
            }
            Err(_) => {
                let reason = format!("it is a link to {target}, which does not exist");
                errors.push(LoadError::Unreadable { path: link, reason });
                refused.push(path);
            }
        }
    }
    (kept, refused)
}

fn load_articles(root: &Path, raw: &mut RawDigest, errors: &mut Vec<LoadError>) {
    let (paths, refused) = inside_digest(root, list_files(&root.join("content").join("articles"), Some("md")), errors);
    for path in refused {
        raw.unparsed.push((path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(), None));
    }
    let texts: Vec<_> = paths.par_iter().map(|path| std::fs::read_to_string(path).map(normalize_text)).collect();
    let mut ids = Vec::new();
    for (path, text) in paths.iter().zip(texts) {
        match text {
            Ok(text) => ids.push(raw.sources.add(display_path(root, path), path.clone(), text)),
            Err(error) => {
                let slug = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                raw.unparsed.push((slug, None));
                errors.push(LoadError::Unreadable { path: display_path(root, path), reason: error.to_string() })
            }
        }
    }
    let sources = &raw.sources;
    let results: Vec<article::ParsedArticle> = ids.par_iter().map(|&id| article::parse(sources, id)).collect();
    for (id, parsed) in ids.into_iter().zip(results) {
        match parsed.article {
            Some(article) => raw.articles.push(article),
            None => {
                let slug = raw.sources.get(id).full_path.file_stem().map(|s| s.to_string_lossy().into_owned());
                raw.unparsed.push((slug.unwrap_or_default(), parsed.errors.first().and_then(LoadError::span)));
            }
        }
        errors.extend(parsed.errors);
        raw.recovered.extend(parsed.recovered);
    }
}

/// The longest page name or id: the longest file name glose derives from
/// one, `articles/NAME.source.html`, must fit the 255 bytes that file
/// systems allow a file name.
pub const MAX_NAME: usize = 255 - ".source.html".len();

/// What can be wrong with a page name or an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFault {
    /// Not lowercase ASCII words joined by hyphens.
    Characters,
    /// Longer than [`MAX_NAME`] bytes (its length).
    Length(usize),
}

impl std::fmt::Display for NameFault {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            NameFault::Characters => write!(f, "is not lowercase words joined by hyphens"),
            NameFault::Length(len) => write!(f, "is {len} bytes long, more than the {MAX_NAME} a file name allows"),
        }
    }
}

/// Page names and ids are lowercase ASCII words joined by hyphens, so they
/// are the same file on every system and need no escaping in a URL, and
/// short enough for every file name made from them.
pub fn name_fault(name: &str) -> Option<NameFault> {
    let words = !name.is_empty()
        && !name.starts_with('-')
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    match () {
        _ if !words => Some(NameFault::Characters),
        _ if name.len() > MAX_NAME => Some(NameFault::Length(name.len())),
        _ => None,
    }
}

pub fn is_slug(name: &str) -> bool {
    name_fault(name).is_none()
}

/// A name as a message shows it: whole when short, its start otherwise.
pub fn shown_name(name: &str) -> String {
    match name.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &name[..at]),
        None => name.to_string(),
    }
}

fn load_seeds(root: &Path, sources: &mut SourceMap, errors: &mut Vec<LoadError>) -> (Vec<Seed>, Vec<String>) {
    let (paths, refused) = inside_digest(root, list_files(&root.join("seeds"), None), errors);
    let read: Vec<_> = paths.par_iter().map(std::fs::read).collect();
    let mut seeds = Vec::new();
    let mut unreadable: Vec<String> =
        refused.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    for (path, bytes) in paths.iter().zip(read) {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match bytes {
            Err(error) => {
                unreadable.push(file_name);
                errors.push(LoadError::Unreadable { path: display_path(root, path), reason: error.to_string() })
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => seeds.push(Seed { file_name, text: normalize_text(text).into() }),
                Err(error) => {
                    let at = error.utf8_error().valid_up_to();
                    let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
                    let id = sources.add(display_path(root, path), path.clone(), lossy);
                    // The lossy copy shows the invalid byte as U+FFFD, three bytes long.
                    errors.push(LoadError::SeedNotUtf8 { span: Span::new(id, at..at + '\u{fffd}'.len_utf8()) });
                    unreadable.push(file_name);
                }
            },
        }
    }
    (seeds, unreadable)
}

/// Every text file glose reads, seeds and annotation files alike: a BOM
/// stripped, CRLF (and a lone CR) turned into LF. A quote that spans a line
/// break in a file saved on Windows then holds `\n`, as the seed does, so
/// anchors are exact whatever editor saved either file.
fn normalize_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_bom_and_crlf_are_normalized() {
        assert_eq!(normalize_text("\u{feff}a\r\nb\rc".into()), "a\nb\nc");
    }

    #[test]
    fn slugs_are_lowercase_words() {
        assert!(is_slug("google-tpu-deal-2"));
        assert!(!is_slug("Google"));
        assert!(!is_slug("a b"));
        assert!(!is_slug("../x"));
        assert!(!is_slug(""));
        assert!(is_slug(&"a".repeat(MAX_NAME)) && !is_slug(&"a".repeat(MAX_NAME + 1)));
    }
}
