//! Tables people already have: CSV, TSV and semicolon exports, Excel and
//! `LibreOffice` sheets, Parquet. Each source only turns its bytes into a
//! [`Table`] of cells; one shared core finds the columns ([`mapping`]),
//! reads the dates ([`dates`]) and builds the timeline, so every table
//! format understands the same headers and date forms.
//!
//! Every column the mapping does not use is kept as a field of the event
//! (`Event::fields`), so nothing in the table is lost.

pub mod column_dates;
pub mod dates;
pub mod delimited;
pub mod mapping;
pub mod names;
pub mod parquet;
pub mod preview;
mod row_dates;
pub mod sheet;

use std::collections::HashMap;

use super::diag::{Cutoff, Diagnostic, LineIndex, MAX_DIAGNOSTICS, Severity};
use super::options::LoadOptions;
use crate::escape::{backticked, quote};
use crate::model::{Event, Lane, Source, Timeline};
use crate::time::Date;
use column_dates::When;
use mapping::{Mapping, Title};
pub(crate) use row_dates::event_dates;

/// One cell as a source holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing written.
    Empty,
    /// Text, as written.
    Text(String),
    /// A number (spreadsheets and Parquet keep numbers typed).
    Number(f64),
    /// A value the source already typed as a date or time.
    Date(Date),
}

impl Cell {
    /// The cell as text, for titles and fields.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(s) => s.trim().to_owned(),
            Self::Number(v) => {
                if v.fract() == 0.0 && v.abs() < 1e15 {
                    format!("{v:.0}")
                } else {
                    v.to_string()
                }
            }
            Self::Date(d) => d.to_iso(),
        }
    }

    /// True when nothing (or only spaces) is written.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// Where a table's rows come from, for diagnostics with line and column.
#[derive(Clone, Debug)]
pub enum Places {
    /// Delimited text: the text, its delimiter, and the byte offset where
    /// the header and each row start.
    Text {
        /// The decoded text.
        text: String,
        /// The field separator.
        delimiter: u8,
        /// Offset of the header row.
        header_at: usize,
        /// Offset of each data row.
        rows: Vec<usize>,
    },
    /// A grid (a sheet, a Parquet file): the 1-based row number of the
    /// header and of each data row; columns are counted from 1.
    Grid {
        /// Row number of the header.
        header_row: usize,
        /// Row number of each data row; rows past its end follow the
        /// header one by one (a Parquet file's millions of rows need no
        /// list).
        rows: Vec<usize>,
    },
}

/// A table: a header and rows of cells, row-major.
#[derive(Clone, Debug)]
pub struct Table {
    /// The header's names, one per column.
    pub header: Vec<String>,
    /// The data rows; a row may be shorter than the header.
    pub rows: Vec<Vec<Cell>>,
    /// Where each row is written.
    pub places: Places,
}

impl Table {
    /// Cell `column` of row `row`, `Empty` when the row is short.
    #[must_use]
    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .unwrap_or(&Cell::Empty)
    }
}

/// Collects diagnostics at rows and cells of a table.
///
/// Warnings past [`MAX_DIAGNOSTICS`] are counted, not kept (a million rows
/// without a date must not print a million lines), and `io::diag`'s
/// [`Cutoff`] says how many. Errors are always kept: a table reader has
/// only a few, and the last is often the verdict ("150 of 151 rows have no
/// usable date"), which a cut-off must never hide.
pub(crate) struct Report<'t> {
    file: &'t str,
    places: &'t Places,
    lines: Option<LineIndex>,
    items: Vec<Diagnostic>,
    warnings: usize,
    dropped: Cutoff,
}

impl<'t> Report<'t> {
    pub(crate) fn new(file: &'t str, places: &'t Places) -> Self {
        let lines = match places {
            Places::Text { text, .. } => Some(LineIndex::new(text)),
            Places::Grid { .. } => None,
        };
        Self {
            file,
            places,
            lines,
            items: Vec::new(),
            warnings: 0,
            dropped: Cutoff::default(),
        }
    }

    /// Line and column of cell `column` of data row `row` (`None`: the header).
    fn position(&self, row: Option<usize>, column: usize) -> (usize, usize) {
        match self.places {
            Places::Text {
                text,
                delimiter,
                header_at,
                rows,
            } => {
                let start = row.map_or(*header_at, |r| rows.get(r).copied().unwrap_or(0));
                let at = cell_offset(text, start, *delimiter, column);
                self.lines
                    .as_ref()
                    .map_or((1, 1), |lines| lines.position(text, at))
            }
            Places::Grid { header_row, rows } => {
                let line = row.map_or(*header_row, |r| {
                    rows.get(r).copied().unwrap_or(*header_row + 1 + r)
                });
                (line, column + 1)
            }
        }
    }

    pub(crate) fn push(
        &mut self,
        row: Option<usize>,
        column: usize,
        severity: Severity,
        message: impl Into<String>,
    ) {
        if severity == Severity::Warning {
            if self.warnings >= MAX_DIAGNOSTICS {
                self.dropped.count(severity);
                return;
            }
            self.warnings += 1;
        }
        let (line, column) = self.position(row, column);
        self.items.push(Diagnostic {
            file: self.file.to_owned(),
            line,
            column,
            severity,
            message: message.into(),
        });
    }

    pub(crate) fn warning(
        &mut self,
        row: Option<usize>,
        column: usize,
        message: impl Into<String>,
    ) {
        self.push(row, column, Severity::Warning, message);
    }

    pub(crate) fn error(&mut self, row: Option<usize>, column: usize, message: impl Into<String>) {
        self.push(row, column, Severity::Error, message);
    }

    fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics in the order they were found, with the cut-off line
    /// right after the last warning shown when warnings were left out: the
    /// errors found after it (the verdict on the table) stay last, where a
    /// reader of the terminal looks.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        let last_warning = self
            .items
            .iter()
            .rposition(|d| d.severity == Severity::Warning);
        let (at, line, column) = last_warning.map_or((0, 1, 1), |i| {
            (i + 1, self.items[i].line, self.items[i].column)
        });
        if let Some(cutoff) = self.dropped.diagnostic(self.file, line, column) {
            self.items.insert(at, cutoff);
        }
        self.items
    }
}

/// Byte offset of cell `column` in the row starting at `start`, following
/// quotes the way the `csv` crate does.
fn cell_offset(text: &str, start: usize, delimiter: u8, column: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    for _ in 0..column {
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            while let Some(&b) = bytes.get(i) {
                i += 1;
                if b == b'"' {
                    if bytes.get(i) == Some(&b'"') {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        while bytes
            .get(i)
            .is_some_and(|&b| b != delimiter && b != b'\n' && b != b'\r')
        {
            i += 1;
        }
        if bytes.get(i) == Some(&delimiter) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// A table read into a timeline, with how its columns were understood.
pub struct TableRead {
    /// The timeline and its warnings, or the errors.
    pub result: super::native::ReadResult,
    /// `start: event_date, title: headline; lane: type`.
    pub mapping: Option<String>,
}

/// Finds the columns of `table` and builds its timeline.
#[must_use]
pub fn read(file: &str, table: &Table, default_title: &str, options: &LoadOptions) -> TableRead {
    let mut report = Report::new(file, &table.places);
    if table.header.iter().all(|h| h.trim().is_empty()) {
        report.error(None, 0, "the table has no header row naming its columns");
        return TableRead {
            result: Err(report.finish()),
            mapping: None,
        };
    }
    let mapping = match mapping::detect(table, options) {
        Ok(mapping) => mapping,
        Err(message) => {
            report.error(None, 0, message);
            return TableRead {
                result: Err(report.finish()),
                mapping: None,
            };
        }
    };
    let described = mapping.describe(&table.header);
    let result = build(table, &mapping, default_title, &mut report);
    TableRead {
        result: match result {
            Ok(timeline) => {
                let diagnostics = report.finish();
                if diagnostics.iter().any(|d| d.severity == Severity::Error) {
                    Err(diagnostics)
                } else {
                    Ok((timeline, diagnostics))
                }
            }
            Err(()) => Err(report.finish()),
        },
        mapping: Some(described),
    }
}

/// Fails the table (with an error naming the start column and a few of
/// the values seen there) when no row had a usable date, or when most of
/// at least four did not: the column is then not the dates. Shared by the
/// in-memory tables and the streamed Parquet reader.
pub(crate) fn enough_dated(
    report: &mut Report<'_>,
    (column, name): (usize, &str),
    dated: usize,
    skipped: usize,
    seen_bad: &[String],
) -> Result<(), ()> {
    let tried = dated + skipped;
    if dated > 0 && (tried < 4 || skipped * 2 <= tried) {
        return Ok(());
    }
    let seen = if seen_bad.is_empty() {
        String::new()
    } else {
        format!(" (values seen: {})", seen_bad.join(", "))
    };
    report.error(
        None,
        column,
        format!(
            "{skipped} of {tried} rows have no usable date in column {}{seen}; name the date column with --start-column",
            backticked(name),
        ),
    );
    Err(())
}

/// Rows with no lane value share the unnamed lane; beside named lanes it
/// is titled "Other" so the lane list reads.
pub(crate) fn title_unnamed_lane(lanes: &mut [Lane], lane_ids: &HashMap<String, usize>) {
    if lanes.len() > 1
        && let Some(&i) = lane_ids.get("")
    {
        "Other".clone_into(&mut lanes[i].title);
    }
}

/// Builds the events row by row. `Err` only when nothing useful came out
/// (the diagnostics say why).
fn build(
    table: &Table,
    mapping: &Mapping,
    default_title: &str,
    report: &mut Report<'_>,
) -> Result<Timeline, ()> {
    for warning in &mapping.warnings {
        report.warning(None, mapping.start, warning.clone());
    }
    let mut lanes: Vec<Lane> = Vec::new();
    let mut lane_ids: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::with_capacity(table.rows.len());
    let mut skipped = 0_usize;
    let mut seen_bad: Vec<String> = Vec::new();
    let used = mapping.used_columns();
    for (row, cells) in table.rows.iter().enumerate() {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let start_cell = table.cell(row, mapping.start);
        let start = match mapping.start_dates.when(start_cell) {
            Ok(when) => with_clock_column(when, table, row, mapping.time),
            Err(reason) => {
                skipped += 1;
                if seen_bad.len() < 5 && !start_cell.is_empty() {
                    seen_bad.push(quote(&start_cell.text()));
                }
                report.warning(
                    Some(row),
                    mapping.start,
                    format!(
                        "no usable date in {} ({reason}); the row is skipped",
                        backticked(&table.header[mapping.start])
                    ),
                );
                continue;
            }
        };
        let dates = event_dates(start, end_cell(table, row, mapping), &mut |message| {
            report.warning(Some(row), mapping.end.unwrap_or(mapping.start), message);
        });
        let mut event = Event::new(title(table, row, mapping), dates.start);
        event.id = format!("row-{}", row + 1);
        dates.apply(&mut event);
        if let Some(col) = mapping.description {
            event.description = table.cell(row, col).text();
        }
        let lane_name = mapping
            .lane
            .map(|col| table.cell(row, col).text())
            .unwrap_or_default();
        event.lane = *lane_ids.entry(lane_name.clone()).or_insert_with(|| {
            lanes.push(Lane {
                id: lane_name.clone(),
                title: lane_name.clone(),
                color: None,
            });
            lanes.len() - 1
        });
        details(table, row, mapping, &used, &mut event);
        events.push(event);
    }
    enough_dated(
        report,
        (mapping.start, &table.header[mapping.start]),
        events.len(),
        skipped,
        &seen_bad,
    )?;
    title_unnamed_lane(&mut lanes, &lane_ids);
    if report.has_errors() {
        return Err(());
    }
    Timeline::new(default_title, lanes, events, Vec::new()).map_err(|e| {
        report.error(None, 0, e.to_string());
    })
}

/// A plain day with the time of day of a separate clock column, when the
/// row has one (an EDTF date keeps what it says).
fn with_clock_column(when: When, table: &Table, row: usize, clock: Option<usize>) -> When {
    match (when, clock) {
        (When::Date(date), Some(col)) => When::Date(
            dates::parse_clock(&table.cell(row, col).text())
                .map_or(date, |clock| dates::with_clock(date, clock)),
        ),
        (when, _) => when,
    }
}

/// The end cell of row `row` as read, with its clock column; `None` when
/// there is no end column or the cell is empty.
fn end_cell(table: &Table, row: usize, mapping: &Mapping) -> Option<Result<When, String>> {
    let (col, dates) = (mapping.end?, mapping.end_dates.as_ref()?);
    let cell = table.cell(row, col);
    if cell.is_empty() {
        return None;
    }
    Some(
        dates
            .when(cell)
            .map(|end| with_clock_column(end, table, row, mapping.end_time)),
    )
}

/// Sources, tags, status and the other columns of row `row`.
fn details(table: &Table, row: usize, mapping: &Mapping, used: &[usize], event: &mut Event) {
    sources(table, row, mapping, &mut event.sources);
    if let Some(col) = mapping.tags {
        event.tags = split_list(&table.cell(row, col).text());
    }
    let mut status_field = None;
    if let Some(col) = mapping.status {
        let text = table.cell(row, col).text();
        event.status = names::status(&text);
        if event.status.is_none() && !text.is_empty() {
            status_field = Some((table.header[col].clone(), text));
        }
    }
    event.fields = table
        .header
        .iter()
        .enumerate()
        .filter(|(col, name)| !used.contains(col) && !name.trim().is_empty())
        .map(|(col, name)| (name.trim().to_owned(), table.cell(row, col).text()))
        .filter(|(_, value)| !value.is_empty())
        .chain(status_field)
        .collect();
}

fn title(table: &Table, row: usize, mapping: &Mapping) -> String {
    let text = match &mapping.title {
        Title::Column(col) => table.cell(row, *col).text(),
        Title::Composed(cols) => cols
            .iter()
            .map(|&col| table.cell(row, col).text())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" — "),
    };
    let line = text.lines().next().unwrap_or_default().trim();
    if line.is_empty() {
        format!("Row {}", row + 1)
    } else {
        line.to_owned()
    }
}

fn sources(table: &Table, row: usize, mapping: &Mapping, out: &mut Vec<Source>) {
    let url = mapping.url.map(|col| table.cell(row, col).text());
    let names = mapping
        .source
        .map(|col| table.cell(row, col).text())
        .unwrap_or_default();
    add_sources(url.as_deref(), &names, out);
}

/// The sources of a row: its source names (a list, links among them) and
/// its URL.
pub(crate) fn add_sources(url: Option<&str>, names: &str, out: &mut Vec<Source>) {
    // A source column of links is a list of URLs.
    let names: Vec<String> = split_list(names);
    for name in &names {
        if name.starts_with("http://") || name.starts_with("https://") {
            super::timelinejs::add_source(out, "", Some(name));
        } else {
            super::timelinejs::add_source(out, name, None);
        }
    }
    if let Some(url) = url.filter(|u| !u.is_empty()) {
        super::timelinejs::add_source(out, "", Some(url));
    }
}

/// `a; b; c` or `a, b, c` or `a | b`: the separator that occurs.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    let separator = [';', '|', ','].into_iter().find(|c| text.contains(*c));
    let parts: Vec<&str> = match separator {
        Some(c) => text.split(c).collect(),
        None => vec![text],
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(ToOwned::to_owned)
        .collect()
}
