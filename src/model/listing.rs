//! The orders the digest-wide lists show things in, computed once: the
//! index, the timeline and the list of claims are split into pages, and
//! each page, and each link to an event's place in the timeline, reads its
//! slice from here instead of sorting everything again.

use super::{Article, ArticleIdx, Claim, ClaimIdx, Event, EventIdx, PartialDate, Tally, Verdict};

/// One entry of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineItem {
    Event(EventIdx),
    /// An article's publication.
    Publication(ArticleIdx),
}

#[derive(Debug, Default)]
pub struct Listing {
    /// Articles, newest first (then by slug).
    pub articles: Vec<ArticleIdx>,
    /// Claims by verdict in [`Verdict::ALL`] order, opinions last; within a
    /// verdict, in digest order.
    pub claims: Vec<ClaimIdx>,
    /// Events and publications by date; on one date, events first.
    pub timeline: Vec<TimelineItem>,
    /// Per event: its position in [`Listing::timeline`].
    pub event_position: Vec<usize>,
    /// Claims per verdict and unrated ones, as every page of the index and
    /// of the claims shows them.
    pub tally: Tally,
    /// Every correction, as (claim, its index in the claim's history):
    /// newest first, then in digest order.
    pub corrections: Vec<(ClaimIdx, usize)>,
}

impl Listing {
    pub fn build(articles: &[Article], claims: &[Claim], events: &[Event]) -> Listing {
        let mut by_date: Vec<ArticleIdx> = (0..articles.len()).collect();
        by_date.sort_by(|&a, &b| {
            let (a, b) = (&articles[a], &articles[b]);
            b.published.cmp(&a.published).then(a.slug.cmp(&b.slug))
        });
        let mut by_verdict: Vec<ClaimIdx> = (0..claims.len()).collect();
        // Stable: claims of one verdict keep their digest order.
        by_verdict.sort_by_key(|&c| verdict_rank(claims[c].verdict));
        let timeline = timeline(articles, events);
        let mut event_position = vec![0; events.len()];
        for (position, item) in timeline.iter().enumerate() {
            if let TimelineItem::Event(e) = item {
                event_position[*e] = position;
            }
        }
        let tally = super::Digest::tally(claims);
        let mut corrections: Vec<(ClaimIdx, usize)> =
            claims.iter().enumerate().flat_map(|(c, claim)| (0..claim.history.len()).map(move |h| (c, h))).collect();
        // Stable: on one date, digest order, and a claim's own order.
        corrections.sort_by_key(|&(c, h)| std::cmp::Reverse(claims[c].history[h].date));
        Listing { articles: by_date, claims: by_verdict, timeline, event_position, tally, corrections }
    }
}

/// Where a claim of `verdict` goes among the claims: by verdict in
/// [`Verdict::ALL`] order, opinions last.
pub(super) fn verdict_rank(verdict: Option<Verdict>) -> usize {
    match verdict {
        Some(v) => v.index(),
        None => Verdict::COUNT,
    }
}

/// What the timeline is sorted by: the date; on one date, events first;
/// then the id or slug.
pub(super) fn timeline_key<'a>(
    articles: &'a [Article],
    events: &'a [Event],
    item: TimelineItem,
) -> (PartialDate, u8, &'a str) {
    match item {
        TimelineItem::Event(i) => (events[i].date, 0, &events[i].id),
        TimelineItem::Publication(i) => (articles[i].published, 1, &articles[i].slug),
    }
}

fn timeline(articles: &[Article], events: &[Event]) -> Vec<TimelineItem> {
    let mut items: Vec<TimelineItem> =
        (0..events.len()).map(TimelineItem::Event).chain((0..articles.len()).map(TimelineItem::Publication)).collect();
    items.sort_by_cached_key(|&item| timeline_key(articles, events, item));
    items
}

/// The 1-based page of `position` in a list split into pages of `size`.
pub fn page_of(position: usize, size: usize) -> usize {
    position / size.max(1) + 1
}

/// How many pages a list of `len` items takes: at least one, which may be
/// empty.
pub fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_from_one_and_never_zero() {
        assert_eq!(page_count(0, 200), 1);
        assert_eq!(page_count(200, 200), 1);
        assert_eq!(page_count(201, 200), 2);
        assert_eq!(page_of(0, 200), 1);
        assert_eq!(page_of(199, 200), 1);
        assert_eq!(page_of(200, 200), 2);
    }
}
