//! Parquet files as pandas, `DuckDB`, polars and pyarrow write them
//! (`tests/fixtures/parquet/make.py`), and large ones from the `parquet`
//! crate's own writer that are read column by column. Each test asserts the
//! mapping, counts, titles, lanes, dates with their precision and the
//! warnings; the command-line tests run the binary.

mod common;
#[path = "common/parquet_writer.rs"]
mod parquet_writer;

use chronoscope::io::{self, Format, LoadOptions, Loaded, Severity};
use chronoscope::model::Event;
use chronoscope::time::Precision;
use common::{chronoscope, fixture};

fn load(name: &str) -> Loaded {
    load_with(name, &LoadOptions::default())
}

fn load_with(name: &str, options: &LoadOptions) -> Loaded {
    let path = fixture(&format!("parquet/{name}"));
    io::load_path_with(&path, options).unwrap_or_else(|d| {
        panic!(
            "{name}: {}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn lane_titles(loaded: &Loaded) -> Vec<&str> {
    loaded
        .timeline
        .lanes()
        .iter()
        .map(|l| l.title.as_str())
        .collect()
}

fn field<'e>(e: &'e Event, name: &str) -> Option<&'e str> {
    e.fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn path_of(name: &str) -> String {
    fixture(&format!("parquet/{name}")).display().to_string()
}

#[test]
fn pandas_dates_typed_columns_and_a_skipped_row() {
    let loaded = load("pandas.parquet");
    assert_eq!(loaded.format, Format::Parquet);
    assert_eq!(
        loaded.describe(),
        "Parquet; start: date, title: title; lane: desk"
    );
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 23, "row 5 has no date");
    let skipped: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("no usable date"))
        .collect();
    assert_eq!(skipped.len(), 1, "{:?}", loaded.warnings);
    assert_eq!(
        (skipped[0].line, skipped[0].column),
        (6, 1),
        "the header is row 1"
    );
    assert!(skipped[0].message.contains("`date` (it is empty)"));
    assert_eq!(lane_titles(&loaded), ["Politics", "Economy", "Science"]);
    let first = &events[0];
    assert_eq!(first.id, "row-1");
    assert_eq!(first.title, "Story 1");
    assert_eq!(first.start.to_iso(), "2025-11-01");
    assert_eq!(first.start.precision(), Precision::Day);
    assert_eq!(first.description, "note 1", "`notes` is the description");
    // Every other column is a field, typed values written as text: the
    // datetime64[ns] column to the second, the midnight-only one as days.
    assert_eq!(field(first, "published"), Some("2025-11-01T08:00:00"));
    assert_eq!(field(first, "created"), Some("2025-10-01"));
    assert_eq!(field(first, "words"), Some("100"));
    assert_eq!(field(first, "score"), Some("0.5"));
    assert_eq!(field(first, "verified"), Some("true"));
    let second = &events[1];
    assert_eq!(second.description, "", "a null is empty");
    assert_eq!(field(second, "verified"), Some("false"));
    assert_eq!(events[4].id, "row-6", "ids count the file's rows");
}

#[test]
fn start_column_override_reads_midnight_timestamps_as_days() {
    let options = LoadOptions {
        start_column: Some("created".to_owned()),
        ..LoadOptions::default()
    };
    let loaded = load_with("pandas.parquet", &options);
    assert_eq!(
        loaded.describe(),
        "Parquet; start: created, title: title; lane: desk"
    );
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 24, "every row has a `created`");
    assert_eq!(events[0].start.to_iso(), "2025-10-01");
    assert_eq!(events[0].start.precision(), Precision::Day);
    assert_eq!(field(&events[4], "date"), None, "row 5's date is null");
    let timed = LoadOptions {
        start_column: Some("published".to_owned()),
        ..LoadOptions::default()
    };
    let loaded = load_with("pandas.parquet", &timed);
    let first = &loaded.timeline.to_events()[0];
    assert_eq!(first.start.to_iso(), "2025-11-01T08:00:00");
    assert_eq!(first.start.precision(), Precision::Second);
}

#[test]
fn pandas_nanoseconds_keep_milliseconds() {
    let loaded = load("pandas_ns.parquet");
    assert_eq!(
        loaded.describe(),
        "Parquet; start: timestamp, title: headline; lane: category"
    );
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 4);
    assert_eq!(events[0].start.to_iso(), "2025-11-06T14:30:05.250");
    assert_eq!(events[0].start.precision(), Precision::Millisecond);
    assert_eq!(events[3].start.to_iso(), "2025-11-08T23:59:59.999");
    assert_eq!(lane_titles(&loaded), ["alpha", "beta"]);
}

#[test]
fn duckdb_timestamps_ends_and_decimals() {
    let loaded = load("duckdb.parquet");
    assert_eq!(
        loaded.describe(),
        "Parquet; start: start, end: end, title: name; lane: category"
    );
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 30);
    let third = &events[2];
    assert_eq!(third.title, "Shift 3");
    assert_eq!(third.start.to_iso(), "2025-01-03T06:00");
    assert_eq!(third.start.precision(), Precision::Minute, "whole minutes");
    assert_eq!(
        third.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-01-03T09:00")
    );
    assert_eq!(field(third, "amount"), Some("2.5"), "DECIMAL(10, 2)");
    assert_eq!(field(third, "n"), Some("2"));
    assert_eq!(lane_titles(&loaded), ["Day", "Night"]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn polars_utc_microseconds_and_a_null_title() {
    let loaded = load("polars.parquet");
    assert_eq!(
        loaded.describe(),
        "Parquet; start: timestamp, title: event; lane: group"
    );
    let events = loaded.timeline.to_events();
    let titles: Vec<&str> = events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Launch", "Review", "Row 3", "Patch", "Retro"]);
    assert_eq!(events[1].start.to_iso(), "2024-03-02T12:30");
    assert_eq!(field(&events[1], "value"), Some("2"));
    assert_eq!(lane_titles(&loaded), ["eng", "ops"]);
}

#[test]
fn legacy_int96_timestamps() {
    let loaded = load("int96.parquet");
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0].title, "Spark job");
    assert_eq!(events[0].start.to_iso(), "2019-06-01T10:15:30");
    assert_eq!(events[0].start.precision(), Precision::Second);
    assert_eq!(events[2].start.to_iso(), "1969-12-31T23:59:59");
    assert_eq!(lane_titles(&loaded), ["batch", "legacy"]);
}

#[test]
fn acled_like_export_composes_titles() {
    let loaded = load("acled.parquet");
    assert_eq!(
        loaded.describe(),
        "Parquet; start: event_date, title: composed from sub_event_type, actor1, location; lane: event_type"
    );
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 9);
    assert_eq!(
        events[0].title,
        "Peaceful protest — Protesters (Kenya) — Nairobi"
    );
    assert_eq!(events[0].start.to_iso(), "2025-09-01");
    assert_eq!(field(&events[0], "event_id_cnty"), Some("EV1000"));
    assert_eq!(field(&events[0], "fatalities"), Some("0"));
    assert_eq!(
        lane_titles(&loaded),
        ["Protests", "Riots", "Battles", "Strategic developments"]
    );
}

#[test]
fn wikidata_like_result_deep_time_and_item_links() {
    let loaded = load("wikidata.parquet");
    assert_eq!(loaded.describe(), "Parquet; start: date, title: itemLabel");
    let events = loaded.timeline.to_events();
    assert_eq!(events[0].title, "Big Bang");
    assert_eq!(events[0].start.year_number(), -13_800_000_000);
    assert_eq!(events[0].start.precision(), Precision::Year);
    assert_eq!(events[2].start.to_iso(), "1867-11-07");
    assert_eq!(
        events[2].sources[0].url.as_deref(),
        Some("http://www.wikidata.org/entity/Q7186")
    );
}

#[test]
fn nested_columns_are_left_out_with_a_warning_naming_them() {
    let loaded = load("nested.parquet");
    assert_eq!(loaded.timeline.len(), 2);
    let left_out: Vec<&str> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("lists or structures"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(left_out.len(), 2, "{:?}", loaded.warnings);
    assert!(left_out[0].contains("\"tags\""));
    assert!(left_out[1].contains("\"place\""));
}

#[test]
fn a_codec_left_out_of_the_build_is_named() {
    let errors = io::load_path(&fixture("parquet/brotli.parquet"))
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("compressed with BROTLI")
            && errors[0].message.contains("snappy, zstd, gzip or lz4"),
        "{}",
        errors[0].message
    );
}

#[test]
fn check_names_the_format_and_the_mapping() {
    let out = chronoscope(&["check", &path_of("acled.parquet")]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.ends_with(
            "acled.parquet (Parquet; start: event_date, title: composed from sub_event_type, actor1, location; lane: event_type): 9 events, 4 lanes, 2025-09-01 – 2025-11-28\n"
        ),
        "{stdout}"
    );
    let out = chronoscope(&["check", &path_of("pandas.parquet")]);
    assert!(out.status.success(), "warnings alone exit 0");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("pandas.parquet:6:1: warning: no usable date in `date`"),
        "{stderr}"
    );
}

#[test]
fn command_line_overrides_apply_to_parquet() {
    let out = chronoscope(&[
        "check",
        &path_of("pandas.parquet"),
        "--start-column",
        "created",
        "--lane-column",
        "verified",
        "--title-column",
        "notes",
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "(Parquet; start: created, title: notes; lane: verified): 24 events, 2 lanes"
        ),
        "{stdout}"
    );
    let out = chronoscope(&[
        "check",
        &path_of("pandas.parquet"),
        "--start-column",
        "nope",
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("there is no column `nope`"), "{stderr}");
}

#[test]
fn convert_list_and_export() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let json = dir.path().join("duckdb.json");
    let json_arg = json.display().to_string();
    let out = chronoscope(&["convert", &path_of("duckdb.parquet"), "-o", &json_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = io::load_path(&json).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(back.format, Format::Native);
    let events = back.timeline.to_events();
    assert_eq!(events.len(), 30);
    assert_eq!(events[0].start.to_iso(), "2025-01-01T06:00");
    assert_eq!(field(&events[1], "amount"), Some("1.25"));

    let out = chronoscope(&["list", &path_of("polars.parquet"), "--filter", "lane:ops"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2024-03-03T13:00  ops  -  Row 3\n2024-03-04T13:30  ops  -  Patch\n"
    );

    let png = dir.path().join("int96.png");
    let png_arg = png.display().to_string();
    let out = chronoscope(&["export", &path_of("int96.parquet"), "-o", &png_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap_or_default();
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG was written");
}

#[test]
fn damaged_files_are_clear_errors() {
    let bytes = std::fs::read(fixture("parquet/pandas.parquet")).unwrap_or_default();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "truncated.parquet",
            bytes[..bytes.len() / 2].to_vec(),
            "does not end with `PAR1`",
        ),
        ("short.parquet", b"PAR1PAR1".to_vec(), "only 8 bytes long"),
        (
            "text.parquet",
            b"not parquet at all\n".to_vec(),
            "neither starts nor ends with `PAR1`",
        ),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &content).unwrap_or_else(|e| panic!("{e}"));
        for errors in [
            io::load_path(&path).err().unwrap_or_default(),
            io::load_bytes(name, &content).err().unwrap_or_default(),
        ] {
            assert_eq!(errors.len(), 1, "{name}: {errors:?}");
            assert_eq!(errors[0].severity, Severity::Error);
            assert!(
                errors[0].message.contains(expected),
                "{name}: {}",
                errors[0].message
            );
        }
        let out = chronoscope(&["check", &path.display().to_string()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
    }
}

/// A file above the whole-table limit: only the mapped columns are read,
/// straight into the model; skipped rows are still reported at their rows.
#[test]
fn a_large_file_is_read_in_its_mapped_columns() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("large.parquet");
    let rows = 250_000;
    parquet_writer::write_events(&path, rows, &[5, rows - 1]);
    let loaded = io::load_path(&path).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(loaded.format, Format::Parquet);
    assert_eq!(
        loaded.describe(),
        "Parquet; start: timestamp, title: title; lane: lane"
    );
    assert_eq!(loaded.timeline.len(), rows - 2);
    let skipped: Vec<(usize, usize)> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("no usable date in `timestamp`"))
        .map(|w| (w.line, w.column))
        .collect();
    assert_eq!(skipped, [(7, 1), (rows + 1, 1)]);
    let unread: Vec<&str> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("are not read"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(unread.len(), 1);
    assert!(unread[0].contains("(\"count\")"), "{}", unread[0]);
    assert!(unread[0].contains("250,000 rows"), "{}", unread[0]);
    assert_eq!(loaded.timeline.lanes().len(), 10);
    let events = loaded.timeline.to_events();
    let first = &events[0];
    assert_eq!(first.id, "row-1");
    assert_eq!(first.title, "Event 0");
    assert_eq!(first.start.to_iso(), "2020-01-01T00:00:00.250");
    assert_eq!(first.start.precision(), Precision::Millisecond);
    assert!(first.fields.is_empty());
    let last = events
        .iter()
        .find(|e| e.id == format!("row-{}", rows - 1))
        .unwrap_or_else(|| panic!("no row {}", rows - 1));
    assert_eq!(last.title, format!("Event {}", rows - 2));
    assert_eq!(
        last.start.start().0,
        i128::from(parquet_writer::millis(rows - 2)) * 1_000_000
    );
    // The same file from bytes (no path) reads the same.
    let bytes = std::fs::read(&path).unwrap_or_default();
    let from_bytes = io::load_bytes("large.parquet", &bytes).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(from_bytes.timeline.len(), rows - 2);
    assert_eq!(from_bytes.mapping, loaded.mapping);
}

/// The window's Columns dialog previews a Parquet file like any table: its
/// header, its first rows, the mapping, and the rows of the whole file.
#[test]
fn the_window_previews_a_parquet_file() {
    let previewed = io::load_path_previewed(
        std::path::Path::new(&path_of("acled.parquet")),
        &LoadOptions::default(),
        |_, _| true,
    );
    assert!(previewed.result.is_ok());
    let preview = previewed
        .preview
        .unwrap_or_else(|| panic!("no preview of a Parquet file"));
    assert_eq!(preview.format, Format::Parquet);
    assert!(preview.header.iter().any(|h| h == "event_date"));
    assert_eq!(preview.row_count, 9);
    assert!(!preview.rows.is_empty());
    assert!(preview.mapping.is_some());
    assert!(Format::Parquet.is_table());
}
