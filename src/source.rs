//! Source files and byte spans.
//!
//! Every position glose reports is a byte [`Span`] into a [`SourceFile`]; it is
//! turned into line and column only when a diagnostic is printed. Every file
//! is read with a UTF-8 BOM stripped and CRLF turned into LF (see
//! `load::normalize_text`), so spans refer to that text; lines and columns
//! are the same as in the file on disk. [`LineIndex`] still counts `\r\n` as
//! one line break, for texts that did not come through `load`.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub usize);

/// A byte range in one source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub source: SourceId,
    pub bytes: Range<usize>,
}

impl Span {
    pub fn new(source: SourceId, bytes: Range<usize>) -> Self {
        Span { source, bytes }
    }
}

/// One file that glose read, with the path it is shown under (relative to the
/// digest root, `/`-separated so messages look the same on every system).
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub full_path: PathBuf,
    pub text: String,
    pub lines: LineIndex,
}

/// Every file read during a run; diagnostics refer to them by [`SourceId`].
/// The files a run read. Shared, not copied: `serve` keeps one between
/// edits and hands a copy of the list to each report.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<Arc<SourceFile>>,
}

impl SourceMap {
    pub fn add(&mut self, path: String, full_path: PathBuf, text: String) -> SourceId {
        let lines = LineIndex::new(&text);
        self.files.push(Arc::new(SourceFile { path, full_path, text, lines }));
        SourceId(self.files.len() - 1)
    }

    /// Gives file `id` new text (it was edited), keeping its id.
    pub fn replace(&mut self, id: SourceId, text: String) {
        let old = &self.files[id.0];
        let lines = LineIndex::new(&text);
        self.files[id.0] =
            Arc::new(SourceFile { path: old.path.clone(), full_path: old.full_path.clone(), text, lines });
    }

    /// The file itself, shared: it stays the same allocation until replaced,
    /// which is how `serve` tells an unchanged file without comparing text.
    pub fn shared(&self, id: SourceId) -> &Arc<SourceFile> {
        &self.files[id.0]
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter().map(|f| &**f)
    }

    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0]
    }

    /// A span covering the whole of a file's first line (for problems that
    /// belong to the file rather than to a place in it).
    pub fn file_span(&self, id: SourceId) -> Span {
        let text = &self.get(id).text;
        let end = text.find(['\r', '\n']).unwrap_or(text.len());
        Span::new(id, 0..end)
    }
}

/// Byte offset → 1-based line and column (columns count characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column of `offset`; a `\r` before a `\n` belongs to
    /// the line break, so it never shifts a column.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text[start..floor_char_boundary(text, offset)].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte range of line `line` (1-based), without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).map_or(text.len(), |&n| n - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }
}

pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nété x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), (2, 5));
    }

    #[test]
    fn crlf_counts_as_one_break() {
        let text = "a\r\nbc\r\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, text.find('c').unwrap()), (2, 2));
        assert_eq!(&text[index.line_range(text, 2)], "bc");
        assert_eq!(&text[index.line_range(text, 3)], "d");
    }
}
