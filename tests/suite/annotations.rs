//! The W3C Web Annotation export: annotations.jsonld and its pages match
//! docs/schema/annotations.schema.json, their paging links hold together,
//! no file comes near 10 MB, and every annotation's selectors re-anchor
//! in its seed at the claim's own passage.

use crate::harness::{DigestTest, diagnostics_text, files_of};
use crate::publish::validate;
use glose::BuildOptions;
use serde_json::Value;
use std::path::Path;

const SCHEMA: &str = "docs/schema/annotations.schema.json";
const BASE: &str = "https://editors.github.io/cloud-digest/";

fn json(out: &Path, file: &str) -> Value {
    let text = std::fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The collection, then each page in `next` order, checking the links and
/// the indexes on the way; returns every annotation.
fn walk(out: &Path) -> Vec<Value> {
    let collection = json(out, "annotations.jsonld");
    validate(SCHEMA, &collection);
    let local = |iri: &Value| iri.as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let total = collection["total"].as_u64().unwrap() as usize;
    let mut items = Vec::new();
    let mut next = collection.get("first").map(local);
    let mut previous: Option<String> = None;
    while let Some(file) = next {
        let page = json(out, &file);
        validate(SCHEMA, &page);
        assert_eq!(page["partOf"]["id"], collection["id"]);
        assert_eq!(page["partOf"]["total"], collection["total"]);
        assert_eq!(page["startIndex"].as_u64().unwrap() as usize, items.len(), "{file}");
        assert_eq!(page.get("prev").map(local), previous, "{file}");
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        next = page.get("next").map(local);
        if next.is_none() {
            assert_eq!(collection.get("last").map(local), Some(file.clone()));
        }
        previous = Some(file);
    }
    assert_eq!(items.len(), total);
    items
}

/// Every selector of `annotation` picks the claim's passage of `seed`.
fn assert_reanchors(annotation: &Value, seed: &str) {
    let selectors = annotation["target"]["selector"].as_array().unwrap();
    let quote = &selectors[0];
    let text = |v: &Value| v.as_str().unwrap().to_string();
    let (exact, prefix, suffix) = (text(&quote["exact"]), text(&quote["prefix"]), text(&quote["suffix"]));
    // glose's own anchoring finds the quote with its context, once.
    let bytes = glose::resolve::resolve_quote(seed, &exact, Some(&prefix), Some(&suffix))
        .unwrap_or_else(|e| panic!("{}: {e:?}", annotation["id"]));
    if let Some(position) = selectors.get(1) {
        let chars = |v: &Value| v.as_u64().unwrap() as usize;
        let start = seed[..bytes.start].chars().count();
        assert_eq!((chars(&position["start"]), chars(&position["end"])), (start, start + exact.chars().count()));
    }
}

#[test]
fn the_export_matches_its_schema_and_reanchors_in_every_seed() {
    let digest = DigestTest::real();
    let options = BuildOptions { base_url: Some(BASE.into()), ..digest.options() };
    let report = glose::build(&options);
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let items = walk(&digest.out());
    assert_eq!(items.len(), 117);
    let (raw, _) = glose::load::load(&digest.root);
    let claims: Value = json(&digest.out(), "claims.json");
    for (annotation, claim) in items.iter().zip(claims["claims"].as_array().unwrap()) {
        let article = claims["articles"].as_array().unwrap().iter().find(|a| a["slug"] == claim["article"]).unwrap();
        // A claim's address, as docs/data-export.md says to build it.
        let text = |v: &Value| v.as_str().unwrap().to_string();
        let url =
            format!("{}{}#claim-{}", text(&claims["site"]["base_url"]), text(&article["page"]), text(&claim["id"]));
        assert_eq!(annotation["id"].as_str().unwrap(), url, "same order, same ids");
        assert_eq!(annotation["target"]["source"]["id"], article["url"]);
        let seed_file = article["seed"].as_str().unwrap().trim_start_matches("seeds/");
        let seed = raw.seeds.iter().find(|s| s.file_name == seed_file).unwrap();
        assert_reanchors(annotation, &seed.text);
    }
}

#[test]
fn without_a_base_url_ids_are_relative_and_pages_without_an_original_use_the_digest_page() {
    let digest = DigestTest::from_fixture("minimal");
    assert!(digest.build().succeeded());
    let items = walk(&digest.out());
    let (raw, _) = glose::load::load(&digest.root);
    for annotation in &items {
        let id = annotation["id"].as_str().unwrap();
        assert!(id.starts_with("articles/"), "{id}");
        let source = &annotation["target"]["source"];
        let seed = if source["id"].as_str().unwrap().starts_with("articles/acme-globex-fr.html") {
            // That article has no `url`: its page, and only the quote selector.
            assert_eq!(source["format"], "text/html");
            assert_eq!(annotation["target"]["selector"].as_array().unwrap().len(), 1);
            "a-fr.txt"
        } else {
            assert!(source["id"].as_str().unwrap().starts_with("https://"));
            "b-en.txt"
        };
        let seed = raw.seeds.iter().find(|s| s.file_name == seed).expect(seed);
        assert_reanchors(annotation, &seed.text);
    }
}

#[test]
fn a_small_page_size_splits_the_collection_into_linked_pages() {
    let digest = DigestTest::from_fixture("minimal");
    let site = std::fs::read_to_string(digest.root.join("content/site.toml")).unwrap();
    digest.write("content/site.toml", &format!("page_size = 2\n{site}"));
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let items = walk(&digest.out());
    let pages = files_of(&digest.out()).into_iter().filter(|f| f.starts_with("annotations-")).count();
    assert_eq!(pages, items.len().div_ceil(2));
    assert!(pages >= 3, "the fixture has claims enough for three pages");
}

#[test]
fn long_notes_close_pages_early_and_no_file_reaches_ten_megabytes() {
    // Twelve notes of a megabyte each: a page of them all would be 12 MB.
    let digest = DigestTest::from_fixture("minimal");
    let seed = "Globex buys Acme.\n";
    let mut article = String::from(
        "+++\nseed = \"big.txt\"\ntitle = \"Big\"\npublished = 2025-01-01\npublisher = \"P\"\nlang = \"en\"\nsummary = \"S\"\n",
    );
    let note = "word ".repeat(200_000);
    for n in 0..12 {
        article.push_str(&format!(
            "[[claim]]\nid = \"c{n}\"\nquote = \"Globex buys Acme.\"\nkind = \"opinion\"\nnote = \"{note}\"\n"
        ));
    }
    article.push_str("+++\n");
    digest.write("seeds/big.txt", seed);
    digest.write("content/articles/big.md", &article);
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    walk(&digest.out());
    let pages = files_of(&digest.out()).into_iter().filter(|f| f.starts_with("annotations-")).count();
    assert!(pages >= 3, "12 MB of notes in pages of at most 4 MB: {pages} pages");
    for file in files_of(&digest.out()) {
        let size = std::fs::metadata(digest.out().join(&file)).unwrap().len();
        if file.ends_with(".jsonld") {
            assert!(size < 5 * 1024 * 1024, "{file}: {size} bytes");
        }
    }
}

#[test]
fn the_schema_rejects_what_the_model_forbids() {
    // The validations above would be worthless if the schema let anything through.
    let digest = DigestTest::from_fixture("minimal");
    assert!(digest.build().succeeded());
    let page = json(&digest.out(), "annotations-1.jsonld");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(crate::harness::manifest_dir().join(SCHEMA)).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&page));
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut copy = page.clone();
        edit(&mut copy);
        !validator.is_valid(&copy)
    };
    assert!(broken(&|p| p["items"] = Value::Array(Vec::new())), "a page holds at least one annotation");
    assert!(broken(&|p| p["items"][0]["target"]["selector"][0]["type"] = "TextSelector".into()));
    assert!(broken(&|p| p["items"][0]["created"] = "2025-01-01".into()), "a timestamp, in UTC");
    assert!(broken(&|p| {
        p["items"][0].as_object_mut().unwrap().remove("motivation");
    }));
    assert!(broken(&|p| p["@context"] = serde_json::json!(["http://www.w3.org/ns/anno.jsonld"])));
}
