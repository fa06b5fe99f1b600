//! A large Parquet file's events, built from the mapped columns alone, one
//! row group at a time, straight into the [`TimelineBuilder`]. The rules
//! are the table core's (`super::super::build`): the same skipped-row
//! warnings, titles, lanes, ends, sources, tags and status.

use std::borrow::Cow;
use std::collections::HashMap;

use ::parquet::file::reader::{ChunkReader, FileReader, SerializedFileReader};

use super::columns::{self, Chunk, Schema, Value};
use super::{damaged, in_column};
use crate::escape::backticked;
use crate::io::table::dates;
use crate::io::table::mapping::{ColumnDates, Mapping, Title, When};
use crate::io::table::{Cell, Report, enough_dated, event_dates, title_unnamed_lane};
use crate::model::{EventRecord, Lane, Source, Timeline, TimelineBuilder};
use crate::time::{Date, NANOS_PER_DAY, Precision, Time};

/// [`NANOS_PER_DAY`] in 64 bits.
const NANOS_PER_DAY_64: i64 = 86_400_000_000_000;

/// What a streamed read needs: the open file and how its columns map.
pub(super) struct Stream<'a, R: ChunkReader + 'static> {
    pub reader: &'a SerializedFileReader<R>,
    pub schema: &'a Schema,
    pub mapping: &'a Mapping,
    pub header: &'a [String],
    pub rows: usize,
    pub size: usize,
    /// Files of at most this many rows are read whole (for the warning).
    pub small_rows: usize,
}

/// At most this many events are reserved up front, whatever a (possibly
/// damaged) footer claims.
const MAX_RESERVED: usize = 1 << 26;

/// One row group's mapped columns, by table column.
struct Group {
    chunks: Vec<Option<Chunk>>,
    precisions: Vec<Precision>,
}

impl Group {
    fn value(&self, column: usize, row: usize) -> Value<'_> {
        self.chunks
            .get(column)
            .and_then(Option::as_ref)
            .map_or(Value::Null, |chunk| chunk.value(row))
    }

    fn cell(&self, column: usize, row: usize) -> Cell {
        let precision = self
            .precisions
            .get(column)
            .copied()
            .unwrap_or(Precision::Day);
        columns::cell(self.value(column, row), precision)
    }

    /// The cell as text, trimmed, borrowed when it is stored as text.
    fn text(&self, column: usize, row: usize) -> Cow<'_, str> {
        match self.value(column, row) {
            Value::Null => Cow::Borrowed(""),
            // `from_utf8` first: its check is much faster than the lossy
            // decoder's, and nearly every value passes it.
            Value::Text(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => Cow::Borrowed(text.trim()),
                Err(_) => Cow::Owned(String::from_utf8_lossy(bytes).trim().to_owned()),
            },
            _ => Cow::Owned(self.cell(column, row).text()),
        }
    }

    /// The date in `column`: typed dates directly, anything else as the
    /// table core reads a cell (text may hold EDTF).
    fn date(
        &self,
        column: usize,
        row: usize,
        dates: &ColumnDates,
        days: &mut DayCache,
    ) -> Result<When, String> {
        let precision = self
            .precisions
            .get(column)
            .copied()
            .unwrap_or(Precision::Day);
        match self.value(column, row) {
            Value::Instant(nanos) => Ok(When::Date(days.date(nanos, precision))),
            Value::Days(day) => Ok(When::Date(
                days.date(i128::from(day) * NANOS_PER_DAY, Precision::Day),
            )),
            value => dates.when(&columns::cell(value, precision)),
        }
    }

    /// A plain day with the time of day of the clock column `clock`.
    fn with_clock(&self, when: When, row: usize, clock: Option<usize>) -> When {
        match (when, clock) {
            (When::Date(date), Some(col)) => When::Date(
                dates::parse_clock(&self.text(col, row))
                    .map_or(date, |clock| dates::with_clock(date, clock)),
            ),
            (when, _) => when,
        }
    }
}

/// The last day an instant fell on, as a date: the calendar is worked out
/// once per day, not once per row (a file of events a minute apart has
/// 1,440 rows a day).
#[derive(Default)]
struct DayCache {
    day: Option<(i128, Date)>,
}

impl DayCache {
    /// The date of an instant at `precision` (as `columns::instant_date`).
    fn date(&mut self, nanos: i128, precision: Precision) -> Date {
        let (day, nanos_of_day) = match i64::try_from(nanos) {
            // Most instants fit 64 bits, whose division is much cheaper.
            Ok(n) => (
                i128::from(n.div_euclid(NANOS_PER_DAY_64)),
                i128::from(n.rem_euclid(NANOS_PER_DAY_64)),
            ),
            Err(_) => (
                nanos.div_euclid(NANOS_PER_DAY),
                nanos.rem_euclid(NANOS_PER_DAY),
            ),
        };
        let midnight = match self.day {
            Some((cached, date)) if cached == day => date,
            _ => {
                let date = Date::from_time(Time(day * NANOS_PER_DAY), Precision::Day);
                self.day = Some((day, date));
                date
            }
        };
        if precision <= Precision::Day {
            return midnight;
        }
        midnight.at_time_of_day(nanos_of_day, precision)
    }
}

impl<R: ChunkReader + 'static> Stream<'_, R> {
    /// The table columns the mapping reads.
    fn wanted(&self) -> Vec<usize> {
        let mut wanted = self.mapping.used_columns();
        if let Title::Composed(cols) = &self.mapping.title {
            wanted.extend(cols);
        }
        wanted.sort_unstable();
        wanted.dedup();
        wanted
    }

    fn group(
        &self,
        index: usize,
        rows: usize,
        wanted: &[usize],
        precisions: &[Precision],
    ) -> Result<Group, String> {
        let group = self.reader.get_row_group(index).map_err(|e| damaged(&e))?;
        let mut chunks: Vec<Option<Chunk>> = (0..self.schema.columns.len()).map(|_| None).collect();
        for &col in wanted {
            let Some(column) = self.schema.columns.get(col) else {
                continue;
            };
            let chunk = Chunk::read(group.as_ref(), column, rows)
                .map_err(|e| in_column(&column.name, &e))?;
            chunks[col] = Some(chunk);
        }
        Ok(Group {
            chunks,
            precisions: precisions.to_vec(),
        })
    }

    /// The precision of each date column of instants, over all its rows:
    /// one pass over those columns alone, so that a column of midnights
    /// anywhere in the file reads as days everywhere.
    fn precisions(&self, groups: &[usize]) -> Result<Vec<Precision>, String> {
        let mut precisions = vec![Precision::Day; self.schema.columns.len()];
        let dated: Vec<usize> = [Some(self.mapping.start), self.mapping.end]
            .into_iter()
            .flatten()
            .filter(|&c| {
                self.schema
                    .columns
                    .get(c)
                    .is_some_and(|c| c.kind.is_instant())
            })
            .collect();
        for &col in &dated {
            let mut precision = Precision::Day;
            for (index, &rows) in groups.iter().enumerate() {
                let group = self.group(index, rows, &[col], &precisions)?;
                if let Some(Some(chunk)) = group.chunks.get(col) {
                    precision = precision.max(columns::instant_precision(columns::instants(chunk)));
                }
                if precision == Precision::Millisecond {
                    break;
                }
            }
            precisions[col] = precision;
        }
        Ok(precisions)
    }

    /// Builds the timeline. `Ok(None)`: cancelled; `Ok(Some(Err(())))`:
    /// nothing useful came out (the report says why); `Err`: the file is
    /// damaged.
    pub(super) fn build(
        &self,
        default_title: &str,
        report: &mut Report<'_>,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<Option<Result<Timeline, ()>>, String> {
        let mapping = self.mapping;
        for warning in &mapping.warnings {
            report.warning(None, mapping.start, warning.clone());
        }
        let wanted = self.wanted();
        let unread: Vec<&str> = self
            .header
            .iter()
            .enumerate()
            .filter(|(col, _)| !wanted.contains(col))
            .map(|(_, name)| name.as_str())
            .collect();
        if !unread.is_empty() {
            report.warning(
                None,
                0,
                format!(
                    "the other columns ({}) are not read, so the events have no fields: the file has {} rows, and above {} rows only the columns the timeline uses are read, to keep memory low",
                    crate::io::diag::quote_list(unread.into_iter()),
                    crate::numbers::grouped(self.rows as u64),
                    crate::numbers::grouped(self.small_rows as u64),
                ),
            );
        }
        let groups = super::group_rows(self.reader)?;
        let precisions = self.precisions(&groups)?;
        let mut state = State {
            builder: TimelineBuilder::with_capacity(self.rows.min(MAX_RESERVED)),
            lanes: Vec::new(),
            lane_ids: HashMap::new(),
            skipped: 0,
            seen_bad: Vec::new(),
            id: String::new(),
            sources: Vec::new(),
            days: DayCache::default(),
            by_address: None,
        };
        // One thread decodes the next row group while this one builds the
        // events of the last: the two halves of the work overlap. The
        // channel holds nothing, so at most two groups are in memory.
        let finished = std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::sync_channel::<Result<Group, String>>(0);
            let (wanted, precisions, groups) = (&wanted, &precisions, &groups);
            scope.spawn(move || {
                let decoded = super::guarded(|| {
                    for (index, &rows) in groups.iter().enumerate() {
                        let group = self.group(index, rows, wanted, precisions);
                        let failed = group.is_err();
                        // A closed channel: the load was cancelled.
                        if sender.send(group).is_err() || failed {
                            break;
                        }
                    }
                });
                if let Err(message) = decoded {
                    let _ = sender.send(Err(message));
                }
            });
            let mut base = 0_usize;
            for &rows in groups {
                let group = receiver
                    .recv()
                    .map_err(|_| "the Parquet file could not be read to its end".to_owned())??;
                state.new_group();
                for row in 0..rows {
                    self.row(&group, row, base + row, &mut state, report);
                }
                base += rows;
                let done = (self.size as u128 * base as u128 / self.rows.max(1) as u128) as usize;
                if !progress(done) {
                    return Ok(false);
                }
            }
            Ok::<bool, String>(true)
        })?;
        if !finished {
            return Ok(None);
        }
        Ok(Some(self.finish(state, default_title, report)))
    }

    /// One row into the builder, or a warning that it is skipped.
    fn row(
        &self,
        group: &Group,
        row: usize,
        global: usize,
        state: &mut State,
        report: &mut Report<'_>,
    ) {
        let mapping = self.mapping;
        let start = match group.date(mapping.start, row, &mapping.start_dates, &mut state.days) {
            Ok(when) => group.with_clock(when, row, mapping.time),
            Err(reason) => {
                state.skipped += 1;
                let text = group.text(mapping.start, row);
                if state.seen_bad.len() < 5 && !text.is_empty() {
                    state.seen_bad.push(crate::escape::quote(&text));
                }
                report.warning(
                    Some(global),
                    mapping.start,
                    format!(
                        "no usable date in {} ({reason}); the row is skipped",
                        backticked(&self.header[mapping.start])
                    ),
                );
                return;
            }
        };
        let end = self.end_cell(group, row, state);
        let dates = event_dates(start, end, &mut |message| {
            report.warning(Some(global), mapping.end.unwrap_or(mapping.start), message);
        });
        let title = self.title(group, row, global);
        let description = mapping
            .description
            .map_or(Cow::Borrowed(""), |col| group.text(col, row));
        let lane = match mapping.lane {
            Some(col) => state.lane_of(group, col, row),
            None => state.lane(""),
        };
        row_id(&mut state.id, global + 1);
        let mut status = None;
        let mut status_field = None;
        if let Some(col) = mapping.status {
            let text = group.text(col, row);
            status = crate::io::table::names::status(&text);
            if status.is_none() && !text.is_empty() {
                status_field = Some((self.header[col].trim(), text));
            }
        }
        state.builder.push_record(&EventRecord {
            id: &state.id,
            title: &title,
            description: &description,
            start: dates.start,
            end: dates.end,
            lane,
            status,
            approximate: false,
            display_date: None,
            edtf: dates.edtf.as_ref(),
        });
        if mapping.url.is_some() || mapping.source.is_some() {
            state.sources.clear();
            let url = mapping.url.map(|col| group.text(col, row));
            let names = mapping
                .source
                .map_or(Cow::Borrowed(""), |col| group.text(col, row));
            crate::io::table::add_sources(url.as_deref(), &names, &mut state.sources);
            for source in &state.sources {
                state
                    .builder
                    .add_source(&source.name, source.url.as_deref(), source.date);
            }
        }
        if let Some(col) = mapping.tags {
            for tag in crate::io::table::split_list(&group.text(col, row)) {
                state.builder.add_tag(&tag);
            }
        }
        if let Some((key, value)) = status_field {
            state.builder.add_field(key, &value);
        }
    }

    /// As the table core's `end_cell`: the end cell as read, with its
    /// clock column; `None` when there is none or it is empty.
    fn end_cell(
        &self,
        group: &Group,
        row: usize,
        state: &mut State,
    ) -> Option<Result<When, String>> {
        let mapping = self.mapping;
        let (col, end_dates) = (mapping.end?, mapping.end_dates.as_ref()?);
        if matches!(group.value(col, row), Value::Null) || group.text(col, row).is_empty() {
            return None;
        }
        Some(
            group
                .date(col, row, end_dates, &mut state.days)
                .map(|end| group.with_clock(end, row, mapping.end_time)),
        )
    }

    fn title<'g>(&self, group: &'g Group, row: usize, global: usize) -> Cow<'g, str> {
        let text = match &self.mapping.title {
            Title::Column(col) => group.text(*col, row),
            Title::Composed(cols) => Cow::Owned(
                cols.iter()
                    .map(|&col| group.text(col, row))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" — "),
            ),
        };
        let line = first_line(&text);
        if line.is_empty() {
            Cow::Owned(format!("Row {}", global + 1))
        } else if line.len() == text.len() {
            text
        } else {
            Cow::Owned(line.to_owned())
        }
    }

    fn finish(
        &self,
        state: State,
        default_title: &str,
        report: &mut Report<'_>,
    ) -> Result<Timeline, ()> {
        let State {
            builder,
            mut lanes,
            lane_ids,
            skipped,
            seen_bad,
            ..
        } = state;
        let start = self.mapping.start;
        enough_dated(
            report,
            (start, &self.header[start]),
            builder.len(),
            skipped,
            &seen_bad,
        )?;
        title_unnamed_lane(&mut lanes, &lane_ids);
        builder
            .build(default_title, lanes, Vec::new())
            .map_err(|e| report.error(None, 0, e.to_string()))
    }
}

/// The first line of `text`, trimmed (as `lines().next()`, a `\r\n` end
/// included, without an iterator per row).
fn first_line(text: &str) -> &str {
    text.split_once('\n').map_or(text, |(line, _)| line).trim()
}

/// Writes `row-N` into `id` (formatting machinery costs more than the
/// digits, ten million times).
fn row_id(id: &mut String, n: usize) {
    let mut digits = [0_u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        // A digit, so the cast cannot truncate.
        digits[at] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    id.clear();
    id.push_str("row-");
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// What a streamed read keeps between rows.
struct State {
    builder: TimelineBuilder,
    lanes: Vec<Lane>,
    lane_ids: HashMap<String, usize>,
    skipped: usize,
    seen_bad: Vec<String>,
    /// The id being written (`row-N`), reused.
    id: String,
    /// One row's sources, reused.
    sources: Vec<Source>,
    days: DayCache,
    /// Lanes by the address and length of their text in the current row
    /// group: a dictionary-encoded column hands out the same few slices,
    /// so most rows need neither UTF-8 checking nor hashing. `None` once a
    /// group has shown more distinct slices than are worth scanning.
    by_address: Option<Vec<((usize, usize), usize)>>,
}

/// Distinct lane slices remembered per row group.
const ADDRESSES: usize = 64;

impl State {
    /// Forgets the lane slices of the last row group (its buffers are gone).
    fn new_group(&mut self) {
        self.by_address = Some(Vec::with_capacity(ADDRESSES));
    }

    /// The lane of row `row`, whose name is in `column`.
    fn lane_of(&mut self, group: &Group, column: usize, row: usize) -> usize {
        let Value::Text(bytes) = group.value(column, row) else {
            return self.lane(&group.text(column, row));
        };
        let key = (bytes.as_ptr() as usize, bytes.len());
        if let Some(known) = &self.by_address
            && let Some(&(_, lane)) = known.iter().find(|(k, _)| *k == key)
        {
            return lane;
        }
        let lane = self.lane(&group.text(column, row));
        match &mut self.by_address {
            Some(known) if known.len() < ADDRESSES => known.push((key, lane)),
            _ => self.by_address = None,
        }
        lane
    }

    fn lane(&mut self, name: &str) -> usize {
        if let Some(&lane) = self.lane_ids.get(name) {
            return lane;
        }
        self.lanes.push(Lane {
            id: name.to_owned(),
            title: name.to_owned(),
            color: None,
        });
        self.lane_ids.insert(name.to_owned(), self.lanes.len() - 1);
        self.lanes.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_first_lines() {
        let mut id = String::from("old");
        for n in [1, 9, 10, 12_345, 10_000_000, usize::MAX] {
            row_id(&mut id, n);
            assert_eq!(id, format!("row-{n}"));
        }
        for text in ["one", " one \r\ntwo", "one\ntwo\n", "\nsecond", ""] {
            assert_eq!(
                first_line(text),
                text.lines().next().unwrap_or_default().trim()
            );
        }
    }
}
