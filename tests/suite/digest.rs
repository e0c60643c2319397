//! The real digest: its seeds are the shared ones, byte for byte, and its
//! annotations carry the fact sheet's 95 rated claims with their evidence.

use crate::harness::{diagnostics_text, manifest_dir};
use glose::model::{Digest, Verdict};

fn real_digest() -> Digest {
    let (raw, load_errors) = glose::load::load(&manifest_dir());
    assert!(load_errors.is_empty(), "{load_errors:?}");
    let (resolved, errors) = glose::resolve::resolve(&raw);
    assert!(errors.is_empty(), "{errors:?}");
    Digest::build(resolved.expect("the real digest resolves"))
}

#[test]
fn real_digest_checks_without_errors_or_warnings() {
    let report = glose::check(&glose::BuildOptions::new(manifest_dir()));
    assert!(report.succeeded(), "{}", diagnostics_text(&report));
    assert!(report.diagnostics.list.is_empty(), "{}", diagnostics_text(&report));
}

#[test]
fn seeds_are_the_shared_seeds_byte_for_byte() {
    let shared = manifest_dir().join("../shared/seeds");
    if !shared.is_dir() {
        eprintln!("../shared/seeds is not beside the repository; skipping");
        return;
    }
    let names = |dir: &std::path::Path| crate::harness::files_of(dir);
    assert_eq!(names(&shared), names(&manifest_dir().join("seeds")));
    for name in names(&shared) {
        let ours = std::fs::read(manifest_dir().join("seeds").join(&name)).unwrap();
        let theirs = std::fs::read(shared.join(&name)).unwrap();
        assert!(ours == theirs, "seeds/{name} differs from ../shared/seeds/{name}");
    }
}

#[test]
fn all_95_rated_claims_with_the_fact_sheet_tally() {
    let digest = real_digest();
    let (counts, _opinions) = Digest::tally(&digest.claims);
    // A verdict no claim of the real digest uses is left out: the fact
    // sheet predates it.
    let by_verdict: std::collections::BTreeMap<&str, usize> =
        Verdict::ALL.iter().map(|v| v.slug()).zip(counts).filter(|&(_, n)| n > 0).collect();
    let fact_sheet = [("confirmed", 67), ("partly-true", 16), ("disputed", 2), ("false", 4), ("unverified", 6)];
    assert_eq!(by_verdict, fact_sheet.into_iter().collect());
}

#[test]
fn every_rated_claim_but_unverified_cites_a_source_with_a_url() {
    let digest = real_digest();
    for claim in &digest.claims {
        if claim.verdict.is_some_and(Verdict::needs_evidence) {
            assert!(
                claim.sources.iter().any(|s| s.url.starts_with("https://") || s.url.starts_with("http://")),
                "{}#{} has no source with a URL",
                digest.articles[claim.article].slug,
                claim.id
            );
        }
    }
}

#[test]
fn every_company_and_event_has_something_behind_it_or_is_context() {
    let digest = real_digest();
    for (idx, company) in digest.companies.iter().enumerate() {
        let behind = !digest.graph.company_claims[idx].is_empty() || !digest.graph.company_articles[idx].is_empty();
        assert!(behind || company.context, "company {} has no claim or article behind it", company.id);
    }
    for (idx, event) in digest.events.iter().enumerate() {
        assert!(
            !digest.graph.event_claims[idx].is_empty() || event.context,
            "event {} has no claim behind it",
            event.id
        );
    }
}

/// Alias counts per seed, from the fact sheet's table of companies
/// (000/001/002/003/004), summed over a company's aliases.
#[test]
fn mentions_match_the_fact_sheet_alias_counts() {
    let digest = real_digest();
    let expected: &[(&str, [usize; 5])] = &[
        ("alphabet", [0, 0, 4, 0, 10]),
        ("google", [9, 11, 7, 12, 17]),
        ("google-cloud", [0, 1, 6, 6, 11]),
        ("tpu", [3, 2, 3, 0, 2]),
        ("anthropic", [7, 13, 8, 0, 0]),
        ("openai", [1, 5, 0, 11, 3]),
        ("chatgpt", [0, 4, 0, 1, 0]),
        ("coreweave", [0, 0, 0, 2, 0]),
        ("meta", [0, 0, 0, 0, 20]),
        ("microsoft", [3, 3, 0, 5, 4]),
        ("azure", [2, 0, 0, 3, 1]),
    ];
    let mut seeds: Vec<(&str, usize)> =
        digest.articles.iter().enumerate().map(|(i, a)| (a.seed_file.as_str(), i)).collect();
    seeds.sort();
    for (id, counts) in expected {
        let company = digest.companies.iter().position(|c| c.id == *id).unwrap_or_else(|| panic!("no company {id}"));
        let found: Vec<usize> = seeds
            .iter()
            .map(|&(_, a)| digest.articles[a].mentions.iter().find(|(c, _)| *c == company).map_or(0, |(_, n)| *n))
            .collect();
        assert_eq!(found, counts.to_vec(), "mentions of {id} per seed");
    }
}
