//! The search index, as script files under `search/` that the search page
//! loads with `<script src>` (a page opened from disk may not `fetch`), each
//! only when a query needs it. See docs/search.md for the format.
//!
//! - `search/meta.js`: what the script needs first — the first term of each
//!   term shard, the dates of the documents, and the tokeniser's data;
//! - `search/t{n}.js`: term shards, a run of terms in sorted order with
//!   their postings, each about 32 KB (`SHARD_BYTES`);
//! - `search/d{n}.js`: what results show, 32 documents a file (`DOCS_PER_CHUNK`);
//! - `search/f/{facet}-{value}.js`: the documents of one filter value.

mod docs;
mod index;
mod tokens;

use super::OutputFile;
use super::catalogue::Catalogue;
use super::links::css_word;
use crate::model::Digest;
use docs::{Doc, Item};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Bumped when the files change shape, with `FORMAT` in the search script,
/// so that a cached script and a new index never meet unnoticed.
const FORMAT: u32 = 1;
/// A term shard closes once it holds this much (a term's postings are never
/// split, so a very common term makes a larger shard of its own).
const SHARD_BYTES: usize = 32 * 1024;
/// Documents per file of records: a page of results touches a few files.
const DOCS_PER_CHUNK: usize = 32;

/// Where the index's files go, under the site root.
pub const FOLDER: &str = "search/";

/// The filters, by the name the search page's form gives them.
pub const VERDICT: &str = "verdict";
pub const KIND: &str = "kind";
pub const LANG: &str = "lang";
pub const COMPANY: &str = "company";

/// A filter's value as the form sends it and its file is named.
pub fn filter_value(text: &str) -> String {
    css_word(text)
}

/// Every file of the index.
pub fn files(digest: &Digest, words: &Catalogue) -> Vec<OutputFile> {
    let items = docs::order(digest);
    let docs: Vec<Doc> = items.par_iter().map(|&item| docs::doc(digest, words, item)).collect();
    let index = index::build(&docs);
    let mut files = Vec::new();
    let mut first_terms = Vec::new();
    for (n, shard) in shards(&index.terms).into_iter().enumerate() {
        first_terms.push(shard[0].0.as_str());
        let entries: Vec<(&str, String)> =
            shard.iter().map(|(term, postings)| (term.as_str(), index::encode_postings(postings))).collect();
        files.push(script(&format!("t{n}"), &entries));
    }
    for (n, chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let records: Vec<&docs::Record> = chunk.iter().map(|d| &d.record).collect();
        files.push(script(&format!("d{n}"), &records));
    }
    for ((facet, value), ids) in filters(digest, &items) {
        files.push(script(&format!("f/{facet}-{value}"), &index::encode_ids(&ids)));
    }
    let (dates, undated) = dates(&docs);
    let meta = Meta {
        format: FORMAT,
        docs: docs.len(),
        chunk: DOCS_PER_CHUNK,
        shards: first_terms,
        dates,
        undated,
        words: Words {
            elisions: &tokens::ELISIONS,
            folds: tokens::FOLDS.iter().map(|&(c, to)| (c, to)).collect(),
            diacritics: tokens::DIACRITICS.iter().map(|&(lo, hi)| (lo as u32, hi as u32)).collect(),
            spaceless: &tokens::SPACELESS,
            max: tokens::MAX_WORD_CHARS,
        },
    };
    files.push(script("meta", &meta));
    files
}

#[derive(Serialize)]
struct Meta<'a> {
    format: u32,
    docs: usize,
    chunk: usize,
    /// The first term of each shard: shard `n` holds the terms from
    /// `shards[n]` up to `shards[n + 1]`.
    shards: Vec<&'a str>,
    /// Newest first: each date (a partial date counts as its first day) with
    /// the first document of that date.
    dates: Vec<(String, u32)>,
    /// The first undated document (companies); the rest are undated too.
    undated: u32,
    words: Words,
}

/// The tokeniser's data (see [`tokens`]), so that the script splits a
/// query exactly as the index was split.
#[derive(Serialize)]
struct Words {
    elisions: &'static [&'static str],
    folds: Vec<(char, &'static str)>,
    diacritics: Vec<(u32, u32)>,
    spaceless: &'static [(u32, u32)],
    max: usize,
}

/// `search/NAME.js`: one call handing `data` to the search script.
fn script(name: &str, data: &impl Serialize) -> OutputFile {
    // Serialising plain data to a String cannot fail.
    let json = serde_json::to_string(data).unwrap_or_default();
    OutputFile { path: format!("{FOLDER}{name}.js"), bytes: format!("gloseSearch(\"{name}\",{json});\n").into_bytes() }
}

type Term = (String, Vec<(u32, u8)>);

/// Sorted terms cut into runs of about [`SHARD_BYTES`].
fn shards(terms: &[Term]) -> Vec<&[Term]> {
    let mut shards = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (term, postings)) in terms.iter().enumerate() {
        let entry = term.len() + postings.len() * 2 + 8;
        if size > 0 && size + entry > SHARD_BYTES {
            shards.push(&terms[start..i]);
            (start, size) = (i, 0);
        }
        size += entry;
    }
    if start < terms.len() {
        shards.push(&terms[start..]);
    }
    shards
}

/// The documents of each filter value, as the search page offers them.
fn filters(digest: &Digest, items: &[Item]) -> BTreeMap<(&'static str, String), Vec<u32>> {
    let mut ids = Ids::new(digest);
    for (n, item) in items.iter().enumerate() {
        ids.set(*item, n as u32);
    }
    let mut filters: BTreeMap<(&'static str, String), Vec<u32>> = BTreeMap::new();
    let mut add = |facet: &'static str, value: &str, id: u32| {
        filters.entry((facet, filter_value(value))).or_default().push(id);
    };
    for (c, claim) in digest.claims.iter().enumerate() {
        let id = ids.claims[c];
        add(VERDICT, claim.verdict.map_or("opinion", |v| v.slug()), id);
        add(KIND, claim.kind.label(), id);
        add(LANG, &digest.articles[claim.article].lang, id);
    }
    for (a, article) in digest.articles.iter().enumerate() {
        add(LANG, &article.lang, ids.articles[a]);
    }
    let graph = &digest.graph;
    for (c, company) in digest.companies.iter().enumerate() {
        let claims = graph.company_claims[c].iter().map(|&i| ids.claims[i]);
        let articles = graph.company_articles[c].iter().map(|a| ids.articles[a.article]);
        let events = graph.company_events[c].iter().map(|&e| ids.events[e]);
        let family = graph.family[c].iter().map(|&f| ids.companies[f]);
        for id in claims.chain(articles).chain(events).chain(family) {
            add(COMPANY, &company.id, id);
        }
    }
    for list in filters.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    filters
}

/// The document number of each item.
struct Ids {
    articles: Vec<u32>,
    claims: Vec<u32>,
    events: Vec<u32>,
    companies: Vec<u32>,
}

impl Ids {
    fn new(digest: &Digest) -> Ids {
        Ids {
            articles: vec![0; digest.articles.len()],
            claims: vec![0; digest.claims.len()],
            events: vec![0; digest.events.len()],
            companies: vec![0; digest.companies.len()],
        }
    }

    fn set(&mut self, item: Item, id: u32) {
        match item {
            Item::Article(i) => self.articles[i] = id,
            Item::Claim(i) => self.claims[i] = id,
            Item::Event(i) => self.events[i] = id,
            Item::Company(i) => self.companies[i] = id,
        }
    }
}

/// The date table of [`Meta`]: documents are in date order, newest first.
fn dates(docs: &[Doc]) -> (Vec<(String, u32)>, u32) {
    let mut table: Vec<(String, u32)> = Vec::new();
    let mut undated = docs.len() as u32;
    for (n, doc) in docs.iter().enumerate() {
        let Some(date) = doc.date else {
            undated = n as u32;
            break;
        };
        let day = date.first_day();
        if table.last().is_none_or(|(last, _)| *last != day) {
            table.push((day, n as u32));
        }
    }
    (table, undated)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_script_reads_the_format_written() {
        let script = include_str!("../../../templates/static/search.js");
        assert!(script.contains(&format!("const FORMAT = {};", super::FORMAT)), "update FORMAT in search.js too");
    }
}
