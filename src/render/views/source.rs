//! The read-only page of an article's annotation file: highlighted with
//! the TOML parser (the front matter) and pulldown-cmark (the Markdown summary), numbered,
//! with each claim's block anchored so the article page can link to it.

use super::{Frame, frame};
use crate::model::{ArticleIdx, Digest};
use crate::render::catalogue::Catalogue;
use crate::render::highlight::{highlight_markdown_lines, highlight_toml_lines};
use crate::render::links;
use serde::Serialize;

#[derive(Serialize)]
pub struct SourcePage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub title: &'a str,
    pub lang: &'a str,
    pub dir: &'static str,
    pub file: &'a str,
    pub article_href: String,
    pub edit_url: Option<String>,
    pub segments: Vec<Segment>,
}

/// A run of lines: one claim's block, or the lines between blocks.
#[derive(Serialize)]
pub struct Segment {
    pub claim: Option<String>,
    pub lines: Vec<Line>,
}

#[derive(Serialize)]
pub struct Line {
    pub number: usize,
    pub html: String,
}

pub fn source_page<'a>(digest: &'a Digest, words: &Catalogue, idx: ArticleIdx) -> SourcePage<'a> {
    let article = &digest.articles[idx];
    let page = links::source(&article.slug);
    let html = highlighted(&article.annotation);
    let starts = claim_starts(digest, idx);
    let texts: Vec<&str> = article.annotation.lines().collect();
    let mut segments: Vec<Segment> = Vec::new();
    for (i, html) in html.into_iter().enumerate() {
        let number = i + 1;
        let text = texts.get(i).map_or("", |t| t.trim());
        let claim = starts.iter().find(|(line, _)| *line == number).map(|(_, id)| id.clone());
        // A claim's block runs from its `[[claim]]` line to the next table
        // that is not one of its own (`[[claim.source]]`, `[[claim.link]]`).
        let ends_block = text.starts_with('[') && !text.starts_with("[[claim.") || text == "+++";
        if claim.is_some() || segments.is_empty() || (ends_block && segments.last().is_some_and(|s| s.claim.is_some()))
        {
            segments.push(Segment { claim, lines: Vec::new() });
        }
        if let Some(segment) = segments.last_mut() {
            segment.lines.push(Line { number, html });
        }
    }
    SourcePage {
        frame: frame(digest, words, &page, words.fill("title.source", &[("title", &article.title)]), ""),
        title: &article.title,
        lang: &article.lang,
        dir: crate::script::direction(&article.lang),
        file: &article.file,
        article_href: links::href(&page, &links::article(&article.slug)),
        edit_url: edit_url(digest, idx, None),
        segments,
    }
}

/// The line of each claim's `[[claim]]` header, with the claim's id.
pub fn claim_starts(digest: &Digest, idx: ArticleIdx) -> Vec<(usize, String)> {
    let lines: Vec<&str> = digest.articles[idx].annotation.lines().collect();
    digest
        .claims_of(idx)
        .iter()
        .map(|claim| {
            let header = (1..=claim.line.min(lines.len())).rev().find(|&n| lines[n - 1].trim() == "[[claim]]");
            (header.unwrap_or(claim.line), claim.id.clone())
        })
        .collect()
}

/// The repository's edit page for the article's file, at `line` if given.
pub fn edit_url(digest: &Digest, idx: ArticleIdx, line: Option<usize>) -> Option<String> {
    let (repo, branch) = digest.site.repo.as_ref()?;
    let anchor = line.map(|l| format!("#L{l}")).unwrap_or_default();
    Some(format!("{repo}/edit/{branch}/{}{anchor}", digest.articles[idx].file))
}

/// The file highlighted line by line: `+++` lines as they are, the front
/// matter as TOML, the body as Markdown.
fn highlighted(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let delimiters: Vec<usize> =
        lines.iter().enumerate().filter(|(_, l)| l.trim_end() == "+++").map(|(i, _)| i).take(2).collect();
    let (Some(&open), Some(&close)) = (delimiters.first(), delimiters.get(1)) else {
        return highlight_markdown_lines(text);
    };
    let part = |from: usize, to: usize, language: &str| -> Vec<String> {
        if from >= to {
            return Vec::new();
        }
        let mut chunk = lines[from..to].join("\n");
        chunk.push('\n');
        let highlighted = match language {
            "toml" => highlight_toml_lines(&chunk),
            "md" => highlight_markdown_lines(&chunk),
            _ => chunk.lines().map(plain).collect(),
        };
        highlighted.into_iter().take(to - from).collect()
    };
    let mut out = part(0, open + 1, "txt");
    out.extend(part(open + 1, close, "toml"));
    out.extend(part(close, close + 1, "txt"));
    out.extend(part(close + 1, lines.len(), "md"));
    out
}

fn plain(line: &str) -> String {
    let mut html = String::with_capacity(line.len());
    crate::render::seed_text::escape_text_into(&mut html, line);
    html
}
