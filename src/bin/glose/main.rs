//! The `glose` command: parses arguments, calls the library, prints the
//! diagnostics and picks the exit status (0 success, 1 content errors,
//! 2 usage errors: see [`failure`]). Nothing else.

mod cli;

/// Rendering allocates and frees many small strings on every thread; glibc's
/// allocator spent about a fifth of a build's instructions on that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use cli::{Cli, Command};
use glose::{BuildOptions, Report};
use std::process::ExitCode;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => {
            let options = BuildOptions {
                out: args.out,
                base_url: args.base_url,
                zip: args.zip,
                changes_since: args.changes_since,
                ..BuildOptions::new(args.root.folder())
            };
            let progress = TerminalProgress::new(args.quiet);
            let report = glose::build_with(&options, &progress);
            progress.finish();
            finish(&report, |stats| {
                let longest = stats
                    .longest_stage()
                    .map(|(stage, time)| format!(" (longest stage: {stage}, {:.2} s)", time.as_secs_f64()))
                    .unwrap_or_default();
                println!(
                    "glose: wrote {} pages ({} files) for {} articles and {} claims in {:.2} s{longest}; open {}",
                    stats.pages,
                    stats.files,
                    stats.articles,
                    stats.claims,
                    stats.elapsed.as_secs_f64(),
                    options.out_dir().join("index.html").display()
                );
                if let Some(zip) = &options.zip {
                    println!("glose: wrote {}; it unpacks into {}/", zip.display(), glose::bundle::folder_name(zip));
                }
                for note in &stats.notes {
                    eprintln!("glose: note: {note}");
                }
                if args.timings {
                    print_timings(stats);
                }
            })
        }
        Command::Check(args) => check(args),
        Command::Diff(args) => diff(args),
        Command::Import(args) => import(args),
        Command::Serve(args) => serve(args),
        Command::New(args) => match glose::scaffold::new_article(&args.root.folder(), &args.seed) {
            Ok(path) => {
                println!("glose: wrote {}; fill it in, then run `glose check`", path.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                let diagnostic = error.diagnostic();
                eprintln!("{}", diagnostic.render(&glose::source::SourceMap::default()));
                failure(diagnostic.usage)
            }
        },
    }
}

/// One line per stage, for `--timings`.
fn print_timings(stats: &glose::Stats) {
    eprintln!("glose: timings: {}", stats.stage_times());
}

/// `glose check`: human text on stderr with a summary on stdout; the
/// machine formats alone on stdout.
fn check(args: cli::CheckArgs) -> ExitCode {
    let options = BuildOptions { changes_since: args.since, ..BuildOptions::new(args.root.folder()) };
    let report = glose::check(&options);
    let format = glose::diagnostic::Format::from(args.format);
    let warnings = report.diagnostics.count(glose::diagnostic::Severity::Warning);
    let failed = !report.succeeded() || (args.deny_warnings && warnings > 0);
    if format != glose::diagnostic::Format::Human {
        print!("{}", report.diagnostics.render_as(&report.sources, format));
        return if failed { failure(report.diagnostics.has_usage_errors()) } else { ExitCode::SUCCESS };
    }
    let code = finish(&report, |stats| {
        println!(
            "glose: checked {} articles and {} claims ({} pages) in {:.2} s",
            stats.articles,
            stats.claims,
            stats.pages,
            stats.elapsed.as_secs_f64()
        );
        if args.timings {
            print_timings(stats);
        }
    });
    if failed && code == ExitCode::SUCCESS {
        eprintln!("glose: failing on warnings (--deny-warnings)");
        return ExitCode::from(1);
    }
    code
}

/// `glose import`: the diff (with `--dry-run`) on stdout, what was added
/// and every problem on stderr.
fn import(args: cli::ImportArgs) -> ExitCode {
    let options = glose::import::ImportOptions {
        root: args.root.folder(),
        format: args.format.into(),
        file: args.file,
        dry_run: args.dry_run,
    };
    let report = glose::import::import(&options);
    print!("{}", report.diff);
    eprint!("{}", report.diagnostics.render(&report.sources));
    let verb = if options.dry_run { "would add" } else { "added" };
    for (file, id) in &report.added {
        eprintln!("glose: {verb} claim `{id}` to {file}");
    }
    let files: std::collections::BTreeSet<&String> = report.added.iter().map(|(file, _)| file).collect();
    eprintln!(
        "glose: {} of {} annotations {} as claims to {} article files{}",
        report.added.len(),
        report.read,
        if options.dry_run { "would be added" } else { "added" },
        files.len(),
        if options.dry_run { "; nothing written (--dry-run)" } else { "" }
    );
    if report.succeeded() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// `glose serve`: runs until interrupted.
fn serve(args: cli::ServeArgs) -> ExitCode {
    match glose::serve::Server::start(&args.root.folder(), args.port, |line| eprintln!("{line}")) {
        Ok(server) => {
            let url = format!("http://{}/", server.addr());
            println!("glose: serving {url} (watching content/, seeds/ and templates/; Ctrl-C to stop)");
            if args.open && opener::open(&url).is_err() {
                eprintln!("glose: could not open a browser; open {url} yourself");
            }
            loop {
                std::thread::park();
            }
        }
        Err(error) => {
            let diagnostic = error.diagnostic();
            eprintln!("{}", diagnostic.render(&glose::source::SourceMap::default()));
            failure(diagnostic.usage)
        }
    }
}

/// `glose diff`: the report on stdout, problems on stderr.
fn diff(args: cli::DiffArgs) -> ExitCode {
    if matches!(args.format, cli::DiffFormat::Json) && args.max_chars.is_some() {
        use clap::CommandFactory;
        let message = "--max-chars cuts the Markdown report; the JSON report is for tools and comes whole";
        cli::Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message).exit();
    }
    match glose::diff(&args.root.folder(), &args.base, args.head.as_deref()) {
        Ok(diff) => {
            match (args.format, args.max_chars) {
                (cli::DiffFormat::Markdown, None) => print!("{}", glose::diff::markdown(&diff)),
                (cli::DiffFormat::Markdown, Some(max)) => {
                    let max = usize::try_from(max).unwrap_or(usize::MAX);
                    print!("{}", glose::diff::markdown_within(&diff, max));
                }
                (cli::DiffFormat::Json, _) => {
                    println!("{}", serde_json::to_string_pretty(&diff).unwrap_or_default())
                }
            }
            ExitCode::SUCCESS
        }
        Err((sources, diagnostics)) => {
            eprint!("{}", diagnostics.render(&sources));
            failure(diagnostics.has_usage_errors())
        }
    }
}

/// A progress bar on stderr for builds that take more than a second, on a
/// terminal only, and never with `--quiet`.
struct TerminalProgress {
    bar: indicatif::ProgressBar,
    started: std::time::Instant,
    allowed: bool,
    shown: std::sync::atomic::AtomicBool,
}

impl TerminalProgress {
    fn new(quiet: bool) -> Self {
        use std::io::IsTerminal;
        let bar = indicatif::ProgressBar::hidden();
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} rendering {pos}/{len} pages {wide_bar} {eta}")
        {
            bar.set_style(style);
        }
        let allowed = !quiet && std::io::stderr().is_terminal();
        TerminalProgress { bar, started: std::time::Instant::now(), allowed, shown: false.into() }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl glose::render::Progress for TerminalProgress {
    fn begin(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn advance(&self) {
        self.bar.inc(1);
        let late = self.started.elapsed() > std::time::Duration::from_secs(1);
        if self.allowed && late && !self.shown.swap(true, std::sync::atomic::Ordering::Relaxed) {
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
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
        _ => failure(report.diagnostics.has_usage_errors()),
    }
}

/// Status 2 when the command line asked for something that is not there (a
/// folder, a revision, a seed), 1 for problems in the digest or the run.
fn failure(usage: bool) -> ExitCode {
    ExitCode::from(if usage { 2 } else { 1 })
}
