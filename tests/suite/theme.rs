//! The built-in theme can be overridden file by file from the digest's
//! own templates/ folder.

use crate::harness::{DigestTest, diagnostics_text};

#[test]
fn digest_template_overrides_the_builtin_one() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Custom lost page</h1>{% endblock main %}",
    );
    digest.write("templates/static/glose.css", "body { color: red; }\n");
    let report = digest.build();
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    let page = std::fs::read_to_string(digest.out().join("404.html")).unwrap();
    assert!(page.contains("<h1>Custom lost page</h1>"));
    // The other pages still use the built-in templates.
    let index = std::fs::read_to_string(digest.out().join("index.html")).unwrap();
    assert!(index.contains("Articles, newest first"));
    let css = std::fs::read_to_string(digest.out().join("static/glose.css")).unwrap();
    assert_eq!(css, "body { color: red; }\n");
}

#[test]
fn broken_template_is_reported_and_nothing_written() {
    let digest = DigestTest::from_fixture("minimal");
    digest.write("templates/index.html", "{% extends \"base.html\" %}{% block main %}{{ oops( }}{% endblock main %}");
    let report = digest.build();
    assert!(!report.succeeded());
    assert!(diagnostics_text(&report).contains("templates/index.html"), "{}", diagnostics_text(&report));
    assert!(!digest.out().exists());
}

#[test]
fn check_renders_the_pages_of_the_digests_own_templates() {
    // check skips rendering with the built-in templates alone, which render
    // any valid digest; a template of the digest's own may not, and check
    // must find that as build would.
    let digest = DigestTest::from_fixture("minimal");
    digest
        .write("templates/404.html", "{% extends \"base.html\" %}{% block main %}{{ site.titel }}{% endblock main %}");
    let report = digest.check();
    assert!(!report.succeeded());
    let text = diagnostics_text(&report);
    assert!(text.contains("error[render-failed]: cannot render 404.html with 404.html"), "{text}");
    assert!(!digest.out().exists(), "check writes nothing");
}

#[test]
fn a_tera_1_template_is_told_where_the_syntax_changed() {
    // Themes written before glose moved to Tera 2 import macros; the error
    // names the file and points at the page that lists the changes.
    let digest = DigestTest::from_fixture("minimal");
    digest.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n{% block main %}{{ m::icon(slug=\"opinion\") }}{% endblock main %}",
    );
    let report = digest.build();
    assert!(!report.succeeded());
    let text = diagnostics_text(&report);
    assert!(text.contains("template templates/404.html is invalid"), "{text}");
    assert!(text.contains("Templates are Tera 2"), "{text}");
}
