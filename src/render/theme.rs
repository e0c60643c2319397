//! The theme: Tera templates and static files. The defaults are compiled
//! into the binary; a digest's own templates/ folder overrides them file by
//! file (templates/article.html replaces the built-in article page,
//! templates/static/glose.css the stylesheet) and may add files of its own.
//!
//! This is the one file that knows the template engine: everything else
//! hands [`Theme::render`] a template's name and a plain serde view.

use super::catalogue::Catalogue;
use super::error::RenderError;
use super::highlight;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use tera::Tera;

/// Built-in templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("source.html", include_str!("../../templates/source.html")),
    ("changes.html", include_str!("../../templates/changes.html")),
    ("timeline.html", include_str!("../../templates/timeline.html")),
    ("companies.html", include_str!("../../templates/companies.html")),
    ("company.html", include_str!("../../templates/company.html")),
    ("claims.html", include_str!("../../templates/claims.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("corrections.html", include_str!("../../templates/corrections.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("feed.xml", include_str!("../../templates/feed.xml")),
    ("corrections.xml", include_str!("../../templates/corrections.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("sitemap-index.xml", include_str!("../../templates/sitemap-index.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// Built-in static files, by path under the site root.
const ASSETS: &[(&str, &str)] = &[
    ("static/glose.css", include_str!("../../templates/static/glose.css")),
    ("static/search.js", include_str!("../../templates/static/search.js")),
];

pub struct Theme {
    tera: Tera,
    /// Whether the digest's templates/ holds a template of its own (an
    /// override or an addition), which may fail where the built-in ones do not.
    own_templates: bool,
    /// Static files to copy, by site path, sorted.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The language it was loaded for (the digest's tag, as written).
    pub language: String,
    /// The interface's words in that language.
    pub words: Arc<Catalogue>,
    /// Said once per build when the digest's language has no catalogue.
    pub words_note: Option<String>,
}

impl Theme {
    /// The built-in theme with `root/templates/` laid over it, speaking
    /// `language` (the digest's BCP 47 tag).
    pub fn load(root: &Path, language: &str) -> Result<Theme, Vec<RenderError>> {
        let dir = root.join("templates");
        let mut errors = Vec::new();
        let (words, words_note) = match Catalogue::load(&dir, language) {
            Ok((words, note)) => (Arc::new(words), note),
            Err((name, message)) => {
                errors.push(RenderError::Template { name, message });
                return Err(errors);
            }
        };
        let mut sources: BTreeMap<String, (String, Option<String>)> =
            TEMPLATES.iter().map(|(name, text)| (name.to_string(), (text.to_string(), None))).collect();
        for path in files_under(&dir).into_iter().filter(|p| is_template(&dir, p)) {
            let name = relative_name(&dir, &path);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    sources.insert(name, (text, Some(format!("templates/{}", relative_name(&dir, &path)))));
                }
                Err(e) => errors.push(RenderError::Template { name, message: e.to_string() }),
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on([".html"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("shorten", shorten_filter);
        tera.register_function("t", say(words.clone()));
        // Added together: a child template can only be checked once its
        // parent and the components it calls are known.
        let all = sources.iter().map(|(name, (text, _))| (name.as_str(), text.as_str()));
        if let Err(error) = tera.add_raw_templates(all) {
            let culprit = culprit(&error).and_then(|name| sources.get_key_value(name));
            let name =
                culprit.map_or("templates".to_string(), |(name, (_, file))| file.clone().unwrap_or(name.clone()));
            let mut message = error_chain(&error);
            if culprit.is_some_and(|(_, (text, _))| TERA_1.iter().any(|mark| text.contains(mark))) {
                message.push_str(TERA_1_NOTE);
            }
            errors.push(RenderError::Template { name, message });
        }
        let own_templates = sources.values().any(|(_, file)| file.is_some());
        let assets = assets(&dir, &mut errors);
        if errors.is_empty() {
            Ok(Theme { tera, own_templates, assets, language: language.to_string(), words, words_note })
        } else {
            Err(errors)
        }
    }

    /// Whether any template comes from the digest's templates/ folder.
    pub fn has_own_templates(&self) -> bool {
        self.own_templates
    }

    /// The template `name` filled in from `view`; the error is the engine's
    /// message with its causes, for the caller to place.
    pub fn render(&self, name: &str, view: &impl Serialize) -> Result<String, String> {
        let context = tera::Context::from_serialize(view).map_err(|e| error_chain(&e))?;
        self.tera.render(name, &context).map_err(|e| error_chain(&e))
    }

    /// The page `glose serve` shows while the build is broken, from a
    /// built-in template alone: the digest's own templates may be what
    /// failed.
    pub fn build_failed_page(report: &str) -> String {
        let mut context = tera::Context::new();
        context.insert("report", report);
        Tera::one_off(include_str!("../../templates/serve-error.html"), &context, true).unwrap_or_else(|_| {
            "<!DOCTYPE html><title>Build failed</title><p>The last rebuild failed; see the terminal.</p>".into()
        })
    }
}

/// `{{ quote | shorten(length=140) }}`: Tera's own `truncate` cuts inside
/// words, and in any script (see [`super::shorten`]).
fn shorten_filter(text: &str, args: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let length: u64 = args.get("length")?.ok_or_else(|| tera::Error::message("shorten: give length=N"))?;
    Ok(super::shorten::shorten(text, usize::try_from(length).unwrap_or(usize::MAX)))
}

/// `{{ t(key="nav.articles") }}`, `{{ t(key="index.articles", n=count) }}`:
/// a label of the catalogue, its form for the count `n` if it has forms,
/// with `{name}` filled from the other arguments. A key the catalogue does
/// not have is an error, so that a misspelt label fails the build.
fn say(
    words: Arc<Catalogue>,
) -> impl Fn(tera::Kwargs, &tera::State) -> tera::TeraResult<String> + Send + Sync + 'static {
    move |args: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
        let key: &str = args.get("key")?.ok_or_else(|| tera::Error::message("t: give key=\"section.word\""))?;
        if words.entry(key).is_none() {
            return Err(tera::Error::message(format!(
                "t: no label `{key}` in the interface catalogue (templates/i18n/en.toml)"
            )));
        }
        let values: Vec<(&str, String)> = args
            .iter()
            .filter_map(|(name, value)| name.as_str().map(|n| (n, value)))
            .filter(|(name, _)| !matches!(*name, "key" | "n"))
            .map(|(name, value)| (name, value.as_str().map_or_else(|| value.to_string(), str::to_string)))
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let n: Option<u64> = args.get::<tera::Value>("n")?.and_then(|v| v.as_u64());
        Ok(match n {
            Some(n) => words.count(key, n, &values),
            None => words.fill(key, &values),
        })
    }
}

/// What only a Tera 1 template says: glose moved to Tera 2, whose
/// components replace macros.
const TERA_1: &[&str] = &["{% macro", "{%- macro", "{% import", "{%- import", "m::", "self::"];
const TERA_1_NOTE: &str = " (this looks like a Tera 1 template: glose uses Tera 2, where macros are components; \
see docs/content-format.md, \"Templates are Tera 2\")";

/// The template an error is in, when the engine says.
fn culprit(error: &tera::Error) -> Option<&str> {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report.filename()),
        tera::ErrorKind::MissingParent { current, .. } => Some(current),
        tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::CircularInclude { tpl, .. } => Some(tpl),
        _ => None,
    }
}

/// Tera nests the useful message in its error sources.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

fn assets(dir: &Path, errors: &mut Vec<RenderError>) -> BTreeMap<String, Vec<u8>> {
    let mut assets: BTreeMap<String, Vec<u8>> =
        ASSETS.iter().map(|(path, text)| (path.to_string(), text.as_bytes().to_vec())).collect();
    assets.insert("static/highlight.css".into(), highlight::stylesheet().into_bytes());
    for path in files_under(&dir.join("static")) {
        let name = relative_name(dir, &path);
        match std::fs::read(&path) {
            Ok(bytes) => {
                assets.insert(name, bytes);
            }
            Err(e) => errors.push(RenderError::Template { name, message: e.to_string() }),
        }
    }
    assets
}

/// Tera's own escaping also writes `/` as `&#x2F;`, which HTML does not
/// need and which made every link in the output hard to read.
fn escape_html(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    super::seed_text::escape_into(&mut escaped, text);
    out.write_all(escaped.as_bytes())
}

/// Every `*.html` file is a template; so are the top-level `*.xml` and
/// `*.txt` files (feed.xml, sitemap.xml, robots.txt), which Tera does not
/// autoescape: those templates escape with `escape_xml` themselves.
fn is_template(dir: &Path, path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => true,
        Some("xml" | "txt") => path.parent() == Some(dir),
        _ => false,
    }
}

/// Files under `dir`, sorted, skipping hidden ones.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn relative_name(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
