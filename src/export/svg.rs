//! SVG: a [`Scene`] written as real vectors and text.
//!
//! **Architecture invariant:** this module translates a finished display
//! list and decides nothing: every position, colour, size and dash comes
//! from [`crate::scene`], so the SVG (and the PNG rasterised from it) shows
//! exactly what the window shows. It only adds what an SVG file can carry
//! and a window cannot: tooltips (`<title>`) and element classes.
//!
//! Output is deterministic: no timestamps, every number written with at most
//! two decimals, elements in paint order.

use std::fmt::{self, Write as _};

use crate::layout::text::{FONT_FAMILY, FontMetrics};
use crate::layout::theme::Rgba;
use crate::layout::{Layout, Rect};
use crate::model::Timeline;
use crate::scene::legend::legend;
use crate::scene::{Anchor, GroupKind, Mark, Pane, Point, Scene, Stroke, TextRun};

pub use crate::scene::overlay::{HEADER_HEIGHT, SUBTITLE_SIZE, TITLE_SIZE, range_text};

/// Space kept below the last lane.
pub const BOTTOM_MARGIN: f32 = 12.0;
/// How many hidden titles a "+N" tooltip lists before it says "…".
const OVERFLOW_TOOLTIP_TITLES: usize = 12;

/// How the SVG is framed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SvgOptions {
    /// Total height in points, header included; `None` makes the image tall
    /// enough for every lane ([`full_height`]). Content below it is cut off.
    pub height: Option<f32>,
    /// The legend goes below, and the image grows by [`legend_height`].
    pub legend: bool,
}

/// The height that shows the header and every lane, rounded up to a whole
/// point so that PNG sizes are whole pixels at scale 1.
#[must_use]
pub fn full_height(layout: &Layout) -> f32 {
    (HEADER_HEIGHT + layout.content_bottom + BOTTOM_MARGIN).ceil()
}

/// How much taller the legend makes an export of `layout`.
#[must_use]
pub fn legend_height(layout: &Layout) -> f32 {
    legend(layout.width, &layout.palette).scene.height
}

/// Paints `layout` (made from `timeline`) as a standalone SVG document.
#[must_use]
pub fn to_svg(timeline: &Timeline, layout: &Layout, options: &SvgOptions) -> String {
    let height = options
        .height
        .filter(|h| h.is_finite() && *h > 0.0)
        .unwrap_or_else(|| full_height(layout));
    let mut scene = Scene::for_export(timeline, layout, height);
    if options.legend {
        let legend = legend(layout.width, &layout.palette);
        scene = scene.with_legend(&legend, &layout.palette);
    }
    scene_to_svg(timeline, layout, &scene, height)
}

/// Writes `scene` (of `timeline`, from `layout`) as an SVG document:
/// header and canvas `height` points tall, and the scene's legend below.
#[must_use]
pub fn scene_to_svg(timeline: &Timeline, layout: &Layout, scene: &Scene, height: f32) -> String {
    let mut writer = Writer {
        out: String::with_capacity(16 * 1024 + scene.marks.len() * 96),
        metrics: FontMetrics::shared(),
        next_id: 0,
    };
    writer.document(timeline, layout, scene, height);
    writer.out
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

struct Writer {
    out: String,
    metrics: &'static FontMetrics,
    /// Next id for a gradient or clip path.
    next_id: usize,
}

impl Writer {
    // Writing to a String cannot fail, so the `fmt::Result`s of `write!`
    // below are ignored on purpose.

    fn document(&mut self, timeline: &Timeline, layout: &Layout, scene: &Scene, height: f32) {
        let _ = write!(
            self.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-family=\"{FONT_FAMILY}, sans-serif\" font-weight=\"300\">\n",
            w = N(scene.width),
            h = N(height + scene.legend_height),
        );
        let _ = writeln!(self.out, "<title>{}</title>", escape(&timeline.title));
        let _ = writeln!(
            self.out,
            "<rect width=\"100%\" height=\"100%\"{}/>",
            Paint("fill", scene.background)
        );
        for group in scene.groups.iter().filter(|g| g.pane == Pane::Header) {
            self.group(timeline, layout, scene, group);
        }
        // The canvas keeps the scene's coordinates; only its origin moves
        // below the header, so every number can be compared with the scene.
        let _ = write!(
            self.out,
            "<g transform=\"translate(0 {})\"",
            N(scene.header_height)
        );
        let canvas_height = (height - scene.header_height).max(0.0);
        let clipped = scene.legend_height > 0.0 && scene.height > canvas_height;
        if clipped {
            // Lanes a given height cuts off must not run on under the legend.
            let id = self.id("canvas");
            let _ = write!(
                self.out,
                "><clipPath id=\"{id}\"><rect width=\"{}\" height=\"{}\"/></clipPath>\n<g clip-path=\"url(#{id})\"",
                N(scene.width),
                N(canvas_height)
            );
        }
        self.out.push_str(">\n");
        for group in scene
            .groups
            .iter()
            .filter(|g| matches!(g.pane, Pane::Fixed | Pane::Lanes))
        {
            self.group(timeline, layout, scene, group);
        }
        if clipped {
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</g>\n");
        if scene.legend_height > 0.0 {
            // The legend has its own origin, where the canvas ends.
            let _ = writeln!(
                self.out,
                "<g class=\"legend\" transform=\"translate(0 {})\">",
                N(height)
            );
            for group in scene.groups.iter().filter(|g| g.pane == Pane::Legend) {
                self.group(timeline, layout, scene, group);
            }
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</svg>\n");
    }

    fn group(
        &mut self,
        timeline: &Timeline,
        layout: &Layout,
        scene: &Scene,
        group: &crate::scene::Group,
    ) {
        match group.kind {
            GroupKind::Event(event) => self.event_open(timeline, event),
            GroupKind::Overflow(index) => {
                let events = layout.overflows.get(index).map_or(&[][..], |o| &o.events);
                self.overflow_open(timeline, events);
            }
            kind => {
                let _ = writeln!(self.out, "<g class=\"{}\">", class(kind));
            }
        }
        for mark in scene.marks_of(group) {
            self.mark(mark);
        }
        self.out.push_str("</g>\n");
    }

    /// An event's group with its full title and date as a tooltip.
    fn event_open(&mut self, timeline: &Timeline, index: usize) {
        let _ = write!(self.out, "<g class=\"event\" data-event=\"{index}\"");
        let Some(event) = timeline.get(index) else {
            self.out.push_str(">\n");
            return;
        };
        if !event.id().is_empty() {
            let _ = write!(self.out, " data-id=\"{}\"", escape(event.id()));
        }
        let mut tooltip = format!("{}\n{}", event.title(), event.date_text());
        if let Some(status) = event.status() {
            let _ = write!(tooltip, " ({status})");
        }
        let _ = writeln!(self.out, "><title>{}</title>", multiline(&tooltip));
    }

    /// A "+N" group listing the hidden titles as a tooltip.
    fn overflow_open(&mut self, timeline: &Timeline, events: &[usize]) {
        let titles: Vec<&str> = events
            .iter()
            .filter_map(|&e| timeline.get(e))
            .map(|e| e.title())
            .take(OVERFLOW_TOOLTIP_TITLES)
            .collect();
        let more = if events.len() > titles.len() {
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
            crate::numbers::grouped(events.len())
        );
    }

    fn mark(&mut self, mark: &Mark) {
        match mark {
            Mark::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => self.rect(*rect, *radius, Style(*fill, *stroke)),
            Mark::Polygon {
                points,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    self.out,
                    "<path d=\"{}Z\"{}/>",
                    PathData(points),
                    Style(*fill, *stroke)
                );
            }
            Mark::Polyline { points, stroke } => {
                let _ = writeln!(
                    self.out,
                    "<path d=\"{}\"{}/>",
                    PathData(points),
                    Style(None, Some(*stroke))
                );
            }
            Mark::Curve { points, stroke } => {
                let [a, b, c, d] = points;
                let _ = writeln!(
                    self.out,
                    "<path d=\"M{} {} C{} {} {} {} {} {}\"{}/>",
                    N(a.x),
                    N(a.y),
                    N(b.x),
                    N(b.y),
                    N(c.x),
                    N(c.y),
                    N(d.x),
                    N(d.y),
                    Style(None, Some(*stroke))
                );
            }
            Mark::Circle {
                centre,
                radius,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    self.out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
                    N(centre.x),
                    N(centre.y),
                    N(*radius),
                    Style(*fill, *stroke)
                );
            }
            Mark::Gradient { rect, left, right } => self.gradient(*rect, *left, *right),
            Mark::Tiles(tiles) => {
                for (rect, color) in tiles {
                    self.rect(*rect, 0.0, Style(Some(*color), None));
                }
            }
            Mark::Text(run) => self.text(run),
        }
    }

    fn rect(&mut self, rect: Rect, radius: f32, style: impl fmt::Display) {
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            N(rect.min_x),
            N(rect.min_y),
            N(rect.width().max(0.0)),
            N(rect.height().max(0.0))
        );
        if radius > 0.0 {
            let _ = write!(self.out, " rx=\"{}\"", N(radius));
        }
        let _ = writeln!(self.out, "{style}/>");
    }

    /// A horizontal ramp: a gradient definition, then the rectangle it fills.
    fn gradient(&mut self, rect: Rect, left: Rgba, right: Rgba) {
        let id = self.id("ramp");
        let stop = |offset: u8, color: Rgba| {
            format!(
                "<stop offset=\"{offset}\" stop-color=\"{}\" stop-opacity=\"{}\"/>",
                color.hex(),
                N(color.alpha())
            )
        };
        let _ = writeln!(
            self.out,
            "<defs><linearGradient id=\"{id}\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">{}{}</linearGradient></defs>",
            stop(0, left),
            stop(1, right)
        );
        self.rect(rect, 0.0, format!(" fill=\"url(#{id})\""));
    }

    /// A text run: SVG positions text by its baseline, the scene by the
    /// centre of the line box.
    fn text(&mut self, run: &TextRun) {
        if run.text.is_empty() {
            return;
        }
        let mut extra = String::new();
        if let Some(clip) = run.clip {
            let id = self.id("clip");
            let _ = writeln!(
                self.out,
                "<clipPath id=\"{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
                N(clip.min_x),
                N(clip.min_y),
                N(clip.width().max(0.0)),
                N(clip.height().max(0.0))
            );
            let _ = write!(extra, " clip-path=\"url(#{id})\"");
        }
        match run.anchor {
            Anchor::Start => {}
            Anchor::Middle => extra.push_str(" text-anchor=\"middle\""),
            Anchor::End => extra.push_str(" text-anchor=\"end\""),
        }
        let baseline = baseline_of(self.metrics, run.pos.y, run.size);
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{extra}>{}</text>",
            N(run.pos.x),
            N(baseline),
            N(run.size),
            Paint("fill", run.color),
            escape(&run.text)
        );
    }

    fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}{}", self.next_id)
    }
}

/// The baseline of a line of `size` text whose line box is centred on `y`.
#[must_use]
pub fn baseline_of(metrics: &FontMetrics, y: f32, size: f32) -> f32 {
    y - metrics.line_height(size) / 2.0 + metrics.ascent(size)
}

/// The class of a group's element.
const fn class(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Header => "header",
        GroupKind::Lanes => "lanes",
        GroupKind::LaneTitles => "lane-titles",
        GroupKind::Grid => "grid",
        GroupKind::Era => "era",
        GroupKind::EraStrip => "era-strip",
        GroupKind::Density => "density",
        GroupKind::Links => "links",
        GroupKind::Event(_) => "event",
        GroupKind::Overflow(_) => "overflow",
        GroupKind::Axis => "axis",
        GroupKind::Overlay => "overlay",
        GroupKind::Legend => "legend-entry",
    }
}

/// Text with line breaks kept as `&#10;` ([`escape`] turns them into spaces).
fn multiline(text: &str) -> String {
    text.split('\n')
        .map(escape)
        .collect::<Vec<_>>()
        .join("&#10;")
}

/// `M x y L x y …` for a list of points.
struct PathData<'a>(&'a [Point]);

impl fmt::Display for PathData<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            let command = if i == 0 { 'M' } else { 'L' };
            write!(f, "{command}{} {}", N(p.x), N(p.y))?;
        }
        Ok(())
    }
}

/// Fill and stroke attributes; `fill="none"` when there is no fill.
struct Style(Option<Rgba>, Option<Stroke>);

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(fill) => write!(f, "{}", Paint("fill", fill))?,
            None => f.write_str(" fill=\"none\"")?,
        }
        if let Some(stroke) = self.1 {
            write!(
                f,
                "{} stroke-width=\"{}\"",
                Paint("stroke", stroke.color),
                N(stroke.width)
            )?;
            if let Some(dash) = stroke.dash {
                write!(f, " stroke-dasharray=\"{} {}\"", N(dash.on), N(dash.off))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::theme::text_on;

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

    /// A scene holding the primitives the seed never draws: a gradient, a
    /// clipped text, tiles, a dashed line.
    fn sampler() -> (Timeline, Layout, Scene) {
        use crate::scene::{Dash, Group, TextRun, pt};
        let timeline = Timeline::empty();
        let layout = crate::layout::layout(
            &timeline,
            &crate::layout::fit_all_view(&timeline),
            &crate::layout::Params::new(
                200.0,
                crate::layout::theme::Palette::of(crate::layout::theme::ThemeKind::Light),
            ),
        );
        let red = Rgba(255, 0, 0, 255);
        let marks = vec![
            Mark::Gradient {
                rect: Rect::new(0.0, 0.0, 200.0, 100.0),
                left: red,
                right: red.with_alpha(0),
            },
            Mark::Text(TextRun {
                text: "clipped & cut".to_owned(),
                pos: pt(150.0, 50.0),
                anchor: Anchor::Middle,
                size: 12.0,
                color: Rgba(0, 0, 0, 255),
                clip: Some(Rect::new(140.0, 40.0, 160.0, 60.0)),
            }),
            Mark::Tiles(vec![(Rect::new(0.0, 90.0, 2.0, 100.0), red)]),
            Mark::Polyline {
                points: vec![pt(0.0, 95.0), pt(200.0, 95.0)],
                stroke: Stroke::dashed(1.0, red, Dash { on: 4.0, off: 3.0 }),
            },
        ];
        let scene = Scene {
            width: 200.0,
            height: 100.0,
            header_height: 0.0,
            legend_height: 0.0,
            lanes_top: 0.0,
            background: Rgba(255, 255, 255, 255),
            groups: vec![Group {
                kind: GroupKind::Overlay,
                pane: Pane::Fixed,
                marks: 0..marks.len(),
            }],
            marks,
        };
        (timeline, layout, scene)
    }

    #[test]
    fn gradients_clips_tiles_and_dashes_are_written_and_rasterised() {
        let (timeline, layout, scene) = sampler();
        let svg = scene_to_svg(&timeline, &layout, &scene, 100.0);
        assert!(svg.contains("<linearGradient id=\"ramp1\""), "{svg}");
        assert!(svg.contains("stop-opacity=\"0\""), "{svg}");
        assert!(svg.contains("fill=\"url(#ramp1)\""), "{svg}");
        assert!(svg.contains("<clipPath id=\"clip2\">"), "{svg}");
        assert!(
            svg.contains(
                "clip-path=\"url(#clip2)\" text-anchor=\"middle\">clipped &amp; cut</text>"
            ),
            "{svg}"
        );
        assert!(svg.contains("stroke-dasharray=\"4 3\""), "{svg}");
        let (png, width, height) =
            super::super::png::svg_to_png(&svg, 1.0).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((width, height), (200, 100));
        let image = image::load_from_memory(&png)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_rgba8();
        // The ramp: opaque red on the left, fading to the white background.
        let left = image.get_pixel(2, 20).0;
        let right = image.get_pixel(197, 20).0;
        assert!(left[0] > 240 && left[1] < 30, "{left:?}");
        assert!(right[1] > 220, "{right:?}");
    }
}
