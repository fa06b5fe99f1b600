//! Time on the axis: one integer type from before the Big Bang to far past
//! the year 9999, and calendar dates that remember how precisely they were
//! written.
//!
//! **Architecture invariant:** this module knows nothing of egui, of pixels or
//! of any file format. It is plain arithmetic on integers plus the proleptic
//! Gregorian calendar (chrono where its range allows, shifted by whole
//! 400-year cycles beyond it, which is exact because every such cycle has
//! 146 097 days).

mod calendar;
mod date;
mod edtf;
mod format;
mod words;

pub use calendar::{Civil, days_from_civil, is_leap_year};
pub use date::{Date, DateError, Precision};
pub use edtf::{Bound, BoundKind, Edtf, EdtfDate, EdtfError, Part, Qualifiers, SetItem};
pub use format::{
    compact_year_label, format_span, format_year, large, month_abbreviation, month_name,
    precision_for_span, weekday_abbreviation, year_label, year_range_label,
};
pub use words::{between, bound_words, span_words};

/// Nanoseconds in one millisecond, second, minute, hour and day.
pub const NANOS_PER_MILLI: i128 = 1_000_000;
/// Nanoseconds in one second.
pub const NANOS_PER_SEC: i128 = 1_000 * NANOS_PER_MILLI;
/// Nanoseconds in one minute.
pub const NANOS_PER_MIN: i128 = 60 * NANOS_PER_SEC;
/// Nanoseconds in one hour.
pub const NANOS_PER_HOUR: i128 = 60 * NANOS_PER_MIN;
/// Nanoseconds in one day (UTC has no leap seconds here, like chrono).
pub const NANOS_PER_DAY: i128 = 24 * NANOS_PER_HOUR;
/// Mean Gregorian year: 146 097 days per 400 years.
pub const NANOS_PER_MEAN_YEAR: i128 = NANOS_PER_DAY * 146_097 / 400;

/// The earliest year the axis reaches: well before the Big Bang
/// (13.8 billion years ago), so deep-time data always has room to its left.
pub const MIN_YEAR: i64 = -20_000_000_000;
/// The latest year the axis reaches, symmetric to [`MIN_YEAR`] so far-future
/// cosmology fits too.
pub const MAX_YEAR: i64 = 20_000_000_000;

/// A point on the time axis: nanoseconds since 1970-01-01T00:00:00 UTC in the
/// proleptic Gregorian calendar.
///
/// `i128` nanoseconds cover ±5·10²¹ years, so one type holds the Big Bang and
/// a millisecond in 2025 exactly; differences are exact and only become `f64`
/// relative to a view, where they are small.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i128);

impl Time {
    /// The Unix epoch.
    pub const EPOCH: Self = Self(0);

    /// Nanoseconds since the epoch.
    #[must_use]
    pub const fn nanos(self) -> i128 {
        self.0
    }

    /// The first instant of January 1 of `year` (astronomical numbering).
    #[must_use]
    pub fn from_year(year: i64) -> Self {
        Self(days_from_civil(year, 1, 1) * NANOS_PER_DAY)
    }

    /// The earliest time the axis can show.
    #[must_use]
    pub fn min_value() -> Self {
        Self::from_year(MIN_YEAR)
    }

    /// The latest time the axis can show.
    #[must_use]
    pub fn max_value() -> Self {
        Self::from_year(MAX_YEAR)
    }

    /// Adds a (possibly negative) number of nanoseconds, saturating.
    #[must_use]
    pub const fn add_nanos(self, nanos: i128) -> Self {
        Self(self.0.saturating_add(nanos))
    }

    /// The civil (UTC) date and time of this instant.
    #[must_use]
    pub fn civil(self) -> Civil {
        Civil::from_time(self)
    }

    /// The astronomical year this instant falls in (UTC).
    #[must_use]
    pub fn year(self) -> i64 {
        self.civil().year
    }

    /// Signed distance `self - earlier` in nanoseconds.
    #[must_use]
    pub const fn since(self, earlier: Self) -> i128 {
        self.0 - earlier.0
    }

    /// The present, to the day: the first instant of the current UTC day
    /// (from the system clock). Whole days keep what depends on it, such as
    /// an export fitted to data that ends today, identical all day.
    #[must_use]
    pub fn today() -> Self {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(0));
        Self(since_epoch.div_euclid(NANOS_PER_DAY) * NANOS_PER_DAY)
    }
}

/// A half-open interval of time `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeRange {
    /// First instant inside the range.
    pub start: Time,
    /// First instant after the range.
    pub end: Time,
}

impl TimeRange {
    /// A range from `start` to `end`; swaps them if given in the wrong order.
    #[must_use]
    pub fn new(start: Time, end: Time) -> Self {
        if end < start {
            Self {
                start: end,
                end: start,
            }
        } else {
            Self { start, end }
        }
    }

    /// Length in nanoseconds.
    #[must_use]
    pub const fn len_nanos(self) -> i128 {
        self.end.0 - self.start.0
    }

    /// True when the two ranges share at least one instant.
    #[must_use]
    pub fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest range holding both.
    #[must_use]
    pub fn union(self, other: Self) -> Self {
        Self {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}
