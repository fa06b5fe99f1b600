//! Stacking one lane's events into sub-rows: each event's shape and label
//! are planned ([`LaneRows::candidate`]), packed first-fit so nothing
//! touches ([`LaneRows::stack`]), and labels that find no room are counted
//! in "+N" markers ([`LaneRows::cluster`]).

use super::text::FontMetrics;
use super::theme::{Rgba, StatusStyle, status_style};
use super::{
    GAP, Item, LABEL_SIZE, Label, MARKER_SIZE, MAX_LABEL_WIDTH, MIN_PRECISION_BAR, OVERFLOW_STRIP,
    Overflow, ROW_HEIGHT, Rect, Shape, TICK_SIZE,
};
use crate::model::Timeline;
use crate::time::{Time, TimeRange};

/// Places one lane's events into sub-rows.
pub(super) struct LaneRows<'a, F: Fn(Time) -> f32> {
    pub(super) timeline: &'a Timeline,
    pub(super) x_of: &'a F,
    pub(super) width: f32,
    pub(super) top: f32,
    pub(super) color: Rgba,
    pub(super) max_rows: usize,
    /// The visible range: events outside it are not drawn even if they were
    /// fetched for their labels.
    pub(super) visible: TimeRange,
}

/// An event's shape and label before it has a row.
struct Candidate {
    event: usize,
    /// Shape extent.
    left: f32,
    right: f32,
    kind: CandidateKind,
    label: Option<PlannedLabel>,
    windows: Option<super::uncertain::Windows>,
}

/// Where a candidate's label would go, if its row has room.
struct PlannedLabel {
    /// The text, possibly cut with "…".
    text: String,
    /// Left edge.
    x: f32,
    /// Measured width.
    width: f32,
    /// True when it sits inside its bar.
    inside: bool,
    /// True when it sits over a part of its bar that is not a solid fill.
    plate: bool,
}

/// A label's text, measured: the title cut to fit beside a mark, and the
/// whole title, which a bar that holds it may show.
struct LabelFit<'a> {
    title: String,
    title_width: f32,
    full_title: &'a str,
    full_width: f32,
    /// Room the `?`/`~` glyph takes at a bar's left end.
    glyph: f32,
}

/// The visible part of a bar on which a label can sit in the contrasting
/// colour: the bar's solid fill, or for an uncertain date only its certain
/// part. `None` when no part qualifies: a crossed-out (denied) bar whose
/// strike line would run through the text, a half-filled (disputed) bar
/// that no one colour reads on, a bar that is all window.
fn solid_part(
    left: f32,
    right: f32,
    windows: Option<&super::uncertain::Windows>,
    no_fill: bool,
    is_moment: bool,
) -> Option<(f32, f32)> {
    if no_fill {
        return None;
    }
    match windows {
        None => Some((left, right)),
        Some(w) => w.certain(is_moment),
    }
}

/// An event whose label found no room, at the x where its "+N" would go.
struct Hidden {
    x: f32,
    event: usize,
}

impl Hidden {
    fn of(c: &Candidate) -> Self {
        Self {
            x: c.left.max(0.0),
            event: c.event,
        }
    }
}

#[derive(Clone, Copy)]
enum CandidateKind {
    Marker(f32),
    Bar { precision_only: bool },
}

impl<F: Fn(Time) -> f32> LaneRows<'_, F> {
    /// Places `events` into rows, pushing drawn items and "+N" markers;
    /// returns the height the rows take.
    pub(super) fn place(
        &self,
        events: &[usize],
        selected: Option<usize>,
        items: &mut Vec<Item>,
        overflows: &mut Vec<Overflow>,
    ) -> f32 {
        let metrics = FontMetrics::shared();
        let mut candidates: Vec<Candidate> = events
            .iter()
            .filter_map(|&e| self.candidate(e, metrics))
            .collect();
        // The selected event claims its row first, so its label is never
        // the one hidden.
        if let Some(pos) = candidates.iter().position(|c| Some(c.event) == selected) {
            let chosen = candidates.remove(pos);
            candidates.insert(0, chosen);
        }
        let (rows, hidden) = self.stack(candidates, items);
        let rows_height = ROW_HEIGHT * rows_f32(rows.max(1));
        if hidden.is_empty() {
            return rows_height;
        }
        let y = self.top + rows_height + OVERFLOW_STRIP / 2.0;
        overflows.extend(self.cluster(hidden, y));
        rows_height + OVERFLOW_STRIP
    }

    /// Packs candidates into at most `max_rows` rows, first fit, so that no
    /// shape or label touches another; returns the rows used and the events
    /// whose labels (or whole items) found no room.
    fn stack(&self, candidates: Vec<Candidate>, items: &mut Vec<Item>) -> (usize, Vec<Hidden>) {
        let mut row_ends: Vec<f32> = Vec::new();
        let mut hidden: Vec<Hidden> = Vec::new();
        for c in candidates {
            let (full_left, full_right) = match &c.label {
                Some(label) => (c.left.min(label.x), c.right.max(label.x + label.width)),
                None => (c.left, c.right),
            };
            let fits = |end: f32, left: f32| end + GAP <= left;
            let row = row_ends.iter().position(|&end| fits(end, full_left));
            let (row, keep_label) = match row {
                Some(row) => (row, true),
                None if row_ends.len() < self.max_rows => {
                    row_ends.push(f32::NEG_INFINITY);
                    (row_ends.len() - 1, true)
                }
                None => {
                    // No row has room for the label. Keep the shape where it
                    // touches nothing; if even that fails, the event is only
                    // counted in a "+N" marker (drawing it over another
                    // event's label would hide both).
                    if let Some(row) = row_ends.iter().position(|&end| fits(end, c.left)) {
                        (row, false)
                    } else {
                        hidden.push(Hidden::of(&c));
                        continue;
                    }
                }
            };
            let keep_label = keep_label && c.label.is_some();
            let end = if keep_label { full_right } else { c.right };
            if let Some(slot) = row_ends.get_mut(row) {
                *slot = slot.max(end);
            }
            if !keep_label {
                hidden.push(Hidden::of(&c));
            }
            items.push(self.item(&c, row, keep_label));
        }
        (row_ends.len(), hidden)
    }

    /// Clusters hidden labels that sit close together into one "+N" each,
    /// on the strip centred at `y`.
    fn cluster(&self, mut hidden: Vec<Hidden>, y: f32) -> Vec<Overflow> {
        let metrics = FontMetrics::shared();
        hidden.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut clusters: Vec<(f32, Vec<usize>)> = Vec::new();
        let mut cluster_end = f32::NEG_INFINITY;
        for Hidden { x, event } in hidden {
            match clusters.last_mut() {
                Some((_, members)) if x <= cluster_end => members.push(event),
                _ => clusters.push((x, vec![event])),
            }
            if let Some((start, members)) = clusters.last() {
                let text = format!("+{}", crate::numbers::grouped(members.len()));
                cluster_end = start + metrics.width(&text, TICK_SIZE) + GAP;
            }
        }
        clusters
            .into_iter()
            .map(|(x, events)| {
                let text = format!("+{}", crate::numbers::grouped(events.len()));
                let width = metrics.width(&text, TICK_SIZE);
                let x = x.min(self.width - width - 2.0).max(0.0);
                Overflow {
                    x,
                    y,
                    text,
                    width,
                    events,
                }
            })
            .collect()
    }

    /// The uncertain windows of an event's dates, in x.
    fn windows(&self, e: &crate::model::EventRef<'_>) -> Option<super::uncertain::Windows> {
        let extra = if e.approximate() {
            crate::time::Qualifiers::APPROXIMATE
        } else {
            crate::time::Qualifiers::NONE
        };
        super::uncertain::windows(
            &e.start_bound(),
            e.end_bound().as_ref(),
            extra,
            self.x_of,
            self.width,
        )
    }

    /// Where a label goes: inside its bar's solid part when the whole title
    /// fits there; else beside the shape (right, then left), cut to the
    /// room before the edge; else, for a bar that fills the view, over a
    /// part of it that is not solid, on a plate of the background colour so
    /// no fade, whisker or strike line runs through the text.
    fn place_label(
        &self,
        fit: LabelFit<'_>,
        kind: CandidateKind,
        (left, right): (f32, f32),
        solid: Option<(f32, f32)>,
        metrics: &FontMetrics,
    ) -> Option<PlannedLabel> {
        let visible = |(a, b): (f32, f32)| (a.max(0.0), b.min(self.width));
        let planned = |text: String, x: f32, width: f32, inside: bool, plate: bool| PlannedLabel {
            text,
            x,
            width,
            inside,
            plate,
        };
        if let Some((a, b)) = solid.map(visible)
            && fit.full_width + 10.0 + fit.glyph <= b - a
        {
            // Inside a bar the whole title may be used: the bar holds it.
            let x = a + 5.0 + if a <= left.max(0.0) { fit.glyph } else { 0.0 };
            return Some(planned(
                fit.full_title.to_owned(),
                x,
                fit.full_width,
                true,
                false,
            ));
        }
        if right + 4.0 + fit.title_width <= self.width {
            return Some(planned(
                fit.title,
                right + 4.0,
                fit.title_width,
                false,
                false,
            ));
        }
        if left - 4.0 - fit.title_width >= 0.0 {
            // No room to the right before the edge: put it on the left.
            let x = left - 4.0 - fit.title_width;
            return Some(planned(fit.title, x, fit.title_width, false, false));
        }
        let (a, b) = visible((left, right));
        let over_bar = matches!(kind, CandidateKind::Bar { .. });
        // Beside the shape, cut to the room before the right edge; a bar
        // wide enough to hold the cut title holds it on a plate instead.
        let (from, room) = if over_bar && b - a - 10.0 - fit.glyph > self.width - right - 4.0 {
            let from = match solid.map(visible) {
                // After the solid part when that leaves more room.
                Some((_, solid_end)) if b - solid_end > solid_end - a => solid_end + 5.0,
                _ => a + 5.0 + fit.glyph,
            };
            (from, b - from - 5.0)
        } else {
            (right + 4.0, self.width - right - 4.0)
        };
        let cut = metrics.ellipsize(fit.full_title, LABEL_SIZE, room);
        let cut_width = metrics.width(&cut, LABEL_SIZE);
        (room >= 40.0 && !cut.is_empty()).then(|| {
            let on_bar = from < right;
            planned(cut, from, cut_width, on_bar, on_bar)
        })
    }

    fn candidate(&self, event: usize, metrics: &FontMetrics) -> Option<Candidate> {
        let e = self.timeline.event(event);
        let range = self.timeline.range_of(event);
        let (x0, x1) = ((self.x_of)(range.start), (self.x_of)(range.end));
        let threshold = if e.is_moment() {
            MIN_PRECISION_BAR
        } else {
            MARKER_SIZE * 1.5
        };
        let wide = x1 - x0 >= threshold;
        let (kind, left, right) = if wide {
            (
                CandidateKind::Bar {
                    precision_only: e.is_moment(),
                },
                x0,
                x1.max(x0 + 2.0),
            )
        } else {
            let mut cx = f32::midpoint(x0, x1);
            if cx + MARKER_SIZE / 2.0 <= 0.0 || cx - MARKER_SIZE / 2.0 >= self.width {
                // The middle is off the canvas but part of the event is on
                // it: mark the middle of the part that shows, so that an
                // event reaching a pixel into view is never left out.
                cx = f32::midpoint(x0.max(0.0), x1.min(self.width));
            }
            // A marker at the very edge is drawn whole, a few points in,
            // rather than cut in half (the last event of "fit all" sits
            // there when no margin may be added after it).
            let half = MARKER_SIZE / 2.0 + 1.0;
            if self.width > 2.0 * half {
                cx = cx.clamp(half, self.width - half);
            }
            (
                CandidateKind::Marker(cx),
                cx - MARKER_SIZE / 2.0,
                cx + MARKER_SIZE / 2.0,
            )
        };
        if !range.overlaps(self.visible) || right <= 0.0 || left >= self.width {
            // Off screen (it was only kept because its label might reach in;
            // a label without its shape would point at nothing).
            return None;
        }
        // Measure once; cut only the rare title that is too long.
        let full_width = metrics.width(e.title(), LABEL_SIZE);
        let (title, title_width) = if full_width <= MAX_LABEL_WIDTH {
            (e.title().to_owned(), full_width)
        } else {
            let cut = metrics.ellipsize(e.title(), LABEL_SIZE, MAX_LABEL_WIDTH);
            let cut_width = metrics.width(&cut, LABEL_SIZE);
            (cut, cut_width)
        };
        let windows = self.windows(&e);
        let style = status_style(e.status());
        // A qualified bar shows its `?`/`~` at its left end, before a label
        // inside it; a faint bar (a coarse date's, or a window with no
        // certain part) then its status key.
        let glyph = if windows.is_some_and(|w| !w.mark.is_empty()) {
            super::uncertain::GLYPH_ROOM
        } else {
            0.0
        };
        let faint = match kind {
            CandidateKind::Bar { precision_only } => {
                precision_only || windows.is_some_and(|w| w.certain(e.is_moment()).is_none())
            }
            CandidateKind::Marker(_) => false,
        };
        let glyph = if faint && style.needs_key_on_faint() {
            glyph + super::STATUS_KEY_ROOM
        } else {
            glyph
        };
        let label = (!title.is_empty()).then(|| {
            let solid = match kind {
                CandidateKind::Bar { precision_only } => solid_part(
                    left,
                    right,
                    windows.as_ref(),
                    // A soft precision bar holds its label in the text
                    // colour; a strike line would run through it, and no
                    // one colour reads on a half-filled bar.
                    !precision_only && matches!(style, StatusStyle::Crossed | StatusStyle::Half),
                    e.is_moment(),
                ),
                CandidateKind::Marker(_) => None,
            };
            let fit = LabelFit {
                title,
                title_width,
                full_title: e.title(),
                full_width,
                glyph,
            };
            self.place_label(fit, kind, (left, right), solid, metrics)
        });
        let label = label.flatten();
        Some(Candidate {
            event,
            left,
            right,
            kind,
            label,
            windows,
        })
    }

    fn item(&self, c: &Candidate, row: usize, keep_label: bool) -> Item {
        let e = self.timeline.event(c.event);
        let cy = self.top + ROW_HEIGHT * (rows_f32(row) + 0.5);
        let shape = match c.kind {
            CandidateKind::Marker(x) => Shape::Marker { x, y: cy },
            CandidateKind::Bar { precision_only } => {
                // Bars are clipped a little outside the canvas so painting
                // never handles coordinates millions of points away.
                let rect = Rect::new(
                    c.left.max(-4.0),
                    cy - 7.0,
                    c.right.min(self.width + 4.0),
                    cy + 7.0,
                );
                Shape::Bar {
                    rect,
                    precision_only,
                }
            }
        };
        let label = c
            .label
            .as_ref()
            .filter(|_| keep_label)
            .map(|planned| Label {
                text: planned.text.clone(),
                x: planned.x,
                y: cy,
                width: planned.width,
                inside: planned.inside,
                plate: planned.plate,
            });
        let mut hit = shape.bounds();
        if let Some(label) = &label {
            hit = hit.union(&label.rect());
        }
        Item {
            event: c.event,
            shape,
            label,
            color: self.color,
            style: status_style(e.status()),
            approximate: e.approximate(),
            windows: c.windows,
            hit,
        }
    }
}

/// A row count as f32; rows are bounded by `Params::max_rows`, far below
/// where f32 loses integers.
#[allow(clippy::cast_precision_loss)]
pub(super) fn rows_f32(rows: usize) -> f32 {
    rows as f32
}
