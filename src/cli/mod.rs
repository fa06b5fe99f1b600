//! The command line, the entry layer: `chronoscope [FILE]` opens the window;
//! `check`, `convert` and `export` work without one (they never start
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
pub mod open;

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
