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
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), out: None, base_url: None }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}
