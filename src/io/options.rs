//! What a user can tell the readers when detection guesses wrong: which
//! sheet, which columns, which day/month order. Plain data, so the command
//! line, the window and tests can all fill it (no clap types here).

pub use super::table::dates::DateOrder;

/// Overrides for reading tables (CSV, TSV, spreadsheets, Parquet). The
/// default detects everything; other formats ignore these options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
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
}

impl LoadOptions {
    /// True when nothing is overridden.
    #[must_use]
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}
