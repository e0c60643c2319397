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
    let server = Server::start(digest.options(), 0, |_| {}).expect("server starts");
    let addr = server.addr();
    assert!(addr.ip().is_loopback());

    let (status, page) = get(addr, "/articles/globex-picks-acme.html");
    assert_eq!(status, 200);
    assert!(page.contains("Matches the wire."));
    assert!(page.contains(VERSION_PATH), "served pages carry the reload script");
    let on_disk = std::fs::read_to_string(digest.out().join("articles/globex-picks-acme.html")).unwrap();
    assert!(!on_disk.contains(VERSION_PATH), "built files never do");
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
    server.stop();
}
