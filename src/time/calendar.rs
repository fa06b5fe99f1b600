//! The proleptic Gregorian calendar for every year the axis holds.
//!
//! chrono does the month and day arithmetic; years outside the window it
//! handles are first shifted by whole 400-year cycles into 2000–2399. Every
//! cycle has exactly 146 097 days, so the shift is exact for any year.

use chrono::{Datelike, NaiveDate};

use super::{NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MILLI, NANOS_PER_MIN, NANOS_PER_SEC, Time};

const DAYS_PER_CYCLE: i128 = 146_097;
/// Days from 1970-01-01 to 2000-01-01.
const DAYS_1970_TO_2000: i128 = 10_957;

fn cycle_base() -> NaiveDate {
    // 2000-01-01 always exists; `NaiveDate::default()` is 1970-01-01, so
    // build the base from it without an unwrap.
    NaiveDate::default() + chrono::Days::new(10_957)
}

/// Days since 1970-01-01 of the given civil date, or `None` if the month or
/// day does not exist (February 30, month 13).
#[must_use]
pub fn checked_days_from_civil(year: i64, month: u32, day: u32) -> Option<i128> {
    let cycles = i128::from(year - 2000).div_euclid(400);
    let shifted_year = i128::from(year) - cycles * 400;
    let shifted_year = i32::try_from(shifted_year).ok()?;
    let date = NaiveDate::from_ymd_opt(shifted_year, month, day)?;
    let in_cycle = i128::from(date.signed_duration_since(cycle_base()).num_days());
    Some(DAYS_1970_TO_2000 + cycles * DAYS_PER_CYCLE + in_cycle)
}

/// Days since 1970-01-01 of a civil date. Invalid days are clamped into their
/// month (so February 30 becomes February 28 or 29), which is what axis
/// arithmetic wants; parsing rejects them before they get here.
#[must_use]
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i128 {
    let month = month.clamp(1, 12);
    let mut day = day.clamp(1, 31);
    loop {
        if let Some(days) = checked_days_from_civil(year, month, day) {
            return days;
        }
        day -= 1;
    }
}

/// True for leap years of the proleptic Gregorian calendar.
#[must_use]
pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// A broken-down UTC date and time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Astronomical year (0 is 1 BCE).
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
    /// 0–59.
    pub second: u32,
    /// Nanoseconds within the second.
    pub nanos: u32,
    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub weekday: u32,
}

impl Civil {
    /// Breaks an instant down into its UTC calendar fields.
    #[must_use]
    pub fn from_time(time: Time) -> Self {
        let days = time.0.div_euclid(NANOS_PER_DAY);
        let nanos_of_day = time.0.rem_euclid(NANOS_PER_DAY);
        let since_2000 = days - DAYS_1970_TO_2000;
        let cycles = since_2000.div_euclid(DAYS_PER_CYCLE);
        let in_cycle = since_2000.rem_euclid(DAYS_PER_CYCLE);
        // `in_cycle` is below 146 097, so it fits a u64 and the date stays
        // inside 2000–2399.
        let in_cycle = u64::try_from(in_cycle).unwrap_or(0);
        let date = cycle_base() + chrono::Days::new(in_cycle);
        let year = i128::from(date.year()) + cycles * 400;
        Self {
            year: i64::try_from(year).unwrap_or(if year < 0 { i64::MIN } else { i64::MAX }),
            month: date.month(),
            day: date.day(),
            hour: u32_of(nanos_of_day / NANOS_PER_HOUR),
            minute: u32_of(nanos_of_day % NANOS_PER_HOUR / NANOS_PER_MIN),
            second: u32_of(nanos_of_day % NANOS_PER_MIN / NANOS_PER_SEC),
            nanos: u32_of(nanos_of_day % NANOS_PER_SEC),
            // 1970-01-01 was a Thursday (3 when Monday is 0).
            weekday: u32_of((days + 3).rem_euclid(7)),
        }
    }

    /// Milliseconds within the second.
    #[must_use]
    pub fn millis(&self) -> u32 {
        self.nanos / u32_of(NANOS_PER_MILLI)
    }

    /// The instant of these fields (UTC); invalid days are clamped.
    #[must_use]
    pub fn to_time(&self) -> Time {
        let days = days_from_civil(self.year, self.month, self.day);
        Time(
            days * NANOS_PER_DAY
                + i128::from(self.hour) * NANOS_PER_HOUR
                + i128::from(self.minute) * NANOS_PER_MIN
                + i128::from(self.second) * NANOS_PER_SEC
                + i128::from(self.nanos),
        )
    }
}

/// Narrows a value already known to be small (a field of a day).
fn u32_of(value: i128) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 1, 1), 10_957);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2025, 10, 16), 20_377);
        // Year 0 (1 BCE) is a leap year in the proleptic Gregorian calendar.
        assert!(checked_days_from_civil(0, 2, 29).is_some());
        assert!(checked_days_from_civil(2025, 2, 29).is_none());
        assert!(checked_days_from_civil(2025, 2, 30).is_none());
        assert!(checked_days_from_civil(2025, 13, 1).is_none());
    }

    #[test]
    fn deep_years_shift_by_whole_cycles() {
        let a = days_from_civil(-13_800_000_000, 1, 1);
        let b = days_from_civil(-13_800_000_000 + 400, 1, 1);
        assert_eq!(b - a, 146_097);
        let civil = Civil::from_time(Time(a * NANOS_PER_DAY));
        assert_eq!(
            (civil.year, civil.month, civil.day),
            (-13_800_000_000, 1, 1)
        );
    }

    #[test]
    fn civil_round_trips_everywhere() {
        for year in [
            -13_800_000_000_i64,
            -4_000_000,
            -262_145,
            -44,
            -1,
            0,
            1,
            1582,
            1970,
            2025,
            9999,
            300_000,
        ] {
            for (month, day) in [(1, 1), (2, 28), (3, 1), (12, 31)] {
                let t = Civil {
                    year,
                    month,
                    day,
                    hour: 13,
                    minute: 7,
                    second: 5,
                    nanos: 250_000_000,
                    weekday: 0,
                }
                .to_time();
                let back = Civil::from_time(t);
                assert_eq!(
                    (
                        back.year,
                        back.month,
                        back.day,
                        back.hour,
                        back.minute,
                        back.second,
                        back.millis()
                    ),
                    (year, month, day, 13, 7, 5, 250)
                );
            }
        }
    }

    #[test]
    fn weekdays() {
        // 16 October 2025 was a Thursday; 7 November 2025 a Friday.
        assert_eq!(
            Civil::from_time(Time(days_from_civil(2025, 10, 16) * NANOS_PER_DAY)).weekday,
            3
        );
        assert_eq!(
            Civil::from_time(Time(days_from_civil(2025, 11, 7) * NANOS_PER_DAY)).weekday,
            4
        );
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(is_leap_year(2024));
        assert!(is_leap_year(0));
        assert!(is_leap_year(-4));
    }
}
