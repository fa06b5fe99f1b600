//! Dates as people write them: ISO 8601 with astronomical years, each keeping
//! the precision it was written with.

use std::fmt;
use std::fmt::Write as _;

use super::calendar::checked_days_from_civil;
use super::{NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MILLI, NANOS_PER_MIN, NANOS_PER_SEC, Time};

/// How precisely a date was given. Ordered from coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `"2025"`, `"-13800000000"`.
    Year,
    /// `"2025-10"`.
    Month,
    /// `"2025-10-16"`.
    Day,
    /// `"2025-10-16T14"`.
    Hour,
    /// `"2025-10-16T14:30"`.
    Minute,
    /// `"2025-10-16T14:30:05"`.
    Second,
    /// `"2025-10-16T14:30:05.250"`.
    Millisecond,
}

impl Precision {
    /// Every precision, coarse to fine.
    pub const ALL: [Self; 7] = [
        Self::Year,
        Self::Month,
        Self::Day,
        Self::Hour,
        Self::Minute,
        Self::Second,
        Self::Millisecond,
    ];

    /// A lower-case English name ("day", "month").
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
            Self::Hour => "hour",
            Self::Minute => "minute",
            Self::Second => "second",
            Self::Millisecond => "millisecond",
        }
    }
}

/// Years beyond this magnitude may only be written as plain years: months
/// and days of deep time mean nothing and chrono cannot check them.
pub const MAX_CALENDAR_YEAR: i64 = 200_000;

/// A calendar date as written, with its precision and UTC offset.
///
/// `"2025-10"` and `"2025-10-01"` are different values: the first covers the
/// whole of October ([`Date::end`] is 1 November), the second one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: i64,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    milli: u16,
    /// The UTC offset written in the text, in minutes; `None` when none was
    /// written (then the date is UTC).
    offset_minutes: Option<i16>,
    precision: Precision,
    /// Cached first instant, in UTC.
    start: Time,
}

/// Why a text is not a date.
///
/// A message never repeats the text it was given (which may hold anything,
/// terminal escapes included): a syntax error says what was expected where,
/// and whoever reports it shows the text, quoted and escaped, before it
/// (`crate::io::diag::invalid_date`). Numbers in a message are the parsed
/// values with their sign.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DateError {
    /// What is wrong, for a person.
    pub message: String,
    /// True when the text is not a date at all (rather than a date that
    /// does not exist or is out of range): the report should show the text.
    pub syntax: bool,
    /// Byte offset of the problem in the parsed text (0 for the fields of
    /// [`Date::build`], which have no text).
    pub offset: usize,
}

impl DateError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            syntax: false,
            offset: 0,
        }
    }
}

/// Digits of a year as written, with its sign, shortened when there are
/// very many (a million digits must not become a million-byte message).
pub(super) fn year_as_written(negative: bool, digits: &str) -> String {
    const SHOWN: usize = 24;
    let sign = if negative { "-" } else { "" };
    if digits.len() <= SHOWN {
        format!("{sign}{digits}")
    } else {
        // Only ASCII digits here, so any byte index is a char boundary.
        format!(
            "{sign}{}… ({} digits)",
            digits.get(..SHOWN).unwrap_or(digits),
            digits.len()
        )
    }
}

impl Date {
    /// A date of year precision.
    #[must_use]
    pub fn year(year: i64) -> Self {
        Self::build(year, 1, 1, 0, 0, 0, 0, None, Precision::Year).unwrap_or_else(|_| Self::epoch())
    }

    /// A date of day precision; `None` if the day does not exist.
    #[must_use]
    pub fn ymd(year: i64, month: u32, day: u32) -> Option<Self> {
        Self::build(year, month, day, 0, 0, 0, 0, None, Precision::Day).ok()
    }

    /// A date of month precision; `None` if the month does not exist.
    #[must_use]
    pub fn ym(year: i64, month: u32) -> Option<Self> {
        Self::build(year, month, 1, 0, 0, 0, 0, None, Precision::Month).ok()
    }

    fn epoch() -> Self {
        Self {
            year: 1970,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
            milli: 0,
            offset_minutes: None,
            precision: Precision::Year,
            start: Time::EPOCH,
        }
    }

    /// Builds and validates a date from its fields. Fields finer than
    /// `precision` are ignored (set to their first value).
    ///
    /// # Errors
    /// When a field is out of range or the day does not exist in its month.
    #[allow(clippy::too_many_arguments)] // Mirrors the fields of a written date one to one.
    pub fn build(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        milli: u32,
        offset_minutes: Option<i32>,
        precision: Precision,
    ) -> Result<Self, DateError> {
        if !(super::MIN_YEAR..=super::MAX_YEAR).contains(&year) {
            return Err(DateError::new(format!(
                "year {year} is outside the supported range {} to {}",
                super::MIN_YEAR,
                super::MAX_YEAR
            )));
        }
        if precision > Precision::Year && year.abs() > MAX_CALENDAR_YEAR {
            return Err(DateError::new(format!(
                "year {year} can only be given as a plain year: months and days are supported for years within ±{MAX_CALENDAR_YEAR}"
            )));
        }
        let keep =
            |p: Precision, value: u32, first: u32| if precision >= p { value } else { first };
        let month = keep(Precision::Month, month, 1);
        let day = keep(Precision::Day, day, 1);
        let hour = keep(Precision::Hour, hour, 0);
        let minute = keep(Precision::Minute, minute, 0);
        let second = keep(Precision::Second, second, 0);
        let milli = keep(Precision::Millisecond, milli, 0);
        if !(1..=12).contains(&month) {
            return Err(DateError::new(format!(
                "month {month} does not exist (months are 01 to 12)"
            )));
        }
        let Some(days) = checked_days_from_civil(year, month, day) else {
            return Err(DateError::new(if day == 0 || day > 31 {
                format!("day {day} does not exist (days are 01 to 31)")
            } else {
                format!(
                    "{year:04}-{month:02}-{day:02} does not exist: {} has no day {day}",
                    super::month_name(month)
                )
            }));
        };
        if hour > 23 {
            return Err(DateError::new(format!(
                "hour {hour} does not exist (hours are 00 to 23)"
            )));
        }
        if minute > 59 {
            return Err(DateError::new(format!(
                "minute {minute} does not exist (minutes are 00 to 59)"
            )));
        }
        if second > 59 {
            return Err(DateError::new(format!(
                "second {second} does not exist (seconds are 00 to 59)"
            )));
        }
        if milli > 999 {
            return Err(DateError::new(format!(
                "millisecond {milli} does not exist"
            )));
        }
        let offset = match offset_minutes {
            Some(minutes) if minutes.abs() >= 24 * 60 => {
                return Err(DateError::new("the UTC offset must be less than 24 hours"));
            }
            Some(minutes) => {
                Some(i16::try_from(minutes).map_err(|_| DateError::new("bad UTC offset"))?)
            }
            None => None,
        };
        let local = days * NANOS_PER_DAY
            + i128::from(hour) * NANOS_PER_HOUR
            + i128::from(minute) * NANOS_PER_MIN
            + i128::from(second) * NANOS_PER_SEC
            + i128::from(milli) * NANOS_PER_MILLI;
        let start = Time(local - i128::from(offset.unwrap_or(0)) * NANOS_PER_MIN);
        Ok(Self {
            year,
            month: narrow(month),
            day: narrow(day),
            hour: narrow(hour),
            minute: narrow(minute),
            second: narrow(second),
            milli: u16::try_from(milli).unwrap_or(0),
            offset_minutes: offset,
            precision,
            start,
        })
    }

    /// A date at `precision` holding the instant `time` (UTC), truncated.
    #[must_use]
    pub fn from_time(time: Time, precision: Precision) -> Self {
        let c = time.civil();
        let precision = if c.year.abs() > MAX_CALENDAR_YEAR {
            Precision::Year
        } else {
            precision
        };
        Self::build(
            c.year,
            c.month,
            c.day,
            c.hour,
            c.minute,
            c.second,
            c.millis(),
            None,
            precision,
        )
        .unwrap_or_else(|_| Self::year(c.year.clamp(super::MIN_YEAR, super::MAX_YEAR)))
    }

    /// This day at `nanos_of_day` past its midnight, at `precision`,
    /// truncated: the same date as `Date::from_time(self.start() +
    /// nanos_of_day, precision)` without the calendar arithmetic, for
    /// readers that turn millions of instants on few days into dates (one
    /// `from_time` per day, then this per instant). Any other `self` (not
    /// of day precision, with an offset) or a time outside the day takes
    /// the long way.
    #[must_use]
    pub fn at_time_of_day(self, nanos_of_day: i128, precision: Precision) -> Self {
        if self.precision != Precision::Day
            || self.offset_minutes.is_some()
            || precision <= Precision::Day
            || !(0..NANOS_PER_DAY).contains(&nanos_of_day)
        {
            return Self::from_time(Time(self.start.0 + nanos_of_day), precision);
        }
        let keep = |p: Precision, value: i128| if precision >= p { value } else { 0 };
        let hour = keep(Precision::Hour, nanos_of_day / NANOS_PER_HOUR);
        let minute = keep(Precision::Minute, nanos_of_day / NANOS_PER_MIN % 60);
        let second = keep(Precision::Second, nanos_of_day / NANOS_PER_SEC % 60);
        let milli = keep(
            Precision::Millisecond,
            nanos_of_day / NANOS_PER_MILLI % 1000,
        );
        let start = self.start.0
            + hour * NANOS_PER_HOUR
            + minute * NANOS_PER_MIN
            + second * NANOS_PER_SEC
            + milli * NANOS_PER_MILLI;
        let narrow = |v: i128| u8::try_from(v).unwrap_or(0);
        Self {
            hour: narrow(hour),
            minute: narrow(minute),
            second: narrow(second),
            milli: u16::try_from(milli).unwrap_or(0),
            precision,
            start: Time(start),
            ..self
        }
    }

    /// Parses ISO 8601 with astronomical years: `2025`, `-0043-03-15`,
    /// `2025-10`, `2025-10-16`, `2025-10-16T14`, `2025-10-16T14:30`,
    /// `2025-10-16T14:30:05.250+03:00`, `-13800000000`. A space may stand
    /// for the `T`; no offset means UTC.
    ///
    /// # Errors
    /// When the text is not such a date, or names a day that does not exist.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        // One grammar for every date: the EDTF parser reads these forms too,
        // and a plain date is what it gives for them.
        let bound = match super::Edtf::parse(text) {
            Ok(super::Edtf::Single(bound)) => bound,
            Ok(super::Edtf::Interval { .. }) => {
                return Err(DateError {
                    message: "one date is expected here, not an interval".to_string(),
                    syntax: true,
                    offset: text.find('/').unwrap_or(0),
                });
            }
            Err(e) => {
                return Err(DateError {
                    message: e.message,
                    syntax: e.syntax,
                    offset: e.offset,
                });
            }
        };
        bound.as_date().ok_or_else(|| DateError {
            message: "a plain date is expected here (such as 2025, 2025-10-16 or 2025-10-16T14:30), without `?`, `~`, `X` or a set".to_string(),
            syntax: true,
            offset: text.len() - text.trim_start().len(),
        })
    }

    /// The first instant the date covers (UTC).
    #[must_use]
    pub const fn start(&self) -> Time {
        self.start
    }

    /// The first instant after the date: `"2025-10"` ends at 1 November,
    /// `"2025-10-16"` at midnight after the 16th.
    #[must_use]
    pub fn end(&self) -> Time {
        let step = match self.precision {
            Precision::Year => {
                let next = super::days_from_civil(self.year + 1, 1, 1);
                let this = super::days_from_civil(self.year, 1, 1);
                (next - this) * NANOS_PER_DAY
            }
            Precision::Month => {
                let (y, m) = if self.month == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, u32::from(self.month) + 1)
                };
                (super::days_from_civil(y, m, 1)
                    - super::days_from_civil(self.year, u32::from(self.month), 1))
                    * NANOS_PER_DAY
            }
            Precision::Day => NANOS_PER_DAY,
            Precision::Hour => NANOS_PER_HOUR,
            Precision::Minute => NANOS_PER_MIN,
            Precision::Second => NANOS_PER_SEC,
            Precision::Millisecond => NANOS_PER_MILLI,
        };
        self.start.add_nanos(step)
    }

    /// How precisely the date was written.
    #[must_use]
    pub const fn precision(&self) -> Precision {
        self.precision
    }

    /// Astronomical year as written (0 is 1 BCE).
    #[must_use]
    pub const fn year_number(&self) -> i64 {
        self.year
    }

    /// Month as written (1 when the precision is a year).
    #[must_use]
    pub fn month(&self) -> u32 {
        u32::from(self.month)
    }

    /// Day as written (1 when the precision is coarser than a day).
    #[must_use]
    pub fn day(&self) -> u32 {
        u32::from(self.day)
    }

    /// Hour, minute, second and millisecond as written.
    #[must_use]
    pub fn clock(&self) -> (u32, u32, u32, u32) {
        (
            u32::from(self.hour),
            u32::from(self.minute),
            u32::from(self.second),
            u32::from(self.milli),
        )
    }

    /// The UTC offset written with the date, in minutes.
    #[must_use]
    pub const fn offset_minutes(&self) -> Option<i16> {
        self.offset_minutes
    }

    /// The date as ISO 8601 text at its own precision; `Date::parse` of it
    /// gives the same date back.
    #[must_use]
    pub fn to_iso(&self) -> String {
        let mut out = if self.precision == Precision::Year || self.year.abs() > 9999 {
            // Astronomical years with at least four digits keep `-0043` apart
            // from a month or day.
            if self.year < 0 {
                format!("-{:04}", self.year.unsigned_abs())
            } else {
                format!("{:04}", self.year)
            }
        } else if self.year < 0 {
            format!("-{:04}", self.year.unsigned_abs())
        } else {
            format!("{:04}", self.year)
        };
        let p = self.precision;
        if p >= Precision::Month {
            let _ = write!(out, "-{:02}", self.month);
        }
        if p >= Precision::Day {
            let _ = write!(out, "-{:02}", self.day);
        }
        if p >= Precision::Hour {
            let _ = write!(out, "T{:02}", self.hour);
        }
        if p >= Precision::Minute {
            let _ = write!(out, ":{:02}", self.minute);
        }
        if p >= Precision::Second {
            let _ = write!(out, ":{:02}", self.second);
        }
        if p >= Precision::Millisecond {
            let _ = write!(out, ".{:03}", self.milli);
        }
        if p >= Precision::Hour {
            match self.offset_minutes {
                None => {}
                Some(0) => out.push('Z'),
                Some(m) => {
                    let sign = if m < 0 { '-' } else { '+' };
                    let m = m.unsigned_abs();
                    let _ = write!(out, "{sign}{:02}:{:02}", m / 60, m % 60);
                }
            }
        }
        out
    }
}

impl fmt::Display for Date {
    /// As a person reads it: "16 October 2025", "October 2025", "44 BCE",
    /// "16 October 2025, 14:30 +03:00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::format::human_date(self))
    }
}

fn narrow(value: u32) -> u8 {
    u8::try_from(value).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::days_from_civil;

    #[test]
    fn a_time_of_day_on_a_day_is_the_instant_truncated() {
        let step = NANOS_PER_HOUR + 7 * NANOS_PER_MIN + 13 * NANOS_PER_SEC + 250_000_123;
        for days in [-719_528_i128, -1, 0, 20_000, 2_932_896] {
            let day = Date::from_time(Time(days * NANOS_PER_DAY), Precision::Day);
            for precision in [
                Precision::Year,
                Precision::Day,
                Precision::Hour,
                Precision::Minute,
                Precision::Second,
                Precision::Millisecond,
            ] {
                for nanos in (0..NANOS_PER_DAY).step_by(usize::try_from(step).unwrap_or(1)) {
                    let instant = Time(day.start().0 + nanos);
                    assert_eq!(
                        day.at_time_of_day(nanos, precision),
                        Date::from_time(instant, precision),
                        "{day} + {nanos} at {precision:?}"
                    );
                }
            }
            // Outside the day: the long way, the same date.
            let past = day.at_time_of_day(NANOS_PER_DAY + 5, Precision::Second);
            assert_eq!(
                past,
                Date::from_time(Time(day.start().0 + NANOS_PER_DAY + 5), Precision::Second)
            );
        }
    }

    fn p(text: &str) -> Date {
        match Date::parse(text) {
            Ok(date) => date,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    #[test]
    fn every_precision() {
        let cases = [
            ("2025", Precision::Year),
            ("2025-10", Precision::Month),
            ("2025-10-16", Precision::Day),
            ("2025-10-16T14", Precision::Hour),
            ("2025-10-16T14:30", Precision::Minute),
            ("2025-10-16T14:30:05", Precision::Second),
            ("2025-10-16T14:30:05.250+03:00", Precision::Millisecond),
        ];
        for (text, precision) in cases {
            let date = p(text);
            assert_eq!(date.precision(), precision, "{text}");
            assert_eq!(date.to_iso(), text, "round trip of {text}");
            assert_eq!(Date::parse(&date.to_iso()), Ok(date));
        }
    }

    #[test]
    fn month_is_not_its_first_day() {
        let month = p("2025-10");
        let day = p("2025-10-01");
        assert_ne!(month, day);
        assert_eq!(month.start(), day.start());
        assert_eq!(month.end(), p("2025-11-01").start());
        assert_eq!(day.end(), p("2025-10-02").start());
        assert_eq!(p("2024-02").end(), p("2024-03-01").start());
        assert_eq!(p("2025").end(), p("2026-01-01").start());
    }

    #[test]
    fn offsets_shift_to_utc() {
        let d = p("2025-10-16T14:30:05.250+03:00");
        let utc = p("2025-10-16T11:30:05.250Z");
        assert_eq!(d.start(), utc.start());
        assert_eq!(d.offset_minutes(), Some(180));
        assert_eq!(
            p("2025-10-16T14:30").start(),
            p("2025-10-16T14:30Z").start()
        );
        assert_eq!(p("2025-10-16T14:30-0530").offset_minutes(), Some(-330));
        assert_eq!(p("2025-10-16 14:30").precision(), Precision::Minute);
        assert_eq!(p("2025-10-16T14:30:05.5").clock(), (14, 30, 5, 500));
    }

    #[test]
    fn bce_and_deep_time() {
        let ides = p("-0043-03-15");
        assert_eq!(ides.year_number(), -43);
        assert_eq!(ides.to_iso(), "-0043-03-15");
        assert_eq!(ides.start().0, days_from_civil(-43, 3, 15) * NANOS_PER_DAY);
        let big_bang = p("-13800000000");
        assert_eq!(big_bang.precision(), Precision::Year);
        assert_eq!(big_bang.to_iso(), "-13800000000");
        assert_eq!(big_bang.start().year(), -13_800_000_000);
        assert!(big_bang.start() < ides.start());
        assert_eq!(p("+2025"), p("2025"));
        assert_eq!(p("0").year_number(), 0);
        assert_eq!(p("-4500000000").end().year(), -4_499_999_999);
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "",
            "2025-02-30",
            "2025-13",
            "2025-00",
            "2025-10-32",
            "2025-10-16T24:00",
            "2025-10-16T10:60",
            "25-10-16",
            "2025/10/16",
            "2025-10-16T14:30:05.2500",
            "October 2025",
            "-13800000000-01",
            "2025-1-5",
            "2025-10-16T14:30+25:00",
            "99999999999999999999",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        let e = Date::parse("2025-02-30")
            .err()
            .map(|e| e.message)
            .unwrap_or_default();
        assert!(e.contains("February has no day 30"), "{e}");
    }

    #[test]
    fn from_time_truncates() {
        let t = p("2025-10-16T14:30:05.250").start();
        assert_eq!(Date::from_time(t, Precision::Day).to_iso(), "2025-10-16");
        assert_eq!(
            Date::from_time(t, Precision::Millisecond).to_iso(),
            "2025-10-16T14:30:05.250"
        );
        assert_eq!(
            Date::from_time(Time::from_year(-13_800_000_000), Precision::Day).to_iso(),
            "-13800000000"
        );
    }
}
