//! The Parquet reader on the fixtures written by pandas, `DuckDB`, polars and
//! pyarrow: the sample table, the streamed read against the whole-table
//! read, and damaged files.

use super::*;
use crate::model::Event;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/parquet/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const FIXTURES: &[&str] = &[
    "acled.parquet",
    "duckdb.parquet",
    "int96.parquet",
    "nested.parquet",
    "pandas.parquet",
    "pandas_ns.parquet",
    "polars.parquet",
    "wikidata.parquet",
];

/// Reads `name`, whole when it has at most `small_rows` rows.
fn read_fixture(name: &str, small_rows: usize) -> TableRead {
    let bytes = Bytes::from(fixture(name));
    let read = read_guarded(
        name,
        bytes,
        "t",
        &LoadOptions::default(),
        small_rows,
        &mut |_| true,
    );
    match read {
        Ok(Some(read)) => read,
        Ok(None) => panic!("{name}: cancelled"),
        Err(e) => panic!("{name}: {e}"),
    }
}

/// What both reads must agree on: id, title, dates as written, lane title,
/// description, sources.
fn summary(read: TableRead) -> (Vec<String>, Option<String>) {
    let (timeline, _) = read.result.unwrap_or_else(|d| panic!("{d:?}"));
    let lane_list = timeline.lanes().to_vec();
    let events: Vec<Event> = timeline.to_events();
    let lines = events
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {:?} {} {:?} {:?} {:?}",
                e.id,
                e.title,
                e.start,
                e.end,
                lane_list[e.lane].title,
                e.description,
                e.sources,
                e.status
            )
        })
        .collect();
    (lines, read.mapping)
}

#[test]
fn the_streamed_read_builds_what_the_whole_table_builds() {
    for name in FIXTURES {
        let whole = summary(read_fixture(name, SMALL_ROWS));
        let streamed = summary(read_fixture(name, 0));
        assert!(!whole.0.is_empty(), "{name}");
        assert_eq!(whole, streamed, "{name}");
    }
}

#[test]
fn the_streamed_read_names_the_columns_it_leaves_out() {
    let read = read_fixture("pandas.parquet", 0);
    let (timeline, warnings) = read.result.unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(timeline.len(), 23);
    let unread: Vec<&Diagnostic> = warnings
        .iter()
        .filter(|w| w.message.contains("are not read"))
        .collect();
    assert_eq!(unread.len(), 1, "{warnings:?}");
    assert!(
        unread[0]
            .message
            .contains("(\"published\", \"created\", \"words\", \"score\", \"verified\")"),
        "{}",
        unread[0].message
    );
    assert!(unread[0].message.contains("the file has 24 rows"));
    let skipped: Vec<(usize, usize)> = warnings
        .iter()
        .filter(|w| w.message.contains("no usable date"))
        .map(|w| (w.line, w.column))
        .collect();
    assert_eq!(skipped, [(6, 1)], "row 5 is row 6 under the header");
    assert!(timeline.to_events().iter().all(|e| e.fields.is_empty()));
}

#[test]
fn the_sample_table_has_the_flat_columns_typed() {
    let table = sample_table(&fixture("pandas.parquet"), 3).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        table.header,
        [
            "date",
            "title",
            "desk",
            "published",
            "created",
            "words",
            "score",
            "verified",
            "notes"
        ]
    );
    assert_eq!(table.rows.len(), 3);
    let first = &table.rows[0];
    assert_eq!(
        first[0],
        Cell::Date(crate::time::Date::ymd(2025, 11, 1).unwrap_or_else(|| panic!()))
    );
    assert_eq!(first[1], Cell::Text("Story 1".to_owned()));
    assert_eq!(first[3].text(), "2025-11-01T08:00:00");
    assert_eq!(first[4].text(), "2025-10-01", "midnights are days");
    assert_eq!(first[5], Cell::Number(100.0));
    assert_eq!(first[6], Cell::Number(0.5));
    assert_eq!(first[7], Cell::Text("true".to_owned()));
    assert_eq!(first[8], Cell::Text("note 1".to_owned()));
    assert_eq!(table.rows[1][8], Cell::Empty, "a null is an empty cell");
    let path = format!(
        "{}/tests/fixtures/parquet/pandas.parquet",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let from_file = sample_table_of_file(file, 3).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file.rows, table.rows);
    let nested = sample_table(&fixture("nested.parquet"), 10).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(nested.header, ["date", "title"]);
    let all =
        sample_table(&fixture("duckdb.parquet"), usize::MAX).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(all.rows.len(), 30);
    assert_eq!(all.rows[2][4], Cell::Number(2.5), "DECIMAL(10, 2)");
}

#[test]
fn damaged_files_are_errors() {
    let bytes = fixture("pandas.parquet");
    let error = |bytes: &[u8]| sample_table(bytes, 10).err().unwrap_or_default();
    assert!(error(&bytes[..bytes.len() - 1]).contains("does not end with `PAR1`"));
    assert!(error(&bytes[..8]).contains("only 8 bytes long"));
    let mut footer = bytes.clone();
    let at = footer.len() - 8;
    footer[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(
        error(&footer).starts_with("this Parquet file is damaged"),
        "{}",
        error(&footer)
    );
    let mut start = bytes.clone();
    start[0] = b'X';
    assert!(error(&start).contains("does not start with `PAR1`"));
}

/// Every fixture cut at many points and with bytes flipped gives a result
/// or an error, never a panic out of the reader.
#[test]
fn no_damage_makes_the_reader_panic() {
    for name in FIXTURES.iter().chain(&["brotli.parquet"]) {
        let bytes = fixture(name);
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let mut cut_bytes = bytes[..cut].to_vec();
            // Keep the end magic, so the footer parser sees the damage.
            cut_bytes.extend_from_slice(MAGIC);
            let _ = sample_table(&cut_bytes, 100);
            let read = read(
                name,
                Bytes::from(cut_bytes),
                "t",
                &LoadOptions::default(),
                &mut |_| true,
            );
            assert!(read.is_some());
        }
        let mut state = 0x9e37_79b9_u64;
        for _ in 0..300 {
            let mut flipped = bytes.clone();
            for _ in 0..3 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let at = usize::try_from(state % flipped.len() as u64).unwrap_or(0);
                flipped[at] ^= u8::try_from(state >> 56).unwrap_or(1) | 1;
            }
            let streamed = guarded(|| {
                let options = LoadOptions::default();
                let bytes = Bytes::from(flipped.clone());
                read_guarded(name, bytes, "t", &options, 0, &mut |_| true)
            });
            assert!(!matches!(streamed, Ok(Ok(None))), "not cancelled");
            let read = read(
                name,
                Bytes::from(flipped),
                "t",
                &LoadOptions::default(),
                &mut |_| true,
            );
            assert!(read.is_some());
        }
    }
}

#[test]
fn a_cancelled_read_stops_with_nothing() {
    for small_rows in [0, SMALL_ROWS] {
        let bytes = Bytes::from(fixture("duckdb.parquet"));
        let options = LoadOptions::default();
        let read = read_guarded("d", bytes, "t", &options, small_rows, &mut |_| false);
        assert!(matches!(read, Ok(None)), "{small_rows}");
    }
}

/// A Parquet file of two text columns, `start` and `title`, one row each.
fn text_file(starts: &[&str]) -> Bytes {
    use ::parquet::data_type::{ByteArray, ByteArrayType};
    use ::parquet::file::properties::WriterProperties;
    use ::parquet::file::writer::SerializedFileWriter;
    use ::parquet::schema::parser::parse_message_type;
    let schema = "message t { required binary start (STRING); required binary title (STRING); }";
    let schema = std::sync::Arc::new(parse_message_type(schema).unwrap_or_else(|e| panic!("{e}")));
    let properties = std::sync::Arc::new(WriterProperties::builder().build());
    let mut out = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut out, schema, properties).unwrap_or_else(|e| panic!("{e}"));
    let mut group = writer.next_row_group().unwrap_or_else(|e| panic!("{e}"));
    let columns: [Vec<ByteArray>; 2] = [
        starts.iter().map(|s| ByteArray::from(*s)).collect(),
        (0..starts.len())
            .map(|i| ByteArray::from(format!("Row {i}").as_str()))
            .collect(),
    ];
    for values in &columns {
        let mut column = group
            .next_column()
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no column"));
        column
            .typed::<ByteArrayType>()
            .write_batch(values, None, None)
            .unwrap_or_else(|e| panic!("{e}"));
        column.close().unwrap_or_else(|e| panic!("{e}"));
    }
    group.close().unwrap_or_else(|e| panic!("{e}"));
    writer.close().unwrap_or_else(|e| panic!("{e}"));
    Bytes::from(out)
}

#[test]
fn edtf_text_is_kept_whole_and_streamed() {
    let starts = ["2025-11~", "201X", "2025-11-03/2025-11-05", "2025-11-06"];
    let bytes = text_file(&starts);
    for small_rows in [0, SMALL_ROWS] {
        let read = read_guarded(
            "e.parquet",
            bytes.clone(),
            "t",
            &LoadOptions::default(),
            small_rows,
            &mut |_| true,
        );
        let Ok(Some(read)) = read else {
            panic!("{small_rows}: not read");
        };
        let (timeline, _) = read.result.unwrap_or_else(|d| panic!("{d:?}"));
        let events = timeline.to_events();
        let mut written: Vec<String> = events
            .iter()
            .map(|e| match &e.edtf {
                Some(dates) if dates.one_field => {
                    format!(
                        "{}/{}",
                        dates.start,
                        dates
                            .end
                            .as_ref()
                            .map_or_else(String::new, ToString::to_string)
                    )
                }
                _ => e.start_bound().to_string(),
            })
            .collect();
        written.sort();
        let mut expected = starts.map(str::to_owned).to_vec();
        expected.sort();
        assert_eq!(written, expected, "{small_rows}");
    }
}
