//! Parquet files, as `DuckDB`, Spark, polars and pandas write them, read as a
//! table: the same header names and date forms as CSV and sheets, through
//! the same [`mapping`](super::mapping).
//!
//! A small file becomes a whole [`Table`] and goes through the table core,
//! every other column kept as a field of its event. A large one (an
//! engine's export of millions of rows) is read in two steps: a sample of
//! its first rows finds the columns, then only those columns are read, one
//! row group at a time, straight into the [`TimelineBuilder`]: no row of
//! cells is ever made for it.
//!
//! Rows are numbered as a spreadsheet would show the table: the header is
//! row 1, the first record row 2; columns count the columns read.
//!
//! [`TimelineBuilder`]: crate::model::TimelineBuilder

pub mod columns;
mod events;

use ::parquet::file::reader::{ChunkReader, FileReader, SerializedFileReader};
use bytes::Bytes;

use super::{Cell, Places, Report, Table, TableRead};
use crate::io::budget;
use crate::io::diag::{Diagnostic, Severity};
use crate::io::options::LoadOptions;
use crate::time::Precision;
use columns::{Chunk, Schema};

/// The four bytes a Parquet file starts and ends with.
pub const MAGIC: &[u8; 4] = b"PAR1";

/// Files with at most this many rows (and [`SMALL_CELLS`] cells) are read
/// whole, every column kept as the events' fields; larger ones are read
/// only in the columns the mapping uses.
pub const SMALL_ROWS: usize = 200_000;

/// Files with more cells than this are read only in the mapped columns,
/// whatever their row count: read whole, a cell costs some 200 bytes (the
/// [`Cell`], its text, the event's field), so this is some 400 MB.
pub const SMALL_CELLS: usize = 2_000_000;

/// Rows of the sample the mapping is found on.
pub const SAMPLE_ROWS: usize = 2_000;

/// True when `bytes` start or end like a Parquet file (the reader then
/// says which end is missing).
#[must_use]
pub fn is_parquet(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC) || (bytes.len() >= 8 && bytes.ends_with(MAGIC))
}

/// The first `rows` rows of a Parquet file as a table: its flat columns'
/// names as the header, their values as cells (dates typed), for a preview
/// of the file.
///
/// # Errors
/// A message for a person when the file is damaged or has no readable
/// column.
pub fn sample_table(bytes: &[u8], rows: usize) -> Result<Table, String> {
    sample(Bytes::copy_from_slice(bytes), rows).map(|(table, _)| table)
}

/// As [`sample_table`], reading only the footer and the first row groups of
/// an open file (a preview of a file of gigabytes need not load it).
///
/// # Errors
/// As [`sample_table`].
pub fn sample_table_of_file(file: std::fs::File, rows: usize) -> Result<Table, String> {
    sample(file, rows).map(|(table, _)| table)
}

/// As [`sample_table`], from any source, with the number of rows in the
/// whole file (from its footer), which a preview tells the user.
///
/// # Errors
/// As [`sample_table`].
pub fn sample<R: ChunkReader + 'static>(source: R, rows: usize) -> Result<(Table, usize), String> {
    guarded(|| {
        let reader = open(source)?;
        let schema = columns::schema(reader.metadata().file_metadata().schema_descr());
        let total = group_rows(&reader)?.iter().sum();
        Ok((table(&reader, &schema, rows)?, total))
    })
    .unwrap_or_else(Err)
}

/// Runs `read` and turns a panic of the Parquet crate on damaged input (a
/// few of its checks are assertions) into an error: readers never panic,
/// whatever the bytes.
fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    crate::io::guard::guarded(read)
        .map_err(|why| format!("this Parquet file is damaged: the Parquet reader failed ({why})"))
}

/// Opens a Parquet file: both magic numbers, then the footer (the schema
/// and the row groups).
fn open<R: ChunkReader + 'static>(source: R) -> Result<SerializedFileReader<R>, String> {
    let len = source.len();
    let read = |at: u64| source.get_bytes(at, 4).ok();
    if len < 12 {
        return Err(format!(
            "this Parquet file is damaged: it is only {len} bytes long"
        ));
    }
    if read(0).as_deref() != Some(MAGIC) {
        return Err("this Parquet file is damaged: it does not start with `PAR1`".to_owned());
    }
    if read(len - 4).as_deref() != Some(MAGIC) {
        return Err(
            "this Parquet file is truncated or damaged: it does not end with `PAR1`, so the footer that lists its columns is missing"
                .to_owned(),
        );
    }
    let reader = SerializedFileReader::new(source).map_err(|e| damaged(&e))?;
    // The crate asserts (panics) where a column chunk's place is negative:
    // say what is wrong first.
    for group in reader.metadata().row_groups() {
        for column in group.columns() {
            let at = column
                .dictionary_page_offset()
                .unwrap_or_else(|| column.data_page_offset());
            let size = column.compressed_size();
            let inside = u64::try_from(at)
                .ok()
                .zip(u64::try_from(size).ok())
                .is_some_and(|(at, size)| at.saturating_add(size) <= len);
            if !inside {
                return Err(format!(
                    "this Parquet file is damaged: its footer places the column {} at bytes {at}–{} of a file of {len}",
                    crate::escape::quote(&column.column_path().string()),
                    at.saturating_add(size)
                ));
            }
        }
    }
    Ok(reader)
}

/// The Parquet crate's message for a damaged file, for a person.
fn damaged(error: &::parquet::errors::ParquetError) -> String {
    explain(None, &error.to_string())
}

/// A message of the Parquet crate, for a person: a codec left out of the
/// build is no damage.
fn explain(column: Option<&str>, message: &str) -> String {
    let column = column.map_or_else(String::new, |name| {
        format!(" (column {})", crate::escape::quote(name))
    });
    match message.split_once("Disabled feature at compile time: ") {
        Some((_, codec)) => format!(
            "this Parquet file is compressed with {}{column}, which Chronoscope does not read; write it with snappy, zstd, gzip or lz4",
            codec.trim().to_uppercase()
        ),
        None => format!("this Parquet file is damaged{column}: {message}"),
    }
}

/// The rows of each row group, checked.
fn group_rows<R: ChunkReader + 'static>(
    reader: &SerializedFileReader<R>,
) -> Result<Vec<usize>, String> {
    reader
        .metadata()
        .row_groups()
        .iter()
        .map(|g| {
            usize::try_from(g.num_rows()).map_err(|_| {
                format!(
                    "this Parquet file is damaged: a row group has {} rows",
                    g.num_rows()
                )
            })
        })
        .collect()
}

/// The first `limit` rows of every readable column, as a table.
fn table<R: ChunkReader + 'static>(
    reader: &SerializedFileReader<R>,
    schema: &Schema,
    limit: usize,
) -> Result<Table, String> {
    if schema.columns.is_empty() {
        return Err(no_columns(schema));
    }
    let mut groups: Vec<Vec<Chunk>> = Vec::new();
    let mut done = 0;
    for (index, rows) in group_rows(reader)?.into_iter().enumerate() {
        if done >= limit {
            break;
        }
        let rows = rows.min(limit - done);
        let group = reader.get_row_group(index).map_err(|e| damaged(&e))?;
        let chunks = schema
            .columns
            .iter()
            .map(|column| {
                Chunk::read(group.as_ref(), column, rows).map_err(|e| in_column(&column.name, &e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        groups.push(chunks);
        done += rows;
    }
    let precisions: Vec<Precision> = (0..schema.columns.len())
        .map(|c| precision_of(groups.iter().map(|chunks| &chunks[c])))
        .collect();
    let mut rows = Vec::with_capacity(done);
    for chunks in &groups {
        let count = chunks.first().map_or(0, Chunk::rows);
        for row in 0..count {
            rows.push(
                chunks
                    .iter()
                    .zip(&precisions)
                    .map(|(chunk, &precision)| columns::cell(chunk.value(row), precision))
                    .collect::<Vec<Cell>>(),
            );
        }
    }
    Ok(Table {
        header: schema.columns.iter().map(|c| c.name.clone()).collect(),
        rows,
        places: places(),
    })
}

/// The precision of an instant column's dates, from all its chunks (day
/// precision for other kinds, whose values carry their own).
fn precision_of<'c>(mut chunks: impl Iterator<Item = &'c Chunk> + Clone) -> Precision {
    if !chunks.clone().any(|c| c.kind().is_instant()) {
        return Precision::Day;
    }
    columns::instant_precision(chunks.by_ref().flat_map(columns::instants))
}

/// Rows numbered as a sheet would show them: the header is row 1.
const fn places() -> Places {
    Places::Grid {
        header_row: 1,
        rows: Vec::new(),
    }
}

fn in_column(name: &str, message: &str) -> String {
    explain(Some(name), message)
}

fn no_columns(schema: &Schema) -> String {
    let mut names: Vec<&str> = schema.nested.iter().map(String::as_str).collect();
    names.extend(schema.unsupported.iter().map(String::as_str));
    format!(
        "the Parquet file has no column Chronoscope can read (its columns: {})",
        crate::io::diag::quote_list(names.into_iter())
    )
}

/// Reads a Parquet file into a timeline. `progress` is called with the
/// share of `size` done after each row group; `None` when it returned
/// false (the load was cancelled).
#[must_use]
pub fn read<R: ChunkReader + 'static>(
    file: &str,
    source: R,
    default_title: &str,
    options: &LoadOptions,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<TableRead> {
    let whole_file = |message: String| TableRead {
        result: Err(vec![Diagnostic {
            file: file.to_owned(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            message,
        }]),
        mapping: None,
    };
    let read = || read_guarded(file, source, default_title, options, SMALL_ROWS, progress);
    match guarded(read) {
        Ok(Ok(read)) => read,
        Ok(Err(message)) | Err(message) => Some(whole_file(message)),
    }
}

/// As [`read`], reading files of at most `small_rows` rows whole.
fn read_guarded<R: ChunkReader + 'static>(
    file: &str,
    source: R,
    default_title: &str,
    options: &LoadOptions,
    small_rows: usize,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Option<TableRead>, String> {
    let size = usize::try_from(source.len()).unwrap_or(usize::MAX);
    let reader = open(source)?;
    let schema = columns::schema(reader.metadata().file_metadata().schema_descr());
    if schema.columns.is_empty() {
        return Err(no_columns(&schema));
    }
    let rows: usize = group_rows(&reader)?.iter().sum();
    let whole = rows <= small_rows && rows.saturating_mul(schema.columns.len()) <= SMALL_CELLS;
    // A whole table holds every cell; a streamed read one row group's.
    let cells_per_row = if whole { schema.columns.len() } else { 0 };
    budget::check_needed(
        budget::parquet_estimate(rows as u64, cells_per_row as u64),
        size as u64,
        budget::available(),
    )?;
    let places = places();
    let mut report = Report::new(file, &places);
    for name in &schema.nested {
        report.warning(
            None,
            0,
            format!(
                "the column {} holds lists or structures, which Chronoscope does not read; it is left out",
                crate::escape::quote(name)
            ),
        );
    }
    for name in &schema.unsupported {
        report.warning(
            None,
            0,
            format!(
                "the column {} is of a Parquet type Chronoscope does not read; it is left out",
                crate::escape::quote(name)
            ),
        );
    }
    if whole {
        let table = table(&reader, &schema, usize::MAX)?;
        if !progress(size) {
            return Ok(None);
        }
        let mut read = super::read(file, &table, default_title, options);
        let mut notes = report.finish();
        read.result = match read.result {
            Ok((timeline, warnings)) => {
                notes.extend(warnings);
                Ok((timeline, notes))
            }
            Err(errors) => {
                notes.extend(errors);
                Err(notes)
            }
        };
        return Ok(Some(read));
    }
    let sample = table(&reader, &schema, SAMPLE_ROWS)?;
    let mapping = match super::mapping::detect(&sample, options) {
        Ok(mapping) => mapping,
        Err(message) => {
            report.error(None, 0, message);
            return Ok(Some(TableRead {
                result: Err(report.finish()),
                mapping: None,
            }));
        }
    };
    let described = mapping.describe(&sample.header);
    let stream = events::Stream {
        reader: &reader,
        schema: &schema,
        mapping: &mapping,
        header: &sample.header,
        rows,
        size,
        small_rows,
    };
    let Some(built) = stream.build(default_title, &mut report, progress)? else {
        return Ok(None);
    };
    let diagnostics = report.finish();
    let result = match built {
        Ok(timeline) if !diagnostics.iter().any(|d| d.severity == Severity::Error) => {
            Ok((timeline, diagnostics))
        }
        _ => Err(diagnostics),
    };
    Ok(Some(TableRead {
        result,
        mapping: Some(described),
    }))
}

#[cfg(test)]
mod tests;
