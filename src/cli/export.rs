//! `chronoscope export [FILE] -o OUT.png|OUT.svg|OUT.pdf ...`: the flags
//! become an [`ExportRequest`]; the export's errors get the flag that fixes
//! them. With `--watch`, the export runs again on every change to the file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::ThemeArg;
use crate::export::pdf::{Page, Paper};
use crate::export::{
    self, Dimension, ExportError, ExportRange, ExportRequest, ImageFormat, Rendered,
};
use crate::model::{ShownLanes, Timeline};
use crate::time::Date;

/// `chronoscope export FILE -o OUT.png|OUT.svg ...`.
#[derive(Debug, Args, Clone)]
#[allow(clippy::struct_excessive_bools)] // Independent flags: --all, --portrait, --legend, --watch.
pub struct ExportArgs {
    /// Timeline file to export (the built-in timeline when omitted).
    pub file: Option<PathBuf>,
    /// How tables are read.
    #[command(flatten)]
    pub table: super::table::TableArgs,
    /// Output file; `.png`, `.svg` or `.pdf` picks the format ("-" for
    /// standard output, with --format).
    #[arg(short, long, value_name = "OUT.png|OUT.svg|OUT.pdf")]
    pub output: PathBuf,
    /// The format, whatever the output's name says (needed for "-" and
    /// names such as /dev/stdout).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// First date shown (same syntax as event files; default: the file's view, or all events).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last date shown (inclusive at its precision).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Fit all events, ignoring the file's initial view.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub all: bool,
    /// Width in points (default 1600; for a PDF on paper, the paper's width
    /// inside its margins, so text prints at its own size).
    #[arg(long, value_name = "PX")]
    pub width: Option<f32>,
    /// Height in points of the timeline (default: tall enough for every lane; a legend adds its own).
    #[arg(long, value_name = "PX")]
    pub height: Option<f32>,
    /// Pixels per point (2 for a high-DPI image).
    #[arg(long, default_value_t = 1.0, value_name = "F")]
    pub scale: f32,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// Draw only the events matching this query; the rest leave "+N filtered" in their lanes.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub filter: Option<String>,
    /// Paper of a PDF: the image scaled onto A4 or Letter, or a page its own size.
    #[arg(long, value_enum, default_value_t = PageArg::A4)]
    pub page: PageArg,
    /// Upright paper instead of landscape (a PDF on A4 or Letter).
    #[arg(long)]
    pub portrait: bool,
    /// Add the legend (what every mark means) below the timeline; the image grows to hold it.
    #[arg(long)]
    pub legend: bool,
    /// Export again whenever the timeline file changes, until interrupted (Ctrl+C).
    #[arg(long, requires = "file")]
    pub watch: bool,
}

/// Width of an export when `--width` is not given.
const DEFAULT_WIDTH: f32 = 1600.0;

/// The paper of a PDF export, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PageArg {
    /// ISO A4 (210 × 297 mm).
    A4,
    /// US Letter (8.5 × 11 in).
    Letter,
    /// A page exactly the size of the image.
    Fit,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// A PNG image.
    Png,
    /// An SVG drawing.
    Svg,
    /// A PDF document.
    Pdf,
}

impl From<PageArg> for Paper {
    fn from(page: PageArg) -> Self {
        match page {
            PageArg::A4 => Self::A4,
            PageArg::Letter => Self::Letter,
            PageArg::Fit => Self::Fit,
        }
    }
}

/// Why `chronoscope export` failed, in the command line's terms.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// `--from` or `--to` is not a date.
    #[error(
        "{flag} {} is not a date ({message}); write it like 2025, 2025-10 or 2025-10-16",
        crate::io::diag::quote(.text)
    )]
    BadDate {
        /// `--from` or `--to`.
        flag: &'static str,
        /// What was given.
        text: String,
        /// What is wrong with it.
        message: String,
    },
    /// `--filter` is not a query.
    #[error("{0}")]
    BadQuery(String),
    /// `-o -` without `--format`: nothing says which format to write.
    #[error("writing to standard output (-o -) needs --format png, svg or pdf")]
    NoFormat,
    /// The export refused the request or could not write it.
    #[error("{}", explain(.0))]
    Export(ExportError),
}

impl From<ExportError> for Failure {
    fn from(error: ExportError) -> Self {
        Self::Export(error)
    }
}

/// The flag that sets a request's dimension.
const fn flag(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Width => "--width",
        Dimension::Height => "--height",
        Dimension::Scale => "--scale",
    }
}

/// An export error as the command line tells it: the request's words
/// replaced by the flags that change them.
#[must_use]
pub fn explain(error: &ExportError) -> String {
    match error {
        ExportError::BadSize {
            dimension,
            value,
            min,
            max,
        } => format!(
            "{} must be between {min} and {max} (got {value})",
            flag(*dimension)
        ),
        ExportError::TooLarge { .. } => {
            let message = error.to_string();
            let plain = "use a smaller width, height or scale";
            match message.strip_suffix(plain) {
                Some(head) => format!("{head}use a smaller --width, --height or --scale"),
                None => message,
            }
        }
        ExportError::EmptyRange { .. } => format!("{error}; check --from and --to"),
        _ => error.to_string(),
    }
}

/// The range `--from`, `--to` and `--all` ask for. A missing side is taken
/// from the default range (the file's initial view, or all events); `--to`
/// is inclusive at its precision (`--to 2025-10` includes all of October).
///
/// # Errors
/// [`Failure::BadDate`] when a date does not parse, an
/// [`ExportError::EmptyRange`] when the range is empty.
pub fn range_from_args(
    timeline: &Timeline,
    from: Option<&str>,
    to: Option<&str>,
    all: bool,
) -> Result<ExportRange, Failure> {
    let parse = |flag: &'static str, text: &str| {
        Date::parse(text).map_err(|e| Failure::BadDate {
            flag,
            text: text.to_owned(),
            message: e.message,
        })
    };
    let from = from.map(|text| parse("--from", text)).transpose()?;
    let to = to.map(|text| parse("--to", text)).transpose()?;
    Ok(export::range_between(
        timeline,
        from.map(|d| d.start()),
        to.map(|d| d.end()),
        all,
    )?)
}

/// The export a command line asks for, with the timeline it names.
fn export_from_args(args: &ExportArgs) -> Result<(String, Rendered), Failure> {
    // The format is settled first: a typo should not cost a render.
    let named = match args.format {
        Some(FormatArg::Png) => ImageFormat::Png,
        Some(FormatArg::Svg) => ImageFormat::Svg,
        Some(FormatArg::Pdf) => ImageFormat::Pdf(Page::default()),
        None if to_stdout(args) => return Err(Failure::NoFormat),
        None => ImageFormat::from_path(&args.output)?,
    };
    let format = match named {
        ImageFormat::Pdf(_) => ImageFormat::Pdf(Page {
            paper: args.page.into(),
            portrait: args.portrait,
        }),
        other => other,
    };
    let query = match &args.filter {
        Some(text) => Some(super::list::query_from_arg(Some(text)).map_err(Failure::BadQuery)?),
        None => None,
    };
    let loaded = match &args.file {
        Some(path) => crate::io::load_path_with(path, &args.table.options()),
        None => crate::io::load_seed(),
    }
    .map_err(ExportError::Load)?;
    super::print_diagnostics(&loaded.warnings);
    let timeline = &loaded.timeline;
    let request = ExportRequest {
        range: range_from_args(timeline, args.from.as_deref(), args.to.as_deref(), args.all)?,
        width: args.width.unwrap_or(match format {
            ImageFormat::Pdf(page) => page.printable_width().unwrap_or(DEFAULT_WIDTH),
            ImageFormat::Png | ImageFormat::Svg => DEFAULT_WIDTH,
        }),
        height: args.height,
        scale: args.scale,
        theme: args.theme.into(),
        shown: query.map(|q| {
            let matches = q.matches(&crate::query::SearchIndex::build(timeline), timeline);
            Arc::new(ShownLanes::new(timeline, |i| matches.contains(i)))
        }),
        legend: args.legend,
    };
    if to_stdout(args) {
        // The caller writes the bytes to standard output.
        let rendered = export::render_image(timeline, &request, format)?;
        return Ok(("standard output".to_owned(), rendered));
    }
    let rendered = export::save_as(timeline, &request, format, &args.output)?;
    Ok((args.output.display().to_string(), rendered))
}

/// `-o -`: the image goes to standard output, the report to standard error.
fn to_stdout(args: &ExportArgs) -> bool {
    args.output.as_os_str() == "-"
}

/// `chronoscope export`: prints `wrote OUT.png (W×H px, N events)` and
/// returns success, or prints `error: …` and returns failure with no file
/// written. Never opens a window. With `--watch` it then exports again on
/// every change to the file until interrupted, reporting each export (a
/// broken save is reported and the last good output stays).
#[must_use]
pub fn run(args: &ExportArgs) -> ExitCode {
    let first = match export_once(args) {
        Ok(code) => code,
        Err(stop) => return stop.exit_code(),
    };
    let (true, Some(file)) = (args.watch, &args.file) else {
        return first.code;
    };
    if first.code != ExitCode::SUCCESS && !first.file_failed {
        // A bad flag (a query, a date, a size) fails every time: watching
        // the file would only repeat it. A broken file may be fixed.
        return first.code;
    }
    let name = crate::io::diag::escape(&file.display().to_string()).into_owned();
    let mut watcher = match crate::watch::FileWatcher::new(file, || {}) {
        Ok(watcher) => watcher,
        Err(e) => {
            super::say(&format!("error: {}", crate::io::diag::escape(&e)));
            return ExitCode::FAILURE;
        }
    };
    super::say(&format!("watching {name} for changes (Ctrl+C to stop)"));
    while watcher.wait() {
        // A reader that went away ends the watch; a failed export does not.
        if let Err(stop) = export_once(args) {
            return stop.exit_code();
        }
    }
    super::say(&format!("error: stopped watching {name}"));
    ExitCode::FAILURE
}

/// How one export ended.
struct Once {
    /// The exit code it stands for.
    code: ExitCode,
    /// It failed because of the file (which a later save may mend), not
    /// because of what the command line asked.
    file_failed: bool,
}

impl From<ExitCode> for Once {
    fn from(code: ExitCode) -> Self {
        Self {
            code,
            file_failed: false,
        }
    }
}

/// One export, reported on the terminal; `Err` when standard output is
/// gone or broken.
fn export_once(args: &ExportArgs) -> Result<Once, super::Stop> {
    match export_from_args(args) {
        Ok((output, rendered)) => {
            let Rendered {
                width_px,
                height_px,
                events,
                ref bytes,
            } = rendered;
            let events = crate::numbers::count(events, crate::numbers::EVENT);
            // A PDF's size is its page, in points.
            let pdf = match args.format {
                Some(format) => format == FormatArg::Pdf,
                None => matches!(
                    ImageFormat::from_path(&args.output),
                    Ok(ImageFormat::Pdf(_))
                ),
            };
            let unit = if pdf { "pt" } else { "px" };
            let line = format!(
                "wrote {} ({width_px}×{height_px} {unit}, {events})",
                crate::io::diag::escape(&output)
            );
            if to_stdout(args) {
                super::print_bytes(bytes)?;
                super::say(&line);
                return Ok(ExitCode::SUCCESS.into());
            }
            if super::is_stdout(&args.output) {
                // The image went to standard output: the report must not
                // follow it there.
                super::say(&line);
                return Ok(ExitCode::SUCCESS.into());
            }
            super::print(&format!("{line}\n")).map(|()| ExitCode::SUCCESS.into())
        }
        Err(e) => {
            // The file (or writing the output) may be mended by the next
            // save; anything else is the command line's to fix.
            let file_failed = matches!(
                e,
                Failure::Export(ExportError::Load(_) | ExportError::Write { .. })
            );
            // A failed load lists one problem a line: each line is escaped,
            // the line breaks between them are kept.
            let text = e.to_string();
            for (i, line) in text.lines().enumerate() {
                let lead = if i == 0 { "error: " } else { "" };
                super::say(&format!("{lead}{}", crate::io::diag::escape(line)));
            }
            Ok(Once {
                code: ExitCode::FAILURE,
                file_failed,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{render_image, view_for};

    fn seed() -> Timeline {
        crate::io::load_seed().map_or_else(|d| panic!("{d:?}"), |l| l.timeline)
    }

    #[test]
    fn to_is_inclusive_and_from_alone_keeps_the_default_end() {
        let timeline = seed();
        let end_of =
            |from: &str, to: &str| match range_from_args(&timeline, Some(from), Some(to), false) {
                Ok(ExportRange::Range(r)) => Some(r.end),
                _ => None,
            };
        let november = Date::parse("2025-11-01").map(|d| d.start()).ok();
        // A day includes itself; a month includes all its days.
        assert_eq!(end_of("2025-10-20", "2025-10-31"), november);
        assert_eq!(end_of("2025-10-20", "2025-10"), november);
        let range = range_from_args(&timeline, Some("2025-10-20"), Some("2025-10-19"), false);
        assert!(
            matches!(range, Err(Failure::Export(ExportError::EmptyRange { .. }))),
            "{range:?}"
        );
        let initial = view_for(&timeline, ExportRange::Initial).range();
        let from_only = range_from_args(&timeline, Some("2025-10-20"), None, false).ok();
        assert!(matches!(from_only, Some(ExportRange::Range(r)) if r.end == initial.end));
    }

    #[test]
    fn bad_dates_and_sizes_name_their_flags() {
        let timeline = seed();
        let error = range_from_args(&timeline, Some("2025-13-01"), None, false)
            .err()
            .map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.starts_with("--from \"2025-13-01\" is not a date")),
            "{error:?}"
        );
        let request = ExportRequest {
            width: 1e9,
            ..ExportRequest::default()
        };
        let error = request.validate().err().map(|e| explain(&e));
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.starts_with("--width must be between")),
            "{error:?}"
        );
    }

    #[test]
    fn a_too_large_image_names_the_flags_to_change() {
        let timeline = crate::export::tests::tall_timeline();
        let request = ExportRequest {
            range: ExportRange::All,
            width: 400.0,
            ..ExportRequest::default()
        };
        let error = render_image(&timeline, &request, ImageFormat::Png)
            .err()
            .map(|e| explain(&e));
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.contains("too large") && e.contains("--height")),
            "{error:?}"
        );
    }
}
