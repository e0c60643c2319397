//! No input can stall a check or slip past it: what a careless or hostile
//! editor can write is reported, located, in bounded time.

use crate::harness::{DigestTest, diagnostics_text};

/// About `lines` lines of prose with typographic apostrophes, the same on
/// every run.
fn long_seed(lines: usize) -> String {
    let words = ["l’entreprise", "a", "signé", "un", "contrat", "qu’elle", "rachète", "d’Acme", "hier", "selon"];
    let mut state = 14u64;
    let mut text = String::new();
    for _ in 0..lines {
        let line: Vec<&str> = (0..12)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                words[(state >> 33) as usize % words.len()]
            })
            .collect();
        text.push_str(&line.join(" "));
        text.push_str(".\n");
    }
    text
}

/// Adds a seed and an article with one claim quoting `quote` (a TOML value).
fn with_long_article(digest: &DigestTest, seed: &str, quote_value: &str) {
    digest.write("seeds/long.txt", seed);
    digest.write(
        "content/articles/long.md",
        &format!(
            "+++\nseed = \"long.txt\"\ntitle = \"Long\"\npublished = 2025-01-01\npublisher = \"P\"\nlang = \"fr\"\n\
             summary = \"S\"\n\n[[claim]]\nid = \"long\"\nkind = \"opinion\"\nnote = \"N\"\nquote = {quote_value}\n+++\n"
        ),
    );
}

#[test]
fn a_long_quote_with_one_typo_is_reported_with_its_nearest_passage() {
    // 4,000 characters with one ’ typed as ': this took minutes.
    let digest = DigestTest::from_fixture("minimal");
    let seed = long_seed(400);
    let line = 151;
    let start = seed.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>();
    let passage: String = seed[start..].chars().take(4000).collect();
    let quote = passage.replacen('’', "'", 1);
    with_long_article(&digest, &seed, &serde_json::to_string(&quote).unwrap());
    let report = digest.check();
    let text = diagnostics_text(&report);
    assert!(text.contains("error[quote-not-found]"), "{text}");
    assert!(text.contains(&format!("nearest passage, at seed line {line} column 1")), "{text}");
    assert!(text.contains("the quote has ' (U+0027 APOSTROPHE) where the seed has ’"), "{text}");
    assert_eq!(report.diagnostics.list.len(), 1, "{text}");
}

/// The diagnostics of `check` and of `build` on the same digest: the same
/// list, and nothing written.
fn check_and_build(digest: &DigestTest) -> String {
    let checked = diagnostics_text(&digest.check());
    let built = digest.build();
    assert_eq!(checked, diagnostics_text(&built), "check and build disagree");
    assert!(!built.succeeded() && !digest.out().exists(), "the build went ahead");
    checked
}

#[test]
fn an_id_too_long_for_a_file_name_is_reported_at_the_value_by_check() {
    // Passed check and failed build with an unlocated write-failed.
    let digest = DigestTest::from_fixture("minimal");
    let companies = std::fs::read_to_string(digest.root.join("content/companies.toml")).unwrap();
    let line = companies.lines().count() + 3;
    let long = "a".repeat(10_000);
    digest.write(
        "content/companies.toml",
        &format!("{companies}\n[[company]]\nid = \"{long}\"\nname = \"Long\"\nkind = \"company\"\n"),
    );
    let text = check_and_build(&digest);
    assert!(text.contains("error[bad-id]: company id `aaaa"), "{text}");
    assert!(text.contains("is 10000 bytes long"), "{text}");
    assert!(text.contains(&format!("--> content/companies.toml:{line}:6")), "{text}");
    assert!(!text.contains("write-failed"), "{text}");
}

#[test]
fn an_article_name_too_long_for_its_pages_is_reported_by_check() {
    let digest = DigestTest::from_fixture("minimal");
    let slug = "a".repeat(248);
    digest.write("seeds/long.txt", "A short seed.\n");
    digest.write(
        &format!("content/articles/{slug}.md"),
        "+++\nseed = \"long.txt\"\ntitle = \"Long\"\npublished = 2025-01-01\npublisher = \"P\"\nlang = \"en\"\n\
         summary = \"S\"\n+++\n",
    );
    let text = check_and_build(&digest);
    assert!(text.contains("error[bad-slug]: article file name `aaaa"), "{text}");
    assert!(text.contains("is 248 bytes long"), "{text}");
    assert!(text.contains(&format!("--> content/articles/{slug}.md:1:1")), "{text}");
}

#[test]
fn an_article_saved_with_crlf_anchors_a_quote_across_a_line_break() {
    // A Windows editor saves CRLF; the quote then held "\r\n" where the
    // seed (read as LF) has "\n", and never anchored.
    let digest = DigestTest::from_fixture("minimal");
    digest.write("seeds/two-lines.txt", "The first line ends here\r\nand the second goes on.\r\n");
    let article = "\u{feff}+++\nseed = \"two-lines.txt\"\ntitle = \"Two lines\"\npublished = 2025-01-01\n\
                   publisher = \"P\"\nlang = \"en\"\nsummary = \"S\"\n\n[[claim]]\nid = \"across\"\nkind = \"opinion\"\n\
                   note = \"N\"\nquote = \"\"\"\nends here\nand the second\"\"\"\n+++\n";
    digest.write("content/articles/two-lines.md", &article.replace('\n', "\r\n"));
    let report = digest.check();
    assert!(report.succeeded() && report.diagnostics.list.is_empty(), "{}", diagnostics_text(&report));
    // Problems in such a file are still placed on the line and column the editor sees.
    let broken = article.replace("kind = \"opinion\"", "kind = \"opinon\"").replace('\n', "\r\n");
    digest.write("content/articles/two-lines.md", &broken);
    let text = diagnostics_text(&digest.check());
    assert!(text.contains("--> content/articles/two-lines.md:11:8"), "{text}");
}

#[cfg(unix)]
mod links {
    use crate::harness::{DigestTest, diagnostics_text};
    use std::os::unix::fs::symlink;

    fn article_for(seed: &str) -> String {
        format!(
            "+++\nseed = \"{seed}\"\ntitle = \"T\"\npublished = 2025-01-01\npublisher = \"P\"\nlang = \"en\"\n\
             summary = \"S\"\n\n[[claim]]\nid = \"one\"\nkind = \"opinion\"\nnote = \"N\"\nquote = \"kept elsewhere\"\n+++\n"
        )
    }

    #[test]
    fn a_seed_linked_from_inside_the_digest_is_followed() {
        // It was skipped silently, and the article blamed for an unknown seed.
        let digest = DigestTest::from_fixture("minimal");
        digest.write("archive/original.txt", "A seed kept elsewhere in the digest.\n");
        symlink("../archive/original.txt", digest.root.join("seeds/linked.txt")).unwrap();
        digest.write("content/articles/linked.md", &article_for("linked.txt"));
        let report = digest.check();
        assert!(report.succeeded() && report.diagnostics.list.is_empty(), "{}", diagnostics_text(&report));
    }

    #[test]
    fn a_link_leading_outside_the_digest_is_refused_naming_both_ends() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "A file of the machine, kept elsewhere.\n").unwrap();
        let digest = DigestTest::from_fixture("minimal");
        let target = outside.path().join("secret.txt");
        symlink(&target, digest.root.join("seeds/linked.txt")).unwrap();
        digest.write("content/articles/linked.md", &article_for("linked.txt"));
        let report = digest.build();
        let text = diagnostics_text(&report);
        let expected =
            format!("error[link-outside-digest]: seeds/linked.txt is a link to {}, outside", target.display());
        assert!(text.contains(&expected), "{text}");
        assert_eq!(report.diagnostics.list.len(), 1, "one error, nothing that follows from it: {text}");
        assert!(!digest.out().exists());
        // An article file is held to the same rule.
        std::fs::remove_file(digest.root.join("seeds/linked.txt")).unwrap();
        std::fs::remove_file(digest.root.join("content/articles/linked.md")).unwrap();
        std::fs::write(outside.path().join("article.md"), article_for("b-en.txt")).unwrap();
        symlink(outside.path().join("article.md"), digest.root.join("content/articles/elsewhere.md")).unwrap();
        let text = diagnostics_text(&digest.check());
        assert!(text.contains("error[link-outside-digest]: content/articles/elsewhere.md is a link to"), "{text}");
    }
}

#[test]
fn a_quote_found_thousands_of_times_lists_a_few() {
    // Every occurrence was listed: 96,000 of them, 800 KB of hint.
    let digest = DigestTest::from_fixture("minimal");
    with_long_article(&digest, &"word ".repeat(5000), "\"word\"");
    let text = diagnostics_text(&digest.check());
    assert!(text.contains("error[quote-ambiguous]"), "{text}");
    assert!(text.contains("and 4990 more"), "{text}");
    assert!(text.len() < 2000, "{} bytes of report", text.len());
}
