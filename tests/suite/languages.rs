//! Every language a newsroom reads: company mentions in every script, the
//! `lang` values checked, and the multilingual fixture digest.

use crate::harness::{DigestTest, diagnostics_text};
use scraper::{Html, Selector};

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
