//! glose turns news articles ("seeds") and the annotations editors write
//! about them into a static, plain-HTML digest: each article becomes a page
//! with its claims highlighted where they stand and annotated beside them,
//! and the digest gets an index, a timeline, a page per company and a page of
//! all claims. Every link is relative, so the site works from disk, at a
//! domain root or under any sub-path.
//!
//! The pipeline has five stages, each returning a new type:
//!
//! 1. [`load`]: read content/ and seeds/ → [`load::RawDigest`]
//! 2. [`resolve`]: anchor quotes, check ids and references → [`model::ResolvedDigest`]
//! 3. [`model`]: build the cross-link graph → [`model::Digest`]
//! 4. [`render`]: Tera templates → [`render::OutputFile`]s, in parallel
//! 5. [`write`](mod@write): each file into a staging folder as it is rendered, then
//!    the folder swapped in for the output folder
//!
//! Every stage reports all the problems it finds as [`diagnostic::Diagnostic`]s.
//!
//! ```no_run
//! let options = glose::BuildOptions::new("my-digest");
//! let report = glose::build(&options);
//! eprint!("{}", report.diagnostics.render(&report.sources));
//! assert!(report.succeeded());
//! ```

pub mod bundle;
pub mod diagnostic;
pub mod diff;
pub mod import;
pub mod live;
pub mod load;
pub mod model;
mod options;
mod pipeline;
pub mod render;
pub mod resolve;
pub mod revision;
pub mod scaffold;
pub mod script;
pub mod serve;
pub mod source;
pub mod vocabulary;
pub mod write;

pub use options::{BuildOptions, base_url};
pub use pipeline::{Report, Stats, build, build_with, check, diff, model_digest};
