//! Input types of an article file's front matter, exactly as written.
//! Fields that later stages must point at are `Spanned`.

use crate::vocabulary::{Kind, Relation, Verdict};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A date as an editor may write it: a bare TOML date (`2025-10-24`) or a
/// string of the precision known (`"2025"`, `"2025-10"`, `"2025-10-24"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum DateInput {
    Date(Datetime),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFile {
    pub seed: Spanned<String>,
    pub title: String,
    pub title_en: Option<String>,
    pub published: Spanned<DateInput>,
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
    pub prefix: Option<Spanned<String>>,
    pub suffix: Option<Spanned<String>>,
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
    pub date: Option<Spanned<DateInput>>,
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
    pub prefix: Option<Spanned<String>>,
    pub suffix: Option<Spanned<String>>,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Dated {
        a: DateInput,
        b: DateInput,
    }

    #[test]
    fn dates_may_be_bare_or_quoted() {
        let dated: Dated = toml::from_str("a = 2025-10-24\nb = \"2025-10\"").unwrap();
        assert!(matches!(dated.a, DateInput::Date(d) if d.to_string() == "2025-10-24"));
        assert!(matches!(dated.b, DateInput::Text(ref t) if t == "2025-10"));
    }
}
