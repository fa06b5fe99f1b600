//! The command line: `chronoscope [FILE]` opens the window; `check`,
//! `convert` and `export` work without one (they never start eframe, so they
//! run on machines with no display).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::io::{self, Diagnostic, Format, Loaded, Severity};

/// Chronoscope: a timeline viewer from billions of years to milliseconds.
#[derive(Debug, Parser)]
#[command(
    name = "chronoscope",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; opens the window when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the window.
    #[command(flatten)]
    pub open: OpenArgs,
}

/// `chronoscope [FILE] [--screenshot OUT.png]`.
#[derive(Debug, Args, Clone, Default)]
pub struct OpenArgs {
    /// Timeline file to open (the built-in Budapest summit timeline when omitted).
    pub file: Option<PathBuf>,
    /// Save a screenshot of the window to this PNG once the timeline is drawn, then exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Open on this range instead of the file's view: first date shown.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, requires = "to")]
    pub from: Option<String>,
    /// Last date shown (inclusive at its precision).
    #[arg(
        long,
        value_name = "DATE",
        allow_hyphen_values = true,
        requires = "from"
    )]
    pub to: Option<String>,
    /// Colour theme for this run (the remembered theme otherwise).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
}

/// Commands that need no window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check timeline files: print a summary of each, or every problem with its line and column.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Convert any supported timeline file to Chronoscope's own JSON format.
    Convert {
        /// File to read (any supported format).
        input: PathBuf,
        /// Where to write the Chronoscope JSON file ("-" for standard output).
        #[arg(short, long, value_name = "OUT.json")]
        output: PathBuf,
    },
    /// Render a timeline to PNG or SVG without a window, display or GPU.
    Export(ExportArgs),
}

/// `chronoscope export FILE -o OUT.png|OUT.svg ...`.
#[derive(Debug, Args, Clone)]
pub struct ExportArgs {
    /// Timeline file to export (the built-in timeline when omitted).
    pub file: Option<PathBuf>,
    /// Output file; `.png` or `.svg` picks the format.
    #[arg(short, long, value_name = "OUT.png|OUT.svg")]
    pub output: PathBuf,
    /// First date shown (same syntax as event files; default: the file's view, or all events).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last date shown (inclusive at its precision).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Fit all events, ignoring the file's initial view.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub all: bool,
    /// Width in points.
    #[arg(long, default_value_t = 1600.0, value_name = "PX")]
    pub width: f32,
    /// Height in points (default: tall enough for every lane).
    #[arg(long, value_name = "PX")]
    pub height: Option<f32>,
    /// Pixels per point (2 for a high-DPI image).
    #[arg(long, default_value_t = 1.0, value_name = "F")]
    pub scale: f32,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
}

/// Light or dark colours for an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
}

/// Runs a parsed command line; returns the process exit code.
#[must_use]
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { files }) => check(&files),
        Some(Command::Convert { input, output }) => convert(&input, &output),
        Some(Command::Export(args)) => crate::export::run_cli(&args),
        None => crate::app::run(cli.open),
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// One-line summary: `seed.json: 12 events, 4 lanes, 2025-01-20 – 2025-11-23`.
#[must_use]
pub fn summary(file: &str, loaded: &Loaded) -> String {
    let timeline = &loaded.timeline;
    // The native format goes unnamed; every other format is named so the
    // user sees how the file was understood.
    let format = if loaded.format == Format::Native {
        String::new()
    } else {
        format!(" ({})", loaded.describe())
    };
    let events = timeline.events();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let first = events.iter().min_by_key(|e| e.start.start());
    let last = events
        .iter()
        .max_by_key(|e| e.end.as_ref().unwrap_or(&e.start).end());
    let range = match (first, last) {
        (Some(first), Some(last)) => {
            format!(
                ", {} – {}",
                first.start.to_iso(),
                last.end.as_ref().unwrap_or(&last.start).to_iso()
            )
        }
        _ => String::new(),
    };
    let used_lanes = timeline.lane_counts().len();
    format!(
        "{file}{format}: {}, {}{range}",
        plural(events.len(), "event"),
        plural(used_lanes, "lane")
    )
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let name = path.display().to_string();
        match io::load_path(path) {
            Ok(loaded) => {
                println!("{}", summary(&name, &loaded));
                print_diagnostics(&loaded.warnings);
            }
            Err(diagnostics) => {
                failed |= diagnostics.iter().any(|d| d.severity == Severity::Error);
                print_diagnostics(&diagnostics);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn convert(input: &std::path::Path, output: &std::path::Path) -> ExitCode {
    let loaded = match io::load_path(input) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return ExitCode::FAILURE;
        }
    };
    print_diagnostics(&loaded.warnings);
    let json = io::native::write(&loaded.timeline);
    if output.as_os_str() == "-" {
        print!("{json}");
        return ExitCode::SUCCESS;
    }
    match crate::export::write_atomically(output, json.as_bytes()) {
        Ok(()) => {
            eprintln!(
                "{}: wrote {} events to {}",
                input.display(),
                loaded.timeline.events().len(),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: error: cannot write: {e}", output.display());
            ExitCode::FAILURE
        }
    }
}
