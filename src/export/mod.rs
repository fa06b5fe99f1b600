//! Export: images of a timeline without a window.
//!
//! [`render`] turns a timeline and an [`ExportRequest`] into PNG or SVG
//! bytes; `chronoscope export` (in `cli::export`) and the window's
//! File > Export image… both go through it, and the window's screenshot goes
//! through [`png::save_png_atomically`]. Every file is written with
//! [`crate::fsout::write`].
//!
//! **Architecture invariant:** export paints from the same pure
//! [`crate::layout::layout`] step as the window and never starts eframe, so
//! it runs with no display and no GPU, and shows what the window shows. It
//! takes plain requests ([`ExportRequest`]) and knows nothing of the command
//! line: its errors name what the request asks for, not flags.

pub mod pdf;
pub mod png;
pub mod svg;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::io::Diagnostic;
use crate::layout::theme::{Palette, ThemeKind};
use crate::layout::{self, Layout, Params};
use crate::model::{ShownLanes, Timeline};
use crate::time::{Date, Time, TimeRange};
use crate::view::TimeView;

/// Narrowest export, in points: below it no label fits.
pub const MIN_WIDTH: f32 = 100.0;
/// Widest export, in points (also the tallest `--height`).
pub const MAX_WIDTH: f32 = 16_384.0;
/// Largest `--scale`.
pub const MAX_SCALE: f32 = 8.0;
/// Sub-rows a lane may use in an export: more than the window's default,
/// since an image cannot be scrolled or hovered to find a hidden label.
pub const EXPORT_MAX_ROWS: usize = 12;
/// Margin on each side of the events when fitting all of them (the
/// window's, [`crate::layout::FIT_MARGIN`]).
pub use crate::layout::FIT_MARGIN;

/// Why an export failed. Each message says what to change.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output name does not end in `.png` or `.svg`.
    #[error("unsupported output file {path}: the name must end in .pdf, .png or .svg")]
    UnsupportedExtension {
        /// The output path as given.
        path: PathBuf,
    },
    /// The timeline file could not be read.
    #[error("cannot load the timeline:{}", DiagnosticLines(.0))]
    Load(Vec<Diagnostic>),
    /// The range to show is empty (its start is not before its end).
    #[error("nothing to show: {start} is not before {end}")]
    EmptyRange {
        /// First instant, as a person reads it.
        start: String,
        /// End, as a person reads it.
        end: String,
    },
    /// The width, height or scale is out of range.
    #[error("the {dimension} must be between {min} and {max} (got {value})")]
    BadSize {
        /// Which value.
        dimension: Dimension,
        /// What was given.
        value: f32,
        /// Smallest allowed.
        min: f32,
        /// Largest allowed.
        max: f32,
    },
    /// The PNG would be too large (or empty).
    #[error(
        "the image would be too large: {width_pt}×{height_pt} points at scale {scale} exceeds {side} pixels a side \
         or {total} pixels in all; use a smaller width, height or scale",
        side = png::MAX_SIDE_PX,
        total = png::MAX_PIXELS
    )]
    TooLarge {
        /// Width in points.
        width_pt: f32,
        /// Height in points.
        height_pt: f32,
        /// Pixels per point.
        scale: f32,
    },
    /// Pixels handed to the PNG encoder do not match their size.
    #[error("{bytes} bytes of pixels do not make a {width}×{height} RGBA image")]
    BadPixels {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// Length of the pixel buffer.
        bytes: usize,
    },
    /// The SVG could not be rasterised.
    #[error("cannot draw the image: {0}")]
    Render(String),
    /// The PNG could not be encoded.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    /// The file could not be written; nothing was left behind.
    #[error("cannot write {}: {reason}", path.display())]
    Write {
        /// The target.
        path: PathBuf,
        /// Why, for a person.
        reason: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// The sizes of an [`ExportRequest`], named in [`ExportError::BadSize`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// [`ExportRequest::width`].
    Width,
    /// [`ExportRequest::height`].
    Height,
    /// [`ExportRequest::scale`].
    Scale,
}

impl Dimension {
    /// The word for it in a sentence.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Width => "width",
            Self::Height => "height",
            Self::Scale => "scale",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Diagnostics, one per indented line.
struct DiagnosticLines<'a>(&'a [Diagnostic]);

impl fmt::Display for DiagnosticLines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0 {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    /// Rasterised, at `scale` pixels per point.
    Png,
    /// Vectors and text.
    Svg,
    /// Vectors and selectable text on a page, for print.
    Pdf(pdf::Page),
}

impl ImageFormat {
    /// The format a file name asks for (`.png`, `.svg` or `.pdf`, any case;
    /// a PDF on the default page, A4 landscape).
    ///
    /// # Errors
    /// [`ExportError::UnsupportedExtension`] for any other name.
    pub fn from_path(path: &Path) -> Result<Self, ExportError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match extension.as_str() {
            "png" => Ok(Self::Png),
            "svg" => Ok(Self::Svg),
            "pdf" => Ok(Self::Pdf(pdf::Page::default())),
            _ => Err(ExportError::UnsupportedExtension {
                path: path.to_owned(),
            }),
        }
    }

    /// The file extension, without the dot.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf(_) => "pdf",
        }
    }

    /// What a save dialog calls it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG image",
            Self::Svg => "SVG image",
            Self::Pdf(_) => "PDF document",
        }
    }
}

/// Which stretch of time an export shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportRange {
    /// The file's initial view, as the window opens on; all events when the
    /// file has none.
    Initial,
    /// All events and eras, with a small margin.
    All,
    /// Exactly this range (the window's current view, or `--from/--to`).
    Range(TimeRange),
}

/// What to export; the format is given separately (or by the file name).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    /// The time shown.
    pub range: ExportRange,
    /// Width in points.
    pub width: f32,
    /// Height in points of the timeline, header included (the legend, if
    /// any, adds its own below); `None` shows every lane.
    pub height: Option<f32>,
    /// Pixels per point of a PNG (2 for high-DPI); SVG ignores it.
    pub scale: f32,
    /// Colours.
    pub theme: ThemeKind,
    /// Only these events are drawn (a find filter); the rest leave
    /// "+N filtered" in their lanes. Every event when `None`.
    pub shown: Option<Arc<ShownLanes>>,
    /// The legend (what every mark means) goes below the timeline, and the
    /// image grows to hold it.
    pub legend: bool,
}

impl Default for ExportRequest {
    fn default() -> Self {
        Self {
            range: ExportRange::Initial,
            width: 1600.0,
            height: None,
            scale: 1.0,
            theme: ThemeKind::Light,
            shown: None,
            legend: false,
        }
    }
}

impl ExportRequest {
    /// Checks width, height and scale.
    ///
    /// # Errors
    /// [`ExportError::BadSize`] naming the first value out of range.
    pub fn validate(&self) -> Result<(), ExportError> {
        let check = |dimension: Dimension, value: f32, min: f32, max: f32| {
            // `contains` is false for NaN, so NaN is refused too.
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(ExportError::BadSize {
                    dimension,
                    value,
                    min,
                    max,
                })
            }
        };
        check(Dimension::Width, self.width, MIN_WIDTH, MAX_WIDTH)?;
        if let Some(height) = self.height {
            check(Dimension::Height, height, 1.0, MAX_WIDTH)?;
        }
        check(Dimension::Scale, self.scale, 0.1, MAX_SCALE)
    }
}

/// An export, ready to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Image width in pixels (in points for SVG, whose user unit is a pixel
    /// at scale 1; the page width in PDF points for a PDF).
    pub width_px: u32,
    /// Image height, likewise.
    pub height_px: u32,
    /// Events overlapping the range shown.
    pub events: usize,
}

/// The view an export range stands for in `timeline`.
#[must_use]
pub fn view_for(timeline: &Timeline, range: ExportRange) -> TimeView {
    match range {
        ExportRange::Range(range) => TimeView::new(range),
        ExportRange::Initial => layout::initial_view(timeline),
        ExportRange::All => layout::fit_all_view(timeline),
    }
}

/// The layout an export paints: the request's range and theme, at its width.
///
/// # Errors
/// [`ExportError::BadSize`] when the request is out of range.
pub fn layout_for(timeline: &Timeline, request: &ExportRequest) -> Result<Layout, ExportError> {
    request.validate()?;
    let view = view_for(timeline, request.range);
    let mut params = Params::new(request.width, Palette::of(request.theme));
    params.max_rows = EXPORT_MAX_ROWS;
    params.shown = request.shown.as_deref();
    Ok(layout::layout(timeline, &view, &params))
}

/// Renders `timeline` as PNG or SVG bytes.
///
/// # Errors
/// As [`render_image`].
pub fn render(
    timeline: &Timeline,
    request: &ExportRequest,
    format: ImageFormat,
) -> Result<Vec<u8>, ExportError> {
    render_image(timeline, request, format).map(|r| r.bytes)
}

/// Renders `timeline` as PNG or SVG, with the image's size and event count.
///
/// # Errors
/// A size out of range, an image too large, or (never expected) a failure
/// to rasterise or encode.
pub fn render_image(
    timeline: &Timeline,
    request: &ExportRequest,
    format: ImageFormat,
) -> Result<Rendered, ExportError> {
    let layout = layout_for(timeline, request)?;
    let height = request.height.unwrap_or_else(|| svg::full_height(&layout));
    let document = svg::to_svg(
        timeline,
        &layout,
        &svg::SvgOptions {
            height: Some(height),
            legend: request.legend,
        },
    );
    let total_height = if request.legend {
        height + svg::legend_height(&layout)
    } else {
        height
    };
    let events = layout.visible_events;
    match format {
        ImageFormat::Svg => {
            // Vectors have no pixel limit: a timeline with hundreds of lanes
            // is a tall SVG, which is fine, where a PNG would be refused.
            let (width_px, height_px) = (whole_points(request.width), whole_points(total_height));
            Ok(Rendered {
                bytes: document.into_bytes(),
                width_px,
                height_px,
                events,
            })
        }
        ImageFormat::Png => {
            let (bytes, width_px, height_px) = png::svg_to_png(&document, request.scale)?;
            Ok(Rendered {
                bytes,
                width_px,
                height_px,
                events,
            })
        }
        ImageFormat::Pdf(page) => {
            let (bytes, page_w, page_h) =
                pdf::svg_to_pdf(&document, request.width, total_height, page)?;
            Ok(Rendered {
                bytes,
                width_px: whole_points(page_w),
                height_px: whole_points(page_h),
                events,
            })
        }
    }
}

/// A size in points as a whole number (sizes are validated finite and
/// positive; anything else counts as 0).
fn whole_points(points: f32) -> u32 {
    // The clamp makes the cast exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = f64::from(points).round().clamp(0.0, f64::from(u32::MAX)) as u32;
    whole
}

/// Renders `timeline` in the format `path` names and writes it atomically.
///
/// # Errors
/// As [`render_image`], plus [`ExportError::UnsupportedExtension`] and
/// [`ExportError::Write`]; on any error no file is left behind.
pub fn save(
    timeline: &Timeline,
    request: &ExportRequest,
    path: &Path,
) -> Result<Rendered, ExportError> {
    save_as(timeline, request, ImageFormat::from_path(path)?, path)
}

/// Renders `timeline` as `format` (whatever the name says: the caller
/// chose it, with a PDF's page) and writes it atomically.
///
/// # Errors
/// As [`render_image`], plus [`ExportError::Write`]; on any error no file
/// is left behind.
pub fn save_as(
    timeline: &Timeline,
    request: &ExportRequest,
    format: ImageFormat,
    path: &Path,
) -> Result<Rendered, ExportError> {
    let rendered = render_image(timeline, request, format)?;
    write_file(path, &rendered.bytes)?;
    Ok(rendered)
}

/// The range from `start` to `end`, either of which may be missing: a
/// missing side is taken from the default range (the file's initial view, or
/// all events when `all`). With neither, the default range itself.
///
/// # Errors
/// [`ExportError::EmptyRange`] when the range is empty.
pub fn range_between(
    timeline: &Timeline,
    start: Option<Time>,
    end: Option<Time>,
    all: bool,
) -> Result<ExportRange, ExportError> {
    let default = if all {
        ExportRange::All
    } else {
        ExportRange::Initial
    };
    if start.is_none() && end.is_none() {
        return Ok(default);
    }
    let default = view_for(timeline, default).range();
    let start = start.unwrap_or(default.start);
    let end = end.unwrap_or(default.end);
    if start >= end {
        let human = |t: Time| Date::from_time(t, crate::time::Precision::Millisecond).to_string();
        return Err(ExportError::EmptyRange {
            start: human(start),
            end: human(end),
        });
    }
    Ok(ExportRange::Range(TimeRange::new(start, end)))
}

/// Writes `bytes` to `path` with [`crate::fsout::write`] (atomically for a
/// file, through for a device or pipe), turning I/O errors into messages
/// that say what to fix.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::fsout::write(path, bytes)
        .map(|_| ())
        .map_err(|e| ExportError::Write {
            path: e.path,
            reason: e.reason,
            source: e.source,
        })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Event, Lane};

    /// 400 lanes of one event each: taller than any PNG may be. Shared with
    /// the command line's tests of the same limit.
    pub(crate) fn tall_timeline() -> Timeline {
        let lanes: Vec<Lane> = (0..400)
            .map(|i| Lane {
                id: format!("l{i}"),
                title: format!("Lane {i}"),
                color: None,
            })
            .collect();
        let events: Vec<Event> = (0..400)
            .map(|i| Event {
                lane: i,
                ..Event::new(format!("Event {i}"), Date::year(2000))
            })
            .collect();
        Timeline::new("tall", lanes, events, Vec::new()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn seed() -> Timeline {
        crate::io::load_seed().map_or_else(|d| panic!("{d:?}"), |l| l.timeline)
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(
            ImageFormat::from_path(Path::new("a/b.PNG")).ok(),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::from_path(Path::new("b.svg")).ok(),
            Some(ImageFormat::Svg)
        );
        let error = ImageFormat::from_path(Path::new("b.jpg"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains(".pdf, .png or .svg"), "{error}");
        assert!(ImageFormat::from_path(Path::new("png")).is_err());
    }

    #[test]
    fn a_missing_side_of_a_range_comes_from_the_default() {
        let timeline = seed();
        let day = |text: &str| Date::parse(text).map(|d| d.start()).ok();
        let initial = view_for(&timeline, ExportRange::Initial).range();
        let from_only = range_between(&timeline, day("2025-10-20"), None, false).ok();
        assert!(matches!(from_only, Some(ExportRange::Range(r)) if r.end == initial.end));
        assert_eq!(
            range_between(&timeline, None, None, true).ok(),
            Some(ExportRange::All)
        );
        let error = range_between(&timeline, day("2025-10-20"), day("2025-10-19"), false)
            .err()
            .map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("is not before") && !e.contains("--")),
            "{error:?}"
        );
    }

    #[test]
    fn bad_sizes_are_explained_without_flags() {
        let request = ExportRequest {
            width: 1e9,
            ..ExportRequest::default()
        };
        assert!(matches!(
            request.validate(),
            Err(ExportError::BadSize {
                dimension: Dimension::Width,
                ..
            })
        ));
        let request = ExportRequest {
            scale: f32::NAN,
            ..ExportRequest::default()
        };
        assert!(matches!(
            request.validate(),
            Err(ExportError::BadSize {
                dimension: Dimension::Scale,
                ..
            })
        ));
    }

    #[test]
    fn an_empty_timeline_still_exports() {
        let request = ExportRequest {
            width: 400.0,
            ..ExportRequest::default()
        };
        let rendered = render_image(&Timeline::empty(), &request, ImageFormat::Png);
        assert!(rendered.is_ok_and(|r| r.width_px == 400 && r.events == 0));
    }

    #[test]
    fn a_very_tall_timeline_is_an_svg_or_a_png_with_a_height() {
        let timeline = tall_timeline();
        let request = ExportRequest {
            range: ExportRange::All,
            width: 400.0,
            ..ExportRequest::default()
        };
        let svg =
            render_image(&timeline, &request, ImageFormat::Svg).unwrap_or_else(|e| panic!("{e}"));
        assert!(svg.height_px > png::MAX_SIDE_PX, "{}", svg.height_px);
        let error = render_image(&timeline, &request, ImageFormat::Png)
            .err()
            .map(|e| e.to_string());
        assert!(
            error.as_deref().is_some_and(|e| e.contains("too large")
                && e.contains("smaller width, height")
                && !e.contains("--")),
            "{error:?}"
        );
        let capped = ExportRequest {
            height: Some(500.0),
            ..request
        };
        let png =
            render_image(&timeline, &capped, ImageFormat::Png).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((png.width_px, png.height_px), (400, 500));
    }

    #[test]
    fn write_errors_say_what_is_wrong() {
        // A regular file as "folder": refused even for root, unlike a
        // read-only folder.
        let file = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
        let error = write_file(&file.path().join("x.png"), b"x")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains(&format!("{} is not a folder", file.path().display())),
            "{error}"
        );
        let error = write_file(Path::new("/nonexistent-chronoscope/x.png"), b"x")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("does not exist"), "{error}");
    }
}
