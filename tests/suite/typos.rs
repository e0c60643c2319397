//! One typo, one error. Each typo an editor might make is planted alone in
//! a copy of the real digest (content/ and seeds/); `check` must report
//! exactly one problem, with the right code, at the typo's file, line and
//! column: no cascade of errors about what the typo made unreadable, no
//! warnings about what was left without it, and the real error first.

use crate::harness::DigestTest;

/// A single mistake: the first `from` in `file` becomes `to`, and the error
/// `code` points at the first `at` from where `to` begins (or, for what
/// belongs to the claim, such as a verdict it lacks, at the last `at`
/// before it; `<` in front of `at` asks for that one).
struct Typo {
    code: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    at: &'static str,
}

const OPENAI: &str = "content/articles/openai-turns-to-google-cloud.md";
const META: &str = "content/articles/alphabet-meta-cloud-deal.md";
const ALPHABET: &str = "content/articles/alphabet-climbs-on-anthropic-contract.md";
const LENDS: &str = "content/articles/google-lends-compute-to-anthropic.md";
const COMPANIES: &str = "content/companies.toml";
const EVENTS: &str = "content/events.toml";
const SITE: &str = "content/site.toml";

#[rustfmt::skip]
const TYPOS: &[Typo] = &[
    // Values of the wrong kind, in an article's front matter.
    Typo { code: "unknown-value", file: OPENAI, from: "verdict = \"confirmed\"", to: "verdict = \"partly_true\"", at: "\"partly_true\"" },
    Typo { code: "unknown-value", file: OPENAI, from: "kind = \"fact\"", to: "kind = \"facts\"", at: "\"facts\"" },
    Typo { code: "unknown-value", file: ALPHABET, from: "rel = \"repeats\"", to: "rel = \"repeat\"", at: "\"repeat\"" },
    Typo { code: "wrong-type", file: OPENAI, from: "published = 2025-06-11", to: "published = 20250611", at: "20250611" },
    Typo { code: "wrong-type", file: OPENAI, from: "companies = [\"openai\", \"google-cloud\"]", to: "companies = \"openai\"", at: "\"openai\"" },
    Typo { code: "wrong-type", file: META, from: "published_approx = true", to: "published_approx = \"true\"", at: "\"true\"" },
    Typo { code: "wrong-type", file: OPENAI, from: "note = \"\"\"On 10 June", to: "note = 10 #\"\"\"On 10 June", at: "10 #" },
    Typo { code: "unknown-field", file: OPENAI, from: "verdict = \"confirmed\"", to: "verdcit = \"confirmed\"", at: "verdcit" },
    Typo { code: "unknown-field", file: OPENAI, from: "publisher = \"Unknown", to: "publsher = \"Unknown", at: "publsher" },
    Typo { code: "unknown-field", file: OPENAI, from: "excerpt = \"Three sources", to: "exerpt = \"Three sources", at: "exerpt" },
    Typo { code: "missing-field", file: OPENAI, from: "kind = \"fact\"\n", to: "", at: "<[[claim]]" },
    Typo { code: "invalid-toml", file: OPENAI, from: "title_en = \"OpenAI will start using Google's cloud servers\"", to: "title_en = \"OpenAI will start using Google's cloud servers", at: "\n" },
    Typo { code: "invalid-toml", file: OPENAI, from: "id = \"surprise\"", to: "id = surprise", at: "surprise" },
    Typo { code: "no-front-matter", file: OPENAI, from: "+++\nseed", to: "++\nseed", at: "++" },
    Typo { code: "unclosed-front-matter", file: OPENAI, from: "\n+++\n", to: "\n\n", at: "+++" },
    // Values that read well but do not check.
    Typo { code: "bad-date", file: OPENAI, from: "date = 2025-06-10", to: "date = \"2025-06-31\"", at: "\"2025-06-31\"" },
    Typo { code: "bad-id", file: OPENAI, from: "id = \"surprise\"", to: "id = \"Surprise\"", at: "\"Surprise\"" },
    Typo { code: "bad-url", file: OPENAI, from: "url = \"https://newszone", to: "url = \"htps://newszone", at: "\"htps" },
    Typo { code: "duplicate-id", file: META, from: "id = \"meta-facebook-instagram\"", to: "id = \"alphabet-parent\"", at: "\"alphabet-parent\"" },
    Typo { code: "unknown-reference", file: LENDS, from: "to = \"openai-turns-to-google-cloud#still-azure\"", to: "to = \"openai-turns-to-google-cloud#still-azur\"", at: "\"openai" },
    Typo { code: "unknown-reference", file: LENDS, from: "to = \"openai-turns-to-google-cloud#still-azure\"", to: "to = \"openai-turns-to-googlecloud#still-azure\"", at: "\"openai" },
    Typo { code: "unknown-reference", file: OPENAI, from: "companies = [\"openai\", \"google-cloud\"]", to: "companies = [\"openai\", \"google-clod\"]", at: "\"google-clod\"" },
    Typo { code: "unknown-reference", file: OPENAI, from: "event = \"openai-google-cloud-report\"", to: "event = \"openai-google-cloud-reprot\"", at: "\"openai-google-cloud-reprot\"" },
    Typo { code: "unknown-reference", file: OPENAI, from: "seed = \"003_1332d41e4d87d38b.txt\"", to: "seed = \"003_1332d41e4d87d38c.txt\"", at: "\"003" },
    Typo { code: "self-link", file: ALPHABET, from: "to = \"#announced-thursday-evening\"", to: "to = \"#headline\"", at: "\"#headline\"" },
    Typo { code: "missing-verdict", file: OPENAI, from: "verdict = \"confirmed\"\n", to: "", at: "\"openai-to-use-google-cloud\"" },
    Typo { code: "missing-evidence", file: META, from: "kind = \"opinion\"\n", to: "kind = \"fact\"\nverdict = \"confirmed\"\n", at: "\"turning-point\"" },
    // Quotes that no longer anchor.
    Typo { code: "quote-not-found", file: OPENAI, from: "quote = \"OpenAI se prépare", to: "quote = \"OpenAI se prepare", at: "\"OpenAI" },
    Typo { code: "quote-not-found", file: META, from: "dans l’industrie technologique.\"", to: "dans l'industrie technologique.\"", at: "\"Un contrat" },
    Typo { code: "quote-ambiguous", file: META, from: "quote = \"Alphabet, la maison-mère de Google\"", to: "quote = \"Google\"", at: "\"Google\"" },
    Typo { code: "empty-quote", file: META, from: "quote = \"Alphabet, la maison-mère de Google\"", to: "quote = \"\"", at: "\"\"" },
    Typo { code: "heading-not-found", file: META, from: "\"Google Cloud, le cœur", to: "\"Google Cloud le cœur", at: "\"Google" },
    Typo { code: "elide-overlaps-claim", file: ALPHABET, from: "quote = \"date 2025-10-24\"", to: "quote = \"date 2025-10-24 Alphabet grimpe\"", at: "\"date" },
    Typo { code: "seed-annotated-twice", file: OPENAI, from: "seed = \"003_1332d41e4d87d38b.txt\"", to: "seed = \"004_30bfe6abbca3d24b.txt\"", at: "\"004" },
    // companies.toml, events.toml and site.toml.
    Typo { code: "unknown-field", file: COMPANIES, from: "aliases = [\"Alphabet\"]", to: "alias = [\"Alphabet\"]", at: "alias" },
    Typo { code: "unknown-value", file: COMPANIES, from: "kind = \"product\"", to: "kind = \"products\"", at: "\"products\"" },
    Typo { code: "unknown-reference", file: COMPANIES, from: "parent = \"alphabet\"", to: "parent = \"alphabet-inc\"", at: "\"alphabet-inc\"" },
    Typo { code: "parent-cycle", file: COMPANIES, from: "parent = \"google\"", to: "parent = \"google-cloud\"", at: "\"google-cloud\"" },
    Typo { code: "duplicate-id", file: COMPANIES, from: "id = \"vertex-ai\"", to: "id = \"google-cloud\"", at: "\"google-cloud\"" },
    Typo { code: "bad-id", file: COMPANIES, from: "id = \"vertex-ai\"", to: "id = \"Vertex AI\"", at: "\"Vertex AI\"" },
    Typo { code: "unknown-field", file: EVENTS, from: "\ncontext = true", to: "\ncontxt = true", at: "contxt" },
    Typo { code: "wrong-type", file: EVENTS, from: "\ncontext = true", to: "\ncontext = \"true\"", at: "\"true\"" },
    Typo { code: "bad-date", file: EVENTS, from: "date = \"2025-06-10\"", to: "date = \"2025-6-10\"", at: "\"2025-6-10\"" },
    Typo { code: "invalid-toml", file: EVENTS, from: "companies = [\"openai\", \"google-cloud\", \"reuters\"]", to: "companies = [\"openai\", \"google-cloud\", reuters]", at: "reuters]" },
    Typo { code: "unknown-reference", file: EVENTS, from: "companies = [\"microsoft\", \"openai\"]", to: "companies = [\"microsoft\", \"open-ai\"]", at: "\"open-ai\"" },
    Typo { code: "duplicate-id", file: EVENTS, from: "id = \"openai-google-cloud-report\"", to: "id = \"microsoft-openai-2019\"", at: "\"microsoft" },
    Typo { code: "unknown-field", file: SITE, from: "authors =", to: "author =", at: "author" },
    Typo { code: "invalid-toml", file: SITE, from: "language = \"en\"", to: "language = en", at: "en" },
    Typo { code: "wrong-type", file: SITE, from: "language = \"en\"", to: "language = [\"en\"]", at: "[\"en\"]" },
];

/// `text` with `typo` planted, and the byte where its error must point.
fn plant(text: &str, typo: &Typo) -> (String, usize) {
    let start = text.find(typo.from).unwrap_or_else(|| panic!("{}: no {:?}", typo.file, typo.from));
    let planted = format!("{}{}{}", &text[..start], typo.to, &text[start + typo.from.len()..]);
    let at = match typo.at.strip_prefix('<') {
        Some(before) => planted[..start].rfind(before),
        None => planted[start..].find(typo.at).map(|i| start + i).or_else(|| planted[..start].rfind(typo.at)),
    };
    let at = at.unwrap_or_else(|| panic!("no {:?} near the typo", typo.at));
    (planted, at)
}

/// 1-based line and column (in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// What `check` says about the digest with `typo` planted: `None` when it
/// is exactly the one expected error, else a line describing the report.
fn misreported(typo: &Typo) -> Option<String> {
    let digest = DigestTest::real();
    let text = std::fs::read_to_string(digest.root.join(typo.file)).unwrap();
    let (planted, at) = plant(&text, typo);
    digest.write(typo.file, &planted);
    let report = digest.check();
    let expected = (typo.file.to_string(), line_col(&planted, at));
    let place = |d: &glose::diagnostic::Diagnostic| d.location(&report.sources).map(|(f, l, c)| (f, (l, c)));
    let right = match report.diagnostics.list.as_slice() {
        [only] => only.code == typo.code && place(only) == Some(expected.clone()),
        _ => false,
    };
    let mut codes = std::collections::BTreeMap::new();
    for d in &report.diagnostics.list {
        *codes.entry(d.code).or_insert(0) += 1;
    }
    let codes: Vec<String> = codes.iter().map(|(code, n)| format!("{code} ×{n}")).collect();
    let at_typo = report.diagnostics.list.iter().any(|d| d.code == typo.code && place(d) == Some(expected.clone()));
    let (line, column) = expected.1;
    (!right).then(|| {
        format!(
            "{} at {}:{line}:{column} ({:?} → {:?}): {} diagnostics ({}){}",
            typo.code,
            typo.file,
            typo.from,
            typo.to,
            report.diagnostics.list.len(),
            codes.join(", "),
            if at_typo { "" } else { "; none at the typo" }
        )
    })
}

#[test]
fn the_real_digest_checks_clean() {
    let report = DigestTest::real().check();
    assert!(report.diagnostics.list.is_empty(), "{}", crate::harness::diagnostics_text(&report));
}

#[test]
fn each_typo_is_one_error_at_the_typo() {
    use rayon::prelude::*;
    let wrong: Vec<String> = TYPOS.par_iter().filter_map(misreported).collect();
    assert!(
        wrong.is_empty(),
        "{} of {} typos are not reported as one error at the typo:\n{}",
        wrong.len(),
        TYPOS.len(),
        wrong.join("\n")
    );
}
