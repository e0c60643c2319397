//! The stages run in order for each command: `check` (everything but
//! writing), `build` (rendered files streamed into a staging folder, swapped
//! in when whole) and `diff` (two versions modelled and compared), with the
//! time each stage took.

use crate::diagnostic::{self, Diagnostics};
use crate::diff::{self as compare, DigestDiff};
use crate::options::BuildOptions;
use crate::options::base_url;
use crate::render::{Progress, Rendered, Silent, Sink};
use crate::source::SourceMap;
use crate::{load, model, render, resolve, revision, write};
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
    /// How long each stage took, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
}

impl Stats {
    /// The stage that took longest, for the one-line summary.
    pub fn longest_stage(&self) -> Option<(&'static str, Duration)> {
        self.stages.iter().copied().max_by_key(|(_, d)| *d)
    }

    /// Each stage with its time, as `load 12 ms, resolve 30 ms, …`.
    pub fn stage_times(&self) -> String {
        let stages: Vec<String> =
            self.stages.iter().map(|(stage, time)| format!("{stage} {:.0} ms", time.as_secs_f64() * 1000.0)).collect();
        stages.join(", ")
    }
}

/// Times stages as they run.
#[derive(Default)]
pub(crate) struct Timings(pub(crate) Vec<(&'static str, Duration)>);

impl Timings {
    pub(crate) fn time<T>(&mut self, stage: &'static str, run: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = run();
        self.0.push((stage, started.elapsed()));
        result
    }
}

/// Load, resolve and model the digest at `root`: the model on success, and
/// every diagnostic (warnings included) either way.
pub fn model_digest(root: &Path) -> (SourceMap, Diagnostics, Option<model::Digest>) {
    model_timed(root, &mut Timings::default())
}

fn model_timed(root: &Path, timings: &mut Timings) -> (SourceMap, Diagnostics, Option<model::Digest>) {
    let (raw, load_errors) = timings.time("load", || load::load(root));
    let (resolved, resolve_errors) = timings.time("resolve", || resolve::resolve(&raw));
    let diagnostics = diagnose(&raw, &load_errors, &resolve_errors);
    let sources = raw.sources;
    match resolved {
        Some(resolved) if !diagnostics.has_errors() => {
            let digest = timings.time("model", || model::Digest::build(resolved));
            (sources, diagnostics, Some(digest))
        }
        _ => (sources, diagnostics, None),
    }
}

/// The problems loading and resolving found, sorted, each reported once:
/// what lies where loading made a value up is left out, and what follows
/// from another problem is counted on it.
pub(crate) fn diagnose(
    raw: &load::RawDigest,
    load_errors: &[load::LoadError],
    resolve_errors: &[resolve::ResolveError],
) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(load_errors.iter().map(load::LoadError::diagnostic));
    for diagnostic in resolve_errors.iter().map(resolve::ResolveError::diagnostic) {
        let region = diagnostic.span.as_ref().and_then(|span| raw.recovered.iter().find(|r| r.holds(span)));
        match region {
            Some(region) if region.counted => diagnostics.push(diagnostic.follows(region.cause.clone())),
            Some(_) => {}
            None => diagnostics.push(diagnostic),
        }
    }
    for region in raw.recovered.iter().filter(|r| r.followers > 0) {
        diagnostics.count_followers(&region.cause, region.followers);
    }
    diagnostics.fold_followers();
    diagnostics.sort(&raw.sources);
    diagnostics
}

/// What rendering needs, once the digest has proved valid.
struct Prepared {
    digest: model::Digest,
    changes: Option<DigestDiff>,
    theme: render::Theme,
}

/// Load, resolve, model, and ready the theme (and the changes, if asked):
/// everything but rendering, or the diagnostics that stop it.
fn prepare(options: &BuildOptions, timings: &mut Timings) -> (SourceMap, Diagnostics, Option<Prepared>) {
    let mut overrides = Diagnostics::default();
    let base_url = base_url_override(options, &mut overrides);
    let (sources, mut diagnostics, digest) = model_timed(&options.root, timings);
    diagnostics.extend(overrides.list);
    let Some(mut digest) = digest.filter(|_| !diagnostics.has_errors()) else { return (sources, diagnostics, None) };
    if base_url.is_some() {
        digest.site.base_url = base_url;
    }
    let changes = match &options.changes_since {
        Some(base) => match timings.time("diff", || changes_since(&options.root, base, &digest)) {
            Ok(changes) => {
                diagnostics.extend(compare::unrecorded_verdict_changes(&digest, &changes));
                diagnostics.sort(&sources);
                Some(changes)
            }
            Err(errors) => {
                diagnostics.extend(errors);
                return (sources, diagnostics, None);
            }
        },
        None => None,
    };
    match timings.time("theme", || render::Theme::load(&options.root, &digest.site.language)) {
        Ok(theme) => (sources, diagnostics, Some(Prepared { digest, changes, theme })),
        Err(errors) => {
            diagnostics.extend(errors.iter().map(render::RenderError::diagnostic));
            (sources, diagnostics, None)
        }
    }
}

/// Renders into `sink`, adding any problem to `diagnostics`.
fn render_into(
    prepared: &Prepared,
    sink: &dyn Sink,
    progress: &dyn Progress,
    timings: &mut Timings,
    diagnostics: &mut Diagnostics,
) -> Option<Rendered> {
    let rendered = timings.time("render", || {
        render::render(&prepared.digest, &prepared.theme, prepared.changes.as_ref(), sink, progress)
    });
    rendered.map_err(|errors| diagnostics.extend(errors.iter().map(render::RenderError::diagnostic))).ok()
}

/// The claim diff between `base` (a git revision) and `head` (a revision,
/// or the working tree when `None`) of the digest at `root`.
pub fn diff(root: &Path, base: &str, head: Option<&str>) -> Result<DigestDiff, (SourceMap, Diagnostics)> {
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
    Ok(compare::compare(&old, &new, base, head.unwrap_or("working tree")))
}

/// The model of one side of a diff, or why that side does not build.
fn modelled(root: &Path, name: &str) -> Result<model::Digest, (SourceMap, Diagnostics)> {
    let (sources, mut diagnostics, digest) = model_digest(root);
    match digest {
        Some(digest) => Ok(digest),
        None => {
            diagnostics.push(does_not_build(name));
            Err((sources, diagnostics))
        }
    }
}

/// One side of a comparison has errors of its own.
fn does_not_build(name: &str) -> diagnostic::Diagnostic {
    diagnostic::Diagnostic::error(
        "revision-does-not-build",
        format!("the digest at {name} has errors, so it cannot be compared"),
    )
    .hint("fix them first; `glose check` lists them")
}

/// For `build --changes-since BASE`: the diff from BASE to what is built.
fn changes_since(root: &Path, base: &str, digest: &model::Digest) -> Result<DigestDiff, Vec<diagnostic::Diagnostic>> {
    let snapshot = revision::snapshot(root, base).map_err(|e| vec![e.diagnostic()])?;
    let (_, diagnostics, old) = model_digest(&snapshot.root());
    let old = old.ok_or_else(|| {
        let mut list = vec![does_not_build(base)];
        list.extend(diagnostics.list.into_iter().filter(|d| d.severity == diagnostic::Severity::Error).map(|mut d| {
            d.span = None;
            d
        }));
        list
    })?;
    Ok(compare::compare(&old, digest, base, "this build"))
}

/// `options.base_url` (which overrides site.toml's), checked and normalised.
fn base_url_override(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Option<String> {
    let url = options.base_url.as_deref()?;
    let checked = base_url(url);
    if checked.is_none() {
        diagnostics.push(diagnostic::Diagnostic::error("bad-base-url", format!("`{url}` is not a base URL")).hint(
            "give the site's address, as http:// or https:// with a host, such as https://user.github.io/digest/",
        ));
    }
    checked
}

/// Checks the digest at `options.root` as a build would, without writing.
pub fn check(options: &BuildOptions) -> Report {
    let started = Instant::now();
    let mut timings = Timings::default();
    let (sources, mut diagnostics, prepared) = prepare(options, &mut timings);
    let rendered = prepared.as_ref().and_then(|p| {
        let rendered = timings.time("render", || render::check(&p.digest, &p.theme, p.changes.as_ref()));
        rendered.map_err(|errors| diagnostics.extend(errors.iter().map(render::RenderError::diagnostic))).ok()
    });
    let stats = prepared.zip(rendered).map(|(p, r)| {
        let mut stats = stats(&p.digest, r, started.elapsed(), timings);
        stats.notes.extend(p.theme.words_note.clone());
        stats
    });
    Report { sources, diagnostics, stats }
}

/// Builds the digest into `options.out`. Writes nothing unless every stage
/// succeeded; the previous output stays in place until the new one is whole.
pub fn build(options: &BuildOptions) -> Report {
    build_with(options, &Silent)
}

/// [`build`], telling `progress` how rendering advances.
pub fn build_with(options: &BuildOptions, progress: &dyn Progress) -> Report {
    let started = Instant::now();
    let mut timings = Timings::default();
    // Where the build may write is settled before any work.
    let destinations = match write::destinations(&options.root, &options.out_dir(), options.zip.as_deref()) {
        Ok(destinations) => destinations,
        Err(error) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(error.diagnostic());
            return Report { sources: SourceMap::default(), diagnostics, stats: None };
        }
    };
    let (sources, mut diagnostics, prepared) = prepare(options, &mut timings);
    let Some(prepared) = prepared else { return Report { sources, diagnostics, stats: None } };
    // The staging folder is made only once the digest has proved valid;
    // pages stream into it as they are rendered.
    let staging = match write::Staging::new(&destinations.out) {
        Ok(staging) => staging,
        Err(error) => {
            diagnostics.push(error.diagnostic());
            return Report { sources, diagnostics, stats: None };
        }
    };
    let Some(rendered) = render_into(&prepared, &staging, progress, &mut timings, &mut diagnostics) else {
        return Report { sources, diagnostics, stats: None };
    };
    let notes = staging.notes.clone();
    diagnostics.extend(write::pages_limit_warning(staging.bytes()));
    let failed = match timings.time("write", || staging.finish()) {
        Ok(site) => match &destinations.zip {
            Some(zip) => timings.time("zip", || crate::bundle::write_zip(&site, zip)).err().map(|e| e.diagnostic()),
            None => None,
        },
        Err(error) => Some(error.diagnostic()),
    };
    if let Some(error) = failed {
        diagnostics.push(error);
        return Report { sources, diagnostics, stats: None };
    }
    let mut stats = stats(&prepared.digest, rendered, started.elapsed(), timings);
    stats.notes.splice(0..0, notes);
    stats.notes.extend(prepared.theme.words_note.clone());
    Report { sources, diagnostics, stats: Some(stats) }
}

fn stats(digest: &model::Digest, rendered: Rendered, elapsed: Duration, timings: Timings) -> Stats {
    Stats {
        pages: rendered.pages,
        files: rendered.files,
        articles: digest.articles.len(),
        claims: digest.claims.len(),
        elapsed,
        notes: render::skipped_note(digest).into_iter().collect(),
        stages: timings.0,
    }
}
