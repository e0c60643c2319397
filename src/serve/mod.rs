//! `glose serve`: keeps the digest in memory ([`crate::live`]), serves it on
//! 127.0.0.1 with each page rendered when asked for, watches content/,
//! seeds/ and templates/, updates after each change and makes open pages
//! reload. Nothing is written to disk: `glose build` makes the files. While
//! the digest does not build, every page is an error page with the report,
//! and the next good update brings the site back.

use crate::live::{Live, LiveSite};
use crate::render::Theme;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

/// Path the reload script polls for the build number.
pub const VERSION_PATH: &str = "/__glose/version";

/// Injected before `</body>` of served pages only: reloads the page when the
/// build number changes.
const RELOAD_SCRIPT: &str = "<script>(function(){var seen=null;function poll(){fetch('/__glose/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(v){if(seen===null){seen=v}else if(v!==seen){location.reload();return}setTimeout(poll,400)}).catch(function(){setTimeout(poll,1000)})}poll()})();</script>";

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
struct State {
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
        let http = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| ServeError::Bind { port, reason: e.to_string() })?;
        let addr =
            http.server_addr().to_ip().ok_or_else(|| ServeError::Bind { port, reason: "not an IP address".into() })?;
        let state = Arc::new(State { site: RwLock::new(None), version: AtomicU64::new(0), failure: Mutex::new(None) });
        let log: Arc<dyn Fn(&str) + Send + Sync> = Arc::new(log);
        let mut live = Live::new(root);
        update(&mut live, &[], &state, &*log);
        let stop = Arc::new(AtomicBool::new(false));
        let (events, changes) = mpsc::channel();
        let watcher = watch(root, events)?;
        let http_thread = {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || serve_requests(&http, &state, &stop))
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
/// events, gathered until none comes for 60 ms.
fn update_on_change(
    live: &mut Live,
    state: &State,
    stop: &AtomicBool,
    changes: &mpsc::Receiver<Vec<PathBuf>>,
    log: &dyn Fn(&str),
) {
    while !stop.load(Ordering::SeqCst) {
        let Ok(mut changed) = changes.recv_timeout(Duration::from_millis(100)) else { continue };
        while let Ok(more) = changes.recv_timeout(Duration::from_millis(60)) {
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

fn serve_requests(http: &tiny_http::Server, state: &State, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        if let Ok(Some(request)) = http.recv_timeout(Duration::from_millis(100)) {
            let (status, content_type, body) = respond(state, request.url());
            let header = tiny_http::Header::from_bytes("Content-Type", content_type).expect("a valid header");
            let no_store = tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("a valid header");
            let response =
                tiny_http::Response::from_data(body).with_status_code(status).with_header(header).with_header(no_store);
            let _ = request.respond(response);
        }
    }
}

/// Status, content type and body for a request path.
fn respond(state: &State, url: &str) -> (u16, &'static str, Vec<u8>) {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        return (200, "text/plain; charset=utf-8", state.version.load(Ordering::SeqCst).to_string().into_bytes());
    }
    let file = site_path(path);
    let is_page = file.as_ref().is_none_or(|f| f.ends_with(".html"));
    if let (Some(report), true) = (state.failure.lock().ok().and_then(|f| f.clone()), is_page) {
        return (500, "text/html; charset=utf-8", with_reload(&Theme::build_failed_page(&report)).into_bytes());
    }
    let Some(site) = state.site.read().ok().and_then(|s| s.clone()) else {
        return (503, "text/plain; charset=utf-8", b"The digest has not built yet; see the terminal.".to_vec());
    };
    let found = file.as_deref().and_then(|f| Some((f, site.file(f)?)));
    match found {
        Some((file, Ok(bytes))) => (200, content_type(file), served(file, bytes)),
        Some((_, Err(error))) => {
            let report = error.diagnostic().render(&crate::source::SourceMap::default());
            (500, "text/html; charset=utf-8", with_reload(&Theme::build_failed_page(&report)).into_bytes())
        }
        None => {
            let page = site.file("404.html").and_then(Result::ok).unwrap_or_else(|| b"Not found".to_vec());
            (404, "text/html; charset=utf-8", served("404.html", at_site_top(page)))
        }
    }
}

/// The site path a URL path asks for (`index.html` for a folder), or `None`
/// for one that tries to climb out of the site.
fn site_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path)?;
    let relative = decoded.trim_start_matches('/');
    if !Path::new(relative).components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(if relative.is_empty() || relative.ends_with('/') { format!("{relative}index.html") } else { relative.into() })
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &str) -> &'static str {
    match Path::new(file).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    }
}

/// HTML gets the reload script; everything else is served as it is.
fn served(file: &str, bytes: Vec<u8>) -> Vec<u8> {
    if !file.ends_with(".html") {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(html) => with_reload(&html).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// The 404 page's links are relative to the site's top, but it is served at
/// whatever path was missing: a `<base>` makes them resolve from the top.
fn at_site_top(page: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(page) {
        Ok(html) => html.replacen("<head>", "<head>\n<base href=\"/\">", 1).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

fn with_reload(html: &str) -> String {
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &html[..at], &html[at..]),
        None => format!("{html}{RELOAD_SCRIPT}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_site() {
        assert_eq!(site_path("/articles/x.html").as_deref(), Some("articles/x.html"));
        assert_eq!(site_path("/../etc/passwd"), None);
        assert_eq!(site_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/sub/").as_deref(), Some("sub/index.html"));
    }

    #[test]
    fn reload_script_goes_before_the_end_of_body() {
        let html = with_reload("<html><body><p>x</p></body></html>");
        assert!(html.ends_with(&format!("{RELOAD_SCRIPT}</body></html>")));
    }

    #[test]
    fn error_page_escapes_the_report() {
        let page = Theme::build_failed_page("error: <script>alert(1)</script>");
        assert!(page.contains("&lt;script&gt;") && !page.contains("<script>alert"));
    }
}
