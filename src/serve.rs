//! `glose serve`: builds, serves the output folder on 127.0.0.1, watches
//! content/, seeds/ and templates/, rebuilds on change and makes open pages
//! reload. Only served pages carry the reload script; the files on disk
//! never do. While the digest does not build, every page is an error page
//! with the report, and the next good build brings the site back.

use crate::BuildOptions;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
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
}

impl ServeError {
    pub fn diagnostic(&self) -> crate::diagnostic::Diagnostic {
        use crate::diagnostic::Diagnostic;
        match self {
            ServeError::Bind { .. } => Diagnostic::error("serve-failed", self.to_string())
                .hint("another program uses this port; pick another with `--port`, or `--port 0` for any free one"),
            ServeError::Watch { .. } => Diagnostic::error("serve-failed", self.to_string()),
        }
    }
}

/// What the HTTP side needs to know about the last build.
struct State {
    out: PathBuf,
    /// Goes up by one after every rebuild, good or bad.
    version: AtomicU64,
    /// The report of the last build, when it failed.
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
    /// Builds once, then serves and watches in background threads. `log`
    /// receives what the terminal should show (build summaries, reports).
    pub fn start(
        options: BuildOptions,
        port: u16,
        log: impl Fn(&str) + Send + Sync + 'static,
    ) -> Result<Server, ServeError> {
        let http = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| ServeError::Bind { port, reason: e.to_string() })?;
        let addr =
            http.server_addr().to_ip().ok_or_else(|| ServeError::Bind { port, reason: "not an IP address".into() })?;
        let state = Arc::new(State { out: options.out_dir(), version: AtomicU64::new(0), failure: Mutex::new(None) });
        let log: Arc<dyn Fn(&str) + Send + Sync> = Arc::new(log);
        rebuild(&options, &state, &*log);
        let stop = Arc::new(AtomicBool::new(false));
        let (events, changes) = mpsc::channel();
        let watcher = watch(&options.root, events)?;
        let http_thread = {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || serve_requests(&http, &state, &stop))
        };
        let watch_thread = {
            let (state, stop, log) = (state.clone(), stop.clone(), log.clone());
            std::thread::spawn(move || rebuild_on_change(&options, &state, &stop, &changes, &*log))
        };
        Ok(Server { addr, state, stop, threads: vec![http_thread, watch_thread], _watcher: watcher })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The number of rebuilds so far (the reload signal).
    pub fn version(&self) -> u64 {
        self.state.version.load(Ordering::SeqCst)
    }

    /// Stops both threads and waits for them.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// Watches what editors change; the output folder is never watched, so a
/// build does not trigger another.
fn watch(root: &Path, events: mpsc::Sender<()>) -> Result<notify::RecommendedWatcher, ServeError> {
    use notify::Watcher;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = events.send(());
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

fn rebuild_on_change(
    options: &BuildOptions,
    state: &State,
    stop: &AtomicBool,
    changes: &mpsc::Receiver<()>,
    log: &dyn Fn(&str),
) {
    while !stop.load(Ordering::SeqCst) {
        if changes.recv_timeout(Duration::from_millis(100)).is_err() {
            continue;
        }
        // An editor's save is often several events: wait for the burst to end.
        while changes.recv_timeout(Duration::from_millis(60)).is_ok() {}
        rebuild(options, state, log);
    }
}

fn rebuild(options: &BuildOptions, state: &State, log: &dyn Fn(&str)) {
    let report = crate::build(options);
    let text = report.diagnostics.render(&report.sources);
    if !text.is_empty() {
        log(text.trim_end());
    }
    let failure = match &report.stats {
        Some(stats) if report.succeeded() => {
            log(&format!("glose: rebuilt {} pages in {:.0} ms", stats.pages, stats.elapsed.as_secs_f64() * 1000.0));
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
    let failure = state.failure.lock().ok().and_then(|f| f.clone());
    let file = file_for(&state.out, path);
    let is_page = file.as_ref().is_none_or(|f| f.extension().is_some_and(|e| e == "html"));
    if let (Some(report), true) = (failure, is_page) {
        return (500, "text/html; charset=utf-8", with_reload(&error_page(&report)).into_bytes());
    }
    match file.filter(|f| f.is_file()).and_then(|f| std::fs::read(&f).ok().map(|bytes| (f, bytes))) {
        Some((file, bytes)) => (200, content_type(&file), served(&file, bytes)),
        None => {
            let page = std::fs::read(state.out.join("404.html")).unwrap_or_else(|_| b"Not found".to_vec());
            (404, "text/html; charset=utf-8", served(Path::new("404.html"), page))
        }
    }
}

/// The file under `out` that a URL path names; `None` for paths that would
/// leave it.
fn file_for(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = out.join(relative);
    Some(if decoded.ends_with('/') || file.is_dir() { file.join("index.html") } else { file })
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

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
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
fn served(file: &Path, bytes: Vec<u8>) -> Vec<u8> {
    if file.extension().is_none_or(|e| e != "html") {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(html) => with_reload(&html).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

fn with_reload(html: &str) -> String {
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &html[..at], &html[at..]),
        None => format!("{html}{RELOAD_SCRIPT}"),
    }
}

/// The report of a failed build as a page; built-in, since the digest's own
/// templates may be what failed.
fn error_page(report: &str) -> String {
    let mut context = tera::Context::new();
    context.insert("report", report);
    tera::Tera::one_off(include_str!("../templates/serve-error.html"), &context, true).unwrap_or_else(|_| {
        "<!DOCTYPE html><title>Build failed</title><p>The last rebuild failed; see the terminal.</p>".into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_output_folder() {
        let out = Path::new("/site");
        assert_eq!(file_for(out, "/articles/x.html"), Some(PathBuf::from("/site/articles/x.html")));
        assert_eq!(file_for(out, "/../etc/passwd"), None);
        assert_eq!(file_for(out, "/%2e%2e/etc/passwd"), None);
        assert_eq!(file_for(out, "/sub/"), Some(PathBuf::from("/site/sub/index.html")));
    }

    #[test]
    fn reload_script_goes_before_the_end_of_body() {
        let html = with_reload("<html><body><p>x</p></body></html>");
        assert!(html.ends_with(&format!("{RELOAD_SCRIPT}</body></html>")));
    }

    #[test]
    fn error_page_escapes_the_report() {
        let page = error_page("error: <script>alert(1)</script>");
        assert!(page.contains("&lt;script&gt;") && !page.contains("<script>alert"));
    }
}
