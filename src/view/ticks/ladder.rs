//! The step ladder of the time axis: every tick step from a microsecond to
//! a hundred billion years, as a table, with where each step's ticks fall
//! ([`Grid`]) and how its labels read ([`MinorFormat`], [`MajorFormat`]).
//! Label text comes from [`crate::time`]'s formatting.

use crate::time::{
    Civil, NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MILLI, NANOS_PER_MIN, NANOS_PER_SEC, Time,
    compact_year_label, month_abbreviation, month_name, weekday_abbreviation, year_label,
    year_range_label,
};

/// Where the ticks of one step fall.
#[derive(Clone, Copy, Debug)]
pub(super) enum Grid {
    /// Every `step_nanos`, counted from `offset_nanos` after the epoch: the
    /// epoch is midnight, so days, hours and shorter steps align; weeks
    /// count from the first Monday.
    Fixed {
        step_nanos: i128,
        offset_nanos: i128,
    },
    /// Days 1, 3, 5 … of every month, but never a month's last day: that
    /// keeps two or three days between ticks where months meet, and the
    /// labels read as every other day of each month.
    OddDays,
    /// The first of every `n`th month, counted from January.
    Months(i64),
    /// The first of January of every `n`th year, counted so that labels are
    /// round on both sides of year 1: CE years that are multiples of `n`,
    /// BCE years that are multiples of `n` (astronomical year `1 - k·n`,
    /// since year 0 is 1 BCE), and 1 CE itself, which starts the era.
    Years(i64),
}

impl Grid {
    const fn fixed(step_nanos: i128) -> Self {
        Self::Fixed {
            step_nanos,
            offset_nanos: 0,
        }
    }

    /// The longest distance between two neighbouring ticks.
    pub(super) fn max_gap_nanos(self) -> i128 {
        match self {
            Self::Fixed { step_nanos, .. } => step_nanos,
            Self::OddDays => 3 * NANOS_PER_DAY,
            Self::Months(n) => i128::from(n) * 31 * NANOS_PER_DAY,
            Self::Years(n) => i128::from(n) * 366 * NANOS_PER_DAY,
        }
    }

    /// The first tick at or after `time`.
    pub(super) fn next_at_or_after(self, time: Time) -> Time {
        match self {
            Self::Fixed {
                step_nanos,
                offset_nanos,
            } => {
                let floor = floor_to(time.nanos(), step_nanos, offset_nanos);
                Time(if floor < time.nanos() {
                    floor + step_nanos
                } else {
                    floor
                })
            }
            Self::OddDays => {
                let mut day = time.nanos().div_euclid(NANOS_PER_DAY);
                if day * NANOS_PER_DAY < time.nanos() {
                    day += 1;
                }
                // Every month has ticks on days 1 and 3, so a tick is at most
                // three days away.
                for _ in 0..4 {
                    if is_odd_day_tick(day) {
                        break;
                    }
                    day += 1;
                }
                Time(day * NANOS_PER_DAY)
            }
            Self::Months(n) => {
                let floor = floor_month(time, n);
                let at = month_start(floor);
                if at < time {
                    month_start(floor + n)
                } else {
                    at
                }
            }
            Self::Years(n) => {
                let year = time.year();
                let tick = year_tick_at_or_after(year, n);
                let at = Time::from_year(tick);
                if at < time {
                    Time::from_year(year_tick_at_or_after(year.saturating_add(1), n))
                } else {
                    at
                }
            }
        }
    }

    /// The last tick at or before `time`.
    pub(super) fn at_or_before(self, time: Time) -> Time {
        match self {
            Self::Fixed {
                step_nanos,
                offset_nanos,
            } => Time(floor_to(time.nanos(), step_nanos, offset_nanos)),
            Self::OddDays => {
                let mut day = time.nanos().div_euclid(NANOS_PER_DAY);
                for _ in 0..4 {
                    if is_odd_day_tick(day) {
                        break;
                    }
                    day -= 1;
                }
                Time(day * NANOS_PER_DAY)
            }
            Self::Months(n) => month_start(floor_month(time, n)),
            Self::Years(n) => Time::from_year(year_tick_at_or_before(time.year(), n)),
        }
    }

    /// The ticks in `[start, end)`, at most `max_count` of them.
    pub(super) fn times(self, start: Time, end: Time, max_count: usize) -> Vec<Time> {
        let mut times = Vec::new();
        let mut time = self.next_at_or_after(start);
        while time < end && times.len() < max_count {
            times.push(time);
            let next = self.next_at_or_after(time.add_nanos(1));
            if next <= time {
                break; // Saturated at the end of i128: nothing further.
            }
            time = next;
        }
        times
    }
}

/// The largest `offset + k·step` not after `nanos`.
fn floor_to(nanos: i128, step: i128, offset: i128) -> i128 {
    offset + (nanos - offset).div_euclid(step) * step
}

/// True for the days [`Grid::OddDays`] marks.
fn is_odd_day_tick(day: i128) -> bool {
    let today = Civil::from_time(Time(day * NANOS_PER_DAY));
    let tomorrow = Civil::from_time(Time((day + 1) * NANOS_PER_DAY));
    today.day % 2 == 1 && tomorrow.day != 1
}

/// Months counted from January of year 0, rounded down to a multiple of `n`.
fn floor_month(time: Time, n: i64) -> i64 {
    let civil = time.civil();
    let month = civil
        .year
        .saturating_mul(12)
        .saturating_add(i64::from(civil.month) - 1);
    month.div_euclid(n) * n
}

/// The first instant of a month counted as in [`floor_month`].
fn month_start(month: i64) -> Time {
    let year = month.div_euclid(12);
    // `rem_euclid(12)` is in 0..12.
    let month_of_year = u32::try_from(month.rem_euclid(12)).unwrap_or(0) + 1;
    Civil {
        year,
        month: month_of_year,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        nanos: 0,
        weekday: 0,
    }
    .to_time()
}

/// The first tick year of [`Grid::Years`]`(n)` that is `year` or later.
pub(super) fn year_tick_at_or_after(year: i64, n: i64) -> i64 {
    if year >= 1 {
        // Year 1 is a tick; after it, the multiples of `n`.
        if year == 1 {
            1
        } else {
            year.div_euclid(n)
                .saturating_add(i64::from(year.rem_euclid(n) != 0))
                .saturating_mul(n)
        }
    } else {
        // Later BCE years have smaller BCE numbers: round the BCE number
        // down to a multiple of `n`; zero means the era boundary, 1 CE.
        let bce = 1 - year;
        let tick_bce = bce / n * n;
        1 - tick_bce
    }
}

/// The last tick year of [`Grid::Years`]`(n)` that is `year` or earlier.
pub(super) fn year_tick_at_or_before(year: i64, n: i64) -> i64 {
    if year >= 1 {
        if year < n { 1 } else { year / n * n }
    } else {
        let bce = 1 - year;
        let tick_bce = bce
            .div_euclid(n)
            .saturating_add(i64::from(bce.rem_euclid(n) != 0))
            .saturating_mul(n);
        1i64.saturating_sub(tick_bce)
    }
}

/// How minor labels read.
#[derive(Clone, Copy, Debug)]
pub(super) enum MinorFormat {
    /// "250 µs" within the millisecond.
    Micros,
    /// "250 ms" within the second.
    Millis,
    /// "14:30:05".
    Seconds,
    /// "14:30".
    Minutes,
    /// "Thu 16", or "16" where space is short.
    Days,
    /// "16": weeks always start on a Monday, so the weekday says nothing.
    Weeks,
    /// "October", or "Oct".
    Months,
    /// "44 BCE", "4.5 billion years ago", or compact "4.5 Gya".
    Years,
}

impl MinorFormat {
    /// How many variants [`Self::label`] has, longest first.
    pub(super) const fn variants(self) -> usize {
        match self {
            Self::Micros | Self::Millis | Self::Seconds | Self::Minutes | Self::Weeks => 1,
            Self::Days | Self::Months | Self::Years => 2,
        }
    }

    pub(super) fn label(self, time: Time, variant: usize) -> String {
        let c = time.civil();
        match (self, variant) {
            (Self::Micros, _) => format!("{} µs", c.nanos / 1_000 % 1_000),
            (Self::Millis, _) => format!("{} ms", c.millis()),
            (Self::Seconds, _) => format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second),
            (Self::Minutes, _) => format!("{:02}:{:02}", c.hour, c.minute),
            (Self::Days, 0) => format!("{} {}", weekday_abbreviation(c.weekday), c.day),
            (Self::Days | Self::Weeks, _) => c.day.to_string(),
            (Self::Months, 0) => month_name(c.month).to_string(),
            (Self::Months, _) => month_abbreviation(c.month).to_string(),
            // The era starts at 1 CE; a bare "1" among "10 BCE" or "2 Gya"
            // would read as a count rather than a year.
            (Self::Years, _) if c.year == 1 => "1 CE".to_string(),
            (Self::Years, 0) => year_label(c.year),
            (Self::Years, _) => compact_year_label(c.year),
        }
    }
}

/// How upper-tier labels read: each a period, with shorter variants for the
/// sticky label when the next one crowds it.
#[derive(Clone, Copy, Debug)]
pub(super) enum MajorFormat {
    /// "Thu 16 October 2025, 14:30:05.250".
    Millisecond,
    /// "Thu 16 October 2025, 14:30:05".
    Second,
    /// "Thu 16 October 2025, 14:30" (used for minutes and hours alike).
    Minute,
    /// "Thu 16 October 2025".
    Day,
    /// "November 2025".
    Month,
    /// "2025", "44 BCE".
    Year,
    /// "1900–1999", "50–41 BCE", "66–65 million years ago".
    YearRange,
}

impl MajorFormat {
    /// The label variants of the period starting at `time` and ending at
    /// `next`, longest first.
    pub(super) fn labels(self, time: Time, next: Time) -> Vec<String> {
        let c = time.civil();
        let long_date = format!(
            "{} {} {} {}",
            weekday_abbreviation(c.weekday),
            c.day,
            month_name(c.month),
            year_label(c.year)
        );
        let short_date = format!(
            "{} {} {}",
            c.day,
            month_abbreviation(c.month),
            year_label(c.year)
        );
        let with_clock = |clock: String| {
            vec![
                format!("{long_date}, {clock}"),
                format!("{short_date}, {clock}"),
                clock,
            ]
        };
        match self {
            Self::Millisecond => with_clock(format!(
                "{:02}:{:02}:{:02}.{:03}",
                c.hour,
                c.minute,
                c.second,
                c.millis()
            )),
            Self::Second => with_clock(format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second)),
            Self::Minute => with_clock(format!("{:02}:{:02}", c.hour, c.minute)),
            Self::Day => vec![
                long_date,
                short_date,
                format!("{} {}", c.day, month_abbreviation(c.month)),
            ],
            Self::Month => vec![
                format!("{} {}", month_name(c.month), year_label(c.year)),
                format!("{} {}", month_abbreviation(c.month), year_label(c.year)),
                month_abbreviation(c.month).to_string(),
            ],
            Self::Year => vec![year_label(c.year), compact_year_label(c.year)],
            Self::YearRange => {
                vec![
                    year_range_label(c.year, next.year(), false),
                    year_range_label(c.year, next.year(), true),
                ]
            }
        }
    }
}

/// One rung of the ladder: how minor ticks fall and read, and the upper
/// tier above them.
pub(super) struct Step {
    /// The minor step as a person says it.
    pub(super) name: &'static str,
    /// Where minor ticks fall.
    pub(super) grid: Grid,
    /// How minor labels read.
    pub(super) minor: MinorFormat,
    /// Where upper-tier ticks fall.
    pub(super) major: Grid,
    /// How upper-tier labels read.
    pub(super) major_format: MajorFormat,
}

const MICROSECOND: i128 = NANOS_PER_MILLI / 1_000;
const MILLISECOND: Grid = Grid::fixed(NANOS_PER_MILLI);
const SECOND: Grid = Grid::fixed(NANOS_PER_SEC);
const MINUTE: Grid = Grid::fixed(NANOS_PER_MIN);
const HOUR: Grid = Grid::fixed(NANOS_PER_HOUR);
const DAY: Grid = Grid::fixed(NANOS_PER_DAY);
const MONTH: Grid = Grid::Months(1);

/// A step of fixed length.
const fn fixed(
    name: &'static str,
    step_nanos: i128,
    minor: MinorFormat,
    major: Grid,
    major_format: MajorFormat,
) -> Step {
    Step {
        name,
        grid: Grid::fixed(step_nanos),
        minor,
        major,
        major_format,
    }
}

/// Every `n`th month under the years.
const fn months(name: &'static str, n: i64) -> Step {
    Step {
        name,
        grid: Grid::Months(n),
        minor: MinorFormat::Months,
        major: Grid::Years(1),
        major_format: MajorFormat::Year,
    }
}

/// Every `n`th year under the next power of ten: decades over years,
/// centuries over decades, and so on up to billions of years.
const fn years(name: &'static str, n: i64) -> Step {
    let mut period = 10;
    while period <= n {
        period *= 10;
    }
    Step {
        name,
        grid: Grid::Years(n),
        minor: MinorFormat::Years,
        major: Grid::Years(period),
        major_format: MajorFormat::YearRange,
    }
}

/// Every step from a microsecond to a hundred billion years, finest first.
///
/// Sub-millisecond steps exist because the narrowest view is a millisecond:
/// without them it would show one tick at most. Quarter and half hours sit
/// under days: an hour holds only two to four of them, too few to carry an
/// hour label each. Years go in 1-2-5 steps up to more than the whole axis
/// (about 44 billion years), so the coarsest always fits.
// One row per step, so the table reads as a table; `1 * UNIT` keeps the
// rows of a unit alike.
#[rustfmt::skip]
#[allow(clippy::identity_op)]
pub(super) const LADDER: &[Step] = &[
    fixed("1 µs", 1 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("2 µs", 2 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("5 µs", 5 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("10 µs", 10 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("20 µs", 20 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("50 µs", 50 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("100 µs", 100 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("200 µs", 200 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("500 µs", 500 * MICROSECOND, MinorFormat::Micros, MILLISECOND, MajorFormat::Millisecond),
    fixed("1 ms", 1 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("2 ms", 2 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("5 ms", 5 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("10 ms", 10 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("20 ms", 20 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("50 ms", 50 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("100 ms", 100 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("200 ms", 200 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("500 ms", 500 * NANOS_PER_MILLI, MinorFormat::Millis, SECOND, MajorFormat::Second),
    fixed("1 s", 1 * NANOS_PER_SEC, MinorFormat::Seconds, MINUTE, MajorFormat::Minute),
    fixed("2 s", 2 * NANOS_PER_SEC, MinorFormat::Seconds, MINUTE, MajorFormat::Minute),
    fixed("5 s", 5 * NANOS_PER_SEC, MinorFormat::Seconds, MINUTE, MajorFormat::Minute),
    fixed("10 s", 10 * NANOS_PER_SEC, MinorFormat::Seconds, MINUTE, MajorFormat::Minute),
    fixed("15 s", 15 * NANOS_PER_SEC, MinorFormat::Seconds, MINUTE, MajorFormat::Minute),
    fixed("30 s", 30 * NANOS_PER_SEC, MinorFormat::Seconds, MINUTE, MajorFormat::Minute),
    fixed("1 min", 1 * NANOS_PER_MIN, MinorFormat::Minutes, HOUR, MajorFormat::Minute),
    fixed("2 min", 2 * NANOS_PER_MIN, MinorFormat::Minutes, HOUR, MajorFormat::Minute),
    fixed("5 min", 5 * NANOS_PER_MIN, MinorFormat::Minutes, HOUR, MajorFormat::Minute),
    fixed("10 min", 10 * NANOS_PER_MIN, MinorFormat::Minutes, HOUR, MajorFormat::Minute),
    fixed("15 min", 15 * NANOS_PER_MIN, MinorFormat::Minutes, DAY, MajorFormat::Day),
    fixed("30 min", 30 * NANOS_PER_MIN, MinorFormat::Minutes, DAY, MajorFormat::Day),
    fixed("1 h", 1 * NANOS_PER_HOUR, MinorFormat::Minutes, DAY, MajorFormat::Day),
    fixed("3 h", 3 * NANOS_PER_HOUR, MinorFormat::Minutes, DAY, MajorFormat::Day),
    fixed("6 h", 6 * NANOS_PER_HOUR, MinorFormat::Minutes, DAY, MajorFormat::Day),
    fixed("12 h", 12 * NANOS_PER_HOUR, MinorFormat::Minutes, DAY, MajorFormat::Day),
    fixed("1 day", NANOS_PER_DAY, MinorFormat::Days, MONTH, MajorFormat::Month),
    Step { name: "2 days", grid: Grid::OddDays, minor: MinorFormat::Days, major: MONTH, major_format: MajorFormat::Month },
    // 1970-01-01 was a Thursday, so Mondays are 4 days after the epoch.
    Step { name: "1 week", grid: Grid::Fixed { step_nanos: 7 * NANOS_PER_DAY, offset_nanos: 4 * NANOS_PER_DAY }, minor: MinorFormat::Weeks, major: MONTH, major_format: MajorFormat::Month },
    months("1 month", 1),
    months("2 months", 2),
    months("3 months", 3),
    months("6 months", 6),
    years("1 year", 1),
    years("2 years", 2),
    years("5 years", 5),
    years("10 years", 10),
    years("20 years", 20),
    years("50 years", 50),
    years("100 years", 100),
    years("200 years", 200),
    years("500 years", 500),
    years("1000 years", 1_000),
    years("2000 years", 2_000),
    years("5000 years", 5_000),
    years("10,000 years", 10_000),
    years("20,000 years", 20_000),
    years("50,000 years", 50_000),
    years("100,000 years", 100_000),
    years("200,000 years", 200_000),
    years("500,000 years", 500_000),
    years("1 million years", 1_000_000),
    years("2 million years", 2_000_000),
    years("5 million years", 5_000_000),
    years("10 million years", 10_000_000),
    years("20 million years", 20_000_000),
    years("50 million years", 50_000_000),
    years("100 million years", 100_000_000),
    years("200 million years", 200_000_000),
    years("500 million years", 500_000_000),
    years("1 billion years", 1_000_000_000),
    years("2 billion years", 2_000_000_000),
    years("5 billion years", 5_000_000_000),
    years("10 billion years", 10_000_000_000),
    years("20 billion years", 20_000_000_000),
    years("50 billion years", 50_000_000_000),
    years("100 billion years", 100_000_000_000),
];
