//! What each request path is answered with: a page of the last good
//! update (with the reload script), the error page while the digest does
//! not build, the build number for the reload script, or the 404 page.

use super::State;
use crate::render::Theme;
use std::path::{Component, Path};
use std::sync::atomic::Ordering;

/// Path the reload script polls for the build number.
pub const VERSION_PATH: &str = "/__glose/version";

/// Injected before `</body>` of served pages only: reloads the page when the
/// build number changes.
const RELOAD_SCRIPT: &str = "<script>(function(){var seen=null;function poll(){fetch('/__glose/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(v){if(seen===null){seen=v}else if(v!==seen){location.reload();return}setTimeout(poll,400)}).catch(function(){setTimeout(poll,1000)})}poll()})();</script>";

/// Status, content type and body for a request path.
pub(super) fn respond(state: &State, url: &str) -> (u16, &'static str, Vec<u8>) {
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
