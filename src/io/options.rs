//! What a user can tell the readers when detection guesses wrong: which
//! sheet, which columns, which day/month order. Plain data, so the command
//! line, the window and tests can all fill it (no clap types here); the
//! window stores a file's choice with its recent-files entry, hence serde.

use serde::{Deserialize, Serialize};

pub use super::table::dates::DateOrder;

/// Overrides for reading tables (CSV, TSV, spreadsheets, Parquet). The
/// default detects everything; other formats ignore these options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadOptions {
    /// The sheet of a workbook to read (the first sheet when `None`).
    pub sheet: Option<String>,
    /// The column holding the start date, by header name.
    pub start_column: Option<String>,
    /// The column holding the end date.
    pub end_column: Option<String>,
    /// The column holding the title.
    pub title_column: Option<String>,
    /// The column whose values become lanes.
    pub lane_column: Option<String>,
    /// Day/month order for numeric dates the column cannot settle.
    pub date_order: Option<DateOrder>,
    /// Read no end dates, even where a column looks like one: every event
    /// is a moment (the window's "End: none").
    pub moments_only: bool,
    /// Put every event in one lane, even where a column looks like lanes
    /// (the window's "Lane: none").
    pub single_lane: bool,
    /// Compose titles from what happened, who and where, even where a
    /// column is named like a title (`title_column` still wins).
    pub compose_title: bool,
}

impl LoadOptions {
    /// True when nothing is overridden.
    #[must_use]
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}
