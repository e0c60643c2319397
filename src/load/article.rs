//! Input types of an article file's front matter, exactly as written.
//! Fields that later stages must point at are `Spanned`.

use crate::model::{Kind, Relation, Verdict};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFile {
    pub seed: Spanned<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub published: Spanned<Datetime>,
    #[serde(default)]
    pub published_approx: bool,
    pub publisher: String,
    pub url: Option<Spanned<String>>,
    pub lang: Spanned<String>,
    pub summary: String,
    #[serde(default)]
    pub headings: Vec<Spanned<String>>,
    #[serde(default, rename = "claim")]
    pub claims: Vec<ClaimEntry>,
    #[serde(default, rename = "elide")]
    pub elides: Vec<ElideEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    pub id: Spanned<String>,
    pub quote: Spanned<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub kind: Kind,
    pub verdict: Option<Verdict>,
    pub paraphrase: Option<String>,
    #[serde(default)]
    pub companies: Vec<Spanned<String>>,
    pub event: Option<Spanned<String>>,
    pub note: String,
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceEntry>,
    #[serde(default, rename = "link")]
    pub links: Vec<LinkEntry>,
}

/// A piece of evidence: for a claim, or for an event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub title: Option<String>,
    pub publisher: String,
    pub url: Spanned<String>,
    pub date: Option<Spanned<Datetime>>,
    pub excerpt: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEntry {
    pub to: Spanned<String>,
    pub rel: Relation,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElideEntry {
    pub quote: Spanned<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub reason: String,
}
