//! `glose serve` as an editor uses it: fetch a page, edit a file, see the
//! rebuilt page and the reload signal; a broken edit shows the error page,
//! and fixing it brings the site back. The test stops the server itself.

use crate::harness::DigestTest;
use glose::serve::{Server, VERSION_PATH};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

/// Waits (at most 20 s) for the build number to pass `version`.
fn wait_for_rebuild(server: &Server, version: u64) -> u64 {
    let started = Instant::now();
    while server.version() <= version {
        assert!(started.elapsed() < Duration::from_secs(20), "no rebuild after the edit");
        std::thread::sleep(Duration::from_millis(50));
    }
    server.version()
}

#[test]
fn serve_rebuilds_on_change_and_shows_failures_until_fixed() {
    let digest = DigestTest::from_fixture("minimal");
    let server = Server::start(&digest.root, 0, |_| {}).expect("server starts");
    let addr = server.addr();
    assert!(addr.ip().is_loopback());

    let (status, page) = get(addr, "/articles/globex-picks-acme.html");
    assert_eq!(status, 200);
    assert!(page.contains("Matches the wire."));
    assert!(page.contains(VERSION_PATH), "served pages carry the reload script");
    assert!(!digest.out().exists(), "serve writes nothing: pages come from memory");
    let (status, css) = get(addr, "/static/glose.css");
    assert!(status == 200 && css.contains(".note"), "assets are served too");
    let (status, index) = get(addr, "/");
    assert!(status == 200 && index.contains("globex-picks-acme.html"), "a folder serves its index.html");
    let (_, before) = get(addr, VERSION_PATH);

    let article = digest.root.join("content/articles/globex-picks-acme.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("Matches the wire.", "Matches the wire, word for word.")).unwrap();
    let version = wait_for_rebuild(&server, before.trim().parse().unwrap());
    let (_, after) = get(addr, VERSION_PATH);
    assert_ne!(after, before, "the reload signal changes");
    let (_, page) = get(addr, "/articles/globex-picks-acme.html");
    assert!(page.contains("Matches the wire, word for word."));

    std::fs::write(&article, text.replace("verdict = \"confirmed\"", "verdcit = \"confirmed\"")).unwrap();
    let version = wait_for_rebuild(&server, version);
    let (status, page) = get(addr, "/articles/globex-picks-acme.html");
    assert_eq!(status, 500);
    assert!(page.contains("The last rebuild failed") && page.contains("unknown field `verdcit`"), "{page}");
    let (status, _) = get(addr, "/static/glose.css");
    assert_eq!(status, 200, "assets of the last good build are still served");

    std::fs::write(&article, &text).unwrap();
    wait_for_rebuild(&server, version);
    let (status, page) = get(addr, "/articles/globex-picks-acme.html");
    assert_eq!(status, 200);
    assert!(page.contains("Matches the wire."));

    let (status, _) = get(addr, "/../../etc/passwd");
    assert_eq!(status, 404);
    let (status, page) = get(addr, "/articles/no-such-article.html");
    assert!(status == 404 && page.contains(VERSION_PATH), "the site's own 404 page, with the reload script");
    assert!(page.contains("<base href=\"/\">"), "its relative links resolve from the site's top at any depth");
    server.stop();
}

/// Every page of `site`, by path, as a fresh model of the same files gives it.
fn pages_match_a_fresh_model(site: &glose::live::LiveSite, root: &std::path::Path) {
    let (report, fresh) = glose::live::Live::new(root).update(&[]);
    let fresh = fresh.unwrap_or_else(|| panic!("{}", report.diagnostics.render(&report.sources)));
    for path in
        ["index.html", "claims.html", "timeline.html", "companies/globex.html", "articles/globex-picks-acme.html"]
    {
        let updated = String::from_utf8(site.file(path).unwrap().unwrap()).unwrap();
        let expected = String::from_utf8(fresh.file(path).unwrap().unwrap()).unwrap();
        assert_eq!(updated, expected, "{path} after the edit differs from a fresh model");
    }
}

/// serve's update reads only the edited files and re-anchors only their
/// articles; whatever it reuses, the result must be what a fresh model of
/// the same files gives, and an edit that breaks a quote must be caught.
#[test]
fn an_update_after_an_edit_equals_a_fresh_model() {
    let digest = DigestTest::from_fixture("minimal");
    let mut live = glose::live::Live::new(&digest.root);
    let (report, site) = live.update(&[]);
    assert!(report.succeeded() && site.is_some());

    let article = digest.root.join("content/articles/globex-picks-acme.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("Matches the wire.", "Matches the wire, word for word.")).unwrap();
    let (report, site) = live.update(std::slice::from_ref(&article));
    let site = site.expect("the edit builds");
    assert!(report.succeeded());
    let page = String::from_utf8(site.file("articles/globex-picks-acme.html").unwrap().unwrap()).unwrap();
    assert!(page.contains("Matches the wire, word for word."));
    pages_match_a_fresh_model(&site, &digest.root);

    // The other article's claims were reused; its seed changing must still
    // be noticed.
    let seed = digest.root.join("seeds/b-en.txt");
    let seed_text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, seed_text.replace("the deal of the year", "a deal among others")).unwrap();
    let (report, site) = live.update(std::slice::from_ref(&seed));
    assert!(site.is_none());
    let text = report.diagnostics.render(&report.sources);
    assert!(text.contains("quote-not-found") && text.contains("the deal of the year"), "{text}");

    std::fs::write(&seed, &seed_text).unwrap();
    let companies = digest.root.join("content/companies.toml");
    let list = std::fs::read_to_string(&companies).unwrap();
    std::fs::write(&companies, list.replace("name = \"Globex\"", "name = \"Globex Corporation\"")).unwrap();
    let (report, site) = live.update(&[seed, companies]);
    let site = site.unwrap_or_else(|| panic!("{}", report.diagnostics.render(&report.sources)));
    let page = String::from_utf8(site.file("companies/globex.html").unwrap().unwrap()).unwrap();
    assert!(page.contains("Globex Corporation"), "a change to companies.toml reloads everything");
    pages_match_a_fresh_model(&site, &digest.root);
}
