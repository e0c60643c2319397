//! Code highlighting: fenced code in notes with syntect writing CSS classes,
//! and the annotation source pages with the TOML and Markdown parsers;
//! always classes, never inline styles; and the stylesheet for them.

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// syntect's own syntaxes lack TOML, so the set is bat's maintained
/// collection (two-face), a superset of them.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// `code` as HTML spans with `hl-` classes; plain escaped text when the
/// language is unknown.
pub fn highlight(code: &str, language: &str) -> String {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(language).unwrap_or_else(|| set.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            let mut plain = String::new();
            super::seed_text::escape_into(&mut plain, code);
            return plain;
        }
    }
    generator.finalize()
}

/// A TOML file highlighted for the annotation source pages, one HTML string
/// per line. Tokens get one-letter classes (`k` key, `s` string, `n` number,
/// date or escape, `c` comment, `p` punctuation; and for Markdown `h`
/// heading, `l` link, `b` bold, `i` italic), styled in glose.css: syntect's
/// own class output names every scope of the stack and made these pages
/// five times larger. It uses the TOML crate's
/// own parser (toml_parser) rather than syntect's grammar: that tells keys
/// from values exactly, and is some thirty times faster, which matters with
/// a source page per article.
pub fn highlight_toml_lines(code: &str) -> Vec<String> {
    use toml_parser::decoder::Encoding;
    use toml_parser::parser::{EventKind, parse_document};
    let tokens = toml_parser::Source::new(code).lex().into_vec();
    let mut events: Vec<toml_parser::parser::Event> = Vec::new();
    parse_document(&tokens, &mut events, &mut ());
    let mut lines = LineSplitter::default();
    let mut at = 0;
    for event in &events {
        let span = event.span();
        if span.start() < at || span.end() > code.len() {
            continue;
        }
        lines.push(&code[at..span.start()], None);
        let text = &code[span.start()..span.end()];
        let class = match event.kind() {
            EventKind::SimpleKey => Some("k"),
            EventKind::Scalar if matches!(event.encoding(), Some(Encoding::BasicString | Encoding::MlBasicString)) => {
                push_basic_string(&mut lines, text);
                at = span.end();
                continue;
            }
            EventKind::Scalar if event.encoding().is_some() => Some("s"),
            EventKind::Scalar => Some("n"),
            EventKind::Comment => Some("c"),
            EventKind::Whitespace | EventKind::Newline | EventKind::Error => None,
            _ => Some("p"),
        };
        lines.push(text, class);
        at = span.end();
    }
    lines.push(&code[at..], None);
    lines.finish()
}

/// A basic string with its escapes (`\u00A0`, `\n`) set apart, so that an
/// invisible character written as an escape stands out.
fn push_basic_string(lines: &mut LineSplitter, text: &str) {
    let mut plain = 0;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let length = match chars.next() {
            Some((_, 'u')) => 6,
            Some((_, 'U')) => 10,
            Some(_) => 2,
            None => 1,
        };
        let end = (at + length).min(text.len());
        if !text.is_char_boundary(end) {
            continue;
        }
        lines.push(&text[plain..at], Some("s"));
        lines.push(&text[at..end], Some("n"));
        plain = end;
        for _ in 2..length {
            chars.next();
        }
    }
    lines.push(&text[plain..], Some("s"));
}

/// A Markdown text highlighted for the annotation source pages, one HTML
/// string per line, in the classes of [`highlight_toml_lines`]: headings, links,
/// emphasis and code as pulldown-cmark parses them (the same parser that
/// renders the summary), rather than syntect's slower Markdown grammar.
pub fn highlight_markdown_lines(code: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    // One class per byte; an element painted later (an inner one) wins.
    let mut classes: Vec<Option<&'static str>> = vec![None; code.len()];
    for (event, range) in Parser::new(code).into_offset_iter() {
        let class = match event {
            Event::Start(Tag::Heading { .. }) => Some("h"),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => Some("l"),
            Event::Start(Tag::Strong) => Some("b"),
            Event::Start(Tag::Emphasis) => Some("i"),
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => Some("s"),
            _ => None,
        };
        if let Some(class) = class {
            classes[range.start.min(code.len())..range.end.min(code.len())].fill(Some(class));
        }
    }
    let mut lines = LineSplitter::default();
    let mut start = 0;
    for at in 1..=code.len() {
        if at == code.len() || (classes[at] != classes[start] && code.is_char_boundary(at)) {
            lines.push(&code[start..at], classes[start]);
            start = at;
        }
    }
    lines.finish()
}

/// Lines of HTML built from classed runs of text that may span lines (a
/// multi-line string), each line closing its own spans.
#[derive(Default)]
struct LineSplitter {
    done: Vec<String>,
    line: LineHtml,
}

impl LineSplitter {
    fn push(&mut self, text: &str, class: Option<&'static str>) {
        let mut pieces = text.split('\n');
        if let Some(first) = pieces.next() {
            self.line.push(first.trim_end_matches('\r'), class);
        }
        for piece in pieces {
            let line = std::mem::take(&mut self.line);
            self.done.push(line.finish());
            self.line.push(piece.trim_end_matches('\r'), class);
        }
    }

    /// The lines, without an empty one after a final newline (as
    /// `str::lines` counts them).
    fn finish(mut self) -> Vec<String> {
        if !self.line.html.is_empty() {
            self.done.push(self.line.finish());
        }
        self.done
    }
}

/// One line's HTML, with runs of the same class merged into one span.
#[derive(Default)]
struct LineHtml {
    html: String,
    open: Option<&'static str>,
}

impl LineHtml {
    fn push(&mut self, text: &str, class: Option<&'static str>) {
        if text.is_empty() {
            return;
        }
        if class != self.open {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            if let Some(class) = class {
                self.html.push_str("<span class=\"");
                self.html.push_str(class);
                self.html.push_str("\">");
            }
            self.open = class;
        }
        super::seed_text::escape_into(&mut self.html, text);
    }

    fn finish(mut self) -> String {
        if self.open.is_some() {
            self.html.push_str("</span>");
        }
        self.html
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one for
/// readers who prefer it.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], CLASS_STYLE).unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], CLASS_STYLE).unwrap_or_default();
    format!(
        "/* Generated by glose from syntect's themes. */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_classes_not_inline_styles() {
        let html = highlight("let x = \"<b>\";\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
        assert!(html.contains("&lt;b&gt;"));
    }

    #[test]
    fn toml_is_highlighted() {
        let html = highlight("verdict = \"false\"\n", "toml");
        assert!(html.contains("hl-string"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = highlight("<x>\n", "no-such-language");
        assert!(html.contains("&lt;x&gt;") && !html.contains("<x>"), "{html}");
    }
}
