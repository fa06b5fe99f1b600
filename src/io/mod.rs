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
mod guard;
pub mod html;
pub mod ics;
pub mod json;
pub mod links;
pub mod listing;
pub mod native;
pub mod native_fast;
pub mod options;
pub mod table;
mod table_files;
pub mod text;
pub mod thetimelineproj;
pub mod thetimelineproj_text;
pub mod timelinejs;
pub mod timelinejs_csv;
pub mod vis_timeline;

use std::borrow::Cow;
use std::path::Path;

pub use diag::{Diagnostic, Severity};
pub use options::{DateOrder, LoadOptions};
pub use table::preview::TablePreview;
use table_files::{PreviewSlot, TableInput, decode, read_delimited, read_workbook};

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
    /// Any comma-, semicolon- or pipe-separated table with a date column.
    Csv,
    /// Any tab-separated table with a date column.
    Tsv,
    /// An Excel workbook (`.xlsx`, `.xlsm`, `.xlsb`).
    Xlsx,
    /// An Excel 97–2003 workbook (`.xls`).
    Xls,
    /// An `OpenDocument` spreadsheet (`.ods`).
    Ods,
    /// An iCalendar file (`.ics`) from any calendar program.
    ICalendar,
    /// A Parquet file (`DuckDB`, Spark, polars, pandas).
    Parquet,
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
        Self::Csv,
        Self::Tsv,
        Self::Xlsx,
        Self::Xls,
        Self::Ods,
        Self::ICalendar,
        Self::Parquet,
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
            Self::Csv => "CSV",
            Self::Tsv => "TSV",
            Self::Xlsx => "XLSX",
            Self::Xls => "XLS",
            Self::Ods => "ODS",
            Self::ICalendar => "iCalendar",
            Self::Parquet => "Parquet",
        }
    }

    /// File extensions (lower case, without the dot) for the Open dialog.
    #[must_use]
    pub const fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Native | Self::TimelineJs | Self::VisTimeline => &["json"],
            Self::TimelineJsCsv | Self::Csv => &["csv"],
            Self::TimelineXml => &["timeline", "xml"],
            Self::TimelineText => &["timeline"],
            Self::Tsv => &["tsv", "tab"],
            Self::Xlsx => &["xlsx", "xlsm", "xlsb"],
            Self::Xls => &["xls"],
            Self::Ods => &["ods"],
            Self::ICalendar => &["ics", "ical", "ifb"],
            Self::Parquet => &["parquet", "pq"],
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
            Self::Csv => table::delimited::sniff(text).is_some_and(|(d, _)| d != b'\t'),
            Self::Tsv => table::delimited::sniff(text).is_some_and(|(d, _)| d == b'\t'),
            // Workbooks and Parquet are binary: told apart by their
            // signatures in `load_bytes`.
            Self::Xlsx | Self::Xls | Self::Ods | Self::Parquet => false,
            Self::ICalendar => ics::sniff(text),
        }
    }

    /// True for the tables whose columns are detected (and can be chosen
    /// by the user): CSV, TSV, workbooks and Parquet.
    #[must_use]
    pub const fn is_table(self) -> bool {
        matches!(
            self,
            Self::Csv | Self::Tsv | Self::Xlsx | Self::Xls | Self::Ods | Self::Parquet
        )
    }

    /// Reads text in this format; tables also say how they were understood,
    /// and fill `preview` when it is given.
    fn read(
        self,
        file: &str,
        text: &str,
        default_title: &str,
        options: &LoadOptions,
        preview: PreviewSlot<'_>,
    ) -> (native::ReadResult, Option<String>) {
        let result = match self {
            Self::Native => native::read(file, text, default_title),
            Self::TimelineJs => timelinejs::read(file, text, default_title),
            Self::TimelineJsCsv => timelinejs_csv::read(file, text, default_title),
            Self::TimelineXml => thetimelineproj::read(file, text, default_title),
            Self::TimelineText => thetimelineproj_text::read(file, text, default_title),
            Self::VisTimeline => vis_timeline::read(file, text, default_title),
            Self::Csv | Self::Tsv => {
                let table = TableInput {
                    file,
                    default_title,
                    format: self,
                };
                return read_delimited(&table, text, options, preview);
            }
            Self::ICalendar => ics::read(file, text, default_title),
            Self::Xlsx | Self::Xls | Self::Ods => Err(vec![diag::at(
                file,
                text,
                0,
                Severity::Error,
                format!(
                    "this {} file is damaged: it does not start like a workbook",
                    self.name()
                ),
            )]),
            Self::Parquet => Err(vec![diag::at(
                file,
                text,
                0,
                Severity::Error,
                "this Parquet file is damaged: it neither starts nor ends with `PAR1`",
            )]),
        };
        (result, None)
    }
}

/// Reads a Parquet file from `source` (its bytes, or the open file, of
/// which only the footer and the needed columns are read); `sample` gives
/// the first rows for the window's preview, when it asks for one.
fn read_parquet<R: ::parquet::file::reader::ChunkReader + 'static>(
    file: &str,
    source: R,
    options: &LoadOptions,
    progress: &mut dyn FnMut(usize) -> bool,
    (preview, sample): (
        PreviewSlot<'_>,
        impl FnOnce() -> Result<(table::Table, usize), String>,
    ),
) -> Result<Loaded, Vec<Diagnostic>> {
    if let Some(slot) = preview
        && let Ok((sample, rows)) = sample()
    {
        let source = table::preview::Source::flat(Format::Parquet);
        let mut preview = TablePreview::new(&sample, source, options);
        // The sample is the first rows; the footer knows them all.
        preview.row_count = rows;
        *slot = Some(preview);
    }
    let read = table::parquet::read(file, source, stem(file), options, progress)
        .ok_or_else(|| cancelled(file))?;
    let (timeline, warnings) = read.result?;
    Ok(Loaded {
        timeline,
        format: Format::Parquet,
        warnings,
        mapping: read.mapping,
    })
}

/// A file's name without its folder and extension: the title of a table's
/// timeline.
fn stem(file: &str) -> &str {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Untitled")
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
    /// How a table's columns were understood ("start: date, title: name"),
    /// for formats whose meaning is detected.
    pub mapping: Option<String>,
}

impl Loaded {
    /// The format's name and, for tables, the mapping: `CSV; start:
    /// event_date, title: headline; lane: type`.
    #[must_use]
    pub fn describe(&self) -> String {
        match &self.mapping {
            Some(mapping) => format!("{}; {mapping}", self.format.name()),
            None => self.format.name().to_owned(),
        }
    }
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
    load_bytes_full(file, bytes, &LoadOptions::default(), &mut |_| true)
}

/// As [`load_bytes`], with overrides for tables.
///
/// # Errors
/// As [`load_bytes`].
pub fn load_bytes_with(
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<Loaded, Vec<Diagnostic>> {
    load_bytes_full(file, bytes, options, &mut |_| true)
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
    load_bytes_full(file, bytes, &LoadOptions::default(), progress)
}

/// As [`load_bytes`], with overrides for tables and progress.
///
/// # Errors
/// As [`load_bytes`].
pub fn load_bytes_full(
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    load_bytes_inner(file, Cow::Borrowed(bytes), options, progress, None)
}

/// Reads `bytes`; when they are owned, a native file's bytes are dropped
/// as soon as its events are parsed, before they are sorted and indexed.
fn load_bytes_inner(
    file: &str,
    bytes: Cow<'_, [u8]>,
    options: &LoadOptions,
    progress: &mut dyn FnMut(usize) -> bool,
    preview: PreviewSlot<'_>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let path = Path::new(file);
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let default_title = stem(file);
    let raw: &[u8] = &bytes;
    let workbook = |format| TableInput {
        file,
        default_title,
        format,
    };
    if table::parquet::is_parquet(raw) {
        // The crate reads from shared buffers: one copy of the file (the
        // path reader hands its own buffer over without one).
        let source = bytes::Bytes::copy_from_slice(raw);
        let sample = || {
            let bytes = bytes::Bytes::copy_from_slice(raw);
            table::parquet::sample(bytes, table::parquet::SAMPLE_ROWS)
        };
        return read_parquet(file, source, options, progress, (preview, sample));
    }
    match table::sheet::kind(raw) {
        Some("ODS") => return read_workbook(&workbook(Format::Ods), raw, options, preview),
        Some("XLS") => return read_workbook(&workbook(Format::Xls), raw, options, preview),
        Some(_) => return read_workbook(&workbook(Format::Xlsx), raw, options, preview),
        None => {}
    }
    let mut warnings = Vec::new();
    let text = decode(file, raw, &mut warnings)?;
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
    let (result, mapping) = if format == Format::Native {
        let result = match native_fast::parse(&text, default_title, progress) {
            Some(parsed) => {
                // Nothing borrows the file any more: free it before the
                // columns are sorted, which is when memory peaks.
                drop(text);
                drop(bytes);
                parsed.build().map(|t| (t, Vec::new())).map_err(|e| {
                    vec![Diagnostic {
                        file: file.to_owned(),
                        line: 1,
                        column: 1,
                        severity: Severity::Error,
                        message: e.to_string(),
                    }]
                })
            }
            None if !progress(0) => return Err(cancelled(file)),
            None => native::read_positioned(file, &text, default_title),
        };
        (result, None)
    } else {
        format.read(file, &text, default_title, options, preview)
    };
    let (timeline, more) = result.map_err(|mut errors| {
        errors.splice(0..0, warnings.iter().cloned());
        errors
    })?;
    warnings.extend(more);
    Ok(Loaded {
        timeline,
        format,
        warnings,
        mapping,
    })
}

/// Reads a timeline from a path.
///
/// # Errors
/// As [`load_bytes`], plus a diagnostic at line 1 when the file cannot be
/// read or would need more memory than the machine has ([`budget`]).
pub fn load_path(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    load_path_full(path, &LoadOptions::default(), |_, _| true)
}

/// As [`load_path`], with overrides for tables.
///
/// # Errors
/// As [`load_path`].
pub fn load_path_with(path: &Path, options: &LoadOptions) -> Result<Loaded, Vec<Diagnostic>> {
    load_path_full(path, options, |_, _| true)
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
    progress: impl FnMut(LoadPhase, u64) -> bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    load_path_full(path, &LoadOptions::default(), progress)
}

/// As [`load_path_with_progress`], with overrides for tables.
///
/// # Errors
/// As [`load_path`].
pub fn load_path_full(
    path: &Path,
    options: &LoadOptions,
    progress: impl FnMut(LoadPhase, u64) -> bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    load_path_inner(path, options, progress, None)
}

/// A load that also shows how a table's columns were understood.
#[derive(Debug)]
pub struct Previewed {
    /// The timeline, or why it did not load.
    pub result: Result<Loaded, Vec<Diagnostic>>,
    /// For tables read as far as their cells: the first rows and the
    /// mapping, also when the load failed (then saying why).
    pub preview: Option<TablePreview>,
}

/// As [`load_path_full`], with a preview of a table's columns (the
/// window's loads: it asks the user when detection is unsure).
#[must_use]
pub fn load_path_previewed(
    path: &Path,
    options: &LoadOptions,
    progress: impl FnMut(LoadPhase, u64) -> bool,
) -> Previewed {
    let mut preview = None;
    let result = load_path_inner(path, options, progress, Some(&mut preview));
    if let (Err(errors), Some(preview)) = (&result, preview.as_mut())
        && let Some(error) = errors.iter().find(|d| d.severity == Severity::Error)
    {
        preview.failed_with(&error.message);
    }
    Previewed { result, preview }
}

fn load_path_inner(
    path: &Path,
    options: &LoadOptions,
    mut progress: impl FnMut(LoadPhase, u64) -> bool,
    preview: PreviewSlot<'_>,
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
    if starts_with_parquet_magic(&mut reader) {
        // Only the footer and the mapped columns are read from the file,
        // so neither the size limit nor the per-byte estimate applies: the
        // reader checks its memory from the footer's row count.
        if !progress(LoadPhase::Reading, size) {
            return Err(cancelled(&file));
        }
        let copy = reader.try_clone();
        let sample = || {
            let copy = copy.map_err(|e| e.to_string())?;
            table::parquet::sample(copy, table::parquet::SAMPLE_ROWS)
        };
        return read_parquet(
            &file,
            reader,
            options,
            &mut |parsed| progress(LoadPhase::Parsing, parsed as u64),
            (preview, sample),
        );
    }
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
    load_bytes_inner(
        &file,
        Cow::Owned(bytes),
        options,
        &mut |parsed| progress(LoadPhase::Parsing, parsed as u64),
        preview,
    )
}

/// True when the open file starts with Parquet's magic number; the file is
/// left at its start either way.
fn starts_with_parquet_magic(reader: &mut std::fs::File) -> bool {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let mut magic = [0_u8; 4];
    let found = reader.read_exact(&mut magic).is_ok() && &magic == table::parquet::MAGIC;
    reader.seek(SeekFrom::Start(0)).is_ok() && found
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
