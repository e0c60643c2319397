//! The search index as the search page reads it (docs/search.md): every
//! file meta.js and the page's filters name exists, the shards are in the
//! order the script searches them, each field the search page names is
//! found, and serve gives the same files a build writes.

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

/// The pages a word is found on: its postings in the term shards (decoded
/// as docs/search.md describes them), each document's link from its record.
fn found(out: &Path, word: &str) -> Vec<String> {
    let meta = data(out, "meta");
    let shards = meta["shards"].as_array().unwrap();
    let n = shards.iter().rposition(|s| s.as_str().unwrap() <= word).unwrap_or(0);
    let terms = data(out, &format!("t{n}"));
    let Some(entry) = terms.as_array().unwrap().iter().find(|t| t[0] == word) else { return Vec::new() };
    let chunk = meta["chunk"].as_u64().unwrap();
    let digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let mut values = entry[1].as_str().unwrap().chars().map(|c| digits.find(c).unwrap() as u64);
    let (mut doc, mut pages) = (0, Vec::new());
    while let Some(first) = values.next() {
        let (mut gap, mut shift, mut v) = (first & 31, 5, first);
        while v >= 32 {
            v = values.next().unwrap();
            gap += (v & 31) << shift;
            shift += 5;
        }
        doc += gap;
        assert!(values.next().is_some_and(|weight| weight > 0), "{word}: a weight follows each number");
        let record = &data(out, &format!("d{}", doc / chunk))[(doc % chunk) as usize];
        pages.push(record["u"].as_str().unwrap().to_owned());
    }
    pages
}

#[test]
fn every_field_the_search_page_names_is_found() {
    let digest = DigestTest::from_fixture("search");
    // A word of its own in each field the search page says it searches.
    let edit = |path: &str, pairs: &[(&str, &str)]| {
        let mut text = std::fs::read_to_string(digest.root.join(path)).unwrap();
        for (from, to) in pairs {
            assert!(text.contains(from), "{path} has no {from}");
            text = text.replacen(from, to, 1);
        }
        digest.write(path, &text);
    };
    edit(
        "content/articles/fr-negocie.md",
        &[
            ("title_en = \"Google negotiates", "title_en = \"Tapir: Google negotiates"),
            ("A French report", "A heron French report"),
            ("about AI.", "about AI and wombats."),
            ("confirmed by both.", "confirmed by kestrels."),
        ],
    );
    edit("content/events.toml", &[("sign the TPU deal", "sign the ibis deal")]);
    edit("content/companies.toml", &[("aliases = [\"Google\"]", "aliases = [\"Google\", \"Alphabet\"]")]);
    let report = digest.build();
    assert!(report.succeeded(), "{}", crate::harness::diagnostics_text(&report));
    let out = digest.out();
    let cases = [
        ("artificielle", "articles/fr-negocie.html#claim-negocie", "a quote"),
        ("wombats", "articles/fr-negocie.html#claim-negocie", "a paraphrase"),
        ("kestrels", "articles/fr-negocie.html#claim-negocie", "a note"),
        ("negocie", "articles/fr-negocie.html", "an article title"),
        ("tapir", "articles/fr-negocie.html", "an English title"),
        ("heron", "articles/fr-negocie.html", "a summary"),
        ("ibis", "timeline.html#event-tpu-deal", "an event title"),
        ("anthropic", "companies/anthropic.html", "a company name"),
        ("alphabet", "companies/google.html", "a company alias"),
    ];
    for (word, page, field) in cases {
        let pages = found(&out, word);
        assert!(pages.iter().any(|p| p == page), "{field}: {word} finds {pages:?}, not {page}");
    }
    assert_eq!(
        found(&out, "kestrels"),
        ["articles/fr-negocie.html#claim-negocie"],
        "a note's word is its claim's alone"
    );
    assert!(found(&out, "kestrel").is_empty(), "the index holds words, not their starts");
}
