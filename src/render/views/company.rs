//! The list of companies and the page of each: what mentions it, what
//! claims name it (its subsidiaries' and products' included), its events
//! and the companies it is named with.

use super::{
    ClaimRef, CompanyLink, DateView, Frame, TallyItem, claim_ref, company_link, date_view, frame, note_html, tally,
};
use crate::model::{Article, ArticleIdx, CompanyIdx, CompanyKind, Digest, Graph};
use crate::render::catalogue::Catalogue;
use crate::render::links;
use serde::Serialize;

#[derive(Serialize)]
pub struct CompaniesPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub groups: Vec<KindGroup>,
}

#[derive(Serialize)]
pub struct KindGroup {
    pub kind: String,
    pub companies: Vec<CompanyRow>,
}

#[derive(Serialize)]
pub struct CompanyRow {
    #[serde(flatten)]
    pub link: CompanyLink,
    pub parent: Option<CompanyLink>,
    pub articles: usize,
    pub claims: usize,
    pub events: usize,
    pub context: bool,
}

/// Sized by the vocabulary, so that a new kind cannot be left off the page.
const KIND_ORDER: [CompanyKind; <CompanyKind as strum::VariantArray>::VARIANTS.len()] =
    [CompanyKind::Company, CompanyKind::Product, CompanyKind::Outlet, CompanyKind::Analyst, CompanyKind::Index];

pub fn companies_page<'a>(digest: &'a Digest, words: &Catalogue) -> CompaniesPage<'a> {
    let page = "companies.html".to_string();
    let groups = KIND_ORDER
        .iter()
        .map(|&kind| {
            let mut members: Vec<CompanyIdx> =
                (0..digest.companies.len()).filter(|&c| digest.companies[c].kind == kind).collect();
            members.sort_by(|&a, &b| {
                digest.companies[a].name.to_lowercase().cmp(&digest.companies[b].name.to_lowercase())
            });
            KindGroup {
                kind: words.text(&format!("company_group.{}", kind.slug())).to_string(),
                companies: members
                    .into_iter()
                    .map(|c| CompanyRow {
                        link: company_link(&page, &digest.companies[c]),
                        parent: digest.companies[c].parent.map(|p| company_link(&page, &digest.companies[p])),
                        articles: digest.graph.company_articles[c].len(),
                        claims: digest.graph.company_claims[c].len(),
                        events: digest.graph.company_events[c].len(),
                        context: digest.companies[c].context,
                    })
                    .collect(),
            }
        })
        .filter(|g| !g.companies.is_empty())
        .collect();
    CompaniesPage { frame: frame(digest, words, &page, words.text("title.companies").into(), &page), groups }
}

#[derive(Serialize)]
pub struct CompanyPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub name: &'a str,
    pub kind: String,
    pub description_html: Option<String>,
    pub aliases: &'a [String],
    pub context: bool,
    /// Parent, grandparent, … nearest first.
    pub parents: Vec<CompanyLink>,
    pub children: Vec<CompanyLink>,
    /// The articles that name it, or whose claims name it, each with those
    /// claims.
    pub articles: Vec<ArticleMention>,
    pub claim_count: usize,
    /// Those claims per verdict.
    pub tally: Vec<TallyItem>,
    /// Matches of its aliases (and its subsidiaries' and products') in all
    /// articles.
    pub mention_count: usize,
    pub events: Vec<EventItem>,
    pub partners: Vec<Partner>,
}

#[derive(Serialize)]
pub struct ArticleMention {
    pub href: String,
    pub title: String,
    pub title_en: Option<String>,
    pub publisher: String,
    pub published: DateView,
    pub lang: String,
    pub mentions: usize,
    pub claims: usize,
    /// The first paragraphs where the article names the company, each
    /// linked.
    pub places: Vec<MentionPlace>,
    /// Further paragraphs that name it.
    pub more_places: usize,
    /// Its claims that name the company, in a row each: the note, evidence
    /// and cross-links are one click away, beside the claim.
    pub named: Vec<NamedClaim>,
}

/// A paragraph of an article that names the company, linked by its number:
/// the words around the name are one click away, in the paragraph itself.
#[derive(Serialize)]
pub struct MentionPlace {
    pub href: String,
    pub number: usize,
    /// Matches in this paragraph.
    pub count: usize,
}

/// How many paragraphs a company page links per article.
const PLACES: usize = 3;

/// A claim naming the company, or one of its subsidiaries or products.
#[derive(Serialize)]
pub struct NamedClaim {
    #[serde(flatten)]
    pub claim: ClaimRef,
    /// The subsidiaries or products named instead of the company itself.
    pub via: Vec<CompanyLink>,
}

#[derive(Serialize)]
pub struct EventItem {
    pub href: String,
    pub title: String,
    pub date: DateView,
}

#[derive(Serialize)]
pub struct Partner {
    #[serde(flatten)]
    pub link: CompanyLink,
    pub shared: usize,
}

pub fn company_page<'a>(digest: &'a Digest, words: &Catalogue, idx: CompanyIdx) -> CompanyPage<'a> {
    let company = &digest.companies[idx];
    let page = links::company(&company.id);
    let graph = &digest.graph;
    let link = |c: &CompanyIdx| company_link(&page, &digest.companies[*c]);
    // Every match of the family's aliases, by article then place.
    let mut found: Vec<(ArticleIdx, usize)> =
        graph.family[idx].iter().flat_map(|&m| graph.company_mentions[m].iter().copied()).collect();
    found.sort_unstable();
    CompanyPage {
        frame: frame(digest, words, &page, company.name.clone(), "companies.html"),
        name: &company.name,
        kind: words.text(&format!("company_kind.{}", company.kind.slug())).to_string(),
        description_html: company.description.as_deref().map(note_html),
        aliases: &company.found_as,
        context: company.context,
        parents: Graph::ancestors(&digest.companies, idx).iter().map(link).collect(),
        children: graph.children[idx].iter().map(link).collect(),
        articles: graph.company_articles[idx]
            .iter()
            .zip(named_claims(digest, words, &page, idx))
            .map(|(m, named)| {
                let article = &digest.articles[m.article];
                let from = found.partition_point(|&(a, _)| a < m.article);
                let to = found.partition_point(|&(a, _)| a <= m.article);
                let matches: Vec<usize> = found[from..to].iter().map(|&(_, at)| at).collect();
                let (places, more_places) = places(&page, article, &matches);
                ArticleMention {
                    href: links::href(&page, &links::article(&article.slug)),
                    title: article.title.clone(),
                    title_en: article.title_en.clone(),
                    publisher: article.publisher.clone(),
                    published: date_view(words, article.published, article.published_approx),
                    lang: article.lang.clone(),
                    mentions: m.mentions,
                    claims: m.claims,
                    places,
                    more_places,
                    named,
                }
            })
            .collect(),
        claim_count: graph.company_claims[idx].len(),
        tally: tally(words, graph.company_claims[idx].iter().map(|&c| &digest.claims[c])),
        mention_count: found.len(),
        events: graph.company_events[idx]
            .iter()
            .map(|&e| {
                let event = &digest.events[e];
                EventItem {
                    href: links::href(&page, &links::event_in(digest, e)),
                    title: event.title.clone(),
                    date: date_view(words, event.date, event.approx),
                }
            })
            .collect(),
        partners: graph.partners[idx].iter().map(|&(c, shared)| Partner { link: link(&c), shared }).collect(),
    }
}

/// The paragraphs of `article` holding `matches` (indices into its
/// `mentions_at`, in order), the first [`PLACES`] of them linked, and how
/// many more there are. Matches in elided text are left out: the reader
/// cannot see them.
fn places(page: &str, article: &Article, matches: &[usize]) -> (Vec<MentionPlace>, usize) {
    let mut places: Vec<MentionPlace> = Vec::new();
    let mut more = 0;
    let mut last_block = None;
    for &m in matches {
        let bytes = &article.mentions_at[m].1;
        if article.elides.iter().any(|e| e.bytes.start <= bytes.start && bytes.end <= e.bytes.end) {
            continue;
        }
        let block = article.blocks.partition_point(|b| b.bytes.end <= bytes.start);
        if block >= article.blocks.len() {
            continue;
        }
        if last_block == Some(block) {
            if let Some(place) = places.last_mut().filter(|p| p.number == block + 1) {
                place.count += 1;
            }
            continue;
        }
        last_block = Some(block);
        if places.len() == PLACES {
            more += 1;
            continue;
        }
        let href = links::href(page, &format!("{}#p-{}", links::article(&article.slug), block + 1));
        places.push(MentionPlace { href, number: block + 1, count: 1 });
    }
    (places, more)
}

/// The claims naming company `idx` (or one of its subsidiaries or
/// products), one list per article of `company_articles[idx]`, in its order.
fn named_claims(digest: &Digest, words: &Catalogue, page: &str, idx: CompanyIdx) -> Vec<Vec<NamedClaim>> {
    let graph = &digest.graph;
    let articles = &graph.company_articles[idx];
    let mut lists: Vec<Vec<NamedClaim>> = articles.iter().map(|_| Vec::new()).collect();
    for &c in &graph.company_claims[idx] {
        let claim = &digest.claims[c];
        let via = if claim.companies.contains(&idx) {
            Vec::new()
        } else {
            claim
                .companies
                .iter()
                .filter(|n| graph.family[idx].contains(n))
                .map(|&n| company_link(page, &digest.companies[n]))
                .collect()
        };
        // Every article with a claim naming the company is among its articles.
        if let Ok(at) = articles.binary_search_by_key(&claim.article, |m| m.article) {
            lists[at].push(NamedClaim { claim: claim_ref(words, page, digest, c), via });
        }
    }
    lists
}
