//! Which column is what: the start (and end) date, the title, the lane,
//! the description, links, tags and status, found by header name in several
//! languages and confirmed by content. Overrides from [`LoadOptions`] win.

use std::fmt::Write as _;

use super::column_dates::{as_number, date_stats, start_and_end};
use super::dates::{self, DateOrder, NumberKind};
use super::names::{
    CLOCK, COMPOSE, DESCRIPTION, END, END_CLOCK, LANE, SOURCE, START, STATUS, TAGS, TITLE, URL,
};
use super::{Cell, Table};
use crate::escape::{backticked, label};
use crate::io::options::LoadOptions;

pub(super) use super::column_dates::column_dates;
pub use super::column_dates::{ColumnDates, OrderSource, When};

/// How a column was found, which says how sure the guess is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Named in the [`LoadOptions`].
    Given,
    /// By its header name, confirmed by its content.
    Header,
    /// By its content alone: no header names it (a guess worth showing).
    Content,
}

/// How the title of each event is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Title {
    /// From one column.
    Column(usize),
    /// Joined from these columns (no title column); empty: "Row N".
    Composed(Vec<usize>),
}

/// The columns found, by index into the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// The start date.
    pub start: usize,
    /// How the start column was found.
    pub start_found: Found,
    /// How the start column's dates are read.
    pub start_dates: ColumnDates,
    /// A separate time-of-day column.
    pub time: Option<usize>,
    /// The end date.
    pub end: Option<usize>,
    /// A separate time-of-day column for the end.
    pub end_time: Option<usize>,
    /// How the end column's dates are read.
    pub end_dates: Option<ColumnDates>,
    /// The title.
    pub title: Title,
    /// Longer text.
    pub description: Option<usize>,
    /// Values become lanes.
    pub lane: Option<usize>,
    /// A link per row.
    pub url: Option<usize>,
    /// Source names.
    pub source: Option<usize>,
    /// Tags.
    pub tags: Option<usize>,
    /// Status words.
    pub status: Option<usize>,
    /// What detection was unsure about.
    pub warnings: Vec<String>,
}

impl Mapping {
    /// Columns whose values the event holds elsewhere than in its fields.
    #[must_use]
    pub fn used_columns(&self) -> Vec<usize> {
        let mut used = vec![self.start];
        used.extend(
            [
                self.time,
                self.end,
                self.end_time,
                self.description,
                self.lane,
                self.url,
                self.source,
                self.tags,
                self.status,
            ]
            .into_iter()
            .flatten(),
        );
        if let Title::Column(col) = self.title {
            used.push(col);
        }
        used
    }

    /// `start: event_date, title: composed from sub_event_type, actor1,
    /// location; lane: event_type`.
    #[must_use]
    pub fn describe(&self, header: &[String]) -> String {
        // Names as the file writes them, but never a control or bidi
        // character, nor a header of 20,000 characters, on a terminal.
        let name = |col: usize| {
            header
                .get(col)
                .map_or_else(|| "?".to_owned(), |h| label(h.trim()))
        };
        let mut start = format!("start: {}", name(self.start));
        if let Some(time) = self.time {
            let _ = write!(start, " + {}", name(time));
        }
        if let Some(kind) = self.start_dates.numbers {
            let _ = write!(start, " ({})", kind.name());
        } else if self.start_dates.numeric {
            start.push_str(match self.start_dates.order {
                DateOrder::Dmy => " (day/month)",
                DateOrder::Mdy => " (month/day)",
            });
        }
        let mut parts = vec![start];
        if let Some(end) = self.end {
            let mut part = format!("end: {}", name(end));
            if let Some(time) = self.end_time {
                let _ = write!(part, " + {}", name(time));
            }
            parts.push(part);
        }
        parts.push(match &self.title {
            Title::Column(col) => format!("title: {}", name(*col)),
            Title::Composed(cols) if cols.is_empty() => "title: row numbers".to_owned(),
            Title::Composed(cols) => format!(
                "title: composed from {}",
                cols.iter().map(|&c| name(c)).collect::<Vec<_>>().join(", ")
            ),
        });
        // Dates and title read as one phrase; the lane after a semicolon
        // (a composed title's own list has commas).
        let mut out = parts.join(", ");
        if let Some(lane) = self.lane {
            let _ = write!(out, "; lane: {}", name(lane));
        }
        out
    }
}

/// A header name reduced to lower-case letters and digits without
/// accents: `Date de début` is `datededebut`, as the tables in
/// [`super::names`] write it, however the accents were typed (or not).
#[must_use]
pub fn normalise(name: &str) -> String {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        decompose_canonical(c, |d| {
            if d.is_alphanumeric() && !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

fn find_named(table: &Table, names: &[&str], skip: &[usize]) -> Vec<usize> {
    let normalised: Vec<String> = table.header.iter().map(|h| normalise(h)).collect();
    names
        .iter()
        .filter_map(|name| {
            normalised
                .iter()
                .enumerate()
                .position(|(i, h)| h == name && !skip.contains(&i))
        })
        .collect()
}

/// The column a user named: by exact header, then ignoring case and
/// punctuation.
fn named_column(table: &Table, wanted: &str, what: &str) -> Result<usize, String> {
    let exact = table.header.iter().position(|h| h.trim() == wanted.trim());
    exact
        .or_else(|| {
            let w = normalise(wanted);
            table.header.iter().position(|h| normalise(h) == w)
        })
        .ok_or_else(|| {
            format!(
                "there is no column {} for the {what}; the columns are: {}",
                backticked(wanted),
                list(&table.header)
            )
        })
}

/// The header's names for a message, each in backticks, escaped and cut.
fn list(header: &[String]) -> String {
    header
        .iter()
        .map(|h| backticked(h))
        .collect::<Vec<_>>()
        .join(", ")
}

const SAMPLE: usize = 2000;

/// Finds every role's column.
///
/// # Errors
/// When no column holds dates, or a column named in `options` does not exist.
pub fn detect(table: &Table, options: &LoadOptions) -> Result<Mapping, String> {
    let mut warnings = Vec::new();
    let (start, start_found) = match &options.start_column {
        Some(name) => (named_column(table, name, "start date")?, Found::Given),
        None => find_date_column(table, START, &[]).ok_or_else(|| {
            format!(
                "no column holds dates: looked for a header such as `date`, `start` or `datum` and for a column of dates; the columns are: {}; name it with --start-column",
                list(&table.header)
            )
        })?,
    };
    let mut used = vec![start];
    let end = match &options.end_column {
        Some(name) => Some(named_column(table, name, "end date")?),
        None if options.moments_only => None,
        None => find_date_column(table, END, &used).map(|(col, _)| col),
    };
    let (start_dates, end_dates) = start_and_end(table, start, end, options, &mut warnings);
    used.extend(end);
    let start_stats = date_stats(table, start, SAMPLE);
    let time = if start_stats.timed == 0 && start_dates.numbers.is_none() {
        find_named(table, CLOCK, &used)
            .into_iter()
            .find(|&col| clock_rate(table, col) >= 0.8)
    } else {
        None
    };
    used.extend(time);
    let end_time = match (time, end) {
        (Some(_), Some(_)) => find_named(table, END_CLOCK, &used)
            .into_iter()
            .find(|&col| clock_rate(table, col) >= 0.8),
        _ => None,
    };
    used.extend(end_time);
    let lane = match &options.lane_column {
        Some(name) => Some(named_column(table, name, "lane")?),
        None if options.single_lane => None,
        None => find_named(table, LANE, &used)
            .into_iter()
            .find(|&col| lane_like(table, col)),
    };
    used.extend(lane);
    let title = match &options.title_column {
        Some(name) => Title::Column(named_column(table, name, "title")?),
        None if options.compose_title => Title::Composed(Vec::new()),
        None => find_named(table, TITLE, &used)
            .into_iter()
            .find(|&col| text_like(table, col))
            .map_or(Title::Composed(Vec::new()), Title::Column),
    };
    if let Title::Column(col) = title {
        used.push(col);
    }
    let pick = |names: &[&str], used: &mut Vec<usize>, test: &dyn Fn(usize) -> bool| {
        let found = find_named(table, names, used)
            .into_iter()
            .find(|&c| test(c));
        used.extend(found);
        found
    };
    let description = pick(DESCRIPTION, &mut used, &|c| text_like(table, c));
    let url = pick(URL, &mut used, &|c| link_like(table, c));
    let source = pick(SOURCE, &mut used, &|c| text_like(table, c));
    let tags = pick(TAGS, &mut used, &|_| true);
    let status = pick(STATUS, &mut used, &|c| lane_like(table, c));
    let title = match title {
        Title::Composed(_) => {
            let dates: Vec<usize> = [Some(start), end, time, end_time]
                .into_iter()
                .flatten()
                .collect();
            Title::Composed(compose(table, &used, &dates))
        }
        column @ Title::Column(_) => column,
    };
    Ok(Mapping {
        start,
        start_found,
        start_dates,
        time,
        end,
        end_time,
        end_dates,
        title,
        description,
        lane,
        url,
        source,
        tags,
        status,
        warnings,
    })
}

/// True when most of the first rows of column `col` are dates.
pub(super) fn looks_like_dates(table: &Table, col: usize) -> bool {
    let stats = date_stats(table, col, SAMPLE);
    stats.parsed > 0 && stats.rate() >= 0.5
}

/// The first column named like a date role whose content is mostly dates;
/// for the start, else the leftmost column of text dates. Says whether a
/// header or only the content pointed at it.
fn find_date_column(table: &Table, names: &[&str], skip: &[usize]) -> Option<(usize, Found)> {
    let qualifies = |col: usize| looks_like_dates(table, col);
    // Headers such as "Date of event" or "Publication date".
    let stems: &[&str] = if names == START {
        &["date", "datum", "fecha", "start", "begin"]
    } else {
        &["end", "until", "finish"]
    };
    let stemmed = |also: &dyn Fn(usize) -> bool| {
        (0..table.header.len()).find(|&col| {
            let n = normalise(&table.header[col]);
            !skip.contains(&col)
                && stems.iter().any(|s| n.contains(s))
                && (names != START
                    || !["end", "until", "update", "modif"]
                        .iter()
                        .any(|s| n.contains(s)))
                && also(col)
                && qualifies(col)
        })
    };
    if let Some(col) = find_named(table, names, skip)
        .into_iter()
        .find(|&c| qualifies(c))
    {
        // GDELT's `Year` beside its `SQLDATE`: a column of years would
        // lose the days that a column named like a date holds.
        let years = |c: usize| date_stats(table, c, SAMPLE).numbers == Some(NumberKind::Year);
        if names == START
            && years(col)
            && let Some(finer) = stemmed(&|c| c != col && !years(c))
        {
            return Some((finer, Found::Header));
        }
        return Some((col, Found::Header));
    }
    let stemmed = stemmed(&|_| true);
    if stemmed.is_some() || names != START {
        return stemmed.map(|col| (col, Found::Header));
    }
    // No header says so: the leftmost column of written dates (not numbers,
    // which are as likely counts).
    let by_content = (0..table.header.len()).find(|&col| {
        let stats = date_stats(table, col, SAMPLE);
        !skip.contains(&col) && stats.numbers.is_none() && stats.parsed > 0 && stats.rate() >= 0.9
    });
    // Else the column whose header says it holds the start, although few
    // of its values are dates: reading it then names it and its values.
    by_content.map(|col| (col, Found::Content)).or_else(|| {
        find_named(table, names, skip)
            .first()
            .map(|&col| (col, Found::Header))
    })
}

fn non_empty(table: &Table, col: usize) -> impl Iterator<Item = &Cell> {
    table
        .rows
        .iter()
        .take(SAMPLE)
        .filter_map(move |r| r.get(col))
        .filter(|c| !c.is_empty())
}

fn clock_rate(table: &Table, col: usize) -> f64 {
    let (mut all, mut clocks) = (0_u32, 0_u32);
    for cell in non_empty(table, col) {
        all += 1;
        clocks += u32::from(dates::parse_clock(&cell.text()).is_some());
    }
    if all == 0 {
        0.0
    } else {
        f64::from(clocks) / f64::from(all)
    }
}

/// Mostly text, not numbers.
fn text_like(table: &Table, col: usize) -> bool {
    let (mut all, mut numbers) = (0_usize, 0_usize);
    for cell in non_empty(table, col) {
        all += 1;
        numbers += usize::from(as_number(cell).is_some());
    }
    all > 0 && numbers * 2 < all
}

/// Few distinct values: a column that groups rows.
fn lane_like(table: &Table, col: usize) -> bool {
    let mut distinct = std::collections::HashSet::new();
    let mut all = 0;
    for cell in non_empty(table, col) {
        all += 1;
        distinct.insert(cell.text());
    }
    all > 0 && distinct.len() <= 60 && (distinct.len() <= 12 || distinct.len() * 2 <= all)
}

fn link_like(table: &Table, col: usize) -> bool {
    let (mut all, mut links) = (0_usize, 0_usize);
    for cell in non_empty(table, col) {
        all += 1;
        let t = cell.text();
        links += usize::from(t.starts_with("http://") || t.starts_with("https://"));
    }
    all > 0 && links * 2 > all
}

/// The columns a title is composed from when none is named one: what
/// happened, who, where; else the first short text columns.
fn compose(table: &Table, used: &[usize], dates: &[usize]) -> Vec<usize> {
    let mut parts: Vec<usize> = COMPOSE
        .iter()
        .filter_map(|names| {
            find_named(table, names, used)
                .into_iter()
                .find(|&c| text_like(table, c))
        })
        .collect();
    parts.dedup();
    if !parts.is_empty() {
        return parts;
    }
    let short = |c: usize| {
        let (mut n, mut len) = (0_usize, 0_usize);
        for cell in non_empty(table, c) {
            n += 1;
            len += cell.text().chars().count();
        }
        n > 0 && len / n <= 80
    };
    let free: Vec<usize> = (0..table.header.len())
        .filter(|c| !used.contains(c) && text_like(table, *c) && !link_like(table, *c) && short(*c))
        .take(2)
        .collect();
    if !free.is_empty() {
        return free;
    }
    // Only the lane and numbers are left ("date, amount, category"): say
    // those, text first, rather than nothing.
    let (text, other): (Vec<usize>, Vec<usize>) = (0..table.header.len())
        .filter(|c| !dates.contains(c) && short(*c))
        .partition(|c| text_like(table, *c));
    text.into_iter().chain(other).take(2).collect()
}
