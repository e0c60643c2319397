//! Each article's annotation file as a read-only, highlighted page, with
//! each claim's block anchored; "edit" links when the repository is known.

use crate::harness::{DigestTest, diagnostics_text};

#[test]
fn source_page_highlights_and_anchors_each_claim() {
    let digest = DigestTest::from_fixture("minimal");
    assert!(digest.build().succeeded());
    let page = std::fs::read_to_string(digest.out().join("articles/acme-globex-fr.source.html")).unwrap();
    for id in ["deal-3bn", "three-billion", "daily-reports", "turning-point", "rocket-for-all"] {
        assert!(page.contains(&format!("id=\"claim-{id}\"")), "no block for {id}");
    }
    assert!(page.contains("<b>id</b> = <i>\"deal-3bn\"</i>"), "keys and strings not highlighted");
    assert!(!page.contains("style="), "inline styles");
    // The source's own text is escaped, never markup.
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let article = std::fs::read_to_string(digest.out().join("articles/acme-globex-fr.html")).unwrap();
    assert!(article.contains("acme-globex-fr.source.html#claim-deal-3bn\""));
    assert!(!article.contains("/edit/"), "no edit link without repo_url");
}

#[test]
fn edit_links_point_at_the_claims_line_on_the_repository() {
    let digest = DigestTest::from_fixture("minimal");
    let site = std::fs::read_to_string(digest.root.join("content/site.toml")).unwrap();
    digest.write(
        "content/site.toml",
        &format!("{site}repo_url = \"https://github.com/org/digest\"\nbranch = \"trunk\"\n"),
    );
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let article = std::fs::read_to_string(digest.out().join("articles/acme-globex-fr.html")).unwrap();
    let text = std::fs::read_to_string(digest.root.join("content/articles/acme-globex-fr.md")).unwrap();
    let line = text.lines().position(|l| l == "id = \"deal-3bn\"").unwrap() + 1;
    let expected = format!("https://github.com/org/digest/edit/trunk/content/articles/acme-globex-fr.md#L{line}");
    assert!(article.contains(&expected.replace('/', "&#x2F;")) || article.contains(&expected), "no {expected}");
}

/// A source page carries the file, a number and an anchor per line, and
/// little else: its markup per line used to make it nearly five times its
/// input (a span, a class, a label and entities per token).
#[test]
fn every_line_is_numbered_and_anchored_in_a_page_not_much_larger_than_its_file() {
    let digest = DigestTest::real();
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let articles = digest.root.join("content/articles");
    for entry in std::fs::read_dir(&articles).unwrap() {
        let path = entry.unwrap().path();
        let (Some(slug), Some("md")) =
            (path.file_stem().and_then(|s| s.to_str()), path.extension().and_then(|e| e.to_str()))
        else {
            continue;
        };
        let input = std::fs::read_to_string(&path).unwrap();
        let page = std::fs::read_to_string(digest.out().join(format!("articles/{slug}.source.html"))).unwrap();
        for number in 1..=input.lines().count() {
            let line = format!("<li id=L{number}><a href=#L{number}>{number}</a>");
            assert!(page.contains(&line), "{slug}: line {number} is not numbered and anchored");
        }
        let ratio = page.len() as f64 / input.len() as f64;
        assert!(ratio < 2.5, "{slug}.source.html is {ratio:.2} times its {} bytes", input.len());
    }
}
