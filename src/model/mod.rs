//! Stage 3, model: the digest as one graph, built once and read by every
//! page. No IO, no HTML. Every list is in a fixed order (articles by slug,
//! claims in file order, companies by id, events by date then id), so what
//! the pages show never depends on hash or file-system order.

mod date;
mod graph;
mod listing;
mod patch;

pub use crate::vocabulary::{CompanyKind, Kind, Relation, Verdict};
pub use date::PartialDate;
pub use graph::{EventInArticle, Graph};
pub use listing::{Listing, TimelineItem, page_count, page_of};
pub use patch::Replacement;

use crate::source::Span;
use std::ops::Range;
use std::sync::Arc;

/// Claims per verdict, in [`Verdict::ALL`] order, and unrated opinions.
pub type Tally = ([usize; Verdict::COUNT], usize);

/// Index of an article in [`Digest::articles`].
pub type ArticleIdx = usize;
/// Index of a claim in [`Digest::claims`].
pub type ClaimIdx = usize;
/// Index of a company in [`Digest::companies`].
pub type CompanyIdx = usize;
/// Index of an event in [`Digest::events`].
pub type EventIdx = usize;

/// What resolve hands over: every part checked and its references
/// resolved to indexes, but not yet linked together.
#[derive(Debug)]
pub struct ResolvedDigest {
    pub site: Site,
    pub articles: Vec<Article>,
    pub claims: Vec<Claim>,
    pub companies: Vec<Company>,
    pub events: Vec<Event>,
}

/// The whole digest, checked and cross-linked.
#[derive(Debug)]
pub struct Digest {
    pub site: Site,
    pub articles: Vec<Article>,
    pub claims: Vec<Claim>,
    pub companies: Vec<Company>,
    pub events: Vec<Event>,
    pub graph: Graph,
    pub listing: Listing,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: Option<String>,
    pub authors: Vec<String>,
    /// Repository address and branch, for "edit" links.
    pub repo: Option<(String, String)>,
    /// Items per page of the index, the timeline and the list of claims.
    pub page_size: usize,
}

impl Site {
    /// Page size when site.toml sets none: every list of a digest of a few
    /// hundred articles fits on one page, and no page of a large one grows
    /// past a few hundred kilobytes.
    pub const DEFAULT_PAGE_SIZE: usize = 200;
}

/// One seed and what the editors wrote about it.
#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    /// The annotation file, as shown in messages (`content/articles/x.md`).
    pub file: String,
    /// The annotation file's text, for its read-only source page.
    pub annotation: Arc<str>,
    pub seed_file: String,
    pub seed: Arc<str>,
    pub title: String,
    pub title_en: Option<String>,
    pub published: PartialDate,
    pub published_approx: bool,
    pub publisher: String,
    pub url: Option<String>,
    pub lang: String,
    pub summary: String,
    /// Editorial summary, Markdown.
    pub body: String,
    pub blocks: Vec<Block>,
    pub elides: Vec<Elide>,
    /// This article's claims, a contiguous run of [`Digest::claims`].
    pub claims: Range<ClaimIdx>,
    /// Companies whose aliases occur in the seed, with the number of matches.
    pub mentions: Vec<(CompanyIdx, usize)>,
    /// Each of those matches: the company and the bytes of the seed, by start.
    pub mentions_at: Vec<(CompanyIdx, Range<usize>)>,
}

/// A non-empty line of a seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub bytes: Range<usize>,
    pub role: BlockRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRole {
    /// The seed's first line when it repeats the article's title.
    Title,
    /// A line listed in `headings`.
    Heading,
    Paragraph,
}

/// Seed text hidden from the reader, with the reason shown instead.
#[derive(Debug, Clone)]
pub struct Elide {
    pub bytes: Range<usize>,
    pub reason: String,
}

/// One checkable statement of an article, anchored to its seed.
#[derive(Debug, Clone)]
pub struct Claim {
    pub article: ArticleIdx,
    pub id: String,
    /// Where the quote stands in the seed.
    pub bytes: Range<usize>,
    pub kind: Kind,
    /// `None` only for opinions, which are annotated but not rated.
    pub verdict: Option<Verdict>,
    pub paraphrase: Option<String>,
    pub companies: Vec<CompanyIdx>,
    pub event: Option<EventIdx>,
    /// Markdown.
    pub note: String,
    pub sources: Vec<Source>,
    /// Links as declared on this claim.
    pub links: Vec<Link>,
    /// Corrections, oldest first (by date, then as written).
    pub history: Vec<Correction>,
    /// Line of the claim's `id` in its annotation file.
    pub line: usize,
    /// Where the verdict is written, when it is.
    pub verdict_at: Option<Span>,
}

/// A correction readers are told about: when, what changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub date: PartialDate,
    /// (before, after), when the verdict changed.
    pub verdict: Option<(Verdict, Verdict)>,
    pub note_revised: bool,
    /// Urls of the sources it added.
    pub sources_added: Vec<String>,
    /// Plain text.
    pub reason: String,
}

impl Article {
    /// The English title when there is one, else the original.
    pub fn title_in_english(&self) -> &str {
        self.title_en.as_deref().unwrap_or(&self.title)
    }
}

impl Claim {
    pub fn quote<'a>(&self, digest: &'a Digest) -> &'a str {
        &digest.articles[self.article].seed[self.bytes.clone()]
    }

    /// The earliest date the review can have been written: glose records
    /// no review date, and a review is no older than its article or its
    /// evidence.
    pub fn review_date(&self, published: PartialDate) -> PartialDate {
        self.sources.iter().filter_map(|s| s.date).fold(published, PartialDate::max)
    }

    /// The date of the latest correction, if the claim was ever corrected.
    pub fn updated(&self) -> Option<PartialDate> {
        self.history.last().map(|c| c.date)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    pub to: ClaimIdx,
    pub rel: Relation,
}

/// A piece of evidence.
#[derive(Debug, Clone)]
pub struct Source {
    pub title: Option<String>,
    pub publisher: String,
    pub url: String,
    pub date: Option<PartialDate>,
    pub excerpt: Option<String>,
}

#[derive(Debug)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub kind: CompanyKind,
    pub parent: Option<CompanyIdx>,
    pub aliases: Vec<String>,
    /// The aliases that occur in some seed, in the order written.
    pub found_as: Vec<String>,
    pub description: Option<String>,
    pub context: bool,
}

#[derive(Debug)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub approx: bool,
    pub title: String,
    pub summary: Option<String>,
    pub companies: Vec<CompanyIdx>,
    pub sources: Vec<Source>,
    pub context: bool,
}

impl Digest {
    /// Builds the cross-link graph over checked articles, claims, companies
    /// and events.
    pub fn build(resolved: ResolvedDigest) -> Digest {
        let ResolvedDigest { site, articles, claims, companies, events } = resolved;
        let graph = Graph::build(&articles, &claims, &companies, &events);
        let listing = Listing::build(&articles, &claims, &events);
        Digest { site, articles, claims, companies, events, graph, listing }
    }

    pub fn claims_of(&self, article: ArticleIdx) -> &[Claim] {
        &self.claims[self.articles[article].claims.clone()]
    }

    /// Number of rated claims of each verdict, and of unrated opinions.
    pub fn tally<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Tally {
        let mut counts = [0; Verdict::COUNT];
        let mut unrated = 0;
        for claim in claims {
            match claim.verdict {
                Some(v) => counts[v.index()] += 1,
                None => unrated += 1,
            }
        }
        (counts, unrated)
    }
}
