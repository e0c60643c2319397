//! A new `[[claim]]` as TOML text, written the way an editor would: the
//! fields in the order docs/content-format.md lists them, what the importer
//! could not decide left for the editor with a comment that says so, and
//! where the annotation came from as a comment above it.

use crate::vocabulary::{self, Kind, Relation, Verdict};

/// A claim to add to an article file.
#[derive(Debug, Clone, Default)]
pub struct NewClaim {
    pub id: String,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// `None`: no tag named one; written as `fact`, marked as a guess.
    pub kind: Option<Kind>,
    pub verdict: Option<Verdict>,
    pub paraphrase: Option<String>,
    pub companies: Vec<String>,
    pub event: Option<String>,
    pub note: String,
    pub sources: Vec<SourceDraft>,
    pub links: Vec<(String, Relation)>,
    /// Comment lines above the claim (where it came from).
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDraft {
    pub publisher: String,
    pub url: String,
    pub title: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked.
    pub date: Option<String>,
    pub excerpt: Option<String>,
}

impl NewClaim {
    /// The claim's lines, each ended by `newline`. Notes spread over lines
    /// only when `newline` is `\n`: a line break inside a TOML string would
    /// otherwise bring the file's `\r` into the note.
    pub fn toml(&self, newline: &str) -> String {
        let mut lines: Vec<String> = self.comments.iter().map(|c| format!("# {}", one_line(c))).collect();
        lines.push("[[claim]]".into());
        lines.push(format!("id = {}", basic_string(&self.id)));
        lines.push(format!("quote = {}", basic_string(&self.quote)));
        lines.extend(self.prefix.as_ref().map(|p| format!("prefix = {}", basic_string(p))));
        lines.extend(self.suffix.as_ref().map(|s| format!("suffix = {}", basic_string(s))));
        lines.push(match self.kind {
            Some(kind) => format!("kind = \"{}\"", kind.label()),
            None => format!(
                "kind = \"fact\"   # glose import: no tag named a kind; check it ({})",
                vocabulary::written::<Kind>(", ")
            ),
        });
        match self.verdict {
            Some(verdict) => lines.push(format!("verdict = \"{}\"", verdict.slug())),
            None if self.kind == Some(Kind::Opinion) => {}
            None => lines.push(format!(
                "# glose import: no tag named a verdict; add `verdict = \"…\"` ({})",
                vocabulary::written::<Verdict>(", ")
            )),
        }
        lines.extend(self.paraphrase.as_ref().map(|p| format!("paraphrase = {}", basic_string(p))));
        if !self.companies.is_empty() {
            let ids: Vec<String> = self.companies.iter().map(|c| basic_string(c)).collect();
            lines.push(format!("companies = [{}]", ids.join(", ")));
        }
        lines.extend(self.event.as_ref().map(|e| format!("event = {}", basic_string(e))));
        lines.push(format!("note = {}", note_string(&self.note, newline == "\n")));
        for source in &self.sources {
            lines.push("[[claim.source]]".into());
            lines.push(format!("publisher = {}", basic_string(&source.publisher)));
            lines.extend(source.title.as_ref().map(|t| format!("title = {}", basic_string(t))));
            lines.push(format!("url = {}", basic_string(&source.url)));
            lines.extend(source.date.as_ref().map(|d| format!("date = {}", basic_string(d))));
            lines.extend(source.excerpt.as_ref().map(|e| format!("excerpt = {}", basic_string(e))));
        }
        for (to, rel) in &self.links {
            lines.push("[[claim.link]]".into());
            lines.push(format!("to = {}", basic_string(to)));
            lines.push(format!("rel = \"{}\"", rel.forward()));
        }
        let mut text = String::new();
        for line in lines {
            text.push_str(&line);
            text.push_str(newline);
        }
        text
    }
}

/// A TOML basic string on one line: every character that TOML or the
/// front matter's `+++` line could misread is escaped.
pub fn basic_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        push_escaped(&mut out, c, false);
    }
    out.push('"');
    out
}

/// A note: on one line when it has none, else a multi-line basic string
/// (when `multiline` allows), so that it reads as the editor would write it.
fn note_string(text: &str, multiline: bool) -> String {
    if !multiline || !text.contains('\n') {
        return basic_string(text);
    }
    let mut out = String::from("\"\"\"\n");
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        for (i, c) in line.chars().enumerate() {
            // A line that reads `+++` would close the front matter.
            if i == 0 && c == '+' && line.trim_end() == "+++" {
                out.push_str("\\u002B");
            } else {
                push_escaped(&mut out, c, true);
            }
        }
    }
    out.push_str("\"\"\"");
    out
}

fn push_escaped(out: &mut String, c: char, keep_newline: bool) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' if keep_newline => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
        c => out.push(c),
    }
}

/// Text for a comment: one line, without control characters.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// An id for a claim quoting `quote`: its first words as a page name, not
/// one of `taken`.
pub fn claim_id(quote: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let words: Vec<&str> = quote.split_whitespace().take(5).collect();
    let mut base = crate::scaffold::slug_for(&words.join(" "));
    base.truncate(40);
    let base = base.trim_end_matches('-').to_string();
    let base = if base.is_empty() || base == "article" { "claim".to_string() } else { base };
    (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|id| !taken(id))
        .expect("some numbered id is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Value {
        v: String,
    }

    fn read_back(toml: &str) -> String {
        toml::from_str::<Value>(&format!("v = {toml}")).unwrap().v
    }

    #[test]
    fn strings_read_back_as_written() {
        for text in ["plain", "l’accord à 10\u{a0}milliards", "a \"quote\" \\ and\ttab", "line\nbreak", "\u{7}bell"]
        {
            assert_eq!(read_back(&basic_string(text)), text);
            assert_eq!(read_back(&note_string(text, true)), text);
        }
    }

    #[test]
    fn a_note_line_reading_plus_plus_plus_cannot_close_the_front_matter() {
        let note = "Before\n+++\nafter \"\"\" end\"";
        let written = note_string(note, true);
        assert!(written.lines().all(|l| l.trim_end() != "+++"), "{written}");
        assert_eq!(read_back(&written), note);
    }

    #[test]
    fn ids_come_from_the_first_words_and_never_clash() {
        let taken = |id: &str| id == "anthropic-will-have-access-to";
        assert_eq!(
            claim_id("Anthropic will have access to up to one million TPUs", &taken),
            "anthropic-will-have-access-to-2"
        );
        assert_eq!(claim_id("« ! »", &|_| false), "claim");
    }

    #[test]
    fn a_claim_without_tags_is_marked_for_the_editor() {
        let claim = NewClaim { id: "x".into(), quote: "q".into(), note: "n".into(), ..NewClaim::default() };
        let text = claim.toml("\n");
        assert!(text.contains("kind = \"fact\"   # glose import: no tag named a kind"), "{text}");
        assert!(text.contains("# glose import: no tag named a verdict"), "{text}");
    }
}
