//! The legend as a display list: what every mark means, one row per mark,
//! each with a sample drawn by the code that draws the real mark
//! ([`samples`]) and its meaning in words, laid out in columns to a given
//! width. The window paints it in View › Legend (and makes the status rows
//! clickable); an export with a legend appends it below the timeline
//! ([`Scene::with_legend`]). Like the rest of the scene: pure, no egui.

mod samples;

use std::ops::Range;

use super::{Anchor, Builder, GroupKind, Pane, Scene, hline, text};
use crate::layout::Rect;
use crate::layout::text::FontMetrics;
use crate::layout::theme::Palette;
use crate::model::Status;
pub use samples::Sample;
use samples::Spec;

/// Width of a row's sample (a wider one, such as a lane title, takes more).
pub const SAMPLE_WIDTH: f32 = 76.0;
/// Room between a sample and its words.
pub const SAMPLE_GAP: f32 = 12.0;
/// Margin on the left and right of the legend.
pub const INSET: f32 = 16.0;
/// Margin above and below the legend.
pub const PADDING: f32 = 12.0;
/// Room between columns.
pub const COLUMN_GAP: f32 = 28.0;
/// The narrowest column worth its own: a sample and a readable measure.
pub const MIN_COLUMN_WIDTH: f32 = 360.0;
/// Narrower than this beside the sample, the words go under it instead.
pub const MIN_TEXT_WIDTH: f32 = 120.0;
/// Font size of the words.
pub const TEXT_SIZE: f32 = 12.5;
/// Font size of a section's heading.
pub const HEADING_SIZE: f32 = 13.5;
/// Extra room between lines of one row's words.
pub const LINE_SPACING: f32 = 2.0;
/// Room between rows.
pub const ROW_GAP: f32 = 6.0;
/// Room above a heading that follows a section in the same column.
pub const SECTION_GAP: f32 = 14.0;

/// What a legend row explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// An event without an end.
    Moment,
    /// An event from its start to its end.
    Range,
    /// A moment whose coarse date covers visible time.
    PrecisionBar,
    /// `"approximate": true`.
    Approximate,
    /// A status's style.
    Status(Status),
    /// A status on a faint bar: its key.
    StatusKey,
    /// A start or an end known only within a window.
    Window,
    /// One day somewhere in a window.
    MomentWindow,
    /// `?`, `~` and `%` on a mark.
    Qualified,
    /// An open or unknown end.
    OpenEnd,
    /// A link between events.
    Link,
    /// An era's band.
    Era,
    /// A "+N" marker.
    Overflow,
    /// A dense lane's bins and occupancy band.
    Density,
    /// "+N filtered" in a lane's title.
    Filtered,
}

impl Entry {
    /// The status a row stands for (a click on it in the window filters by it).
    #[must_use]
    pub const fn status(self) -> Option<Status> {
        match self {
            Self::Status(status) => Some(status),
            _ => None,
        }
    }
}

/// The statuses in the legend's order: from the claim the record is surest
/// of to the one denied, as their marks empty.
pub const STATUS_ORDER: [Status; 6] = [
    Status::Confirmed,
    Status::Reported,
    Status::Claimed,
    Status::Rumoured,
    Status::Disputed,
    Status::Denied,
];

/// What each status means, and how it is drawn, as the legend says it.
#[must_use]
pub const fn status_meaning(status: Status) -> &'static str {
    match status {
        Status::Confirmed => "established by the record (solid)",
        Status::Reported => {
            "reported by a source, not independently confirmed (pale fill, solid edge)"
        }
        Status::Claimed => "asserted by an interested party (hollow)",
        Status::Rumoured => "circulating without a named source (hollow, dotted edge)",
        Status::Disputed => "sources disagree (half filled)",
        Status::Denied => "denied by a party to it (crossed out)",
    }
}

/// The words of a row.
fn meaning(entry: Entry) -> String {
    let words = match entry {
        Entry::Status(status) => return format!("{status}: {}", status_meaning(status)),
        Entry::StatusKey => {
            "on a faint bar (a coarse date, a window with no certain part): the status's diamond at its left end"
        }
        Entry::Moment => "a moment: an event without an end",
        Entry::Range => "a range: an event from its start to its end",
        Entry::PrecisionBar => {
            "a moment known only to its month or year (2025-11): the faint bar spans all the date covers"
        }
        Entry::Approximate => {
            "approximate (\"approximate\": true): ~ on the mark, a ring round a moment, a dashed edge on a range"
        }
        Entry::Window => {
            "a start or an end known only within a window: the certain part solid, the window faded, whiskers to its earliest and latest instant"
        }
        Entry::MomentWindow => {
            "one day somewhere in a window ([2025-11-03..2025-11-07]): faded, whiskers to its earliest and latest day"
        }
        Entry::Qualified => {
            "on the mark: ? uncertain (2025?: possibly 2025), ~ approximate (2025-11~: around November 2025), % both"
        }
        Entry::OpenEnd => {
            "an open or unknown end (2025-11-03/..): fades out toward the edge (an open start fades in)"
        }
        Entry::Link => "a link from one event to another (\"led to\")",
        Entry::Era => "an era: a named period, a band behind the lanes",
        Entry::Overflow => "+N: more events here than room for their labels; a click zooms in",
        Entry::Density => {
            "a lane too crowded to draw event by event: each bar counts the events that start there, the band under the bars every event under way (stronger: more)"
        }
        Entry::Filtered => "in a lane's title: events in view that a filter hides",
    };
    words.to_owned()
}

/// The sample of a row, drawn by the real mark's code; `room` is the
/// column's width, which a lane title's sample may take.
fn sample(entry: Entry, room: f32, palette: &Palette) -> Sample {
    // A moment and a range side by side, far enough apart to share a row.
    let pair = |status: Option<Status>, approximate: bool| {
        let mut specs = [
            Spec::at("2025-11-02", None).status(status),
            Spec::at("2025-11-05", Some("2025-11-08")).status(status),
        ];
        if approximate {
            specs = specs.map(Spec::approximate);
        }
        samples::events(&specs, &[], palette)
    };
    match entry {
        Entry::Moment => samples::events(&[Spec::at("2025-11-05", None)], &[], palette),
        Entry::Range => {
            samples::events(&[Spec::at("2025-11-02", Some("2025-11-08"))], &[], palette)
        }
        Entry::PrecisionBar => samples::precision_bar(palette),
        Entry::Approximate => pair(None, true),
        Entry::Status(status) => pair(Some(status), false),
        Entry::StatusKey => samples::events(
            &[Spec::at("[2025-11-02..2025-11-08]", None).status(Some(Status::Disputed))],
            &[],
            palette,
        ),
        Entry::Window => samples::events(
            &[Spec::at(
                "[2025-11-02..2025-11-03]",
                Some("[2025-11-07..2025-11-08]"),
            )],
            &[],
            palette,
        ),
        Entry::MomentWindow => {
            samples::events(&[Spec::at("[2025-11-02..2025-11-08]", None)], &[], palette)
        }
        Entry::Qualified => samples::events(
            &[
                Spec::at("2025-11-02?", None),
                Spec::at("2025-11-05~", Some("2025-11-08~")),
            ],
            &[],
            palette,
        ),
        Entry::OpenEnd => samples::events(&[Spec::at("2025-11-03/..", None)], &[], palette),
        Entry::Link => samples::events(
            &[Spec::at("2025-11-02", None), Spec::at("2025-11-07", None)],
            &[(0, 1)],
            palette,
        ),
        Entry::Era => samples::era("Summit", palette),
        Entry::Overflow => samples::overflow("+7", palette),
        Entry::Density => samples::density(palette, 160),
        Entry::Filtered => samples::filtered_lane("Lane", 3, room, palette),
    }
}

/// The legend's sections, in reading order.
fn sections() -> Vec<(&'static str, Vec<Entry>)> {
    vec![
        (
            "Events",
            vec![
                Entry::Moment,
                Entry::Range,
                Entry::PrecisionBar,
                Entry::Approximate,
            ],
        ),
        (
            "Status of the claim",
            STATUS_ORDER
                .into_iter()
                .map(Entry::Status)
                .chain([Entry::StatusKey])
                .collect(),
        ),
        (
            "Uncertain dates",
            vec![
                Entry::Window,
                Entry::MomentWindow,
                Entry::Qualified,
                Entry::OpenEnd,
            ],
        ),
        (
            "Around the events",
            vec![
                Entry::Link,
                Entry::Era,
                Entry::Overflow,
                Entry::Density,
                Entry::Filtered,
            ],
        ),
    ]
}

/// One row of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    /// What it explains.
    pub entry: Entry,
    /// The status it stands for, for a status row.
    pub status: Option<Status>,
    /// Where it lies: sample and words (from the legend's top-left corner).
    pub rect: Rect,
    /// Where its sample lies.
    pub sample: Rect,
    /// Its marks in [`Legend::scene`]: the sample's, then the words.
    pub marks: Range<usize>,
    /// How many of them are the sample's.
    pub sample_marks: usize,
}

/// The legend laid out to a width.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    /// Its display list: headings and rows, each a [`GroupKind::Legend`]
    /// group in [`Pane::Fixed`], from the legend's top-left corner.
    pub scene: Scene,
    /// Its rows, in reading order.
    pub rows: Vec<LegendRow>,
}

/// A row measured, before it is placed.
struct Planned {
    entry: Entry,
    sample: Sample,
    lines: Vec<String>,
    /// The words go under the sample (a narrow column), not beside it.
    stacked: bool,
    height: f32,
}

/// The height of one line of the words.
fn line_step() -> f32 {
    FontMetrics::shared().line_height(TEXT_SIZE) + LINE_SPACING
}

/// The height a heading takes.
fn heading_height() -> f32 {
    FontMetrics::shared().line_height(HEADING_SIZE) + ROW_GAP
}

/// `text` broken into lines no wider than `width` at `size` (a word wider
/// than a line is cut with "…").
#[must_use]
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let metrics = FontMetrics::shared();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if metrics.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line = metrics.ellipsize(word, size, width);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many columns `width` holds (never more than there are sections).
fn columns(width: f32, sections: usize) -> usize {
    let room = width - 2.0 * INSET + COLUMN_GAP;
    // A small positive count: at most a handful of columns.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let fit = (room / (MIN_COLUMN_WIDTH + COLUMN_GAP)).floor().max(1.0) as usize;
    fit.clamp(1, sections.max(1))
}

fn plan(entry: Entry, column_width: f32, palette: &Palette) -> Planned {
    let sample = sample(entry, column_width, palette);
    let beside = column_width - sample.width - SAMPLE_GAP;
    let stacked = beside < MIN_TEXT_WIDTH;
    let text_width = if stacked { column_width } else { beside };
    let lines = wrap(&meaning(entry), TEXT_SIZE, text_width.max(0.0));
    #[allow(clippy::cast_precision_loss)] // A few lines.
    let words = lines.len() as f32 * line_step();
    let height = if stacked {
        sample.height + ROW_GAP + words
    } else {
        sample.height.max(words)
    };
    Planned {
        entry,
        sample,
        lines,
        stacked,
        height,
    }
}

/// The height a section takes: its heading and its rows.
fn section_height(rows: &[Planned]) -> f32 {
    heading_height() + rows.iter().map(|r| r.height + ROW_GAP).sum::<f32>()
}

/// Where the sections break into `columns` columns, in order, so that the
/// tallest column is as short as can be (sections stay whole). The result
/// holds the first section of each column after the first.
fn breaks(heights: &[f32], columns: usize) -> Vec<usize> {
    // Few sections and columns: every choice of breaks is tried.
    fn best(heights: &[f32], from: usize, columns: usize) -> (f32, Vec<usize>) {
        let rest: f32 = heights[from..].iter().sum();
        if columns <= 1 || from + 1 >= heights.len() {
            return (rest, Vec::new());
        }
        let mut out = (f32::INFINITY, Vec::new());
        let mut first = 0.0;
        for split in from + 1..heights.len() {
            first += heights[split - 1];
            let (tallest, mut later) = best(heights, split, columns - 1);
            let tallest = tallest.max(first);
            if tallest < out.0 {
                later.insert(0, split);
                out = (tallest, later);
            }
        }
        out
    }
    best(heights, 0, columns).1
}

/// The legend laid out `width` points wide in `palette`'s colours.
#[must_use]
pub fn legend(width: f32, palette: &Palette) -> Legend {
    let metrics = FontMetrics::shared();
    let all = sections();
    let count = columns(width, all.len());
    #[allow(clippy::cast_precision_loss)] // A handful of columns.
    let column_width =
        ((width - 2.0 * INSET - COLUMN_GAP * (count - 1) as f32) / count as f32).max(0.0);
    let planned: Vec<(&str, Vec<Planned>)> = all
        .into_iter()
        .map(|(heading, entries)| {
            let rows = entries
                .into_iter()
                .map(|e| plan(e, column_width, palette))
                .collect();
            (heading, rows)
        })
        .collect();
    let heights: Vec<f32> = planned
        .iter()
        .map(|(_, rows)| section_height(rows) + SECTION_GAP)
        .collect();
    let column_starts = breaks(&heights, count);
    let mut builder = Builder::new(256);
    let mut rows = Vec::new();
    let (mut column, mut y, mut bottom) = (0_usize, PADDING, PADDING);
    for (index, (heading, section)) in planned.into_iter().enumerate() {
        if column_starts.contains(&index) {
            column += 1;
            y = PADDING;
        } else if index > 0 {
            y += SECTION_GAP;
        }
        #[allow(clippy::cast_precision_loss)] // A handful of columns.
        let x = INSET + column as f32 * (column_width + COLUMN_GAP);
        let title = metrics.ellipsize(heading, HEADING_SIZE, column_width);
        builder.group(GroupKind::Legend, Pane::Fixed, |marks| {
            if title.is_empty() {
                return;
            }
            let centre = y + metrics.line_height(HEADING_SIZE) / 2.0;
            marks.push(text(
                title,
                x,
                centre,
                Anchor::Start,
                HEADING_SIZE,
                palette.text,
            ));
        });
        y += heading_height();
        for row in section {
            let height = row.height;
            rows.push(place(&mut builder, row, x, y, column_width, palette));
            y += height + ROW_GAP;
        }
        bottom = f32::max(bottom, y);
    }
    Legend {
        scene: Scene {
            width,
            height: (bottom - ROW_GAP + PADDING).ceil(),
            header_height: 0.0,
            legend_height: 0.0,
            lanes_top: 0.0,
            background: palette.background,
            marks: builder.marks,
            groups: builder.groups,
        },
        rows,
    }
}

/// Pushes one row's sample and words at (`x`, `y`) as a group.
fn place(
    builder: &mut Builder,
    row: Planned,
    x: f32,
    y: f32,
    column_width: f32,
    palette: &Palette,
) -> LegendRow {
    let step = line_step();
    #[allow(clippy::cast_precision_loss)] // A few lines.
    let words_height = row.lines.len() as f32 * step;
    // Beside: the sample and the words centred on each other; stacked: the
    // words under the sample.
    let (sample_top, words_top, words_x) = if row.stacked {
        (y, y + row.sample.height + ROW_GAP, x)
    } else {
        (
            y + (row.height - row.sample.height) / 2.0,
            y + (row.height - words_height) / 2.0,
            x + row.sample.width + SAMPLE_GAP,
        )
    };
    let start = builder.marks.len();
    let sample_marks = row.sample.marks.len();
    builder.group(GroupKind::Legend, Pane::Fixed, |marks| {
        marks.extend(
            row.sample
                .marks
                .into_iter()
                .map(|m| m.translated(x, sample_top)),
        );
        for (i, line) in row.lines.into_iter().enumerate() {
            #[allow(clippy::cast_precision_loss)] // A few lines.
            let centre = words_top + (i as f32 + 0.5) * step;
            marks.push(text(
                line,
                words_x,
                centre,
                Anchor::Start,
                TEXT_SIZE,
                palette.text,
            ));
        }
    });
    LegendRow {
        entry: row.entry,
        status: row.entry.status(),
        rect: Rect::new(x, y, x + column_width, y + row.height),
        sample: Rect::new(
            x,
            sample_top,
            x + row.sample.width,
            sample_top + row.sample.height,
        ),
        marks: start..builder.marks.len(),
        sample_marks,
    }
}

impl Scene {
    /// This export's display list with `legend` below the canvas, in its
    /// own pane, under a rule that sets it off from the lanes.
    #[must_use]
    pub fn with_legend(mut self, legend: &Legend, palette: &Palette) -> Self {
        let mut builder = Builder::new(1);
        builder.group(GroupKind::Legend, Pane::Legend, |marks| {
            marks.push(hline(0.0, legend.scene.width, 0.0, palette.grid_major));
        });
        let shift = self.marks.len();
        for group in builder.groups {
            self.groups.push(super::Group {
                marks: group.marks.start + shift..group.marks.end + shift,
                ..group
            });
        }
        self.marks.extend(builder.marks);
        let shift = self.marks.len();
        for group in &legend.scene.groups {
            self.groups.push(super::Group {
                kind: group.kind,
                pane: Pane::Legend,
                marks: group.marks.start + shift..group.marks.end + shift,
            });
        }
        self.marks.extend(legend.scene.marks.iter().cloned());
        self.legend_height = legend.scene.height;
        self
    }
}

#[cfg(test)]
mod tests;
