//! Corrections as readers see them: on the corrections page (every
//! correction of the digest, newest first), beside each corrected note, and
//! in the corrections feed. One view of a correction serves all three.

use super::lists::numbered_title;
use super::pager::{Pager, page_slice, pager};
use super::{ClaimRef, DateView, Frame, VerdictView, claim_ref, date_view, frame};
use crate::model::{ClaimIdx, Digest};
use crate::render::catalogue::Catalogue;
use crate::render::links;
use serde::Serialize;

/// The corrections page's first page; later ones are numbered beside it.
pub const CORRECTIONS: &str = "corrections.html";

/// One correction of one claim.
#[derive(Serialize)]
pub struct CorrectionView {
    /// Its anchor on the corrections page: `correction-SLUG-ID-N`, N
    /// counting the claim's corrections from 1 in date order.
    pub anchor: String,
    pub date: DateView,
    pub claim: ClaimRef,
    /// (before, after), when the verdict changed.
    pub verdict: Option<(VerdictView, VerdictView)>,
    pub note_revised: bool,
    pub sources_added: Vec<AddedSource>,
    pub reason: String,
}

#[derive(Serialize)]
pub struct AddedSource {
    pub title: String,
    pub url: String,
}

/// Correction `h` of claim `c`, with links relative to `page`.
pub fn correction_view(words: &Catalogue, page: &str, digest: &Digest, (c, h): (ClaimIdx, usize)) -> CorrectionView {
    let claim = &digest.claims[c];
    let correction = &claim.history[h];
    let slug = &digest.articles[claim.article].slug;
    let title_of = |url: &str| {
        let source = claim.sources.iter().find(|s| s.url == url);
        source.and_then(|s| s.title.clone()).or_else(|| source.map(|s| s.publisher.clone())).unwrap_or(url.into())
    };
    CorrectionView {
        anchor: anchor(slug, &claim.id, h),
        date: date_view(words, correction.date, false),
        claim: claim_ref(words, page, digest, c),
        verdict: correction.verdict.map(|(from, to)| (VerdictView::of(words, from), VerdictView::of(words, to))),
        note_revised: correction.note_revised,
        sources_added: correction
            .sources_added
            .iter()
            .map(|url| AddedSource { title: title_of(url), url: url.clone() })
            .collect(),
        reason: correction.reason.clone(),
    }
}

pub fn anchor(slug: &str, id: &str, h: usize) -> String {
    format!("correction-{slug}-{id}-{}", h + 1)
}

#[derive(Serialize)]
pub struct CorrectionsPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    /// This page's corrections, newest first.
    pub corrections: Vec<CorrectionView>,
    /// Every correction of the digest.
    pub total: usize,
    pub pager: Option<Pager>,
    /// The corrections feed, when the site has one (it needs a base URL).
    pub corrections_feed: Option<String>,
}

/// Page `number` (from 1) of the corrections.
pub fn corrections_page<'a>(digest: &'a Digest, words: &Catalogue, number: usize) -> CorrectionsPage<'a> {
    let page = links::list_page(CORRECTIONS, number);
    let all = &digest.listing.corrections;
    let size = digest.site.page_size;
    let corrections =
        page_slice(all, number, size).iter().map(|&entry| correction_view(words, &page, digest, entry)).collect();
    let pager = pager(CORRECTIONS, number, all.len(), size);
    let title = match &pager {
        Some(p) => numbered_title(words, "title.corrections_page", p),
        None => words.text("title.corrections").into(),
    };
    CorrectionsPage {
        frame: frame(digest, words, &page, title, CORRECTIONS),
        corrections,
        total: all.len(),
        pager,
        corrections_feed: digest.site.base_url.as_ref().map(|_| links::href(&page, "corrections.xml")),
    }
}
