//! The digest kept in memory between edits, for `serve`. After an edit only
//! the changed files are read again. An article edited in place is resolved
//! again alone and put in the place of its old self in the model
//! ([`Digest::replace_article`]), so such an edit costs about the same in a
//! digest of ten articles or a hundred thousand. What that cannot do exactly
//! as a full run would (a file added or removed, a seed or companies.toml
//! changed, an error, a warning that might come or go) runs the whole
//! pipeline, reusing the anchoring of unchanged articles. Pages are rendered
//! when a reader asks for them; the theme is read again only when
//! templates/ changes.

use crate::diagnostic::Diagnostics;
use crate::load::{self, RawDigest, Reloaded};
use crate::model::Digest;
use crate::pipeline::{Report, Stats, Timings};
use crate::render::{OnDemand, RenderError, Theme};
use crate::resolve::{self, ResolveCache, Slugs, Usage};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

/// What the last load read, with what resolving it gave: kept only when
/// every file loaded, since a file that did not is missing from it.
struct Loaded {
    raw: RawDigest,
    cache: ResolveCache,
}

/// The model of the last good update, with what an edit in place needs.
struct Good {
    site: Arc<RwLock<Site>>,
    /// Its warnings, which an edit in place leaves as they are.
    diagnostics: Diagnostics,
    slugs: Slugs,
    usage: Usage,
}

struct Site {
    digest: Digest,
    theme: Arc<Theme>,
    pages: OnDemand,
}

/// The digest at one root, brought up to date edit by edit.
pub struct Live {
    root: PathBuf,
    loaded: Option<Loaded>,
    theme: Option<Arc<Theme>>,
    good: Option<Good>,
}

/// The site of the last good model: every page, rendered on request. An
/// edit in place updates the site every earlier handle shows, between two
/// requests.
pub struct LiveSite {
    site: Arc<RwLock<Site>>,
}

impl LiveSite {
    /// The file at `path` (relative to the site's top, as in the output
    /// folder); `None` when the site has no such file.
    pub fn file(&self, path: &str) -> Option<Result<Vec<u8>, RenderError>> {
        let site = self.site.read().unwrap_or_else(PoisonError::into_inner);
        site.pages.render(&site.digest, &site.theme, None, path)
    }

    /// The path of every page, in the order a build writes them.
    pub fn paths(&self) -> Vec<String> {
        let site = self.site.read().unwrap_or_else(PoisonError::into_inner);
        OnDemand::paths(&site.digest, None)
    }
}

impl Live {
    pub fn new(root: &Path) -> Live {
        Live { root: root.to_path_buf(), loaded: None, theme: None, good: None }
    }

    /// Brings the model up to date with `changed` paths (anything, on the
    /// first call): the report of the run, and the site when it succeeded.
    pub fn update(&mut self, changed: &[PathBuf]) -> (Report, Option<LiveSite>) {
        let started = Instant::now();
        let mut timings = Timings::default();
        let reloaded = self.loaded.take().and_then(|mut loaded| {
            let reloaded = timings.time("load", || load::reload(&self.root, &mut loaded.raw, changed))?;
            Some((loaded, reloaded))
        });
        let (mut loaded, load_errors, reloaded) = match reloaded {
            Some((loaded, reloaded)) => (loaded, Vec::new(), Some(reloaded)),
            None => {
                let (raw, errors) = timings.time("load", || load::load(&self.root));
                (Loaded { raw, cache: ResolveCache::default() }, errors, None)
            }
        };
        // The theme speaks the digest's language: read again when site.toml
        // changes it, as when the templates change.
        let language = loaded.raw.site.as_ref().map_or("en".to_string(), |(_, site)| site.language.get_ref().clone());
        let stale = self.theme.as_ref().is_none_or(|theme| theme.language != language);
        let theme_errors = match reloaded.as_ref().is_none_or(|r| r.templates) || stale {
            true => self.load_theme(&language, &mut timings),
            false => Vec::new(),
        };
        let patched = match &reloaded {
            Some(reloaded) if theme_errors.is_empty() => self.patch(&mut loaded, reloaded, &mut timings),
            _ => None,
        };
        let result = match patched {
            Some(diagnostics) => self.report(&loaded, diagnostics, started, timings),
            None => self.rebuild(&mut loaded, &load_errors, theme_errors, started, timings),
        };
        if load_errors.is_empty() {
            self.loaded = Some(loaded);
        }
        result
    }

    /// Reads the theme again; its errors, if any.
    fn load_theme(&mut self, language: &str, timings: &mut Timings) -> Vec<RenderError> {
        match timings.time("theme", || Theme::load(&self.root, language)) {
            Ok(theme) => {
                self.theme = Some(Arc::new(theme));
                Vec::new()
            }
            Err(errors) => {
                self.theme = None;
                errors
            }
        }
    }

    /// Puts the one article edited in place into the last good model, when
    /// that gives exactly what a full run would: its diagnostics, or `None`.
    fn patch(&mut self, loaded: &mut Loaded, reloaded: &Reloaded, timings: &mut Timings) -> Option<Diagnostics> {
        let good = self.good.as_mut()?;
        let theme = self.theme.clone()?;
        let articles = match reloaded.articles.as_slice() {
            _ if reloaded.seeds => return None,
            [] => &[],
            [one] => std::slice::from_ref(one),
            // Several files at once (a checkout, say): each would be
            // numbered against a model the others change.
            _ => return None,
        };
        // Which link is warned of as declared twice depends on the order of
        // the whole digest.
        if good.diagnostics.list.iter().any(|d| d.code == "duplicate-link") {
            return None;
        }
        let replacement = match articles {
            [id] => {
                let site = good.site.read().unwrap_or_else(PoisonError::into_inner);
                let found = timings
                    .time("resolve", || loaded.cache.replacement(&loaded.raw, *id, &site.digest, &good.slugs))?;
                if !good.usage.replace(site.digest.claims_of(found.0), &found.1.claims) {
                    return None;
                }
                Some(found)
            }
            _ => None,
        };
        let mut site = good.site.write().unwrap_or_else(PoisonError::into_inner);
        timings.time("patch", || {
            if let Some((index, replacement)) = replacement {
                site.digest.replace_article(index, replacement);
                let Site { digest, pages, .. } = &mut *site;
                pages.relist(digest, None);
            }
            site.theme = theme;
        });
        Some(good.diagnostics.clone())
    }

    /// Runs the whole pipeline on what is loaded.
    fn rebuild(
        &mut self,
        loaded: &mut Loaded,
        load_errors: &[load::LoadError],
        theme_errors: Vec<RenderError>,
        started: Instant,
        mut timings: Timings,
    ) -> (Report, Option<LiveSite>) {
        self.good = None;
        let (resolved, errors) = timings.time("resolve", || resolve::resolve_cached(&loaded.raw, &mut loaded.cache));
        let mut diagnostics = crate::pipeline::diagnose(&loaded.raw, load_errors, &errors);
        let sources = loaded.raw.sources.clone();
        let digest = match resolved {
            Some(resolved) if !diagnostics.has_errors() => timings.time("model", || Digest::build(resolved)),
            _ => return (Report { sources, diagnostics, stats: None }, None),
        };
        let Some(theme) = self.theme.clone().filter(|_| theme_errors.is_empty()) else {
            diagnostics.extend(theme_errors.iter().map(RenderError::diagnostic));
            return (Report { sources, diagnostics, stats: None }, None);
        };
        let pages = OnDemand::new(&digest, None);
        let (slugs, usage) = (resolve::slugs(&digest), Usage::of(&digest));
        let site = Arc::new(RwLock::new(Site { digest, theme, pages }));
        self.good = Some(Good { site, diagnostics: diagnostics.clone(), slugs, usage });
        self.report(loaded, diagnostics, started, timings)
    }

    /// The report of a good update, and its site.
    fn report(
        &self,
        loaded: &Loaded,
        diagnostics: Diagnostics,
        started: Instant,
        timings: Timings,
    ) -> (Report, Option<LiveSite>) {
        let sources = loaded.raw.sources.clone();
        let Some(good) = &self.good else { return (Report { sources, diagnostics, stats: None }, None) };
        let site = good.site.read().unwrap_or_else(PoisonError::into_inner);
        let stats = Stats {
            pages: site.pages.page_count(),
            files: site.pages.page_count(),
            articles: site.digest.articles.len(),
            claims: site.digest.claims.len(),
            elapsed: started.elapsed(),
            notes: Vec::new(),
            stages: timings.0,
        };
        drop(site);
        (Report { sources, diagnostics, stats: Some(stats) }, Some(LiveSite { site: good.site.clone() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the small fixture digest.
    fn digest() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for folder in ["content", "content/articles", "seeds"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            for entry in std::fs::read_dir(fixture.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    std::fs::copy(&path, dir.path().join(folder).join(path.file_name().unwrap())).unwrap();
                }
            }
        }
        dir
    }

    /// What serve holds after the last update, as text.
    fn held(live: &Live) -> (String, String, usize) {
        let good = live.good.as_ref().expect("a good model");
        let site = good.site.read().unwrap();
        (format!("{:?}", site.digest), format!("{:?}", good.usage), site.pages.page_count())
    }

    /// The same, from a full run over the files as they are.
    fn fresh(root: &Path) -> (String, String, usize) {
        let (_, diagnostics, digest) = crate::pipeline::model_digest(root);
        let digest = digest.unwrap_or_else(|| panic!("{diagnostics:?}"));
        let pages = OnDemand::new(&digest, None).page_count();
        (format!("{digest:?}"), format!("{:?}", Usage::of(&digest)), pages)
    }

    /// Edits `file` (under content/articles/) and updates: whether the edit
    /// was put in place, and the report.
    fn edit(live: &mut Live, root: &Path, file: &str, from: &str, to: &str) -> (bool, Report) {
        let path = root.join("content/articles").join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        // `from` moved to before `to`, when `to` starts with "^".
        if let Some(before) = to.strip_prefix('^') {
            text = text.replacen(from, "", 1).replacen(before, &format!("{from}{before}"), 1);
        } else {
            assert!(text.contains(from), "{file} has no {from:?}");
            text = text.replacen(from, to, 1);
        }
        std::fs::write(&path, text).unwrap();
        let (report, _) = live.update(&[path]);
        let in_place = report.stats.as_ref().is_some_and(|s| s.stages.iter().any(|(stage, _)| *stage == "patch"));
        (in_place, report)
    }

    const FR: &str = "acme-globex-fr.md";
    const EN: &str = "globex-picks-acme.md";
    const NEW_CLAIM: &str = "[[claim]]\nid = \"title-deal\"\nquote = \"signe avec Globex\"\nkind = \"fact\"\n\
        verdict = \"confirmed\"\ncompanies = [\"globex\"]\nevent = \"deal\"\nnote = \"New.\"\n\
        [[claim.source]]\npublisher = \"Wire\"\nurl = \"https://example.org/wire/x\"\n\
        [[claim.link]]\nto = \"globex-picks-acme#deal-of-the-year\"\nrel = \"repeats\"\n\n[[elide]]";
    const DAILY: &str = "[[claim]]\nid = \"daily-reports\"\nquote = \"La Daily rapporte qu’Acme\"\nkind = \"attribution\"\n\
        verdict = \"unverified\"\ncompanies = [\"daily\"]\nnote = \"Overlaps the deal claim; no copy of The Daily's report was found. <script>alert(1)</script>\"\n\n";
    const TURNING: &str = "[[claim]]\nid = \"turning-point\"\nquote = \"un tournant <majeur> & durable\"\nkind = \"opinion\"\nnote = \"Commentary.\"\n\n";

    const CORRECTION: &str = "firm.\"\n[[claim.history]]\ndate = 2025-03-19\nnote_revised = true\nreason = \"Again.\"";

    const BACK: &str = "\n[[claim.link]]\nto = \"acme-globex-fr#title-deal\"\nrel = \"repeats\"";

    #[test]
    fn an_edit_in_place_gives_the_model_a_full_run_gives() {
        let dir = digest();
        let root = dir.path();
        let mut live = Live::new(root);
        assert!(live.update(&[]).0.succeeded());
        // (file, from, to, whether it can be put in place)
        let cases: &[(&str, &str, &str, bool)] = &[
            (FR, "customers only.", "customers only, at first.", true),
            (FR, "verdict = \"partly-true\"", "verdict = \"false\"", true),
            (FR, "published = 2025-03-15", "published = 2025-03-17", true),
            (FR, "[[elide]]", NEW_CLAIM, true),
            (FR, DAILY, "", true),
            // Moved before the claim another article links to, and linked to.
            (FR, TURNING, "^[[claim]]\nid = \"deal-3bn\"", true),
            (FR, "companies = [\"acme-cloud\"]", "companies = [\"acme-cloud\", \"globex\"]", true),
            (EN, "note = \"Matches the wire.\"", "note = \"Matches.\"", true),
            // The verdict changed without a correction saying so: an error.
            (EN, "verdict = \"disputed\"", "verdict = \"false\"", false),
            (EN, "to = \"disputed\"", "to = \"false\"", false),
            (EN, "firm.\"", CORRECTION, true),
            // Nothing reports rocket-launch any more: a warning comes.
            (FR, "event = \"rocket-launch\"", "event = \"deal\"", false),
            (FR, "note = \"New.\"", "note = \"Newer.\"", true),
            (FR, "companies = [\"globex\"]", "companies = [\"daily\"]", true),
            // The other article links to a claim that is gone: an error.
            (FR, "id = \"deal-3bn\"", "id = \"deal-three\"", false),
            (FR, "id = \"deal-three\"", "id = \"deal-3bn\"", false),
            (FR, "id = \"turning-point\"", "id = \"turning\"", false),
            (FR, "id = \"turning\"", "id = \"turning-point\"", false),
            (FR, "published = 2025-03-17", "published = 2025-03-13", true),
            // The same two claims linked from both sides: a warning, and
            // edits go through full runs while it stands.
            (EN, "rel = \"contradicts\"", &format!("rel = \"contradicts\"{BACK}"), false),
            (EN, "Other analysts", "Some analysts", false),
            (EN, BACK, "", false),
            (EN, "Some analysts", "Other analysts", true),
        ];
        for (n, &(file, from, to, in_place)) in cases.iter().enumerate() {
            let (patched, report) = edit(&mut live, root, file, from, to);
            assert_eq!(patched, in_place, "edit {n}: put in place or not");
            let (_, diagnostics, digest) = crate::pipeline::model_digest(root);
            assert_eq!(report.succeeded(), digest.is_some(), "edit {n}: {diagnostics:?}");
            assert_eq!(format!("{:?}", report.diagnostics.list), format!("{:?}", diagnostics.list), "edit {n}");
            if digest.is_some() {
                assert!(held(&live) == fresh(root), "edit {n}: the model differs from a full run's");
            }
        }
    }

    /// serve speaks the language site.toml names, after an edit of it too.
    #[test]
    fn a_new_language_in_site_toml_changes_the_labels() {
        let dir = digest();
        let root = dir.path();
        let mut live = Live::new(root);
        let french = |live: &mut Live, changed: &[PathBuf]| {
            let site = live.update(changed).1.expect("a good site");
            let page = site.file("claims.html").expect("a page").expect("rendered");
            String::from_utf8(page).unwrap().contains(">Affirmations</a>")
        };
        assert!(!french(&mut live, &[]));
        let site_toml = root.join("content/site.toml");
        let text = std::fs::read_to_string(&site_toml).unwrap();
        std::fs::write(&site_toml, text.replacen("language = \"en\"", "language = \"fr\"", 1)).unwrap();
        assert!(french(&mut live, &[site_toml]));
    }
}
