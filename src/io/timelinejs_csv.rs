//! TimelineJS3 spreadsheets exported as CSV: what "File › Download › CSV"
//! gives for a newsroom's copy of the Knight Lab Google Sheets template.
//!
//! The header names the columns (`Year, Month, Day, Time, End Year,
//! End Month, End Day, End Time, Display Date, Headline, Text, Media,
//! Media Credit, Media Caption, Media Thumbnail, Type, Group, Background`,
//! optionally `Alt Text`), in any order and any letter case; only `Year`
//! is required. Rows whose `Type` is `title` give the timeline's title and
//! description (a second one is read as an event, as TimelineJS does),
//! rows of type `era` are eras, all others events. Numbers may carry
//! spaces and thousands commas (`1,500`); times are `14:30`, `14:30:05`,
//! `14:30:05.250`, `1430`, `2:30 PM`, `12 a.m.`. Everything else follows
//! the TimelineJS JSON rules in [`super::timelinejs`].
//!
//! The `csv` crate does the quoting (commas, doubled quotes and line breaks
//! inside quoted cells); every diagnostic points at the record's line and
//! the column where the offending cell starts.

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

use std::collections::HashMap;

use super::diag::{Collector, quote};
use super::native::ReadResult;
use super::timelinejs::{Assembler, Media, Parts, Slide, build_date, parse_integer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Col {
    Year,
    Month,
    Day,
    Time,
    EndYear,
    EndMonth,
    EndDay,
    EndTime,
    DisplayDate,
    Headline,
    Text,
    Media,
    MediaCredit,
    MediaCaption,
    MediaThumbnail,
    Type,
    Group,
    Background,
    AltText,
}

/// Header names (normalised: lower case, single spaces) and their columns;
/// `tag` is the group column of older templates.
const COLUMNS: &[(&str, Col)] = &[
    ("year", Col::Year),
    ("month", Col::Month),
    ("day", Col::Day),
    ("time", Col::Time),
    ("end year", Col::EndYear),
    ("end month", Col::EndMonth),
    ("end day", Col::EndDay),
    ("end time", Col::EndTime),
    ("display date", Col::DisplayDate),
    ("headline", Col::Headline),
    ("text", Col::Text),
    ("media", Col::Media),
    ("media credit", Col::MediaCredit),
    ("media caption", Col::MediaCaption),
    ("media thumbnail", Col::MediaThumbnail),
    ("type", Col::Type),
    ("group", Col::Group),
    ("tag", Col::Group),
    ("background", Col::Background),
    ("alt text", Col::AltText),
];

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// True when the first record is a TimelineJS header (with `Year` and
/// `Headline` columns, or the first template's `Start Date`, `Headline`
/// and `Media`).
#[must_use]
pub fn sniff(text: &str) -> bool {
    let head: String = text.chars().take(65_536).collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(head.as_bytes());
    let mut record = csv::StringRecord::new();
    if !matches!(reader.read_record(&mut record), Ok(true)) {
        return false;
    }
    let names: Vec<String> = record.iter().map(normalise).collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    // The first template (Start Date, End Date, Media …) is claimed too, so
    // that its sheets get the message that explains the template, not a
    // generic table reading.
    has("headline") && (has("year") || (has("start date") && has("media")))
}

/// Reads a TimelineJS spreadsheet CSV. `file` names it in diagnostics;
/// `default_title` is used when no row has the type `title`.
///
/// # Errors
/// A header without `Year`, unclosed quotes, malformed numbers and times,
/// impossible dates, rows without a year, ends before starts: each at the
/// record's line and the cell's column.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    let mut diags = Collector::new(file, text);
    let mut sheet = Sheet::default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The columns, and how many cells the header has.
    let mut header_row: Option<(HashMap<Col, usize>, usize)> = None;
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                let at = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
                diags.error(at, format!("invalid CSV: {e}"));
                break;
            }
        };
        // After a CRLF the csv crate reports the record at the LF.
        let mut at = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        let offsets = match cell_offsets(text, at) {
            Ok(offsets) => offsets,
            Err(quote_at) => {
                diags.error(
                    quote_at,
                    "this quoted cell is never closed: a `\"` is missing",
                );
                break;
            }
        };
        let Some((columns, width)) = &header_row else {
            let header = header(&record, &offsets, at, &mut diags);
            if !header.contains_key(&Col::Year) {
                return Err(diags.finish());
            }
            header_row = Some((header, record.len()));
            continue;
        };
        let row = Row {
            record: &record,
            offsets: &offsets,
            columns,
            at,
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        for (i, cell) in record.iter().enumerate().skip(*width) {
            if !cell.trim().is_empty() {
                diags.warning(
                    offsets.get(i).copied().unwrap_or(at),
                    "this cell is beyond the header's columns and is ignored",
                );
            }
        }
        sheet.row(&row, &mut diags);
    }
    if header_row.is_none() {
        diags.error(0, "the file has no header row");
    }
    sheet.assembler.finish(default_title, diags)
}

/// What the rows read so far add up to.
#[derive(Default)]
struct Sheet {
    assembler: Assembler,
    /// Event rows so far (for generated ids).
    events: usize,
    /// A `title` row was read.
    titled: bool,
}

impl Sheet {
    /// Reads one row as the title, an era or an event.
    fn row(&mut self, row: &Row<'_>, diags: &mut Collector<'_>) {
        let kind = normalise(row.cell(Col::Type));
        let mut slide = row.slide(diags);
        match kind.as_str() {
            "title" if !self.titled => {
                self.titled = true;
                self.assembler.title =
                    Some(super::html::to_line(&slide.headline).text).filter(|t| !t.is_empty());
                self.assembler.description = super::html::to_text(&slide.text).text;
            }
            "era" => {
                if slide.start_missing || slide.end_missing {
                    let at = if slide.start_missing {
                        row.at(Col::Year)
                    } else {
                        row.at(Col::EndYear)
                    };
                    diags.error(at, "an era row needs a Year and an End Year");
                } else {
                    self.assembler.slide_era(&slide, diags);
                }
            }
            _ => {
                if kind == "title" {
                    diags.warning(
                        row.at(Col::Type),
                        "a second `title` row is read as an event, as TimelineJS does",
                    );
                } else if !kind.is_empty() {
                    diags.warning(
                        row.at(Col::Type),
                        format!(
                            "unknown Type {} (TimelineJS knows `title` and `era`); the row is read as an event",
                            quote(&kind)
                        ),
                    );
                }
                if let Some(start) = slide.start.take() {
                    self.assembler.slide_event(slide, start, self.events, diags);
                } else if slide.start_missing {
                    diags.error(row.at(Col::Year), "an event row needs a Year");
                }
                self.events += 1;
            }
        }
    }
}

/// Maps header cells to columns, warning about unknown and repeated ones.
fn header(
    record: &csv::StringRecord,
    offsets: &[usize],
    at: usize,
    diags: &mut Collector<'_>,
) -> HashMap<Col, usize> {
    let mut columns = HashMap::new();
    for (i, name) in record.iter().enumerate() {
        let cell_at = offsets.get(i).copied().unwrap_or(at);
        let name = normalise(name);
        if name.is_empty() {
            continue;
        }
        match COLUMNS.iter().find(|(n, _)| *n == name) {
            Some((_, col)) if columns.contains_key(col) => {
                diags.warning(
                    cell_at,
                    format!(
                        "the column {} is given twice; the first one is read",
                        quote(&name)
                    ),
                );
            }
            Some((_, col)) => {
                columns.insert(*col, i);
            }
            None => diags.warning(
                cell_at,
                format!("unknown column {} is ignored", quote(&name)),
            ),
        }
    }
    if !columns.contains_key(&Col::Year) {
        let names: Vec<String> = record.iter().map(normalise).collect();
        let message = if names.iter().any(|n| n == "start date") {
            "this is a sheet of the first TimelineJS template (Start Date, End Date); Chronoscope reads the TimelineJS 3 template, whose dates are in Year, Month, Day and Time columns"
        } else {
            "the header has no `Year` column; a TimelineJS sheet starts with Year, Month, Day, Time, End Year, …"
        };
        diags.error(at, message);
    }
    columns
}

/// Byte offsets where each cell of the record starting at `start` begins;
/// `Err` with the offset of a quote that is never closed.
fn cell_offsets(text: &str, start: usize) -> Result<Vec<usize>, usize> {
    let bytes = text.as_bytes();
    let mut offsets = Vec::new();
    let mut i = start;
    loop {
        offsets.push(i);
        if bytes.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return Err(open),
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        while bytes
            .get(i)
            .is_some_and(|b| !matches!(b, b',' | b'\n' | b'\r'))
        {
            i += 1;
        }
        if bytes.get(i) == Some(&b',') {
            i += 1;
        } else {
            return Ok(offsets);
        }
    }
}

/// One record with its cell positions.
struct Row<'r> {
    record: &'r csv::StringRecord,
    offsets: &'r [usize],
    columns: &'r HashMap<Col, usize>,
    at: usize,
}

impl Row<'_> {
    /// The trimmed cell of `col` ("" when the column or cell is missing).
    fn cell(&self, col: Col) -> &str {
        self.columns
            .get(&col)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// Where the cell of `col` starts (the record's start when missing).
    fn at(&self, col: Col) -> usize {
        self.columns
            .get(&col)
            .and_then(|&i| self.offsets.get(i))
            .copied()
            .unwrap_or(self.at)
    }

    fn slide(&self, diags: &mut Collector<'_>) -> Slide {
        let non_empty = |s: &str| {
            if s.is_empty() {
                None
            } else {
                Some(s.to_owned())
            }
        };
        let (start, start_missing) = self.date([Col::Year, Col::Month, Col::Day, Col::Time], diags);
        let (end, end_missing) = self.date(
            [Col::EndYear, Col::EndMonth, Col::EndDay, Col::EndTime],
            diags,
        );
        Slide {
            at: self.at,
            start,
            start_missing,
            end,
            end_missing,
            end_at: self.at(Col::EndYear),
            display_date: non_empty(self.cell(Col::DisplayDate)),
            headline: self.cell(Col::Headline).to_owned(),
            text: self.cell(Col::Text).to_owned(),
            media: Media {
                url: self.cell(Col::Media).to_owned(),
                link: String::new(),
                credit: self.cell(Col::MediaCredit).to_owned(),
                caption: self.cell(Col::MediaCaption).to_owned(),
            },
            group: non_empty(self.cell(Col::Group)),
            id: None,
        }
    }

    /// The date in the year, month, day and time columns `cols`: the date
    /// when valid, and whether the year is empty.
    fn date(&self, cols: [Col; 4], diags: &mut Collector<'_>) -> (Option<crate::time::Date>, bool) {
        let [year, month, day, time] = cols;
        let mut parts = Parts::default();
        let mut valid = true;
        for (i, col) in [year, month, day].into_iter().enumerate() {
            // TimelineJS drops spaces and thousands separators ("1,500").
            let cleaned: String = self
                .cell(col)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != ',')
                .collect();
            let name = super::timelinejs::FIELDS
                .get(i)
                .copied()
                .unwrap_or_default();
            match parse_integer(&cleaned, name) {
                Ok(value) => parts.fields[i] = value.map(|v| (v, self.at(col))),
                Err(message) => {
                    diags.error(self.at(col), message);
                    valid = false;
                }
            }
        }
        let clock = self.cell(time);
        if !clock.is_empty() {
            match parse_time(clock) {
                Ok(values) => {
                    for (i, value) in values.into_iter().enumerate() {
                        if let Some(slot) = parts.fields.get_mut(3 + i) {
                            *slot = value.map(|v| (v, self.at(time)));
                        }
                    }
                }
                Err(message) => {
                    diags.error(self.at(time), message);
                    valid = false;
                }
            }
        }
        if parts.fields[0].is_none() {
            if parts.fields.iter().any(Option::is_some) {
                let first = [month, day, time]
                    .into_iter()
                    .find(|c| !self.cell(*c).is_empty())
                    .unwrap_or(month);
                diags.error(
                    self.at(first),
                    "a date needs a year: this row has a month, day or time but no year",
                );
                return (None, false);
            }
            return (None, valid);
        }
        if !valid {
            return (None, false);
        }
        (build_date(&parts, self.at(year), false, diags), false)
    }
}

/// Splits a trailing `am`, `p.m.` (any case, dots optional) off a time.
fn split_period(text: &str) -> (&str, Option<char>) {
    let trimmed = text.trim_end();
    let without_dot = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let Some(rest) = without_dot.strip_suffix('m') else {
        return (text, None);
    };
    let rest = rest.strip_suffix('.').unwrap_or(rest);
    for period in ['a', 'p'] {
        if let Some(body) = rest.strip_suffix(period) {
            return (body.trim_end(), Some(period));
        }
    }
    (text, None)
}

/// Parses a time as TimelineJS does (`14:30`, `14:30:05.5`, `1430`,
/// `14.30`, `2:30 PM`, `12 a.m.`): hour, minute, second and millisecond,
/// `None` for the parts not written.
fn parse_time(text: &str) -> Result<[Option<i64>; 4], String> {
    let bad = |why: &str| {
        format!(
            "{} is not a time ({why}); write times like 14:30, 14:30:05 or 2:30 PM",
            quote(text)
        )
    };
    let lower = text.trim().to_ascii_lowercase();
    let (body, period) = split_period(&lower);
    let digits = |s: &str, max_len: usize| -> Result<i64, String> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("each part is one or two digits"));
        }
        s.parse().map_err(|_| bad("not a number"))
    };
    let parts: Vec<&str> =
        if body.len() >= 3 && body.len() <= 4 && body.bytes().all(|b| b.is_ascii_digit()) {
            // "1430": hours then two digits of minutes.
            let split = body.len() - 2;
            vec![
                body.get(..split).unwrap_or_default(),
                body.get(split..).unwrap_or_default(),
            ]
        } else if body.contains(':') {
            body.split(':').collect()
        } else {
            body.split('.').collect()
        };
    if parts.len() > 3 {
        return Err(bad("too many parts"));
    }
    let mut values = [None; 4];
    let mut hour = digits(parts.first().copied().unwrap_or_default().trim(), 2)?;
    match period {
        Some(p) if !(1..=12).contains(&hour) => {
            return Err(bad(&format!(
                "hour {hour} with {}M",
                p.to_ascii_uppercase()
            )));
        }
        Some('p') if hour != 12 => hour += 12,
        Some('a') if hour == 12 => hour = 0,
        _ => {}
    }
    values[0] = Some(hour);
    if let Some(minute) = parts.get(1) {
        values[1] = Some(digits(minute.trim(), 2)?);
    }
    if let Some(second) = parts.get(2) {
        let (whole, fraction) = second
            .trim()
            .split_once(['.', ','])
            .map_or((second.trim(), None), |(w, f)| (w, Some(f)));
        values[2] = Some(digits(whole, 2)?);
        if let Some(fraction) = fraction {
            let value =
                digits(fraction, 3).map_err(|_| bad("one to three digits after the seconds"))?;
            let scale = [100, 10, 1]
                .get(fraction.len().saturating_sub(1))
                .copied()
                .unwrap_or(1);
            values[3] = Some(value * scale);
        }
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_spreadsheets_write_them() {
        let t = |s: &str| parse_time(s).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t("14:30"), [Some(14), Some(30), None, None]);
        assert_eq!(t("14:30:05"), [Some(14), Some(30), Some(5), None]);
        assert_eq!(t("2:30 PM"), [Some(14), Some(30), None, None]);
        assert_eq!(t("2:30pm"), [Some(14), Some(30), None, None]);
        assert_eq!(t("12 a.m."), [Some(0), None, None, None]);
        assert_eq!(t("12:15 PM"), [Some(12), Some(15), None, None]);
        assert_eq!(t("1430"), [Some(14), Some(30), None, None]);
        assert_eq!(t("9.05"), [Some(9), Some(5), None, None]);
        assert_eq!(t("14:30:05.25"), [Some(14), Some(30), Some(5), Some(250)]);
        for bad in ["13 PM", "x", "1:2:3:4", "14:", "14:30:05.2500", "٣:٣٠"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn positions_survive_crlf_blank_lines_and_quoted_breaks() {
        let text = "Headline,Year,Month,Day,Time\r\n\r\n\"A,\r\nB\",1969,7,20,\r\n,,,,\r\nBad,1970,4,13,9:75\r\n";
        let d = read("s.csv", text, "s").err().unwrap_or_default();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (6, 15), "{}", d[0]);
        assert!(
            d[0].message.contains("minute 75 does not exist"),
            "{}",
            d[0]
        );
    }

    #[test]
    fn cell_offsets_follow_quotes() {
        let text = "a,\"b,\"\"c\"\"\nd\",e\nf";
        assert_eq!(cell_offsets(text, 0), Ok(vec![0, 2, 14]));
        assert_eq!(cell_offsets(text, 16), Ok(vec![16]));
        assert_eq!(cell_offsets("x,\"open", 0), Err(2));
    }
}
