//! Editorial details of the article page: elided debris, the headline,
//! links to the original and quotes shortened in lists.

use crate::harness::{DigestTest, diagnostics_text};
use scraper::{Html, Selector};

const ARTICLE: &str = "content/articles/acme-globex-fr.md";
const SEED: &str = "seeds/a-fr.txt";

/// The minimal fixture with its French seed and article edited.
fn minimal_with(seed: impl Fn(&str) -> String, article: impl Fn(&str) -> String) -> DigestTest {
    let digest = DigestTest::from_fixture("minimal");
    let read = |path: &str| std::fs::read_to_string(digest.root.join(path)).unwrap();
    digest.write(SEED, &seed(&read(SEED)));
    digest.write(ARTICLE, &article(&read(ARTICLE)));
    digest
}

fn built_page(digest: &DigestTest, path: &str) -> Html {
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    Html::parse_document(&std::fs::read_to_string(digest.out().join(path)).unwrap())
}

fn select(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).map(|e| e.text().collect::<String>()).collect()
}

fn with_elide(article: &str, quote: &str, reason: &str) -> String {
    article.replacen("[[elide]]", &format!("[[elide]]\nquote = \"{quote}\"\nreason = \"{reason}\"\n\n[[elide]]"), 1)
}

#[test]
fn consecutive_elided_lines_keep_every_reason() {
    let digest = minimal_with(
        |seed| seed.replace("Partager cet article\r\n", "Partager cet article\r\nLire aussi : Acme\r\n"),
        |article| with_elide(article, "Lire aussi : Acme", "related link"),
    );
    let page = built_page(&digest, "articles/acme-globex-fr.html");
    let markers = select(&page, ".seed .elided .visually-hidden");
    assert_eq!(markers.len(), 1, "one […] for the run: {markers:?}");
    assert!(markers[0].contains("share button") && markers[0].contains("related link"), "{markers:?}");
}

#[test]
fn debris_lines_before_the_headline_do_not_show_it_twice() {
    let digest = minimal_with(
        |seed| seed.replacen("Acme signe avec Globex", "Publié le 15 mars\nAcme signe avec Globex", 1),
        |article| with_elide(article, "Publié le 15 mars", "date line"),
    );
    let page = built_page(&digest, "articles/acme-globex-fr.html");
    let shown = select(&page, "main h1, main p").iter().filter(|t| t.contains("Acme signe avec Globex")).count();
    assert_eq!(shown, 1, "the headline once, in the h1");
    assert_eq!(select(&page, "main h1"), vec!["Acme signe avec Globex"]);
}

#[test]
fn a_link_to_the_original_opens_the_repeated_quote_the_claim_anchors() {
    let digest = minimal_with(
        |seed| seed.replacen("La Daily", "Rocket sera vendu à tous, dit-on.\r\nLa Daily", 1),
        |article| {
            article.replacen("lang = \"fr\"", "lang = \"fr\"\nurl = \"https://example.org/gazette/acme\"", 1).replacen(
                "quote = \"Rocket sera vendu à tous\"",
                "quote = \"Rocket sera vendu à tous\"\nsuffix = \" :\"",
                1,
            )
        },
    );
    let page = built_page(&digest, "articles/acme-globex-fr.html");
    let selector = Selector::parse("#note-rocket-for-all a[href*=':~:text=']").unwrap();
    let href = page.select(&selector).next().expect("a link to the original").value().attr("href").unwrap();
    // The passage starts its line: no words before it, three after.
    assert!(
        href.ends_with("#:~:text=Rocket%20sera%20vendu%20%C3%A0%20tous,-%3A%20un%20tournant"),
        "the directive names what follows the passage: {href}"
    );
}

#[test]
fn quotes_shortened_in_lists_end_at_a_word() {
    let digest = DigestTest::real();
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let claims: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(digest.out().join("claims.json")).unwrap()).unwrap();
    let quotes: Vec<&str> = claims["claims"].as_array().unwrap().iter().map(|c| c["quote"].as_str().unwrap()).collect();
    let mut shortened = 0;
    for path in ["timeline.html", "companies/google.html", "companies/anthropic.html"] {
        let page = Html::parse_document(&std::fs::read_to_string(digest.out().join(path)).unwrap());
        for q in select(&page, "main .claim-list q").iter().filter_map(|q| q.strip_suffix('…')) {
            shortened += 1;
            let whole_words = quotes
                .iter()
                .any(|full| full.starts_with(q) && full[q.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()));
            assert!(whole_words, "{path}: cut inside a word: {q}…");
        }
    }
    assert!(shortened > 0, "the real digest has quotes long enough to be shortened");
}
