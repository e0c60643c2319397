//! The article page: metadata, tally, editorial summary, and the seed text
//! block by block, each followed by the notes of the claims that start in it.

use super::{
    ClaimRef, CompanyLink, DateView, Frame, SourceView, TallyItem, VerdictView, claim_ref, company_link, company_links,
    date_view, frame, kind_label, note_html, section_html, source_views, tally, verdict_view,
};
use super::{CorrectionView, correction_view};
use crate::model::{Article, ArticleIdx, Block, BlockRole, ClaimIdx, Digest, Elide};
use crate::render::catalogue::Catalogue;
use crate::render::links;
use crate::render::seed_text::{Elision, Highlight, render_block};
use crate::render::text_fragment::text_fragment_url;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Serialize)]
pub struct ArticlePage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub title: &'a str,
    pub title_en: Option<&'a str>,
    /// The seed's first line when it repeats the title, with its highlights.
    pub headline: Option<BlockView>,
    pub publisher: &'a str,
    pub published: DateView,
    pub url: Option<&'a str>,
    pub lang: &'a str,
    /// The direction of the seed's language, for the `dir` of its text.
    pub dir: &'static str,
    pub language: String,
    pub summary: &'a str,
    pub body_html: String,
    pub tally: Vec<TallyItem>,
    pub claim_count: usize,
    pub blocks: Vec<BlockView>,
    /// Why text was left out, each reason once, in the order of the text:
    /// said in words, since the […] markers' tooltips are out of reach on a
    /// touch screen.
    pub elisions: Vec<&'a str>,
    pub companies: Vec<MentionView>,
    /// The read-only page of the annotation file.
    pub source_href: String,
    /// ClaimReview JSON-LD, already escaped for a `<script>` element.
    pub json_ld: String,
}

/// A block of the seed, cut after each sentence that ends a claim: the
/// notes of those claims follow their segment.
#[derive(Serialize)]
pub struct BlockView {
    /// "title", "heading" or "paragraph".
    pub role: &'static str,
    /// Its place among the seed's lines, from 1: the paragraph's anchor
    /// (`#p-N`), where company pages link its mentions.
    pub number: usize,
    pub segments: Vec<SegmentView>,
    pub notes: usize,
}

#[derive(Serialize)]
pub struct SegmentView {
    pub html: String,
    pub notes: Vec<NoteView>,
}

#[derive(Serialize)]
pub struct NoteView {
    pub id: String,
    /// The digest's language and direction: a note sits inside the seed's
    /// text, whose language and direction may be others.
    pub lang: String,
    pub dir: &'static str,
    /// Lines of text the claim's passage surely spans before the note, and
    /// the same for the next note of the text: on a wide screen the
    /// stylesheet raises a margin note by as many lines, level with its
    /// passage, and leaves as much room below it for the next one to rise.
    pub lift: usize,
    pub next_lift: usize,
    pub number: usize,
    pub verdict: VerdictView,
    pub kind: String,
    pub quote: String,
    pub paraphrase: Option<String>,
    /// The note's first sentence, as plain text: the folded note shows it
    /// when the claim has no paraphrase.
    pub note_start: String,
    pub note_html: String,
    pub sources: Vec<SourceView>,
    pub links: Vec<LinkView>,
    pub event: Option<EventLink>,
    pub also_reported: Vec<AlsoReported>,
    /// Further articles on the same event, not named in the note.
    pub also_more: usize,
    pub companies: Vec<CompanyLink>,
    /// This claim's block on the annotation source page.
    pub source_href: String,
    /// The annotation file at this claim on the repository host.
    pub edit_url: Option<String>,
    /// The original article, scrolled to this quote (a text fragment).
    pub original: Option<String>,
    /// The latest correction's date, when the claim was corrected.
    pub updated: Option<DateView>,
    /// Its corrections, newest first.
    pub history: Vec<CorrectionView>,
    /// The page of every correction.
    pub corrections_href: String,
}

#[derive(Serialize)]
pub struct LinkView {
    pub phrase: String,
    pub claim: ClaimRef,
    pub same_article: bool,
}

#[derive(Serialize)]
pub struct EventLink {
    pub href: String,
    pub title: String,
    pub date: DateView,
}

/// Another article with claims about the same event.
#[derive(Serialize)]
pub struct AlsoReported {
    pub href: String,
    pub publisher: String,
    pub title: String,
    pub claims: usize,
}

#[derive(Serialize)]
pub struct MentionView {
    #[serde(flatten)]
    pub company: CompanyLink,
    pub count: usize,
}

pub fn article_page<'a>(digest: &'a Digest, words: &Catalogue, idx: ArticleIdx) -> ArticlePage<'a> {
    let article = &digest.articles[idx];
    let page = links::article(&article.slug);
    let order = reading_order(digest, idx);
    let numbers: BTreeMap<ClaimIdx, usize> = order.iter().enumerate().map(|(n, &c)| (c, n + 1)).collect();
    let verdicts: Vec<VerdictView> = order.iter().map(|&c| verdict_view(words, &digest.claims[c])).collect();
    let highlights: Vec<Highlight> = order
        .iter()
        .zip(&verdicts)
        .map(|(&c, verdict)| {
            let claim = &digest.claims[c];
            Highlight {
                bytes: claim.bytes.clone(),
                id: &claim.id,
                number: numbers[&c],
                class: verdict.slug,
                label: &verdict.label,
                word: words.text("seed.claim"),
            }
        })
        .collect();
    let elisions: Vec<Elision> = article.elides.iter().map(|e| elision(words, e.bytes.clone(), &e.reason)).collect();

    let mut headline = None;
    let mut blocks = Vec::new();
    let elided: Vec<bool> = article.blocks.iter().map(|b| is_elided(&article.elides, &b.bytes)).collect();
    for (i, block) in article.blocks.iter().enumerate() {
        let number = i + 1;
        // A run of lines that are all debris shows as one […], which gives
        // the reason of every elision in the run.
        if elided[i] {
            if i > 0 && elided[i - 1] {
                continue;
            }
            let run = elided[i..].iter().take_while(|&&e| e).count();
            let reasons = run_reasons(&article.elides, &article.blocks[i..i + run]);
            let marker = [elision(words, block.bytes.clone(), &reasons)];
            let segments = render_block(&article.seed, block.bytes.clone(), &[], &marker)
                .into_iter()
                .map(|s| SegmentView { html: s.html, notes: Vec::new() })
                .collect();
            blocks.push(BlockView { role: "paragraph", number, segments, notes: 0 });
            continue;
        }
        let segments: Vec<SegmentView> = render_block(&article.seed, block.bytes.clone(), &highlights, &elisions)
            .into_iter()
            .map(|s| SegmentView {
                html: s.html,
                notes: s
                    .notes
                    .iter()
                    .map(|n| NoteView {
                        lift: n.reach / LINE_CHARS,
                        ..note_view(digest, words, &page, order[n.highlight], n.highlight + 1)
                    })
                    .collect(),
            })
            .collect();
        let notes = segments.iter().map(|s| s.notes.len()).sum();
        let role = match block.role {
            BlockRole::Title => {
                headline = Some(BlockView { role: "title", number, segments, notes });
                continue;
            }
            BlockRole::Heading => "heading",
            BlockRole::Paragraph => "paragraph",
        };
        blocks.push(BlockView { role, number, segments, notes });
    }
    // Each margin note makes room below it for the next one to be raised.
    let mut next_lift = 0;
    for note in blocks.iter_mut().rev().flat_map(|b| b.segments.iter_mut().rev()).flat_map(|s| s.notes.iter_mut().rev())
    {
        note.next_lift = std::mem::replace(&mut next_lift, note.lift);
    }
    let mut companies: Vec<MentionView> = article
        .mentions
        .iter()
        .map(|&(c, count)| MentionView { company: company_link(&page, &digest.companies[c]), count })
        .collect();
    companies.sort_by(|a, b| b.count.cmp(&a.count).then(a.company.name.cmp(&b.company.name)));

    ArticlePage {
        frame: frame(digest, words, &page, article.title_in_english().to_string(), ""),
        title: &article.title,
        title_en: article.title_en.as_deref(),
        headline,
        publisher: &article.publisher,
        published: date_view(words, article.published, article.published_approx),
        url: article.url.as_deref(),
        lang: &article.lang,
        dir: crate::script::direction(&article.lang),
        language: words.language_name(&article.lang),
        summary: &article.summary,
        body_html: section_html(&article.body),
        tally: tally(words, digest.claims_of(idx)),
        claim_count: order.len(),
        blocks,
        elisions: elision_reasons(article),
        companies,
        source_href: links::href(&page, &links::source(&article.slug)),
        json_ld: super::claim_reviews(digest, words, idx),
    }
}

fn elision(words: &Catalogue, bytes: Range<usize>, reason: &str) -> Elision {
    let reason = [("reason", reason)];
    Elision { bytes, title: words.fill("seed.elided_title", &reason), spoken: words.fill("seed.elided", &reason) }
}

fn is_elided(elides: &[Elide], bytes: &Range<usize>) -> bool {
    elides.iter().any(|e| e.bytes.start <= bytes.start && bytes.end <= e.bytes.end)
}

/// The reasons of the elisions over a run of elided lines, each once, in
/// the order they come.
fn run_reasons(elides: &[Elide], run: &[Block]) -> String {
    let (start, end) = (run[0].bytes.start, run[run.len() - 1].bytes.end);
    let mut reasons: Vec<&str> = Vec::new();
    for elide in elides.iter().filter(|e| e.bytes.start < end && e.bytes.end > start) {
        if !reasons.contains(&elide.reason.as_str()) {
            reasons.push(&elide.reason);
        }
    }
    reasons.join("; ")
}

fn elision_reasons(article: &Article) -> Vec<&str> {
    let mut seen = std::collections::BTreeSet::new();
    let mut elides: Vec<_> = article.elides.iter().collect();
    elides.sort_by_key(|e| e.bytes.start);
    elides.into_iter().map(|e| e.reason.as_str()).filter(|r| seen.insert(*r)).collect()
}

/// More characters than one line of the default theme's text column holds
/// (36rem of 16px serif holds about 72): a passage of that many characters
/// before its note surely spans a line break, so the note can be raised a
/// line without rising above the passage (see docs/article-layout.md).
const LINE_CHARS: usize = 80;

/// The article's claims in the order a reader meets them: by start, the
/// longer first when two start together.
fn reading_order(digest: &Digest, idx: ArticleIdx) -> Vec<ClaimIdx> {
    let mut order: Vec<ClaimIdx> = digest.articles[idx].claims.clone().collect();
    order.sort_by_key(|&c| {
        let bytes = &digest.claims[c].bytes;
        (bytes.start, std::cmp::Reverse(bytes.end), c)
    });
    order
}

fn note_view(digest: &Digest, words: &Catalogue, page: &str, idx: ClaimIdx, number: usize) -> NoteView {
    let claim = &digest.claims[idx];
    let outgoing = claim.links.iter().map(|l| (l.to, l.rel.forward()));
    let incoming = digest.graph.incoming[idx].iter().map(|l| (l.to, l.rel.inverse()));
    let links = outgoing
        .chain(incoming)
        .map(|(other, relation)| LinkView {
            phrase: words.text(&format!("relation.{relation}")).to_string(),
            claim: claim_ref(words, page, digest, other),
            same_article: digest.claims[other].article == claim.article,
        })
        .collect();
    let (also_reported, also_more) = also_reported(digest, page, idx);
    let event = claim.event.map(|e| {
        let event = &digest.events[e];
        EventLink {
            href: links::href(page, &links::event_in(digest, e)),
            title: event.title.clone(),
            date: date_view(words, event.date, event.approx),
        }
    });
    NoteView {
        lang: digest.site.language.clone(),
        dir: crate::script::direction(&digest.site.language),
        id: claim.id.clone(),
        lift: 0,
        next_lift: 0,
        number,
        verdict: verdict_view(words, claim),
        kind: kind_label(words, claim),
        quote: claim.quote(digest).to_string(),
        paraphrase: claim.paraphrase.clone(),
        note_start: crate::render::markdown::first_sentence(&claim.note),
        note_html: note_html(&claim.note),
        sources: source_views(words, &claim.sources),
        links,
        event,
        also_reported,
        also_more,
        companies: company_links(page, digest, &claim.companies),
        source_href: links::href(
            page,
            &format!("{}#claim-{}", links::source(&digest.articles[claim.article].slug), claim.id),
        ),
        edit_url: super::edit_url(digest, claim.article, Some(claim.line)),
        original: {
            let article = &digest.articles[claim.article];
            article.url.as_deref().map(|url| text_fragment_url(url, &article.seed, claim.bytes.clone()))
        },
        updated: claim.updated().map(|d| date_view(words, d, false)),
        history: (0..claim.history.len()).rev().map(|h| correction_view(words, page, digest, (idx, h))).collect(),
        corrections_href: links::href(page, super::CORRECTIONS),
    }
}

/// Other articles with claims on the same event, each linked at its first
/// such claim.
/// How many other articles a note names; the timeline lists them all.
const ALSO_REPORTED: usize = 8;

fn also_reported(digest: &Digest, page: &str, idx: ClaimIdx) -> (Vec<AlsoReported>, usize) {
    let claim = &digest.claims[idx];
    let Some(event) = claim.event else { return (Vec::new(), 0) };
    let others = digest.graph.event_articles[event].iter().filter(|e| e.article != claim.article);
    let total = others.clone().count();
    let shown = others
        .take(ALSO_REPORTED)
        .map(|e| {
            let article = &digest.articles[e.article];
            AlsoReported {
                href: links::href(page, &links::claim(&article.slug, &digest.claims[e.first_claim].id)),
                publisher: article.publisher.clone(),
                title: article.title_in_english().to_string(),
                claims: e.claims,
            }
        })
        .collect();
    (shown, total.saturating_sub(ALSO_REPORTED))
}
