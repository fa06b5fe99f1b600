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
#[allow(clippy::struct_excessive_bools)] // Two independent facts about each of two sides, read by name.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::theme::{Palette, ThemeKind};
    use crate::layout::{Params, Shape, layout};
    use crate::model::{EdtfDates, Event, Lane, Timeline};
    use crate::scene::items::ItemStyle;
    use crate::scene::{Mark, SceneParams};
    use crate::time::{Date, Edtf, TimeRange};
    use crate::view::TimeView;

    const WIDTH: f32 = 1000.0;

    fn event(title: &str, start: &str, end: Option<&str>) -> Event {
        let field = Edtf::parse(start).unwrap_or_else(|e| panic!("{start}: {e}"));
        let end = end.map(|t| Bound::parse(t).unwrap_or_else(|e| panic!("{t}: {e}")));
        let mut event = Event::new(title, field.start().stand_in());
        if let Some(dates) = EdtfDates::of(field, end) {
            event.set_edtf(dates);
        }
        event
    }

    fn timeline(events: Vec<Event>) -> Timeline {
        let lane = Lane {
            id: "l".into(),
            title: "L".into(),
            color: None,
        };
        Timeline::new("t", vec![lane], events, Vec::new()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn view(from: &str, to: &str) -> TimeView {
        let (Ok(a), Ok(b)) = (Date::parse(from), Date::parse(to)) else {
            panic!("bad view")
        };
        TimeView::new(TimeRange::new(a.start(), b.end()))
    }

    fn x(view: &TimeView, date: &str) -> f32 {
        let t = Date::parse(date).map(|d| d.start()).unwrap_or_default();
        #[allow(clippy::cast_possible_truncation)] // Inside the canvas.
        let x = view.x_from_time(t, f64::from(WIDTH)) as f32;
        x
    }

    fn params() -> Params<'static> {
        Params::new(WIDTH, Palette::of(ThemeKind::Light))
    }

    #[test]
    fn a_window_has_whiskers_at_its_earliest_and_latest_x() {
        let t = timeline(vec![
            event("this week", "[2025-11-03..2025-11-07]", None),
            event("fortnight", "[..2025-10-24]", Some("[2025-11-07..]")),
            event("plain", "2025-11-05", None),
        ]);
        let v = view("2025-10-01", "2025-11-30");
        let out = layout(&t, &v, &params());
        let item = |e: usize| {
            out.items
                .iter()
                .find(|i| i.event == e)
                .unwrap_or_else(|| panic!("event {e} not drawn"))
        };
        let week = item(0).windows.unwrap_or_else(|| panic!("no windows"));
        let close = |a: f32, b: f32| (a - b).abs() < 0.01;
        assert!(close(week.earliest_x(), x(&v, "2025-11-03")), "{week:?}");
        assert!(close(week.latest_x(), x(&v, "2025-11-08")), "{week:?}");
        assert!(!week.open_start && !week.open_end && week.mark.is_empty());
        assert_eq!(
            week.certain(true),
            None,
            "one day in the window, none certain"
        );
        // The display list draws the caps there, top to bottom of the bar.
        let Shape::Bar { rect, .. } = item(0).shape else {
            panic!("a five-day window at this zoom is a bar")
        };
        let mut marks = Vec::new();
        let scene_params = SceneParams::default();
        let style = ItemStyle::of(item(0), &scene_params);
        crate::scene::items::item_marks(&mut marks, item(0), &style, &out.palette);
        let caps: Vec<f32> = marks
            .iter()
            .filter_map(|m| match m {
                Mark::Polyline { points, .. }
                    if points.len() == 2
                        && close(points[0].x, points[1].x)
                        && close(points[0].y, rect.min_y)
                        && close(points[1].y, rect.max_y) =>
                {
                    Some(points[0].x)
                }
                _ => None,
            })
            .collect();
        assert_eq!(caps.len(), 2, "{marks:?}");
        assert!(close(caps[0], week.earliest_x()) && close(caps[1], week.latest_x()));
        // Open on both sides: no caps, the certain part in between.
        let fortnight = item(1).windows.unwrap_or_else(|| panic!("no windows"));
        assert!(fortnight.open_start && fortnight.open_end);
        let certain = fortnight
            .certain(false)
            .unwrap_or_else(|| panic!("none certain"));
        assert!(close(certain.0, x(&v, "2025-10-25")) && close(certain.1, x(&v, "2025-11-07")));
        assert!(item(2).windows.is_none(), "a plain date draws as before");
    }

    #[test]
    fn lines_through_an_open_side_fade_with_it() {
        // Open on both sides and denied with nothing certain: the whisker
        // and the strike line run to the canvas edges, and must lie under
        // the fading ramps (once they ran on at full strength, like rules
        // between lanes).
        let mut denied = event("rumour", "[2025-11-03..2025-11-07]", Some("[2025-11-07..]"));
        denied.status = Some(crate::model::Status::Denied);
        let t = timeline(vec![
            event("fortnight", "[..2025-10-24]", Some("[2025-11-07..]")),
            denied,
        ]);
        let v = view("2025-10-01", "2025-11-30");
        let out = layout(&t, &v, &params());
        let scene_params = SceneParams::default();
        for item in &out.items {
            let mut marks = Vec::new();
            let style = ItemStyle::of(item, &scene_params);
            crate::scene::items::item_marks(&mut marks, item, &style, &out.palette);
            let ramps: Vec<(usize, f32, f32)> = marks
                .iter()
                .enumerate()
                .filter_map(|(i, m)| match m {
                    Mark::Gradient { rect, .. } => Some((i, rect.min_x, rect.max_x)),
                    _ => None,
                })
                .collect();
            assert!(!ramps.is_empty(), "event {}: no ramp", item.event);
            let first_ramp = ramps.iter().map(|r| r.0).min().unwrap_or(0);
            for (i, m) in marks.iter().enumerate() {
                let Mark::Polyline { points, .. } = m else {
                    continue;
                };
                let reaches_ramp = ramps.iter().any(|&(_, from, to)| {
                    points.iter().any(|p| p.x > from + 0.5 && p.x < to - 0.5)
                        || (points[0].x.min(points[1].x) <= from
                            && points[0].x.max(points[1].x) >= to)
                });
                assert!(
                    !reaches_ramp || i < first_ramp,
                    "event {}: line {m:?} drawn over the fade",
                    item.event
                );
            }
        }
    }

    #[test]
    fn a_moment_with_a_window_is_culled_by_its_earliest_instant() {
        let t = timeline(vec![event("window", "[2025-11-03..2025-11-07]", None)]);
        // The view ends on 4 November: the window's earliest day is in it.
        let before = layout(&t, &view("2025-10-20", "2025-11-03"), &params());
        assert_eq!(before.items.len(), 1, "drawn: it may have been on the 3rd");
        // A view that ends before the 3rd does not hold it.
        let earlier = layout(&t, &view("2025-10-20", "2025-11-02"), &params());
        assert!(earlier.items.is_empty(), "{:?}", earlier.items);
        // One that starts after the 7th neither.
        let later = layout(&t, &view("2025-11-08", "2025-11-20"), &params());
        assert!(later.items.is_empty());
        assert_eq!(
            t.range_of(0).start,
            Date::parse("2025-11-03")
                .map(|d| d.start())
                .unwrap_or_default()
        );
    }

    #[test]
    fn qualifiers_show_on_the_mark() {
        let t = timeline(vec![
            event("possibly", "2025-11-05?", None),
            event("around", "2025-11-05~", Some("2025-11-20")),
        ]);
        let out = layout(&t, &view("2025-10-01", "2025-11-30"), &params());
        let marks: Vec<&str> = out
            .items
            .iter()
            .map(|i| i.windows.map_or("", |w| w.mark))
            .collect();
        assert_eq!(marks, ["?", "~"]);
    }
}
