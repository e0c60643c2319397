//! Stage 1, load: walk content/ and seeds/, read every file, split front
//! matter and deserialize it. Nothing is interpreted here; a problem with one
//! file never stops the others from loading.

pub mod article;
mod error;
pub mod front_matter;
mod reload;
pub mod site;

pub use error::LoadError;
pub use reload::reload;

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
    /// Article files that could not be read or parsed: which seeds they
    /// annotate is unknown.
    pub unparsed_articles: usize,
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
    raw.site = load_toml(root, &content.join("site.toml"), &mut raw.sources, &mut errors, true);
    raw.companies = load_toml(root, &content.join("companies.toml"), &mut raw.sources, &mut errors, false);
    raw.events = load_toml(root, &content.join("events.toml"), &mut raw.sources, &mut errors, false);
    let before = errors.len();
    raw.articles = load_articles(root, &mut raw.sources, &mut errors);
    raw.unparsed_articles = errors.len() - before;
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
        Ok(text) => Some(strip_bom(text)),
        Err(error) => {
            errors.push(LoadError::Unreadable { path: display_path(root, path), reason: error.to_string() });
            None
        }
    }
}

fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

fn load_toml<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    sources: &mut SourceMap,
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
    let text = read_text(root, path, errors)?;
    let id = sources.add(display_path(root, path), path.to_path_buf(), text);
    match parse_toml(&sources.get(id).text, id) {
        Ok(value) => Some((id, value)),
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

/// Deserializes TOML whose byte offsets are those of source `id`, so the
/// spans serde records (`Spanned` fields) point into the file as it is.
fn parse_toml<T: DeserializeOwned>(toml_text: &str, id: SourceId) -> Result<T, LoadError> {
    toml::from_str(toml_text).map_err(|error| {
        let bytes = error.span().unwrap_or(0..0);
        LoadError::Toml { span: Span::new(id, bytes), message: error.message().to_string() }
    })
}

/// The front matter with everything before it blanked out (line breaks
/// kept): TOML that parses the same, at the same offsets as in the file.
fn front_matter_in_place(text: &str, front_matter: Range<usize>) -> String {
    let mut toml = String::with_capacity(front_matter.end);
    for c in text[..front_matter.start].chars() {
        match c {
            '\n' | '\r' => toml.push(c),
            // A blanked character keeps its byte length.
            other => toml.extend(std::iter::repeat_n(' ', other.len_utf8())),
        }
    }
    toml.push_str(&text[front_matter]);
    toml
}

/// Files directly in `dir` with the given extension (or any, if `None`),
/// sorted by name so the result never depends on the file system's order.
fn list_files(dir: &Path, extension: Option<&str>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .filter(|path| !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .filter(|path| extension.is_none_or(|ext| path.extension().is_some_and(|e| e == ext)))
        .collect();
    files.sort();
    files
}

fn load_articles(root: &Path, sources: &mut SourceMap, errors: &mut Vec<LoadError>) -> Vec<RawArticle> {
    let paths = list_files(&root.join("content").join("articles"), Some("md"));
    let texts: Vec<_> = paths.par_iter().map(|path| std::fs::read_to_string(path).map(strip_bom)).collect();
    let mut ids = Vec::new();
    for (path, text) in paths.iter().zip(texts) {
        match text {
            Ok(text) => ids.push(sources.add(display_path(root, path), path.clone(), text)),
            Err(error) => {
                errors.push(LoadError::Unreadable { path: display_path(root, path), reason: error.to_string() })
            }
        }
    }
    let sources = &*sources;
    let results: Vec<Result<RawArticle, LoadError>> = ids.par_iter().map(|&id| parse_article(sources, id)).collect();
    let mut articles = Vec::new();
    for result in results {
        match result {
            Ok(article) => articles.push(article),
            Err(error) => errors.push(error),
        }
    }
    articles
}

fn parse_article(sources: &SourceMap, id: SourceId) -> Result<RawArticle, LoadError> {
    let file = sources.get(id);
    let slug = file.full_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if !is_slug(&slug) {
        return Err(LoadError::BadSlug { span: sources.file_span(id), name: slug });
    }
    let parts = front_matter::split(&file.text).map_err(|error| match error {
        front_matter::SplitError::NoOpening => LoadError::NoFrontMatter { span: sources.file_span(id) },
        front_matter::SplitError::NoClosing => LoadError::UnclosedFrontMatter { span: sources.file_span(id) },
    })?;
    let front = parse_toml(&front_matter_in_place(&file.text, parts.front_matter), id)?;
    Ok(RawArticle { source: id, slug, front, body: parts.body })
}

/// Page names are lowercase ASCII words joined by hyphens, so they are the
/// same file on every system and need no escaping in a URL.
pub fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn load_seeds(root: &Path, sources: &mut SourceMap, errors: &mut Vec<LoadError>) -> (Vec<Seed>, Vec<String>) {
    let paths = list_files(&root.join("seeds"), None);
    let read: Vec<_> = paths.par_iter().map(std::fs::read).collect();
    let mut seeds = Vec::new();
    let mut unreadable = Vec::new();
    for (path, bytes) in paths.iter().zip(read) {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match bytes {
            Err(error) => {
                unreadable.push(file_name);
                errors.push(LoadError::Unreadable { path: display_path(root, path), reason: error.to_string() })
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => seeds.push(Seed { file_name, text: normalize_seed(text).into() }),
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

/// Strips a BOM and turns CRLF (and lone CR) into LF. Quotes are written
/// without line breaks' `\r`, so this is what keeps anchors exact.
fn normalize_seed(text: String) -> String {
    let text = strip_bom(text);
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_bom_and_crlf_are_normalized() {
        assert_eq!(normalize_seed("\u{feff}a\r\nb\rc".into()), "a\nb\nc");
    }

    #[test]
    fn front_matter_keeps_its_offsets_in_the_file() {
        let text = "+++\r\ntitle = \"x\"\r\n+++\r\nbody";
        let parts = front_matter::split(text).unwrap();
        let toml = front_matter_in_place(text, parts.front_matter);
        assert_eq!(toml, "   \r\ntitle = \"x\"\r\n");
        assert_eq!(toml.find("title"), text.find("title"));
    }

    #[test]
    fn slugs_are_lowercase_words() {
        assert!(is_slug("google-tpu-deal-2"));
        assert!(!is_slug("Google"));
        assert!(!is_slug("a b"));
        assert!(!is_slug("../x"));
        assert!(!is_slug(""));
    }
}
