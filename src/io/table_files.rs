//! Table files into timelines: delimited text and workbooks become a
//! [`table::Table`], which the shared table core reads; for the window, the
//! same table is also previewed ([`TablePreview`]), so the file is parsed
//! once. Text that is not quite UTF-8 is read here too, when it looks like
//! a table: spreadsheet programs are what write such files.

use std::borrow::Cow;

use super::diag::{self, Diagnostic, Severity};
use super::{Format, LoadOptions, Loaded, TablePreview, native, table, text};

/// Where a load leaves the preview of a table's columns, when its caller
/// (the window) wants one; `None` for every other caller.
pub(super) type PreviewSlot<'a> = Option<&'a mut Option<TablePreview>>;

/// The file a table is read from, and what it is.
pub(super) struct TableInput<'a> {
    pub(super) file: &'a str,
    pub(super) default_title: &'a str,
    pub(super) format: Format,
}

pub(super) fn read_delimited(
    input: &TableInput<'_>,
    text: &str,
    options: &LoadOptions,
    preview: PreviewSlot<'_>,
) -> (native::ReadResult, Option<String>) {
    let TableInput {
        file,
        default_title,
        format,
    } = *input;
    let (delimiter, header_at) = table::delimited::sniff(text).unwrap_or((b',', 0));
    let parsed = match table::delimited::table(text, delimiter, header_at) {
        Ok(parsed) => parsed,
        Err((at, message)) => {
            return (
                Err(vec![diag::at(file, text, at, Severity::Error, message)]),
                None,
            );
        }
    };
    if let Some(slot) = preview {
        let source = table::preview::Source::flat(format);
        *slot = Some(TablePreview::new(&parsed, source, options));
    }
    let read = table::read(file, &parsed, default_title, options);
    let mapping = read.mapping.map(|m| match delimiter {
        b',' | b'\t' => m,
        d => format!("{}-separated; {m}", table::delimited::delimiter_name(d)),
    });
    (read.result, mapping)
}

pub(super) fn read_workbook(
    input: &TableInput<'_>,
    bytes: &[u8],
    options: &LoadOptions,
    preview: PreviewSlot<'_>,
) -> Result<Loaded, Vec<Diagnostic>> {
    let TableInput {
        file,
        default_title,
        format,
    } = *input;
    let whole_file = |message: String| {
        vec![Diagnostic {
            file: file.to_owned(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            message,
        }]
    };
    let workbook = table::sheet::workbook(bytes, options.sheet.as_deref()).map_err(whole_file)?;
    if let Some(slot) = preview {
        let source = table::preview::Source {
            format,
            sheets: workbook.sheets.clone(),
            sheet: Some(workbook.sheet.clone()),
        };
        // A sheet that is not there is previewed as the first one, so the
        // user can pick another.
        *slot = Some(TablePreview::new(&workbook.table, source, options));
    }
    if let Some(missing) = workbook.missing {
        return Err(whole_file(missing));
    }
    let (parsed, sheet) = (workbook.table, workbook.sheet);
    let read = table::read(file, &parsed, default_title, options);
    let (timeline, warnings) = read.result?;
    Ok(Loaded {
        timeline,
        format,
        warnings,
        // The sheet's name as the workbook writes it, escaped and cut.
        mapping: read
            .mapping
            .map(|m| format!("sheet {}; {m}", diag::backticked(&sheet))),
    })
}

/// The file's text: UTF-8 or UTF-16 as marked. An iCalendar file whose
/// folds split characters is mended first. For what looks like a table
/// once UTF-8 fails: UTF-8 with its few bad bytes replaced when the
/// rest is UTF-8 with accents and the like, else Windows-1252 (each with a
/// warning in `warnings`).
pub(super) fn decode<'b>(
    file: &str,
    raw: &'b [u8],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Cow<'b, str>, Vec<Diagnostic>> {
    let table = |text: &str| Format::Csv.sniff(text) || Format::Tsv.sniff(text);
    let error = match text::decode(raw) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    // RFC 5545 folds lines at 75 octets, which some writers do inside a
    // multi-byte character; readers must rejoin the octets before they
    // decode them. Only a file that fails as UTF-8 pays for the copy.
    if super::ics::looks_like_icalendar(raw)
        && let Some(mended) = super::ics::mend_split_characters(raw)
        && let Ok(text) = text::decode(&mended)
    {
        return Ok(Cow::Owned(text.into_owned()));
    }
    if let Some(repaired) = text::repair_utf8(raw).filter(|r| table(&r.text)) {
        let more = match repaired.count {
            1 => String::new(),
            n => format!(
                " (and in {} more places)",
                crate::numbers::grouped(u64::try_from(n - 1).unwrap_or(u64::MAX))
            ),
        };
        warnings.push(diag::at(
            file,
            &repaired.text,
            repaired.first,
            Severity::Warning,
            format!(
                "byte 0x{:02X} is not UTF-8; the file is read as UTF-8 with \"\u{fffd}\" in its place{more}",
                repaired.byte
            ),
        ));
        return Ok(Cow::Owned(repaired.text));
    }
    match text::decode_windows_1252(raw) {
        // Spreadsheet programs on Windows still save CSV this way.
        Some(text) if table(&text) => {
            warnings.push(diag::at(
                file,
                &text,
                0,
                Severity::Warning,
                "the file is not UTF-8; it is read as Windows-1252 (Western European)",
            ));
            Ok(Cow::Owned(text))
        }
        _ => {
            let offset = error.valid_prefix.len();
            Err(vec![diag::at(
                file,
                &error.valid_prefix,
                offset,
                Severity::Error,
                error.message,
            )])
        }
    }
}
