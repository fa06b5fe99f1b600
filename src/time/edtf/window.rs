//! The instants a date can mean: the earliest and the first after the
//! latest, over every value its `X` digits, season or significant digits
//! allow.

use super::{EdtfDate, YEAR_MASK};
use crate::time::calendar::checked_days_from_civil;
use crate::time::{NANOS_PER_DAY, Time};

impl EdtfDate {
    /// The earliest instant and the first instant after the latest one.
    pub(super) fn window(&self) -> Option<(Time, Time)> {
        if let Some(clock) = self.clock {
            return Some((clock.start(), clock.end()));
        }
        if let Some(digits) = self.significant {
            let (low, high) = significant_years(self.year, digits);
            return Some((Time::from_year(low), Time::from_year(high + 1)));
        }
        let years = year_candidates(self);
        let (first, last) = (*years.first()?, *years.last()?);
        if self.month > 12 {
            let (from, to, wraps) = season_months(self.month)?;
            return Some((
                month_start(first, from),
                month_end(last + i64::from(wraps), to),
            ));
        }
        let months = self.candidates(self.month, 4, 12);
        let days = self.candidates(self.day, 6, 31);
        let earliest = years.iter().find_map(|&y| {
            months
                .iter()
                .find_map(|&m| days.iter().find_map(|&d| day_start(y, m, d)))
        })?;
        let latest = years.iter().rev().find_map(|&y| {
            months.iter().rev().find_map(|&m| {
                days.iter().rev().find_map(|&d| {
                    let start = day_start(y, m, d)?;
                    Some(match (m, d) {
                        (0, _) => Time::from_year(y + 1),
                        (m, 0) => month_end(y, m),
                        _ => start.add_nanos(NANOS_PER_DAY),
                    })
                })
            })
        })?;
        Some((earliest, latest))
    }

    /// The window, or the epoch for a date that names none (parsing
    /// rejects those, so this never happens for a parsed date).
    pub(in crate::time) fn window_or_epoch(&self) -> (Time, Time) {
        self.window().unwrap_or((Time::EPOCH, Time::EPOCH))
    }

    /// The values a month or day slot can take: `[0]` when not written.
    fn candidates(&self, value: u8, shift: u8, max: u8) -> Vec<u8> {
        let tens = self.unspecified >> shift & 1 != 0;
        let ones = self.unspecified >> (shift + 1) & 1 != 0;
        if value == 0 && !tens && !ones {
            return vec![0];
        }
        (1..=max)
            .filter(|v| (tens || v / 10 == value / 10) && (ones || v % 10 == value % 10))
            .collect()
    }
}

/// First instant of a day, month (`day` 0) or year (`month` 0), if it exists.
fn day_start(year: i64, month: u8, day: u8) -> Option<Time> {
    let days = checked_days_from_civil(year, u32::from(month.max(1)), u32::from(day.max(1)))?;
    Some(Time(days * NANOS_PER_DAY))
}

fn month_start(year: i64, month: u8) -> Time {
    Time(crate::time::days_from_civil(year, u32::from(month), 1) * NANOS_PER_DAY)
}

fn month_end(year: i64, month: u8) -> Time {
    if month >= 12 {
        Time::from_year(year + 1)
    } else {
        month_start(year, month + 1)
    }
}

/// The years a year with unspecified digits can be, ascending.
fn year_candidates(date: &EdtfDate) -> Vec<i64> {
    let mask = date.unspecified & YEAR_MASK;
    if mask == 0 {
        return vec![date.year];
    }
    let magnitude = date.year.unsigned_abs();
    let digit = |n: u64, i: u32| n / 10_u64.pow(3 - i) % 10;
    let mut years: Vec<i64> = (0..10_000_u64)
        .filter(|n| (0..4).all(|i| mask >> i & 1 != 0 || digit(*n, i) == digit(magnitude, i)))
        .filter_map(|n| i64::try_from(n).ok())
        .map(|n| if date.year < 0 { -n } else { n })
        .collect();
    years.sort_unstable();
    years
}

/// `1950S2` → 1900–1999; `-1950S2` → −1999 – −1900.
pub(in crate::time) fn significant_years(year: i64, digits: u8) -> (i64, i64) {
    let magnitude = year.unsigned_abs();
    let total = magnitude.checked_ilog10().map_or(1, |l| l + 1);
    let free = total.saturating_sub(u32::from(digits));
    let unit = 10_u64.saturating_pow(free);
    let low = magnitude / unit * unit;
    let high = low.saturating_add(unit - 1);
    let (low, high) = (
        i64::try_from(low).unwrap_or(i64::MAX),
        i64::try_from(high).unwrap_or(i64::MAX),
    );
    if year < 0 { (-high, -low) } else { (low, high) }
}

/// First and last month of a sub-year grouping (ISO 8601-2 §4.8), and
/// whether it ends in the next year. ISO leaves seasons to the place; these
/// are the meteorological months (the table edtf-core and python-edtf use).
const fn season_months(code: u8) -> Option<(u8, u8, bool)> {
    Some(match code {
        21 | 25 | 31 => (3, 5, false),
        22 | 26 | 32 => (6, 8, false),
        23 | 27 | 29 => (9, 11, false),
        24 | 28 | 30 => (12, 2, true),
        33 => (1, 3, false),
        34 => (4, 6, false),
        35 => (7, 9, false),
        36 => (10, 12, false),
        37 => (1, 4, false),
        38 => (5, 8, false),
        39 => (9, 12, false),
        40 => (1, 6, false),
        41 => (7, 12, false),
        _ => return None,
    })
}
