//! SVG: a [`Layout`] painted as real vectors and text.
//!
//! **Architecture invariant:** this module paints a finished [`Layout`] and
//! decides nothing about placement: every position comes from layout, so the
//! SVG (and the PNG rasterised from it) shows exactly what the window shows.
//! It only adds what a window has around its canvas: a header with the
//! timeline's title and the range shown.
//!
//! Output is deterministic: no timestamps, every number written with at most
//! two decimals, elements in layout order.

use std::fmt::{self, Write as _};

use crate::layout::text::{FONT_FAMILY, FontMetrics};
use crate::layout::theme::{Palette, Rgba, StatusStyle, bar_colors, text_on};
use crate::layout::{
    AXIS_HEIGHT, ERA_STRIP, Item, LABEL_SIZE, LANE_HEADER, LANE_TITLE_SIZE, Layout, MARKER_SIZE,
    Rect, Shape, TICK_SIZE,
};
use crate::model::Timeline;
use crate::time::{Date, Precision, format_span};
use crate::view::TimeView;

/// Height of the header above the canvas (title and range shown).
pub const HEADER_HEIGHT: f32 = 56.0;
/// Space kept below the last lane.
pub const BOTTOM_MARGIN: f32 = 12.0;
/// Font size of the timeline's title in the header.
pub const TITLE_SIZE: f32 = 18.0;
/// Font size of the range line under the title.
pub const SUBTITLE_SIZE: f32 = 12.0;
/// Left and right margin of the header text.
const HEADER_INSET: f32 = 16.0;
/// How many hidden titles a "+N" tooltip lists before it says "…".
const OVERFLOW_TOOLTIP_TITLES: usize = 12;

/// How the SVG is framed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SvgOptions {
    /// Total height in points, header included; `None` makes the image tall
    /// enough for every lane ([`full_height`]). Content below it is cut off.
    pub height: Option<f32>,
}

/// The height that shows the header and every lane, rounded up to a whole
/// point so that PNG sizes are whole pixels at scale 1.
#[must_use]
pub fn full_height(layout: &Layout) -> f32 {
    (HEADER_HEIGHT + layout.content_bottom + BOTTOM_MARGIN).ceil()
}

/// The range a view shows, as a person reads it ("1 October – 30 November
/// 2025"), at a precision that suits its length.
#[must_use]
pub fn range_text(view: &TimeView) -> String {
    let range = view.range();
    let span_secs = range.len_nanos() / crate::time::NANOS_PER_SEC;
    let precision = if span_secs >= 3 * 365 * 86_400 {
        Precision::Year
    } else if span_secs >= 2 * 86_400 {
        Precision::Day
    } else if span_secs >= 2 * 3_600 {
        Precision::Minute
    } else if span_secs >= 2 {
        Precision::Second
    } else {
        Precision::Millisecond
    };
    let start = Date::from_time(range.start, precision);
    // The range is half-open: its last shown instant is one nanosecond
    // before `end`, so a view ending at midnight reads as the day before.
    let end = Date::from_time(range.end.add_nanos(-1).max(range.start), precision);
    format_span(&start, Some(&end))
}

/// Paints `layout` (made from `timeline`) as a standalone SVG document.
#[must_use]
pub fn to_svg(timeline: &Timeline, layout: &Layout, options: &SvgOptions) -> String {
    let height = options
        .height
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or_else(|| full_height(layout));
    let mut painter = Painter {
        out: String::with_capacity(16 * 1024),
        palette: layout.palette,
        metrics: FontMetrics::shared(),
    };
    painter.document(timeline, layout, height);
    painter.out
}

/// A number as SVG text: at most two decimals, no trailing zeros, no "-0",
/// and 0 for anything not finite (layout never produces that, but a broken
/// document would be worse than a misplaced shape).
#[derive(Clone, Copy)]
struct N(f32);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = f64::from(self.0);
        if !v.is_finite() {
            return f.write_str("0");
        }
        let rounded = (v * 100.0).round() / 100.0;
        if rounded == 0.0 {
            return f.write_str("0");
        }
        let text = format!("{rounded:.2}");
        f.write_str(text.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// Escapes text for XML content and attribute values, and drops the
/// characters XML 1.0 forbids (control characters), which a title read from
/// JSON may hold and which would make the whole document unreadable.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Whitespace controls are legal XML but collapse to a space in
            // SVG text anyway; writing a space keeps titles on one line.
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(ch),
        }
    }
    out
}

/// ` fill="#rrggbb"` plus ` fill-opacity` when the colour is translucent
/// (SVG 1.1 has no alpha in colour values, and resvg follows it).
struct Paint<'a>(&'a str, Rgba);

impl fmt::Display for Paint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(attribute, color) = self;
        write!(f, " {attribute}=\"{}\"", color.hex())?;
        if color.3 < 255 {
            write!(f, " {attribute}-opacity=\"{}\"", N(color.alpha()))?;
        }
        Ok(())
    }
}

struct Painter {
    out: String,
    palette: Palette,
    metrics: &'static FontMetrics,
}

impl Painter {
    // Writing to a String cannot fail, so the `fmt::Result`s of `write!`
    // below are ignored on purpose.

    fn document(&mut self, timeline: &Timeline, layout: &Layout, height: f32) {
        let width = layout.width;
        let _ = write!(
            self.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-family=\"{FONT_FAMILY}, sans-serif\" font-weight=\"300\">\n",
            w = N(width),
            h = N(height),
        );
        let _ = writeln!(self.out, "<title>{}</title>", escape(&timeline.title));
        let _ = writeln!(
            self.out,
            "<rect width=\"100%\" height=\"100%\"{}/>",
            Paint("fill", self.palette.background)
        );
        self.header(timeline, layout);
        // The canvas keeps layout's coordinates; only its origin moves below
        // the header, so every number in the SVG can be compared with layout.
        let canvas_bottom = (height - HEADER_HEIGHT).max(layout.content_bottom);
        let _ = writeln!(
            self.out,
            "<g transform=\"translate(0 {})\">",
            N(HEADER_HEIGHT)
        );
        // The window's painting order: stripes and lane titles, grid and
        // eras behind the events, links under the items, the axis on top.
        self.lanes(layout);
        self.lane_titles(layout);
        self.grid(layout, canvas_bottom);
        self.eras(layout, canvas_bottom);
        self.density(layout);
        self.links(layout);
        for item in &layout.items {
            self.item(timeline, item);
        }
        self.overflows(timeline, layout);
        self.axis(layout);
        self.out.push_str("</g>\n</svg>\n");
    }

    fn header(&mut self, timeline: &Timeline, layout: &Layout) {
        let room = (layout.width - 2.0 * HEADER_INSET).max(0.0);
        let count = layout.visible_events;
        let count_text = crate::numbers::count(count, crate::numbers::EVENT);
        let count_width = self.metrics.width(&count_text, SUBTITLE_SIZE);
        let range = self.metrics.ellipsize(
            &range_text(&layout.view),
            SUBTITLE_SIZE,
            (room - count_width - 24.0).max(0.0),
        );
        let title = self.metrics.ellipsize(&timeline.title, TITLE_SIZE, room);
        let _ = writeln!(self.out, "<g class=\"header\">");
        let (text, muted) = (self.palette.text, self.palette.muted);
        self.text(HEADER_INSET, 25.0, &title, TITLE_SIZE, text, "");
        self.text(HEADER_INSET, 45.0, &range, SUBTITLE_SIZE, muted, "");
        if range.is_empty() || room > count_width + self.metrics.width(&range, SUBTITLE_SIZE) + 24.0
        {
            self.text(
                layout.width - HEADER_INSET,
                45.0,
                &count_text,
                SUBTITLE_SIZE,
                muted,
                " text-anchor=\"end\"",
            );
        }
        self.out.push_str("</g>\n");
    }

    /// Alternating stripes, a separator under each lane, a colour swatch and
    /// the title (as the window draws them).
    fn lanes(&mut self, layout: &Layout) {
        let width = layout.width;
        for (i, lane) in layout.lanes.iter().enumerate() {
            let bottom = lane.top + lane.height;
            if i % 2 == 1 {
                self.rect(
                    Rect::new(0.0, lane.top, width, bottom),
                    0.0,
                    &Paint("fill", self.palette.lane_alt).to_string(),
                );
            }
        }
        // Separators after every stripe, so no stripe covers the line above it.
        for lane in &layout.lanes {
            self.hline(0.0, width, lane.top + lane.height, self.palette.grid);
        }
    }

    fn lane_titles(&mut self, layout: &Layout) {
        let color = self.palette.lane_title;
        for lane in &layout.lanes {
            let centre = lane.top + LANE_HEADER / 2.0;
            let swatch = Rect::new(6.0, centre - 4.0, 14.0, centre + 4.0);
            self.rect(swatch, 2.0, &Paint("fill", lane.color).to_string());
            // The one unnamed default lane needs no title; a dense lane says
            // how many events its histogram stands for.
            let mut title = if lane.title.is_empty() && layout.lanes.len() == 1 {
                String::new()
            } else {
                lane.title.clone()
            };
            if lane.dense {
                let _ = write!(
                    title,
                    "  ({})",
                    crate::numbers::count(lane.visible_events, crate::numbers::EVENT)
                );
            }
            let title =
                self.metrics
                    .ellipsize(&title, LANE_TITLE_SIZE, (layout.width - 24.0).max(0.0));
            self.text_centred(
                20.0,
                centre,
                &title,
                LANE_TITLE_SIZE,
                color,
                " class=\"lane-title\"",
            );
        }
    }

    fn eras(&mut self, layout: &Layout, bottom: f32) {
        if layout.eras.is_empty() {
            return;
        }
        for era in &layout.eras {
            if era.x1 <= era.x0 {
                continue;
            }
            let _ = writeln!(self.out, "<g class=\"era\">");
            self.rect(
                Rect::new(era.x0, AXIS_HEIGHT, era.x1, bottom),
                0.0,
                &Paint("fill", era.color).to_string(),
            );
            if let Some(label) = &era.label {
                self.text_centred(
                    label.x,
                    label.y,
                    &label.text,
                    TICK_SIZE,
                    self.palette.era_text,
                    "",
                );
            }
            self.out.push_str("</g>\n");
        }
        self.hline(
            0.0,
            layout.width,
            AXIS_HEIGHT + ERA_STRIP,
            self.palette.grid_major,
        );
    }

    fn grid(&mut self, layout: &Layout, bottom: f32) {
        for line in &layout.grid {
            let color = if line.major {
                self.palette.grid_major
            } else {
                self.palette.grid
            };
            self.vline(line.x, layout.lanes_top, bottom, color);
        }
    }

    /// The two-tier axis: the coarse unit above ("November 2025"), the fine
    /// one below ("16").
    fn axis(&mut self, layout: &Layout) {
        let width = layout.width;
        let tier = AXIS_HEIGHT / 2.0;
        let _ = writeln!(self.out, "<g class=\"axis\">");
        self.rect(
            Rect::new(0.0, 0.0, width, AXIS_HEIGHT),
            0.0,
            &Paint("fill", self.palette.axis_background).to_string(),
        );
        let (text, muted) = (self.palette.text, self.palette.muted);
        for tick in &layout.ticks.major {
            let x = to_f32(tick.x);
            if (0.0..=width).contains(&x) {
                self.vline(x, 0.0, AXIS_HEIGHT, self.palette.grid_major);
            }
            self.text_centred(
                to_f32(tick.label_x) + 4.0,
                tier / 2.0 + 1.0,
                &tick.label,
                TICK_SIZE,
                text,
                "",
            );
        }
        for tick in &layout.ticks.minor {
            let x = to_f32(tick.x);
            if (0.0..=width).contains(&x) {
                self.vline(x, AXIS_HEIGHT - 6.0, AXIS_HEIGHT, muted);
            }
            self.text_centred(
                to_f32(tick.label_x),
                tier + tier / 2.0,
                &tick.label,
                TICK_SIZE,
                muted,
                "",
            );
        }
        self.hline(0.0, width, tier, self.palette.grid);
        self.hline(0.0, width, AXIS_HEIGHT, self.palette.grid_major);
        self.out.push_str("</g>\n");
    }

    /// Thin curves with a small arrowhead at the target.
    fn links(&mut self, layout: &Layout) {
        if layout.links.is_empty() {
            return;
        }
        let color = self.palette.muted.with_alpha(150);
        let _ = writeln!(self.out, "<g class=\"links\">");
        for link in &layout.links {
            let ((x1, y1), (x2, y2)) = (link.from, link.to);
            // Horizontal at both ends, so the link leaves the source to the
            // right and enters the target from the left, as in the window.
            let dx = ((x2 - x1).abs() / 2.0).max(12.0);
            let _ = writeln!(
                self.out,
                "<path d=\"M{} {} C{} {} {} {} {} {}\" fill=\"none\"{} stroke-width=\"1\"/>",
                N(x1),
                N(y1),
                N(x1 + dx),
                N(y1),
                N(x2 - dx),
                N(y2),
                N(x2),
                N(y2),
                Paint("stroke", color)
            );
            // The curve ends heading right, so the arrowhead points right.
            let _ = writeln!(
                self.out,
                "<path d=\"M{} {} L{} {} L{} {} Z\"{}/>",
                N(x2),
                N(y2),
                N(x2 - 6.0),
                N(y2 - 3.5),
                N(x2 - 6.0),
                N(y2 + 3.5),
                Paint("fill", color)
            );
        }
        self.out.push_str("</g>\n");
    }

    fn density(&mut self, layout: &Layout) {
        if layout.density.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "<g class=\"density\">");
        for bin in &layout.density {
            self.rect(bin.rect, 0.0, &Paint("fill", bin.color).to_string());
        }
        self.out.push_str("</g>\n");
    }

    /// One `<g>` per event: a tooltip with its full title and date, its
    /// shape, and its label when it has one. Styles follow the window:
    /// hollow for claims, crossed for denials, a dashed edge (bars) or a
    /// halo (markers) for approximate dates, soft bars for coarse dates.
    fn item(&mut self, timeline: &Timeline, item: &Item) {
        let Some(event) = timeline.events().get(item.event) else {
            return;
        };
        let _ = write!(self.out, "<g class=\"event\" data-event=\"{}\"", item.event);
        if !event.id.is_empty() {
            let _ = write!(self.out, " data-id=\"{}\"", escape(&event.id));
        }
        let mut tooltip = format!("{}\n{}", event.title, event.date_text());
        if let Some(status) = event.status {
            let _ = write!(tooltip, " ({status})");
        }
        // Keep the tooltip's line break: escape() turns it into a space.
        let tooltip = tooltip
            .split('\n')
            .map(escape)
            .collect::<Vec<_>>()
            .join("&#10;");
        let _ = writeln!(self.out, "><title>{tooltip}</title>");

        let color = item.color;
        let mut inside_on_fill = item.style != StatusStyle::Hollow;
        match item.shape {
            Shape::Bar {
                rect,
                precision_only,
            } => {
                inside_on_fill &= !precision_only;
                let (body, edge) = bar_colors(
                    color,
                    item.style,
                    precision_only,
                    item.approximate,
                    &self.palette,
                );
                let radius = 3.0_f32
                    .min(rect.height() / 2.0)
                    .min(rect.width() / 2.0)
                    .max(0.0);
                let mut attributes = Paint("fill", body).to_string();
                let _ = write!(attributes, "{} stroke-width=\"1.2\"", Paint("stroke", edge));
                if item.approximate || precision_only {
                    attributes.push_str(" stroke-dasharray=\"4 3\"");
                }
                self.rect(rect, radius, &attributes);
                if item.style == StatusStyle::Crossed {
                    let y = f32::midpoint(rect.min_y, rect.max_y);
                    self.segment((rect.min_x, y), (rect.max_x, y), 1.5, self.palette.text);
                }
            }
            Shape::Marker { x, y } => {
                let h = MARKER_SIZE / 2.0;
                let attributes = if item.style == StatusStyle::Hollow {
                    format!(
                        "{}{} stroke-width=\"1.6\"",
                        Paint("fill", self.palette.background),
                        Paint("stroke", color)
                    )
                } else {
                    Paint("fill", color).to_string()
                };
                let _ = writeln!(
                    self.out,
                    "<path d=\"M{} {} L{} {} L{} {} L{} {} Z\"{attributes}/>",
                    N(x),
                    N(y - h),
                    N(x + h),
                    N(y),
                    N(x),
                    N(y + h),
                    N(x - h),
                    N(y)
                );
                if item.style == StatusStyle::Crossed {
                    // An X cut out of the diamond in the background colour.
                    let d = h * 0.45;
                    let background = self.palette.background;
                    self.segment((x - d, y - d), (x + d, y + d), 1.6, background);
                    self.segment((x - d, y + d), (x + d, y - d), 1.6, background);
                }
                if item.approximate {
                    let _ = writeln!(
                        self.out,
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\"{} stroke-width=\"1\"/>",
                        N(x),
                        N(y),
                        N(h + 2.5),
                        Paint("stroke", color.with_alpha(153))
                    );
                }
            }
        }
        if let Some(label) = &item.label {
            let color = if label.inside && inside_on_fill {
                text_on(color)
            } else {
                self.palette.text
            };
            self.text_centred(label.x, label.y, &label.text, LABEL_SIZE, color, "");
        }
        self.out.push_str("</g>\n");
    }

    fn segment(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), width: f32, color: Rgba) {
        let _ = writeln!(
            self.out,
            "<path d=\"M{} {} L{} {}\"{} stroke-width=\"{}\"/>",
            N(x0),
            N(y0),
            N(x1),
            N(y1),
            Paint("stroke", color),
            N(width)
        );
    }

    fn overflows(&mut self, timeline: &Timeline, layout: &Layout) {
        for overflow in &layout.overflows {
            let titles: Vec<&str> = overflow
                .events
                .iter()
                .filter_map(|&e| timeline.events().get(e))
                .map(|e| e.title.as_str())
                .take(OVERFLOW_TOOLTIP_TITLES)
                .collect();
            let more = if overflow.events.len() > titles.len() {
                "&#10;…"
            } else {
                ""
            };
            let tooltip = titles
                .iter()
                .map(|t| escape(t))
                .collect::<Vec<_>>()
                .join("&#10;");
            let _ = writeln!(
                self.out,
                "<g class=\"overflow\"><title>{} more: &#10;{tooltip}{more}</title>",
                crate::numbers::grouped(overflow.events.len())
            );
            self.text_centred(
                overflow.x,
                overflow.y,
                &overflow.text,
                TICK_SIZE,
                self.palette.muted,
                "",
            );
            self.out.push_str("</g>\n");
        }
    }

    fn rect(&mut self, r: Rect, radius: f32, attributes: &str) {
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            N(r.min_x),
            N(r.min_y),
            N(r.width().max(0.0)),
            N(r.height().max(0.0))
        );
        if radius > 0.0 {
            let _ = write!(self.out, " rx=\"{}\"", N(radius));
        }
        let _ = writeln!(self.out, "{attributes}/>");
    }

    fn hline(&mut self, x0: f32, x1: f32, y: f32, color: Rgba) {
        // Half-point offsets put one-point lines on whole pixels at scale 1,
        // so they stay crisp instead of smearing over two pixel rows.
        let y = y.floor() + 0.5;
        let _ = writeln!(
            self.out,
            "<path d=\"M{} {}H{}\"{} stroke-width=\"1\"/>",
            N(x0),
            N(y),
            N(x1),
            Paint("stroke", color)
        );
    }

    fn vline(&mut self, x: f32, y0: f32, y1: f32, color: Rgba) {
        let x = x.floor() + 0.5;
        let _ = writeln!(
            self.out,
            "<path d=\"M{} {}V{}\"{} stroke-width=\"1\"/>",
            N(x),
            N(y0),
            N(y1),
            Paint("stroke", color)
        );
    }

    /// Text whose line box is vertically centred on `y`, as layout places
    /// labels (SVG positions text by its baseline).
    fn text_centred(&mut self, x: f32, y: f32, text: &str, size: f32, color: Rgba, extra: &str) {
        let baseline = y - self.metrics.line_height(size) / 2.0 + self.metrics.ascent(size);
        self.text(x, baseline, text, size, color, extra);
    }

    /// Text with its baseline at `y`.
    fn text(&mut self, x: f32, y: f32, text: &str, size: f32, color: Rgba, extra: &str) {
        if text.is_empty() {
            return;
        }
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{extra}>{}</text>",
            N(x),
            N(y),
            N(size),
            Paint("fill", color),
            escape(text)
        );
    }
}

/// A tick position (f64 in view space) as a point on the canvas.
fn to_f32(x: f64) -> f32 {
    // Clamped first: ticks far off the canvas are never visible anyway.
    #[allow(clippy::cast_possible_truncation)] // Clamped to ±1e6.
    let x = x.clamp(-1e6, 1e6) as f32;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(N(1.0).to_string(), "1");
        assert_eq!(N(1.5).to_string(), "1.5");
        assert_eq!(N(1.2345).to_string(), "1.23");
        assert_eq!(N(-0.001).to_string(), "0");
        assert_eq!(N(f32::NAN).to_string(), "0");
        assert_eq!(N(-12.5).to_string(), "-12.5");
        assert_eq!(N(100.0).to_string(), "100");
    }

    #[test]
    fn escaping_handles_markup_and_controls() {
        assert_eq!(
            escape("a < b & \"c\" 'd' >"),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;"
        );
        assert_eq!(escape("x\u{1}y\nz"), "xy z");
        assert_eq!(escape("Лавров — «да»"), "Лавров — «да»");
    }

    #[test]
    fn label_colour_contrasts_with_its_fill() {
        assert_eq!(text_on(Rgba(255, 255, 255, 255)), Rgba(20, 20, 20, 255));
        assert_eq!(text_on(Rgba(31, 95, 168, 255)), Rgba(255, 255, 255, 255));
        assert_eq!(text_on(Rgba(237, 201, 72, 255)), Rgba(20, 20, 20, 255));
    }
}
