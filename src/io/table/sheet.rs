//! Workbooks: Excel (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`) and `OpenDocument`
//! (`.ods`) through calamine. The first sheet is read unless another is
//! named; cells keep their types (numbers, dates), and the header is the
//! first row with anything in it.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets};

use super::{Cell, Places, Table};
use crate::escape::backticked;
use crate::time::{Date, Precision};

/// Which kind of workbook bytes hold, by their signature: ZIP for XLSX/ODS
/// (told apart by the ODS `mimetype` entry), OLE2 for XLS.
#[must_use]
pub fn kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        // An ODS file's first entry is an uncompressed `mimetype`.
        let head = bytes.get(..200).unwrap_or(bytes);
        let ods = head
            .windows(46)
            .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet");
        return Some(if ods { "ODS" } else { "XLSX" });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some("XLS");
    }
    None
}

/// Reads sheet `sheet` (the first when `None`) of a workbook into a table.
///
/// # Errors
/// When the bytes are no workbook calamine reads, or the sheet does not
/// exist (the message lists the sheets).
pub fn table(bytes: &[u8], sheet: Option<&str>) -> Result<(Table, String), String> {
    let read = workbook(bytes, sheet)?;
    match read.missing {
        Some(message) => Err(message),
        None => Ok((read.table, read.sheet)),
    }
}

/// A sheet of a workbook, with the names of all its sheets (for a choice).
#[derive(Clone, Debug)]
pub struct Workbook {
    /// The sheet's cells.
    pub table: Table,
    /// Its name.
    pub sheet: String,
    /// Every sheet's name, in the workbook's order.
    pub sheets: Vec<String>,
    /// Why this is the first sheet and not the one asked for: the one asked
    /// for does not exist (a sheet renamed since it was remembered).
    pub missing: Option<String>,
}

/// Reads sheet `sheet` of a workbook, or its first sheet when `sheet` is
/// `None` or does not exist (then saying so in [`Workbook::missing`]), so
/// that a preview can still show something to choose from.
///
/// # Errors
/// When the bytes are no workbook calamine reads, or it has no sheets.
pub fn workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Workbook, String> {
    let mut workbook: Sheets<Cursor<&[u8]>> =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = workbook.sheet_names();
    let wanted = sheet.map(|wanted| {
        names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "there is no sheet {}; the sheets are: {}",
                    backticked(wanted),
                    names
                        .iter()
                        .map(|n| backticked(n))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    });
    let first = || {
        names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_owned())
    };
    let (name, missing) = match wanted {
        Some(Ok(name)) => (name, None),
        Some(Err(message)) => (first()?, Some(message)),
        None => (first()?, None),
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read the sheet {}: {e}", backticked(&name)))?;
    Ok(Workbook {
        table: range_table(&range),
        sheet: name,
        sheets: names,
        missing,
    })
}

/// The cells of a sheet's used range; the header is its first row with
/// anything in it.
fn range_table(range: &calamine::Range<Data>) -> Table {
    // Sheet rows and columns are 1-based where the used range starts.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let first_row = usize::try_from(first_row).unwrap_or(0) + 1;
    let first_col = usize::try_from(first_col).unwrap_or(0);
    let mut header: Option<(Vec<String>, usize)> = None;
    let mut rows = Vec::new();
    let mut numbers = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<Cell> = std::iter::repeat_n(Cell::Empty, first_col)
            .chain(row.iter().map(cell))
            .collect();
        if header.is_none() {
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            header = Some((cells.iter().map(Cell::text).collect(), first_row + i));
            continue;
        }
        rows.push(cells);
        numbers.push(first_row + i);
    }
    let (names, header_row) = header.unwrap_or_default();
    Table {
        header: names,
        rows,
        places: Places::Grid {
            header_row,
            rows: numbers,
        },
    }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(v) => {
            #[allow(clippy::cast_precision_loss)] // Sheets hold f64 numbers anyway.
            let v = *v as f64;
            Cell::Number(v)
        }
        Data::Float(v) => Cell::Number(*v),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTimeIso(s) => super::dates::shape(s)
            .and_then(|shape| super::dates::resolve(shape, super::dates::DateOrder::Dmy).ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        // A time of day alone (a separate time column) reads as a clock.
        Data::DateTime(dt) if dt.is_datetime() && (0.0..1.0).contains(&dt.as_f64()) => {
            let (_, _, _, h, mi, s, _) = dt.to_ymd_hms_milli();
            Cell::Text(if s == 0 {
                format!("{h:02}:{mi:02}")
            } else {
                format!("{h:02}:{mi:02}:{s:02}")
            })
        }
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            let precision = match (h, mi, s, ms) {
                (0, 0, 0, 0) => Precision::Day,
                (_, _, 0, 0) => Precision::Minute,
                (_, _, _, 0) => Precision::Second,
                _ => Precision::Millisecond,
            };
            Date::build(
                i64::from(y),
                u32::from(mo),
                u32::from(d),
                u32::from(h),
                u32::from(mi),
                u32::from(s),
                u32::from(ms),
                None,
                precision,
            )
            .map_or_else(|_| Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
    }
}
