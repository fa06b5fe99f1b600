//! `chronoscope check FILE...`: a summary of each file, or every problem
//! with its line and column; exit 1 on errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::io::diag::escape;
use crate::io::{self, Format, Loaded, Severity};
use crate::numbers;

/// `chronoscope check FILE...`.
#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// How tables are read.
    #[command(flatten)]
    pub table: super::table::TableArgs,
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
    // The dates as stated: a window open on one side (`[..2025-10-24]`)
    // counts by its limited side, not by the end of time.
    let first = timeline
        .events()
        .min_by_key(|e| e.start_bound().stand_in().start());
    let last = timeline.events().max_by_key(|e| {
        let end = e.end_bound().unwrap_or_else(|| e.start_bound());
        if end.latest() < crate::time::Time::max_value() {
            end.latest()
        } else {
            end.earliest()
        }
    });
    let range = match (first, last) {
        (Some(first), Some(last)) => {
            format!(
                ", {} – {}",
                first.start().to_iso(),
                last.end().unwrap_or_else(|| last.start()).to_iso()
            )
        }
        _ => String::new(),
    };
    let used_lanes = timeline.lane_counts().len();
    format!(
        "{file}{format}: {}, {}{range}",
        numbers::count(timeline.len(), numbers::EVENT),
        numbers::count(used_lanes, numbers::LANE)
    )
}

/// Checks every file; fails when any has an error.
#[must_use]
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut failed = false;
    for path in &args.files {
        let name = path.display().to_string();
        match io::load_path_with(path, &args.table.options()) {
            Ok(loaded) => {
                let line = format!("{}\n", summary(&escape(&name), &loaded));
                if let Err(stop) = super::print(&line) {
                    return stop.exit_code();
                }
                super::print_diagnostics(&loaded.warnings);
            }
            Err(diagnostics) => {
                failed |= diagnostics.iter().any(|d| d.severity == Severity::Error);
                super::print_diagnostics(&diagnostics);
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
