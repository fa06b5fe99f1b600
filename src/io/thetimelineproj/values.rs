//! Times and colours as Timeline writes them (`YEAR-MONTH-DAY
//! HOUR:MINUTE:SECOND`, `r,g,b`), and the precision rule that turns
//! instants into Chronoscope dates.
//!
//! It knows only text and dates, not XML: the text format
//! ([`crate::io::thetimelineproj_text`]) and vis-timeline share it.

use crate::io::diag::quote;
use crate::model::Rgb;
use crate::time::{Date, Precision, Time};

/// The date holding `time` at the coarsest precision that loses nothing:
/// a day for midnight, a minute for whole minutes, and so on.
#[must_use]
pub(crate) fn lossless(time: Time) -> Date {
    let c = time.civil();
    // Dates stop at milliseconds: finer instants are truncated to them.
    let precision = if c.nanos != 0 {
        Precision::Millisecond
    } else if c.second != 0 {
        Precision::Second
    } else if c.minute != 0 || c.hour != 0 {
        Precision::Minute
    } else {
        Precision::Day
    };
    Date::from_time(time, precision)
}

/// An end written as an instant (vis-timeline, Timeline) as an inclusive
/// Chronoscope end: a day, month or year end means the instant it starts,
/// so the range stops with the unit before it; finer ends are kept.
#[must_use]
pub(crate) fn exclusive_end(end: Date) -> Date {
    if end.precision() <= Precision::Day {
        Date::from_time(end.start().add_nanos(-1), end.precision())
    } else {
        end
    }
}

/// A start and an end instant as Chronoscope dates: a moment when they are
/// equal, else a range whose end is [`exclusive_end`].
///
/// # Errors
/// When the end is before the start (the message says so).
pub(crate) fn instant_span(start: Date, end: Date) -> Result<(Date, Option<Date>), String> {
    match end.start().cmp(&start.start()) {
        std::cmp::Ordering::Less => {
            Err(format!("the event ends ({end}) before it starts ({start})"))
        }
        std::cmp::Ordering::Equal => Ok((start, None)),
        std::cmp::Ordering::Greater => Ok((start, Some(exclusive_end(end)))),
    }
}

/// Parses Timeline's `YEAR-MONTH-DAY HOUR:MINUTE:SECOND` (fields may be
/// unpadded, the year negative) as a date of second precision.
///
/// # Errors
/// A message when the text is not such a time or names no real time.
pub(crate) fn parse_time(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let bad = || {
        format!(
            "{} is not a Timeline time: expected YEAR-MONTH-DAY HOUR:MINUTE:SECOND, such as 2013-07-07 14:30:00",
            quote(text)
        )
    };
    let (date, clock) = text.split_once(' ').ok_or_else(bad)?;
    let (negative, date) = date.strip_prefix('-').map_or((false, date), |d| (true, d));
    let numbers = |part: &str, sep: char| -> Option<Vec<u32>> {
        let fields: Vec<&str> = part.split(sep).collect();
        if fields.len() != 3
            || fields
                .iter()
                .any(|f| f.is_empty() || f.len() > 11 || !f.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        fields.iter().map(|f| f.parse().ok()).collect()
    };
    let ([year, month, day], [hour, minute, second]) = (
        <[u32; 3]>::try_from(numbers(date, '-').ok_or_else(bad)?).map_err(|_| bad())?,
        <[u32; 3]>::try_from(numbers(clock.trim(), ':').ok_or_else(bad)?).map_err(|_| bad())?,
    );
    let year = if negative {
        -i64::from(year)
    } else {
        i64::from(year)
    };
    Date::build(
        year,
        month,
        day,
        hour,
        minute,
        second,
        0,
        None,
        Precision::Second,
    )
    .map_err(|e| e.message)
}

/// Parses Timeline's `r,g,b` colour.
///
/// # Errors
/// A message when the text is not three numbers from 0 to 255.
pub(crate) fn parse_color(text: &str) -> Result<Rgb, String> {
    let parts: Vec<Option<u8>> = text
        .trim()
        .split(',')
        .map(|p| p.trim().parse().ok())
        .collect();
    match parts.as_slice() {
        [Some(r), Some(g), Some(b)] => Ok(Rgb(*r, *g, *b)),
        _ => Err(format!(
            "{} is not a colour: Timeline writes colours as r,g,b with numbers from 0 to 255",
            quote(text.trim())
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn times_read_at_the_precision_they_carry() {
        let p = |t: &str| parse_time(t).map_or_else(|e| e, |d| lossless(d.start()).to_iso());
        assert_eq!(p("2013-07-07 00:00:00"), "2013-07-07");
        assert_eq!(p("2009-11-4 22:52:0"), "2009-11-04T22:52");
        assert_eq!(p("2021-10-31 17:36:49"), "2021-10-31T17:36:49");
        assert_eq!(p("-300-03-01 00:00:00"), "-0300-03-01");
        assert!(p("2013-02-30 00:00:00").contains("February has no day 30"));
        assert!(p("2013-07-07").contains("not a Timeline time"));
        assert!(parse_time("2013-07-07 99999999999:0:0").is_err());
        assert!(parse_time("2013-07-07 24:00:00").is_err());
    }

    #[test]
    fn periods_end_where_timeline_ends_them() {
        let span = |a: &str, b: &str| instant_span(date(a), date(b));
        let (start, end) = span("2021-10-27", "2021-11-10").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (start.to_iso(), end.map(|e| e.to_iso())),
            ("2021-10-27".to_owned(), Some("2021-11-09".to_owned()))
        );
        assert_eq!(end.map(|e| e.end()), Some(date("2021-11-10").start()));
        let (_, end) =
            span("2021-10-31T17:36:49", "2021-11-15T19:53:46").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            end.map(|e| e.to_iso()),
            Some("2021-11-15T19:53:46".to_owned())
        );
        assert_eq!(span("2013-07-07", "2013-07-07").map(|(_, e)| e), Ok(None));
        assert!(span("2013-07-07", "2013-07-06").is_err());
    }
}
