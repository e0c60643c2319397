//! The command line, as clap parses it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "glose", version, about = "Builds an annotated news digest into a plain-HTML site")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default)
    Build(BuildArgs),
    /// Check the digest as a build would, without writing anything
    Check(CheckArgs),
    /// Start the article file for a seed that has none
    New(NewArgs),
    /// Report the claims added, removed and changed between two git revisions
    Diff(DiffArgs),
    /// Add the claims of a Hypothesis export or of W3C Web Annotations to the article files
    Import(ImportArgs),
    /// Serve the digest on 127.0.0.1 from memory, updating and reloading pages on every change
    Serve(ServeArgs),
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The port to listen on (0: any free port)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
}

#[derive(Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The revision to compare from (a commit, branch or tag)
    pub base: String,
    /// The revision to compare to; the working tree when omitted
    pub head: Option<String>,
    /// Markdown for a pull request or job summary, or JSON for tools
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: DiffFormat,
    /// Cut the Markdown report to at most N characters, whole claims only, ending with how many were left out
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(glose::diff::MIN_MAX_CHARS as u64..))]
    pub max_chars: Option<u64>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// What the file holds: the Hypothesis API's search result, or W3C Web Annotations (such as annotations.jsonld)
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The file to import
    pub file: PathBuf,
    /// Show the changes as a diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    Hypothesis,
    W3c,
}

impl From<ImportFormat> for glose::import::Format {
    fn from(format: ImportFormat) -> Self {
        match format {
            ImportFormat::Hypothesis => glose::import::Format::Hypothesis,
            ImportFormat::W3c => glose::import::Format::W3c,
        }
    }
}

#[derive(Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// The seed, a file in the digest's seeds/ folder
    pub seed: PathBuf,
}

#[derive(Args)]
pub struct RootArg {
    /// The digest's folder, holding content/ and seeds/ [default: the
    /// current folder, or the nearest one above it that holds content/site.toml]
    #[arg(long, value_name = "DIR", value_parser = parse_root)]
    root: Option<PathBuf>,
}

impl RootArg {
    /// The folder given, or the digest the current folder is in, as a
    /// relative path (`.`, `..`, …) so that messages stay short.
    pub fn folder(&self) -> PathBuf {
        if let Some(root) = &self.root {
            return root.clone();
        }
        let here = std::env::current_dir().unwrap_or_default();
        let up = here.ancestors().position(|folder| folder.join("content/site.toml").is_file()).unwrap_or(0);
        if up == 0 { PathBuf::from(".") } else { std::iter::repeat_n("..", up).collect() }
    }
}

/// A `--root` that is not a folder is a usage error, naming it.
fn parse_root(root: &str) -> Result<PathBuf, String> {
    let root = PathBuf::from(root);
    glose::load::digest_folder(&root).map_err(|error| error.to_string())?;
    Ok(root)
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Where to write the site
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The site's address, overriding site.toml's base_url; needed for the feed, sitemap and canonical links
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// No progress bar, even on a terminal
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each stage took, on standard error
    #[arg(long)]
    pub timings: bool,
    /// Also write changes.html: what changed in the annotations since this git revision
    #[arg(long, value_name = "BASE")]
    pub changes_since: Option<String>,
    /// Also write the site as one zip file, for reading offline
    #[arg(long, value_name = "FILE")]
    pub zip: Option<PathBuf>,
}

fn parse_base_url(url: &str) -> Result<String, String> {
    glose::base_url(url).ok_or_else(|| {
        "expected an http:// or https:// address with a host, such as https://user.github.io/digest/".into()
    })
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// How to print problems: rustc-style text, GitHub workflow commands, or JSON
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    /// Fail (exit status 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also compare with this git revision: warn where a verdict changed without a `[[claim.history]]` entry
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Print how long each stage took, on standard error
    #[arg(long)]
    pub timings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Human,
    Github,
    Json,
}

impl From<FormatArg> for glose::diagnostic::Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Human => glose::diagnostic::Format::Human,
            FormatArg::Github => glose::diagnostic::Format::Github,
            FormatArg::Json => glose::diagnostic::Format::Json,
        }
    }
}
