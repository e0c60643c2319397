//! What changed in the annotations between two versions of a digest: per
//! article, the claims added, removed and changed (verdict, quote edited or
//! moved, note, sources, links), and the companies and events added or
//! removed. Reported as Markdown for a pull request, as JSON for tools, and
//! as the site's changes.html page.

use crate::model::{Claim, Digest};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct DigestDiff {
    pub base: String,
    pub head: String,
    pub articles: Vec<ArticleDiff>,
    pub companies_added: Vec<String>,
    pub companies_removed: Vec<String>,
    pub events_added: Vec<String>,
    pub events_removed: Vec<String>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ArticleDiff {
    pub slug: String,
    pub title: String,
    /// "added", "removed" or "changed".
    pub status: &'static str,
    pub added: Vec<ClaimSummary>,
    pub removed: Vec<ClaimSummary>,
    pub changed: Vec<ClaimChange>,
}

#[derive(Debug, Serialize, PartialEq, Eq, Clone)]
pub struct ClaimSummary {
    pub id: String,
    pub quote: String,
    pub verdict: String,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ClaimChange {
    pub id: String,
    pub quote: String,
    /// (old, new)
    pub verdict: Option<(String, String)>,
    /// (old, new) when the quoted text itself changed.
    pub quote_edited: Option<(String, String)>,
    /// The same text, anchored elsewhere in the seed.
    pub quote_moved: bool,
    pub note_edited: bool,
    pub sources_added: Vec<String>,
    pub sources_removed: Vec<String>,
    pub links_added: Vec<String>,
    pub links_removed: Vec<String>,
    /// The verdict changed from one to another and no `[[claim.history]]`
    /// entry added since the base records it. (A verdict first given to an
    /// unrated claim, or taken away, is no such change.)
    #[serde(skip)]
    pub verdict_unrecorded: bool,
}

impl DigestDiff {
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.companies_added.is_empty()
            && self.companies_removed.is_empty()
            && self.events_added.is_empty()
            && self.events_removed.is_empty()
    }

    /// Numbers of claims added, removed and changed.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.articles
            .iter()
            .fold((0, 0, 0), |(a, r, c), d| (a + d.added.len(), r + d.removed.len(), c + d.changed.len()))
    }
}

fn verdict(claim: &Claim) -> String {
    claim.verdict.map_or("opinion".to_string(), |v| v.slug().to_string())
}

fn summary(digest: &Digest, claim: &Claim) -> ClaimSummary {
    ClaimSummary { id: claim.id.clone(), quote: claim.quote(digest).to_string(), verdict: verdict(claim) }
}

fn links_of(digest: &Digest, claim: &Claim) -> BTreeSet<String> {
    claim
        .links
        .iter()
        .map(|l| {
            let to = &digest.claims[l.to];
            format!("{} {}#{}", l.rel.forward(), digest.articles[to.article].slug, to.id)
        })
        .collect()
}

/// Compares `base` with `head`; lists are sorted, so equal inputs give
/// equal reports.
pub fn compare(base: &Digest, head: &Digest, base_name: &str, head_name: &str) -> DigestDiff {
    let by_slug = |d: &Digest| -> BTreeMap<String, usize> {
        d.articles.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect()
    };
    let (old, new) = (by_slug(base), by_slug(head));
    let slugs: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let articles = slugs
        .into_iter()
        .filter_map(|slug| compare_article(base, old.get(slug).copied(), head, new.get(slug).copied()))
        .collect();
    let ids = |list: Vec<&String>| -> BTreeSet<String> { list.into_iter().cloned().collect() };
    let (old_c, new_c) =
        (ids(base.companies.iter().map(|c| &c.id).collect()), ids(head.companies.iter().map(|c| &c.id).collect()));
    let (old_e, new_e) =
        (ids(base.events.iter().map(|e| &e.id).collect()), ids(head.events.iter().map(|e| &e.id).collect()));
    DigestDiff {
        base: base_name.to_string(),
        head: head_name.to_string(),
        articles,
        companies_added: new_c.difference(&old_c).cloned().collect(),
        companies_removed: old_c.difference(&new_c).cloned().collect(),
        events_added: new_e.difference(&old_e).cloned().collect(),
        events_removed: old_e.difference(&new_e).cloned().collect(),
    }
}

fn compare_article(base: &Digest, old: Option<usize>, head: &Digest, new: Option<usize>) -> Option<ArticleDiff> {
    let claims = |d: &Digest, a: Option<usize>| -> BTreeMap<String, usize> {
        a.map(|a| d.articles[a].claims.clone().map(|c| (d.claims[c].id.clone(), c)).collect()).unwrap_or_default()
    };
    let (old_claims, new_claims) = (claims(base, old), claims(head, new));
    let added = new_claims
        .iter()
        .filter(|(id, _)| !old_claims.contains_key(*id))
        .map(|(_, &c)| summary(head, &head.claims[c]))
        .collect();
    let removed = old_claims
        .iter()
        .filter(|(id, _)| !new_claims.contains_key(*id))
        .map(|(_, &c)| summary(base, &base.claims[c]))
        .collect();
    let changed: Vec<ClaimChange> = old_claims
        .iter()
        .filter_map(|(id, &o)| {
            new_claims.get(id).and_then(|&n| compare_claim(base, &base.claims[o], head, &head.claims[n]))
        })
        .collect();
    let (status, title) = match (old, new) {
        (None, Some(n)) => ("added", &head.articles[n].title),
        (Some(o), None) => ("removed", &base.articles[o].title),
        (Some(_), Some(n)) => ("changed", &head.articles[n].title),
        (None, None) => return None,
    };
    let diff = ArticleDiff {
        slug: new.map(|n| &head.articles[n].slug).or(old.map(|o| &base.articles[o].slug))?.clone(),
        title: title.clone(),
        status,
        added,
        removed,
        changed,
    };
    let unchanged = status == "changed" && diff.added.is_empty() && diff.removed.is_empty() && diff.changed.is_empty();
    (!unchanged).then_some(diff)
}

fn compare_claim(base: &Digest, old: &Claim, head: &Digest, new: &Claim) -> Option<ClaimChange> {
    let (old_quote, new_quote) = (old.quote(base), new.quote(head));
    let urls = |c: &Claim| -> BTreeSet<String> { c.sources.iter().map(|s| s.url.clone()).collect() };
    let (old_urls, new_urls) = (urls(old), urls(new));
    let (old_links, new_links) = (links_of(base, old), links_of(head, new));
    let change = ClaimChange {
        id: new.id.clone(),
        quote: new_quote.to_string(),
        verdict: (verdict(old) != verdict(new)).then(|| (verdict(old), verdict(new))),
        quote_edited: (old_quote != new_quote).then(|| (old_quote.to_string(), new_quote.to_string())),
        quote_moved: old_quote == new_quote && old.bytes != new.bytes,
        note_edited: old.note.trim() != new.note.trim(),
        sources_added: new_urls.difference(&old_urls).cloned().collect(),
        sources_removed: old_urls.difference(&new_urls).cloned().collect(),
        links_added: new_links.difference(&old_links).cloned().collect(),
        links_removed: old_links.difference(&new_links).cloned().collect(),
        verdict_unrecorded: match (old.verdict, new.verdict) {
            (Some(from), Some(to)) => from != to && corrections_from(new, from) <= corrections_from(old, from),
            _ => false,
        },
    };
    let same = change.verdict.is_none()
        && change.quote_edited.is_none()
        && !change.quote_moved
        && !change.note_edited
        && change.sources_added.is_empty()
        && change.sources_removed.is_empty()
        && change.links_added.is_empty()
        && change.links_removed.is_empty();
    (!same).then_some(change)
}

/// How many of `claim`'s corrections change its verdict away from `from`.
/// Counted rather than looked up, so that a change recorded long ago does
/// not also stand for the same change made again.
fn corrections_from(claim: &Claim, from: crate::vocabulary::Verdict) -> usize {
    claim.history.iter().filter(|c| c.verdict.is_some_and(|(f, _)| f == from)).count()
}

/// A warning for each claim whose verdict changed since the diff's base
/// without a `[[claim.history]]` entry recording that change: readers must
/// see what was corrected (the IFCN code's corrections policy). Located at
/// the verdict, so a pull request shows it on the changed line.
pub fn unrecorded_verdict_changes(digest: &Digest, diff: &DigestDiff) -> Vec<crate::diagnostic::Diagnostic> {
    let mut warnings = Vec::new();
    let by_slug: BTreeMap<&str, usize> =
        digest.articles.iter().enumerate().map(|(i, a)| (a.slug.as_str(), i)).collect();
    for article in &diff.articles {
        let Some(&idx) = by_slug.get(article.slug.as_str()) else { continue };
        let claims: BTreeMap<&str, &Claim> = digest.claims_of(idx).iter().map(|c| (c.id.as_str(), c)).collect();
        for change in &article.changed {
            let Some((old, new)) = change.verdict.as_ref().filter(|_| change.verdict_unrecorded) else { continue };
            let Some(claim) = claims.get(change.id.as_str()) else { continue };
            let file = &digest.articles[idx].file;
            let message = format!(
                "the verdict of claim `{}` changed from {old} to {new} since {}, and no correction records it",
                change.id, diff.base
            );
            let mut warning = crate::diagnostic::Diagnostic::warning("verdict-changed-without-history", message)
                .label("changed since the base")
                .hint(format!(
                    "readers are told of every change of verdict: add to the claim in {file}\n      [[claim.history]]\n      date = YYYY-MM-DD\n      verdict = {{ from = \"{old}\", to = \"{new}\" }}\n      reason = \"…\""
                ));
            if let Some(span) = &claim.verdict_at {
                warning = warning.at(span.clone());
            }
            warnings.push(warning);
        }
    }
    warnings
}

/// The report as Markdown, for a job summary or a terminal.
pub fn markdown(diff: &DigestDiff) -> String {
    entries(diff).into_iter().map(|e| e.text).collect()
}

/// The report in at most `max_chars` characters, for a place that refuses
/// longer text (a GitHub comment holds 65,536): whole entries in order, as
/// many as fit, then one line saying how many claims were left out.
/// It counts characters (Unicode scalar values), not bytes: a byte limit
/// would cut a report in Chinese to a third.
pub fn markdown_within(diff: &DigestDiff, max_chars: usize) -> String {
    let entries = entries(diff);
    let lengths: Vec<usize> = entries.iter().map(|e| e.text.chars().count()).collect();
    if lengths.iter().sum::<usize>() <= max_chars {
        return entries.into_iter().map(|e| e.text).collect();
    }
    let budget = max_chars.saturating_sub(CUT_NOTE_ROOM);
    let (mut out, mut used, mut kept) = (String::new(), 0, 0);
    for (entry, &length) in entries.iter().zip(&lengths) {
        if used + length > budget {
            break;
        }
        out.push_str(&entry.text);
        used += length;
        kept += 1;
    }
    let left_out = &entries[kept..];
    let claims: usize = left_out.iter().map(|e| e.claims).sum();
    let lists = left_out.iter().any(|e| e.list);
    out.push_str(&cut_note(claims, lists, max_chars));
    out
}

/// Room kept for the line `cut_note` writes: its longest form, with
/// numbers of 20 digits, is under 200 characters.
const CUT_NOTE_ROOM: usize = 240;

/// The minimum `max_chars` that `markdown_within` honours: below it the
/// note alone could overflow.
pub const MIN_MAX_CHARS: usize = CUT_NOTE_ROOM;

fn cut_note(claims: usize, lists: bool, max_chars: usize) -> String {
    let what = match (claims, lists) {
        (0, _) => "the companies and events added or removed".to_string(),
        (n, false) => format!("{n} more claim{}", plural(n)),
        (n, true) => format!("{n} more claim{}, and the companies and events added or removed,", plural(n)),
    };
    format!("_… and {what} not shown: this report is cut to {max_chars} characters (`glose diff` prints it whole)._\n")
}

/// One piece of the Markdown report, kept or cut whole: the heading, an
/// article's heading with its first claim, a claim, or a list of companies
/// or events.
struct Entry {
    text: String,
    /// The claims it lists.
    claims: usize,
    /// A list of companies or events.
    list: bool,
}

fn entries(diff: &DigestDiff) -> Vec<Entry> {
    let mut head = format!("## Annotation changes: `{}` → `{}`\n\n", diff.base, diff.head);
    if diff.is_empty() {
        head.push_str("No claim, company or event changed.\n");
        return vec![Entry { text: head, claims: 0, list: false }];
    }
    let (added, removed, changed) = diff.counts();
    let _ = writeln!(head, "{added} claim{} added, {removed} removed, {changed} changed.\n", plural(added));
    let mut entries = vec![Entry { text: head, claims: 0, list: false }];
    for article in &diff.articles {
        let mut lines = Vec::new();
        lines.extend(
            article.added.iter().map(|c| format!("- **added** `{}` ({}): “{}”\n", c.id, c.verdict, short(&c.quote))),
        );
        lines.extend(
            article
                .removed
                .iter()
                .map(|c| format!("- **removed** `{}` ({}): “{}”\n", c.id, c.verdict, short(&c.quote))),
        );
        lines.extend(
            article.changed.iter().map(|c| format!("- **changed** `{}`: {}\n", c.id, change_words(c).join("; "))),
        );
        if let Some(last) = lines.last_mut() {
            last.push('\n');
        }
        let heading = format!("### `{}` ({}): {}\n\n", article.slug, article.status, escape(&article.title));
        let mut lines = lines.into_iter();
        let first = lines.next();
        let claims = usize::from(first.is_some());
        entries.push(Entry { text: heading + &first.unwrap_or_else(|| "\n".into()), claims, list: false });
        entries.extend(lines.map(|text| Entry { text, claims: 1, list: false }));
    }
    for (label, list) in [
        ("Companies added", &diff.companies_added),
        ("Companies removed", &diff.companies_removed),
        ("Events added", &diff.events_added),
        ("Events removed", &diff.events_removed),
    ] {
        if !list.is_empty() {
            let ids: Vec<String> = list.iter().map(|id| format!("`{id}`")).collect();
            entries.push(Entry { text: format!("**{label}:** {}\n\n", ids.join(", ")), claims: 0, list: true });
        }
    }
    entries
}

/// What changed in a claim, in a few words each.
pub fn change_words(c: &ClaimChange) -> Vec<String> {
    let mut words = Vec::new();
    if let Some((old, new)) = &c.verdict {
        words.push(format!("verdict {old} → {new}"));
    }
    if let Some((old, new)) = &c.quote_edited {
        words.push(format!("quote edited (“{}” → “{}”)", short(old), short(new)));
    }
    if c.quote_moved {
        words.push("quote moved".into());
    }
    if c.note_edited {
        words.push("note edited".into());
    }
    words.extend(c.sources_added.iter().map(|u| format!("source added <{u}>")));
    words.extend(c.sources_removed.iter().map(|u| format!("source removed <{u}>")));
    words.extend(c.links_added.iter().map(|l| format!("link added ({l})")));
    words.extend(c.links_removed.iter().map(|l| format!("link removed ({l})")));
    words
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// At most 80 characters of seed text, safe in Markdown.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(80).collect();
    let head = escape(&head);
    if chars.next().is_some() { format!("{head}…") } else { head }
}

/// Text the digest's authors wrote, safe in Markdown: the places that
/// render it (GitHub) would take `<tag>`, or an opening `<!--` that hides
/// the rest of a comment, for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(n: usize, quote: &str) -> ClaimSummary {
        ClaimSummary { id: format!("claim-{n}"), quote: quote.repeat(100), verdict: "confirmed".into() }
    }

    /// `articles` articles of `per_article` added claims each, and a company.
    fn big_diff(articles: usize, per_article: usize, quote: &str) -> DigestDiff {
        DigestDiff {
            base: "origin/main".into(),
            head: "working tree".into(),
            articles: (0..articles)
                .map(|a| ArticleDiff {
                    slug: format!("article-{a}"),
                    title: format!("Article {a}"),
                    status: "added",
                    added: (0..per_article).map(|n| claim(n, quote)).collect(),
                    removed: vec![],
                    changed: vec![],
                })
                .collect(),
            companies_added: vec!["initech".into()],
            companies_removed: vec![],
            events_added: vec![],
            events_removed: vec![],
        }
    }

    fn claim_lines(text: &str) -> usize {
        text.lines().filter(|l| l.starts_with("- **")).count()
    }

    #[test]
    fn a_report_that_fits_is_the_whole_report() {
        let diff = big_diff(2, 3, "a");
        assert_eq!(markdown_within(&diff, 65_536), markdown(&diff));
        assert!(!markdown(&diff).contains("not shown"));
    }

    #[test]
    fn a_long_report_keeps_whole_claims_and_counts_the_rest() {
        let diff = big_diff(3, 400, "word ");
        let full = markdown(&diff);
        assert!(full.chars().count() > 65_536);
        let cut = markdown_within(&diff, 65_536);
        assert!(cut.chars().count() <= 65_536, "{} characters", cut.chars().count());
        let shown = claim_lines(&cut);
        let note = cut.lines().last().unwrap();
        let expected = format!(
            "_… and {} more claims, and the companies and events added or removed, not shown: this report is cut to 65536 characters (`glose diff` prints it whole)._",
            1200 - shown
        );
        assert_eq!(note, expected);
        // Everything above the note is the full report's beginning, cut
        // after a whole claim.
        let kept = &cut[..cut.len() - note.len() - 1];
        assert!(full.starts_with(kept) && kept.ends_with("”\n"), "{}", &kept[kept.len() - 100..]);
    }

    #[test]
    fn an_article_heading_is_never_left_without_its_first_claim() {
        let diff = big_diff(3, 1, "word ");
        let heading_and_claim = markdown(&diff).split("### ").nth(2).unwrap().chars().count();
        for max in MIN_MAX_CHARS..MIN_MAX_CHARS + 3 * heading_and_claim {
            let cut = markdown_within(&diff, max);
            assert!(cut.chars().count() <= max);
            assert_eq!(cut.matches("### ").count(), claim_lines(&cut), "at {max}:\n{cut}");
        }
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        // 3 bytes a character: a byte limit would keep a third as much.
        let diff = big_diff(1, 400, "新闻");
        let cut = markdown_within(&diff, 20_000);
        assert!(cut.chars().count() <= 20_000 && cut.len() > 40_000, "{} bytes", cut.len());
    }

    #[test]
    fn titles_stay_text() {
        let mut diff = big_diff(1, 1, "a");
        diff.articles[0].title = "Hidden <!-- rest".into();
        assert!(markdown(&diff).contains("Hidden &lt;!-- rest"), "{}", markdown(&diff));
    }
}
