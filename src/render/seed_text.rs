//! The one HTML renderer written by hand: a block of seed text with its
//! claims highlighted and its elided debris replaced by […].
//!
//! The block is split at every boundary of every span that touches it, so
//! nested and partly overlapping claims both stay highlighted: each piece of
//! text is wrapped in one `<mark>` per claim covering it, outermost first.
//! After the last piece of a claim comes its numbered reference, a link to
//! the note. Text is escaped character by character; nothing of the seed is
//! ever emitted raw.

use std::fmt::Write as _;
use std::ops::Range;

/// A claim's highlight within the seed.
#[derive(Debug, Clone)]
pub struct Highlight<'a> {
    pub bytes: Range<usize>,
    pub id: &'a str,
    pub number: usize,
    /// CSS class suffix: the verdict slug, or "opinion".
    pub class: &'a str,
    /// Words read out after the number by a screen reader ("confirmed").
    pub label: &'a str,
}

/// Seed text hidden behind […].
#[derive(Debug, Clone)]
pub struct Elision<'a> {
    pub bytes: Range<usize>,
    pub reason: &'a str,
}

/// Renders `text[block]` with the highlights and elisions that touch it.
/// `highlights` must be sorted by start, then by end descending.
pub fn render_block(text: &str, block: Range<usize>, highlights: &[Highlight], elisions: &[Elision]) -> String {
    let touching = |r: &Range<usize>| r.start < block.end && r.end > block.start;
    let highlights: Vec<&Highlight> = highlights.iter().filter(|h| touching(&h.bytes)).collect();
    let elisions: Vec<&Elision> = elisions.iter().filter(|e| touching(&e.bytes)).collect();
    let mut cuts = vec![block.start, block.end];
    for range in highlights.iter().map(|h| &h.bytes).chain(elisions.iter().map(|e| &e.bytes)) {
        cuts.extend([range.start, range.end].into_iter().filter(|c| block.contains(c)));
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut html = String::new();
    for piece in cuts.windows(2).map(|w| w[0]..w[1]) {
        if let Some(elision) = elisions.iter().find(|e| e.bytes.start <= piece.start && piece.end <= e.bytes.end) {
            if piece.start == elision.bytes.start.max(block.start) {
                push_elision(&mut html, elision.reason);
            }
            continue;
        }
        let covering: Vec<&&Highlight> =
            highlights.iter().filter(|h| h.bytes.start <= piece.start && piece.end <= h.bytes.end).collect();
        for (depth, h) in covering.iter().enumerate() {
            let first = if piece.start == h.bytes.start { format!(" id=\"quote-{}\"", h.id) } else { String::new() };
            let _ = write!(html, "<mark class=\"claim v-{} depth-{}\"{first}>", h.class, depth.min(2));
        }
        escape_into(&mut html, &text[piece.clone()]);
        for _ in &covering {
            html.push_str("</mark>");
        }
        for h in highlights.iter().filter(|h| h.bytes.end == piece.end) {
            push_reference(&mut html, h);
        }
    }
    html
}

fn push_elision(html: &mut String, reason: &str) {
    html.push_str("<span class=\"elided\" title=\"Elided: ");
    escape_into(html, reason);
    html.push_str("\"><span aria-hidden=\"true\">[…]</span><span class=\"visually-hidden\">(elided: ");
    escape_into(html, reason);
    html.push_str(")</span></span>");
}

fn push_reference(html: &mut String, h: &Highlight) {
    let _ = write!(
        html,
        "<a class=\"claim-ref v-{}\" id=\"ref-{}\" href=\"#claim-{}\"><span class=\"visually-hidden\">claim </span>{}<span class=\"visually-hidden\">, {}</span></a>",
        h.class, h.id, h.id, h.number, h.label
    );
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    // Runs of ordinary text are copied whole: every page passes its seed
    // text through here.
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        out.push_str(entity);
        plain = at + 1;
    }
    out.push_str(&text[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(bytes: Range<usize>, id: &'static str, number: usize) -> Highlight<'static> {
        Highlight { bytes, id, number, class: "confirmed", label: "confirmed" }
    }

    fn strip_refs(html: &str) -> String {
        html.split("<a class").map(|part| part.split_once("</a>").map_or(part, |(_, rest)| rest)).collect()
    }

    #[test]
    fn plain_text_is_escaped() {
        let text = "<script>alert('x')</script> & co";
        assert_eq!(
            render_block(text, 0..text.len(), &[], &[]),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"
        );
    }

    #[test]
    fn nested_claims_both_stay_highlighted() {
        let text = "aa bb cc dd";
        let html = render_block(text, 0..11, &[h(0..11, "outer", 1), h(3..5, "inner", 2)], &[]);
        assert_eq!(
            strip_refs(&html),
            "<mark class=\"claim v-confirmed depth-0\" id=\"quote-outer\">aa </mark>\
             <mark class=\"claim v-confirmed depth-0\"><mark class=\"claim v-confirmed depth-1\" id=\"quote-inner\">bb</mark></mark>\
             <mark class=\"claim v-confirmed depth-0\"> cc dd</mark>"
        );
        assert!(html.contains("href=\"#claim-inner\""));
        assert!(html.ends_with("<span class=\"visually-hidden\">, confirmed</span></a>"));
    }

    #[test]
    fn overlapping_claims_split_at_every_boundary() {
        let text = "one two three";
        let html = strip_refs(&render_block(text, 0..13, &[h(0..7, "a", 1), h(4..13, "b", 2)], &[]));
        assert_eq!(
            html,
            "<mark class=\"claim v-confirmed depth-0\" id=\"quote-a\">one </mark>\
             <mark class=\"claim v-confirmed depth-0\"><mark class=\"claim v-confirmed depth-1\" id=\"quote-b\">two</mark></mark>\
             <mark class=\"claim v-confirmed depth-0\"> three</mark>"
        );
    }

    #[test]
    fn each_reference_follows_the_end_of_its_claim() {
        let text = "one two three";
        let html = render_block(text, 0..13, &[h(0..7, "a", 1), h(4..13, "b", 2)], &[]);
        let a = html.find("id=\"ref-a\"").unwrap();
        let b = html.find("id=\"ref-b\"").unwrap();
        assert!(html[..a].ends_with("two</mark></mark><a class=\"claim-ref v-confirmed\" "));
        assert!(a < b && html[..b].contains(" three</mark>"));
    }

    #[test]
    fn elided_text_becomes_a_labelled_marker() {
        let text = "Share This Article. Real text.";
        let html = render_block(text, 0..text.len(), &[], &[Elision { bytes: 0..19, reason: "site <boilerplate>" }]);
        assert_eq!(
            html,
            "<span class=\"elided\" title=\"Elided: site &lt;boilerplate&gt;\"><span aria-hidden=\"true\">[…]</span>\
             <span class=\"visually-hidden\">(elided: site &lt;boilerplate&gt;)</span></span> Real text."
        );
    }

    #[test]
    fn only_the_part_inside_the_block_is_rendered() {
        let text = "first line\nsecond line";
        let html = render_block(text, 11..22, &[h(6..17, "span", 1)], &[]);
        assert!(html.starts_with("<mark class=\"claim v-confirmed depth-0\">second</mark><a"));
        assert!(html.ends_with(" line"));
    }
}
