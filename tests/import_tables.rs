//! Tables people already have: ACLED and Wikidata exports, European and US
//! spreadsheet exports, TSV, XLSX and ODS workbooks. Each test asserts the
//! mapping chosen, counts, titles, lanes, dates with their precision, and
//! the warnings for skipped rows.

mod common;
#[path = "import_tables/hard_cases.rs"]
mod hard_cases;

use chronoscope::io::{self, DateOrder, Format, LoadOptions, Loaded, Severity};
use chronoscope::model::{Event, Status};
use chronoscope::time::Precision;
use common::{chronoscope, fixture};

fn load(path: &str) -> Loaded {
    load_with(path, &LoadOptions::default())
}

fn load_with(path: &str, options: &LoadOptions) -> Loaded {
    io::load_path_with(&fixture(path), options).unwrap_or_else(|d| {
        panic!(
            "{path}: {}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn event<'t>(t: &'t [Event], title: &str) -> &'t Event {
    t.iter()
        .find(|e| e.title == title)
        .unwrap_or_else(|| panic!("no event {title:?}; have {:?}", titles(t)))
}

fn titles(t: &[Event]) -> Vec<&str> {
    t.iter().map(|e| e.title.as_str()).collect()
}

fn field<'e>(e: &'e Event, name: &str) -> Option<&'e str> {
    e.fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn acled_composes_titles_and_keeps_every_column() {
    let loaded = load("tables/acled.csv");
    assert_eq!(loaded.format, Format::Csv);
    assert_eq!(
        loaded.describe(),
        "CSV; start: event_date, title: composed from sub_event_type, actor1, location; lane: event_type"
    );
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(t.len(), 9, "one row of ten has no date");
    let skipped: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|w| w.message.contains("no usable date"))
        .collect();
    assert_eq!(skipped.len(), 1, "{:?}", loaded.warnings);
    assert_eq!((skipped[0].line, skipped[0].column), (10, 11));
    assert!(skipped[0].message.contains("`event_date`"));
    let lanes: Vec<&str> = loaded
        .timeline
        .lanes()
        .iter()
        .map(|l| l.title.as_str())
        .collect();
    assert_eq!(
        lanes,
        [
            "Explosions/Remote violence",
            "Protests",
            "Battles",
            "Strategic developments"
        ]
    );
    let first = &t[0];
    assert_eq!(
        first.title,
        "Shelling/artillery/missile attack — Military Forces of Russia (2000-) — Kharkiv"
    );
    assert_eq!(first.start.to_iso(), "2025-09-01");
    assert_eq!(first.start.precision(), Precision::Day);
    assert!(first.description.starts_with("On 1 September 2025"));
    let sources: Vec<&str> = first.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sources, ["Ukrinform", "Suspilne"]);
    assert_eq!(field(first, "event_id_cnty"), Some("UKR212001"));
    assert_eq!(field(first, "fatalities"), Some("0"));
    assert_eq!(field(first, "latitude"), Some("49.9935"));
    assert_eq!(
        field(first, "sub_event_type"),
        Some("Shelling/artillery/missile attack")
    );
    assert_eq!(
        field(first, "event_type"),
        None,
        "the lane column is the lane"
    );
    let protest = &t[1];
    assert_eq!(protest.tags, ["crowd size=around 200"]);
}

#[test]
fn acled_summary_on_the_command_line() {
    let out = chronoscope(&["check", &fixture("tables/acled.csv").display().to_string()]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.ends_with(
            "acled.csv (CSV; start: event_date, title: composed from sub_event_type, actor1, location; lane: event_type): 9 events, 4 lanes, 2025-09-01 – 2025-11-28\n"
        ),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("acled.csv:10:11: warning: no usable date"),
        "{stderr}"
    );
}

#[test]
fn wikidata_long_signed_years() {
    let loaded = load("tables/wikidata.csv");
    assert_eq!(loaded.describe(), "CSV; start: date, title: itemLabel");
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(t.len(), 5);
    let big_bang = event(t, "Big Bang");
    assert_eq!(big_bang.start.year_number(), -13_800_000_000);
    assert_eq!(big_bang.start.precision(), Precision::Year);
    assert_eq!(
        big_bang.description,
        "physical theory about the origin of the universe"
    );
    assert_eq!(
        big_bang.sources[0].url.as_deref(),
        Some("http://www.wikidata.org/entity/Q323")
    );
    let caesar = event(t, "Assassination of Julius Caesar");
    assert_eq!(caesar.start.to_iso(), "-0043-03-15");
    let apollo = event(t, "Apollo 11");
    assert_eq!(
        apollo.start.to_iso(),
        "1969-07-20",
        "midnight timestamps are days"
    );
    assert_eq!(apollo.start.precision(), Precision::Day);
}

#[test]
fn european_semicolons_bom_and_dotted_dates() {
    let loaded = load("tables/european.csv");
    assert_eq!(
        loaded.describe(),
        "CSV; semicolon-separated; start: Datum + Uhrzeit (day/month), title: Ereignis; lane: Kategorie"
    );
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(t.len(), 4);
    let press = event(t, "Pressekonferenz des Senats");
    assert_eq!(press.start.to_iso(), "2025-11-06T14:30");
    assert_eq!(press.start.precision(), Precision::Minute);
    assert_eq!(
        press.description,
        "Der Senat stellt den Haushalt vor; Fragen der Presse."
    );
    assert_eq!(field(press, "Ort"), Some("Berlin"));
    let market = event(t, "Weihnachtsmarkt eröffnet");
    assert_eq!(market.start.to_iso(), "2025-11-21", "no time: a day");
    assert_eq!(field(market, "Ort"), Some("Nürnberg"));
    assert_eq!(loaded.timeline.lanes().len(), 3);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn us_outlook_export_month_first_and_twelve_hour_times() {
    let loaded = load("tables/us_outlook.csv");
    assert_eq!(
        loaded.describe(),
        "CSV; start: Start Date + Start Time (month/day), end: End Date + End Time, title: Subject"
    );
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(t.len(), 4);
    let hearing = event(t, "Budget hearing");
    assert_eq!(hearing.start.to_iso(), "2025-11-06T14:30:00");
    assert_eq!(
        hearing.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-11-06T16:00:00")
    );
    assert_eq!(hearing.tags, ["City Hall", "Budget"]);
    assert_eq!(field(hearing, "Location"), Some("Council Chambers"));
    let vote = event(t, "School board vote");
    assert_eq!(vote.start.to_iso(), "2025-11-13T19:00:00");
    let holiday = event(t, "Thanksgiving (office closed)");
    assert_eq!(holiday.start.to_iso(), "2025-11-27T00:00:00");
}

#[test]
fn undecidable_order_warns_and_can_be_overridden() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("ambiguous.csv");
    std::fs::write(&path, "date,title\n06/11/2025,A\n07/11/2025,B\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = io::load_path(&path).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.timeline.to_events()[0].start.to_iso(), "2025-11-06");
    let warning = &loaded.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.contains("--date-order mdy"),
        "{}",
        warning.message
    );
    let options = LoadOptions {
        date_order: Some(DateOrder::Mdy),
        ..LoadOptions::default()
    };
    let loaded = io::load_path_with(&path, &options).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.timeline.to_events()[0].start.to_iso(), "2025-06-11");
    assert!(loaded.warnings.is_empty());
}

#[test]
fn tab_separated_newsroom_log() {
    let loaded = load("tables/newsroom.tsv");
    assert_eq!(loaded.format, Format::Tsv);
    assert_eq!(
        loaded.describe(),
        "TSV; start: date, title: headline; lane: desk"
    );
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(t.len(), 4);
    let talks = event(t, "Ministry confirms talks");
    assert_eq!(talks.start.precision(), Precision::Minute);
    assert_eq!(talks.status, Some(Status::Confirmed));
    assert_eq!(talks.sources.len(), 2);
    assert_eq!(talks.sources[0].name, "Reuters");
    let markets = event(t, "Markets react to the announcement");
    assert_eq!(markets.start.precision(), Precision::Day);
    assert_eq!(
        event(t, "Officials deny the report").status,
        Some(Status::Denied)
    );
}

#[test]
fn windows_1252_falls_back_with_a_warning() {
    let loaded = load("tables/legacy_1252.csv");
    assert_eq!(
        loaded.timeline.to_events()[0].title,
        "Eröffnung der Ausstellung"
    );
    assert!(loaded.warnings[0].message.contains("Windows-1252"));
}

#[test]
fn overrides_pick_the_columns() {
    let options = LoadOptions {
        start_column: Some("timestamp".into()),
        title_column: Some("notes".into()),
        lane_column: Some("country".into()),
        ..LoadOptions::default()
    };
    let loaded = load_with("tables/acled.csv", &options);
    assert_eq!(
        loaded.describe(),
        "CSV; start: timestamp (Unix seconds), title: notes; lane: country"
    );
    assert_eq!(loaded.timeline.len(), 10);
    assert_eq!(
        loaded.timeline.to_events()[0].start.precision(),
        Precision::Second
    );
    let missing = LoadOptions {
        start_column: Some("when_it_happened".into()),
        ..LoadOptions::default()
    };
    let errors = io::load_path_with(&fixture("tables/acled.csv"), &missing)
        .err()
        .unwrap_or_default();
    assert!(
        errors[0].message.contains("no column `when_it_happened`"),
        "{errors:?}"
    );
}

#[test]
fn most_rows_failing_is_an_error_naming_the_column() {
    let bytes = b"date,title\nsoon,A\nlater,B\nnever,C\n2025-01-01,D\n";
    let errors = io::load_bytes("bad.csv", bytes).err().unwrap_or_default();
    let error = errors
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert!(error.message.contains("3 of 4 rows"), "{}", error.message);
    assert!(error.message.contains("`date`"), "{}", error.message);
    // File content is quoted and escaped, as every reader quotes it.
    assert!(error.message.contains("\"soon\""), "{}", error.message);
}

#[test]
fn no_date_column_is_an_error() {
    let errors = io::load_bytes("x.csv", b"name,count\nA,1\nB,2\n")
        .err()
        .unwrap_or_default();
    assert!(
        errors[0].message.contains("no column holds dates"),
        "{errors:?}"
    );
}

#[test]
fn timelinejs_sheets_still_win_their_own_header() {
    let loaded =
        io::load_path(&fixture("timelinejs_csv/women.csv")).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.format, Format::TimelineJsCsv);
}

#[test]
fn convert_keeps_the_fields() {
    let out = chronoscope(&[
        "convert",
        &fixture("tables/acled.csv").display().to_string(),
        "-o",
        "-",
    ]);
    assert!(out.status.success());
    let json = String::from_utf8_lossy(&out.stdout);
    let back = io::load_bytes("acled.json", json.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    let first = &back.timeline.to_events()[0];
    assert_eq!(field(first, "event_id_cnty"), Some("UKR212001"));
    assert_eq!(back.timeline.len(), 9);
}

/// A workbook as Excel writes it: typed date
/// cells with a date format, numbers, and a second sheet.
fn write_xlsx(path: &std::path::Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    let mut book = Workbook::new();
    let date = CellFormat::new().set_num_format("dd/mm/yyyy");
    let stamp = CellFormat::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = book.add_worksheet();
    let ok = |r: Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>| {
        r.map_or_else(|e| panic!("{e}"), |_| ());
    };
    ok(sheet.set_name("Log"));
    for (col, name) in ["Date", "Headline", "Desk", "Casualties"]
        .iter()
        .enumerate()
    {
        ok(sheet.write_string(0, u16::try_from(col).unwrap_or(0), *name));
    }
    let rows = [
        (
            (2025, 11, 6, 0, 0),
            "Talks announced",
            "Diplomacy",
            0.0,
            false,
        ),
        (
            (2025, 11, 7, 14, 30),
            "Strike on the depot",
            "Conflict",
            3.0,
            true,
        ),
        (
            (2025, 11, 13, 0, 0),
            "Talks postponed",
            "Diplomacy",
            0.0,
            false,
        ),
    ];
    for (i, ((y, m, d, h, mi), title, desk, n, timed)) in rows.into_iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(0);
        let when = ExcelDateTime::from_ymd(y, m, d)
            .and_then(|dt| dt.and_hms(h, mi, 0))
            .unwrap_or_else(|e| panic!("{e}"));
        ok(sheet.write_datetime_with_format(row, 0, &when, if timed { &stamp } else { &date }));
        ok(sheet.write_string(row, 1, title));
        ok(sheet.write_string(row, 2, desk));
        ok(sheet.write_number(row, 3, n));
    }
    let other = book.add_worksheet();
    ok(other.set_name("Archive"));
    ok(other.write_string(0, 0, "year"));
    ok(other.write_string(0, 1, "event"));
    ok(other.write_number(1, 0, 1989.0));
    ok(other.write_string(1, 1, "Wall falls"));
    book.save(path).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn xlsx_first_sheet_and_named_sheet() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("log.xlsx");
    write_xlsx(&path);
    let loaded = io::load_path(&path).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.format, Format::Xlsx);
    assert_eq!(
        loaded.describe(),
        "XLSX; sheet `Log`; start: Date, title: Headline; lane: Desk"
    );
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(
        titles(t),
        ["Talks announced", "Strike on the depot", "Talks postponed"]
    );
    assert_eq!(t[0].start.to_iso(), "2025-11-06");
    assert_eq!(t[1].start.to_iso(), "2025-11-07T14:30");
    assert_eq!(field(&t[1], "Casualties"), Some("3"));
    let options = LoadOptions {
        sheet: Some("Archive".into()),
        ..LoadOptions::default()
    };
    let archive = io::load_path_with(&path, &options).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(archive.timeline.to_events()[0].start.to_iso(), "1989");
    assert_eq!(archive.timeline.to_events()[0].title, "Wall falls");
    let missing = LoadOptions {
        sheet: Some("Nope".into()),
        ..LoadOptions::default()
    };
    let errors = io::load_path_with(&path, &missing)
        .err()
        .unwrap_or_default();
    assert!(errors[0].message.contains("`Log`, `Archive`"), "{errors:?}");
}

#[test]
fn ods_from_libreoffice() {
    let loaded = load("tables/libreoffice.ods");
    assert_eq!(loaded.format, Format::Ods);
    assert_eq!(
        loaded.describe(),
        "ODS; sheet `Chronik`; start: Beginn, end: Ende, title: Titel; lane: Gruppe"
    );
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(t.len(), 3);
    let summit = event(t, "Gipfeltreffen");
    assert_eq!(summit.start.to_iso(), "2025-10-16");
    assert_eq!(
        summit.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-10-18")
    );
    let call = event(t, "Telefonat");
    assert_eq!(call.start.to_iso(), "2025-10-16T14:30:00");
    // A bad date cell is reported at its sheet row and column.
    let bad = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("no usable date"))
        .unwrap_or_else(|| panic!("{:?}", loaded.warnings));
    assert_eq!((bad.line, bad.column), (5, 1));
}

#[test]
fn command_line_overrides() {
    let path = fixture("tables/acled.csv").display().to_string();
    let out = chronoscope(&[
        "check",
        &path,
        "--start-column",
        "timestamp",
        "--lane-column",
        "country",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("(CSV; start: timestamp (Unix seconds), title: composed from sub_event_type, actor1, location; lane: country): 10 events, 1 lane"),
        "{stdout}"
    );
    let out = chronoscope(&["check", &path, "--date-order", "ymd"]);
    assert!(!out.status.success());
}

#[test]
fn the_window_preview_of_a_workbook_lists_its_sheets_even_when_one_is_gone() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("log.xlsx");
    write_xlsx(&path);
    let read = io::load_path_previewed(&path, &LoadOptions::default(), |_, _| true);
    assert!(read.result.is_ok());
    let preview = read.preview.unwrap_or_else(|| panic!("no preview"));
    assert_eq!(preview.format, Format::Xlsx);
    assert_eq!(preview.sheets, ["Log", "Archive"]);
    assert_eq!(preview.sheet.as_deref(), Some("Log"));
    assert_eq!(preview.header, ["Date", "Headline", "Desk", "Casualties"]);
    assert_eq!(preview.rows[1][1], "Strike on the depot");
    assert!(!preview.is_unsure(), "{:?}", preview.unsure);
    // A remembered sheet that was renamed: the load fails, the preview
    // shows the first sheet to choose from, and says why.
    let gone = LoadOptions {
        sheet: Some("Old name".into()),
        ..LoadOptions::default()
    };
    let read = io::load_path_previewed(&path, &gone, |_, _| true);
    assert!(read.result.is_err());
    let preview = read.preview.unwrap_or_else(|| panic!("no preview"));
    assert_eq!(preview.sheet.as_deref(), Some("Log"));
    assert!(preview.failed());
    assert!(
        preview.reasons()[0].contains("there is no sheet `Old name`"),
        "{:?}",
        preview.reasons()
    );
    // Formats whose meaning is not detected have no preview.
    let native = io::load_path_previewed(&fixture("native/valid/minimal.json"), &gone, |_, _| true);
    assert!(native.preview.is_none());
}

#[test]
fn a_csv_that_fails_as_read_is_previewed_with_the_reason() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("few.csv");
    std::fs::write(
        &path,
        "date,title\n2025-11-06,a\nsoon,b\nlater,c\nnever,d\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let read = io::load_path_previewed(&path, &LoadOptions::default(), |_, _| true);
    let errors = read.result.err().unwrap_or_default();
    assert!(
        errors
            .iter()
            .any(|e| e.severity == Severity::Error && e.message.contains("3 of 4 rows")),
        "{errors:?}"
    );
    let preview = read.preview.unwrap_or_else(|| panic!("no preview"));
    assert!(preview.failed());
    // The window's words, not the command line's flag.
    assert_eq!(
        preview.reasons(),
        [
            "It did not load: 3 of 4 rows have no usable date in column `date` (values seen: \"soon\", \"later\", \"never\")."
        ]
    );
    assert_eq!(preview.row_count, 4);
}
