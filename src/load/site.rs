//! Input types of site.toml, companies.toml and events.toml.

use super::article::SourceEntry;
use crate::vocabulary::CompanyKind;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteEntry {
    pub title: String,
    pub description: String,
    /// Language of the digest's own prose (notes, interface).
    pub language: Spanned<String>,
    pub base_url: Option<Spanned<String>>,
    /// The repository that holds the digest, for "edit" links
    /// (`https://github.com/OWNER/REPO`).
    pub repo_url: Option<Spanned<String>>,
    /// The branch edits are proposed against; `main` when not given.
    pub branch: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    /// How many items a page of the index, the timeline or the list of
    /// claims shows before the rest goes to a next page.
    pub page_size: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompaniesFile {
    #[serde(default, rename = "company")]
    pub companies: Vec<CompanyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyEntry {
    pub id: Spanned<String>,
    pub name: String,
    pub kind: CompanyKind,
    pub parent: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub description: Option<String>,
    /// Named for background only: no claim or mention is expected.
    #[serde(default)]
    pub context: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventsFile {
    #[serde(default, rename = "event")]
    pub events: Vec<EventEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub id: Spanned<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked when resolving.
    pub date: Spanned<super::article::DateInput>,
    #[serde(default)]
    pub approx: bool,
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub companies: Vec<Spanned<String>>,
    #[serde(default)]
    pub context: bool,
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceEntry>,
}
