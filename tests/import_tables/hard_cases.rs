//! Tables that used to be misread: more than a hundred problems, numbers
//! that are not years, EDTF in cells, headers in other languages, broken
//! and unmarked encodings, dotted dates, and names and values a terminal
//! must not obey or drown in.

use std::fmt::Write as _;

use chronoscope::io::{self, Diagnostic, LoadOptions, Loaded, Severity};
use chronoscope::model::Status;
use chronoscope::time::Precision;

use super::common::chronoscope;

fn load(name: &str, bytes: &[u8]) -> Loaded {
    io::load_bytes(name, bytes).unwrap_or_else(|d| panic!("{name}: {}", lines(&d)))
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file in a fresh temporary folder, for the command line.
fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    (dir, path.display().to_string())
}

/// One good row, then `bad` rows without a date, then `good` more good ones.
fn rows_without_dates(bad: usize, good: usize) -> String {
    let mut text = String::from("date,title\n2025-11-06,Good\n");
    for i in 0..bad {
        let _ = writeln!(text, "bad{i},T{i}");
    }
    for i in 0..good {
        let _ = writeln!(text, "2025-11-{:02},G{i}", i % 28 + 1);
    }
    text
}

#[test]
fn over_a_hundred_problems_keep_the_verdict_and_the_cut_off_keeps_its_severity() {
    let text = rows_without_dates(150, 0);
    let errors = io::load_bytes("mostbad.csv", text.as_bytes())
        .err()
        .unwrap_or_default();
    let verdict: Vec<_> = errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(verdict.len(), 1, "{}", lines(&errors));
    assert!(
        verdict[0]
            .message
            .starts_with("150 of 151 rows have no usable date in column `date`"),
        "{}",
        verdict[0]
    );
    let cut = errors
        .iter()
        .find(|d| d.message.starts_with('…'))
        .unwrap_or_else(|| panic!("no cut-off line: {}", lines(&errors)));
    assert_eq!(cut.severity, Severity::Warning);
    assert_eq!(cut.message, "… and 50 more warnings not shown");
    assert_eq!(
        errors
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
        101
    );
    // The verdict is the last line, where a terminal's reader looks.
    assert_eq!(errors.last().map(|d| d.severity), Some(Severity::Error));

    let (_dir, path) = file("mostbad.csv", text.as_bytes());
    for command in ["check", "list", "convert"] {
        let mut args = vec![command, path.as_str()];
        if command == "convert" {
            args.extend(["-o", "-"]);
        }
        let out = chronoscope(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("error: 150 of 151 rows have no usable date"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn over_a_hundred_warnings_alone_still_load() {
    let text = rows_without_dates(150, 300);
    let loaded = load("somebad.csv", text.as_bytes());
    assert_eq!(loaded.timeline.len(), 301);
    let last = loaded
        .warnings
        .last()
        .unwrap_or_else(|| panic!("no warnings"));
    assert_eq!(last.message, "… and 50 more warnings not shown");
    assert_eq!(last.severity, Severity::Warning);
    let (_dir, path) = file("somebad.csv", text.as_bytes());
    let out = chronoscope(&["check", &path]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("301 events"), "{stdout}");
}

#[test]
fn numbers_are_read_by_their_majority_and_long_integers_are_never_years() {
    // Unix seconds with one `n/a`: seconds, not the year 1,762,439,400.
    let loaded = load(
        "ts.csv",
        b"timestamp,title\n1762439400,A\nn/a,B\n1762443000,C\n1762446600,D\n",
    );
    assert_eq!(
        loaded.describe(),
        "CSV; start: timestamp (Unix seconds), title: title"
    );
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0].start.to_iso(), "2025-11-06T14:30:00");
    assert!(loaded.warnings[0].message.contains("\"n/a\" is not a date"));
    // Excel serials with one ISO date among them.
    let loaded = load(
        "serial.csv",
        b"date,title\n45967,A\n45968,B\n2025-11-08,C\n45970,D\n",
    );
    let starts: Vec<String> = loaded
        .timeline
        .to_events()
        .iter()
        .map(|e| e.start.to_iso())
        .collect();
    assert_eq!(
        starts,
        ["2025-11-06", "2025-11-07", "2025-11-08", "2025-11-09"]
    );
    // ISO 8601 basic dates are days.
    let loaded = load("basic.csv", b"date,title\n20251106,A\n20251107,B\n");
    assert_eq!(
        loaded.describe(),
        "CSV; start: date (YYYYMMDD dates), title: title"
    );
    let first = &loaded.timeline.to_events()[0];
    assert_eq!(first.start.to_iso(), "2025-11-06");
    assert_eq!(first.start.precision(), Precision::Day);
    // A stray timestamp among written dates is reported, not made a year.
    let loaded = load(
        "stray.csv",
        b"date,title\n2025-11-06,A\n1762439400,B\n2025-11-08,C\n20251109,D\n",
    );
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 3, "{:?}", loaded.warnings);
    assert_eq!(events[2].start.to_iso(), "2025-11-09");
    assert!(
        loaded.warnings[0]
            .message
            .contains("\"1762439400\" is not a date"),
        "{:?}",
        loaded.warnings
    );
    // Deep time is written signed, and stays a year.
    let loaded = load(
        "deep.csv",
        b"year,event\n-13800000000,Big Bang\n-4540000000,Earth\n",
    );
    assert_eq!(
        loaded.timeline.to_events()[0].start.year_number(),
        -13_800_000_000
    );
}

const EDTF_TABLE: &str = "start,end,title
2025-11~,,Approximate month
[2025-11-03..2025-11-07],,One day that week
201X,,Some year of the 2010s
2025-11-03/2025-11-05,,An interval in the start
2025-11-01,2025-11-10?,Uncertain end
2025-11-01,2025-11-02,Plain
";

#[test]
fn edtf_in_cells_keeps_what_it_says() {
    let loaded = load("edtf.csv", EDTF_TABLE.as_bytes());
    assert_eq!(
        loaded.describe(),
        "CSV; start: start, end: end, title: title"
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let events = loaded.timeline.to_events();
    let by_title = |title: &str| {
        events
            .iter()
            .find(|e| e.title == title)
            .unwrap_or_else(|| panic!("no {title}"))
    };
    for (title, start) in [
        ("Approximate month", "2025-11~"),
        ("One day that week", "[2025-11-03..2025-11-07]"),
        ("Some year of the 2010s", "201X"),
    ] {
        let event = by_title(title);
        assert_eq!(event.start_bound().to_string(), start, "{title}");
        assert!(event.edtf.is_some(), "{title}");
        assert!(event.end.is_none(), "{title}");
    }
    let interval = by_title("An interval in the start");
    assert_eq!(interval.start.to_iso(), "2025-11-03");
    assert_eq!(
        interval.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-11-05")
    );
    assert!(interval.edtf.as_ref().is_some_and(|d| d.one_field));
    let uncertain = by_title("Uncertain end");
    assert_eq!(
        uncertain.end_bound().map(|b| b.to_string()).as_deref(),
        Some("2025-11-10?")
    );
    assert!(by_title("Plain").edtf.is_none());
    // Named on the command line too, and written back by convert as EDTF.
    let (_dir, path) = file("edtf.csv", EDTF_TABLE.as_bytes());
    let out = chronoscope(&[
        "convert",
        &path,
        "--start-column",
        "start",
        "--end-column",
        "end",
        "-o",
        "-",
    ]);
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for written in [
        "\"start\": \"2025-11~\"",
        "\"start\": \"[2025-11-03..2025-11-07]\"",
        "\"start\": \"201X\"",
        "\"start\": \"2025-11-03/2025-11-05\"",
        "\"end\": \"2025-11-10?\"",
    ] {
        assert!(json.contains(written), "{written} in {json}");
    }
}

#[test]
fn short_numbers_with_a_slash_are_not_edtf_intervals() {
    let errors = io::load_bytes("ratio.csv", b"date,title\n11/2025,A\n3/4,B\n1/2,C\n")
        .err()
        .unwrap_or_default();
    assert!(
        errors
            .iter()
            .any(|d| d.severity == Severity::Error && d.message.contains("3 of 3 rows")),
        "{}",
        lines(&errors)
    );
}

#[test]
fn headers_in_french_spanish_and_german() {
    let cases: [(&str, &str); 8] = [
        (
            "Titre,Date de début,Date de fin\nA,2025-11-01,2025-11-03\n",
            "start: Date de début, end: Date de fin, title: Titre",
        ),
        (
            "titre,début,fin\nA,2025-11-01,2025-11-03\n",
            "start: début, end: fin, title: titre",
        ),
        (
            "titulo,fecha de inicio,fecha de fin\nA,2025-11-01,2025-11-03\n",
            "start: fecha de inicio, end: fecha de fin, title: titulo",
        ),
        (
            "nombre,fecha inicio,fecha fin\nA,2025-11-01,2025-11-03\n",
            "start: fecha inicio, end: fecha fin, title: nombre",
        ),
        (
            "Titel,Startdatum,Enddatum\nA,2025-11-01,2025-11-03\n",
            "start: Startdatum, end: Enddatum, title: Titel",
        ),
        (
            "id,title,created_utc\n1,A,1762439400\n",
            "start: created_utc (Unix seconds), title: title",
        ),
        // Twitter's `created_at`, the year after the time.
        (
            "id,title,created_at\n1,A,Wed Oct 10 20:19:24 +0000 2018\n",
            "start: created_at, title: title",
        ),
        (
            "title,published_at\nA,\"Thu, 06 Nov 2025 14:30:00 +0000\"\n",
            "start: published_at, title: title",
        ),
    ];
    for (text, mapping) in cases {
        // Two rows, so that the table sniffs as one.
        let second = text.lines().nth(1).unwrap_or_default();
        let loaded = load("x.csv", format!("{text}{second}\n").as_bytes());
        assert_eq!(loaded.describe(), format!("CSV; {mapping}"));
    }
    let loaded = load(
        "estado.csv",
        "fecha,titulo,Estado\n2025-11-06,A,confirmado\n2025-11-07,B,desmentido\n2025-11-08,C,bestätigt\n2025-11-09,D,confirmé\n2025-11-10,E,quizás\n"
            .as_bytes(),
    );
    let statuses: Vec<Option<Status>> = loaded
        .timeline
        .to_events()
        .iter()
        .map(|e| e.status)
        .collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Confirmed),
            Some(Status::Denied),
            Some(Status::Confirmed),
            Some(Status::Confirmed),
            None
        ]
    );
}

#[test]
fn a_stray_byte_in_utf8_is_replaced_where_it_is() {
    let mut text = String::from("date,title,place\n");
    for i in 0..5000 {
        let _ = writeln!(text, "2025-11-{:02},Café {i},Zürich", i % 28 + 1);
    }
    let mut bytes = text.into_bytes();
    let at = bytes
        .windows("Café 2500".len())
        .position(|w| w == "Café 2500".as_bytes())
        .unwrap_or_else(|| panic!("row 2500"));
    bytes.insert(at, 0xFF);
    let loaded = load("stray.csv", &bytes);
    let events = loaded.timeline.to_events();
    assert_eq!(events.len(), 5000);
    let titled = |title: &str| events.iter().any(|e| e.title == title);
    assert!(titled("Café 0") && titled("Café 4999"));
    assert!(titled("\u{fffd}Café 2500"));
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let warning = &loaded.warnings[0];
    assert_eq!((warning.line, warning.column), (2502, 12));
    assert!(warning.message.contains("0xFF"), "{}", warning.message);
    assert!(!warning.message.contains("Windows-1252"));
}

#[test]
fn utf16_without_a_byte_order_mark() {
    let text = "date\ttitle\n2025-11-06\tCafé €5\n2025-11-07\tNaïve “quotes”\n";
    for bytes in [
        text.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
        text.encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>(),
    ] {
        let loaded = load("unicode.txt.tsv", &bytes);
        let events = loaded.timeline.to_events();
        assert_eq!(events[0].title, "Café €5");
        assert_eq!(events[1].title, "Naïve “quotes”");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }
}

#[test]
fn dotted_dates_are_day_first_and_the_end_follows_the_start() {
    let loaded = load(
        "dots.csv",
        b"Datum,Titel\n06.11.2025,A\n07.11.2025 14:30,B\n",
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let events = loaded.timeline.to_events();
    assert_eq!(events[0].start.to_iso(), "2025-11-06");
    assert_eq!(events[1].start.to_iso(), "2025-11-07T14:30");
    // The start's 13/11 settles the end's 01/12, and the reverse.
    for text in [
        "start,end,title\n13/11/2025,01/12/2025,A\n06/11/2025,07/11/2025,B\n",
        "start,end,title\n01/11/2025,13/11/2025,A\n06/11/2025,07/11/2025,B\n",
    ] {
        let loaded = load("both.csv", text.as_bytes());
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let b = &loaded.timeline.to_events()[1];
        assert_eq!(b.start.to_iso(), "2025-11-06");
        assert_eq!(b.end.map(|d| d.to_iso()).as_deref(), Some("2025-11-07"));
    }
    // Undecidable in both columns: still one warning each.
    let loaded = load("neither.csv", b"start,end,title\n06/11/2025,07/11/2025,A\n");
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
}

#[test]
fn long_values_and_hostile_names_are_shortened_and_escaped() {
    let long = "x".repeat(20_000);
    let text = format!("date,title\n{long},A\n2025-01-01,B\n2025-01-02,C\n2025-01-03,D\n");
    let loaded = load("long.csv", text.as_bytes());
    let warning = &loaded.warnings[0];
    assert!(warning.message.len() < 200, "{}", warning.message);
    assert!(
        warning.message.contains("x…\" is not a date"),
        "{}",
        warning.message
    );

    let text = "d\u{202e}ate\u{1b}[31m,t\u{1b}]0;PWNED\u{7}\n2025-11-06,A\n2025-11-07,B\n";
    let loaded = load("hostile.csv", text.as_bytes());
    let described = loaded.describe();
    assert_eq!(
        described,
        "CSV; start: d\\u{202e}ate\\u{1b}[31m, title: composed from t\\u{1b}]0;PWNED\\u{7}"
    );
    let options = LoadOptions {
        start_column: Some("missing\u{1b}[2J".into()),
        ..LoadOptions::default()
    };
    let errors = io::load_bytes_with("hostile.csv", text.as_bytes(), &options)
        .err()
        .unwrap_or_default();
    let message = &errors[0].message;
    assert!(
        message.starts_with(
            "there is no column `missing\\u{1b}[2J` for the start date; the columns are: `d\\u{202e}ate\\u{1b}[31m`"
        ),
        "{message}"
    );
}

#[test]
fn a_hostile_sheet_name_is_escaped_in_the_summary() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("e.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let ok = |r: Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>| {
        r.map_or_else(|e| panic!("{e}"), |_| ());
    };
    ok(sheet.set_name("S\u{202e}evil\u{1b}\u{7}"));
    ok(sheet.write_string(0, 0, "date\u{1b}]0;PWNED\u{7}"));
    ok(sheet.write_string(0, 1, "title"));
    ok(sheet.write_string(1, 0, "2025-11-06"));
    ok(sheet.write_string(1, 1, "A"));
    ok(sheet.write_string(2, 0, "2025-11-07"));
    ok(sheet.write_string(2, 1, "B"));
    book.save(&path).unwrap_or_else(|e| panic!("{e}"));
    let out = chronoscope(&["check", &path.display().to_string()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(
            "(XLSX; sheet `S\\u{202e}evil\\u{1b}\\u{7}`; start: date\\u{1b}]0;PWNED\\u{7}, title: title)"
        ),
        "{stdout}"
    );
    assert!(!stdout.chars().any(|c| c == '\u{1b}' || c == '\u{202e}'));
}

#[test]
fn a_column_of_years_gives_way_to_a_finer_date_column() {
    let loaded = load(
        "gdelt.csv",
        b"GLOBALEVENTID,SQLDATE,MonthYear,Year,FractionDate,Actor1Name\n1,20251106,202511,2025,2025.8466,POLICE\n2,20251107,202511,2025,2025.8493,PROTESTER\n",
    );
    assert!(
        loaded
            .describe()
            .starts_with("CSV; start: SQLDATE (YYYYMMDD dates)"),
        "{}",
        loaded.describe()
    );
    let first = &loaded.timeline.to_events()[0];
    assert_eq!(first.start.to_iso(), "2025-11-06");
    // A column of years alone is still read as years.
    let loaded = load(
        "years.csv",
        b"year,event\n1989,Wall falls\n1991,Union ends\n",
    );
    assert_eq!(loaded.timeline.to_events()[0].start.to_iso(), "1989");
}
