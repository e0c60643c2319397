//! The digest kept in memory between edits, for `serve`. After an edit only
//! the changed files are read again and only the articles they touch are
//! anchored again; pages are rendered when a reader asks for them, so an
//! edit costs about the same in a digest of ten articles or ten thousand.

use crate::load::{self, RawDigest};
use crate::model::Digest;
use crate::pipeline::{Report, Stats, Timings};
use crate::render::{OnDemand, RenderError, Theme};
use crate::resolve::{self, ResolveCache};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What the last load read, with what resolving it gave: kept only when
/// every file loaded, since a file that did not is missing from it.
struct Loaded {
    raw: RawDigest,
    cache: ResolveCache,
}

/// The digest at one root, brought up to date edit by edit.
pub struct Live {
    root: PathBuf,
    loaded: Option<Loaded>,
}

/// The site of the last good model: every page, rendered on request.
pub struct LiveSite {
    digest: Digest,
    theme: Theme,
    pages: OnDemand,
}

impl LiveSite {
    /// The file at `path` (relative to the site's top, as in the output
    /// folder); `None` when the site has no such file.
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>, RenderError>> {
        self.pages.render(&self.digest, &self.theme, None, path)
    }
}

impl Live {
    pub fn new(root: &Path) -> Live {
        Live { root: root.to_path_buf(), loaded: None }
    }

    /// Brings the model up to date with `changed` paths (anything, on the
    /// first call): the report of the run, and the site when it succeeded.
    pub fn update(&mut self, changed: &[PathBuf]) -> (Report, Option<LiveSite>) {
        let started = Instant::now();
        let mut timings = Timings::default();
        let reused = self.loaded.take().and_then(|mut loaded| {
            let done = timings.time("load", || load::reload(&self.root, &mut loaded.raw, changed));
            done.then_some(loaded)
        });
        let (mut loaded, load_errors) = match reused {
            Some(loaded) => (loaded, Vec::new()),
            None => {
                let (raw, errors) = timings.time("load", || load::load(&self.root));
                (Loaded { raw, cache: ResolveCache::default() }, errors)
            }
        };
        let (resolved, errors) = timings.time("resolve", || resolve::resolve_cached(&loaded.raw, &mut loaded.cache));
        let mut diagnostics = crate::pipeline::diagnose(&loaded.raw, &load_errors, &errors);
        let sources = loaded.raw.sources.clone();
        if load_errors.is_empty() {
            self.loaded = Some(loaded);
        }
        let digest = match resolved {
            Some(resolved) if !diagnostics.has_errors() => timings.time("model", || Digest::build(resolved)),
            _ => return (Report { sources, diagnostics, stats: None }, None),
        };
        let theme = match timings.time("theme", || Theme::load(&self.root)) {
            Ok(theme) => theme,
            Err(errors) => {
                diagnostics.extend(errors.iter().map(RenderError::diagnostic));
                return (Report { sources, diagnostics, stats: None }, None);
            }
        };
        let pages = OnDemand::new(&digest, None);
        let stats = Stats {
            pages: pages.page_count(),
            files: pages.page_count(),
            articles: digest.articles.len(),
            claims: digest.claims.len(),
            elapsed: started.elapsed(),
            notes: Vec::new(),
            stages: timings.0,
        };
        (Report { sources, diagnostics, stats: Some(stats) }, Some(LiveSite { digest, theme, pages }))
    }
}
