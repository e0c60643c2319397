//! Markdown for notes, summaries and event texts: pulldown-cmark, passed
//! through small event adapters. Raw HTML is shown as text, links go only to
//! web addresses, headings are demoted so they never break the page's
//! outline, and fenced code is highlighted with classes.

use super::highlight::highlight;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Where Markdown lands: inside a note (no headings) or in a page section
/// whose own heading is an `<h2>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    Note,
    Section,
}

pub fn render_markdown(text: &str, placement: Placement) -> String {
    let parser = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    let events = highlight_code(parser.map(escape_raw_html).map(|e| demote_heading(e, placement)));
    let events = drop_unsafe_links(events);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// The words a reader sees in `text`, without markup or link addresses,
/// for the search index. Raw HTML counts as text, as it is shown as such.
pub fn markdown_words(text: &str) -> String {
    plain_text(text, false)
}

/// The first sentence of a note, as plain text: what a list of claims or a
/// folded note shows of it.
pub fn first_sentence(text: &str) -> String {
    let plain = plain_text(text, true);
    let end = super::seed_text::sentence_ends(&plain).next().unwrap_or(plain.len());
    plain[..end].trim().to_string()
}

/// The text of `text`'s Markdown, every block of it or only the first.
fn plain_text(text: &str, first_block: bool) -> String {
    let mut plain = String::new();
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak => plain.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock)
                if first_block && !plain.trim().is_empty() =>
            {
                break;
            }
            Event::End(_) if !first_block => plain.push(' '),
            _ => {}
        }
    }
    plain
}

/// Raw HTML in untrusted text is shown, not run.
fn escape_raw_html(event: Event) -> Event {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    }
}

/// In a note, a heading becomes a bold paragraph; in a section, it starts
/// at `<h3>`.
fn demote_heading(event: Event, placement: Placement) -> Event {
    let demoted = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    match (event, placement) {
        (Event::Start(Tag::Heading { .. }), Placement::Note) => Event::Html("<p><strong>".into()),
        (Event::End(TagEnd::Heading(_)), Placement::Note) => Event::Html("</strong></p>".into()),
        (Event::Start(Tag::Heading { level, id, classes, attrs }), Placement::Section) => {
            Event::Start(Tag::Heading { level: demoted(level), id, classes, attrs })
        }
        (Event::End(TagEnd::Heading(level)), Placement::Section) => Event::End(TagEnd::Heading(demoted(level))),
        (other, _) => other,
    }
}

/// Collects each fenced code block's text and emits it highlighted.
fn highlight_code<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in events {
        match (&mut code, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let language = match kind {
                    CodeBlockKind::Fenced(lang) => lang.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some((language, text)), Event::End(TagEnd::CodeBlock)) => {
                let class = super::links::css_word(language);
                let body = highlight(text, language);
                out.push(Event::Html(CowStr::from(format!(
                    "<pre class=\"code language-{class}\"><code>{body}</code></pre>\n"
                ))));
                code = None;
            }
            (Some(_), _) => {}
            (None, other) => out.push(other),
        }
    }
    out
}

/// Links whose address is not http(s), mailto or a plain fragment keep their
/// text but lose the link (`javascript:` and friends never reach an href).
fn drop_unsafe_links(events: Vec<Event>) -> Vec<Event> {
    let mut open_unsafe = Vec::new();
    events
        .into_iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let unsafe_link = !is_safe_href(dest_url);
                open_unsafe.push(unsafe_link);
                (!unsafe_link).then_some(event)
            }
            Event::End(TagEnd::Link) => (!open_unsafe.pop().unwrap_or(false)).then_some(event),
            Event::Start(Tag::Image { dest_url, title, id, .. }) => {
                open_unsafe.push(false);
                let safe = is_safe_href(&dest_url);
                Some(Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Inline,
                    dest_url: if safe { dest_url } else { "#".into() },
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => {
                open_unsafe.pop();
                Some(Event::End(TagEnd::Link))
            }
            other => Some(other),
        })
        .collect()
}

fn is_safe_href(url: &str) -> bool {
    crate::resolve::is_web_url(url) || url.starts_with("mailto:") || url.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_leave_markup_and_addresses_out() {
        let words = markdown_words("See [the *wire*](https://example.org/x).\n\n# Note\n`code`");
        assert_eq!(words.split_whitespace().collect::<Vec<_>>(), ["See", "the", "wire", ".", "Note", "code"]);
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render_markdown("a <script>alert(1)</script> b\n\n<div onclick=x>", Placement::Note);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn javascript_links_keep_text_but_lose_href() {
        let html = render_markdown("[click](javascript:alert(1)) and [ok](https://example.org)", Placement::Note);
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("click"));
        assert!(html.contains("<a href=\"https://example.org\">ok</a>"));
    }

    #[test]
    fn headings_never_break_the_outline() {
        assert_eq!(render_markdown("# Title", Placement::Note), "<p><strong>Title</strong></p>");
        assert_eq!(render_markdown("# Title", Placement::Section), "<h3>Title</h3>\n");
    }

    #[test]
    fn first_sentence_is_plain_text() {
        assert_eq!(first_sentence("Right: *Engadget* says `so`. More here."), "Right: Engadget says so.");
        assert_eq!(first_sentence("# Head\n\nBody."), "Head");
        assert_eq!(first_sentence("No stop\nat all"), "No stop at all");
        assert_eq!(first_sentence("<b>raw</b> stays text. Then"), "<b>raw</b> stays text.");
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        let html = render_markdown("```toml\nverdict = \"false\"\n```", Placement::Note);
        assert!(html.starts_with("<pre class=\"code language-toml\"><code>"), "{html}");
        assert!(!html.contains("style="));
    }
}
