//! Tick generation for the time axis: which instants get a line and a label,
//! in two tiers, at any zoom from billions of years to microseconds.
//!
//! The step ladder mixes fixed steps (milliseconds to hours, where every
//! step is the same length) with calendar steps (weeks from Monday, months
//! from January, years counted so that BCE and CE labels are both round).
//! [`ticks`] picks the finest step whose labels fit, measured with the
//! caller's font, and lays out both tiers so that no two labels of a tier
//! overlap and none is clipped at either edge.
//!
//! **Architecture invariant:** this is pure arithmetic on [`TimeView`] and
//! strings. It knows nothing of egui: text is measured by a callback.

use std::sync::LazyLock;

use super::TimeView;
use super::transform::f64_from_nanos;
use crate::time::{
    Civil, NANOS_PER_DAY, NANOS_PER_HOUR, NANOS_PER_MILLI, NANOS_PER_MIN, NANOS_PER_SEC, Time,
    format_year, large, month_name, thousands,
};

/// A label's left edge sits this far right of its tick line, so the text
/// does not touch the line.
pub const LABEL_OFFSET_PX: f64 = 3.0;

/// The least empty space between two labels of one tier.
pub const LABEL_GAP_PX: f64 = 5.0;

/// Steps whose widest gap is narrower than this are not even considered:
/// they could never carry a label, and skipping them bounds the tick count.
const MIN_STEP_PX: f64 = 2.0;

/// One tick: a line at `x` and, unless `label` is empty, a label whose left
/// edge is at `label_x`. Both are in points from the left edge of the time
/// area.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The instant the tick marks (the start of its day, month, period …).
    pub time: Time,
    /// `view.x_from_time(time, width_px)`; negative only for the upper
    /// tier's first tick, whose period began before the view.
    pub x: f64,
    /// The text to draw; empty when it was dropped because it would overlap
    /// another label or be clipped. The tick line is still drawn then.
    pub label: String,
    /// Where the label's left edge goes; inside `[0, width_px - label width]`
    /// whenever `label` is not empty.
    pub label_x: f64,
}

/// The ticks of one frame, in two tiers, each sorted by time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ticks {
    /// The lower, finer tier: e.g. the days of a month.
    pub minor: Vec<Tick>,
    /// The upper tier of the next natural unit: e.g. "November 2025" above
    /// the days. The first tick is the period containing the left edge, and
    /// its label is kept on screen ("sticky").
    pub major: Vec<Tick>,
    /// The minor step as a person says it: "1 day", "50 ms", "1 million
    /// years"; empty when nothing could be generated.
    pub step_name: &'static str,
}

/// Ticks for `view` drawn `width_px` points wide: the finest step of the
/// ladder whose minor labels, measured with `text_width` plus
/// [`LABEL_GAP_PX`], do not overlap; and the upper tier above it.
///
/// Only ticks inside the view are generated (plus, in the upper tier, the
/// one period that began before it), so the cost is bounded by the width,
/// never by the span: at most about `width_px / 2` ticks per tier.
#[must_use]
pub fn ticks(view: &TimeView, width_px: f64, text_width: &dyn Fn(&str) -> f64) -> Ticks {
    if !(width_px.is_finite() && width_px > 0.0) {
        return Ticks::default();
    }
    // A measure that cannot poison the layout with NaN or negative widths.
    let measure = |text: &str| {
        let width = text_width(text);
        if width.is_finite() && width > 0.0 {
            width
        } else {
            0.0
        }
    };
    let area = Area {
        view,
        width_px,
        max_count: max_tick_count(width_px),
        measure: &measure,
    };
    let centre = view.time_from_x(width_px / 2.0, width_px);
    for step in LADDER.iter() {
        let max_gap_px = f64_from_nanos(step.grid.max_gap_nanos()) / view.span_nanos() * width_px;
        if max_gap_px < MIN_STEP_PX {
            continue;
        }
        let sample = step.grid.next_at_or_after(centre);
        let mut times = None;
        for variant in 0..step.minor.variants() {
            // A cheap test first: if one typical label cannot fit even the
            // widest gap of this step, the step is too fine.
            if max_gap_px < measure(&step.minor.label(sample, variant)) + LABEL_GAP_PX {
                continue;
            }
            let times = times
                .get_or_insert_with(|| step.grid.times(view.start(), view.end(), area.max_count));
            if let Some(minor) = area.place_minor(times, step.minor, variant, Overlap::Reject) {
                return Ticks {
                    minor,
                    major: area.place_major(step),
                    step_name: step.name,
                };
            }
        }
    }
    // Only reached when even the coarsest step's labels collide (an area a
    // few points wide, or absurd text widths): show what fits.
    let Some(step) = LADDER.last() else {
        return Ticks::default();
    };
    let times = step.grid.times(view.start(), view.end(), area.max_count);
    let variant = step.minor.variants() - 1;
    let minor = area
        .place_minor(&times, step.minor, variant, Overlap::Drop)
        .unwrap_or_default();
    Ticks {
        minor,
        major: area.place_major(step),
        step_name: step.name,
    }
}

/// The most ticks one tier may hold: half a tick per point, plus the sticky
/// one, as a hard stop against any mistake in the step choice.
fn max_tick_count(width_px: f64) -> usize {
    let count = (width_px / 2.0).ceil() + 2.0;
    // Bounded and positive, so the conversion is exact; the bound keeps an
    // absurd width from allocating without limit.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // In 2..=1e6, see above.
    let count = count.clamp(2.0, 1e6) as usize;
    count
}

/// What to do with a label that collides with the one before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Overlap {
    /// The step does not fit: give up on it.
    Reject,
    /// Keep the tick, drop its label.
    Drop,
}

/// The time area ticks are laid out in.
struct Area<'a> {
    view: &'a TimeView,
    width_px: f64,
    max_count: usize,
    measure: &'a dyn Fn(&str) -> f64,
}

impl Area<'_> {
    /// The lower tier: every tick gets its label at `x + LABEL_OFFSET_PX`,
    /// unless it would cross the right edge. `None` when two labels collide
    /// and `overlap` says to reject the step.
    fn place_minor(
        &self,
        times: &[Time],
        format: MinorFormat,
        variant: usize,
        overlap: Overlap,
    ) -> Option<Vec<Tick>> {
        let mut ticks = Vec::with_capacity(times.len());
        let mut previous_end_px = f64::NEG_INFINITY;
        for &time in times {
            let x = self.view.x_from_time(time, self.width_px);
            let label_x = x + LABEL_OFFSET_PX;
            let mut label = format.label(time, variant);
            let width = (self.measure)(&label);
            if label_x < previous_end_px + LABEL_GAP_PX {
                if overlap == Overlap::Reject {
                    return None;
                }
                label.clear();
            } else if label_x + width > self.width_px {
                // Clipped at the right edge. Every later label starts even
                // further right, so this only ever drops a suffix.
                label.clear();
            } else {
                previous_end_px = label_x + width;
            }
            ticks.push(Tick {
                time,
                x,
                label,
                label_x,
            });
        }
        Some(ticks)
    }

    /// The upper tier of `step`: the period containing the left edge, then
    /// every period starting inside the view.
    fn place_major(&self, step: &Step) -> Vec<Tick> {
        let (start, end) = (self.view.start(), self.view.end());
        let first = step.major.at_or_before(start);
        let mut times = vec![first];
        times.extend(step.major.times(first.add_nanos(1), end, self.max_count));
        let slots: Vec<Slot> = times
            .iter()
            .map(|&time| {
                let x = self.view.x_from_time(time, self.width_px);
                let next = step.major.next_at_or_after(time.add_nanos(1));
                let labels = step.major_format.labels(time, next);
                let widths = labels.iter().map(|label| (self.measure)(label)).collect();
                Slot {
                    time,
                    x,
                    desired_x: x.max(0.0) + LABEL_OFFSET_PX,
                    labels,
                    widths,
                }
            })
            .collect();
        let mut chosen = self.choose_uniform_variant(&slots);
        if let Some(sticky) = slots.first() {
            chosen[0] = self.place_sticky(sticky, &slots, &chosen);
        }
        slots
            .into_iter()
            .zip(chosen)
            .map(|(slot, choice)| match choice {
                Some((variant, label_x)) => {
                    let label = slot.labels.get(variant).cloned().unwrap_or_default();
                    Tick {
                        time: slot.time,
                        x: slot.x,
                        label,
                        label_x,
                    }
                }
                None => Tick {
                    time: slot.time,
                    x: slot.x,
                    label: String::new(),
                    label_x: slot.desired_x,
                },
            })
            .collect()
    }

    /// Every upper label but the sticky first one uses the same variant: the
    /// longest with which none of them collide, so the tier reads evenly.
    /// If even the shortest collides, labels are dropped left to right where
    /// they would. Returns the chosen variant and left edge of each label
    /// (`None` for the sticky slot, which is placed afterwards).
    fn choose_uniform_variant(&self, slots: &[Slot]) -> Vec<Option<(usize, f64)>> {
        let variants = slots
            .iter()
            .skip(1)
            .map(|slot| slot.labels.len())
            .max()
            .unwrap_or(0);
        let fits = |variant: usize| {
            let mut previous_end_px = f64::NEG_INFINITY;
            for slot in slots.iter().skip(1) {
                let width = slot.width(variant);
                if slot.desired_x + width > self.width_px {
                    break; // Dropped at the right edge, like all after it.
                }
                if slot.desired_x < previous_end_px + LABEL_GAP_PX {
                    return false;
                }
                previous_end_px = slot.desired_x + width;
            }
            true
        };
        let (variant, overlap) = match (0..variants).find(|&variant| fits(variant)) {
            Some(variant) => (variant, Overlap::Reject),
            None => (variants.saturating_sub(1), Overlap::Drop),
        };
        let mut chosen = vec![None; slots.len()];
        let mut previous_end_px = f64::NEG_INFINITY;
        for (slot, choice) in slots.iter().zip(chosen.iter_mut()).skip(1) {
            let variant = variant.min(slot.labels.len().saturating_sub(1));
            let width = slot.width(variant);
            let clipped = slot.desired_x + width > self.width_px;
            let collides =
                overlap == Overlap::Drop && slot.desired_x < previous_end_px + LABEL_GAP_PX;
            if !slot.labels.is_empty() && !clipped && !collides {
                *choice = Some((variant, slot.desired_x));
                previous_end_px = slot.desired_x + width;
            }
        }
        chosen
    }

    /// The sticky label (of the period containing the left edge) gets the
    /// longest variant that fits between the left edge and the next visible
    /// label, pushed left towards the edge if need be. With no room at all
    /// it is hidden: the next label takes over, never the other way round.
    fn place_sticky(
        &self,
        sticky: &Slot,
        slots: &[Slot],
        chosen: &[Option<(usize, f64)>],
    ) -> Option<(usize, f64)> {
        let limit_px = slots
            .iter()
            .zip(chosen)
            .skip(1)
            .find_map(|(_, choice)| choice.map(|(_, label_x)| label_x - LABEL_GAP_PX))
            .unwrap_or(self.width_px);
        let variant =
            (0..sticky.labels.len()).find(|&variant| sticky.widths[variant] <= limit_px)?;
        Some((
            variant,
            sticky.desired_x.min(limit_px - sticky.widths[variant]),
        ))
    }
}

/// An upper-tier tick before its label variant is chosen.
struct Slot {
    time: Time,
    x: f64,
    desired_x: f64,
    /// Label variants, longest first.
    labels: Vec<String>,
    widths: Vec<f64>,
}

impl Slot {
    fn width(&self, variant: usize) -> f64 {
        self.widths
            .get(variant)
            .or(self.widths.last())
            .copied()
            .unwrap_or(0.0)
    }
}

/// Where the ticks of one step fall.
#[derive(Clone, Copy, Debug)]
enum Grid {
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
    fn max_gap_nanos(self) -> i128 {
        match self {
            Self::Fixed { step_nanos, .. } => step_nanos,
            Self::OddDays => 3 * NANOS_PER_DAY,
            Self::Months(n) => i128::from(n) * 31 * NANOS_PER_DAY,
            Self::Years(n) => i128::from(n) * 366 * NANOS_PER_DAY,
        }
    }

    /// The first tick at or after `time`.
    fn next_at_or_after(self, time: Time) -> Time {
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
    fn at_or_before(self, time: Time) -> Time {
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
    fn times(self, start: Time, end: Time, max_count: usize) -> Vec<Time> {
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
fn year_tick_at_or_after(year: i64, n: i64) -> i64 {
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
fn year_tick_at_or_before(year: i64, n: i64) -> i64 {
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
enum MinorFormat {
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
    /// "October", or "Oct".
    Months,
    /// "44 BCE", "4.5 billion years ago", or compact "4.5 Gya".
    Years,
}

impl MinorFormat {
    /// How many variants [`Self::label`] has, longest first.
    const fn variants(self) -> usize {
        match self {
            Self::Micros | Self::Millis | Self::Seconds | Self::Minutes => 1,
            Self::Days | Self::Months | Self::Years => 2,
        }
    }

    fn label(self, time: Time, variant: usize) -> String {
        let c = time.civil();
        match (self, variant) {
            (Self::Micros, _) => format!("{} µs", c.nanos / 1_000 % 1_000),
            (Self::Millis, _) => format!("{} ms", c.millis()),
            (Self::Seconds, _) => format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second),
            (Self::Minutes, _) => format!("{:02}:{:02}", c.hour, c.minute),
            (Self::Days, 0) => format!("{} {}", weekday_abbreviation(c.weekday), c.day),
            (Self::Days, _) => c.day.to_string(),
            (Self::Months, 0) => month_name(c.month).to_string(),
            (Self::Months, _) => month_abbreviation(c.month).to_string(),
            (Self::Years, 0) => year_label(c.year),
            (Self::Years, _) => compact_year_label(c.year),
        }
    }
}

/// How upper-tier labels read: each a period, with shorter variants for the
/// sticky label when the next one crowds it.
#[derive(Clone, Copy, Debug)]
enum MajorFormat {
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
    fn labels(self, time: Time, next: Time) -> Vec<String> {
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
            Self::YearRange => vec![year_range_label(c.year, next.year()), year_label(c.year)],
        }
    }
}

/// One rung of the ladder: how minor ticks fall and read, and the upper
/// tier above them.
struct Step {
    name: &'static str,
    grid: Grid,
    minor: MinorFormat,
    major: Grid,
    major_format: MajorFormat,
}

/// Every step from a microsecond to a hundred billion years, finest first.
///
/// Sub-millisecond steps exist because the narrowest view is a millisecond:
/// without them it would show one tick at most.
static LADDER: LazyLock<Vec<Step>> = LazyLock::new(|| {
    let micro = NANOS_PER_MILLI / 1_000;
    let day = Grid::fixed(NANOS_PER_DAY);
    let month = Grid::Months(1);
    let mut ladder = Vec::new();
    let mut fixed = |name, step_nanos, minor, major, major_format| {
        ladder.push(Step {
            name,
            grid: Grid::fixed(step_nanos),
            minor,
            major,
            major_format,
        });
    };
    let (millisecond, second) = (Grid::fixed(NANOS_PER_MILLI), Grid::fixed(NANOS_PER_SEC));
    let (minute, hour) = (Grid::fixed(NANOS_PER_MIN), Grid::fixed(NANOS_PER_HOUR));
    for (name, n) in [
        ("1 µs", 1),
        ("2 µs", 2),
        ("5 µs", 5),
        ("10 µs", 10),
        ("20 µs", 20),
        ("50 µs", 50),
        ("100 µs", 100),
        ("200 µs", 200),
        ("500 µs", 500),
    ] {
        fixed(
            name,
            n * micro,
            MinorFormat::Micros,
            millisecond,
            MajorFormat::Millisecond,
        );
    }
    for (name, n) in [
        ("1 ms", 1),
        ("2 ms", 2),
        ("5 ms", 5),
        ("10 ms", 10),
        ("20 ms", 20),
        ("50 ms", 50),
        ("100 ms", 100),
        ("200 ms", 200),
        ("500 ms", 500),
    ] {
        fixed(
            name,
            n * NANOS_PER_MILLI,
            MinorFormat::Millis,
            second,
            MajorFormat::Second,
        );
    }
    for (name, n) in [
        ("1 s", 1),
        ("2 s", 2),
        ("5 s", 5),
        ("10 s", 10),
        ("15 s", 15),
        ("30 s", 30),
    ] {
        fixed(
            name,
            n * NANOS_PER_SEC,
            MinorFormat::Seconds,
            minute,
            MajorFormat::Minute,
        );
    }
    for (name, n) in [("1 min", 1), ("2 min", 2), ("5 min", 5), ("10 min", 10)] {
        fixed(
            name,
            n * NANOS_PER_MIN,
            MinorFormat::Minutes,
            hour,
            MajorFormat::Minute,
        );
    }
    // Quarter and half hours sit under days: an hour holds only two to four
    // of them, too few to carry an hour label each.
    for (name, n) in [("15 min", 15), ("30 min", 30)] {
        fixed(
            name,
            n * NANOS_PER_MIN,
            MinorFormat::Minutes,
            day,
            MajorFormat::Day,
        );
    }
    for (name, n) in [("1 h", 1), ("3 h", 3), ("6 h", 6), ("12 h", 12)] {
        fixed(
            name,
            n * NANOS_PER_HOUR,
            MinorFormat::Minutes,
            day,
            MajorFormat::Day,
        );
    }
    fixed(
        "1 day",
        NANOS_PER_DAY,
        MinorFormat::Days,
        month,
        MajorFormat::Month,
    );
    ladder.push(Step {
        name: "2 days",
        grid: Grid::OddDays,
        minor: MinorFormat::Days,
        major: month,
        major_format: MajorFormat::Month,
    });
    // 1970-01-01 was a Thursday, so Mondays are 4 days after the epoch.
    ladder.push(Step {
        name: "1 week",
        grid: Grid::Fixed {
            step_nanos: 7 * NANOS_PER_DAY,
            offset_nanos: 4 * NANOS_PER_DAY,
        },
        minor: MinorFormat::Days,
        major: month,
        major_format: MajorFormat::Month,
    });
    for (name, n) in [
        ("1 month", 1),
        ("2 months", 2),
        ("3 months", 3),
        ("6 months", 6),
    ] {
        ladder.push(Step {
            name,
            grid: Grid::Months(n),
            minor: MinorFormat::Months,
            major: Grid::Years(1),
            major_format: MajorFormat::Year,
        });
    }
    for (name, n) in YEAR_STEPS {
        // The upper tier is the next power of ten: decades over years,
        // centuries over decades, and so on up to billions of years.
        let mut period = 10;
        while period <= n {
            period *= 10;
        }
        ladder.push(Step {
            name,
            grid: Grid::Years(n),
            minor: MinorFormat::Years,
            major: Grid::Years(period),
            major_format: MajorFormat::YearRange,
        });
    }
    ladder
});

/// 1-2-5 steps of years, up to more than the whole axis (about 44 billion
/// years), so the coarsest always fits.
const YEAR_STEPS: [(&str, i64); 34] = [
    ("1 year", 1),
    ("2 years", 2),
    ("5 years", 5),
    ("10 years", 10),
    ("20 years", 20),
    ("50 years", 50),
    ("100 years", 100),
    ("200 years", 200),
    ("500 years", 500),
    ("1000 years", 1_000),
    ("2000 years", 2_000),
    ("5000 years", 5_000),
    ("10,000 years", 10_000),
    ("20,000 years", 20_000),
    ("50,000 years", 50_000),
    ("100,000 years", 100_000),
    ("200,000 years", 200_000),
    ("500,000 years", 500_000),
    ("1 million years", 1_000_000),
    ("2 million years", 2_000_000),
    ("5 million years", 5_000_000),
    ("10 million years", 10_000_000),
    ("20 million years", 20_000_000),
    ("50 million years", 50_000_000),
    ("100 million years", 100_000_000),
    ("200 million years", 200_000_000),
    ("500 million years", 500_000_000),
    ("1 billion years", 1_000_000_000),
    ("2 billion years", 2_000_000_000),
    ("5 billion years", 5_000_000_000),
    ("10 billion years", 10_000_000_000),
    ("20 billion years", 20_000_000_000),
    ("50 billion years", 50_000_000_000),
    ("100 billion years", 100_000_000_000),
];

fn weekday_abbreviation(weekday: u32) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .get(weekday as usize)
        .copied()
        .unwrap_or("")
}

fn month_abbreviation(month: u32) -> &'static str {
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
    value % 10_u64.pow(digits.saturating_sub(3)) == 0
}

/// A tick label for a year that is never rounded: [`format_year`] where it
/// is exact ("44 BCE", "13.8 billion years ago"), whole millions where
/// those are ("13,801 million years ago"), all digits otherwise
/// ("13,800,000,010 BCE"). Ticks a year apart in deep time must not all
/// read "13.8 billion years ago".
fn year_label(year: i64) -> String {
    if format_year_is_exact(year) {
        return format_year(year);
    }
    let value = era_number(year);
    match (year >= 1, value % 1_000_000 == 0) {
        (true, true) => format!("{} million CE", thousands(value / 1_000_000)),
        (false, true) => format!("{} million years ago", thousands(value / 1_000_000)),
        (true, false) => format!("{} CE", thousands(value)),
        (false, false) => format!("{} BCE", thousands(value)),
    }
}

/// A shorter [`year_label`] for crowded axes: "12k BCE", "66 Mya",
/// "4.5 Gya", "5M CE"; still never rounded.
fn compact_year_label(year: i64) -> String {
    let value = era_number(year);
    let era = if year >= 1 { "CE" } else { "BCE" };
    if (10_000..1_000_000).contains(&value) && value % 1_000 == 0 {
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
    } else if value % 1_000_000 == 0 {
        (thousands(value / 1_000_000), 'M')
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
/// "2020–2029", "50–41 BCE", "10,000–19,999 CE"; deep time names its ends,
/// "66–65 million years ago", the way geologists write it.
fn year_range_label(first: i64, next: i64) -> String {
    let deep = format_year_is_exact(first)
        && format_year_is_exact(next)
        && format_year(first).ends_with(" years ago")
        && next <= 0;
    let (from, to) = if deep {
        (format_year(first), format_year(next))
    } else {
        (year_label(first), year_label(next - 1))
    };
    match (from.split_once(' '), to.split_once(' ')) {
        (Some((from_number, from_unit)), Some((to_number, to_unit))) if from_unit == to_unit => {
            format!("{from_number}–{to_number} {from_unit}")
        }
        (None, None) => format!("{from}–{to}"),
        _ => format!("{from} – {to}"),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::time::{TimeRange, days_from_civil};

    /// Every character is 7 points wide, a typical small UI font.
    fn seven(text: &str) -> f64 {
        f64::from(u32::try_from(text.chars().count()).unwrap_or(u32::MAX)) * 7.0
    }

    fn at(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        millis: u32,
    ) -> Time {
        Civil {
            year,
            month,
            day,
            hour,
            minute,
            second,
            nanos: millis * 1_000_000,
            weekday: 0,
        }
        .to_time()
    }

    fn day(year: i64, month: u32, day: u32) -> Time {
        Time(days_from_civil(year, month, day) * NANOS_PER_DAY)
    }

    fn between(start: Time, end: Time) -> TimeView {
        TimeView::new(TimeRange::new(start, end))
    }

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|tick| tick.label.as_str()).collect()
    }

    /// Everything that must hold for every view and width.
    fn assert_well_formed(view: &TimeView, width: f64, ticks: &Ticks) {
        let context = || format!("{view:?} at {width} px, step {}", ticks.step_name);
        assert!(!ticks.step_name.is_empty(), "{}", context());
        for (tier, list) in [("minor", &ticks.minor), ("major", &ticks.major)] {
            assert!(
                list.len() as f64 <= width / 2.0 + 2.0,
                "{tier}: {} ticks, {}",
                list.len(),
                context()
            );
            let mut previous: Option<&Tick> = None;
            for tick in list {
                assert_eq!(
                    tick.x,
                    view.x_from_time(tick.time, width),
                    "{tier} {tick:?}, {}",
                    context()
                );
                if let Some(previous) = previous {
                    assert!(previous.time < tick.time, "{tier} unsorted, {}", context());
                }
                previous = Some(tick);
            }
            // Labels of one tier never overlap and are never clipped.
            let mut previous_end = f64::NEG_INFINITY;
            for tick in list.iter().filter(|tick| !tick.label.is_empty()) {
                let w = seven(&tick.label);
                assert!(
                    tick.label_x >= 0.0 && tick.label_x + w <= width,
                    "{tier} clipped: {tick:?}, {}",
                    context()
                );
                assert!(
                    tick.label_x >= previous_end + LABEL_GAP_PX - 1e-9,
                    "{tier} overlap at {tick:?}, {}",
                    context()
                );
                previous_end = tick.label_x + w;
            }
        }
        for tick in &ticks.minor {
            assert!(
                tick.time >= view.start() && tick.time < view.end(),
                "minor {tick:?} outside, {}",
                context()
            );
            assert!((tick.label_x - tick.x - LABEL_OFFSET_PX).abs() < 1e-9);
        }
        if let Some((first, rest)) = ticks.major.split_first() {
            assert!(first.time <= view.start(), "no sticky tick, {}", context());
            for tick in rest {
                assert!(
                    tick.time > view.start() && tick.time < view.end(),
                    "major {tick:?} outside, {}",
                    context()
                );
            }
        }
    }

    fn check(view: &TimeView, width: f64) -> Ticks {
        let ticks = ticks(view, width, &seven);
        assert_well_formed(view, width, &ticks);
        ticks
    }

    #[test]
    fn october_and_november_2025_show_days_under_months() {
        let view = between(day(2025, 10, 1), day(2025, 12, 1));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "1 day");
        let expected: Vec<String> = (1..=31).chain(1..=30).map(|d: u32| d.to_string()).collect();
        assert_eq!(labels(&ticks.minor), expected);
        assert_eq!(ticks.minor[0].time, day(2025, 10, 1));
        assert_eq!(ticks.minor[0].x, 0.0);
        assert_eq!(ticks.minor[60].time, day(2025, 11, 30));
        assert_eq!(labels(&ticks.major), ["October 2025", "November 2025"]);
        assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
        assert!((ticks.major[1].x - 1280.0 * 31.0 / 61.0).abs() < 1e-9);
        assert_eq!(ticks.major[1].label_x, ticks.major[1].x + LABEL_OFFSET_PX);
    }

    #[test]
    fn a_week_shows_weekdays() {
        let view = between(day(2025, 11, 3), day(2025, 11, 10));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "1 day");
        assert_eq!(
            labels(&ticks.minor),
            [
                "Mon 3", "Tue 4", "Wed 5", "Thu 6", "Fri 7", "Sat 8", "Sun 9"
            ]
        );
        assert_eq!(labels(&ticks.major), ["November 2025"]);
    }

    #[test]
    fn a_year_shows_months_then_weeks_and_odd_days_when_narrower() {
        let year = between(day(2025, 1, 1), day(2026, 1, 1));
        let ticks = check(&year, 1280.0);
        assert_eq!(ticks.step_name, "1 month");
        assert_eq!(labels(&ticks.minor)[..3], ["January", "February", "March"]);
        assert_eq!(labels(&ticks.major), ["2025"]);
        // A quarter at 1280: days do not fit, every other day does.
        let quarter = between(day(2025, 10, 1), day(2026, 1, 1));
        let ticks = check(&quarter, 1280.0);
        assert_eq!(ticks.step_name, "2 days");
        assert_eq!(
            labels(&ticks.minor)[..16],
            [
                "1", "3", "5", "7", "9", "11", "13", "15", "17", "19", "21", "23", "25", "27",
                "29", "1"
            ]
        );
        assert_eq!(
            labels(&ticks.major),
            ["October 2025", "November 2025", "December 2025"]
        );
        // Half a year: weeks, starting on Mondays.
        let half = between(day(2025, 6, 1), day(2025, 12, 1));
        let ticks = check(&half, 1280.0);
        assert_eq!(ticks.step_name, "1 week");
        assert!(
            ticks
                .minor
                .iter()
                .all(|tick| tick.time.civil().weekday == 0)
        );
        assert_eq!(labels(&ticks.minor)[..5], ["2", "9", "16", "23", "30"]);
        assert_eq!(ticks.major[0].label, "June 2025");
    }

    #[test]
    fn one_hour_shows_minutes_under_the_hour() {
        let view = between(at(2025, 10, 16, 14, 0, 0, 0), at(2025, 10, 16, 15, 0, 0, 0));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "2 min");
        assert_eq!(ticks.minor.len(), 30);
        assert_eq!(labels(&ticks.minor)[..3], ["14:00", "14:02", "14:04"]);
        assert_eq!(ticks.minor[29].label, "14:58");
        assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:00"]);
        assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
    }

    #[test]
    fn one_day_shows_hours_under_the_day() {
        let view = between(day(2025, 10, 16), day(2025, 10, 17));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "1 h");
        assert_eq!(labels(&ticks.minor)[..3], ["00:00", "01:00", "02:00"]);
        assert_eq!(labels(&ticks.major), ["Thu 16 October 2025"]);
    }

    #[test]
    fn one_second_shows_milliseconds_under_the_second() {
        let view = between(
            at(2025, 10, 16, 14, 30, 5, 0),
            at(2025, 10, 16, 14, 30, 6, 0),
        );
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "50 ms");
        assert_eq!(ticks.minor.len(), 20);
        assert_eq!(labels(&ticks.minor)[..3], ["0 ms", "50 ms", "100 ms"]);
        assert_eq!(ticks.minor[19].label, "950 ms");
        assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:30:05"]);
    }

    #[test]
    fn a_minute_shows_seconds_under_the_minute() {
        let view = between(
            at(2025, 10, 16, 14, 30, 0, 0),
            at(2025, 10, 16, 14, 31, 0, 0),
        );
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "5 s");
        assert_eq!(
            labels(&ticks.minor)[..3],
            ["14:30:00", "14:30:05", "14:30:10"]
        );
        assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:30"]);
    }

    #[test]
    fn one_millisecond_shows_microseconds() {
        let view = between(
            at(2025, 10, 16, 14, 30, 5, 250),
            at(2025, 10, 16, 14, 30, 5, 251),
        );
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "50 µs");
        assert_eq!(labels(&ticks.minor)[..3], ["0 µs", "50 µs", "100 µs"]);
        assert_eq!(labels(&ticks.major), ["Thu 16 October 2025, 14:30:05.250"]);
    }

    #[test]
    fn the_year_44_bce() {
        let view = between(Time::from_year(-43), Time::from_year(-42));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "1 month");
        assert_eq!(ticks.minor.len(), 12);
        assert_eq!(ticks.minor[2].label, "March");
        assert_eq!(labels(&ticks.major), ["44 BCE"]);
        // The Ides of March, by the hour.
        let ides = view_of_day(-43, 3, 15);
        let ticks = check(&ides, 1280.0);
        assert_eq!(ticks.step_name, "1 h");
        assert_eq!(labels(&ticks.major), ["Fri 15 March 44 BCE"]);
        // The whole of March 44 BCE, by the day.
        let march = between(day(-43, 3, 1), day(-43, 4, 1));
        let ticks = check(&march, 1280.0);
        assert_eq!(ticks.step_name, "1 day");
        assert_eq!(ticks.minor[14].label, "Fri 15");
        assert_eq!(labels(&ticks.major), ["March 44 BCE"]);
    }

    fn view_of_day(year: i64, month: u32, d: u32) -> TimeView {
        let start = day(year, month, d);
        between(start, start.add_nanos(NANOS_PER_DAY))
    }

    #[test]
    fn years_around_the_start_of_the_era_are_round_on_both_sides() {
        let view = between(Time::from_year(-99), Time::from_year(101));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "10 years");
        assert_eq!(
            labels(&ticks.minor),
            [
                "100 BCE", "90 BCE", "80 BCE", "70 BCE", "60 BCE", "50 BCE", "40 BCE", "30 BCE",
                "20 BCE", "10 BCE", "1", "10", "20", "30", "40", "50", "60", "70", "80", "90",
                "100"
            ]
        );
        // 10 BCE is astronomical year −9, 1 BCE is year 0.
        assert_eq!(ticks.minor[9].time, Time::from_year(-9));
        assert_eq!(ticks.minor[10].time, Time::from_year(1));
        assert_eq!(labels(&ticks.major), ["100–1 BCE", "1–99"]);
        // Year by year across year 0.
        let ticks = check(
            &TimeView::new(TimeRange::new(Time::from_year(-5), Time::from_year(5))),
            1280.0,
        );
        assert_eq!(ticks.step_name, "1 year");
        assert_eq!(
            labels(&ticks.minor),
            [
                "6 BCE", "5 BCE", "4 BCE", "3 BCE", "2 BCE", "1 BCE", "1", "2", "3", "4"
            ]
        );
        assert_eq!(labels(&ticks.major), ["10–1 BCE", "1–9"]);
    }

    #[test]
    fn from_1900_to_2100() {
        let view = between(Time::from_year(1900), Time::from_year(2100));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "10 years");
        let expected: Vec<String> = (0..20).map(|i| (1900 + 10 * i).to_string()).collect();
        assert_eq!(labels(&ticks.minor), expected);
        assert_eq!(labels(&ticks.major), ["1900–1999", "2000–2099"]);
        assert_eq!(ticks.major[1].x, 640.0);
    }

    #[test]
    fn four_point_six_billion_years() {
        let view = between(Time::from_year(1 - 4_600_000_000), Time::from_year(2025));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "200 million years");
        assert_eq!(labels(&ticks.minor)[..3], ["4.6 Gya", "4.4 Gya", "4.2 Gya"]);
        assert!(labels(&ticks.minor).contains(&"200 Mya"));
        assert_eq!(labels(&ticks.major), ["10–1 billion years ago"]);
        // Wider, the full words fit.
        let ticks = check(&view, 4000.0);
        assert_eq!(ticks.minor[0].label, "4.6 billion years ago");
    }

    #[test]
    fn deep_time_by_the_year_is_never_rounded() {
        let big_bang = Time::from_year(-13_800_000_000);
        let view = between(
            big_bang.add_nanos(-5 * NANOS_PER_DAY * 365),
            big_bang.add_nanos(5 * NANOS_PER_DAY * 365),
        );
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "1 year");
        let minor = labels(&ticks.minor);
        assert!(minor.contains(&"13,800,000,001 BCE"), "{minor:?}");
        assert!(minor.contains(&"13,799,999,999 BCE"), "{minor:?}");
        // A millisecond 13.8 billion years ago still has exact labels.
        let ms = TimeView::new(TimeRange::new(
            big_bang,
            big_bang.add_nanos(NANOS_PER_MILLI),
        ));
        let ticks = check(&ms, 1280.0);
        assert_eq!(ticks.step_name, "50 µs");
        assert_eq!(
            labels(&ticks.major),
            ["Mon 1 January 13,800,000,001 BCE, 00:00:00.000"]
        );
    }

    #[test]
    fn the_whole_axis() {
        let all = TimeView::fit(TimeRange::new(Time::min_value(), Time::max_value()), 1.0);
        for width in [100.0, 300.0, 1280.0, 4000.0] {
            let ticks = check(&all, width);
            assert!(
                ticks.step_name.ends_with("billion years"),
                "{}",
                ticks.step_name
            );
        }
    }

    #[test]
    fn the_sticky_label_stays_on_screen_until_the_next_one_needs_room() {
        let width = 1280.0;
        // November starts 40 px from the left edge: "October 2025" (84 px)
        // does not fit before it, "Oct 2025" (56 px) does not either,
        // "Oct" does.
        let start = day(2025, 10, 30);
        let base = between(start, start.add_nanos(32 * NANOS_PER_DAY));
        let ticks = check(&base, width);
        assert_eq!(ticks.step_name, "1 day");
        assert_eq!(labels(&ticks.major), ["Oct", "November 2025"]);
        assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
        assert!(ticks.major[0].x < 0.0);
        // Panned so November starts 10 px in: no room, the label hides.
        let panned = base.pan(-30.0, width);
        let ticks = check(&panned, width);
        assert_eq!(labels(&ticks.major), ["", "November 2025"]);
        // In the middle of a month the sticky label sits at the edge.
        let mid = between(day(2025, 10, 10), day(2025, 10, 20));
        let ticks = check(&mid, width);
        assert_eq!(labels(&ticks.major), ["October 2025"]);
        assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
    }

    #[test]
    fn the_last_minor_label_is_dropped_rather_than_clipped() {
        // 40 hours: hourly ticks 32 px apart; the last one, at 39 h, is 8 px
        // from the right edge: too close for "15:00".
        let start = day(2025, 10, 16);
        let view = between(start, start.add_nanos(40 * NANOS_PER_HOUR));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "3 h");
        let last = ticks.minor.last().map(|tick| tick.label.clone());
        assert_eq!(last.as_deref(), Some("21:00"));
        // Narrower, so that 21:00 of the second day sits at the right edge.
        let ticks = check(&view, 1195.0);
        let dropped: Vec<_> = ticks
            .minor
            .iter()
            .filter(|tick| tick.label.is_empty())
            .collect();
        assert!(
            dropped.iter().all(|tick| tick.x > 1195.0 - 40.0),
            "{dropped:?}"
        );
    }

    #[test]
    fn bad_inputs_give_no_ticks_or_sane_ones() {
        let view = between(day(2025, 10, 1), day(2025, 12, 1));
        for width in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(ticks(&view, width, &seven), Ticks::default());
        }
        // A font that measures nothing still gives a bounded number of ticks.
        let zero = ticks(&view, 1280.0, &|_| 0.0);
        assert!(zero.minor.len() <= 640);
        let nan = ticks(&view, 1280.0, &|_| f64::NAN);
        assert!(nan.minor.len() <= 640);
        // A font so wide that nothing fits drops every label.
        let huge = ticks(&view, 1280.0, &|_| 1e9);
        assert!(
            huge.minor
                .iter()
                .chain(&huge.major)
                .all(|tick| tick.label.is_empty())
        );
        // Tiny areas work too.
        for width in [1.0, 10.0, 50.0] {
            let _ = check(&view, width);
        }
    }

    #[test]
    fn year_labels() {
        assert_eq!(year_label(2025), "2025");
        assert_eq!(year_label(-43), "44 BCE");
        assert_eq!(year_label(1 - 4_600_000_000), "4.6 billion years ago");
        assert_eq!(year_label(-13_800_000_000), "13,800,000,001 BCE");
        assert_eq!(year_label(1 - 13_801_000_000), "13,801 million years ago");
        assert_eq!(year_label(1_234_567), "1,234,567 CE");
        assert_eq!(compact_year_label(1 - 4_600_000_000), "4.6 Gya");
        assert_eq!(compact_year_label(1 - 66_000_000), "66 Mya");
        assert_eq!(compact_year_label(1 - 13_801_000_000), "13,801 Mya");
        assert_eq!(compact_year_label(1 - 12_000), "12k BCE");
        assert_eq!(compact_year_label(20_000), "20k CE");
        assert_eq!(compact_year_label(5_000_000), "5M CE");
        assert_eq!(compact_year_label(5_000_000_000), "5B CE");
        assert_eq!(compact_year_label(-43), "44 BCE");
        assert_eq!(year_range_label(2020, 2030), "2020–2029");
        assert_eq!(year_range_label(-49, -39), "50–41 BCE");
        assert_eq!(year_range_label(1, 10), "1–9");
        assert_eq!(year_range_label(-9, 1), "10–1 BCE");
        assert_eq!(year_range_label(10_000, 20_000), "10,000–19,999 CE");
        assert_eq!(
            year_range_label(1 - 66_000_000, 1 - 65_000_000),
            "66–65 million years ago"
        );
        assert_eq!(
            year_range_label(1 - 2_000_000_000, 1 - 1_000_000_000),
            "2–1 billion years ago"
        );
        assert_eq!(
            year_range_label(1 - 1_000_000, 1),
            "1 million years ago – 1 BCE"
        );
    }

    #[test]
    fn year_grid_is_round_in_both_eras() {
        for (year, n, after, before) in [
            (2025, 10, 2030, 2020),
            (2020, 10, 2020, 2020),
            (1, 10, 1, 1),
            (5, 10, 10, 1),
            (0, 10, 1, -9),
            (-9, 10, -9, -9),
            (-10, 10, -9, -19),
            (0, 1, 0, 0),
            (
                -13_800_000_000,
                1_000_000_000,
                1 - 13_000_000_000,
                1 - 14_000_000_000,
            ),
        ] {
            assert_eq!(year_tick_at_or_after(year, n), after, "after {year} by {n}");
            assert_eq!(
                year_tick_at_or_before(year, n),
                before,
                "before {year} by {n}"
            );
        }
    }

    #[test]
    fn odd_days_keep_two_days_apart_across_months() {
        let view = between(day(2024, 1, 1), day(2025, 1, 1));
        let times = Grid::OddDays.times(view.start(), view.end(), 1_000);
        for pair in times.windows(2) {
            let gap = pair[1].since(pair[0]) / NANOS_PER_DAY;
            assert!(
                (2..=3).contains(&gap),
                "{:?} -> {:?}",
                pair[0].civil(),
                pair[1].civil()
            );
        }
        assert_eq!(
            Grid::OddDays.at_or_before(day(2024, 3, 31)),
            day(2024, 3, 29)
        );
    }

    #[test]
    fn every_width_and_every_zoom_is_well_formed() {
        let centres = [
            Time::from_year(-13_800_000_000),
            Time::from_year(-66_000_000),
            Time::from_year(-43).add_nanos(73 * NANOS_PER_DAY + 11 * NANOS_PER_HOUR),
            Time::from_year(0),
            at(2025, 10, 16, 14, 30, 5, 250),
            Time::max_value(),
        ];
        for centre in centres {
            let mut span = TimeView::max_span_nanos();
            while span >= TimeView::MIN_SPAN_NANOS {
                let view =
                    TimeView::new(TimeRange::new(centre, centre)).zoom_at(0.0, 1e6 / span, 1.0);
                for width in (300..=4000).step_by(37 * 7) {
                    let _ = check(&view, f64::from(width));
                }
                span /= 7.0;
            }
        }
    }

    /// Views anywhere on the axis, weighted towards the regions people
    /// look at: deep time, BCE, the recent past.
    fn any_view() -> impl Strategy<Value = TimeView> {
        let centre = prop_oneof![
            (-20_000_000_000_i64..20_000_000_000).prop_map(Time::from_year),
            (-13_900_000_000_i64..-4_000_000_000).prop_map(Time::from_year),
            (-3_000_i64..3_000).prop_map(Time::from_year),
            (1_900_i64..2_100).prop_map(Time::from_year),
        ];
        (centre, 0.0..1.0_f64, 0..NANOS_PER_DAY).prop_map(|(centre, log_span, nanos)| {
            let span = TimeView::MIN_SPAN_NANOS
                * (TimeView::max_span_nanos() / TimeView::MIN_SPAN_NANOS).powf(log_span);
            let centre = centre.add_nanos(nanos * 365);
            TimeView::new(TimeRange::new(centre, centre)).zoom_at(
                0.5,
                TimeView::MIN_SPAN_NANOS / span,
                1.0,
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn labels_never_overlap_at_any_width(view in any_view()) {
            for width in (300..=4000).step_by(37) {
                let _ = check(&view, f64::from(width));
            }
        }
    }
}
#[cfg(test)]
mod dump {
    use super::*;
    use crate::time::TimeRange;
    fn seven(t: &str) -> f64 { t.chars().count() as f64 * 7.0 }
    #[test]
    fn dump() {
        let d = |y, m, dd| Time(crate::time::days_from_civil(y, m, dd) * NANOS_PER_DAY);
        let views = [
            ("week", d(2025, 11, 3), d(2025, 11, 10)),
            ("year", d(2025, 1, 1), d(2026, 1, 1)),
            ("oct-nov+margins", d(2025, 9, 28), d(2025, 12, 4)),
            ("fitall seed", d(2024, 12, 15), d(2025, 12, 15)),
            ("10y deep", Time::from_year(-13_800_000_005), Time::from_year(-13_799_999_995)),
            ("100y deep", Time::from_year(-13_800_000_050), Time::from_year(-13_799_999_950)),
            ("1My deep", Time::from_year(-66_500_000), Time::from_year(-65_500_000)),
            ("4.6By", Time::from_year(1 - 4_600_000_000), Time::from_year(2025)),
            ("10s", Time(1_760_625_000 * NANOS_PER_SEC), Time(1_760_625_010 * NANOS_PER_SEC)),
            ("20k years", Time::from_year(-20000), Time::from_year(2025)),
            ("all", Time::min_value(), Time::max_value()),
        ];
        for width in [1280.0, 500.0] {
            for (name, a, b) in views {
                let v = TimeView::new(TimeRange::new(a, b));
                let t = ticks(&v, width, &seven);
                println!("== {name} @ {width}: {}", t.step_name);
                println!("  minor: {:?}", t.minor.iter().map(|t| t.label.as_str()).collect::<Vec<_>>());
                println!("  major: {:?}", t.major.iter().map(|t| (t.label.as_str(), t.label_x.round())).collect::<Vec<_>>());
            }
        }
    }
}
