//! The list of companies and the page of each: what mentions it, what
//! claims name it (its subsidiaries' and products' included), its events
//! and the companies it is named with.

use super::{ClaimRef, CompanyLink, DateView, Frame, claim_ref, company_link, date_view, frame, note_html};
use crate::model::{CompanyIdx, CompanyKind, Digest, Graph};
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
    pub kind: &'static str,
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

pub fn companies_page(digest: &Digest) -> CompaniesPage<'_> {
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
                kind: kind_heading(kind),
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
    CompaniesPage { frame: frame(digest, &page, "Companies".into(), &page), groups }
}

fn kind_heading(kind: CompanyKind) -> &'static str {
    match kind {
        CompanyKind::Company => "Companies",
        CompanyKind::Product => "Products and services",
        CompanyKind::Outlet => "News outlets",
        CompanyKind::Analyst => "Analysts",
        CompanyKind::Index => "Market indices",
    }
}

#[derive(Serialize)]
pub struct CompanyPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub name: &'a str,
    pub kind: &'static str,
    pub description_html: Option<String>,
    pub aliases: &'a [String],
    pub context: bool,
    /// Parent, grandparent, … nearest first.
    pub parents: Vec<CompanyLink>,
    pub children: Vec<CompanyLink>,
    pub articles: Vec<ArticleMention>,
    /// Claims naming it, grouped by article in digest order.
    pub claim_groups: Vec<ClaimGroup>,
    pub claim_count: usize,
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
    pub mentions: usize,
    pub claims: usize,
}

#[derive(Serialize)]
pub struct ClaimGroup {
    pub href: String,
    pub title: String,
    pub publisher: String,
    pub claims: Vec<NamedClaim>,
}

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

pub fn company_page(digest: &Digest, idx: CompanyIdx) -> CompanyPage<'_> {
    let company = &digest.companies[idx];
    let page = links::company(&company.id);
    let graph = &digest.graph;
    let link = |c: &CompanyIdx| company_link(&page, &digest.companies[*c]);
    CompanyPage {
        frame: frame(digest, &page, company.name.clone(), "companies.html"),
        name: &company.name,
        kind: company.kind.label(),
        description_html: company.description.as_deref().map(note_html),
        aliases: &company.found_as,
        context: company.context,
        parents: Graph::ancestors(&digest.companies, idx).iter().map(link).collect(),
        children: graph.children[idx].iter().map(link).collect(),
        articles: graph.company_articles[idx]
            .iter()
            .map(|m| {
                let article = &digest.articles[m.article];
                ArticleMention {
                    href: links::href(&page, &links::article(&article.slug)),
                    title: article.title.clone(),
                    title_en: article.title_en.clone(),
                    publisher: article.publisher.clone(),
                    published: date_view(article.published, article.published_approx),
                    mentions: m.mentions,
                    claims: m.claims,
                }
            })
            .collect(),
        claim_groups: claim_groups(digest, &page, idx),
        claim_count: graph.company_claims[idx].len(),
        events: graph.company_events[idx]
            .iter()
            .map(|&e| {
                let event = &digest.events[e];
                EventItem {
                    href: links::href(&page, &links::event_in(digest, e)),
                    title: event.title.clone(),
                    date: date_view(event.date, event.approx),
                }
            })
            .collect(),
        partners: graph.partners[idx].iter().map(|&(c, shared)| Partner { link: link(&c), shared }).collect(),
    }
}

fn claim_groups(digest: &Digest, page: &str, idx: CompanyIdx) -> Vec<ClaimGroup> {
    let graph = &digest.graph;
    let mut groups: Vec<ClaimGroup> = Vec::new();
    let mut current_article = None;
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
        let named = NamedClaim { claim: claim_ref(page, digest, c), via };
        if current_article != Some(claim.article) {
            let article = &digest.articles[claim.article];
            current_article = Some(claim.article);
            groups.push(ClaimGroup {
                href: links::href(page, &links::article(&article.slug)),
                title: article.title_in_english().to_string(),
                publisher: article.publisher.clone(),
                claims: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.claims.push(named);
        }
    }
    groups
}
