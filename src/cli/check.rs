//! `chronoscope check FILE...`: a summary of each file, or every problem
//! with its line and column; exit 1 on errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::io::diag::escape;
use crate::io::{self, Format, Loaded, Severity};
use crate::numbers;
use crate::time::{Bound, BoundKind};

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
    let first = (0..timeline.len()).min_by_key(|&i| timeline.stated_start(i));
    let last = (0..timeline.len()).max_by_key(|&i| timeline.stated_end(i));
    let range = match (first, last) {
        (Some(first), Some(last)) => {
            let (first, last) = (timeline.event(first), timeline.event(last));
            // As written: `201X`, `[..2025-10-24]`, not their stand-ins.
            let (from, to) = (
                written(&first.start_bound()),
                written(&last.end_bound().unwrap_or_else(|| last.start_bound())),
            );
            // One moment is one date, not "X – X".
            if from == to {
                format!(", {from}")
            } else {
                format!(", {from} – {to}")
            }
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

/// A bound as the file wrote it, an open or unknown end in words.
fn written(bound: &Bound) -> String {
    match bound.kind() {
        BoundKind::Open => "open end".to_owned(),
        BoundKind::Unknown => "unknown end".to_owned(),
        _ => escape(&bound.to_string()).into_owned(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(text: &str) -> Loaded {
        match io::load_bytes("t.json", text.as_bytes()) {
            Ok(loaded) => loaded,
            Err(d) => panic!("does not load: {d:?}"),
        }
    }

    #[test]
    fn a_single_moment_is_one_date_and_a_span_two() {
        let one = loaded(r#"{"events":[{"title":"a","start":"2012-07-04T13:20"}]}"#);
        assert_eq!(
            summary("t.json", &one),
            "t.json: 1 event, 1 lane, 2012-07-04T13:20"
        );
        let two = loaded(
            r#"{"events":[{"title":"a","start":"2012-07-04"},{"title":"b","start":"2012-07-05"}]}"#,
        );
        assert_eq!(
            summary("t.json", &two),
            "t.json: 2 events, 1 lane, 2012-07-04 – 2012-07-05"
        );
    }

    /// Uncertain dates are stated as written, not as their stand-ins
    /// (`2025-XX` is not "2025-01"), and an open end says so.
    #[test]
    fn edtf_dates_are_stated_as_written() {
        let file = loaded(
            r#"{"events":[{"title":"a","start":"201X"},{"title":"b","start":"2025-11-03/.."}]}"#,
        );
        assert_eq!(
            summary("t.json", &file),
            "t.json: 2 events, 1 lane, 201X – open end"
        );
        let file = loaded(
            r#"{"events":[{"title":"a","start":"[..2025-10-24]"},{"title":"b","start":"2025-11-XX"}]}"#,
        );
        assert_eq!(
            summary("t.json", &file),
            "t.json: 2 events, 1 lane, [..2025-10-24] – 2025-11-XX"
        );
    }
}
