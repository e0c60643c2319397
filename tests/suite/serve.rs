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

/// Every page of `site`, by path, as a fresh model of the same files gives
/// it; the exports and the search index too, which serve makes once per
/// model and must make again after an edit put in place.
fn pages_match_a_fresh_model(site: &glose::live::LiveSite, root: &std::path::Path) {
    let (report, fresh) = glose::live::Live::new(root).update(&[]);
    let fresh = fresh.unwrap_or_else(|| panic!("{}", report.diagnostics.render(&report.sources)));
    assert_eq!(site.paths(), fresh.paths(), "the same pages");
    let numbered = |prefix: &'static str| {
        (0..).map(move |n| format!("search/{prefix}{n}.js")).take_while(|path| fresh.file(path).is_some())
    };
    let index: Vec<String> =
        ["search/meta.js".to_string()].into_iter().chain(numbered("t")).chain(numbered("d")).collect();
    assert!(index.len() >= 3, "{index:?}");
    let others = ["claims.json", "timeline.json"].map(String::from);
    for path in site.paths().iter().chain(&others).chain(&index) {
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

    // A claim added and a verdict changed (and its correction), in place:
    // the lists, the companies and the other article move with them.
    let text = std::fs::read_to_string(&article).unwrap().replace("verdict = \"disputed\"", "verdict = \"false\"");
    let text = text.replace("to = \"disputed\"", "to = \"false\"");
    let claim = "[[claim]]\nid = \"who\"\nquote = \"Analysts call it\"\nkind = \"attribution\"\n\
                 verdict = \"unverified\"\ncompanies = [\"globex\"]\nnote = \"Which analysts?\"\n+++\n";
    std::fs::write(&article, text.replace("\n+++\nThe English", &format!("\n\n{claim}The English"))).unwrap();
    let (report, site) = live.update(std::slice::from_ref(&article));
    let site = site.unwrap_or_else(|| panic!("{}", report.diagnostics.render(&report.sources)));
    let stages: Vec<&str> = report.stats.as_ref().unwrap().stages.iter().map(|(stage, _)| *stage).collect();
    assert!(stages.contains(&"patch") && !stages.contains(&"theme"), "put in place, theme kept: {stages:?}");
    assert!(String::from_utf8(site.file("claims.html").unwrap().unwrap()).unwrap().contains("claim-who"));
    pages_match_a_fresh_model(&site, &digest.root);

    // A template changed: the theme is read again, the model kept.
    digest.write("templates/404.html", "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1>{% endblock main %}");
    let (report, site) = live.update(&[digest.root.join("templates/404.html")]);
    let site = site.unwrap_or_else(|| panic!("{}", report.diagnostics.render(&report.sources)));
    assert!(String::from_utf8(site.file("404.html").unwrap().unwrap()).unwrap().contains("<h1>Lost</h1>"));
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

/// `glose serve` run as README.md says: the binary, from the digest's
/// folder with no `--root` (and from its parent with a relative `--root`).
/// Each edit an editor makes must show on the served page: the watcher
/// reports absolute paths while the digest was loaded from a relative root,
/// which once made every edit look like someone else's file.
mod as_readme_says {
    use super::get;
    use crate::harness::{DigestTest, glose_command};
    use std::io::BufRead;
    use std::net::SocketAddr;
    use std::path::Path;
    use std::process::{Child, Stdio};
    use std::time::{Duration, Instant};

    /// The running binary, stopped when dropped (a failed test included).
    struct Serving(Child, SocketAddr);

    impl Drop for Serving {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    fn serve(folder: &Path, args: &[&str]) -> Serving {
        let mut child = glose_command()
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .current_dir(folder)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line.split("http://").nth(1).and_then(|rest| rest.split('/').next()).map(str::parse);
        let Some(Ok(addr)) = addr else {
            let _ = child.kill();
            panic!("serve did not say where it serves: {line:?}");
        };
        Serving(child, addr)
    }

    /// Whether `path` comes to satisfy `shown` within 10 s of an edit.
    fn eventually(addr: SocketAddr, path: &str, shown: impl Fn(u16, &str) -> bool) -> bool {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            let (status, body) = get(addr, path);
            if shown(status, &body) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    fn edit(root: &Path, file: &str, from: &str, to: &str) {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    }

    /// Makes ten edits of every kind and returns those the served pages did
    /// not show.
    fn unshown_edits(root: &Path, addr: SocketAddr) -> Vec<&'static str> {
        let article = "content/articles/openai-turns-to-google-cloud.md";
        let renamed = "content/articles/openai-picks-google-cloud.md";
        let page = "/articles/openai-turns-to-google-cloud.html";
        let new_page = "/articles/openai-picks-google-cloud.html";
        assert!(eventually(addr, page, |status, _| status == 200), "the digest does not serve at first");
        let mut unshown = Vec::new();
        let mut check = |what: &'static str, path: &str, shown: &dyn Fn(u16, &str) -> bool| {
            if !eventually(addr, path, shown) {
                unshown.push(what);
            }
        };

        edit(root, article, "OpenAI will start using Google", "OpenAI starts renting Google");
        check("an article's title", page, &|s, b| s == 200 && b.contains("OpenAI starts renting Google"));
        edit(root, article, "Three sources told Reuters", "Three people told Reuters");
        check("a source's excerpt", page, &|s, b| s == 200 && b.contains("Three people told Reuters"));
        edit(root, "content/companies.toml", "Parent company of Google.", "Holding company of Google.");
        check("a company", "/companies/alphabet.html", &|s, b| s == 200 && b.contains("Holding company of Google."));
        edit(root, "content/events.toml", "makes its first $1bn investment", "puts its first $1bn");
        check("an event", "/timeline.html", &|s, b| s == 200 && b.contains("puts its first $1bn"));
        edit(root, "content/site.toml", "AI Cloud Deals: an annotated digest", "AI Cloud Deals, annotated");
        check("site.toml", "/index.html", &|s, b| s == 200 && b.contains("AI Cloud Deals, annotated"));
        edit(root, article, "verdict = \"confirmed\"", "verdict = \"confirmd\"");
        check("a broken article", page, &|s, b| s == 500 && b.contains("confirmd"));
        edit(root, article, "verdict = \"confirmd\"", "verdict = \"confirmed\"");
        check("the article fixed", page, &|s, b| s == 200 && b.contains("OpenAI starts renting Google"));

        std::fs::rename(root.join(article), root.join(renamed)).unwrap();
        for linking in ["anthropic-google-cloud-partnership", "google-lends-compute-to-anthropic"] {
            let file = format!("content/articles/{linking}.md");
            edit(root, &file, "\"openai-turns-to-google-cloud#", "\"openai-picks-google-cloud#");
        }
        check("a renamed article", new_page, &|s, b| s == 200 && b.contains("OpenAI starts renting Google"));
        check("its old name", page, &|s, _| s == 404);

        let text = std::fs::read_to_string(root.join(renamed)).unwrap();
        std::fs::remove_file(root.join(renamed)).unwrap();
        check("a deleted article", new_page, &|s, b| s == 500 && b.contains("has no article file"));
        std::fs::write(root.join(renamed), text).unwrap();
        unshown
    }

    #[test]
    fn from_the_digest_folder_every_edit_shows() {
        let digest = DigestTest::real();
        let server = serve(&digest.root, &[]);
        let unshown = unshown_edits(&digest.root, server.1);
        assert!(unshown.is_empty(), "edits not shown (of 10): {unshown:?}");
    }

    #[test]
    fn with_a_relative_root_every_edit_shows() {
        let digest = DigestTest::real();
        let server = serve(digest.root.parent().unwrap(), &["--root", "digest"]);
        let unshown = unshown_edits(&digest.root, server.1);
        assert!(unshown.is_empty(), "edits not shown (of 10): {unshown:?}");
    }
}

/// Clients that misbehave, slowly or on purpose, cannot deny the others.
mod clients {
    use crate::harness::DigestTest;
    use glose::serve::Server;
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::time::Duration;

    /// The status and headers of one request, or `None` when no answer came
    /// within 10 s.
    fn ask(addr: SocketAddr, request: &str) -> Option<(u16, String)> {
        let mut stream = TcpStream::connect(addr).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).ok()?;
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.split(' ').nth(1)?.parse().ok()?;
        Some((status, response))
    }

    fn get(addr: SocketAddr) -> Option<u16> {
        ask(addr, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").map(|(status, _)| status)
    }

    #[test]
    fn a_client_that_pipelines_and_never_reads_does_not_block_the_others() {
        let digest = DigestTest::real();
        let server = Server::start(&digest.root, 0, |_| {}).expect("server starts");
        let addr = server.addr();
        assert_eq!(get(addr), Some(200));
        // 300 requests for the index at once, and not one byte read back.
        let mut stuck = TcpStream::connect(addr).unwrap();
        let pipelined = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(300);
        let writer = std::thread::spawn(move || {
            let _ = stuck.write_all(pipelined.as_bytes());
            std::thread::sleep(Duration::from_secs(15));
        });
        std::thread::sleep(Duration::from_millis(500));
        let answered = (0..5).filter(|_| get(addr) == Some(200)).count();
        assert_eq!(answered, 5, "other clients answered while one did not read: {answered} of 5");
        drop(writer);
        server.stop();
    }

    #[test]
    fn a_huge_header_is_refused_without_being_read_whole() {
        let digest = DigestTest::from_fixture("minimal");
        let server = Server::start(&digest.root, 0, |_| {}).expect("server starts");
        let addr = server.addr();
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut sender = stream.try_clone().unwrap();
        // 10 MB of header: the server answers long before it could read it all.
        let writer = std::thread::spawn(move || {
            let _ = sender.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
            let chunk = vec![b'a'; 64 * 1024];
            (0..160).take_while(|_| sender.write_all(&chunk).is_ok()).count()
        });
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let status = String::from_utf8_lossy(&response).split(' ').nth(1).unwrap_or("").to_string();
        assert_eq!(status, "431", "{}", String::from_utf8_lossy(&response[..response.len().min(200)]));
        let _ = stream.shutdown(std::net::Shutdown::Both);
        let sent = writer.join().unwrap();
        assert!(sent < 160, "the whole 10 MB header was read");
        assert_eq!(get(addr), Some(200), "the server no longer answers");
        server.stop();
    }

    #[test]
    fn only_get_and_head_are_answered() {
        let digest = DigestTest::from_fixture("minimal");
        let server = Server::start(&digest.root, 0, |_| {}).expect("server starts");
        let addr = server.addr();
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let request = format!("{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let (status, response) = ask(addr, &request).expect("an answer");
            assert_eq!(status, 405, "{method}: {response}");
            assert!(response.to_ascii_lowercase().contains("allow: get, head"), "{method}: {response}");
        }
        let (status, response) = ask(addr, "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        assert_eq!(status, 200);
        assert!(response.ends_with("\r\n\r\n"), "HEAD has a body: {response}");
        server.stop();
    }
}
