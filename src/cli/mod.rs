//! The command line, the entry layer: `chronoscope [FILE]` opens the window;
//! `check`, `convert`, `export`, `list` and `generate` work without one (they never start
//! eframe, so they run on machines with no display).
//!
//! **Architecture invariant:** only this module knows clap. Each subcommand
//! is one file here with its arguments and a `run` that turns them into the
//! plain requests the library takes ([`crate::export::ExportRequest`],
//! [`crate::app::OpenRequest`]); no library module imports `cli`. Adding a
//! subcommand is one file and one variant of [`Command`].

pub mod check;
pub mod convert;
pub mod export;
pub mod generate;
pub mod list;
pub mod open;
pub mod table;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::Diagnostic;
use crate::layout::theme::ThemeKind;

pub use check::summary;
pub use open::OpenArgs;

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

/// Commands that need no window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check timeline files: print a summary of each, or every problem with its line and column.
    Check(check::CheckArgs),
    /// Convert any supported timeline file to Chronoscope's own JSON format.
    Convert(convert::ConvertArgs),
    /// Render a timeline to PNG, SVG or PDF without a window, display or GPU.
    Export(export::ExportArgs),
    /// List the events of a file (those matching --filter), sorted by start.
    List(list::ListArgs),
    /// Write a deterministic synthetic timeline of N events (for benchmarks and trying things out).
    Generate(generate::GenerateArgs),
}

/// Light or dark colours, as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white.
    Light,
    /// Light text on near-black.
    Dark,
}

impl From<ThemeArg> for ThemeKind {
    fn from(theme: ThemeArg) -> Self {
        match theme {
            ThemeArg::Light => Self::Light,
            ThemeArg::Dark => Self::Dark,
        }
    }
}

/// Runs a parsed command line; returns the process exit code.
#[must_use]
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Convert(args)) => convert::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::List(args)) => list::run(&args),
        Some(Command::Generate(args)) => generate::run(&args),
        None => open::run(cli.open),
    }
}

/// Prints diagnostics to standard error, one a line.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

/// Prints one line to standard error. Unlike `eprintln!`, a closed or full
/// standard error is not a panic: there is nowhere left to say anything.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Why a command stopped writing its output to standard output.
#[derive(Debug)]
enum Stop {
    /// The reader went away (`| head -1`): stop quietly, like coreutils.
    Closed,
    /// Anything else (`> /dev/full`): one line on standard error, exit 1.
    Failed(std::io::Error),
}

impl Stop {
    /// What a write error on standard output means for the command.
    fn from_error(error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Self::Closed
        } else {
            Self::Failed(error)
        }
    }

    /// The exit code: 141 for a closed pipe (as a shell reports a process
    /// ended by SIGPIPE, which Rust programs ignore), 1 otherwise.
    fn exit_code(self) -> ExitCode {
        match self {
            Self::Closed => ExitCode::from(141),
            Self::Failed(error) => {
                say(&format!("error: cannot write to standard output: {error}"));
                ExitCode::FAILURE
            }
        }
    }
}

/// Writes `text` to standard output and flushes it, so that a closed or
/// full output is noticed here, as a [`Stop`], and never as a panic.
fn print(text: &str) -> Result<(), Stop> {
    print_bytes(text.as_bytes())
}

/// True when `path` names this process's standard output (`/dev/stdout`,
/// `/proc/self/fd/1`, or the file it is redirected to): then a report must
/// not be printed there, after the output itself.
fn is_stdout(path: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd as _;
        use std::os::unix::fs::MetadataExt as _;
        let out = std::io::stdout();
        let Ok(owned) = out.as_fd().try_clone_to_owned() else {
            return false;
        };
        let (Ok(target), Ok(ours)) = (
            std::fs::metadata(path),
            std::fs::File::from(owned).metadata(),
        ) else {
            return false;
        };
        target.dev() == ours.dev() && target.ino() == ours.ino()
    }
    #[cfg(not(unix))]
    {
        path.as_os_str() == "/dev/stdout"
    }
}

/// As [`print`], for bytes (an image written to standard output).
fn print_bytes(bytes: &[u8]) -> Result<(), Stop> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(Stop::from_error)
}
