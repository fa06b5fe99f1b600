//! `chronoscope list FILE [--filter QUERY] [--from DATE] [--to DATE]
//! [--format text|json|csv]`: the matching events, sorted by start.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::io::listing::{self, ListFormat};
use crate::query::{self, Query, QueryError};
use crate::time::Date;

/// `chronoscope list FILE ...`.
#[derive(Debug, Args, Clone)]
pub struct ListArgs {
    /// Timeline file to list (any supported format).
    pub file: PathBuf,
    /// Only the events matching this query (as in the window's find bar:
    /// words, "phrases", -word, OR, lane: tag: status: source: after: before: has:).
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub filter: Option<String>,
    /// Only events on or after this date.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Only events on or before this date (inclusive at its precision).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Aligned text, native JSON event objects, or CSV with a header.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// How tables are read.
    #[command(flatten)]
    pub table: super::table::TableArgs,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One line per event: date as written, lane, status, title.
    Text,
    /// A JSON array of native event objects.
    Json,
    /// CSV with a header row.
    Csv,
}

impl From<FormatArg> for ListFormat {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Text => Self::Text,
            FormatArg::Json => Self::Json,
            FormatArg::Csv => Self::Csv,
        }
    }
}

/// A bad `--filter`, told with the query and a caret under the column:
///
/// ```text
/// error: --filter: column 8: unknown field `colour:` …
///   peskov colour:red
///          ^
/// ```
#[must_use]
pub fn explain_query_error(query: &str, error: &QueryError) -> String {
    let printable: String = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "--filter: {error}\n  {printable}\n  {}^",
        " ".repeat(error.column.saturating_sub(1))
    )
}

/// Parses `--filter` (an empty query when absent).
///
/// # Errors
/// The message for the command line, when the query is malformed.
pub fn query_from_arg(filter: Option<&str>) -> Result<Query, String> {
    let text = filter.unwrap_or("");
    Query::parse(text).map_err(|e| explain_query_error(text, &e))
}

fn date_arg(flag: &str, text: Option<&str>) -> Result<Option<Date>, String> {
    text.map(|t| {
        Date::parse(t).map_err(|e| {
            format!("{flag} {t:?} is not a date ({e}); write it like 2025, 2025-10 or 2025-10-16")
        })
    })
    .transpose()
}

/// Lists the matching events; exit 0 (with no output when none match),
/// 1 for a bad query, a bad date or a file that does not load.
#[must_use]
pub fn run(args: &ListArgs) -> ExitCode {
    // Everything the user typed is checked before the file is read.
    let checked = query_from_arg(args.filter.as_deref()).and_then(|q| {
        let (from, to) = (
            date_arg("--from", args.from.as_deref())?,
            date_arg("--to", args.to.as_deref())?,
        );
        // `--to` is inclusive at its precision: `--from 2025-11 --to 2025-11`
        // is November; only a `--to` ending before `--from` begins is empty.
        if let (Some(from), Some(to)) = (&from, &to)
            && to.end() <= from.start()
        {
            return Err(format!(
                "nothing to list: --to {to} ends before --from {from} begins"
            ));
        }
        Ok((q, from, to))
    });
    let (query, from, to) = match checked {
        Ok(checked) => checked,
        Err(message) => {
            super::say(&format!("error: {message}"));
            return ExitCode::FAILURE;
        }
    };
    let loaded = match crate::io::load_path_with(&args.file, &args.table.options()) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            super::print_diagnostics(&diagnostics);
            return ExitCode::FAILURE;
        }
    };
    super::print_diagnostics(&loaded.warnings);
    let timeline = &loaded.timeline;
    let matches = if query.is_everything() {
        query::Matches::all(timeline.len())
    } else {
        query.matches(&query::SearchIndex::build(timeline), timeline)
    };
    let indices: Vec<usize> = timeline
        .by_start()
        .filter(|&i| matches.contains(i))
        .filter(|&i| query::in_dates(timeline.range_of(i), from.as_ref(), to.as_ref()))
        .collect();
    if indices.is_empty() {
        return ExitCode::SUCCESS;
    }
    let text = listing::write(timeline, &indices, args.format.into());
    match super::print(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(stop) => stop.exit_code(),
    }
}
