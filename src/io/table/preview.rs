//! A look at a table's columns: its first rows as text, the column
//! detection chose for each role, and why that choice may be wrong, so
//! that the window can ask the user before (or after) trusting it.
//!
//! It works on a [`Table`], whatever its source: delimited text and
//! workbooks fill in a [`Source`] today, and any other reader that yields a
//! `Table` (Parquet) plugs in the same way. Detection is
//! [`mapping::detect`], unchanged: the preview only reports what it found.

use super::mapping::{self, ColumnDates, Found, Mapping, Title};
use super::{Cell, Places, Table};
use crate::escape::backticked;
use crate::io::Format;
use crate::io::options::{DateOrder, LoadOptions};

/// Rows a preview shows.
pub const PREVIEW_ROWS: usize = 10;

/// Rows kept to read a chosen column's dates with another order: enough
/// for a day over 12 to turn up, few enough to copy cheaply.
const SAMPLE_ROWS: usize = 500;

/// Where a previewed table came from.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file's format.
    pub format: Format,
    /// A workbook's sheets (empty for other sources).
    pub sheets: Vec<String>,
    /// The sheet previewed.
    pub sheet: Option<String>,
}

impl Source {
    /// A source without sheets (delimited text, Parquet).
    #[must_use]
    pub const fn flat(format: Format) -> Self {
        Self {
            format,
            sheets: Vec::new(),
            sheet: None,
        }
    }
}

/// Why the columns detection chose may be wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsure {
    /// No header names the start column: it was picked for holding dates.
    StartByContent,
    /// The start column's dates fit both day/month and month/day (no day
    /// over 12), and this order was assumed.
    OrderAssumed(DateOrder),
    /// No column is named like a title: titles are composed from others.
    TitleComposed,
    /// The table could not be read as chosen (no column of dates, a
    /// named column or sheet that does not exist, most rows without a
    /// date): the message says why.
    Failed(String),
}

impl Unsure {
    /// One sentence for the user.
    #[must_use]
    pub fn describe(&self, header: &[String], mapping: Option<&Mapping>) -> String {
        let name = |col: usize| {
            header
                .get(col)
                .map_or_else(|| "`?`".to_owned(), |h| backticked(h))
        };
        let start = || mapping.map_or_else(|| "`?`".to_owned(), |m| name(m.start));
        match self {
            Self::StartByContent => format!(
                "No header says which column holds the dates; {} was chosen because its values are dates.",
                start()
            ),
            Self::OrderAssumed(order) => format!(
                "No day in {} is over 12, so its dates could be day/month or month/day; {} was assumed.",
                start(),
                match order {
                    DateOrder::Dmy => "day/month",
                    DateOrder::Mdy => "month/day",
                }
            ),
            Self::TitleComposed => {
                "No column is named like a title; titles are composed from other columns."
                    .to_owned()
            }
            Self::Failed(message) => format!("It did not load: {}.", without_flag_hint(message)),
        }
    }
}

/// A reader's message without its closing advice for the command line
/// (`; name it with --start-column`): the dialog is where one chooses.
fn without_flag_hint(message: &str) -> &str {
    match message.rfind("; ") {
        Some(at) if message[at..].contains(" --") => &message[..at],
        _ => message,
    }
}

/// What a column does in the timeline, for highlighting it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The start date (or its time of day).
    Start,
    /// The end date (or its time of day).
    End,
    /// The title, or a part of a composed title.
    Title,
    /// Its values become lanes.
    Lane,
    /// Any other role: description, link, source, tags, status.
    Detail,
}

impl Mapping {
    /// What column `col` does, if anything but being a field.
    #[must_use]
    pub fn role_of(&self, col: usize) -> Option<Role> {
        let is = |c: Option<usize>| c == Some(col);
        if col == self.start || is(self.time) {
            Some(Role::Start)
        } else if is(self.end) || is(self.end_time) {
            Some(Role::End)
        } else if match &self.title {
            Title::Column(c) => *c == col,
            Title::Composed(cols) => cols.contains(&col),
        } {
            Some(Role::Title)
        } else if is(self.lane) {
            Some(Role::Lane)
        } else if [
            self.description,
            self.url,
            self.source,
            self.tags,
            self.status,
        ]
        .contains(&Some(col))
        {
            Some(Role::Detail)
        } else {
            None
        }
    }
}

/// A table's first rows and how its columns were understood.
#[derive(Clone, Debug)]
pub struct TablePreview {
    /// The file's format.
    pub format: Format,
    /// A workbook's sheets (empty for other sources).
    pub sheets: Vec<String>,
    /// The sheet shown.
    pub sheet: Option<String>,
    /// The header's names.
    pub header: Vec<String>,
    /// The first [`PREVIEW_ROWS`] rows as text (first line of each cell),
    /// one entry per header column.
    pub rows: Vec<Vec<String>>,
    /// How many data rows the table has.
    pub row_count: usize,
    /// The options the preview was made with.
    pub options: LoadOptions,
    /// The columns detection chose; when detection failed with the
    /// options, what it chooses without their columns; `None` when it
    /// finds nothing either way.
    pub mapping: Option<Mapping>,
    /// Why the mapping may be wrong; empty when detection is sure.
    pub unsure: Vec<Unsure>,
    /// The first rows as cells, to read a column's dates with an order the
    /// user is trying out.
    sample: Table,
    /// Which columns mostly hold dates in the sample (worked out once: a
    /// dialog asks every frame).
    dated: Vec<bool>,
}

impl TablePreview {
    /// Previews `table` read with `options`.
    #[must_use]
    pub fn new(table: &Table, source: Source, options: &LoadOptions) -> Self {
        let rows = table
            .rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|cells| {
                (0..table.header.len())
                    .map(|col| {
                        let text = cells.get(col).map(Cell::text).unwrap_or_default();
                        text.lines().next().unwrap_or_default().to_owned()
                    })
                    .collect()
            })
            .collect();
        let sample = Table {
            header: table.header.clone(),
            rows: table.rows.iter().take(SAMPLE_ROWS).cloned().collect(),
            places: Places::Grid {
                header_row: 1,
                rows: Vec::new(),
            },
        };
        let (mapping, unsure) = understand(table, options);
        let dated = (0..table.header.len())
            .map(|col| mapping::looks_like_dates(&sample, col))
            .collect();
        Self {
            format: source.format,
            sheets: source.sheets,
            sheet: source.sheet,
            header: table.header.clone(),
            rows,
            row_count: table.rows.len(),
            options: options.clone(),
            mapping,
            unsure,
            sample,
            dated,
        }
    }

    /// True when detection may have guessed wrong, or failed.
    #[must_use]
    pub fn is_unsure(&self) -> bool {
        !self.unsure.is_empty()
    }

    /// True when the table could not be read as the options say.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.unsure.iter().any(|u| matches!(u, Unsure::Failed(_)))
    }

    /// Records that reading the whole table failed, with the first error,
    /// unless detection already said it failed.
    pub fn failed_with(&mut self, message: &str) {
        if !self.failed() {
            self.unsure.push(Unsure::Failed(message.to_owned()));
        }
    }

    /// Each reason as a sentence.
    #[must_use]
    pub fn reasons(&self) -> Vec<String> {
        self.unsure
            .iter()
            .map(|u| u.describe(&self.header, self.mapping.as_ref()))
            .collect()
    }

    /// How the first rows' cells in column `col` read as start dates with
    /// `order` (`None`: as the column decides), for the user to compare
    /// orders: `Ok("6 November 2025")` or `Err(why not)`.
    #[must_use]
    pub fn dates_in(&self, col: usize, order: Option<DateOrder>) -> Vec<Result<String, String>> {
        if col >= self.header.len() {
            return Vec::new();
        }
        let dates = self.column_dates(col, order);
        (0..self.rows.len())
            .map(|row| {
                let cell = self.sample.cell(row, col);
                if cell.is_empty() {
                    Err("empty".to_owned())
                } else {
                    dates.when(cell).map(|when| when.words())
                }
            })
            .collect()
    }

    /// How column `col` is read with `order`: as detection read the whole
    /// column when that is the question, else from the sample.
    fn column_dates(&self, col: usize, order: Option<DateOrder>) -> ColumnDates {
        if let Some(m) = &self.mapping
            && m.start == col
            && order == self.options.date_order
        {
            return m.start_dates.clone();
        }
        let options = LoadOptions {
            date_order: order,
            ..LoadOptions::default()
        };
        mapping::column_dates(&self.sample, col, &options, &mut Vec::new())
    }

    /// True when column `col`'s first rows are mostly dates, as detection
    /// counts them: a candidate for the start or the end.
    #[must_use]
    pub fn holds_dates(&self, col: usize) -> bool {
        self.dated.get(col).copied().unwrap_or(false)
    }
}

/// Detection with `options`, and why it may be wrong. When it fails, the
/// mapping detection finds without the options' columns, or with the
/// first column that mostly holds dates as the start, is offered instead,
/// so the user starts from a guess.
fn understand(table: &Table, options: &LoadOptions) -> (Option<Mapping>, Vec<Unsure>) {
    if table.header.iter().all(|h| h.trim().is_empty()) {
        return (
            None,
            vec![Unsure::Failed(
                "the table has no header row naming its columns".to_owned(),
            )],
        );
    }
    match mapping::detect(table, options) {
        Ok(found) => {
            let mut unsure = Vec::new();
            if found.start_found == Found::Content {
                unsure.push(Unsure::StartByContent);
            }
            if found.start_dates.order_is_guess() {
                unsure.push(Unsure::OrderAssumed(found.start_dates.order));
            }
            if matches!(found.title, Title::Composed(_))
                && !options.compose_title
                && options.title_column.is_none()
            {
                unsure.push(Unsure::TitleComposed);
            }
            (Some(found), unsure)
        }
        Err(message) => {
            let plain = LoadOptions {
                sheet: options.sheet.clone(),
                date_order: options.date_order,
                ..LoadOptions::default()
            };
            let detected = (plain != *options)
                .then(|| mapping::detect(table, &plain).ok())
                .flatten();
            // Else the first column with more dates than not, though too
            // few for detection to trust: the user then only confirms.
            let guess = detected.or_else(|| {
                let col = (0..table.header.len()).find(|&c| mapping::looks_like_dates(table, c))?;
                let named = LoadOptions {
                    start_column: Some(table.header[col].trim().to_owned()),
                    ..plain.clone()
                };
                mapping::detect(table, &named).ok()
            });
            (guess, vec![Unsure::Failed(message)])
        }
    }
}

#[cfg(test)]
#[path = "preview_tests.rs"]
mod tests;
