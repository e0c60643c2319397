//! What search finds: every article, claim, event and company of the digest,
//! numbered in the order results are shown when their scores tie — newest
//! first, each article followed by its claims, undated companies last — so
//! that a date range is a run of numbers. Each document carries the text it
//! is found by, with a weight per field, and the record a result shows.

use super::super::catalogue::Catalogue;
use super::super::links;
use super::super::markdown::markdown_words;
use crate::model::{ArticleIdx, ClaimIdx, CompanyIdx, Digest, EventIdx, PartialDate};
use serde::Serialize;
use std::borrow::Cow;
use std::cmp::Reverse;

/// A document: its date (for the date filter), its text, and its record.
pub struct Doc<'a> {
    pub date: Option<PartialDate>,
    /// The text it is found by, each field with its weight: a word in a
    /// title or a paraphrase counts more than one in a note.
    pub fields: Vec<(Cow<'a, str>, f32)>,
    pub record: Record<'a>,
}

/// What a result shows, as the search script reads it (short keys: there
/// is one per document). Paths are site paths, as links from the site root,
/// where the search page is.
#[derive(Serialize)]
#[serde(tag = "t")]
pub enum Record<'a> {
    #[serde(rename = "c")]
    Claim {
        u: String,
        /// Verdict slug, or "opinion".
        v: &'static str,
        /// Kind slug; the page's filters hold the words for both.
        k: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        p: Option<&'a str>,
        q: &'a str,
        l: &'a str,
        /// The article: title, English title, publisher.
        a: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        e: Option<&'a str>,
        s: &'a str,
        d: DateRecord,
    },
    #[serde(rename = "a")]
    Article {
        u: String,
        n: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        e: Option<&'a str>,
        l: &'a str,
        s: &'a str,
        x: &'a str,
        d: DateRecord,
    },
    #[serde(rename = "e")]
    Event { u: String, n: &'a str, d: DateRecord },
    #[serde(rename = "o")]
    Company { u: String, n: &'a str },
}

/// A date as `<time>` wants it: ISO and as read in the digest's language.
#[derive(Serialize)]
pub struct DateRecord(String, String);

impl DateRecord {
    pub(super) fn new(words: &Catalogue, date: PartialDate) -> Self {
        DateRecord(date.to_string(), words.date(date))
    }
}

/// Which model item a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Article(ArticleIdx),
    Claim(ClaimIdx),
    Event(EventIdx),
    Company(CompanyIdx),
}

/// Every item of the digest in document order.
pub fn order(digest: &Digest) -> Vec<Item> {
    let mut keyed: Vec<(Key, Item)> =
        Vec::with_capacity(digest.articles.len() + digest.claims.len() + digest.events.len() + digest.companies.len());
    for (a, article) in digest.articles.iter().enumerate() {
        let date = Some(article.published);
        keyed.push((key(date, 0, &article.slug, 0), Item::Article(a)));
        for (n, c) in article.claims.clone().enumerate() {
            keyed.push((key(date, 0, &article.slug, n + 1), Item::Claim(c)));
        }
    }
    for (e, event) in digest.events.iter().enumerate() {
        keyed.push((key(Some(event.date), 1, &event.id, 0), Item::Event(e)));
    }
    for (c, company) in digest.companies.iter().enumerate() {
        keyed.push((key(None, 2, &company.id, 0), Item::Company(c)));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, item)| item).collect()
}

/// Undated last; newest first; then articles (with their claims), events,
/// companies; then by slug or id and position.
type Key<'a> = (bool, Reverse<Option<PartialDate>>, u8, &'a str, usize);

fn key(date: Option<PartialDate>, rank: u8, id: &str, position: usize) -> Key<'_> {
    (date.is_none(), Reverse(date), rank, id, position)
}

/// The document of one item.
pub fn doc<'a>(digest: &'a Digest, words: &Catalogue, item: Item) -> Doc<'a> {
    match item {
        Item::Article(a) => article(digest, words, a),
        Item::Claim(c) => claim(digest, words, c),
        Item::Event(e) => event(digest, words, e),
        Item::Company(c) => company(digest, c),
    }
}

fn article<'a>(digest: &'a Digest, words: &Catalogue, a: ArticleIdx) -> Doc<'a> {
    let article = &digest.articles[a];
    let mut fields = vec![(Cow::from(article.title.as_str()), 3.0), (Cow::from(article.summary.as_str()), 1.0)];
    if let Some(title) = &article.title_en {
        fields.push((Cow::from(title.as_str()), 3.0));
    }
    fields.push((Cow::from(markdown_words(&article.body)), 1.0));
    Doc {
        date: Some(article.published),
        fields,
        record: Record::Article {
            u: links::article(&article.slug),
            n: &article.title,
            e: article.title_en.as_deref(),
            l: &article.lang,
            s: &article.publisher,
            x: &article.summary,
            d: DateRecord::new(words, article.published),
        },
    }
}

fn claim<'a>(digest: &'a Digest, words: &Catalogue, c: ClaimIdx) -> Doc<'a> {
    let claim = &digest.claims[c];
    let article = &digest.articles[claim.article];
    let mut fields = vec![(Cow::from(claim.quote(digest)), 1.5), (Cow::from(markdown_words(&claim.note)), 1.0)];
    if let Some(paraphrase) = &claim.paraphrase {
        fields.push((Cow::from(paraphrase.as_str()), 2.0));
    }
    Doc {
        date: Some(article.published),
        fields,
        record: Record::Claim {
            u: links::claim(&article.slug, &claim.id),
            v: claim.verdict.map_or("opinion", |v| v.slug()),
            k: claim.kind.label(),
            p: claim.paraphrase.as_deref(),
            q: claim.quote(digest),
            l: &article.lang,
            a: &article.title,
            e: article.title_en.as_deref(),
            s: &article.publisher,
            d: DateRecord::new(words, article.published),
        },
    }
}

fn event<'a>(digest: &'a Digest, words: &Catalogue, e: EventIdx) -> Doc<'a> {
    let event = &digest.events[e];
    let mut fields = vec![(Cow::from(event.title.as_str()), 3.0)];
    if let Some(summary) = &event.summary {
        fields.push((Cow::from(markdown_words(summary)), 1.0));
    }
    Doc {
        date: Some(event.date),
        fields,
        record: Record::Event { u: links::event_in(digest, e), n: &event.title, d: DateRecord::new(words, event.date) },
    }
}

fn company(digest: &Digest, c: CompanyIdx) -> Doc<'_> {
    let company = &digest.companies[c];
    let mut fields = vec![(Cow::from(company.name.as_str()), 5.0)];
    fields.extend(company.aliases.iter().map(|alias| (Cow::from(alias.as_str()), 4.0)));
    if let Some(description) = &company.description {
        fields.push((Cow::from(markdown_words(description)), 1.0));
    }
    Doc { date: None, fields, record: Record::Company { u: links::company(&company.id), n: &company.name } }
}
