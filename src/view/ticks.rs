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
    let variant = step.minor.variants().saturating_sub(1);
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
        let sticky = slots
            .first()
            .and_then(|sticky| self.place_sticky(sticky, &slots, &chosen));
        if let Some(first) = chosen.first_mut() {
            *first = sticky;
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
        let (variant, width) = sticky
            .widths
            .iter()
            .enumerate()
            .find(|&(_, &width)| width <= limit_px)?;
        Some((variant, sticky.desired_x.min(limit_px - width)))
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
    /// "16": weeks always start on a Monday, so the weekday says nothing.
    Weeks,
    /// "October", or "Oct".
    Months,
    /// "44 BCE", "4.5 billion years ago", or compact "4.5 Gya".
    Years,
}

impl MinorFormat {
    /// How many variants [`Self::label`] has, longest first.
    const fn variants(self) -> usize {
        match self {
            Self::Micros | Self::Millis | Self::Seconds | Self::Minutes | Self::Weeks => 1,
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
        minor: MinorFormat::Weeks,
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
    value.is_multiple_of(10_u64.pow(digits.saturating_sub(3)))
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
    match (year >= 1, value.is_multiple_of(1_000_000)) {
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
/// "2020–2029", "50–41 BCE", "10,000–19,999 CE". Deep time names the ends
/// of the period instead, the way geologists write it: "66–65 million years
/// ago", or "66–65 Mya" when `compact`. Never rounded.
fn year_range_label(first: i64, next: i64, compact: bool) -> String {
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
    let value = thousands(era_number(year));
    if year >= 1 {
        format!("{value} CE")
    } else {
        format!("{value} BCE")
    }
}

#[cfg(test)]
// Exact float equality is the point of several assertions: a tick's x must be
// bit for bit `x_from_time`, and the expected values (0, 640, 1e6 …) are
// exactly representable results of exact inputs.
#[allow(clippy::float_cmp)]
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
                f64::from(u32::try_from(list.len()).unwrap_or(u32::MAX)) <= width / 2.0 + 2.0,
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
    fn a_week_shows_weekdays_or_hours_under_days() {
        let week = between(day(2025, 11, 3), day(2025, 11, 10));
        let ticks = check(&week, 500.0);
        assert_eq!(ticks.step_name, "1 day");
        assert_eq!(
            labels(&ticks.minor),
            [
                "Mon 3", "Tue 4", "Wed 5", "Thu 6", "Fri 7", "Sat 8", "Sun 9"
            ]
        );
        assert_eq!(labels(&ticks.major), ["November 2025"]);
        // Wider, hours fit, and the days move to the upper tier.
        let ticks = check(&week, 1280.0);
        assert_eq!(ticks.step_name, "6 h");
        assert_eq!(
            labels(&ticks.minor)[..5],
            ["00:00", "06:00", "12:00", "18:00", "00:00"]
        );
        assert_eq!(
            labels(&ticks.major)[..2],
            ["Mon 3 November 2025", "Tue 4 November 2025"]
        );
        assert_eq!(ticks.major.len(), 7);
    }

    #[test]
    fn months_weeks_and_every_other_day() {
        let year = between(day(2025, 1, 1), day(2026, 1, 1));
        let ticks = check(&year, 500.0);
        assert_eq!(ticks.step_name, "1 month");
        assert_eq!(labels(&ticks.minor)[..3], ["Jan", "Feb", "Mar"]);
        assert_eq!(labels(&ticks.major), ["2025"]);
        // Wide enough for full month names.
        let ticks = check(&year, 900.0);
        assert_eq!(ticks.step_name, "1 month");
        assert_eq!(labels(&ticks.minor)[8], "September");
        // Wider still, weeks from Monday under months.
        let ticks = check(&year, 1280.0);
        assert_eq!(ticks.step_name, "1 week");
        assert!(
            ticks
                .minor
                .iter()
                .all(|tick| tick.time.civil().weekday == 0)
        );
        assert_eq!(labels(&ticks.minor)[..5], ["6", "13", "20", "27", "3"]);
        assert_eq!(labels(&ticks.major)[..2], ["January 2025", "February 2025"]);
        assert_eq!(ticks.major.len(), 12);
        // A quarter: days do not fit, every other day does.
        let quarter = between(day(2025, 10, 1), day(2026, 1, 1));
        let ticks = check(&quarter, 1280.0);
        assert_eq!(ticks.step_name, "2 days");
        assert_eq!(
            labels(&ticks.minor)[..17],
            [
                "1", "3", "5", "7", "9", "11", "13", "15", "17", "19", "21", "23", "25", "27",
                "29", "1", "3"
            ]
        );
        assert_eq!(
            labels(&ticks.major),
            ["October 2025", "November 2025", "December 2025"]
        );
        // Years of months: every other month or quarters, from January.
        let ticks = check(&between(day(2020, 1, 1), day(2026, 1, 1)), 1280.0);
        assert_eq!(ticks.step_name, "2 months");
        assert_eq!(
            labels(&ticks.minor)[..7],
            ["Jan", "Mar", "May", "Jul", "Sep", "Nov", "Jan"]
        );
        assert_eq!(labels(&ticks.major)[..2], ["2020", "2021"]);
        let ticks = check(&between(day(2014, 1, 1), day(2026, 1, 1)), 1280.0);
        assert_eq!(ticks.step_name, "3 months");
        assert_eq!(
            labels(&ticks.minor)[..5],
            ["Jan", "Apr", "Jul", "Oct", "Jan"]
        );
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
        let year = between(Time::from_year(-43), Time::from_year(-42));
        let ticks = check(&year, 900.0);
        assert_eq!(ticks.step_name, "1 month");
        assert_eq!(ticks.minor.len(), 12);
        assert_eq!(ticks.minor[2].label, "March");
        assert_eq!(labels(&ticks.major), ["44 BCE"]);
        // The Ides of March, by the hour.
        let ides = between(day(-43, 3, 15), day(-43, 3, 16));
        let ticks = check(&ides, 1280.0);
        assert_eq!(ticks.step_name, "1 h");
        assert_eq!(labels(&ticks.major), ["Fri 15 March 44 BCE"]);
        // The whole of March 44 BCE, by the day.
        let march = between(day(-43, 3, 1), day(-43, 4, 1));
        let ticks = check(&march, 1280.0);
        assert_eq!(ticks.step_name, "1 day");
        assert_eq!(ticks.minor[14].label, "15");
        assert_eq!(labels(&ticks.major), ["March 44 BCE"]);
    }

    #[test]
    fn years_around_the_start_of_the_era_are_round_on_both_sides() {
        let era = between(Time::from_year(-99), Time::from_year(101));
        let ticks = check(&era, 1280.0);
        assert_eq!(ticks.step_name, "10 years");
        assert_eq!(
            labels(&ticks.minor),
            [
                "100 BCE", "90 BCE", "80 BCE", "70 BCE", "60 BCE", "50 BCE", "40 BCE", "30 BCE",
                "20 BCE", "10 BCE", "1 CE", "10", "20", "30", "40", "50", "60", "70", "80", "90",
                // 100 sits 6 px from the right edge: dropped, not clipped.
                ""
            ]
        );
        // 10 BCE is astronomical year −9, 1 BCE is year 0.
        assert_eq!(ticks.minor[9].time, Time::from_year(-9));
        assert_eq!(ticks.minor[10].time, Time::from_year(1));
        assert_eq!(labels(&ticks.major), ["100–1 BCE", "1–99", ""]);
        // Year by year across year 0 (50 px a year): no year 0 on the labels.
        let ticks = check(&between(Time::from_year(-15), Time::from_year(15)), 1500.0);
        assert_eq!(ticks.step_name, "1 year");
        assert_eq!(ticks.minor.len(), 30);
        assert_eq!(
            labels(&ticks.minor)[10..18],
            [
                "6 BCE", "5 BCE", "4 BCE", "3 BCE", "2 BCE", "1 BCE", "1 CE", "2"
            ]
        );
        assert_eq!(ticks.minor[15].time, Time::from_year(0));
        assert_eq!(
            labels(&ticks.major),
            ["20–11 BCE", "10–1 BCE", "1–9", "10–19"]
        );
        // Twenty thousand years to now.
        let ticks = check(
            &between(Time::from_year(-20_000), Time::from_year(2025)),
            1280.0,
        );
        assert_eq!(ticks.step_name, "2000 years");
        assert_eq!(
            labels(&ticks.minor)[..3],
            ["20,000 BCE", "18,000 BCE", "16,000 BCE"]
        );
        assert_eq!(labels(&ticks.minor)[10], "1 CE");
        assert_eq!(
            labels(&ticks.major)[1..],
            ["20,000–10,001 BCE", "10,000–1 BCE", "1–9999"]
        );
    }

    #[test]
    fn from_1900_to_2100() {
        let view = between(Time::from_year(1900), Time::from_year(2100));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "10 years");
        let expected: Vec<String> = (0..20).map(|i| (1900 + 10 * i).to_string()).collect();
        assert_eq!(labels(&ticks.minor), expected);
        assert_eq!(labels(&ticks.major), ["1900–1999", "2000–2099"]);
        // 1900 was not a leap year, 2000 was: the centuries differ by a day.
        assert!((ticks.major[1].x - 640.0).abs() < 0.01);
    }

    #[test]
    fn four_point_six_billion_years() {
        let view = between(Time::from_year(1 - 4_600_000_000), Time::from_year(2025));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "200 million years");
        assert_eq!(labels(&ticks.minor)[..3], ["4.6 Gya", "4.4 Gya", "4.2 Gya"]);
        assert_eq!(
            labels(&ticks.minor)[19..],
            ["800 Mya", "600 Mya", "400 Mya", "200 Mya", ""]
        );
        assert_eq!(
            labels(&ticks.major),
            [
                "5–4 billion years ago",
                "4–3 billion years ago",
                "3–2 billion years ago",
                "2–1 billion years ago",
                "1 billion years ago – 1 CE",
                ""
            ]
        );
        let ticks = check(&view, 500.0);
        assert_eq!(ticks.step_name, "500 million years");
        assert_eq!(labels(&ticks.major)[..2], ["5–4 Gya", "4–3 Gya"]);
        // The finest step wins over the longest words: even at 4000 px the
        // minor labels stay compact, while the upper tier spells them out.
        let ticks = check(&view, 4000.0);
        assert_eq!(ticks.step_name, "100 million years");
        assert_eq!(ticks.minor[0].label, "4.6 Gya");
        assert_eq!(ticks.major[0].label, "5–4 billion years ago");
    }

    #[test]
    fn deep_time_by_the_year_is_never_rounded() {
        let ten_years = between(
            Time::from_year(-13_800_000_005),
            Time::from_year(-13_799_999_995),
        );
        let ticks = check(&ten_years, 1280.0);
        assert_eq!(ticks.step_name, "3 months");
        let major = labels(&ticks.major);
        assert!(major.contains(&"13,800,000,001 BCE"), "{major:?}");
        assert!(major.contains(&"13,799,999,999 BCE"), "{major:?}");
        let century = between(
            Time::from_year(-13_800_000_050),
            Time::from_year(-13_799_999_950),
        );
        let ticks = check(&century, 1280.0);
        assert_eq!(ticks.step_name, "20 years");
        assert_eq!(
            labels(&ticks.minor)[..3],
            [
                "13,800,000,040 BCE",
                "13,800,000,020 BCE",
                "13.8 billion years ago"
            ]
        );
        assert_eq!(labels(&ticks.major)[1], "13,800,000,000–13,799,999,901 BCE");
        // A millisecond 13.8 billion years ago still has exact labels.
        let big_bang = Time::from_year(-13_800_000_000);
        let ms = between(big_bang, big_bang.add_nanos(NANOS_PER_MILLI));
        let ticks = check(&ms, 1280.0);
        assert_eq!(ticks.step_name, "50 µs");
        assert_eq!(
            labels(&ticks.major),
            ["Sat 1 January 13,800,000,001 BCE, 00:00:00.000"]
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
        // 32 days at 40 px a day, November starting 40 px in: "October
        // 2025" (84 px) and "Oct 2025" (56 px) do not fit before
        // "November 2025" at 43 px; "Oct" does.
        let start = day(2025, 10, 31);
        let base = between(start, start.add_nanos(32 * NANOS_PER_DAY));
        let ticks = check(&base, width);
        assert_eq!(ticks.step_name, "1 day");
        assert_eq!(labels(&ticks.major), ["Oct", "November 2025", ""]);
        assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
        assert!(ticks.major[0].x < 0.0);
        assert_eq!(ticks.major[1].label_x, 43.0);
        // Panned so that November starts 25 px in: "Oct" (21 px) is pushed
        // left by a point to end 5 px before "November 2025" at 28 px.
        let ticks = check(&base.pan(-15.0, width), width);
        assert_eq!(labels(&ticks.major)[..2], ["Oct", "November 2025"]);
        assert!((ticks.major[0].label_x - 2.0).abs() < 1e-9);
        // November 10 px in: no room at all, the October label hides.
        let ticks = check(&base.pan(-30.0, width), width);
        assert_eq!(labels(&ticks.major)[..2], ["", "November 2025"]);
        // Further left, November becomes the sticky label itself.
        let ticks = check(&base.pan(-100.0, width), width);
        assert_eq!(labels(&ticks.major), ["November 2025", "December 2025"]);
        assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
        // In the middle of a day the sticky label sits at the edge, whole.
        let noon = day(2025, 10, 10).add_nanos(6 * NANOS_PER_HOUR);
        let ticks = check(&between(noon, noon.add_nanos(12 * NANOS_PER_HOUR)), width);
        assert_eq!(ticks.step_name, "30 min");
        assert_eq!(labels(&ticks.major), ["Fri 10 October 2025"]);
        assert!(ticks.major[0].x < 0.0);
        assert_eq!(ticks.major[0].label_x, LABEL_OFFSET_PX);
        // Ten days of 12 hours: the long date does not fit a day (128 px),
        // so every day, the sticky one included, reads "10 Oct 2025".
        let ticks = check(&between(day(2025, 10, 10), day(2025, 10, 20)), width);
        assert_eq!(ticks.step_name, "12 h");
        assert_eq!(labels(&ticks.major)[..2], ["10 Oct 2025", "11 Oct 2025"]);
    }

    #[test]
    fn the_last_minor_label_is_dropped_rather_than_clipped() {
        // 40 hours at 32 px an hour: 3-hour ticks, the last at 39 h is 32 px
        // from the right edge, too close for "15:00" (35 px).
        let start = day(2025, 10, 16);
        let view = between(start, start.add_nanos(40 * NANOS_PER_HOUR));
        let ticks = check(&view, 1280.0);
        assert_eq!(ticks.step_name, "3 h");
        let last = ticks.minor.len() - 1;
        assert_eq!(ticks.minor[last].time, start.add_nanos(39 * NANOS_PER_HOUR));
        assert_eq!(ticks.minor[last].label, "");
        assert_eq!(ticks.minor[last - 1].label, "12:00");
        // The tick itself stays: its line is drawn without a label.
        assert!((ticks.minor[last].x - 1248.0).abs() < 1e-9);
        // Wider, the label fits again (the step is still 3 hours).
        let ticks = check(&view, 1520.0);
        assert_eq!(
            ticks.minor.last().map(|tick| tick.label.as_str()),
            Some("15:00")
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
        assert_eq!(compact_year_label(-13_800_000_000), "13,800,000,001 BCE");
    }

    #[test]
    fn year_range_labels() {
        for (first, next, full, compact) in [
            (2020, 2030, "2020–2029", "2020–2029"),
            (1900, 2000, "1900–1999", "1900–1999"),
            (-49, -39, "50–41 BCE", "50–41 BCE"),
            (1, 10, "1–9", "1–9"),
            (-9, 1, "10–1 BCE", "10–1 BCE"),
            (10_000, 20_000, "10,000–19,999 CE", "10,000–19,999 CE"),
            (
                1 - 66_000_000,
                1 - 65_000_000,
                "66–65 million years ago",
                "66–65 Mya",
            ),
            (
                1 - 5_000_000_000,
                1 - 4_000_000_000,
                "5–4 billion years ago",
                "5–4 Gya",
            ),
            (
                1 - 1_000_000_000,
                1 - 900_000_000,
                "1 billion years ago – 900 million years ago",
                "1 Gya – 900 Mya",
            ),
            (
                1 - 10_000_000_000,
                1,
                "10 billion years ago – 1 CE",
                "10 Gya – 1 CE",
            ),
            (1, 10_000_000_000, "1 CE – 10 billion CE", "1–10B CE"),
            (
                10_000_000_000,
                20_000_000_000,
                "10–20 billion CE",
                "10B–20B CE",
            ),
            // Deep time by the decade: every digit, never a rounded end.
            (
                1 - 13_800_000_010,
                1 - 13_800_000_000,
                "13,800,000,010–13,800,000,001 BCE",
                "13,800,000,010–13,800,000,001 BCE",
            ),
        ] {
            assert_eq!(year_range_label(first, next, false), full);
            assert_eq!(year_range_label(first, next, true), compact);
        }
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
                for width in (300..=4000).step_by(37) {
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
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn labels_never_overlap_at_any_width(view in any_view()) {
            for width in (300..=4000).step_by(37) {
                let _ = check(&view, f64::from(width));
            }
        }
    }
}
