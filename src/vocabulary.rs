//! The digest's vocabulary: the fixed words editors write in content files
//! (what kind of statement a claim is, how it was judged, how two claims
//! relate, what sort of entity a company is). Every stage speaks it, so it
//! stands below them all: load reads these words, the model holds them and
//! the pages show them.

use serde::{Deserialize, Serialize};

/// What sort of statement a claim is.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    Fact,
    Figure,
    Forecast,
    Opinion,
    Rumor,
    Attribution,
}

impl Kind {
    /// The value written in content files, which is also the word shown.
    pub fn label(self) -> &'static str {
        self.into()
    }
}

/// How a claim stood up to the evidence.
///
/// This declaration is the one list of verdicts. Its order is the order every
/// page and count uses ([`Verdict::ALL`]): what a reader of a fact-check most
/// needs first, so what the evidence contradicts, then what it contests, what
/// it only partly bears out, what it cannot settle, and last what it
/// confirms. Its kebab-case names are the
/// values content files write and the CSS classes (`v-partly-true`), and
/// [`Verdict::COUNT`] sizes every per-verdict array. A new verdict is a new
/// line here, its words in the interface catalogues (`verdict.SLUG` in
/// `templates/i18n/*.toml`), and its colour and shape in the theme
/// (`static/glose.css`, the sprite in `macros.html`).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Verdict {
    False,
    Disputed,
    PartlyTrue,
    Unverified,
    Confirmed,
}

impl Verdict {
    /// Every verdict, in the order the claims page lists them.
    pub const ALL: &'static [Verdict] = <Verdict as strum::VariantArray>::VARIANTS;
    /// How many verdicts there are: the length of every per-verdict count.
    pub const COUNT: usize = Verdict::ALL.len();

    /// Where this verdict stands in [`Verdict::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The value written in content files and used as a CSS class.
    pub fn slug(self) -> &'static str {
        self.into()
    }

    /// The verdict on the 1–5 scale of the ClaimReview data (5 = confirmed;
    /// see docs/data-export.md); `None` for a verdict that says nothing
    /// about truth.
    pub fn rating(self) -> Option<u8> {
        match self {
            Verdict::Confirmed => Some(5),
            Verdict::PartlyTrue => Some(3),
            Verdict::Disputed => Some(2),
            Verdict::False => Some(1),
            Verdict::Unverified => None,
        }
    }

    /// Whether evidence must be cited for this verdict.
    pub fn needs_evidence(self) -> bool {
        self != Verdict::Unverified
    }
}

/// Every word of a vocabulary as content files write it, in declaration
/// order, joined by `separator`: for hints that list them.
pub fn written<T>(separator: &str) -> String
where
    T: strum::VariantArray + Copy + Into<&'static str>,
{
    T::VARIANTS.iter().map(|&w| w.into()).collect::<Vec<&str>>().join(separator)
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
    /// The value content files write, and the wording on the claim that
    /// declares the link (`relation.confirms` in the interface catalogues).
    pub fn forward(self) -> &'static str {
        match self {
            Relation::Confirms => "confirms",
            Relation::Contradicts => "contradicts",
            Relation::Updates => "updates",
            Relation::Repeats => "repeats",
        }
    }

    /// The name of the link seen from the claim it points to, whose
    /// wording is `relation.NAME` in the interface catalogues.
    pub fn inverse(self) -> &'static str {
        match self {
            Relation::Confirms => "confirmed-by",
            Relation::Contradicts => "contradicted-by",
            Relation::Updates => "updated-by",
            Relation::Repeats => "repeated-by",
        }
    }
}

/// What sort of entity companies.toml describes.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum CompanyKind {
    Company,
    Outlet,
    Analyst,
    Product,
    Index,
}

impl CompanyKind {
    /// The value written in companies.toml; its words are
    /// `company_kind.SLUG` and `company_group.SLUG` in the catalogues.
    pub fn slug(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_are_listed_in_declaration_order() {
        assert!(Verdict::ALL.iter().enumerate().all(|(i, v)| v.index() == i));
        assert_eq!(Verdict::PartlyTrue.slug(), "partly-true");
        assert!(written::<Verdict>(" | ").starts_with("false | disputed | partly-true | "));
        assert_eq!(written::<Kind>(", "), "fact, figure, forecast, opinion, rumor, attribution");
    }

    #[test]
    fn ratings_follow_the_documented_scale() {
        // docs/data-export.md, "Numeric rating scale".
        assert_eq!(Verdict::Confirmed.rating(), Some(5));
        assert_eq!(Verdict::PartlyTrue.rating(), Some(3));
        assert_eq!(Verdict::Disputed.rating(), Some(2));
        assert_eq!(Verdict::False.rating(), Some(1));
        assert_eq!(Verdict::Unverified.rating(), None);
    }

    #[test]
    fn every_relation_has_an_inverse() {
        assert_eq!(Relation::Confirms.inverse(), "confirmed-by");
        assert_eq!(Relation::Contradicts.inverse(), "contradicted-by");
        assert_eq!(Relation::Updates.inverse(), "updated-by");
        assert_eq!(Relation::Repeats.inverse(), "repeated-by");
    }
}
