//! What a run is asked to do: plain data the binary fills from its
//! arguments and tests construct directly.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The digest: the folder holding content/, seeds/ and (optionally) templates/.
    pub root: PathBuf,
    /// Where the site goes; `public/` under the root when `None`.
    pub out: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), out: None }
    }

    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}
