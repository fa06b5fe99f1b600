//! The proleptic Gregorian calendar for every year the axis holds.
//!
//! Days are counted with Howard Hinnant's `days_from_civil` and
//! `civil_from_days` algorithms in i64: pure integer arithmetic over
//! 400-year eras, exact for any year and with no table look-ups (every
//! date of a file goes through here while it loads). The tests check them
//! against chrono wherever chrono reaches.

use super::{NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MILLI, NANOS_PER_MIN, NANOS_PER_SEC, Time};

const DAYS_PER_ERA: i64 = 146_097;
/// Days from 0000-03-01 (where an era of the algorithm starts) to 1970-01-01.
const DAYS_0000_03_TO_1970: i64 = 719_468;
/// Far beyond the axis's ±20 billion years, far below i64's limits.
const YEAR_LIMIT: i64 = 1 << 40;

/// Days in `month` (1–12) of `year`.
fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of the given civil date, or `None` if the month or
/// day does not exist (February 30, month 13).
#[must_use]
pub fn checked_days_from_civil(year: i64, month: u32, day: u32) -> Option<i128> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // i64 holds the day count of any year the axis has (±20 billion years
    // are about ±7.3e12 days) and divides far faster than i128; years
    // beyond ±2^40 do not occur and are clamped rather than overflow.
    let year = year.clamp(-YEAR_LIMIT, YEAR_LIMIT);
    // The algorithm's year starts in March, so a leap day ends it.
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = i64::from(if month > 2 { month - 3 } else { month + 9 });
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(i128::from(
        era * DAYS_PER_ERA + day_of_era - DAYS_0000_03_TO_1970,
    ))
}

/// Year, month and day of a count of days since 1970-01-01.
fn civil_from_days(days: i128) -> (i128, u32, u32) {
    let limit = YEAR_LIMIT * 366;
    let days = i64::try_from(days).unwrap_or(if days < 0 { -limit } else { limit });
    let z = days.clamp(-limit, limit) + DAYS_0000_03_TO_1970;
    let era = z.div_euclid(DAYS_PER_ERA);
    let day_of_era = z - era * DAYS_PER_ERA;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (
        i128::from(year),
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// Days since 1970-01-01 of a civil date. Invalid days are clamped into their
/// month (so February 30 becomes February 28 or 29), which is what axis
/// arithmetic wants; parsing rejects them before they get here.
#[must_use]
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i128 {
    let month = month.clamp(1, 12);
    let day = day.clamp(1, days_in_month(year, month));
    checked_days_from_civil(year, month, day).unwrap_or_default()
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
        // Below a day's nanoseconds: the field divisions run in i64.
        let nanos_of_day = i64::try_from(time.0 - days * NANOS_PER_DAY).unwrap_or(0);
        let field = |unit: i128| i64::try_from(unit).unwrap_or(1);
        let (year, month, day) = civil_from_days(days);
        Self {
            year: i64::try_from(year).unwrap_or(if year < 0 { i64::MIN } else { i64::MAX }),
            month,
            day,
            hour: u32_of(nanos_of_day / field(NANOS_PER_HOUR)),
            minute: u32_of(nanos_of_day % field(NANOS_PER_HOUR) / field(NANOS_PER_MIN)),
            second: u32_of(nanos_of_day % field(NANOS_PER_MIN) / field(NANOS_PER_SEC)),
            nanos: u32_of(nanos_of_day % field(NANOS_PER_SEC)),
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
fn u32_of(value: impl TryInto<u32>) -> u32 {
    value.try_into().unwrap_or(0)
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

    /// Every day from 1600 to 2400 (and a stretch around year 0) against
    /// chrono, both ways.
    #[test]
    fn days_agree_with_chrono() {
        use chrono::{Datelike, NaiveDate};
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        for (from, to) in [(1600, 2400), (-500, 500)] {
            let mut date = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or_default();
            while date.year() < to {
                let days = i128::from(date.signed_duration_since(epoch).num_days());
                let (y, m, d) = (i64::from(date.year()), date.month(), date.day());
                assert_eq!(checked_days_from_civil(y, m, d), Some(days), "{date}");
                assert_eq!(civil_from_days(days), (i128::from(y), m, d), "{date}");
                date = date.succ_opt().unwrap_or(date);
            }
        }
        for (y, m, d) in [
            (2025, 2, 29),
            (1900, 2, 29),
            (2025, 4, 31),
            (2025, 0, 1),
            (2025, 1, 0),
        ] {
            assert_eq!(checked_days_from_civil(y, m, d), None, "{y}-{m}-{d}");
        }
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
