//! `glose serve`: keeps the digest in memory ([`crate::live`]), serves it on
//! 127.0.0.1 with each page rendered when asked for, watches content/,
//! seeds/ and templates/, updates after each change and makes open pages
//! reload. Nothing is written to disk: `glose build` makes the files. While
//! the digest does not build, every page is an error page with the report,
//! and the next good update brings the site back.

mod http;
mod pages;

pub use pages::VERSION_PATH;

use crate::live::{Live, LiveSite};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}: {reason}")]
    Bind { port: u16, reason: String },
    #[error("cannot watch {path}: {reason}")]
    Watch { path: String, reason: String },
    /// The root is not a folder: there would be nothing to watch.
    #[error(transparent)]
    Root(crate::load::LoadError),
}

impl ServeError {
    pub fn diagnostic(&self) -> crate::diagnostic::Diagnostic {
        use crate::diagnostic::Diagnostic;
        match self {
            ServeError::Bind { .. } => Diagnostic::error("serve-failed", self.to_string())
                .hint("another program uses this port; pick another with `--port`, or `--port 0` for any free one"),
            ServeError::Watch { .. } => Diagnostic::error("serve-failed", self.to_string()),
            ServeError::Root(error) => error.diagnostic(),
        }
    }
}

/// What the HTTP side needs to know about the last update.
pub(crate) struct State {
    /// The site of the last good update.
    site: RwLock<Option<Arc<LiveSite>>>,
    /// Goes up by one after every update, good or bad.
    version: AtomicU64,
    /// The report of the last update, when it failed.
    failure: Mutex<Option<String>>,
}

/// A running server; `stop` ends it.
pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
    _watcher: notify::RecommendedWatcher,
}

impl Server {
    /// Models the digest at `root`, then serves it on 127.0.0.1:`port` (0 for
    /// any free port) until [`Server::stop`]. `log` gets each update's
    /// report and timing.
    pub fn start(root: &Path, port: u16, log: impl Fn(&str) + Send + Sync + 'static) -> Result<Server, ServeError> {
        crate::load::digest_folder(root).map_err(ServeError::Root)?;
        let bind = |e: std::io::Error| ServeError::Bind { port, reason: e.to_string() };
        // Only this machine: the preview is for the editor, not the network.
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).map_err(bind)?;
        let addr = listener.local_addr().map_err(bind)?;
        let runtime = http::prepare(&listener).map_err(bind)?;
        let state = Arc::new(State { site: RwLock::new(None), version: AtomicU64::new(0), failure: Mutex::new(None) });
        let log: Arc<dyn Fn(&str) + Send + Sync> = Arc::new(log);
        let mut live = Live::new(root);
        update(&mut live, &[], &state, &*log);
        let stop = Arc::new(AtomicBool::new(false));
        let (events, changes) = mpsc::channel();
        let watcher = watch(root, events)?;
        let http_thread = {
            let (state, stop) = (state.clone(), stop.clone());
            let respond: http::Responder = Arc::new(move |path| pages::respond(&state, path));
            std::thread::spawn(move || http::run(runtime, listener, respond, &stop))
        };
        let watch_thread = {
            let (state, stop, log) = (state.clone(), stop.clone(), log.clone());
            std::thread::spawn(move || update_on_change(&mut live, &state, &stop, &changes, &*log))
        };
        Ok(Server { addr, state, stop, threads: vec![http_thread, watch_thread], _watcher: watcher })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The number of updates so far, good or bad.
    pub fn version(&self) -> u64 {
        self.state.version.load(Ordering::SeqCst)
    }

    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Watches the digest's inputs, sending the paths of each change.
fn watch(root: &Path, events: mpsc::Sender<Vec<PathBuf>>) -> Result<notify::RecommendedWatcher, ServeError> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Some(event) = event.ok().filter(|e| !e.kind.is_access()) {
            let _ = events.send(event.paths);
        }
    })
    .map_err(|e| ServeError::Watch { path: root.display().to_string(), reason: e.to_string() })?;
    for folder in ["content", "seeds", "templates"].map(|f| root.join(f)).iter().filter(|p| p.is_dir()) {
        watcher
            .watch(folder, notify::RecursiveMode::Recursive)
            .map_err(|e| ServeError::Watch { path: folder.display().to_string(), reason: e.to_string() })?;
    }
    Ok(watcher)
}

/// Updates after each burst of changes: an editor's save is often several
/// events, gathered until none comes for 25 ms (an update costs less than
/// that; a late event just brings another).
fn update_on_change(
    live: &mut Live,
    state: &State,
    stop: &AtomicBool,
    changes: &mpsc::Receiver<Vec<PathBuf>>,
    log: &dyn Fn(&str),
) {
    while !stop.load(Ordering::SeqCst) {
        let Ok(mut changed) = changes.recv_timeout(Duration::from_millis(100)) else { continue };
        while let Ok(more) = changes.recv_timeout(Duration::from_millis(25)) {
            changed.extend(more);
        }
        changed.sort();
        changed.dedup();
        update(live, &changed, state, log);
    }
}

fn update(live: &mut Live, changed: &[PathBuf], state: &State, log: &dyn Fn(&str)) {
    let (report, site) = live.update(changed);
    let text = report.diagnostics.render(&report.sources);
    if !text.is_empty() {
        log(text.trim_end());
    }
    let failure = match (&report.stats, site) {
        (Some(stats), Some(site)) if report.succeeded() => {
            log(&format!(
                "glose: rebuilt the model of {} articles in {:.0} ms ({}); its {} pages render as they are asked for",
                stats.articles,
                stats.elapsed.as_secs_f64() * 1000.0,
                stats.stage_times(),
                stats.pages
            ));
            let old = state.site.write().ok().and_then(|mut slot| slot.replace(Arc::new(site)));
            // Freeing a large model takes a while: not on the way to the
            // next update, nor while readers wait for the lock.
            std::thread::spawn(move || drop(old));
            None
        }
        _ => Some(text),
    };
    if let Ok(mut slot) = state.failure.lock() {
        *slot = failure;
    }
    state.version.fetch_add(1, Ordering::SeqCst);
}
