//! Reading again only what changed, for `serve`: an edited article or seed
//! replaces its old self in the [`RawDigest`], keeping its source id, so
//! that everything else (and what later stages cached about it) stands.

use super::{RawDigest, article, normalize_text};
use crate::source::SourceId;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// What an edit to one path asks of the loader.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    Article(SourceId, PathBuf),
    Seed(usize, PathBuf),
    /// A file was added, removed or is one every article depends on.
    Everything,
    /// A file under templates/.
    Template,
    /// Not content (an editor's temporary file, a file elsewhere).
    Nothing,
}

/// What [`reload`] read again.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Reloaded {
    /// The article files edited in place, each once.
    pub articles: Vec<SourceId>,
    /// Whether any seed changed.
    pub seeds: bool,
    /// Whether anything under templates/ changed (nothing is read of it here).
    pub templates: bool,
}

/// Reads the `changed` paths into `raw`, saying what changed. `None` when
/// that cannot be done in place (a file added or removed, an article that no
/// longer parses, a change to site.toml, companies.toml or events.toml) and
/// a full load is needed; `raw` may then be half updated and must be dropped.
pub fn reload(root: &Path, raw: &mut RawDigest, changed: &[PathBuf]) -> Option<Reloaded> {
    let folders = Folders::of(root);
    let changes: Vec<Change> = changed.iter().map(|path| classify(&folders, raw, path)).collect();
    if changes.contains(&Change::Everything) {
        return None;
    }
    let mut reloaded = Reloaded::default();
    for change in changes {
        let read = match change {
            Change::Article(id, path) => {
                if !reloaded.articles.contains(&id) {
                    reloaded.articles.push(id);
                }
                reload_article(raw, id, &path)
            }
            Change::Seed(index, path) => {
                reloaded.seeds = true;
                reload_seed(raw, index, &path)
            }
            Change::Template => {
                reloaded.templates = true;
                true
            }
            Change::Everything => false,
            Change::Nothing => true,
        };
        if !read {
            return None;
        }
    }
    Some(reloaded)
}

/// The folders a change may fall in, canonical: the watcher reports
/// absolute paths, whatever form the root was given in, and through
/// symbolic links they may even name another folder.
struct Folders {
    content: PathBuf,
    articles: PathBuf,
    seeds: PathBuf,
    templates: PathBuf,
}

impl Folders {
    fn of(root: &Path) -> Folders {
        let content = canonical(&root.join("content"));
        Folders {
            articles: canonical(&content.join("articles")),
            seeds: canonical(&root.join("seeds")),
            templates: canonical(&root.join("templates")),
            content,
        }
    }
}

/// `path` with its folder canonicalised (the file itself may be gone), or
/// as it is when even its folder is.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    match (path.parent().map(Path::canonicalize), path.file_name()) {
        (Some(Ok(folder)), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

fn classify(folders: &Folders, raw: &RawDigest, path: &Path) -> Change {
    let path = &canonical(path);
    let hidden = path.file_name().is_none_or(|n| n.to_string_lossy().starts_with('.'));
    let exists = path.is_file();
    let in_folder = |folder: &Path| path.parent() == Some(folder) && !hidden;
    if ["site.toml", "companies.toml", "events.toml"].iter().any(|name| *path == folders.content.join(name)) {
        return Change::Everything;
    }
    if in_folder(&folders.articles) && path.extension().is_some_and(|e| e == "md") {
        return match (path.file_name().and_then(|name| article_named(raw, name)), exists) {
            (Some(id), true) => Change::Article(id, path.to_path_buf()),
            (None, false) => Change::Nothing,
            _ => Change::Everything,
        };
    }
    if in_folder(&folders.seeds) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let index = raw.seeds.iter().position(|s| s.file_name == name);
        return match (index, exists) {
            (Some(index), true) => Change::Seed(index, path.to_path_buf()),
            (None, false) => Change::Nothing,
            _ => Change::Everything,
        };
    }
    if path.starts_with(&folders.templates) && !hidden {
        return Change::Template;
    }
    Change::Nothing
}

/// The article read from the file `name`. A look through the list costs
/// less than a table of every file name made again for each edit.
fn article_named(raw: &RawDigest, name: &OsStr) -> Option<SourceId> {
    let named = |a: &&super::RawArticle| raw.sources.get(a.source).full_path.file_name() == Some(name);
    raw.articles.iter().find(named).map(|a| a.source)
}

fn reload_article(raw: &mut RawDigest, id: SourceId, path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    raw.sources.replace(id, normalize_text(text));
    let parsed = article::parse(&raw.sources, id);
    let (Some(article), true) = (parsed.article, parsed.errors.is_empty()) else { return false };
    match raw.articles.iter_mut().find(|a| a.source == id) {
        Some(slot) => {
            *slot = article;
            true
        }
        None => false,
    }
}

fn reload_seed(raw: &mut RawDigest, index: usize, path: &Path) -> bool {
    match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => {
            raw.seeds[index].text = normalize_text(text).into();
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the small fixture digest, loaded.
    fn digest() -> (tempfile::TempDir, RawDigest) {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for folder in ["content", "content/articles", "seeds"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            for file in super::super::list_files(&fixture.join(folder), None) {
                std::fs::copy(&file, dir.path().join(folder).join(file.file_name().unwrap())).unwrap();
            }
        }
        let (raw, errors) = super::super::load(dir.path());
        assert!(errors.is_empty());
        (dir, raw)
    }

    #[test]
    fn an_edited_article_is_replaced_in_place() {
        let (dir, mut raw) = digest();
        let path = dir.path().join("content/articles/acme-globex-fr.md");
        let id = SourceId(raw.sources.iter().position(|f| f.full_path == path).unwrap());
        let text = std::fs::read_to_string(&path).unwrap().replace("Acme signe avec Globex", "Titre revu");
        std::fs::write(&path, text).unwrap();
        let reloaded = reload(dir.path(), &mut raw, &[path.clone(), path.clone()]).expect("read in place");
        assert_eq!(reloaded, Reloaded { articles: vec![id], seeds: false, templates: false }, "each article once");
        let article = raw.articles.iter().find(|a| a.source == id).unwrap();
        assert_eq!(article.front.title, "Titre revu");
    }

    #[test]
    fn an_edited_seed_gets_new_text() {
        let (dir, mut raw) = digest();
        let path = dir.path().join("seeds/a-fr.txt");
        std::fs::write(&path, "New text.\r\n").unwrap();
        assert!(reload(dir.path(), &mut raw, &[path]).is_some_and(|r| r.seeds));
        assert_eq!(&*raw.seeds.iter().find(|s| s.file_name == "a-fr.txt").unwrap().text, "New text.\n");
    }

    #[test]
    fn added_removed_broken_and_shared_files_need_a_full_load() {
        let (dir, mut raw) = digest();
        let root = dir.path();
        let new = root.join("content/articles/b.md");
        std::fs::write(&new, "+++\n+++\n").unwrap();
        assert!(reload(root, &mut raw, &[new]).is_none());
        assert!(reload(root, &mut raw, &[root.join("content/companies.toml")]).is_none());
        let seed = root.join("seeds/a-fr.txt");
        std::fs::remove_file(&seed).unwrap();
        assert!(reload(root, &mut raw, &[seed]).is_none());
        let (dir, mut raw) = digest();
        let article = dir.path().join("content/articles/acme-globex-fr.md");
        std::fs::write(&article, "+++\nseed = \n+++\n").unwrap();
        assert!(reload(dir.path(), &mut raw, &[article]).is_none());
    }

    #[test]
    fn templates_and_vanished_temporary_files_change_no_content() {
        let (dir, mut raw) = digest();
        let root = dir.path();
        let paths = [root.join("content/articles/.acme-globex-fr.md.swp"), root.join("content/articles/gone.md")];
        assert_eq!(reload(root, &mut raw, &paths), Some(Reloaded::default()));
        std::fs::create_dir(root.join("templates")).unwrap();
        let template = root.join("templates/article.html");
        std::fs::write(&template, "x").unwrap();
        assert!(reload(root, &mut raw, &[template]).is_some_and(|r| r.templates && r.articles.is_empty()));
    }
}
