//! Dates and years as a person reads them.

use std::fmt::Write as _;

use super::{Date, Precision};
use crate::numbers::grouped;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month 1–12 ("" outside).
#[must_use]
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// An astronomical year for people: `2025`, `44 BCE` (year −43), `12,000 BCE`,
/// `13.8 billion years ago`.
#[must_use]
pub fn format_year(year: i64) -> String {
    if year >= 1 {
        if year < 10_000 {
            year.to_string()
        } else if year < 1_000_000 {
            format!("{} CE", grouped(year.unsigned_abs()))
        } else {
            format!("{} CE", large(year.unsigned_abs()))
        }
    } else {
        let bce = 1 - i128::from(year);
        let bce = u64::try_from(bce).unwrap_or(u64::MAX);
        if bce < 10_000 {
            format!("{bce} BCE")
        } else if bce < 1_000_000 {
            format!("{} BCE", grouped(bce))
        } else {
            format!("{} years ago", large(bce))
        }
    }
}

/// `13_800_000_001` → `13.8 billion`, `66_000_000` → `66 million`: three
/// significant digits at most, which is all deep-time dates ever carry.
#[must_use]
pub fn large(value: u64) -> String {
    let (unit, name) = if value >= 1_000_000_000 {
        (1e9, "billion")
    } else {
        (1e6, "million")
    };
    #[allow(clippy::cast_precision_loss)] // Three significant digits are kept.
    let mantissa = value as f64 / unit;
    let text = if mantissa >= 100.0 {
        format!("{mantissa:.0}")
    } else if mantissa >= 10.0 {
        format!("{mantissa:.1}")
    } else {
        format!("{mantissa:.2}")
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text} {name}")
}

fn clock(date: &Date) -> String {
    let (h, m, s, ms) = date.clock();
    let mut out = match date.precision() {
        Precision::Hour | Precision::Minute => format!("{h:02}:{m:02}"),
        Precision::Second => format!("{h:02}:{m:02}:{s:02}"),
        Precision::Millisecond => format!("{h:02}:{m:02}:{s:02}.{ms:03}"),
        _ => return String::new(),
    };
    match date.offset_minutes() {
        None => {}
        Some(0) => out.push_str(" UTC"),
        Some(offset) => {
            let sign = if offset < 0 { '-' } else { '+' };
            let offset = offset.unsigned_abs();
            let _ = write!(out, " UTC{sign}{:02}:{:02}", offset / 60, offset % 60);
        }
    }
    out
}

/// One date as a person reads it.
pub(super) fn human_date(date: &Date) -> String {
    let year = format_year(date.year_number());
    let month = month_name(date.month());
    match date.precision() {
        Precision::Year => year,
        Precision::Month => format!("{month} {year}"),
        Precision::Day => format!("{} {month} {year}", date.day()),
        _ => format!("{} {month} {year}, {}", date.day(), clock(date)),
    }
}

/// A span of two dates as a person reads it: `5–7 November 2025`,
/// `30 October – 2 November 2025`, `October–November 2025`; a single date
/// when there is no end or the end repeats the start.
#[must_use]
pub fn format_span(start: &Date, end: Option<&Date>) -> String {
    let Some(end) = end.filter(|end| *end != start) else {
        return start.to_string();
    };
    let same_year = start.year_number() == end.year_number();
    let same_month = same_year && start.month() == end.month();
    match (start.precision(), end.precision()) {
        (Precision::Day, Precision::Day) if same_month => {
            format!(
                "{}–{} {} {}",
                start.day(),
                end.day(),
                month_name(start.month()),
                format_year(start.year_number())
            )
        }
        (Precision::Day, Precision::Day) if same_year => format!(
            "{} {} – {} {} {}",
            start.day(),
            month_name(start.month()),
            end.day(),
            month_name(end.month()),
            format_year(start.year_number())
        ),
        (Precision::Month, Precision::Month) if same_year => {
            format!(
                "{}–{} {}",
                month_name(start.month()),
                month_name(end.month()),
                format_year(start.year_number())
            )
        }
        (Precision::Year, Precision::Year) if start.year_number() > 0 && end.year_number() > 0 => {
            format!(
                "{}–{}",
                format_year(start.year_number()),
                format_year(end.year_number())
            )
        }
        _ => format!("{start} – {end}"),
    }
}

// Tick labels of the time axis: never rounded, so that neighbouring ticks
// in deep time read differently.

/// "Mon" … "Sun" for weekday 0–6 (Monday first; "" outside).
#[must_use]
pub fn weekday_abbreviation(weekday: u32) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .get(weekday as usize)
        .copied()
        .unwrap_or("")
}

/// "Jan" … "Dec" for month 1–12 ("" outside).
#[must_use]
pub fn month_abbreviation(month: u32) -> &'static str {
    let name = month_name(month);
    name.get(..3).unwrap_or(name)
}

/// The year as a person reads it, a BCE year as a positive number.
fn era_number(year: i64) -> u64 {
    if year >= 1 {
        year.unsigned_abs()
    } else {
        (1 - i128::from(year)).try_into().unwrap_or(u64::MAX)
    }
}

/// True when [`format_year`] shows `year` without rounding: it keeps three
/// significant digits from a million years on.
fn format_year_is_exact(year: i64) -> bool {
    let value = era_number(year);
    if value < 1_000_000 {
        return true;
    }
    let digits = value.ilog10() + 1;
    value.is_multiple_of(10_u64.pow(digits.saturating_sub(3)))
}

/// A tick label for a year that is never rounded: [`format_year`] where it
/// is exact ("44 BCE", "13.8 billion years ago"), whole millions where
/// those are ("13,801 million years ago"), all digits otherwise
/// ("13,800,000,010 BCE"). Ticks a year apart in deep time must not all
/// read "13.8 billion years ago".
#[must_use]
pub fn year_label(year: i64) -> String {
    if format_year_is_exact(year) {
        return format_year(year);
    }
    let value = era_number(year);
    match (year >= 1, value.is_multiple_of(1_000_000)) {
        (true, true) => format!("{} million CE", grouped(value / 1_000_000)),
        (false, true) => format!("{} million years ago", grouped(value / 1_000_000)),
        (true, false) => format!("{} CE", grouped(value)),
        (false, false) => format!("{} BCE", grouped(value)),
    }
}

/// A shorter [`year_label`] for crowded axes: "12k BCE", "66 Mya",
/// "4.5 Gya", "5M CE"; still never rounded.
#[must_use]
pub fn compact_year_label(year: i64) -> String {
    let value = era_number(year);
    let era = if year >= 1 { "CE" } else { "BCE" };
    if (10_000..1_000_000).contains(&value) && value.is_multiple_of(1_000) {
        return format!("{}k {era}", value / 1_000);
    }
    if value < 1_000_000 {
        return year_label(year);
    }
    let (number, unit) = if format_year_is_exact(year) {
        let text = large(value);
        match (text.strip_suffix(" billion"), text.strip_suffix(" million")) {
            (Some(number), _) => (number.to_string(), 'G'),
            (None, Some(number)) => (number.to_string(), 'M'),
            (None, None) => return year_label(year),
        }
    } else if value.is_multiple_of(1_000_000) {
        (grouped(value / 1_000_000), 'M')
    } else {
        return year_label(year);
    };
    if year >= 1 {
        // "5G CE" would puzzle; billions of years ahead read as "B".
        let unit = if unit == 'G' { 'B' } else { unit };
        format!("{number}{unit} CE")
    } else {
        format!("{number} {unit}ya")
    }
}

/// The period of years from `first` up to (not including) `next`:
/// "2020–2029", "50–41 BCE", "10,000–19,999 CE". Deep time names the ends
/// of the period instead, the way geologists write it: "66–65 million years
/// ago", or "66–65 Mya" when `compact`. Never rounded.
#[must_use]
pub fn year_range_label(first: i64, next: i64, compact: bool) -> String {
    let deep = era_number(first).max(era_number(next)) >= 1_000_000;
    let (from, to) = if deep && format_year_is_exact(first) && format_year_is_exact(next) {
        let name = |year: i64| match (year, compact) {
            (1, _) => "1 CE".to_string(),
            (_, true) => compact_year_label(year),
            (_, false) => format_year(year),
        };
        (name(first), name(next))
    } else if format_year_is_exact(first) && format_year_is_exact(next - 1) {
        (format_year(first), format_year(next - 1))
    } else {
        (exact_year_label(first), exact_year_label(next - 1))
    };
    match (from.split_once(' '), to.split_once(' ')) {
        (Some((from_number, from_unit)), Some((to_number, to_unit))) if from_unit == to_unit => {
            format!("{from_number}–{to_number} {from_unit}")
        }
        (None, None) => format!("{from}–{to}"),
        _ => format!("{from} – {to}"),
    }
}

/// Every digit of a year: "13,800,000,001 BCE", "1,234,567 CE".
fn exact_year_label(year: i64) -> String {
    let value = grouped(era_number(year));
    if year >= 1 {
        format!("{value} CE")
    } else {
        format!("{value} BCE")
    }
}

/// Which precision a stretch of time is best named at, by its length: the
/// shortest span that still reads at each precision, finest first. Spans of
/// three years and more read as years.
const SPAN_PRECISION: [(f64, Precision); 4] = [
    (2.0, Precision::Millisecond),
    (120.0, Precision::Second),
    (2.0 * 86_400.0, Precision::Minute),
    (3.0 * 365.0 * 86_400.0, Precision::Day),
];

/// The precision worth showing for a stretch of `span_nanos`: a drag over
/// three days says days, a drag over three seconds says milliseconds. The
/// window's status bar, its drag-to-zoom band and an export's header all
/// name ranges with it.
#[must_use]
pub fn precision_for_span(span_nanos: f64) -> Precision {
    #[allow(clippy::cast_precision_loss)] // A threshold only.
    let span_secs = span_nanos / super::NANOS_PER_SEC as f64;
    SPAN_PRECISION
        .iter()
        .find(|(below_secs, _)| span_secs < *below_secs)
        .map_or(Precision::Year, |(_, precision)| *precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn years() {
        assert_eq!(format_year(2025), "2025");
        assert_eq!(format_year(-43), "44 BCE");
        assert_eq!(format_year(0), "1 BCE");
        assert_eq!(format_year(-11_999), "12,000 BCE");
        assert_eq!(format_year(-13_800_000_000), "13.8 billion years ago");
        assert_eq!(format_year(-65_999_999), "66 million years ago");
        assert_eq!(format_year(-4_540_000_000), "4.54 billion years ago");
    }

    #[test]
    fn dates() {
        assert_eq!(d("2025-10-16").to_string(), "16 October 2025");
        assert_eq!(d("2025-11").to_string(), "November 2025");
        assert_eq!(d("2025").to_string(), "2025");
        assert_eq!(d("-0043-03-15").to_string(), "15 March 44 BCE");
        assert_eq!(d("2025-10-16T14:30").to_string(), "16 October 2025, 14:30");
        assert_eq!(
            d("2025-10-16T14:30:05.250+03:00").to_string(),
            "16 October 2025, 14:30:05.250 UTC+03:00"
        );
    }

    #[test]
    fn span_precisions_follow_the_table() {
        #[allow(clippy::cast_precision_loss)]
        let secs = |s: f64| s * super::super::NANOS_PER_SEC as f64;
        assert_eq!(precision_for_span(secs(1.0)), Precision::Millisecond);
        assert_eq!(precision_for_span(secs(2.0)), Precision::Second);
        assert_eq!(precision_for_span(secs(119.0)), Precision::Second);
        assert_eq!(precision_for_span(secs(3_600.0)), Precision::Minute);
        assert_eq!(precision_for_span(secs(3.0 * 86_400.0)), Precision::Day);
        assert_eq!(precision_for_span(secs(400.0 * 86_400.0)), Precision::Day);
        assert_eq!(
            precision_for_span(secs(4.0 * 365.0 * 86_400.0)),
            Precision::Year
        );
        assert_eq!(precision_for_span(f64::INFINITY), Precision::Year);
    }

    #[test]
    fn spans() {
        assert_eq!(
            format_span(&d("2025-11-05"), Some(&d("2025-11-07"))),
            "5–7 November 2025"
        );
        assert_eq!(
            format_span(&d("2025-10-30"), Some(&d("2025-11-02"))),
            "30 October – 2 November 2025"
        );
        assert_eq!(
            format_span(&d("2025-10"), Some(&d("2025-11"))),
            "October–November 2025"
        );
        assert_eq!(
            format_span(&d("2025-10-16"), Some(&d("2025-10-16"))),
            "16 October 2025"
        );
        assert_eq!(format_span(&d("2025-10-16"), None), "16 October 2025");
        assert_eq!(
            format_span(&d("2024-12-30"), Some(&d("2025-01-02"))),
            "30 December 2024 – 2 January 2025"
        );
    }
}
