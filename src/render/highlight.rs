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

/// What a run of source text is, for the annotation source pages. Each kind
/// is written as the shortest element that says it (`<b>` a key, `<i>` a
/// string): a class per token and spans around punctuation made these pages
/// five times their input, and punctuation gains nothing from colour.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Token {
    /// A TOML key.
    Key,
    /// A TOML string.
    Text,
    /// A number, date or boolean, or an escape inside a string.
    Value,
    Comment,
    /// A TOML table header, `[[claim.source]]`, brackets and all.
    Table,
    /// A Markdown heading or strong emphasis.
    Strong,
    Emphasis,
    Code,
    Link,
}

impl Token {
    fn tags(self) -> (&'static str, &'static str) {
        match self {
            Token::Key => ("<b>", "</b>"),
            Token::Text => ("<i>", "</i>"),
            Token::Value => ("<span class=n>", "</span>"),
            Token::Comment => ("<span class=c>", "</span>"),
            Token::Table | Token::Strong => ("<strong>", "</strong>"),
            Token::Emphasis => ("<em>", "</em>"),
            Token::Code => ("<code>", "</code>"),
            Token::Link => ("<span class=l>", "</span>"),
        }
    }
}

/// A TOML file highlighted for the annotation source pages, one HTML string
/// per line, in the elements of [`Token`] (styled in glose.css). It uses the
/// TOML crate's own parser (toml_parser) rather than syntect's grammar: that
/// tells keys from values exactly, and is some thirty times faster, which
/// matters with a source page per article.
pub fn highlight_toml_lines(code: &str) -> Vec<String> {
    use toml_parser::decoder::Encoding;
    use toml_parser::parser::{EventKind, parse_document};
    let tokens = toml_parser::Source::new(code).lex().into_vec();
    let mut events: Vec<toml_parser::parser::Event> = Vec::new();
    parse_document(&tokens, &mut events, &mut ());
    let mut lines = LineSplitter::default();
    let mut at = 0;
    let mut in_header = false;
    for event in &events {
        let span = event.span();
        if span.start() < at || span.end() > code.len() {
            continue;
        }
        lines.push(&code[at..span.start()], in_header.then_some(Token::Table));
        let text = &code[span.start()..span.end()];
        let token = match event.kind() {
            EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                in_header = true;
                Some(Token::Table)
            }
            EventKind::StdTableClose | EventKind::ArrayTableClose => {
                in_header = false;
                Some(Token::Table)
            }
            _ if in_header => Some(Token::Table),
            EventKind::SimpleKey => Some(Token::Key),
            EventKind::Scalar if matches!(event.encoding(), Some(Encoding::BasicString | Encoding::MlBasicString)) => {
                push_basic_string(&mut lines, text);
                at = span.end();
                continue;
            }
            EventKind::Scalar if event.encoding().is_some() => Some(Token::Text),
            EventKind::Scalar => Some(Token::Value),
            EventKind::Comment => Some(Token::Comment),
            _ => None,
        };
        lines.push(text, token);
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
        lines.push(&text[plain..at], Some(Token::Text));
        lines.push(&text[at..end], Some(Token::Value));
        plain = end;
        for _ in 2..length {
            chars.next();
        }
    }
    lines.push(&text[plain..], Some(Token::Text));
}

/// A Markdown text highlighted for the annotation source pages, one HTML
/// string per line, in the elements of [`Token`]: headings, links,
/// emphasis and code as pulldown-cmark parses them (the same parser that
/// renders the summary), rather than syntect's slower Markdown grammar.
pub fn highlight_markdown_lines(code: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag};
    // One token per byte; an element painted later (an inner one) wins.
    let mut tokens: Vec<Option<Token>> = vec![None; code.len()];
    for (event, range) in Parser::new(code).into_offset_iter() {
        let token = match event {
            Event::Start(Tag::Heading { .. } | Tag::Strong) => Some(Token::Strong),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => Some(Token::Link),
            Event::Start(Tag::Emphasis) => Some(Token::Emphasis),
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => Some(Token::Code),
            _ => None,
        };
        if let Some(token) = token {
            tokens[range.start.min(code.len())..range.end.min(code.len())].fill(Some(token));
        }
    }
    let mut lines = LineSplitter::default();
    let mut start = 0;
    for at in 1..=code.len() {
        if at == code.len() || (tokens[at] != tokens[start] && code.is_char_boundary(at)) {
            lines.push(&code[start..at], tokens[start]);
            start = at;
        }
    }
    lines.finish()
}

/// Lines of HTML built from runs of text that may span lines (a
/// multi-line string), each line closing its own element.
#[derive(Default)]
struct LineSplitter {
    done: Vec<String>,
    line: LineHtml,
}

impl LineSplitter {
    fn push(&mut self, text: &str, token: Option<Token>) {
        let mut pieces = text.split('\n');
        if let Some(first) = pieces.next() {
            self.line.push(first.trim_end_matches('\r'), token);
        }
        for piece in pieces {
            let line = std::mem::take(&mut self.line);
            self.done.push(line.finish());
            self.line.push(piece.trim_end_matches('\r'), token);
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

/// One line's HTML, with runs of the same token merged into one element.
#[derive(Default)]
struct LineHtml {
    html: String,
    open: Option<Token>,
}

impl LineHtml {
    fn push(&mut self, text: &str, token: Option<Token>) {
        if text.is_empty() {
            return;
        }
        if token != self.open {
            self.close();
            if let Some(token) = token {
                self.html.push_str(token.tags().0);
            }
            self.open = token;
        }
        super::seed_text::escape_text_into(&mut self.html, text);
    }

    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            self.html.push_str(open.tags().1);
        }
    }

    fn finish(mut self) -> String {
        self.close();
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
    fn toml_lines_mark_keys_strings_and_headers_but_not_punctuation() {
        let lines = highlight_toml_lines("[[claim.source]]\nid = \"a\\n<b>\" # why\nn = 3\n");
        assert_eq!(lines[0], "<strong>[[claim.source]]</strong>");
        assert_eq!(
            lines[1],
            "<b>id</b> = <i>\"a</i><span class=n>\\n</span><i>&lt;b&gt;\"</i> <span class=c># why</span>"
        );
        assert_eq!(lines[2], "<b>n</b> = <span class=n>3</span>");
    }

    #[test]
    fn toml_lines_keep_untrusted_text_text() {
        let lines = highlight_toml_lines("q = '</i><script>&amp;'\n");
        assert_eq!(lines[0], "<b>q</b> = <i>'&lt;/i&gt;&lt;script&gt;&amp;amp;'</i>");
    }

    #[test]
    fn a_multi_line_string_closes_and_reopens_on_each_line() {
        let lines = highlight_toml_lines("note = \"\"\"\none\ntwo\"\"\"\n");
        assert_eq!(lines, ["<b>note</b> = <i>\"\"\"</i>", "<i>one</i>", "<i>two\"\"\"</i>"]);
    }

    #[test]
    fn markdown_lines_mark_headings_emphasis_links_and_code() {
        let lines = highlight_markdown_lines("# Title\n\nSome *x* and **y**, [a](b) `c`\n");
        assert_eq!(lines[0], "<strong># Title</strong>");
        assert_eq!(
            lines[2],
            "Some <em>*x*</em> and <strong>**y**</strong>, <span class=l>[a](b)</span> <code>`c`</code>"
        );
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = highlight("<x>\n", "no-such-language");
        assert!(html.contains("&lt;x&gt;") && !html.contains("<x>"), "{html}");
    }
}
