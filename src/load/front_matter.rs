//! Splits an article file into its TOML front matter and Markdown body,
//! keeping the byte offset of each so TOML errors point at the right line of
//! the file, not of the snippet (the mistake of zola#1133).

use std::ops::Range;

/// Where the two parts of an article file lie.
#[derive(Debug, PartialEq, Eq)]
pub struct Parts {
    pub front_matter: Range<usize>,
    pub body: Range<usize>,
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `+++`.
    NoOpening,
    /// No line `+++` closes the front matter opened on line 1.
    NoClosing,
}

/// Finds the `+++` lines. The delimiter must be a whole line (trailing
/// spaces and `\r` tolerated), so `+++` inside a TOML string does not end it.
pub fn split(text: &str) -> Result<Parts, SplitError> {
    let mut lines = line_ranges(text);
    let first = lines.next().ok_or(SplitError::NoOpening)?;
    if !is_delimiter(&text[first.clone()]) {
        return Err(SplitError::NoOpening);
    }
    let start = next_line_start(text, first.end);
    for line in lines {
        if is_delimiter(&text[line.clone()]) {
            return Ok(Parts { front_matter: start..line.start, body: next_line_start(text, line.end)..text.len() });
        }
    }
    Err(SplitError::NoClosing)
}

/// The parts as best they can be told despite `error`, so that the rest of
/// the file can still be read: without an opening line, everything up to
/// the first `+++` line (or the whole file) is front matter, but for a
/// first line that is a misspelt delimiter (`++`, `---`); without a
/// closing line, everything after the opening one is.
pub fn guess(text: &str, error: &SplitError) -> Parts {
    let whole = |start: usize| Parts { front_matter: start..text.len(), body: text.len()..text.len() };
    let first = line_ranges(text).next().unwrap_or(0..0);
    let after_first = next_line_start(text, first.end);
    match error {
        SplitError::NoOpening => {
            let misspelt = !text[first.clone()].trim().is_empty()
                && text[first].trim().chars().all(|c| matches!(c, '+' | '-' | '='));
            let start = if misspelt { after_first } else { 0 };
            match line_ranges(text).skip(1).find(|line| is_delimiter(&text[line.clone()])) {
                Some(line) => {
                    Parts { front_matter: start..line.start, body: next_line_start(text, line.end)..text.len() }
                }
                None => whole(start),
            }
        }
        SplitError::NoClosing => whole(after_first),
    }
}

fn is_delimiter(line: &str) -> bool {
    line.trim_end() == "+++"
}

fn next_line_start(text: &str, line_end: usize) -> usize {
    if line_end < text.len() { line_end + 1 } else { line_end }
}

/// Byte ranges of each line, without the `\n`.
fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let range = start..end;
        start = end + 1;
        Some(range)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_offsets() {
        let text = "+++\na = 1\n+++\nBody\n";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.front_matter], "a = 1\n");
        assert_eq!(&text[parts.body], "Body\n");
    }

    #[test]
    fn tolerates_crlf() {
        let text = "+++\r\na = 1\r\n+++\r\nBody";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.front_matter], "a = 1\r\n");
        assert_eq!(&text[parts.body], "Body");
    }

    #[test]
    fn plus_signs_inside_a_line_do_not_close() {
        let text = "+++\nnote = \"+++ not a delimiter\"\n+++\n";
        let parts = split(text).unwrap();
        assert_eq!(&text[parts.front_matter], "note = \"+++ not a delimiter\"\n");
        assert_eq!(parts.body, text.len()..text.len());
    }

    #[test]
    fn guesses_the_parts_without_a_delimiter() {
        let text = "++\na = 1\n+++\nBody\n";
        let parts = guess(text, &split(text).unwrap_err());
        assert_eq!((&text[parts.front_matter], &text[parts.body]), ("a = 1\n", "Body\n"));
        let text = "a = 1\n+++\nBody\n";
        let parts = guess(text, &split(text).unwrap_err());
        assert_eq!((&text[parts.front_matter], &text[parts.body]), ("a = 1\n", "Body\n"));
        let text = "+++\na = 1\nBody\n";
        let parts = guess(text, &split(text).unwrap_err());
        assert_eq!((&text[parts.front_matter], &text[parts.body]), ("a = 1\nBody\n", ""));
    }

    #[test]
    fn reports_missing_delimiters() {
        assert_eq!(split("title = 1\n"), Err(SplitError::NoOpening));
        assert_eq!(split("+++\ntitle = 1\n"), Err(SplitError::NoClosing));
        assert_eq!(split(""), Err(SplitError::NoOpening));
    }
}
