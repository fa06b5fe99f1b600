//! Dates and years as a person reads them.

use super::{Date, Precision};
use std::fmt::Write as _;

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
            format!("{} CE", thousands(year.unsigned_abs()))
        } else {
            format!("{} CE", large(year.unsigned_abs()))
        }
    } else {
        let bce = 1 - i128::from(year);
        let bce = u64::try_from(bce).unwrap_or(u64::MAX);
        if bce < 10_000 {
            format!("{bce} BCE")
        } else if bce < 1_000_000 {
            format!("{} BCE", thousands(bce))
        } else {
            format!("{} years ago", large(bce))
        }
    }
}

/// `12000` → `12,000` (the one grouping rule, shared with counts).
#[must_use]
pub fn thousands(value: u64) -> String {
    crate::numbers::grouped(value)
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
