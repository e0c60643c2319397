//! Every language a newsroom reads: company mentions in every script, the
//! `lang` values checked, and the multilingual fixture digest.

use crate::harness::{DigestTest, diagnostics_text, files_of, manifest_dir};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};

fn page(digest: &DigestTest, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(digest.out().join(path)).unwrap())
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).map(|e| e.text().collect::<String>()).collect()
}

#[test]
fn a_company_page_lists_only_the_aliases_found_in_the_articles() {
    let digest = DigestTest::real();
    let companies = std::fs::read_to_string(digest.root.join("content/companies.toml")).unwrap();
    let companies = companies.replacen("aliases = [\"Google\"]", "aliases = [\"Google\", \"Gooogle\"]", 1);
    digest.write("content/companies.toml", &companies);
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let found = texts(&page(&digest, "companies/google.html"), "main p.muted");
    let found = found.iter().find(|p| p.contains("“Google”")).expect("the aliases found");
    assert!(!found.contains("Gooogle"), "{found}");
}

/// Every occurrence of every alias in the multilingual fixture, as written
/// in its seeds: Arabic proclitics (لمايكروسوفت), Hebrew prefixes (ומגוגל),
/// Japanese full-width letters between kana (オープンＡＩは), Chinese without
/// spaces (使谷歌在), a German genitive listed as an alias.
#[test]
fn every_alias_occurrence_is_counted_in_every_script() {
    let digest = DigestTest::from_fixture("multilingual");
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let expected = [
        ("ar-microsoft-openai", "Microsoft×5 OpenAI×3 Google×1"),
        ("de-microsoft-openai", "Microsoft×2 OpenAI×2 Anthropic×1 Google×1"),
        ("he-google-amd", "Google×4 AMD×3 Microsoft×1"),
        ("ja-openai-amd", "AMD×4 OpenAI×3 Google×1 Microsoft×1"),
        ("zh-google-anthropic", "Anthropic×3 Google×3 Microsoft×1"),
    ];
    for (slug, counts) in expected {
        let page = page(&digest, &format!("articles/{slug}.html"));
        let shown: Vec<String> =
            texts(&page, ".mentions li").iter().map(|li| li.split_whitespace().collect::<String>()).collect();
        assert_eq!(shown.join(" "), counts, "{slug}");
    }
}

/// Every word of `text` of two letters or more, lower-cased.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() > 1).map(str::to_lowercase).collect()
}

/// Every string of a TOML value, in its tables and lists.
fn toml_strings(value: &toml::Value, out: &mut String) {
    match value {
        toml::Value::String(s) => {
            out.push_str(s);
            out.push(' ');
        }
        toml::Value::Array(list) => list.iter().for_each(|v| toml_strings(v, out)),
        toml::Value::Table(table) => table.values().for_each(|v| toml_strings(v, out)),
        _ => {}
    }
}

/// The text a reader meets on a page: text nodes outside scripts and
/// styles, and the attributes read out or shown (title, aria-label, alt,
/// placeholder), or shown by a script (the search page's data-* words).
fn page_text(html: &Html) -> String {
    let mut out = String::new();
    for node in html.root_element().descendants() {
        if let Some(text) = node.value().as_text() {
            let inside_script = node
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style")));
            if !inside_script {
                out.push_str(text);
                out.push(' ');
            }
        } else if let Some(element) = node.value().as_element() {
            for (name, value) in element.attrs() {
                let shown = matches!(name, "title" | "aria-label" | "alt" | "placeholder")
                    || (name.starts_with("data-") && value.contains(' '));
                if shown {
                    out.push_str(value);
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// Words of the real digest's pages, built with `language`, that come
/// from neither its content (content/ and seeds/) nor the French catalogue,
/// each with the first page that shows it; and the build's notes.
fn words_from_elsewhere(language: &str) -> (BTreeMap<String, String>, Vec<String>) {
    let digest = DigestTest::real();
    let site = std::fs::read_to_string(digest.root.join("content/site.toml")).unwrap();
    digest.write("content/site.toml", &site.replace("language = \"en\"", &format!("language = \"{language}\"")));
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));

    let mut known: BTreeSet<String> = BTreeSet::new();
    for part in ["content", "seeds"] {
        for entry in walkdir::WalkDir::new(digest.root.join(part)).into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() {
                known.extend(words_of(&std::fs::read_to_string(entry.path()).unwrap()));
            }
        }
    }
    let catalogue = std::fs::read_to_string(manifest_dir().join("templates/i18n/fr.toml")).unwrap();
    let mut french = String::new();
    toml_strings(&toml::Value::Table(catalogue.parse::<toml::Table>().unwrap()), &mut french);
    known.extend(words_of(&french));
    // The data files the pages link to by name (claims.json, x.md).
    known.extend(["json".to_string(), "md".to_string()]);

    let mut leaks = BTreeMap::new();
    for page in files_of(&digest.out()).into_iter().filter(|f| f.ends_with(".html")) {
        let html = Html::parse_document(&std::fs::read_to_string(digest.out().join(&page)).unwrap());
        for word in words_of(&page_text(&html)) {
            if !known.contains(&word) {
                leaks.entry(word).or_insert_with(|| page.clone());
            }
        }
    }
    (leaks, report.stats.map(|s| s.notes).unwrap_or_default())
}

/// A label is every piece of page text that comes from the theme rather
/// than the content. With `language = "fr"`, every word a page shows is a
/// word of the content or of the French catalogue. (A label whose English
/// words all occur in the content too would slip through: the digest's
/// notes are English. The second test shows what the check catches.)
#[test]
fn this_digest_in_french_has_no_english_label_left() {
    let (leaks, notes) = words_from_elsewhere("fr");
    assert!(leaks.is_empty(), "words from no content and no catalogue (word: first page): {leaks:#?}");
    assert!(!notes.iter().any(|n| n.contains("catalogue")), "{notes:?}");
}

#[test]
fn a_language_without_catalogue_gets_english_labels_and_one_note() {
    let (leaks, notes) = words_from_elsewhere("de");
    for english in ["skip", "sections", "newest", "unrated", "rebuilt"] {
        assert!(leaks.contains_key(english), "{english} not found in {leaks:?}");
    }
    let said: Vec<&String> = notes.iter().filter(|n| n.contains("no interface catalogue for language `de`")).collect();
    assert_eq!(said.len(), 1, "{notes:?}");
}
