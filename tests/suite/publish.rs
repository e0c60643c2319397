//! Publishing the real digest: with a base URL its feed is Atom, its
//! sitemap follows sitemaps.org, every article page carries valid
//! ClaimReview JSON-LD, and its data export matches the JSON Schemas in
//! docs/schema/. Without one the feed and sitemap are skipped, with a note.
//! The offline bundle unpacks into a site whose every link resolves.

use crate::harness::{DigestTest, diagnostics_text, files_of, manifest_dir};
use crate::links::broken_links;
use glose::BuildOptions;
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const BASE: &str = "https://editors.github.io/cloud-digest/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAPS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The real digest built with `BASE` as its address.
fn published() -> DigestTest {
    let digest = DigestTest::real();
    let options = BuildOptions { base_url: Some(BASE.trim_end_matches('/').into()), ..digest.options() };
    let report = glose::build(&options);
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    digest
}

fn read(out: &Path, file: &str) -> String {
    std::fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The text of `node`'s only child element named `name` (Atom namespace).
fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    let children: Vec<_> = node.children().filter(|c| c.has_tag_name((ATOM, name))).collect();
    assert_eq!(children.len(), 1, "<{}> must have one <{name}>", node.tag_name().name());
    children[0].text().unwrap_or_else(|| panic!("<{name}> is empty")).trim()
}

/// RFC 3339 with a time, as Atom requires of its dates.
fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && text.chars().enumerate().all(|(i, c)| match i {
            4 | 7 => c == '-',
            10 => c == 'T',
            13 | 16 => c == ':',
            19 => c == 'Z',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn feed_is_atom_with_one_entry_per_article_newest_first() {
    let digest = published();
    let xml = read(&digest.out(), "feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "the root is Atom's <feed>");
    assert_eq!(child_text(feed, "id"), BASE);
    assert!(!child_text(feed, "title").is_empty());
    let updated = child_text(feed, "updated");
    assert!(is_rfc3339(updated), "{updated}");
    let authors: Vec<_> = feed.children().filter(|c| c.has_tag_name((ATOM, "author"))).collect();
    assert!(!authors.is_empty(), "a feed whose entries have no author needs one");
    for author in authors {
        assert!(!child_text(author, "name").is_empty());
    }
    let self_link = feed.children().find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"));
    assert_eq!(self_link.and_then(|l| l.attribute("href")), Some(format!("{BASE}feed.xml").as_str()));

    let entries: Vec<_> = feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))).collect();
    assert_eq!(entries.len(), 5, "one entry per article");
    let mut dates = Vec::new();
    for entry in &entries {
        let id = child_text(*entry, "id");
        assert!(id.starts_with(BASE) && id.ends_with(".html"), "{id}");
        assert!(!child_text(*entry, "title").is_empty());
        let date = child_text(*entry, "updated");
        assert!(is_rfc3339(date), "{date}");
        let summary = child_text(*entry, "summary");
        assert!(summary.contains("annotated passage") && summary.contains("confirmed"), "the verdict tally: {summary}");
        let link = entry.children().find(|c| c.has_tag_name((ATOM, "link"))).expect("an entry links to its page");
        let page = link.attribute("href").unwrap().strip_prefix(BASE).expect("absolute link");
        assert!(digest.out().join(page).is_file(), "{page}");
        dates.push(date.to_string());
    }
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first, "entries are newest first");
    assert_eq!(updated, dates[0], "the feed is as recent as its newest entry, not the clock");
}

#[test]
fn sitemap_follows_the_sitemaps_protocol_and_robots_points_at_it() {
    let digest = published();
    let out = digest.out();
    let xml = read(&out, "sitemap.xml");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let urlset = doc.root_element();
    assert!(urlset.has_tag_name((SITEMAPS, "urlset")));
    let mut locs = Vec::new();
    for url in urlset.children().filter(roxmltree::Node::is_element) {
        assert!(url.has_tag_name((SITEMAPS, "url")), "<urlset> holds only <url>");
        let children: Vec<_> = url.children().filter(roxmltree::Node::is_element).collect();
        assert!(children.iter().all(|c| ["loc", "lastmod", "changefreq", "priority"].contains(&c.tag_name().name())));
        let loc: Vec<_> = children.iter().filter(|c| c.has_tag_name((SITEMAPS, "loc"))).collect();
        assert_eq!(loc.len(), 1, "each <url> has one <loc>");
        let loc = loc[0].text().unwrap();
        assert!(loc.starts_with(BASE) && loc.len() < 2048, "{loc}");
        let page = loc.strip_prefix(BASE).unwrap();
        let page = if page.is_empty() { "index.html" } else { page };
        assert!(out.join(page).is_file(), "{loc} is no page of the site");
        locs.push(page.to_string());
    }
    let mut pages: Vec<String> =
        files_of(&out).into_iter().filter(|f| f.ends_with(".html") && f != "404.html").collect();
    pages.sort();
    locs.sort();
    assert_eq!(locs, pages, "every page but 404.html, once");
    assert!(read(&out, "robots.txt").contains(&format!("Sitemap: {BASE}sitemap.xml")));
}

#[test]
fn every_page_names_its_canonical_url_and_the_feed() {
    let digest = published();
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    let feed = Selector::parse("link[rel=alternate][type=\"application/atom+xml\"]").unwrap();
    for page in files_of(&digest.out()).into_iter().filter(|f| f.ends_with(".html") && f != "404.html") {
        let html = Html::parse_document(&read(&digest.out(), &page));
        let href =
            html.select(&canonical).next().and_then(|l| l.value().attr("href")).unwrap_or_else(|| panic!("{page}"));
        let expected = if page == "index.html" { BASE.to_string() } else { format!("{BASE}{page}") };
        assert_eq!(href, expected);
        assert!(html.select(&feed).next().is_some(), "{page} has no feed link");
    }
}

#[test]
fn every_article_page_carries_a_claim_review_per_claim() {
    let digest = published();
    let script = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let mut reviews = 0;
    for page in article_pages(&digest) {
        let text = read(&digest.out(), &page);
        let html = Html::parse_document(&text);
        let blocks: Vec<String> = html.select(&script).map(|s| s.inner_html()).collect();
        assert_eq!(blocks.len(), 1, "{page}");
        assert!(!blocks[0].contains('<'), "{page}: nothing in the JSON can close its <script>");
        let json: Value = serde_json::from_str(&blocks[0]).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert_eq!(json["@context"], "https://schema.org");
        let graph = json["@graph"].as_array().expect("@graph");
        assert!(!graph.is_empty(), "{page}");
        let mut nodes = std::collections::BTreeMap::new();
        collect_nodes(&json, &mut nodes);
        for review in graph {
            check_claim_review(&page, &html, &resolved(review, &nodes));
            reviews += 1;
        }
    }
    assert_eq!(reviews, 95, "one ClaimReview per rated claim");
}

/// The article pages, from the article files (articles/ may hold other pages).
fn article_pages(digest: &DigestTest) -> Vec<String> {
    let articles = digest.root.join("content/articles");
    let slugs = files_of(&articles).into_iter().filter_map(|f| f.strip_suffix(".md").map(str::to_string));
    slugs.map(|slug| format!("articles/{slug}.html")).collect()
}

/// Every node of `value` written out in full (more than its `@id`), by id.
fn collect_nodes(value: &Value, nodes: &mut std::collections::BTreeMap<String, Value>) {
    match value {
        Value::Object(map) => {
            if let (Some(Value::String(id)), true) = (map.get("@id"), map.len() > 1) {
                nodes.insert(id.clone(), value.clone());
            }
            map.values().for_each(|v| collect_nodes(v, nodes));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_nodes(v, nodes)),
        _ => {}
    }
}

/// `value` with each reference (an object holding only `@id`) replaced by
/// the node it names, as a JSON-LD reader sees it.
fn resolved(value: &Value, nodes: &std::collections::BTreeMap<String, Value>) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("@id") => {
            let id = map["@id"].as_str().unwrap_or_default();
            nodes.get(id).cloned().unwrap_or_else(|| panic!("no node {id}"))
        }
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), resolved(v, nodes))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(|v| resolved(v, nodes)).collect()),
        other => other.clone(),
    }
}

fn check_claim_review(page: &str, html: &Html, review: &Value) {
    let field = |path: &str| review.pointer(path).unwrap_or_else(|| panic!("{page}: no {path} in {review}"));
    let text = |path: &str| {
        field(path).as_str().filter(|s| !s.is_empty()).unwrap_or_else(|| panic!("{page}: {path}")).to_string()
    };
    assert_eq!(text("/@type"), "ClaimReview");
    let url = text("/url");
    let anchor = url.strip_prefix(&format!("{BASE}{page}#")).unwrap_or_else(|| panic!("{url} is not on {page}"));
    let id = Selector::parse(&format!("[id=\"{anchor}\"]")).unwrap();
    assert!(html.select(&id).next().is_some(), "{url}: no such anchor");
    let claim = text("/claimReviewed");
    assert!(claim.chars().count() < 75, "{claim}");
    assert_eq!(text("/reviewRating/@type"), "Rating");
    let verdict = text("/reviewRating/alternateName");
    match review.pointer("/reviewRating/ratingValue") {
        Some(value) => {
            let value = value.as_u64().unwrap();
            assert!((1..=5).contains(&value), "{value}");
            assert_eq!(field("/reviewRating/bestRating"), 5);
            assert_eq!(field("/reviewRating/worstRating"), 1);
        }
        None => assert!(verdict == "Unverified" || verdict.starts_with("Opinion"), "{verdict} needs a rating"),
    }
    assert_eq!(text("/itemReviewed/@type"), "Claim");
    text("/itemReviewed/appearance/headline");
    text("/itemReviewed/appearance/datePublished");
    text("/itemReviewed/appearance/publisher/name");
    text("/author/0/name");
    let date = text("/datePublished");
    assert!(date.len() >= 4 && date.chars().all(|c| c.is_ascii_digit() || c == '-'), "{date}");
}

pub fn validate(schema_file: &str, instance: &Value) {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest_dir().join(schema_file)).unwrap()).unwrap();
    let validator =
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{schema_file} is not a valid schema: {e}"));
    let errors: Vec<String> = validator.iter_errors(instance).map(|e| e.to_string()).take(20).collect();
    assert!(errors.is_empty(), "does not match {schema_file}:\n{}", errors.join("\n"));
}

#[test]
fn claims_json_and_timeline_json_match_their_schemas() {
    let digest = published();
    let claims: Value = serde_json::from_str(&read(&digest.out(), "claims.json")).unwrap();
    validate("docs/schema/claims.schema.json", &claims);
    assert_eq!(claims["claims"].as_array().unwrap().len(), 117);
    let timeline: Value = serde_json::from_str(&read(&digest.out(), "timeline.json")).unwrap();
    validate("docs/schema/timeline.schema.json", &timeline);

    // The schema cannot say that the selectors point at the quote: check it.
    for claim in claims["claims"].as_array().unwrap() {
        let target = &claim["target"];
        let seed = std::fs::read_to_string(digest.root.join(target["source"].as_str().unwrap())).unwrap();
        let seed: Vec<char> = seed.trim_start_matches('\u{feff}').replace("\r\n", "\n").chars().collect();
        let (start, end) =
            (target["selector"][1]["start"].as_u64().unwrap(), target["selector"][1]["end"].as_u64().unwrap());
        let passage: String = seed[start as usize..end as usize].iter().collect();
        assert_eq!(passage, claim["quote"].as_str().unwrap(), "{}", claim["ref"]);
        assert_eq!(target["selector"][0]["exact"], claim["quote"]);
    }
}

#[test]
fn a_schema_violation_is_caught() {
    // The validation above would be worthless if the schema let anything through.
    let digest = published();
    let mut claims: Value = serde_json::from_str(&read(&digest.out(), "claims.json")).unwrap();
    claims["claims"][0]["verdict"] = Value::from("probably");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest_dir().join("docs/schema/claims.schema.json")).unwrap())
            .unwrap();
    assert!(!jsonschema::validator_for(&schema).unwrap().is_valid(&claims));
}

#[test]
fn without_a_base_url_the_feed_and_sitemap_are_skipped_with_a_note() {
    let digest = DigestTest::from_fixture("minimal");
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    for file in ["feed.xml", "sitemap.xml", "robots.txt"] {
        assert!(!digest.out().join(file).exists(), "{file}");
    }
    let notes = &report.stats.as_ref().unwrap().notes;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("feed.xml") && notes[0].contains("base_url"), "{notes:?}");
    assert!(!read(&digest.out(), "index.html").contains("rel=\"canonical\""));
    assert!(digest.out().join("claims.json").is_file(), "the data export needs no base URL");
}

#[test]
fn a_bad_base_url_is_an_error_and_writes_nothing() {
    let digest = DigestTest::from_fixture("minimal");
    let report = glose::build(&BuildOptions { base_url: Some("editors.github.io/digest".into()), ..digest.options() });
    assert!(!report.succeeded());
    assert!(diagnostics_text(&report).contains("error[bad-base-url]"), "{}", diagnostics_text(&report));
    assert!(!digest.out().exists());
}

fn glose() -> Command {
    crate::harness::glose_command()
}

#[test]
fn the_binary_says_on_one_line_that_the_feed_was_skipped() {
    let digest = DigestTest::from_fixture("minimal");
    let output = glose().arg("build").arg("--root").arg(&digest.root).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("glose: note: ") && stderr.contains("feed.xml"), "{stderr}");

    let output = glose()
        .arg("build")
        .arg("--root")
        .arg(&digest.root)
        .args(["--base-url", "https://x.example/d"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(read(&digest.out(), "feed.xml").contains("<id>https://x.example/d/</id>"));

    let output =
        glose().arg("build").arg("--root").arg(&digest.root).args(["--base-url", "x.example"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "a bad --base-url is a usage error");
}

#[test]
fn the_zip_unpacks_into_a_site_whose_every_link_resolves() {
    let digest = DigestTest::real();
    let zip = digest.root.join("dist/glose-digest.zip");
    let report = glose::build(&BuildOptions { zip: Some(zip.clone()), ..digest.options() });
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let unpacked = tempfile::tempdir().unwrap();
    zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap().extract(unpacked.path()).unwrap();
    let site = unpacked.path().join("glose-digest");
    let problems = broken_links(&site);
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
    // The same files as the built folder, byte for byte (minus its marker).
    let built: Vec<String> = files_of(&digest.out()).into_iter().filter(|f| f != glose::write::MARKER).collect();
    assert_eq!(files_of(&site), built);
    for file in &built {
        assert!(std::fs::read(site.join(file)).unwrap() == std::fs::read(digest.out().join(file)).unwrap(), "{file}");
    }
    // Reproducible: a second build gives the same bytes.
    let first = std::fs::read(&zip).unwrap();
    assert!(glose::build(&BuildOptions { zip: Some(zip.clone()), ..digest.options() }).succeeded());
    assert!(first == std::fs::read(&zip).unwrap(), "two builds gave different zips");
}

#[test]
fn claims_of_articles_with_a_url_link_to_their_passage_in_the_original() {
    let digest = published();
    let claims: Value = serde_json::from_str(&read(&digest.out(), "claims.json")).unwrap();
    let articles: Vec<&Value> = claims["articles"].as_array().unwrap().iter().collect();
    let mut checked = 0;
    for claim in claims["claims"].as_array().unwrap() {
        let article = articles.iter().find(|a| a["slug"] == claim["article"]).unwrap();
        let Some(url) = article["url"].as_str() else {
            assert!(claim["original"].is_null());
            continue;
        };
        let original = claim["original"].as_str().expect("a text-fragment link");
        let directive = original.strip_prefix(&format!("{url}#:~:text=")).unwrap_or_else(|| panic!("{original}"));
        let quote = claim["quote"].as_str().unwrap().split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        // `prefix-,textStart[,textEnd][,-suffix]`: the context of a
        // repeated quote comes from around it, the rest from the quote.
        for part in directive.split(',') {
            let (context, text) = match (part.strip_suffix('-'), part.strip_prefix('-')) {
                (Some(prefix), _) => (true, prefix),
                (_, Some(suffix)) => (true, suffix),
                _ => (false, part),
            };
            assert!(!text.is_empty() && !text.contains(['-', '&', ' ', '#']), "{part}");
            let decoded = percent_decode(text);
            assert!(context || quote.contains(&decoded), "{decoded:?} is not part of {quote:?}");
        }
        checked += 1;
    }
    assert!(checked > 50, "only {checked} claims have an original to link to");
    let page = read(&digest.out(), "articles/alphabet-climbs-on-anthropic-contract.html");
    assert!(page.contains("#:~:text="), "the note offers the link");
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_feed_sitemap_and_robots_templates_can_be_overridden() {
    // Like the pages, a digest's templates/ replaces them file by file.
    let digest = DigestTest::from_fixture("minimal");
    digest.write("templates/robots.txt", "User-agent: *\nDisallow: /drafts/\nSitemap: {{ sitemap_url }}\n");
    digest.write(
        "templates/feed.xml",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>{{ home | escape_xml }}</id></feed>\n",
    );
    let report = glose::build(&BuildOptions { base_url: Some(BASE.into()), ..digest.options() });
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    assert_eq!(
        read(&digest.out(), "robots.txt"),
        format!("User-agent: *\nDisallow: /drafts/\nSitemap: {BASE}sitemap.xml\n")
    );
    assert_eq!(
        read(&digest.out(), "feed.xml"),
        format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>{BASE}</id></feed>\n")
    );
    assert!(read(&digest.out(), "sitemap.xml").contains("<urlset"), "the built-in sitemap stays");
}
