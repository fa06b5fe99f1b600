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

mod ladder;

use super::TimeView;
use super::transform::f64_from_nanos;
use crate::time::Time;
use ladder::{LADDER, MinorFormat, Step};

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
    for step in LADDER {
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

#[cfg(test)]
mod tests;
