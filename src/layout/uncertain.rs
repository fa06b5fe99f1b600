//! How sure the record is about a drawn event's dates, in points: the
//! window each bound leaves open (from its earliest to its latest instant),
//! whether a side has no limit at all, and the `?`/`~` shown on the mark.
//! The display list draws from this alone (certain part solid, windows
//! faded, whiskers at the earliest and latest instant, open ends fading
//! toward the edge).

use crate::time::{Bound, BoundKind, Qualifiers, Time};

/// How far outside the canvas an x is kept: windows reaching millions of
/// points away are cut here, like bars.
pub const EDGE_OVERHANG: f32 = 4.0;

/// Room the `?`/`~` glyph takes at the left end inside a bar, so a label
/// inside the bar starts after it.
pub const GLYPH_ROOM: f32 = 14.0;

/// The uncertain windows of one drawn event, in canvas x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Windows {
    /// From the earliest to the latest instant the start can be.
    pub start: (f32, f32),
    /// From the earliest to the latest instant the end can be; a moment's
    /// is its start window.
    pub end: (f32, f32),
    /// The start is one plain date: its window is certain at its precision
    /// and drawn solid.
    pub start_certain: bool,
    /// The same for the end.
    pub end_certain: bool,
    /// Nothing limits the start on the left (`[..x]`, an open or unknown
    /// start): it fades out toward the left edge, with no whisker cap.
    pub open_start: bool,
    /// Nothing limits the end on the right (`x/..`, `x/`, `[x..]`).
    pub open_end: bool,
    /// `"?"`, `"~"` or `"%"` when a date is qualified, `""` otherwise.
    pub mark: &'static str,
}

impl Windows {
    /// The x of the earliest instant the event can begin (the left whisker).
    #[must_use]
    pub const fn earliest_x(&self) -> f32 {
        self.start.0
    }

    /// The x of the latest instant the event can end (the right whisker).
    #[must_use]
    pub const fn latest_x(&self) -> f32 {
        self.end.1
    }

    /// The part that is certain, when there is one: from where the start
    /// is settled to where the end may begin.
    #[must_use]
    pub fn certain(&self, is_moment: bool) -> Option<(f32, f32)> {
        if is_moment {
            return self.start_certain.then_some(self.start);
        }
        let from = if self.start_certain {
            self.start.0
        } else {
            self.start.1
        };
        let to = if self.end_certain {
            self.end.1
        } else {
            self.end.0
        };
        (to > from).then_some((from, to))
    }
}

/// The windows of an event with these bounds, or `None` when every bound
/// is one plain, unqualified date (drawn as today: exact at its precision).
/// `extra` is what the event adds to both bounds (`"approximate": true`).
#[must_use]
pub fn windows(
    start: &Bound,
    end: Option<&Bound>,
    extra: Qualifiers,
    x_of: impl Fn(Time) -> f32,
    width: f32,
) -> Option<Windows> {
    let qualifiers = end
        .map_or(start.qualifiers(), |e| {
            start.qualifiers().union(e.qualifiers())
        })
        .union(extra);
    if start.is_exact() && end.is_none_or(Bound::is_exact) && qualifiers.is_empty() {
        return None;
    }
    let clamp = |t: Time| x_of(t).clamp(-EDGE_OVERHANG, width + EDGE_OVERHANG);
    let span = |b: &Bound| {
        (
            clamp(b.earliest()),
            clamp(b.latest()).max(clamp(b.earliest())),
        )
    };
    let end_bound = end.unwrap_or(start);
    let (mut start_span, mut end_span) = (span(start), span(end_bound));
    // An open side (`..`) has no instants of its own: its window is the
    // stretch from the other bound to the edge, drawn fading out.
    if matches!(start.kind(), BoundKind::Open) {
        start_span = (-EDGE_OVERHANG, end_span.0);
    }
    if matches!(end_bound.kind(), BoundKind::Open) {
        end_span = (start_span.1, width + EDGE_OVERHANG);
    }
    let certain = |b: &Bound| b.is_exact() && extra.is_empty();
    Some(Windows {
        start: start_span,
        end: end_span,
        start_certain: certain(start),
        end_certain: certain(end_bound),
        open_start: start.earliest() <= Time::min_value(),
        open_end: end_bound.latest() >= Time::max_value(),
        mark: qualifiers.symbol(),
    })
}
