//! Large Parquet files written with the `parquet` crate's own writer, for
//! the tests of the streamed read and for `benches/parquet.rs` (which
//! includes this file): a millisecond UTC timestamp, a title and a lane
//! (ten values), snappy, row groups of 1,048,576 rows (the crate's default),
//! and a fourth column (a count) that the mapping leaves alone.
//!
//! Row `i` (0-based) starts at 2020-01-01 plus `i` minutes and 250 ms, is
//! titled `Event i` and sits in lane `lane i % 10`; every row whose index is
//! in `missing` has no timestamp (a null), to test skipped rows.

use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

/// 2020-01-01T00:00:00Z in milliseconds.
pub const FIRST_MILLIS: i64 = 1_577_836_800_000;

/// Rows per row group, as the crate writes by default.
pub const GROUP_ROWS: usize = 1 << 20;

const SCHEMA: &str = "message events {
    optional int64 timestamp (TIMESTAMP(MILLIS, true));
    required binary title (STRING);
    required binary lane (STRING);
    required int64 count;
}";

/// Writes `rows` rows to `path`.
///
/// # Panics
/// When the file cannot be written (tests and benches only).
pub fn write_events(path: &Path, rows: usize, missing: &[usize]) {
    let schema = Arc::new(parse_message_type(SCHEMA).unwrap_or_else(|e| panic!("{e}")));
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    let mut writer =
        SerializedFileWriter::new(file, schema, properties).unwrap_or_else(|e| panic!("{e}"));
    let lanes: Vec<ByteArray> = (0..10)
        .map(|l| ByteArray::from(format!("lane {l}").as_str()))
        .collect();
    let mut first = 0;
    while first < rows {
        let n = GROUP_ROWS.min(rows - first);
        let range = first..first + n;
        let mut group = writer.next_row_group().unwrap_or_else(|e| panic!("{e}"));
        let mut index = 0;
        while let Some(mut column) = group.next_column().unwrap_or_else(|e| panic!("{e}")) {
            let written = match index {
                0 => {
                    let present: Vec<usize> =
                        range.clone().filter(|i| !missing.contains(i)).collect();
                    let values: Vec<i64> = present.iter().map(|&i| millis(i)).collect();
                    let defs: Vec<i16> = range
                        .clone()
                        .map(|i| i16::from(!missing.contains(&i)))
                        .collect();
                    column
                        .typed::<Int64Type>()
                        .write_batch(&values, Some(&defs), None)
                }
                1 => {
                    let values: Vec<ByteArray> = range
                        .clone()
                        .map(|i| ByteArray::from(format!("Event {i}").as_str()))
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, None, None)
                }
                2 => {
                    let values: Vec<ByteArray> =
                        range.clone().map(|i| lanes[i % 10].clone()).collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, None, None)
                }
                _ => {
                    let values: Vec<i64> = range.clone().map(|i| as_i64(i % 1000)).collect();
                    column.typed::<Int64Type>().write_batch(&values, None, None)
                }
            };
            written.unwrap_or_else(|e| panic!("{e}"));
            column.close().unwrap_or_else(|e| panic!("{e}"));
            index += 1;
        }
        group.close().unwrap_or_else(|e| panic!("{e}"));
        first += n;
    }
    writer.close().unwrap_or_else(|e| panic!("{e}"));
}

/// The timestamp of row `i`, in milliseconds.
#[must_use]
pub fn millis(i: usize) -> i64 {
    FIRST_MILLIS + as_i64(i) * 60_000 + 250
}

fn as_i64(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}
