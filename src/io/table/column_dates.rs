//! How one column's dates are read: what its values look like as dates
//! (numbers of one kind, written dates, EDTF), the day/month order of its
//! numeric dates decided from the whole column, and each cell read so.

use super::dates::{self, DateOrder, NumberKind, OrderEvidence};
use super::mapping::normalise;
use super::names::YEAR;
use super::{Cell, Table};
use crate::escape::{backticked, quote};
use crate::io::options::LoadOptions;
use crate::time::{Bound, Date, Edtf, Precision, span_words};

/// Where the day/month order of a column's numeric dates came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderSource {
    /// The [`LoadOptions`] named it.
    Given,
    /// The column settled it (some day or month is over 12, or its dates
    /// are dotted), or the table's other date column did.
    Settled,
    /// Nothing settled it: the default was assumed (only a guess when the
    /// column has ambiguous numeric dates at all, see [`ColumnDates::numeric`]).
    Assumed,
}

/// How one column's dates are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnDates {
    /// Order of numeric day/month dates.
    pub order: DateOrder,
    /// Where that order came from.
    pub order_source: OrderSource,
    /// The column's numbers are dates of this kind.
    pub numbers: Option<NumberKind>,
    /// Every timestamp in the column is midnight: they are days.
    pub midnight_is_day: bool,
    /// The column has ambiguous numeric dates (so the order is worth saying).
    pub numeric: bool,
}

impl ColumnDates {
    /// True when the column's numeric dates fit both orders and nobody
    /// chose one: the order read is a guess.
    #[must_use]
    pub fn order_is_guess(&self) -> bool {
        self.numeric && self.order_source == OrderSource::Assumed
    }

    /// Reads one cell as a plain date (an EDTF cell as the date that
    /// stands in for it: the start of its window or interval).
    ///
    /// # Errors
    /// A short reason when the cell holds no date.
    pub fn read(&self, cell: &Cell) -> Result<Date, String> {
        self.when(cell).map(|when| when.stand_in())
    }

    /// Reads one cell: a plain date, or EDTF that no plain date says.
    ///
    /// # Errors
    /// A short reason when the cell holds no date, its text quoted.
    pub fn when(&self, cell: &Cell) -> Result<When, String> {
        let date = match cell {
            Cell::Empty => return Err("it is empty".to_owned()),
            Cell::Date(d) => *d,
            Cell::Number(v) => match self.numbers {
                Some(kind) => dates::date_from_number(*v, kind)?,
                None => dates::serial_date(*v).ok_or_else(|| format!("{v} is not a date"))?,
            },
            Cell::Text(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return Err("it is empty".to_owned());
                }
                match (self.numbers, text.parse::<f64>()) {
                    (Some(kind), Ok(v)) => dates::date_from_number(v, kind)?,
                    _ => match dates::shape(text) {
                        Some(shape) => dates::resolve(shape, self.order)?,
                        None => return edtf(text).map(|edtf| When::Edtf(Box::new(edtf))),
                    },
                }
            }
        };
        Ok(When::Date(if self.midnight_is_day {
            day_if_midnight(date)
        } else {
            date
        }))
    }
}

/// What one date cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// A plain date, at the precision written.
    Date(Date),
    /// EDTF (`2025-11~`, `201X`, `[2025-11-03..2025-11-07]`,
    /// `2025-11-03/2025-11-05`): what the event's `EdtfDates` keep. Boxed:
    /// a table's rows are nearly all plain dates.
    Edtf(Box<Edtf>),
}

impl When {
    /// The plain date standing in: the date itself, or the start of the
    /// EDTF window or interval.
    #[must_use]
    pub fn stand_in(&self) -> Date {
        match self {
            Self::Date(date) => *date,
            Self::Edtf(edtf) => edtf.start().stand_in(),
        }
    }

    /// The date in words, as the Columns dialog shows a cell: "6 November
    /// 2025", "around November 2025", "3–5 November 2025".
    #[must_use]
    pub fn words(&self) -> String {
        match self {
            Self::Date(date) => date.to_string(),
            Self::Edtf(edtf) => span_words(edtf.start(), edtf.end()),
        }
    }

    /// The cell as one bound of an event; `None` for an interval, which is
    /// a whole event's dates.
    #[must_use]
    pub fn bound(self) -> Option<Bound> {
        match self {
            Self::Date(date) => Some(Bound::from_date(date)),
            Self::Edtf(edtf) => match *edtf {
                Edtf::Single(bound) => Some(bound),
                Edtf::Interval { .. } => None,
            },
        }
    }
}

/// A text the plain forms do not read, as EDTF; else why it is no date.
fn edtf(text: &str) -> Result<Edtf, String> {
    match dates::edtf(text) {
        Some(Ok(edtf)) => Ok(edtf),
        Some(Err(e)) => Err(format!(
            "{} is not a date: {}",
            quote(match e.date_in(text) {
                "" => text,
                part => part,
            }),
            e.message
        )),
        None => Err(format!("{} is not a date", quote(text))),
    }
}

/// A timestamp at exactly midnight in a column where every value is
/// midnight is a date: `1879-03-14T00:00:00Z` is 14 March 1879.
fn day_if_midnight(date: Date) -> Date {
    if date.precision() > Precision::Day && date.clock() == (0, 0, 0, 0) {
        Date::ymd(date.year_number(), date.month(), date.day()).unwrap_or(date)
    } else {
        date
    }
}

/// What a column's values look like as dates.
#[derive(Clone, Debug, Default)]
pub(super) struct DateStats {
    pub(super) non_empty: usize,
    pub(super) parsed: usize,
    pub(super) numbers: Option<NumberKind>,
    evidence: OrderEvidence,
    /// Values with a time of day, and those at exactly midnight.
    pub(super) timed: usize,
    midnight: usize,
}

impl DateStats {
    pub(super) fn rate(&self) -> f64 {
        if self.non_empty == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)] // Row counts are far below 2^52.
        let rate = self.parsed as f64 / self.non_empty as f64;
        rate
    }
}

fn header_says_year(name: &str) -> bool {
    let n = normalise(name);
    n.contains("year") || YEAR.contains(&n.as_str())
}

/// The cell as a plain number, when it is written as one.
pub(super) fn as_number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(v) => Some(*v),
        Cell::Text(t) => {
            let t = t.trim();
            // "2025-11" parses as no number; "1e5" is not a date anyone writes.
            if t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.' || b == b'+')
                && t.bytes().any(|b| b.is_ascii_digit())
            {
                t.parse().ok()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Examines the first `limit` rows of column `col` as dates.
pub(super) fn date_stats(table: &Table, col: usize, limit: usize) -> DateStats {
    let mut stats = DateStats::default();
    let cells: Vec<&Cell> = table
        .rows
        .iter()
        .take(limit)
        .filter_map(|r| r.get(col))
        .filter(|c| !c.is_empty())
        .collect();
    stats.non_empty = cells.len();
    let numbers: Vec<f64> = cells.iter().filter_map(|c| as_number(c)).collect();
    // Mostly numbers: a column of years, timestamps or serial dates. Decided
    // by the numbers alone, so that a few `n/a` or typed dates among them
    // do not turn Unix seconds into years.
    if numbers.len() * 2 > stats.non_empty {
        stats.numbers = dates::number_kind(&numbers, header_says_year(&table.header[col]));
        if let Some(kind) = stats.numbers {
            let others = cells.iter().filter(|c| as_number(c).is_none());
            let readable = others.filter(|c| reads_beside_numbers(c, kind)).count();
            stats.parsed = numbers.len() + readable;
            return stats;
        }
        // Counts, not dates, when there is little else (nine in ten).
        if numbers.len() * 10 >= stats.non_empty * 9 {
            return stats;
        }
    }
    for cell in cells {
        let shape = match cell {
            Cell::Date(d) => Some(dates::Shape::Done(*d)),
            Cell::Text(t) => dates::shape(t),
            Cell::Number(v) => dates::shape(&Cell::Number(*v).text()),
            Cell::Empty => None,
        };
        let Some(shape) = shape else {
            if let Cell::Text(t) = cell
                && matches!(dates::edtf(t), Some(Ok(_)))
            {
                stats.parsed += 1;
            }
            continue;
        };
        stats.parsed += 1;
        stats.evidence.add(&shape);
        if let dates::Shape::Done(d) = shape
            && d.precision() > Precision::Day
        {
            stats.timed += 1;
            if d.clock() == (0, 0, 0, 0) {
                stats.midnight += 1;
            }
        }
    }
    stats
}

/// True when a cell that is no number still reads as a date in a column
/// of numbers of `kind` (a typed date, an ISO date among serials).
fn reads_beside_numbers(cell: &Cell, kind: NumberKind) -> bool {
    let dates = ColumnDates {
        order: DateOrder::Dmy,
        order_source: OrderSource::Assumed,
        numbers: Some(kind),
        midnight_is_day: false,
        numeric: false,
    };
    dates.when(cell).is_ok()
}

/// How the start column and the end column (if any) read their dates,
/// from every row. Each column's own dates decide its order first; a
/// column they leave undecided takes the order the other one settled (a
/// table writes its dates one way, so the start's `13/11/2025` settles the
/// end's `01/12/2025`); only what is still undecided is assumed, with a
/// warning in `warnings`.
pub(super) fn start_and_end(
    table: &Table,
    start: usize,
    end: Option<usize>,
    options: &LoadOptions,
    warnings: &mut Vec<String>,
) -> (ColumnDates, Option<ColumnDates>) {
    let start_stats = date_stats(table, start, usize::MAX);
    let end_stats = end.map(|col| (col, date_stats(table, col, usize::MAX)));
    let settled_by_end = end_stats.as_ref().and_then(|(_, s)| s.evidence.settled());
    let settled_by_start = start_stats.evidence.settled();
    let start_dates = decide(
        table,
        start,
        &start_stats,
        options,
        settled_by_end,
        warnings,
    );
    let end_dates = end_stats
        .map(|(col, stats)| decide(table, col, &stats, options, settled_by_start, warnings));
    (start_dates, end_dates)
}

/// Reads the whole column `col` to decide its order and kind, on its own.
pub(super) fn column_dates(
    table: &Table,
    col: usize,
    options: &LoadOptions,
    warnings: &mut Vec<String>,
) -> ColumnDates {
    let stats = date_stats(table, col, usize::MAX);
    decide(table, col, &stats, options, None, warnings)
}

/// The order of column `col`'s numeric dates: as the options say, as the
/// column settles it, as `elsewhere` (the table's other date column)
/// settled it, or assumed with a warning.
fn decide(
    table: &Table,
    col: usize,
    stats: &DateStats,
    options: &LoadOptions,
    elsewhere: Option<DateOrder>,
    warnings: &mut Vec<String>,
) -> ColumnDates {
    let evidence = stats.evidence;
    let mixed = evidence.day_first && evidence.month_first;
    let (order, order_source) = match (options.date_order, evidence.settled(), elsewhere) {
        (Some(order), _, _) => (order, OrderSource::Given),
        (None, Some(order), _) => (order, OrderSource::Settled),
        (None, None, Some(order)) if !mixed => (order, OrderSource::Settled),
        (None, None, _) if evidence.numeric => {
            let order = evidence.default_order();
            let (read, other) = match order {
                DateOrder::Dmy => ("day first", DateOrder::Mdy),
                DateOrder::Mdy => ("month first", DateOrder::Dmy),
            };
            let why = if mixed {
                "mixes day-first and month-first dates"
            } else {
                "has no day over 12, so its dates could be day/month or month/day"
            };
            warnings.push(format!(
                "the column {} {why}; they are read {read} (use --date-order {} otherwise)",
                backticked(&table.header[col]),
                other.name()
            ));
            (order, OrderSource::Assumed)
        }
        (None, None, _) => (DateOrder::Dmy, OrderSource::Assumed),
    };
    ColumnDates {
        order,
        order_source,
        numbers: stats.numbers,
        midnight_is_day: stats.timed > 0 && stats.midnight == stats.timed,
        numeric: evidence.numeric,
    }
}
