//! `chronoscope [FILE] [--from DATE --to DATE] [--theme T] [--screenshot OUT.png]`:
//! the flags become an [`OpenRequest`] for the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::ThemeArg;
use crate::app::OpenRequest;
use crate::io::diag::{invalid_date, quote};
use crate::time::{Date, TimeRange};

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

/// The range `--from` and `--to` ask for (`--to` inclusive at its precision).
///
/// # Errors
/// A message naming both flags when either is not a date or the range is empty.
pub fn range_from_args(from: &str, to: &str) -> Result<TimeRange, String> {
    let parse = |flag: &str, text: &str| {
        Date::parse(text).map_err(|e| format!("{flag} {}", invalid_date(text, &e)))
    };
    let (start, end) = (parse("--from", from)?, parse("--to", to)?);
    if start.start() < end.end() {
        Ok(TimeRange::new(start.start(), end.end()))
    } else {
        Err(format!(
            "--from {} --to {} is not a range of dates: the end comes first (write them like 2025-10-16)",
            quote(from),
            quote(to)
        ))
    }
}

/// Opens the window; a bad range exits with 2 before any window opens.
#[must_use]
pub fn run(args: OpenArgs) -> ExitCode {
    let range = match (&args.from, &args.to) {
        (Some(from), Some(to)) => match range_from_args(from, to) {
            Ok(range) => Some(range),
            Err(message) => {
                super::say(&format!("error: {message}"));
                return ExitCode::from(2);
            }
        },
        _ => None,
    };
    crate::app::run(OpenRequest {
        file: args.file,
        screenshot: args.screenshot,
        range,
        theme: args.theme.map(Into::into),
    })
}
