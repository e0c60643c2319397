//! The links between the numbered pages of a long list.

use crate::model::page_count;
use crate::render::links;
use serde::Serialize;

/// Which page of a list this is, and the way to the others. Absent when
/// the list fits on one page.
#[derive(Serialize, Debug, PartialEq)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    /// The first and last item of this page, counted from 1 over the list.
    pub from: usize,
    pub to: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub items: Vec<PagerItem>,
}

/// A page number in the pager: a link, or this page itself (no `href`).
#[derive(Serialize, Debug, PartialEq)]
pub struct PagerItem {
    pub number: usize,
    pub href: Option<String>,
    /// Numbers were skipped before this one.
    pub gap_before: bool,
}

/// Page numbers shown on each side of the current one; the first and the
/// last are always shown, so that a list of 500 pages is not 500 links.
const NEIGHBOURS: usize = 2;

/// The pager of page `current` of a list of `len` items whose first page is
/// `first`, `size` items a page.
pub fn pager(first: &str, current: usize, len: usize, size: usize) -> Option<Pager> {
    let total = page_count(len, size);
    if total <= 1 {
        return None;
    }
    let page = links::list_page(first, current);
    let href = |n: usize| links::href(&page, &links::list_page(first, n));
    let shown = |n: usize| n == 1 || n == total || n.abs_diff(current) <= NEIGHBOURS;
    let mut items = Vec::new();
    let mut last = 0;
    for number in (1..=total).filter(|&n| shown(n)) {
        items.push(PagerItem {
            number,
            href: (number != current).then(|| href(number)),
            gap_before: number > last + 1,
        });
        last = number;
    }
    Some(Pager {
        current,
        total,
        from: (current - 1) * size + 1,
        to: (current * size).min(len),
        prev: (current > 1).then(|| href(current - 1)),
        next: (current < total).then(|| href(current + 1)),
        items,
    })
}

/// The items of page `current` (from 1) of `list`.
pub fn page_slice<T>(list: &[T], current: usize, size: usize) -> &[T] {
    let start = (current.saturating_sub(1) * size).min(list.len());
    &list[start..(start + size).min(list.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Pager) -> Vec<String> {
        p.items
            .iter()
            .map(|i| {
                format!(
                    "{}{}{}",
                    if i.gap_before { "… " } else { "" },
                    i.number,
                    if i.href.is_none() { "*" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn a_list_that_fits_on_one_page_has_no_pager() {
        assert_eq!(pager("claims.html", 1, 200, 200), None);
        assert_eq!(pager("claims.html", 1, 0, 200), None);
    }

    #[test]
    fn far_pages_are_skipped_but_the_ends_stay() {
        let p = pager("claims.html", 7, 2000, 100).unwrap();
        assert_eq!(numbers(&p), ["1", "… 5", "6", "7*", "8", "9", "… 20"]);
        assert_eq!((p.from, p.to, p.total), (601, 700, 20));
        assert_eq!(p.prev.as_deref(), Some("claims-6.html"));
        assert_eq!(p.next.as_deref(), Some("claims-8.html"));
        assert_eq!(p.items[0].href.as_deref(), Some("claims.html"));
    }

    #[test]
    fn the_last_page_holds_the_rest() {
        let p = pager("index.html", 3, 250, 100).unwrap();
        assert_eq!(numbers(&p), ["1", "2", "3*"]);
        assert_eq!((p.from, p.to, p.next), (201, 250, None));
        assert_eq!(page_slice(&(0..250).collect::<Vec<_>>(), 3, 100).len(), 50);
        assert!(page_slice(&[1, 2, 3], 9, 2).is_empty());
    }
}
