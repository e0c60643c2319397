//! Corrections readers can see: a claim's `[[claim.history]]` reaches
//! claims.json, the ClaimReview data, the W3C annotations, both Atom feeds,
//! the corrections page and the corrected note; and `glose check --since`
//! warns, on the changed line, of a verdict changed without a correction.
//! The minimal fixture's claim `deal-of-the-year` has two corrections.

use crate::diff::git;
use crate::harness::{DigestTest, diagnostics_text, glose_command};
use crate::publish::validate;
use glose::BuildOptions;
use serde_json::Value;

const BASE: &str = "https://editors.github.io/digest/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

fn built() -> DigestTest {
    let digest = DigestTest::from_fixture("minimal");
    let options = BuildOptions { base_url: Some(BASE.into()), ..digest.options() };
    let report = glose::build(&options);
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    digest
}

fn read(digest: &DigestTest, file: &str) -> String {
    std::fs::read_to_string(digest.out().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn claims_json_claim_review_and_the_annotations_carry_the_corrections() {
    let digest = built();
    let claims: Value = serde_json::from_str(&read(&digest, "claims.json")).unwrap();
    validate("docs/schema/claims.schema.json", &claims);
    let claim = claims["claims"].as_array().unwrap().iter().find(|c| c["id"] == "deal-of-the-year").unwrap();
    assert_eq!(claim["updated"], "2025-03-21");
    let history = claim["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["note_revised"], true);
    assert_eq!(history[1]["verdict"], serde_json::json!({ "from": "partly-true", "to": "disputed" }));
    assert_eq!(history[1]["sources_added"][0], "https://example.org/analysts/second");
    let untouched = claims["claims"].as_array().unwrap().iter().find(|c| c["id"] == "chose-acme").unwrap();
    assert_eq!((&untouched["updated"], untouched["history"].as_array().unwrap().len()), (&Value::Null, 0));

    let page = read(&digest, "articles/globex-picks-acme.html");
    let json = page.split("<script type=\"application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    let graph: Value = serde_json::from_str(json).unwrap();
    let reviews = graph["@graph"].as_array().unwrap();
    let review = reviews.iter().find(|r| r["url"].as_str().unwrap().ends_with("#claim-deal-of-the-year")).unwrap();
    assert_eq!(review["dateModified"], "2025-03-21");
    assert!(reviews.iter().filter(|r| r != &review).all(|r| r.get("dateModified").is_none()));

    let annotations: Value = serde_json::from_str(&read(&digest, "annotations-1.jsonld")).unwrap();
    let annotation = annotations["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"].as_str().unwrap().ends_with("#claim-deal-of-the-year"))
        .unwrap();
    assert_eq!(annotation["modified"], "2025-03-21T00:00:00Z");
    assert!(annotation["created"].as_str().unwrap() <= "2025-03-18T00:00:00Z", "created before its first correction");
}

/// `<entry>` elements of an Atom feed, with their `<updated>`.
fn entries(xml: &str) -> Vec<(String, String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text().or(c.attribute("href")))
            .unwrap_or("")
            .to_string()
    };
    let link = |node: roxmltree::Node| {
        node.children()
            .find(|c| c.has_tag_name((ATOM, "link")))
            .and_then(|c| c.attribute("href"))
            .unwrap_or("")
            .to_string()
    };
    doc.root_element()
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| (child(e, "id"), child(e, "updated"), link(e)))
        .collect()
}

#[test]
fn a_corrected_article_leads_the_feed_and_each_correction_has_its_entry() {
    let digest = built();
    let feed = read(&digest, "feed.xml");
    let articles = entries(&feed);
    // Published on the 16th, corrected on the 21st: its entry is updated then.
    assert_eq!(articles[0].0, format!("{BASE}articles/globex-picks-acme.html"));
    assert_eq!(articles[0].1, "2025-03-21T00:00:00Z");
    assert!(feed.contains("Corrected 21 March 2025."), "{feed}");

    let corrections = read(&digest, "corrections.xml");
    let doc = roxmltree::Document::parse(&corrections).expect("corrections.xml is well-formed XML");
    assert!(doc.root_element().has_tag_name((ATOM, "feed")));
    let list = entries(&corrections);
    assert_eq!(list.len(), 2);
    assert_eq!((list[0].1.as_str(), list[1].1.as_str()), ("2025-03-21T00:00:00Z", "2025-03-18T00:00:00Z"));
    assert_ne!(list[0].0, list[1].0, "each entry has its own id");
    for (id, _, link) in &list {
        assert!(id.starts_with(&format!("{BASE}corrections.html#correction-")), "{id}");
        assert_eq!(link, &format!("{BASE}articles/globex-picks-acme.html#claim-deal-of-the-year"));
    }
    assert!(corrections.contains("A second analyst note contradicts the first &amp; &lt;the&gt; article."));
}

#[test]
fn the_corrections_feed_is_atom_and_each_entry_leads_to_its_note() {
    let digest = built();
    let xml = read(&digest, "corrections.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    let children = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .filter(|c| c.has_tag_name((ATOM, name)))
            .map(|c| c.text().unwrap_or("").trim().to_string())
            .collect::<Vec<_>>()
    };
    // RFC 4287: one id, title and updated; an author where entries have none.
    for name in ["id", "title", "updated"] {
        assert_eq!(children(feed, name).len(), 1, "<feed> has one <{name}>");
    }
    assert_eq!(children(feed, "updated")[0], "2025-03-21T00:00:00Z", "as recent as its newest correction");
    assert!(feed.children().any(|c| c.has_tag_name((ATOM, "author"))));
    let self_link = feed.children().find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"));
    assert_eq!(self_link.and_then(|l| l.attribute("href")), Some(format!("{BASE}corrections.xml").as_str()));
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        for name in ["id", "title", "updated", "summary"] {
            let found = children(entry, name);
            assert!(found.len() == 1 && !found[0].is_empty(), "<entry> has one <{name}>");
        }
    }
    for (_, _, link) in entries(&xml) {
        let (page, fragment) = link.strip_prefix(BASE).unwrap().split_once('#').unwrap();
        assert!(read(&digest, page).contains(&format!("id=\"{fragment}\"")), "{link}");
    }
    let page = read(&digest, "corrections.html");
    let announced = "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"corrections.xml\"";
    assert!(page.contains(announced), "the page announces its feed to feed readers");
}

/// The minimal fixture as a git repository with one commit, the base.
fn committed() -> DigestTest {
    let digest = DigestTest::from_fixture("minimal");
    git(&digest.root, &["init", "-q"]);
    git(&digest.root, &["add", "."]);
    git(&digest.root, &["commit", "-q", "-m", "base"]);
    digest
}

#[test]
fn check_since_warns_on_the_line_of_a_verdict_changed_without_a_correction() {
    let digest = committed();
    let file = "content/articles/globex-picks-acme.md";
    let text = std::fs::read_to_string(digest.root.join(file)).unwrap();
    digest.write(file, &text.replacen("verdict = \"confirmed\"", "verdict = \"partly-true\"", 1));
    let check = |args: &[&str]| glose_command().current_dir(&digest.root).args(args).output().unwrap();

    let output = check(&["check", "--since", "HEAD", "--format", "github"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "a warning: {stdout}");
    let line = text.lines().position(|l| l == "verdict = \"confirmed\"").unwrap() + 1;
    let expected = format!("::warning file={file},line={line},");
    assert!(stdout.contains(&expected) && stdout.contains("no correction records it"), "{stdout}");
    assert!(
        !String::from_utf8_lossy(&check(&["check"]).stdout).contains("no correction records it"),
        "only with --since"
    );

    // Recorded, the change is no longer a warning.
    let corrected = std::fs::read_to_string(digest.root.join(file)).unwrap().replacen(
        "[[claim.source]]",
        "[[claim.history]]\ndate = 2025-03-20\nverdict = { from = \"confirmed\", to = \"partly-true\" }\nreason = \"Only part of it holds.\"\n[[claim.source]]",
        1,
    );
    digest.write(file, &corrected);
    let output = check(&["check", "--since", "HEAD", "--format", "github"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!String::from_utf8_lossy(&output.stdout).contains("no correction records it"));
}

#[test]
fn a_change_recorded_in_steps_or_a_first_rating_is_no_unrecorded_change() {
    let digest = committed();
    let warned = |digest: &DigestTest| {
        let output = glose_command().current_dir(&digest.root).args(["check", "--since", "HEAD"]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stderr).matches("warning[verdict-changed-without-history]").count()
    };
    // deal-of-the-year is disputed at the base; two corrections in one pull
    // request take it to partly-true, then to false.
    let file = "content/articles/globex-picks-acme.md";
    let text = std::fs::read_to_string(digest.root.join(file)).unwrap();
    let entry = |date: &str, from: &str, to: &str| {
        format!(
            "[[claim.history]]\ndate = {date}\nverdict = {{ from = \"{from}\", to = \"{to}\" }}\nreason = \"New evidence.\"\n"
        )
    };
    let steps = format!(
        "{}{}+++\nThe English",
        entry("2025-03-25", "disputed", "partly-true"),
        entry("2025-03-28", "partly-true", "false")
    );
    let stepped =
        text.replacen("verdict = \"disputed\"", "verdict = \"false\"", 1).replacen("+++\nThe English", &steps, 1);
    digest.write(file, &stepped);
    assert_eq!(warned(&digest), 0, "the corrections added lead from the old verdict to the new");
    digest.write(file, &text);

    // A verdict first given to an unrated opinion corrects nothing (and
    // `from` could not name "no verdict").
    let file = "content/articles/acme-globex-fr.md";
    let text = std::fs::read_to_string(digest.root.join(file)).unwrap();
    let rated = text.replacen("kind = \"opinion\"\nnote", "kind = \"opinion\"\nverdict = \"unverified\"\nnote", 1);
    assert_ne!(rated, text);
    digest.write(file, &rated);
    assert_eq!(warned(&digest), 0);
}

#[test]
fn a_corrected_note_says_when_and_the_corrections_page_lists_every_correction() {
    let digest = built();
    let page = scraper::Html::parse_document(&read(&digest, "articles/globex-picks-acme.html"));
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let text = |e: scraper::ElementRef| {
        e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let histories: Vec<_> = page.select(&select("aside.note details.history")).collect();
    assert_eq!(histories.len(), 1, "only the corrected note says it was updated");
    let history = histories[0];
    assert_eq!(text(history.select(&select("summary")).next().unwrap()), "Updated 21 March 2025");
    let entries: Vec<String> = history.select(&select("li")).map(text).collect();
    assert!(entries[0].starts_with("21 March 2025 Verdict changed from Partly true to Disputed"), "{entries:?}");
    assert!(entries[1].starts_with("18 March 2025 Note revised."), "newest first: {entries:?}");
    let all = history.select(&select("a[href='../corrections.html']")).count();
    assert_eq!(all, 1, "the page of every correction is one click away");

    let list = scraper::Html::parse_document(&read(&digest, "corrections.html"));
    let items: Vec<_> = list.select(&select("ol.corrections > li")).collect();
    let anchors: Vec<&str> = items.iter().map(|li| li.value().id().unwrap()).collect();
    assert_eq!(
        anchors,
        ["correction-globex-picks-acme-deal-of-the-year-2", "correction-globex-picks-acme-deal-of-the-year-1"]
    );
    assert!(text(items[0]).contains("A second analyst note contradicts the first & <the> article."));
    let note = items[0].select(&select("a[href='articles/globex-picks-acme.html#claim-deal-of-the-year']")).count();
    assert_eq!(note, 1, "each correction links to its note");
    assert_eq!(list.select(&select("a[href='corrections.xml']")).count(), 1, "and to the corrections feed");
}

#[test]
fn a_digest_without_corrections_says_so() {
    let digest = DigestTest::real();
    assert!(digest.build().succeeded());
    let page = read(&digest, "corrections.html");
    assert!(page.contains("No note or verdict of this digest has been corrected."));
}
