//! Long lists are split into numbered pages (`page_size` in site.toml):
//! every item is on exactly one page, the pages link to each other, and
//! links to an event land on the timeline page that holds it.

use crate::harness::{DigestTest, diagnostics_text, files_of};
use crate::links::broken_links;
use scraper::{Html, Selector};
use std::path::Path;

/// The real digest with `page_size` set in its site.toml.
fn real_with_page_size(size: &str) -> DigestTest {
    let digest = DigestTest::real();
    let site = std::fs::read_to_string(digest.root.join("content/site.toml")).unwrap();
    digest.write("content/site.toml", &format!("{site}page_size = {size}\n"));
    digest
}

fn pages_of(out: &Path, stem: &str) -> Vec<String> {
    let mut pages: Vec<String> = files_of(out)
        .into_iter()
        .filter(|f| f == &format!("{stem}.html") || (f.starts_with(&format!("{stem}-")) && !f.contains('/')))
        .collect();
    pages.sort_by_key(|p| {
        p.trim_start_matches(stem).trim_start_matches('-').trim_end_matches(".html").parse::<usize>().unwrap_or(1)
    });
    pages
}

fn select_all(out: &Path, pages: &[String], selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    pages
        .iter()
        .flat_map(|p| {
            let html = Html::parse_document(&std::fs::read_to_string(out.join(p)).unwrap());
            html.select(&selector)
                .map(|e| e.value().attr("href").or(e.value().attr("id")).unwrap_or("").to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn long_lists_are_split_and_every_link_still_resolves() {
    let digest = real_with_page_size("10");
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let out = digest.out();
    // 117 claims, 5 articles, 39 events and 5 publications.
    assert_eq!(pages_of(&out, "claims").len(), 12);
    assert_eq!(pages_of(&out, "index").len(), 1);
    assert_eq!(pages_of(&out, "timeline").len(), 5);
    let problems = broken_links(&out);
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_claim_is_listed_once_in_verdict_order() {
    let digest = real_with_page_size("10");
    assert!(digest.build().succeeded());
    let out = digest.out();
    let claims = pages_of(&out, "claims");
    let listed = select_all(&out, &claims, ".claim-cards .claim-head a");
    assert_eq!(listed.len(), 117);
    let unique: std::collections::BTreeSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), 117, "a claim is listed twice");
    // The groups follow one another across pages: a verdict's heading is
    // repeated, marked as continued, only where its claims carry over.
    let headings = select_all(&out, &claims, "h2.verdict-heading");
    let order: Vec<&str> =
        glose::vocabulary::Verdict::ALL.iter().map(|v| v.slug()).chain(std::iter::once("opinion")).collect();
    let ranks: Vec<usize> =
        headings.iter().map(|id| order.iter().position(|v| id == &format!("verdict-{v}")).unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "verdicts out of order: {headings:?}");
    let second = std::fs::read_to_string(out.join("claims-2.html")).unwrap();
    // 4 false, 2 disputed and 4 of the 16 partly true claims fill the first page.
    assert!(second.contains("(16, continued)"), "claims-2.html does not say its verdict continues");
    assert!(second.contains("<title>All claims, page 2 of 12 · "));
}

#[test]
fn the_pager_links_neighbours_and_marks_the_current_page() {
    let digest = real_with_page_size("10");
    assert!(digest.build().succeeded());
    let html = std::fs::read_to_string(digest.out().join("claims-6.html")).unwrap();
    let doc = Html::parse_document(&html);
    let pager = doc.select(&Selector::parse("nav.pager").unwrap()).next().expect("a pager");
    assert_eq!(pager.value().attr("aria-label"), Some("Pages of claims"));
    let text: String = pager.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(text, "Previous page Page 1 … Page 4 Page 5 Page 6 Page 7 Page 8 … Page 12 Next page");
    assert!(
        html.contains(r#"<a href="claims-5.html" rel="prev">"#)
            && html.contains(r#"<a href="claims-7.html" rel="next">"#)
    );
    assert!(
        html.contains(
            r#"<span class="current" aria-current="page"><span class="visually-hidden">Page </span>6</span>"#
        )
    );
    assert!(html.contains("Page 6 of 12: claims 51 to 60."));
}

#[test]
fn an_event_link_leads_to_the_timeline_page_that_holds_it() {
    let digest = real_with_page_size("10");
    assert!(digest.build().succeeded());
    let out = digest.out();
    let articles: Vec<String> =
        files_of(&out).into_iter().filter(|f| f.starts_with("articles/") && !f.ends_with(".source.html")).collect();
    let events = select_all(&out, &articles, "p.event a");
    assert!(events.iter().any(|href| href.contains("timeline-")), "no event is past the first timeline page");
    // broken_links (above) proves each lands on its id; here, that the
    // first page of a list keeps its plain name.
    assert!(out.join("timeline.html").is_file() && !out.join("timeline-1.html").exists());
}

#[test]
fn a_short_digest_has_no_pager() {
    let digest = DigestTest::real();
    assert!(digest.build().succeeded());
    for page in ["index.html", "claims.html", "timeline.html"] {
        let html = std::fs::read_to_string(digest.out().join(page)).unwrap();
        assert!(!html.contains("class=\"pager\"") && !html.contains("page-status"), "{page} has a pager");
    }
    assert!(!digest.out().join("claims-2.html").exists());
}

#[test]
fn a_page_size_below_one_is_an_error_at_its_place() {
    let digest = real_with_page_size("0");
    let report = digest.check();
    assert!(!report.succeeded());
    let text = diagnostics_text(&report);
    assert!(text.contains("bad-page-size") && text.contains("content/site.toml:5:"), "{text}");
}
