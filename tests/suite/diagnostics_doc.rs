//! docs/diagnostics.md documents every diagnostic code glose can print, and
//! nothing else: a code added to src/ without a `### `code`` section, or a
//! section left behind after a code was removed or renamed, fails here.
//!
//! Codes are found in the source as written: the string literal passed to
//! `Diagnostic::error(` or `Diagnostic::warning(`, and the `("code", ` tuples
//! of `toml_diagnostic` in src/load/error.rs (which passes its code on as a
//! variable). Unit-test modules (`#[cfg(test)]`, at the end of a file) are
//! not scanned.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A file's text up to its unit tests.
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

fn is_code(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The string literal at the start of `text` (after blanks), if any.
fn leading_literal(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('"')?;
    rest.find('"').map(|end| &rest[..end])
}

/// (code, where) for every `Diagnostic::error("…"` and
/// `Diagnostic::warning("…"` in `text`; a first argument that is not a
/// literal is returned as `Err` with what follows the parenthesis.
fn constructor_codes(text: &str) -> Vec<Result<String, String>> {
    let mut found = Vec::new();
    for call in ["Diagnostic::error(", "Diagnostic::warning("] {
        for (at, _) in text.match_indices(call) {
            let after = &text[at + call.len()..];
            match leading_literal(after) {
                Some(code) => found.push(Ok(code.to_string())),
                None => found.push(Err(after.chars().take(40).collect())),
            }
        }
    }
    found
}

/// The `("code", ` tuples in the body of `fn toml_diagnostic`.
fn toml_codes(error_rs: &str) -> BTreeSet<String> {
    let start = error_rs.find("fn toml_diagnostic").expect("src/load/error.rs has fn toml_diagnostic");
    let body = &error_rs[start..];
    let body = &body[..body.find("\n}\n").unwrap_or(body.len())];
    body.match_indices("(\"")
        .filter_map(|(at, _)| {
            let rest = &body[at + 2..];
            let end = rest.find('"')?;
            let code = &rest[..end];
            (rest[end + 1..].starts_with(", ") && is_code(code)).then(|| code.to_string())
        })
        .collect()
}

/// Every code the source can print.
fn source_codes() -> BTreeSet<String> {
    let root = manifest_dir();
    let mut codes = BTreeSet::new();
    let mut not_literal = Vec::new();
    for path in rust_files(&root.join("src")) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let relative = path.strip_prefix(&root).unwrap_or(&path).display().to_string().replace('\\', "/");
        for found in constructor_codes(without_tests(&text)) {
            match found {
                Ok(code) => {
                    assert!(is_code(&code), "{relative}: `{code}` is not a kebab-case diagnostic code");
                    codes.insert(code);
                }
                // The two places that pass a code on rather than name one.
                Err(_) if relative == "src/diagnostic.rs" || relative == "src/load/error.rs" => {}
                Err(args) => not_literal.push(format!("{relative}: Diagnostic::…({args}")),
            }
        }
    }
    assert!(
        not_literal.is_empty(),
        "these diagnostics take their code from a variable, so this test cannot see it; \
         pass the code as a string literal:\n  {}",
        not_literal.join("\n  ")
    );
    let error_rs = std::fs::read_to_string(root.join("src/load/error.rs")).expect("read src/load/error.rs");
    let toml = toml_codes(&error_rs);
    assert!(!toml.is_empty(), "found no (\"code\", …) tuples in toml_diagnostic: has src/load/error.rs changed shape?");
    codes.extend(toml);
    codes
}

/// The codes docs/diagnostics.md has a `### `code`` heading for, and any
/// heading that appears twice.
fn documented_codes() -> (BTreeSet<String>, Vec<String>) {
    let doc = std::fs::read_to_string(manifest_dir().join("docs/diagnostics.md")).expect("read docs/diagnostics.md");
    let mut codes = BTreeSet::new();
    let mut twice = Vec::new();
    for line in doc.lines() {
        let Some(heading) = line.strip_prefix("### `").and_then(|rest| rest.trim_end().strip_suffix('`')) else {
            continue;
        };
        if is_code(heading) && !codes.insert(heading.to_string()) {
            twice.push(heading.to_string());
        }
    }
    (codes, twice)
}

#[test]
fn every_diagnostic_code_is_documented_and_every_documented_code_exists() {
    let in_source = source_codes();
    let (in_doc, twice) = documented_codes();
    // Guards against a scan that silently finds nothing.
    assert!(
        in_source.contains("quote-not-found") && in_source.contains("unknown-field"),
        "the scan of src/ missed known codes: {in_source:?}"
    );

    let undocumented: Vec<_> = in_source.difference(&in_doc).collect();
    let stale: Vec<_> = in_doc.difference(&in_source).collect();
    let mut problems = Vec::new();
    if !undocumented.is_empty() {
        problems.push(format!(
            "codes glose can print that docs/diagnostics.md has no \"### `code`\" section for (add one, with the meaning, severity, an example and the fix): {undocumented:?}"
        ));
    }
    if !stale.is_empty() {
        problems.push(format!(
            "codes docs/diagnostics.md documents that src/ no longer produces (remove the section; renaming a code is a breaking change): {stale:?}"
        ));
    }
    if !twice.is_empty() {
        problems.push(format!("codes with more than one section in docs/diagnostics.md: {twice:?}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scan_reads_literals_and_toml_tuples() {
    let text = "Diagnostic::error(\"a-b\", m); Diagnostic::warning(\n    \"c\", m); Diagnostic::error(code, m)";
    assert_eq!(constructor_codes(text), vec![Ok("a-b".to_string()), Err("code, m)".to_string()), Ok("c".to_string())]);
    let error_rs = "fn other() { (\"no\", x) }\nfn toml_diagnostic() {\n    (\"x-y\", head, \"label\", None)\n}\n";
    assert_eq!(toml_codes(error_rs), BTreeSet::from(["x-y".to_string()]));
}
