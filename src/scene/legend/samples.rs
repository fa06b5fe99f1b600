//! The legend's samples, each drawn by the code that draws the real mark:
//! a tiny timeline (one lane, an event or two with real EDTF dates, an era)
//! goes through [`crate::layout::layout`] over a few days on a canvas the
//! sample's width, and its items, links, eras and bins through the same
//! scene builders as the canvas. Nothing here says what a mark looks like.

use super::SAMPLE_WIDTH;
use crate::layout::theme::Palette;
use crate::layout::{
    AXIS_HEIGHT, ERA_STRIP, LANE_HEADER, LANE_PADDING, LaneBox, Layout, OVERFLOW_STRIP, Overflow,
    Params, ROW_HEIGHT, layout,
};
use crate::model::{EdtfDates, Era, Event, Lane, Link, Status, Timeline};
use crate::scene::items::{ItemStyle, item_marks, link_marks, overflow_mark};
use crate::scene::{Mark, SceneParams, backdrop};
use crate::time::{Bound, Date, Edtf, TimeRange};
use crate::view::TimeView;

/// A sample's marks, with their origin at the sample's top-left corner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sample {
    /// The marks, in paint order.
    pub marks: Vec<Mark>,
    /// How wide it is (at least [`SAMPLE_WIDTH`]).
    pub width: f32,
    /// How tall it is.
    pub height: f32,
}

/// One event of a sample: its dates as a file writes them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spec {
    /// `start`, any form the files take (EDTF included).
    pub start: &'static str,
    /// `end`, if any.
    pub end: Option<&'static str>,
    /// Its status.
    pub status: Option<Status>,
    /// `"approximate": true`.
    pub approximate: bool,
}

impl Spec {
    /// A moment or a range dated `start` (`end`).
    pub const fn at(start: &'static str, end: Option<&'static str>) -> Self {
        Self {
            start,
            end,
            status: None,
            approximate: false,
        }
    }

    /// The same with a status.
    pub const fn status(self, status: Option<Status>) -> Self {
        Self { status, ..self }
    }

    /// The same, approximate.
    pub const fn approximate(self) -> Self {
        Self {
            approximate: true,
            ..self
        }
    }
}

/// The days every event sample is laid out over: about eight points a day
/// at the sample's width.
const FRAME: (&str, &str) = ("2025-11-01", "2025-11-09");

/// An event as a file would give it; the dates are this module's own
/// constants, so a failure to parse is a bug the tests catch (the sample
/// then lacks the event rather than breaking the legend).
fn event(spec: &Spec) -> Option<Event> {
    let field = Edtf::parse(spec.start).ok()?;
    let end = match spec.end {
        Some(text) => Some(Bound::parse(text).ok()?),
        None => None,
    };
    let mut event = Event::new("", field.start().stand_in());
    event.end = field.end().or(end.as_ref()).map(Bound::stand_in);
    event.status = spec.status;
    event.approximate = spec.approximate;
    if let Some(dates) = EdtfDates::of(field, end) {
        event.set_edtf(dates);
    }
    Some(event)
}

/// `events` (and `eras`) laid out over `frame` on a canvas the sample's
/// width, as the window would lay them out.
fn laid_out(
    frame: (&str, &str),
    events: Vec<Event>,
    eras: Vec<Era>,
    palette: &Palette,
) -> Option<Layout> {
    let (from, to) = (Date::parse(frame.0).ok()?, Date::parse(frame.1).ok()?);
    let lane = Lane {
        id: "sample".into(),
        title: String::new(),
        color: None,
    };
    let timeline = Timeline::new("", vec![lane], events, eras).ok()?;
    let view = TimeView::new(TimeRange::new(from.start(), to.end()));
    Some(layout(
        &timeline,
        &view,
        &Params::new(SAMPLE_WIDTH, *palette),
    ))
}

/// The body of the one lane of `layout`: its top and its height, without
/// the strip of "+N" markers under the rows (a sample's events have no
/// titles, so layout counts each in one; the legend explains "+N" apart).
fn body(layout: &Layout) -> (f32, f32) {
    let Some(lane) = layout.lanes.first() else {
        return (0.0, ROW_HEIGHT);
    };
    let top = lane.top + LANE_HEADER;
    let bottom = layout
        .overflows
        .iter()
        .map(|o| o.y - OVERFLOW_STRIP / 2.0)
        .fold(lane.top + lane.height - LANE_PADDING, f32::min);
    (top, bottom - top)
}

/// Moves `marks` up by `top`, so the sample starts at 0.
fn sample(marks: Vec<Mark>, top: f32, height: f32) -> Sample {
    Sample {
        marks: marks.into_iter().map(|m| m.translated(0.0, -top)).collect(),
        width: SAMPLE_WIDTH,
        height,
    }
}

/// Events side by side in one lane over the sample's days, drawn as the
/// canvas draws them, links included.
pub fn events(specs: &[Spec], links: &[(usize, usize)], palette: &Palette) -> Sample {
    events_over(FRAME, specs, links, palette)
}

/// A moment dated to its month, over seven weeks: its precision extent is
/// wide enough to be drawn as a bar, and ends inside the sample.
pub fn precision_bar(palette: &Palette) -> Sample {
    events_over(
        ("2025-10-20", "2025-12-12"),
        &[Spec::at("2025-11", None)],
        &[],
        palette,
    )
}

/// Events side by side in one lane over `frame`.
fn events_over(
    frame: (&str, &str),
    specs: &[Spec],
    links: &[(usize, usize)],
    palette: &Palette,
) -> Sample {
    let mut events: Vec<Event> = specs.iter().filter_map(event).collect();
    for &(from, to) in links {
        if let Some(e) = events.get_mut(from) {
            e.links.push(Link {
                target: to,
                label: None,
            });
        }
    }
    let Some(layout) = laid_out(frame, events, Vec::new(), palette) else {
        return Sample::default();
    };
    let mut marks = Vec::new();
    for link in &layout.links {
        link_marks(&mut marks, link, palette);
    }
    let params = SceneParams::default();
    for item in &layout.items {
        item_marks(&mut marks, item, &ItemStyle::of(item, &params), palette);
    }
    let (top, height) = body(&layout);
    sample(marks, top, height)
}

/// A lane too crowded to draw event by event: `count` events hours apart,
/// most of them in the middle days, a quarter lasting a day.
pub fn density(palette: &Palette, count: usize) -> Sample {
    let starts = (0..count).map(|i| {
        // Two spreads added make a hill of starts in the middle days.
        let hours = 24 + (i * 37) % 97 + (i * 61) % 89;
        (hours / 24, hours % 24, i % 4 == 0)
    });
    let events: Vec<Event> = starts
        .filter_map(|(day, hour, long)| {
            let start = Date::parse(&format!("2025-11-{day:02}T{hour:02}")).ok()?;
            let mut e = Event::new("", start);
            if long {
                e.end = Date::parse(&format!("2025-11-{:02}T{hour:02}", day + 1)).ok();
            }
            Some(e)
        })
        .collect();
    let Some(layout) = laid_out(FRAME, events, Vec::new(), palette) else {
        return Sample::default();
    };
    let (top, height) = body(&layout);
    let marks = if layout.density.is_empty() {
        Vec::new()
    } else {
        vec![backdrop::density_mark(&layout.density)]
    };
    sample(marks, top, height)
}

/// An era's band with its title, as high as its strip and a little of the
/// lanes below it.
pub fn era(title: &str, palette: &Palette) -> Sample {
    let (Ok(start), Ok(end)) = (Date::parse("2025-11-02"), Date::parse("2025-11-08")) else {
        return Sample::default();
    };
    let era = Era {
        title: title.to_owned(),
        start,
        end,
        color: None,
    };
    let Some(layout) = laid_out(FRAME, Vec::new(), vec![era], palette) else {
        return Sample::default();
    };
    let height = ERA_STRIP + ROW_HEIGHT / 2.0;
    let mut marks = Vec::new();
    for band in &layout.eras {
        backdrop::era_marks(&mut marks, band, AXIS_HEIGHT, AXIS_HEIGHT + height, palette);
    }
    sample(marks, AXIS_HEIGHT, height)
}

/// A "+N" marker, as a crowded lane shows it.
pub fn overflow(text: &str, palette: &Palette) -> Sample {
    let metrics = crate::layout::text::FontMetrics::shared();
    let overflow = Overflow {
        x: 4.0,
        y: ROW_HEIGHT / 2.0,
        text: text.to_owned(),
        width: metrics.width(text, crate::layout::TICK_SIZE),
        events: Vec::new(),
    };
    Sample {
        marks: vec![overflow_mark(&overflow, palette)],
        width: SAMPLE_WIDTH,
        height: ROW_HEIGHT,
    }
}

/// A lane's title with events hidden by a filter, cut as the canvas cuts
/// it when `room` is too narrow.
pub fn filtered_lane(title: &str, filtered: usize, room: f32, palette: &Palette) -> Sample {
    let lane = LaneBox {
        lane: 0,
        title: title.to_owned(),
        top: 0.0,
        height: LANE_HEADER,
        color: palette.lane_color(None, 0),
        visible_events: 0,
        dense: false,
        filtered,
    };
    let mut marks = Vec::new();
    backdrop::lane_title_marks(&mut marks, &lane, room, palette);
    let metrics = crate::layout::text::FontMetrics::shared();
    let right = marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text(run) => Some(run.pos.x + metrics.width(&run.text, run.size)),
            _ => None,
        })
        .fold(SAMPLE_WIDTH, f32::max);
    Sample {
        marks,
        width: right.ceil(),
        height: LANE_HEADER,
    }
}
