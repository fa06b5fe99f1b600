//! The options every reading subcommand takes for tables (CSV, TSV,
//! spreadsheets): which sheet, which columns, which day/month order. They
//! become the library's plain [`LoadOptions`].

use clap::Args;

use crate::io::{DateOrder, LoadOptions};

/// `--sheet`, `--start-column`, `--end-column`, `--title-column`,
/// `--lane-column`, `--date-order`.
#[derive(Debug, Args, Clone, Default)]
pub struct TableArgs {
    /// Tables: the workbook sheet to read (the first one otherwise).
    #[arg(long, value_name = "NAME", help_heading = "Tables")]
    pub sheet: Option<String>,
    /// Tables: the column holding the start date (detected otherwise).
    #[arg(long, value_name = "COLUMN", help_heading = "Tables")]
    pub start_column: Option<String>,
    /// Tables: the column holding the end date.
    #[arg(long, value_name = "COLUMN", help_heading = "Tables")]
    pub end_column: Option<String>,
    /// Tables: the column holding the title.
    #[arg(long, value_name = "COLUMN", help_heading = "Tables")]
    pub title_column: Option<String>,
    /// Tables: the column whose values become lanes.
    #[arg(long, value_name = "COLUMN", help_heading = "Tables")]
    pub lane_column: Option<String>,
    /// Tables: day/month order of dates such as 06/11/2025 when the column does not settle it.
    #[arg(long, value_enum, help_heading = "Tables")]
    pub date_order: Option<DateOrderArg>,
}

/// `--date-order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrderArg {
    /// Day first: 06/11/2025 is 6 November.
    Dmy,
    /// Month first: 11/06/2025 is 6 November.
    Mdy,
}

impl TableArgs {
    /// The library's options.
    #[must_use]
    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            sheet: self.sheet.clone(),
            start_column: self.start_column.clone(),
            end_column: self.end_column.clone(),
            title_column: self.title_column.clone(),
            lane_column: self.lane_column.clone(),
            date_order: self.date_order.map(|order| match order {
                DateOrderArg::Dmy => DateOrder::Dmy,
                DateOrderArg::Mdy => DateOrder::Mdy,
            }),
            ..LoadOptions::default()
        }
    }
}
