//! Files in and out: every format is its own module that converts its own
//! types into the model in one place.
//!
//! **Architecture invariant:** only `io` knows file formats. Readers take
//! text (never a path, so they are testable without files) and return a
//! [`Timeline`] or diagnostics with file, line and column; they never panic,
//! whatever the bytes.

pub mod budget;
pub mod diag;
pub mod generate;
pub mod html;
pub mod json;
pub mod links;
pub mod listing;
pub mod native;
pub mod native_fast;
pub mod text;
pub mod thetimelineproj;
pub mod thetimelineproj_text;
pub mod timelinejs;
pub mod timelinejs_csv;
pub mod vis_timeline;

use std::path::Path;

pub use diag::{Diagnostic, Severity};

use crate::model::Timeline;

/// Files larger than this are refused before reading: no timeline file is
/// that large, and reading one would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The file formats Chronoscope reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Chronoscope's own JSON.
    Native,
    /// `TimelineJS` (Knight Lab) JSON.
    TimelineJs,
    /// A `TimelineJS` Google Sheets template exported as CSV.
    TimelineJsCsv,
    /// Timeline (thetimelineproj) XML, versions 0.10 to 2.x.
    TimelineXml,
    /// Timeline (thetimelineproj) plain text, versions before 0.10.
    TimelineText,
    /// vis-timeline items (and groups) as JSON.
    VisTimeline,
}

impl Format {
    /// Every readable format, in the order detection tries them.
    pub const ALL: &[Self] = &[
        Self::Native,
        Self::TimelineJs,
        Self::TimelineJsCsv,
        Self::TimelineXml,
        Self::TimelineText,
        Self::VisTimeline,
    ];

    /// The name shown in `check` and in error messages.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Native => "Chronoscope JSON",
            Self::TimelineJs => "TimelineJS JSON",
            Self::TimelineJsCsv => "TimelineJS CSV",
            Self::TimelineXml => "Timeline XML",
            Self::TimelineText => "Timeline text",
            Self::VisTimeline => "vis-timeline",
        }
    }

    /// File extensions (lower case, without the dot) for the Open dialog.
    #[must_use]
    pub const fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Native | Self::TimelineJs | Self::VisTimeline => &["json"],
            Self::TimelineJsCsv => &["csv"],
            Self::TimelineXml => &["timeline", "xml"],
            Self::TimelineText => &["timeline"],
        }
    }

    /// True when `text` looks like this format (cheap: looks at the start).
    fn sniff(self, text: &str) -> bool {
        match self {
            Self::Native => native::sniff(text),
            Self::TimelineJs => timelinejs::sniff(text),
            Self::TimelineJsCsv => timelinejs_csv::sniff(text),
            Self::TimelineXml => thetimelineproj::sniff(text),
            Self::TimelineText => thetimelineproj_text::sniff(text),
            Self::VisTimeline => vis_timeline::sniff(text),
        }
    }

    fn read(self, file: &str, text: &str, default_title: &str) -> native::ReadResult {
        match self {
            Self::Native => native::read(file, text, default_title),
            Self::TimelineJs => timelinejs::read(file, text, default_title),
            Self::TimelineJsCsv => timelinejs_csv::read(file, text, default_title),
            Self::TimelineXml => thetimelineproj::read(file, text, default_title),
            Self::TimelineText => thetimelineproj_text::read(file, text, default_title),
            Self::VisTimeline => vis_timeline::read(file, text, default_title),
        }
    }
}

/// Every extension any format uses, for file dialogs.
#[must_use]
pub fn all_extensions() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Format::ALL
        .iter()
        .flat_map(|f| f.extensions().iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A timeline read from a file.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// What the file holds.
    pub timeline: Timeline,
    /// Which format it was read as.
    pub format: Format,
    /// Problems that did not stop the load.
    pub warnings: Vec<Diagnostic>,
}

/// Which format `text` is in: content decides, the extension only breaks
/// ties between formats whose content matches. When no content matches, a
/// format that owns the extension reads the file, so that a damaged file
/// (truncated JSON, broken XML) gets that format's positioned errors.
#[must_use]
pub fn detect(text: &str, extension: &str) -> Option<Format> {
    let extension = extension.to_ascii_lowercase();
    let owns = |f: &Format| f.extensions().contains(&extension.as_str());
    let matching: Vec<Format> = Format::ALL
        .iter()
        .copied()
        .filter(|f| f.sniff(text))
        .collect();
    matching
        .iter()
        .copied()
        .find(owns)
        .or_else(|| matching.first().copied())
        .or_else(|| Format::ALL.iter().copied().find(owns))
}

/// Reads a timeline from a file's bytes. `file` names it in diagnostics.
///
/// # Errors
/// Diagnostics (errors and warnings) with line and column when the bytes are
/// not text, the format is not recognised, or the content is invalid.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    load_bytes_with_progress(file, bytes, &mut |_| true)
}

/// What a load is doing, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadPhase {
    /// Reading the file's bytes.
    Reading,
    /// Parsing them (reported by the fast native reader).
    Parsing,
}

/// The diagnostic of a load that its caller cancelled.
fn cancelled(file: &str) -> Vec<Diagnostic> {
    vec![Diagnostic {
        file: file.to_owned(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        message: "loading was cancelled".to_owned(),
    }]
}

/// As [`load_bytes`], calling `progress` with the bytes parsed so far;
/// parsing stops with a "cancelled" error when it returns false.
///
/// # Errors
/// As [`load_bytes`].
pub fn load_bytes_with_progress(
    file: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    let text = text::decode(bytes).map_err(|e| {
        let offset = e.valid_prefix.len();
        vec![diag::at(
            file,
            &e.valid_prefix,
            offset,
            Severity::Error,
            e.message,
        )]
    })?;
    let path = Path::new(file);
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let default_title = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Untitled");
    if text.trim().is_empty() {
        return Err(vec![diag::at(
            file,
            &text,
            0,
            Severity::Error,
            "the file is empty",
        )]);
    }
    let Some(format) = detect(&text, &extension) else {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        return Err(vec![diag::at(
            file,
            &text,
            0,
            Severity::Error,
            format!(
                "unrecognised file format; Chronoscope reads: {}",
                names.join(", ")
            ),
        )]);
    };
    let (timeline, warnings) = if format == Format::Native {
        match native_fast::read_with_progress(&text, default_title, progress) {
            Some(timeline) => (timeline, Vec::new()),
            None if !progress(0) => return Err(cancelled(file)),
            None => native::read_positioned(file, &text, default_title)?,
        }
    } else {
        format.read(file, &text, default_title)?
    };
    Ok(Loaded {
        timeline,
        format,
        warnings,
    })
}

/// Reads a timeline from a path.
///
/// # Errors
/// As [`load_bytes`], plus a diagnostic at line 1 when the file cannot be
/// read or would need more memory than the machine has ([`budget`]).
pub fn load_path(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    load_path_with_progress(path, |_, _| true)
}

/// Reads in pieces of this size, so that progress moves smoothly.
const CHUNK_BYTES: usize = 1 << 20;

/// Reads a timeline from a path, calling `progress` with the phase and the
/// bytes read or parsed so far (the window's loader shows it as a bar, with
/// a Cancel button: returning false stops the load with a "cancelled"
/// error).
///
/// # Errors
/// As [`load_path`].
pub fn load_path_with_progress(
    path: &Path,
    mut progress: impl FnMut(LoadPhase, u64) -> bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    use std::io::Read as _;
    let file = path.display().to_string();
    let whole_file = |message: String| {
        vec![Diagnostic {
            file: file.clone(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            message,
        }]
    };
    let mut reader =
        std::fs::File::open(path).map_err(|e| whole_file(format!("cannot open the file: {e}")))?;
    let size = reader
        .metadata()
        .map_err(|e| whole_file(format!("cannot open the file: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(whole_file(format!(
            "the file is too large ({size} bytes; the limit is {MAX_FILE_BYTES})"
        )));
    }
    budget::check_file(path, size).map_err(whole_file)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut chunk = vec![0; CHUNK_BYTES];
    loop {
        let n = reader
            .read(&mut chunk)
            .map_err(|e| whole_file(format!("cannot read the file: {e}")))?;
        if n == 0 {
            break;
        }
        // A file that grows while it is read is still held to the limit.
        if bytes.len() + n > usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX) {
            return Err(whole_file(format!(
                "the file is too large (more than {MAX_FILE_BYTES} bytes; the limit is {MAX_FILE_BYTES})"
            )));
        }
        bytes.extend_from_slice(&chunk[..n]);
        if !progress(LoadPhase::Reading, bytes.len() as u64) {
            return Err(cancelled(&file));
        }
    }
    load_bytes_with_progress(&file, &bytes, &mut |parsed| {
        progress(LoadPhase::Parsing, parsed as u64)
    })
}

/// The seed timeline shipped inside the binary.
pub const SEED_JSON: &str = include_str!("../../assets/budapest-summit.json");
/// The name the seed timeline goes by in messages.
pub const SEED_NAME: &str = "budapest-summit.json";

/// Loads the embedded seed timeline.
///
/// # Errors
/// Only if the shipped file is broken, which a test rules out.
pub fn load_seed() -> Result<Loaded, Vec<Diagnostic>> {
    load_bytes(SEED_NAME, SEED_JSON.as_bytes())
}
