//! The digest's vocabulary: the fixed words editors write in content files
//! (what kind of statement a claim is, how it was judged, how two claims
//! relate, what sort of entity a company is). Every stage speaks it, so it
//! stands below them all: load reads these words, the model holds them and
//! the pages show them.

use serde::{Deserialize, Serialize};

/// What sort of statement a claim is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Fact,
    Figure,
    Forecast,
    Opinion,
    Rumor,
    Attribution,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Fact => "fact",
            Kind::Figure => "figure",
            Kind::Forecast => "forecast",
            Kind::Opinion => "opinion",
            Kind::Rumor => "rumor",
            Kind::Attribution => "attribution",
        }
    }
}

/// How a claim stood up to the evidence. Ordered as the claims page lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Confirmed,
    PartlyTrue,
    Disputed,
    False,
    Unverified,
}

impl Verdict {
    pub const ALL: [Verdict; 5] =
        [Verdict::Confirmed, Verdict::PartlyTrue, Verdict::Disputed, Verdict::False, Verdict::Unverified];

    /// The value written in content files and used as a CSS class.
    pub fn slug(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::PartlyTrue => "partly-true",
            Verdict::Disputed => "disputed",
            Verdict::False => "false",
            Verdict::Unverified => "unverified",
        }
    }

    /// The word a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Confirmed => "Confirmed",
            Verdict::PartlyTrue => "Partly true",
            Verdict::Disputed => "Disputed",
            Verdict::False => "False",
            Verdict::Unverified => "Unverified",
        }
    }

    /// Whether evidence must be cited for this verdict.
    pub fn needs_evidence(self) -> bool {
        self != Verdict::Unverified
    }
}

/// An explicit link from one claim to another, as declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Confirms,
    Contradicts,
    Updates,
    Repeats,
}

impl Relation {
    /// Wording on the claim that declares the link.
    pub fn forward(self) -> &'static str {
        match self {
            Relation::Confirms => "confirms",
            Relation::Contradicts => "contradicts",
            Relation::Updates => "updates",
            Relation::Repeats => "repeats",
        }
    }

    /// Wording on the claim the link points to.
    pub fn inverse(self) -> &'static str {
        match self {
            Relation::Confirms => "confirmed by",
            Relation::Contradicts => "contradicted by",
            Relation::Updates => "updated by",
            Relation::Repeats => "repeated by",
        }
    }
}

/// What sort of entity companies.toml describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CompanyKind {
    Company,
    Outlet,
    Analyst,
    Product,
    Index,
}

impl CompanyKind {
    pub fn label(self) -> &'static str {
        match self {
            CompanyKind::Company => "company",
            CompanyKind::Outlet => "news outlet",
            CompanyKind::Analyst => "analyst",
            CompanyKind::Product => "product",
            CompanyKind::Index => "market index",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_has_an_inverse_wording() {
        assert_eq!(Relation::Confirms.inverse(), "confirmed by");
        assert_eq!(Relation::Contradicts.inverse(), "contradicted by");
        assert_eq!(Relation::Updates.inverse(), "updated by");
        assert_eq!(Relation::Repeats.inverse(), "repeated by");
    }
}
