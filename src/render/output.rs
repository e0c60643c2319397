//! What rendering produces and where it goes: files in memory, handed to a
//! [`Sink`] as each is made, with a [`Progress`] told along the way.

/// One file of the site, by its path under the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go, as soon as each is made, from any thread: the
/// staging folder of a build, or nowhere for a check. Pages are never all
/// held in memory at once.
pub trait Sink: Sync {
    fn accept(&self, file: OutputFile) -> Result<(), String>;
}

/// Told how far rendering has come, for a progress bar.
pub trait Progress: Sync {
    fn begin(&self, _total: usize) {}
    fn advance(&self) {}
}

/// A progress report nobody reads.
pub struct Silent;
impl Progress for Silent {}

/// Counts of what was rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rendered {
    pub pages: usize,
    pub files: usize,
}
