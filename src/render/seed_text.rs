//! The one HTML renderer written by hand: a block of seed text with its
//! claims highlighted and its elided debris replaced by […].
//!
//! The block is split at every boundary of every span that touches it, so
//! nested and partly overlapping claims both stay highlighted: each piece of
//! text is wrapped in one `<mark>` per claim covering it, outermost first.
//! The claim's first piece carries its id (`claim-ID`: every link to a claim
//! lands on its passage); after its last piece comes its numbered
//! reference, a link to the note (`note-ID`). The block is also cut after
//! each sentence that ends a claim, for the note to follow. Text is escaped
//! character by character; nothing of the seed is ever emitted raw.

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
    /// Read out before the number: "claim", in the interface's language.
    pub word: &'a str,
}

/// Seed text hidden behind […], with why, in the interface's words: as
/// its title ("Elided: share button") and as read out ("(elided: …)").
#[derive(Debug, Clone)]
pub struct Elision {
    pub bytes: Range<usize>,
    pub title: String,
    pub spoken: String,
}

/// A run of a block's HTML, and the claims whose notes follow it.
#[derive(Debug, Default)]
pub struct Segment {
    pub html: String,
    pub notes: Vec<NoteAt>,
}

/// A note placed after a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteAt {
    /// Index into the `highlights` given to [`render_block`].
    pub highlight: usize,
    /// Characters from the start of the claim's passage to the note: how far
    /// back the passage starts, for a margin note to be raised level with it.
    pub reach: usize,
}

/// Renders `text[block]` with the highlights and elisions that touch it,
/// cut after each sentence that ends a claim starting in the block: the
/// claim's note goes there, beside the sentence on a wide screen and right
/// after it on a narrow one. `highlights` must be sorted by start, then by
/// end descending.
pub fn render_block(text: &str, block: Range<usize>, highlights: &[Highlight], elisions: &[Elision]) -> Vec<Segment> {
    let touching = |r: &Range<usize>| r.start < block.end && r.end > block.start;
    let highlights: Vec<(usize, &Highlight)> =
        highlights.iter().enumerate().filter(|(_, h)| touching(&h.bytes)).collect();
    let elisions: Vec<&Elision> = elisions.iter().filter(|e| touching(&e.bytes)).collect();
    let spans = highlights.iter().map(|(_, h)| &h.bytes).chain(elisions.iter().map(|e| &e.bytes));
    let breaks = free_sentence_ends(text, &block, spans.clone());
    // (where the note goes, which claim, where its passage starts)
    let mut notes: Vec<(usize, usize, usize)> = highlights
        .iter()
        .filter(|(_, h)| block.contains(&h.bytes.start))
        .map(|&(i, h)| {
            let after = breaks.partition_point(|&b| b < h.bytes.end.min(block.end));
            (breaks.get(after).copied().unwrap_or(block.end), i, h.bytes.start)
        })
        .collect();
    notes.sort_unstable();
    let mut cuts = vec![block.start, block.end];
    for range in spans {
        cuts.extend([range.start, range.end].into_iter().filter(|c| block.contains(c)));
    }
    cuts.extend(notes.iter().map(|&(at, ..)| at));
    cuts.sort_unstable();
    cuts.dedup();

    let mut segments = vec![Segment::default()];
    let mut pending = notes.iter().peekable();
    for piece in cuts.windows(2).map(|w| w[0]..w[1]) {
        let html = &mut segments.last_mut().expect("segments start with one").html;
        push_piece(html, text, &piece, &highlights, &elisions, block.start);
        let mut ended = Vec::new();
        while let Some(&(at, highlight, start)) = pending.next_if(|&&(at, ..)| at == piece.end) {
            ended.push(NoteAt { highlight, reach: text[start..at].chars().count() });
        }
        if !ended.is_empty() {
            segments.last_mut().expect("segments start with one").notes = ended;
            segments.push(Segment::default());
        }
    }
    if segments.len() > 1 && segments.last().is_some_and(|s| s.html.is_empty()) {
        segments.pop();
    }
    segments
}

/// One piece of text between two cuts: its marks, its text, and the
/// references of the claims that end with it.
fn push_piece(
    html: &mut String,
    text: &str,
    piece: &Range<usize>,
    highlights: &[(usize, &Highlight)],
    elisions: &[&Elision],
    block_start: usize,
) {
    if let Some(elision) = elisions.iter().find(|e| e.bytes.start <= piece.start && piece.end <= e.bytes.end) {
        if piece.start == elision.bytes.start.max(block_start) {
            push_elision(html, elision);
        }
        return;
    }
    let covering: Vec<&Highlight> = highlights
        .iter()
        .map(|&(_, h)| h)
        .filter(|h| h.bytes.start <= piece.start && piece.end <= h.bytes.end)
        .collect();
    for (depth, h) in covering.iter().enumerate() {
        let first = if piece.start == h.bytes.start { format!(" id=\"claim-{}\"", h.id) } else { String::new() };
        let _ = write!(html, "<mark class=\"claim v-{} depth-{}\"{first}>", h.class, depth.min(2));
    }
    escape_into(html, &text[piece.clone()]);
    for _ in &covering {
        html.push_str("</mark>");
    }
    for (_, h) in highlights.iter().filter(|(_, h)| h.bytes.end == piece.end) {
        push_reference(html, h);
    }
}

/// Where sentences end in `text[block]` outside every span (a highlight
/// or an elision), ascending: a note may be placed there without cutting
/// into a highlighted passage.
fn free_sentence_ends<'a>(
    text: &str,
    block: &Range<usize>,
    spans: impl Iterator<Item = &'a Range<usize>>,
) -> Vec<usize> {
    let mut spans: Vec<&Range<usize>> = spans.collect();
    spans.sort_unstable_by_key(|r| r.start);
    let mut spans = spans.into_iter().peekable();
    let mut covered_until = 0;
    let mut ends = Vec::new();
    for at in sentence_ends(&text[block.clone()]).map(|at| block.start + at) {
        while let Some(span) = spans.next_if(|s| s.start < at) {
            covered_until = covered_until.max(span.end);
        }
        if covered_until <= at {
            ends.push(at);
        }
    }
    ends
}

/// Byte offsets just after each sentence's final punctuation (and any
/// closing quote or bracket after it), where the next character is a space
/// or the text ends. CJK full stops need no space after them.
pub(super) fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    const CLOSERS: &[char] = &['»', '”', '’', '"', '\'', ')', ']', '›'];
    let spaces = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}';
    text.char_indices().filter_map(move |(at, c)| {
        let cjk = matches!(c, '。' | '！' | '？');
        if !(cjk || matches!(c, '.' | '!' | '?' | '…')) {
            return None;
        }
        let mut end = at + c.len_utf8();
        // A closing quote may follow, after a (French) space.
        let rest = &text[end..];
        let trimmed = rest.trim_start_matches(spaces);
        if let Some(closer) = trimmed.chars().next().filter(|q| CLOSERS.contains(q)) {
            end += rest.len() - trimmed.len() + closer.len_utf8();
        }
        let next = text[end..].chars().next();
        (cjk || next.is_none_or(spaces)).then_some(end)
    })
}

fn push_elision(html: &mut String, elision: &Elision) {
    html.push_str("<span class=\"elided\" title=\"");
    escape_into(html, &elision.title);
    html.push_str("\"><span aria-hidden=\"true\">[…]</span><span class=\"visually-hidden\">");
    escape_into(html, &elision.spoken);
    html.push_str("</span></span>");
}

fn push_reference(html: &mut String, h: &Highlight) {
    let _ = write!(
        html,
        "<a class=\"claim-ref v-{}\" id=\"ref-{}\" href=\"#note-{}\"><span class=\"visually-hidden\">{} </span>{}<span class=\"visually-hidden\">, {}</span></a>",
        h.class, h.id, h.id, h.word, h.number, h.label
    );
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    escape_bytes(out, text, true);
}

/// `text` escaped for an element's content, where quotes are safe as they
/// are: only `&`, `<` and `>` become entities. Never for attribute values.
pub fn escape_text_into(out: &mut String, text: &str) {
    escape_bytes(out, text, false);
}

fn escape_bytes(out: &mut String, text: &str, quotes: bool) {
    // Runs of ordinary text are copied whole: every page passes its seed
    // text through here.
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if quotes => "&quot;",
            b'\'' if quotes => "&#39;",
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
        Highlight { bytes, id, number, class: "confirmed", label: "confirmed", word: "claim" }
    }

    /// The block's HTML, notes left out.
    fn render(text: &str, block: Range<usize>, highlights: &[Highlight], elisions: &[Elision]) -> String {
        render_block(text, block, highlights, elisions).into_iter().map(|s| s.html).collect()
    }

    /// Each segment's text, with the ids of the notes after it.
    fn segments(text: &str, highlights: &[Highlight<'static>]) -> Vec<(String, Vec<&'static str>)> {
        render_block(text, 0..text.len(), highlights, &[])
            .into_iter()
            .map(|s| (strip_tags(&strip_refs(&s.html)), s.notes.iter().map(|n| highlights[n.highlight].id).collect()))
            .collect()
    }

    fn strip_tags(html: &str) -> String {
        html.split('<')
            .enumerate()
            .map(|(i, part)| if i == 0 { part } else { part.split_once('>').map_or("", |(_, rest)| rest) })
            .collect()
    }

    fn strip_refs(html: &str) -> String {
        html.split("<a class").map(|part| part.split_once("</a>").map_or(part, |(_, rest)| rest)).collect()
    }

    #[test]
    fn plain_text_is_escaped() {
        let text = "<script>alert('x')</script> & co";
        assert_eq!(render(text, 0..text.len(), &[], &[]), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
    }

    #[test]
    fn nested_claims_both_stay_highlighted() {
        let text = "aa bb cc dd";
        let html = render(text, 0..11, &[h(0..11, "outer", 1), h(3..5, "inner", 2)], &[]);
        assert_eq!(
            strip_refs(&html),
            "<mark class=\"claim v-confirmed depth-0\" id=\"claim-outer\">aa </mark>\
             <mark class=\"claim v-confirmed depth-0\"><mark class=\"claim v-confirmed depth-1\" id=\"claim-inner\">bb</mark></mark>\
             <mark class=\"claim v-confirmed depth-0\"> cc dd</mark>"
        );
        assert!(html.contains("href=\"#note-inner\""));
        assert!(html.ends_with("<span class=\"visually-hidden\">, confirmed</span></a>"));
    }

    #[test]
    fn overlapping_claims_split_at_every_boundary() {
        let text = "one two three";
        let html = strip_refs(&render(text, 0..13, &[h(0..7, "a", 1), h(4..13, "b", 2)], &[]));
        assert_eq!(
            html,
            "<mark class=\"claim v-confirmed depth-0\" id=\"claim-a\">one </mark>\
             <mark class=\"claim v-confirmed depth-0\"><mark class=\"claim v-confirmed depth-1\" id=\"claim-b\">two</mark></mark>\
             <mark class=\"claim v-confirmed depth-0\"> three</mark>"
        );
    }

    #[test]
    fn each_reference_follows_the_end_of_its_claim() {
        let text = "one two three";
        let html = render(text, 0..13, &[h(0..7, "a", 1), h(4..13, "b", 2)], &[]);
        let a = html.find("id=\"ref-a\"").unwrap();
        let b = html.find("id=\"ref-b\"").unwrap();
        assert!(html[..a].ends_with("two</mark></mark><a class=\"claim-ref v-confirmed\" "));
        assert!(a < b && html[..b].contains(" three</mark>"));
    }

    #[test]
    fn elided_text_becomes_a_labelled_marker() {
        let text = "Share This Article. Real text.";
        let elision = Elision {
            bytes: 0..19,
            title: "Elided: site <boilerplate>".into(),
            spoken: "(elided: site <boilerplate>)".into(),
        };
        let html = render(text, 0..text.len(), &[], &[elision]);
        assert_eq!(
            html,
            "<span class=\"elided\" title=\"Elided: site &lt;boilerplate&gt;\"><span aria-hidden=\"true\">[…]</span>\
             <span class=\"visually-hidden\">(elided: site &lt;boilerplate&gt;)</span></span> Real text."
        );
    }

    #[test]
    fn only_the_part_inside_the_block_is_rendered() {
        let text = "first line\nsecond line";
        let html = render(text, 11..22, &[h(6..17, "span", 1)], &[]);
        assert!(html.starts_with("<mark class=\"claim v-confirmed depth-0\">second</mark><a"));
        assert!(html.ends_with(" line"));
    }

    #[test]
    fn a_note_follows_the_sentence_that_ends_its_claim() {
        let text = "One claim here, said he. Two. Three";
        let got = segments(text, &[h(4..9, "a", 1), h(25..28, "b", 2)]);
        assert_eq!(
            got,
            vec![
                ("One claim here, said he.".to_string(), vec!["a"]),
                (" Two.".to_string(), vec!["b"]),
                (" Three".to_string(), vec![]),
            ]
        );
    }

    #[test]
    fn a_note_never_cuts_into_another_highlight() {
        // "a" ends inside "b", whose text runs past the first full stop.
        let text = "Aa bb. Cc dd. Ee";
        let got = segments(text, &[h(0..5, "a", 1), h(3..9, "b", 2)]);
        assert_eq!(got, vec![("Aa bb. Cc dd.".to_string(), vec!["a", "b"]), (" Ee".to_string(), vec![])]);
    }

    #[test]
    fn closing_quotes_and_cjk_stops_end_sentences() {
        assert_eq!(sentence_ends("« Il a dit oui. » Puis").collect::<Vec<_>>(), vec!["« Il a dit oui. »".len()]);
        assert_eq!(sentence_ends("“Yes.” No").collect::<Vec<_>>(), vec!["“Yes.”".len()]);
        assert_eq!(sentence_ends("是的。不是").collect::<Vec<_>>(), vec!["是的。".len()]);
        assert_eq!(sentence_ends("3.5 bn, U.S.A. firms").collect::<Vec<_>>(), vec!["3.5 bn, U.S.A.".len()]);
    }

    #[test]
    fn a_claim_without_a_sentence_end_has_its_note_after_the_block() {
        let got = segments("no stop at all", &[h(3..7, "a", 1)]);
        assert_eq!(got, vec![("no stop at all".to_string(), vec!["a"])]);
    }
}
