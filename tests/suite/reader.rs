//! What readers of the real digest found missing on the pages that list
//! claims and on the article page (issue #13), each checked on the output.

use crate::harness::{DigestTest, diagnostics_text};
use scraper::{Html, Selector};
use std::path::Path;

fn built() -> (DigestTest, std::path::PathBuf) {
    let digest = DigestTest::real();
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let out = digest.out();
    (digest, out)
}

fn page(out: &Path, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(path)).unwrap())
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&Selector::parse(selector).unwrap()).map(|e| e.text().collect::<String>()).collect()
}

fn hrefs(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).filter_map(|e| e.value().attr("href")).map(str::to_string).collect()
}

fn has_id(html: &Html, id: &str) -> bool {
    html.select(&Selector::parse(&format!("[id=\"{id}\"]")).unwrap()).next().is_some()
}

#[test]
fn a_company_named_only_through_an_alias_says_where_it_is_mentioned() {
    let (_digest, out) = built();
    let facebook = page(&out, "companies/facebook.html");
    let places = hrefs(&facebook, ".mention-places a");
    assert!(!places.is_empty(), "no mention of Facebook is linked");
    for href in &places {
        let (file, id) = href.split_once('#').expect("a mention links to its paragraph");
        let article = page(&out.join("companies"), file);
        let paragraph = texts(&article, &format!("[id=\"{id}\"] .text")).join(" ");
        assert!(paragraph.contains("Facebook"), "{href}: the paragraph does not name Facebook: {paragraph}");
    }
    let claims = texts(&facebook, "#claims-heading + p").join(" ");
    assert!(claims.contains("No claim names Facebook; the articles mention it once"), "{claims}");
}

#[test]
fn a_company_page_counts_its_claims_by_verdict_and_gives_each_in_english() {
    let (_digest, out) = built();
    let meta = page(&out, "companies/meta.html");
    assert!(!texts(&meta, "main > .tally li").is_empty(), "no verdict tally");
    let entries = texts(&meta, ".claim-list > li > a");
    assert!(entries.iter().any(|e| e.contains("Meta")), "no English paraphrase: {entries:?}");
}

/// A company page lists each claim as one row that links to the claim on
/// its article page, where the note, its evidence and cross-links sit: it
/// does not repeat them (issue #17: they made company pages grow with every
/// claim a company is named in).
#[test]
fn a_company_page_links_each_claim_to_its_note_instead_of_repeating_it() {
    let (_digest, out) = built();
    let claims: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("claims.json")).unwrap()).unwrap();
    let alphabet = std::fs::read_to_string(out.join("companies/alphabet.html")).unwrap();
    let html = Html::parse_document(&alphabet);
    let rows = hrefs(&html, ".claim-list > li > a");
    assert!(rows.len() > 20, "{} claims listed", rows.len());
    for href in &rows {
        let (file, id) = href.split_once('#').expect("a claim links to its place in the article");
        let article = page(&out.join("companies"), file);
        assert!(has_id(&article, id), "{href}: no such claim");
        let note = id.replacen("claim-", "note-", 1);
        assert!(has_id(&article, &note), "{href}: no note beside the claim");
    }
    assert_eq!(texts(&html, ".claim-list .verdict").len(), rows.len(), "each row gives its verdict");
    // Each row costs a few hundred bytes: before, its quote was repeated
    // and its article headed it a second time (62 kB for 73 claims).
    assert!(alphabet.len() < 16_000 + 400 * rows.len(), "{} bytes for {} claims", alphabet.len(), rows.len());
    let shown: String = html.root_element().text().collect();
    for claim in claims["claims"].as_array().unwrap() {
        let sentence = claim["note"].as_str().unwrap().split(". ").nth(1).filter(|s| s.len() > 40);
        if let Some(sentence) = sentence {
            assert!(!shown.contains(sentence), "the note of {} is repeated: {sentence}", claim["id"]);
        }
        for source in claim["sources"].as_array().unwrap() {
            let url = source["url"].as_str().unwrap();
            assert!(!alphabet.contains(url), "the evidence of {} is repeated: {url}", claim["id"]);
        }
    }
}

#[test]
fn the_claims_page_leads_with_what_is_wrong_and_links_its_tally_to_its_sections() {
    let (_digest, out) = built();
    let claims = page(&out, "claims.html");
    let sections: Vec<String> = hrefs(&claims, "main > .tally a");
    assert_eq!(sections.first().map(String::as_str), Some("#verdict-false"));
    for href in &sections {
        assert!(has_id(&claims, href.trim_start_matches('#')), "{href}: no such section");
    }
    // Every entry: its verdict, its paraphrase, and its note's first sentence.
    let cards = claims.select(&Selector::parse(".claim-cards > li").unwrap()).count();
    assert_eq!(texts(&claims, ".claim-cards .claim-head .verdict").len(), cards);
    assert_eq!(texts(&claims, ".claim-cards .claim-head a").len(), cards);
    assert!(texts(&claims, ".claim-cards .why").len() * 2 > cards, "few entries give their note's first sentence");
}

#[test]
fn the_timeline_is_one_line_an_event_and_says_when_a_source_came_before_it() {
    let (_digest, out) = built();
    let timeline = page(&out, "timeline.html");
    let lines = texts(&timeline, ".entry-event > details > summary");
    assert!(lines.len() > 30, "{} event lines", lines.len());
    let early = texts(&timeline, ".early");
    assert!(!early.is_empty(), "no source is marked as published before its event");
    assert!(early.iter().all(|e| e.contains("before the event")), "{early:?}");
    // Links to an event land inside its folded part, which browsers unfold.
    assert!(has_id(&timeline, "event-meta-google-cloud-deal"));
    let inside = Selector::parse("details #event-meta-google-cloud-deal").unwrap();
    assert!(timeline.select(&inside).next().is_some());
}

#[test]
fn small_things_readers_saw() {
    let (digest, out) = built();
    // "Latest events" are not a numbered list.
    let index = page(&out, "index.html");
    assert!(index.select(&Selector::parse("ol.event-list").unwrap()).next().is_none());
    // An elision is explained in words, not only in a tooltip.
    let article = page(&out, "articles/alphabet-climbs-on-anthropic-contract.html");
    let elisions = texts(&article, ".elisions").join(" ");
    assert!(elisions.contains("date metadata glued to the front of the headline"), "{elisions}");
    // An article with no claims says so.
    digest.write("seeds/900_empty.txt", "Un titre\n\nUn paragraphe sans annotation.\n");
    digest.write(
        "content/articles/empty.md",
        "+++\nseed = \"900_empty.txt\"\ntitle = \"Un titre\"\npublished = 2025-01-01\npublisher = \"P\"\nlang = \"fr\"\nsummary = \"S.\"\n+++\n",
    );
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let empty = page(&out, "articles/empty.html");
    assert_eq!(texts(&empty, ".tally-intro"), ["No passage of this article is annotated yet."]);
}

#[test]
fn text_shown_in_place_of_a_missing_paraphrase_is_escaped_once() {
    // The minimal digest has claims without a paraphrase, whose notes hold
    // apostrophes: Tera escapes a filter's argument as well as its result,
    // so `default(value=…)` showed `&amp;#39;` in their place.
    let digest = DigestTest::from_fixture("minimal");
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    for path in crate::harness::files_of(&digest.out()).iter().filter(|p| p.ends_with(".html")) {
        let html = std::fs::read_to_string(digest.out().join(path)).unwrap();
        assert!(!html.contains("&amp;#"), "{path}: text escaped twice");
    }
}

/// An article page is its text, its notes and their markup: issue #17 found
/// the markup at four times the text it shows (the ClaimReview data
/// repeating the article in every review, icon attributes, `rel` on every
/// link), which a digest of 10,000 articles cannot afford.
#[test]
fn an_article_page_weighs_under_four_times_the_text_it_shows() {
    let (digest, out) = built();
    for entry in std::fs::read_dir(digest.root.join("content/articles")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(slug) = name.strip_suffix(".md") else { continue };
        let page = std::fs::read_to_string(out.join(format!("articles/{slug}.html"))).unwrap();
        let shown: String = Html::parse_document(&page)
            .select(&Selector::parse("body").unwrap())
            .flat_map(|b| b.text())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let ratio = page.len() as f64 / shown.len() as f64;
        assert!(ratio < 3.75, "{slug}: {} bytes for {} bytes of text ({ratio:.2}×)", page.len(), shown.len());
    }
}
