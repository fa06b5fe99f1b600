//! Columns of plain numbers that are dates: years, Unix seconds and
//! milliseconds, spreadsheet serial days, and ISO 8601 basic dates
//! (`20251106`), told apart by their range over the whole column.

use crate::time::{Date, MAX_YEAR, MIN_YEAR, NANOS_PER_MILLI, NANOS_PER_SEC, Precision, Time};

/// The largest unsigned number read as a year: a bare integer of more than
/// five digits is a timestamp, a serial, a basic date or a count, never
/// the year 1,762,439,400 (deep time is written signed: `-13800000000`).
pub const MAX_UNSIGNED_YEAR: f64 = 99_999.0;

/// What a column of plain numbers holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// Years (`1969`, `-44`, `-13800000000`).
    Year,
    /// Seconds since 1970.
    UnixSeconds,
    /// Milliseconds since 1970.
    UnixMillis,
    /// Spreadsheet serial days since 1899-12-30 (the 1900 date system).
    Serial,
    /// ISO 8601 basic dates, `YYYYMMDD` (`20251106`), as GDELT and many
    /// databases write days.
    BasicDate,
}

impl NumberKind {
    /// How the mapping names it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Year => "years",
            Self::UnixSeconds => "Unix seconds",
            Self::UnixMillis => "Unix milliseconds",
            Self::Serial => "spreadsheet serial dates",
            Self::BasicDate => "YYYYMMDD dates",
        }
    }
}

/// Decides what a column of numbers holds from its values and header, or
/// `None` when they are not dates at all.
#[must_use]
pub fn number_kind(values: &[f64], header_says_year: bool) -> Option<NumberKind> {
    if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let whole = values.iter().all(|v| v.fract() == 0.0);
    let (low, high) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    #[allow(clippy::cast_precision_loss)] // The year bounds are exact in f64.
    let year_range = (MIN_YEAR as f64)..=(MAX_YEAR as f64);
    if whole
        && header_says_year
        && year_range.contains(&low)
        && year_range.contains(&high)
        && high <= MAX_UNSIGNED_YEAR
    {
        return Some(NumberKind::Year);
    }
    // Without a header that says so, only four-digit years are years: a
    // column of counts is not a column of dates.
    if whole && (1000.0..=2200.0).contains(&low) && high <= 2200.0 {
        return Some(NumberKind::Year);
    }
    // Eight digits that are a day of the calendar: counts in that range
    // rarely are (a month and a day fit 12 × 31 of every 10,000 numbers),
    // so most of them must be.
    if whole && (10_000_101.0..=99_991_231.0).contains(&low) && high <= 99_991_231.0 {
        let days = values.iter().filter(|v| basic_date(**v).is_some()).count();
        if days * 10 >= values.len() * 9 {
            return Some(NumberKind::BasicDate);
        }
    }
    if (1.0e11..=1.0e13).contains(&low) && high <= 1.0e13 {
        return Some(NumberKind::UnixMillis);
    }
    if (1.0e8..=1.0e10).contains(&low) && high <= 1.0e10 {
        return Some(NumberKind::UnixSeconds);
    }
    // Serial 10000 is 1927, 80000 is 2119: the dates spreadsheets hold.
    if (10_000.0..=80_000.0).contains(&low) && high <= 80_000.0 {
        return Some(NumberKind::Serial);
    }
    None
}

/// The date a number of the given kind stands for.
///
/// # Errors
/// When the number is out of range for the axis.
pub fn date_from_number(value: f64, kind: NumberKind) -> Result<Date, String> {
    let out_of_range = || format!("{value} is out of range for {}", kind.name());
    match kind {
        NumberKind::Year => {
            #[allow(clippy::cast_possible_truncation)] // Checked to be whole and in range.
            let year = value as i64;
            if value.fract() != 0.0 || !(MIN_YEAR..=MAX_YEAR).contains(&year) {
                return Err(out_of_range());
            }
            Ok(Date::year(year))
        }
        NumberKind::UnixSeconds | NumberKind::UnixMillis => {
            let (unit, precision) = if kind == NumberKind::UnixSeconds {
                (NANOS_PER_SEC, Precision::Second)
            } else {
                (NANOS_PER_MILLI, Precision::Millisecond)
            };
            #[allow(clippy::cast_possible_truncation)] // Bounded by number_kind's ranges.
            let whole = value.trunc() as i128;
            let precision = if value.fract() == 0.0 {
                precision
            } else {
                Precision::Millisecond
            };
            #[allow(clippy::cast_possible_truncation)]
            let fraction = (value.fract() * 1.0e9) as i128 * unit / NANOS_PER_SEC;
            Ok(Date::from_time(Time(whole * unit + fraction), precision))
        }
        NumberKind::Serial => serial_date(value).ok_or_else(out_of_range),
        NumberKind::BasicDate => {
            basic_date(value).ok_or_else(|| format!("{value} is not a day written YYYYMMDD"))
        }
    }
}

/// An ISO 8601 basic date, `20251106`, as a day; `None` unless the eight
/// digits name a day of the calendar.
#[must_use]
pub fn basic_date(value: f64) -> Option<Date> {
    if value.fract() != 0.0 || !(10_000_101.0..=99_991_231.0).contains(&value) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // Whole and bounded above.
    let digits = value as i64;
    let (year, month, day) = (digits / 10_000, digits / 100 % 100, digits % 100);
    Date::ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// A spreadsheet serial date (days since 1899-12-30, the fraction the time
/// of day): day precision when whole, minute or second otherwise.
#[must_use]
pub fn serial_date(value: f64) -> Option<Date> {
    if !value.is_finite() || !(-700_000.0..=3_000_000.0).contains(&value) {
        return None;
    }
    let days = value.floor();
    #[allow(clippy::cast_possible_truncation)] // Bounded above.
    let millis = ((value - days) * 86_400_000.0).round() as i128;
    #[allow(clippy::cast_possible_truncation)]
    let days = days as i128;
    let epoch_1899 = crate::time::days_from_civil(1899, 12, 30);
    let time = Time((epoch_1899 + days) * crate::time::NANOS_PER_DAY + millis * NANOS_PER_MILLI);
    let precision = if millis == 0 {
        Precision::Day
    } else if millis % 60_000 == 0 {
        Precision::Minute
    } else if millis % 1000 == 0 {
        Precision::Second
    } else {
        Precision::Millisecond
    };
    Some(Date::from_time(time, precision))
}
