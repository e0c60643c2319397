//! The `glose` command: parses arguments, calls the library, prints the
//! diagnostics and picks the exit status (0 success, 1 content errors,
//! 2 usage errors). Nothing else.

use clap::{Parser, Subcommand};
use glose::{BuildOptions, Report};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "glose", version, about = "Builds an annotated news digest into a plain-HTML site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    Build {
        /// The digest's folder, holding content/ and seeds/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check the digest as a build would, without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { root, out } => {
            let options = BuildOptions { root, out };
            let report = glose::build(&options);
            finish(&report, |stats| {
                let out = options.out_dir();
                println!(
                    "glose: wrote {} pages ({} files) for {} articles and {} claims in {:.2} s; open {}",
                    stats.pages,
                    stats.files,
                    stats.articles,
                    stats.claims,
                    stats.elapsed.as_secs_f64(),
                    out.join("index.html").display()
                );
            })
        }
        Command::Check { root } => {
            let report = glose::check(&BuildOptions::new(root));
            finish(&report, |stats| {
                println!(
                    "glose: checked {} articles and {} claims ({} pages) in {:.2} s",
                    stats.articles,
                    stats.claims,
                    stats.pages,
                    stats.elapsed.as_secs_f64()
                );
            })
        }
    }
}

/// Prints the diagnostics, then the summary on success.
fn finish(report: &Report, on_success: impl FnOnce(&glose::Stats)) -> ExitCode {
    let rendered = report.diagnostics.render(&report.sources);
    if !rendered.is_empty() {
        eprint!("{rendered}");
    }
    match &report.stats {
        Some(stats) if report.succeeded() => {
            on_success(stats);
            ExitCode::SUCCESS
        }
        _ => {
            if std::io::stderr().is_terminal() {
                eprintln!("glose: nothing was written");
            }
            ExitCode::from(1)
        }
    }
}
