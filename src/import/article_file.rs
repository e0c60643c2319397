//! Adding claims to an article file without touching what the editor wrote.
//!
//! The new `[[claim]]` tables go, as text, at the end of the front matter,
//! just before its closing `+++`: every byte before and after stays as it
//! was (BOM, line endings, comments, the order of everything), so the
//! change is an insertion and nothing else. Before anything is written the
//! new text is parsed as glose would parse it, and must hold the old claims
//! and the new ones, read back exactly as meant. The file is then replaced
//! atomically (a temporary file beside it, renamed over it), and only if it
//! still holds the bytes that were read: an editor's save in the meantime
//! is never lost.

use super::claim_text::NewClaim;
use super::error::ImportError;
use crate::load::article::ArticleFile;
use crate::load::front_matter;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// An article file, before and after the claims are added.
pub struct Rewrite {
    pub path: PathBuf,
    /// As messages show it (`content/articles/x.md`).
    pub shown: String,
    pub old: Vec<u8>,
    pub new: Vec<u8>,
}

const BOM: &str = "\u{feff}";

/// The file at `path` with `claims` added, checked.
pub fn add_claims(path: &Path, shown: &str, claims: &[NewClaim]) -> Result<Rewrite, ImportError> {
    let refuse = |reason: String| ImportError::NotAppendable { file: shown.to_string(), reason };
    let old = std::fs::read(path).map_err(|e| refuse(e.to_string()))?;
    let text = std::str::from_utf8(&old).map_err(|_| refuse("it is not UTF-8 text".into()))?;
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let parts = front_matter::split(&text[bom..]).map_err(|_| refuse("it has no `+++` front matter".into()))?;
    let before = parse(&text[bom..][parts.front_matter.clone()]).map_err(refuse)?;
    let front = &text[bom..][parts.front_matter.clone()];
    let newline = if front.contains("\r\n") { "\r\n" } else { "\n" };
    let mut added = String::new();
    for claim in claims {
        added.push_str(newline);
        added.push_str(&claim.toml(newline));
    }
    // The closing `+++` starts a line, so the front matter ends with a line
    // break, or is empty.
    let at = bom + parts.front_matter.end;
    let mut new = Vec::with_capacity(old.len() + added.len());
    new.extend_from_slice(&old[..at]);
    new.extend_from_slice(added.as_bytes());
    new.extend_from_slice(&old[at..]);
    check(&new, bom, &before, claims).map_err(refuse)?;
    Ok(Rewrite { path: path.to_path_buf(), shown: shown.to_string(), old, new })
}

fn parse(front_matter: &str) -> Result<ArticleFile, String> {
    toml::from_str(front_matter).map_err(|e| e.message().to_string())
}

/// The new file parses, keeps every old claim and reads the new ones back
/// as they were meant.
fn check(new: &[u8], bom: usize, before: &ArticleFile, claims: &[NewClaim]) -> Result<(), String> {
    let text = std::str::from_utf8(new).map_err(|e| e.to_string())?;
    let parts = front_matter::split(&text[bom..]).map_err(|_| "the front matter would not close".to_string())?;
    let after =
        parse(&text[bom..][parts.front_matter]).map_err(|e| format!("with the new claims it would not parse: {e}"))?;
    let kept = after.claims.len() == before.claims.len() + claims.len()
        && before.claims.iter().zip(&after.claims).all(|(a, b)| a.id.get_ref() == b.id.get_ref());
    if !kept {
        return Err("its claims would not read back in order (are they written as an inline array?)".into());
    }
    for (claim, read) in claims.iter().zip(&after.claims[before.claims.len()..]) {
        let same = read.id.get_ref() == &claim.id
            && read.quote.get_ref() == &claim.quote
            && read.note == claim.note
            && read.prefix.as_ref().map(|p| p.get_ref()) == claim.prefix.as_ref()
            && read.suffix.as_ref().map(|s| s.get_ref()) == claim.suffix.as_ref();
        if !same {
            return Err(format!("claim `{}` would not read back as written", claim.id));
        }
    }
    Ok(())
}

/// Replaces the file with the new text, unless it changed since it was read.
pub fn write(rewrite: &Rewrite) -> Result<(), ImportError> {
    let fail = |reason: String| ImportError::WriteFailed { file: rewrite.shown.clone(), reason };
    let dir = rewrite.path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(e.to_string()))?;
    temp.write_all(&rewrite.new).map_err(|e| fail(e.to_string()))?;
    temp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    if let Ok(metadata) = std::fs::metadata(&rewrite.path) {
        // The new file keeps the old one's permissions.
        temp.as_file().set_permissions(metadata.permissions()).map_err(|e| fail(e.to_string()))?;
    }
    let now = std::fs::read(&rewrite.path).map_err(|e| fail(e.to_string()))?;
    if now != rewrite.old {
        return Err(fail("it changed while glose was importing; run the import again".into()));
    }
    temp.persist(&rewrite.path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}

/// The change as a unified diff, for `--dry-run`.
pub fn diff(rewrite: &Rewrite) -> String {
    let (old, new) = (String::from_utf8_lossy(&rewrite.old), String::from_utf8_lossy(&rewrite.new));
    let mut diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{}", rewrite.shown), &format!("b/{}", rewrite.shown))
        .to_string();
    if !diff.ends_with('\n') {
        diff.push('\n');
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\u{feff}+++\r\nseed = \"s.txt\"\r\ntitle = \"T\"\r\npublished = 2025-01-01\r\npublisher = \"P\"\r\nlang = \"en\"\r\nsummary = \"S\"\r\n\r\n[[claim]]\r\nid = \"old\"   # the editor's comment\r\nquote = \"a\"\r\nkind = \"opinion\"\r\nnote = \"\"\r\n+++\r\nBody.\r\n";

    fn claim(id: &str, note: &str) -> NewClaim {
        NewClaim { id: id.into(), quote: "b".into(), note: note.into(), ..NewClaim::default() }
    }

    #[test]
    fn claims_are_inserted_and_every_old_byte_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, FILE).unwrap();
        let rewrite = add_claims(&path, "x.md", &[claim("new", "two\nlines")]).unwrap();
        let new = String::from_utf8(rewrite.new.clone()).unwrap();
        let at = FILE.find("+++\r\nBody").unwrap();
        assert!(new.starts_with(&FILE[..at]) && new.ends_with(&FILE[at..]), "{new}");
        let inserted = &new[at..new.len() - (FILE.len() - at)];
        assert!(!inserted.replace("\r\n", "").contains('\n'), "the file's CRLF is kept: {inserted:?}");
        write(&rewrite).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), rewrite.new);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, FILE).unwrap();
        let rewrite = add_claims(&path, "x.md", &[claim("new", "")]).unwrap();
        let saved = FILE.replace("Body.", "Body, edited.");
        std::fs::write(&path, &saved).unwrap();
        assert!(matches!(write(&rewrite), Err(ImportError::WriteFailed { .. })));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), saved);
    }

    #[test]
    fn claims_written_inline_are_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        let inline = "+++\nseed = \"s.txt\"\ntitle = \"T\"\npublished = 2025-01-01\npublisher = \"P\"\nlang = \"en\"\nsummary = \"S\"\nclaim = [{ id = \"a\", quote = \"a\", kind = \"opinion\", note = \"\" }]\n+++\n";
        std::fs::write(&path, inline).unwrap();
        assert!(matches!(add_claims(&path, "x.md", &[claim("new", "")]), Err(ImportError::NotAppendable { .. })));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), inline);
    }
}
