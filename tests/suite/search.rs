//! The search index as the search page reads it (docs/search.md): every
//! file meta.js and the page's filters name exists, the shards are in the
//! order the script searches them, and serve gives the same files a build
//! writes.

use crate::harness::{DigestTest, files_of};
use scraper::{Html, Selector};
use std::path::Path;

/// The data a `search/NAME.js` file hands to the script.
fn data(out: &Path, name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join(format!("search/{name}.js"))).unwrap();
    let prefix = format!("gloseSearch(\"{name}\",");
    let json = text.strip_prefix(&prefix).and_then(|t| t.strip_suffix(");\n")).expect("one call per file");
    serde_json::from_str(json).unwrap()
}

#[test]
fn every_file_the_page_and_meta_name_exists() {
    let digest = DigestTest::from_fixture("search");
    assert!(digest.build().succeeded());
    let out = digest.out();
    let meta = data(&out, "meta");
    let shards: Vec<&str> = meta["shards"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    let utf16: Vec<Vec<u16>> = shards.iter().map(|s| s.encode_utf16().collect()).collect();
    assert!(utf16.windows(2).all(|w| w[0] < w[1]), "shards out of order: {shards:?}");
    for (n, first) in shards.iter().enumerate() {
        let terms = data(&out, &format!("t{n}"));
        assert_eq!(terms[0][0].as_str(), Some(*first), "t{n} starts with its meta entry");
    }
    let docs = meta["docs"].as_u64().unwrap();
    let chunk = meta["chunk"].as_u64().unwrap();
    let records: u64 =
        (0..docs.div_ceil(chunk)).map(|n| data(&out, &format!("d{n}")).as_array().unwrap().len() as u64).sum();
    assert_eq!(records, docs);
    // Each value a filter offers has its file. (A verdict no claim has is
    // offered without one, and the script counts it empty; the fixture has
    // every verdict.)
    let page = Html::parse_document(&std::fs::read_to_string(out.join("search.html")).unwrap());
    let choices = Selector::parse("form[data-search] input[type=checkbox], form[data-search] option").unwrap();
    let mut missing = Vec::new();
    for choice in page.select(&choices) {
        let value = choice.value().attr("value").unwrap();
        let name = choice
            .value()
            .attr("name")
            .or_else(|| choice.ancestors().filter_map(scraper::ElementRef::wrap).find_map(|e| e.value().attr("name")));
        let file = format!("search/f/{}-{value}.js", name.unwrap());
        if !value.is_empty() && !out.join(&file).is_file() {
            missing.push(file);
        }
    }
    assert!(missing.is_empty(), "filter values without a file: {missing:?}");
}

#[test]
fn serve_gives_the_index_a_build_writes() {
    let digest = DigestTest::from_fixture("search");
    assert!(digest.build().succeeded());
    let (report, site) = glose::live::Live::new(&digest.root).update(&[]);
    let site = site.unwrap_or_else(|| panic!("{}", report.diagnostics.render(&report.sources)));
    let out = digest.out();
    let index: Vec<String> = files_of(&out).into_iter().filter(|f| f.starts_with("search/")).collect();
    assert!(index.len() > 5, "{index:?}");
    for path in index {
        let served = site.file(&path).unwrap_or_else(|| panic!("serve has no {path}")).unwrap();
        assert!(served == std::fs::read(out.join(&path)).unwrap(), "{path} served differs from the build");
    }
    assert!(site.file("search/t9999.js").is_none());
}
