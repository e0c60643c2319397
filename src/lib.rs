//! glose turns news articles ("seeds") and the annotations editors write
//! about them into a static, plain-HTML digest: each article becomes a page
//! with its claims highlighted where they stand and annotated beside them,
//! and the digest gets an index, a timeline, a page per company and a page of
//! all claims. Every link is relative, so the site works from disk, at a
//! domain root or under any sub-path.
//!
//! The pipeline has five stages, each returning a new type:
//!
//! 1. [`load`]: read content/ and seeds/ → [`load::RawDigest`]
//! 2. [`resolve`]: anchor quotes, check ids and references → [`resolve::ResolvedDigest`]
//! 3. [`model`]: build the cross-link graph → [`model::Digest`]
//! 4. [`render`]: Tera templates → [`render::OutputFile`]s in memory
//! 5. [`write`]: to a temporary folder, then swapped into the output folder
//!
//! Every stage reports all the problems it finds as [`diagnostic::Diagnostic`]s.
//!
//! ```no_run
//! let options = glose::BuildOptions::new("my-digest");
//! let report = glose::build(&options);
//! eprint!("{}", report.diagnostics.render(&report.sources));
//! assert!(report.succeeded());
//! ```

pub mod diagnostic;
pub mod diff;
pub mod bundle;
pub mod load;
pub mod model;
mod options;
pub mod render;
pub mod resolve;
pub mod revision;
pub mod scaffold;
pub mod serve;
pub mod source;
pub mod write;

pub use options::{BuildOptions, base_url};

use diagnostic::Diagnostics;
use source::SourceMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a run did: its diagnostics (with the files they point into) and, on
/// success, what was produced.
#[derive(Debug)]
pub struct Report {
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
    pub stats: Option<Stats>,
}

impl Report {
    pub fn succeeded(&self) -> bool {
        self.stats.is_some() && !self.diagnostics.has_errors()
    }
}

/// Counts shown after a build.
#[derive(Debug, Clone)]
pub struct Stats {
    pub pages: usize,
    pub files: usize,
    pub articles: usize,
    pub claims: usize,
    pub elapsed: Duration,
    /// Things the user should know that are not problems, one line each
    /// (such as the feed being skipped for want of a base URL).
    pub notes: Vec<String>,
}

/// Load, resolve and model the digest at `root`: the model on success, and
/// every diagnostic (warnings included) either way.
pub fn model_digest(root: &Path) -> (SourceMap, Diagnostics, Option<model::Digest>) {
    let mut diagnostics = Diagnostics::default();
    let (raw, load_errors) = load::load(root);
    diagnostics.extend(load_errors.iter().map(load::LoadError::diagnostic));
    let (resolved, resolve_errors) = resolve::resolve(&raw);
    diagnostics.extend(resolve_errors.iter().map(resolve::ResolveError::diagnostic));
    let sources = raw.sources;
    diagnostics.sort(&sources);
    match resolved {
        Some(resolved) if !diagnostics.has_errors() => (sources, diagnostics, Some(model::Digest::build(resolved))),
        _ => (sources, diagnostics, None),
    }
}

/// Load, resolve, model and render; `None` plus diagnostics on any error.
fn run_to_render(options: &BuildOptions) -> (SourceMap, Diagnostics, Option<(model::Digest, Vec<render::OutputFile>)>) {
    let mut overrides = Diagnostics::default();
    let base_url = base_url_override(options, &mut overrides);
    let (sources, mut diagnostics, digest) = model_digest(&options.root);
    diagnostics.extend(overrides.list);
    let Some(mut digest) = digest.filter(|_| !diagnostics.has_errors()) else { return (sources, diagnostics, None) };
    if base_url.is_some() {
        digest.site.base_url = base_url;
    }
    let changes = match &options.changes_since {
        Some(base) => match changes_since(&options.root, base, &digest) {
            Ok(changes) => Some(changes),
            Err(errors) => {
                diagnostics.extend(errors);
                return (sources, diagnostics, None);
            }
        },
        None => None,
    };
    let rendered = render::Theme::load(&options.root).and_then(|theme| render::render(&digest, &theme, changes.as_ref()));
    let result = match rendered {
        Ok(files) => Some((digest, files)),
        Err(errors) => {
            diagnostics.extend(errors.iter().map(render::RenderError::diagnostic));
            None
        }
    };
    diagnostics.sort(&sources);
    (sources, diagnostics, result)
}

/// The claim diff between `base` (a git revision) and `head` (a revision,
/// or the working tree when `None`) of the digest at `root`.
pub fn diff(root: &Path, base: &str, head: Option<&str>) -> Result<diff::DigestDiff, (SourceMap, Diagnostics)> {
    let fail = |d: diagnostic::Diagnostic| {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(d);
        (SourceMap::default(), diagnostics)
    };
    let old = revision::snapshot(root, base).map_err(|e| fail(e.diagnostic()))?;
    let old = modelled(&old.root(), base)?;
    let new = match head {
        Some(head) => {
            let snapshot = revision::snapshot(root, head).map_err(|e| fail(e.diagnostic()))?;
            modelled(&snapshot.root(), head)?
        }
        None => modelled(root, "working tree")?,
    };
    Ok(diff::compare(&old, &new, base, head.unwrap_or("working tree")))
}

/// The model of one side of a diff, or why that side does not build.
fn modelled(root: &Path, name: &str) -> Result<model::Digest, (SourceMap, Diagnostics)> {
    let (sources, mut diagnostics, digest) = model_digest(root);
    match digest {
        Some(digest) => Ok(digest),
        None => {
            diagnostics.push(
                diagnostic::Diagnostic::error("revision-does-not-build", format!("the digest at {name} has errors, so it cannot be compared"))
                    .hint("fix them first; `glose check` lists them"),
            );
            Err((sources, diagnostics))
        }
    }
}

/// For `build --changes-since BASE`: the diff from BASE to what is built.
fn changes_since(root: &Path, base: &str, digest: &model::Digest) -> Result<diff::DigestDiff, Vec<diagnostic::Diagnostic>> {
    let snapshot = revision::snapshot(root, base).map_err(|e| vec![e.diagnostic()])?;
    let (_, diagnostics, old) = model_digest(&snapshot.root());
    let old = old.ok_or_else(|| {
        let mut list = vec![diagnostic::Diagnostic::error("revision-does-not-build", format!("the digest at {base} has errors, so it cannot be compared"))];
        list.extend(diagnostics.list.into_iter().filter(|d| d.severity == diagnostic::Severity::Error).map(|mut d| {
            d.span = None;
            d
        }));
        list
    })?;
    Ok(diff::compare(&old, digest, base, "this build"))
}

/// `options.base_url` (which overrides site.toml's), checked and normalised.
fn base_url_override(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Option<String> {
    let url = options.base_url.as_deref()?;
    let checked = base_url(url);
    if checked.is_none() {
        diagnostics.push(
            diagnostic::Diagnostic::error("bad-base-url", format!("`{url}` is not a base URL"))
                .hint("give the site's address, as http:// or https:// with a host, such as https://user.github.io/digest/"),
        );
    }
    checked
}

/// Checks the digest at `options.root` as a build would, without writing.
pub fn check(options: &BuildOptions) -> Report {
    let started = Instant::now();
    let (sources, diagnostics, result) = run_to_render(options);
    let stats = result.map(|(digest, files)| stats(&digest, &files, started.elapsed()));
    Report { sources, diagnostics, stats }
}

/// Builds the digest into `options.out`. Writes nothing unless every stage
/// succeeded; the previous output stays in place until the new one is whole.
pub fn build(options: &BuildOptions) -> Report {
    let started = Instant::now();
    let (sources, mut diagnostics, result) = run_to_render(options);
    let Some((digest, files)) = result else { return Report { sources, diagnostics, stats: None } };
    // The zip is written only once the site is: both are the same files.
    let failure = match write::write(&options.root, &options.out_dir(), &files) {
        Err(error) => Some(error.diagnostic()),
        Ok(()) => options.zip.as_ref().and_then(|zip| bundle::write_zip(&files, zip).err()).map(|e| e.diagnostic()),
    };
    match failure {
        None => {
            let stats = stats(&digest, &files, started.elapsed());
            Report { sources, diagnostics, stats: Some(stats) }
        }
        Some(error) => {
            diagnostics.push(error);
            Report { sources, diagnostics, stats: None }
        }
    }
}

fn stats(digest: &model::Digest, files: &[render::OutputFile], elapsed: Duration) -> Stats {
    Stats {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        articles: digest.articles.len(),
        claims: digest.claims.len(),
        elapsed,
        notes: render::skipped_note(digest).into_iter().collect(),
    }
}
