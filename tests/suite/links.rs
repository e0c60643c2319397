//! Every link in the real digest resolves: each href and src to a file of
//! the output, each #fragment to an id in that file. Links are relative and
//! name files, so the site works from disk and under any sub-path.

use crate::harness::{DigestTest, diagnostics_text, files_of};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The ids of each HTML file of a built site.
fn ids_by_page(out: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let any = Selector::parse("[id]").unwrap();
    files_of(out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let html = Html::parse_document(&std::fs::read_to_string(out.join(&f)).unwrap());
            let ids = html.select(&any).filter_map(|e| e.value().id().map(str::to_string)).collect();
            (f, ids)
        })
        .collect()
}

/// Problems with the internal links of the site at `out`.
pub fn broken_links(out: &Path) -> Vec<String> {
    let ids = ids_by_page(out);
    let files: BTreeSet<String> = files_of(out).into_iter().collect();
    let linking = Selector::parse("[href], [src]").unwrap();
    let mut problems = Vec::new();
    for page in ids.keys() {
        let html = Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        for element in html.select(&linking) {
            let target = element.value().attr("href").or(element.value().attr("src")).unwrap();
            if target.starts_with("https://") || target.starts_with("http://") || target.starts_with("mailto:") {
                continue;
            }
            if let Some(problem) = check_link(page, target, &files, &ids) {
                problems.push(format!("{page}: {target}: {problem}"));
            }
        }
    }
    problems
}

fn check_link(
    page: &str,
    target: &str,
    files: &BTreeSet<String>,
    ids: &BTreeMap<String, BTreeSet<String>>,
) -> Option<&'static str> {
    if target.starts_with('/') {
        return Some("starts with /");
    }
    let (path, fragment) = target.split_once('#').map_or((target, None), |(p, f)| (p, Some(f)));
    if path.ends_with('/') || (!path.is_empty() && !path.rsplit('/').next().unwrap().contains('.')) {
        return Some("names a folder, not a file");
    }
    let file = if path.is_empty() { page.to_string() } else { join(page, path)? };
    if !files.contains(&file) {
        return Some("no such file");
    }
    match fragment {
        Some(f) if !f.is_empty() && !ids.get(&file).is_some_and(|set| set.contains(f)) => Some("no such id"),
        _ => None,
    }
}

/// Resolves a relative `path` against the folder of `page`; `None` if it
/// climbs out of the site.
fn join(page: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop()?;
            }
            "." => {}
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[test]
fn every_link_of_the_real_digest_resolves() {
    let digest = DigestTest::real();
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let problems = broken_links(&digest.out());
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_link_check_catches_a_broken_link() {
    let digest = DigestTest::from_fixture("minimal");
    assert!(digest.build().succeeded());
    let index = digest.out().join("index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&index, html.replace("</main>", "<a href=\"articles/nope.html#x\">x</a><a href=\"claims.html#nope\">y</a><a href=\"/abs.html\">z</a></main>")).unwrap();
    let problems = broken_links(&digest.out());
    assert_eq!(problems.len(), 3, "{problems:?}");
}
