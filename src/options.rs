//! What a run is asked to do: plain data the binary fills from its
//! arguments and tests construct directly.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The digest: the folder holding content/, seeds/ and (optionally) templates/.
    pub root: PathBuf,
    /// Where the site goes; `public/` under the root when `None`.
    pub out: Option<PathBuf>,
    /// Overrides site.toml's `base_url` (the address the site is served at).
    pub base_url: Option<String>,
    /// Also write the site as one zip file here (`glose build --zip`).
    pub zip: Option<PathBuf>,
    /// A git revision: the build also writes changes.html, what changed
    /// in the annotations since then.
    pub changes_since: Option<String>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), out: None, base_url: None, zip: None, changes_since: None }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// `url` as a base URL: an `http://` or `https://` address with a host and
/// no query or fragment, ending in "/" (added when missing). `None` when it
/// is not one.
pub fn base_url(url: &str) -> Option<String> {
    if !crate::resolve::is_web_url(url) || url.contains(['?', '#']) {
        return None;
    }
    Some(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_end_with_a_slash_and_must_be_web_addresses() {
        assert_eq!(base_url("https://user.github.io/digest").as_deref(), Some("https://user.github.io/digest/"));
        assert_eq!(base_url("http://localhost:8000/").as_deref(), Some("http://localhost:8000/"));
        for bad in ["user.github.io", "ftp://x/", "https://", "https://x/?a=1", "https://x/#top", "https://x y/"] {
            assert_eq!(base_url(bad), None, "{bad}");
        }
    }
}
