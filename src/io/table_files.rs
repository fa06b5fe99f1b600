//! Table files into timelines: delimited text and workbooks become a
//! [`table::Table`], which the shared table core reads; for the window, the
//! same table is also previewed ([`TablePreview`]), so the file is parsed
//! once.

use super::diag::{self, Diagnostic, Severity};
use super::{Format, LoadOptions, Loaded, TablePreview, native, table};

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
        mapping: read.mapping.map(|m| format!("sheet `{sheet}`; {m}")),
    })
}
