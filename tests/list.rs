//! `chronoscope list` in each format, `convert --filter`, and bad queries:
//! the same query language as the window's find bar, on the command line.

mod common;

use chronoscope::io;
use common::chronoscope;

fn seed() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/assets/budapest-summit.json").to_owned()
}

fn stdout(args: &[&str]) -> String {
    let out = chronoscope(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn text_lists_every_event_sorted_by_start() {
    let seed = seed();
    let text = stdout(&["list", &seed]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 13, "{text}");
    assert!(lines[0].starts_with("2025-01-20 "), "{text}");
    assert!(lines[0].contains("Washington") && lines[0].contains("confirmed"));
    assert!(
        lines[0].ends_with("Trump returns to the White House"),
        "{text}"
    );
    // Sorted by start; a month-precision date sorts at its first day.
    let dates: Vec<&str> = lines
        .iter()
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(dates[1], "2025-10");
    let starts: Vec<_> = dates
        .iter()
        .map(|d| {
            // EDTF windows sort by their stated start (the earliest, or the
            // latest when nothing limits them on the left).
            chronoscope::time::Edtf::parse(d)
                .unwrap_or_else(|e| panic!("{d}: {e}"))
                .start()
                .stand_in()
                .start()
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("[2025-11-03..2025-11-07] ") && l.contains("  Press reports ")),
        "{text}"
    );
}

#[test]
fn filter_and_dates_narrow_the_list() {
    let seed = seed();
    // The seed's statuses are of the claims: the rumour is denied, the FT's
    // claim disputed (Peskov's denial itself is a confirmed statement).
    let text = stdout(&["list", &seed, "--filter", "lavrov status:denied,disputed"]);
    let titles: Vec<&str> = text.lines().collect();
    assert_eq!(titles.len(), 2, "{text}");
    assert!(titles[0].ends_with("Financial Times: Lavrov's call with Rubio soured the summit"));
    assert!(titles[1].ends_with("Speculation that Lavrov has fallen out of favour"));
    // Case and diacritics do not matter.
    assert_eq!(
        stdout(&["list", &seed, "--filter", "PÉSKOV"])
            .lines()
            .count(),
        1
    );
    let week = stdout(&["list", &seed, "--from", "2025-11-05", "--to", "2025-11-05"]);
    assert_eq!(week.lines().count(), 4, "{week}");
    let both = stdout(&[
        "list",
        &seed,
        "--filter",
        "lane:kremlin",
        "--to",
        "2025-11-06",
    ]);
    assert_eq!(both.lines().count(), 1, "{both}");
}

#[test]
fn json_lists_native_event_objects() {
    let seed = seed();
    let text = stdout(&["list", &seed, "--filter", "lane:press", "--format", "json"]);
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let events = value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {text}"));
    assert_eq!(events.len(), 3);
    assert_eq!(events[0]["id"], "no-concessions");
    assert_eq!(events[1]["start"], "[2025-11-03..2025-11-07]");
    assert_eq!(events[1].get("end"), None, "one day in a window: no end");
    assert_eq!(events[1]["lane"], "press");
    assert_eq!(events[1]["links"][0]["to"], "zakharova");
    // Wrapped as a file (without the links to events left out), the
    // objects read back as the same native events.
    let mut events = events.clone();
    for event in &mut events {
        if let Some(object) = event.as_object_mut() {
            object.remove("links");
        }
    }
    let file = serde_json::json!({ "events": events }).to_string();
    let loaded = io::load_bytes("list.json", file.as_bytes()).unwrap_or_else(|d| panic!("{d:?}"));
    let titles: Vec<&str> = loaded.timeline.events().map(|e| e.title()).collect();
    assert_eq!(titles.len(), 3);
    assert!(titles[1].starts_with("Financial Times"), "{titles:?}");
}

#[test]
fn csv_has_a_header_and_one_row_per_event() {
    let seed = seed();
    let text = stdout(&["list", &seed, "--filter", "tag:summit", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect::<Vec<_>>());
    assert_eq!(
        header.ok(),
        Some(
            [
                "id",
                "start",
                "end",
                "lane",
                "status",
                "title",
                "description",
                "tags",
                "sources"
            ]
            .map(str::to_owned)
            .to_vec()
        )
    );
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert!(rows.len() >= 4, "{text}");
    assert!(rows.iter().all(|r| r[7].contains("summit")), "{text}");
    assert!(
        rows.iter()
            .any(|r| r[5].contains(',') || r[6].contains(','))
    );
}

#[test]
fn nothing_matching_prints_nothing_and_succeeds() {
    let seed = seed();
    for format in ["text", "json", "csv"] {
        let out = chronoscope(&[
            "list",
            &seed,
            "--filter",
            "zzzz-nothing",
            "--format",
            format,
        ]);
        assert!(out.status.success());
        assert!(out.stdout.is_empty(), "{format}");
    }
}

#[test]
fn a_bad_query_exits_1_with_the_column() {
    let seed = seed();
    for (query, column) in [
        ("peskov colour:red", 8),
        ("\"budapest", 1),
        ("status:maybe", 8),
    ] {
        let out = chronoscope(&["list", &seed, "--filter", query]);
        assert_eq!(out.status.code(), Some(1), "{query}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("column {column}:")), "{query}: {err}");
        assert!(err.contains(query), "{err}");
        assert!(err.lines().any(|l| l.trim() == "^"), "{err}");
    }
    let out = chronoscope(&["list", &seed, "--from", "2025-13"]);
    assert_eq!(out.status.code(), Some(1));
    // A range that ends before it begins is a mistake, not "no match".
    let out = chronoscope(&["list", &seed, "--from", "2025-11-10", "--to", "2025-11-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ends before --from"));
    // A month to itself is that month.
    let out = chronoscope(&["list", &seed, "--from", "2025-11", "--to", "2025-11"]);
    assert!(out.status.success() && !out.stdout.is_empty());
    let out = chronoscope(&["convert", &seed, "-o", "-", "--filter", "(peskov"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

/// No match: an empty timeline with no lanes, not a lane with no name.
#[test]
fn convert_filter_with_no_match_writes_no_lanes() {
    let text = stdout(&["convert", &seed(), "-o", "-", "--filter", "zzzz-nothing"]);
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert!(value.get("lanes").is_none(), "{text}");
    assert_eq!(value["events"].as_array().map(Vec::len), Some(0));
}

#[test]
fn convert_filter_keeps_the_matches_and_their_lanes() {
    let seed = seed();
    let text = stdout(&[
        "convert",
        &seed,
        "-o",
        "-",
        "--filter",
        "lavrov -lane:press",
    ]);
    let loaded =
        io::load_bytes("filtered.json", text.as_bytes()).unwrap_or_else(|d| panic!("{d:?}"));
    let timeline = &loaded.timeline;
    assert!(!timeline.is_empty());
    assert!(timeline.events().all(|e| {
        let text = format!(
            "{} {} {:?}",
            e.title(),
            e.description(),
            e.tags().collect::<Vec<_>>()
        )
        .to_lowercase();
        text.contains("lavrov")
    }));
    let lanes: Vec<&str> = timeline.lanes().iter().map(|l| l.id.as_str()).collect();
    assert!(!lanes.contains(&"press"), "{lanes:?}");
    // Only lanes that are used remain, each used.
    for (i, _) in timeline.lanes().iter().enumerate() {
        assert!(timeline.events().any(|e| e.lane() == i));
    }
    // Links to events that were left out are gone; the rest still resolve.
    assert!(
        timeline
            .events()
            .flat_map(|e| e.links())
            .all(|l| l.target < timeline.len())
    );
}

#[test]
fn export_filter_draws_only_the_matches_with_hints() {
    let seed = seed();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let all = dir.path().join("all.svg");
    let only = dir.path().join("only.svg");
    let run = |out: &std::path::Path, filter: Option<&str>| {
        let out = out.display().to_string();
        let mut args = vec![
            "export",
            seed.as_str(),
            "-o",
            out.as_str(),
            "--from",
            "2025-10-01",
            "--to",
            "2025-11-30",
        ];
        if let Some(filter) = filter {
            args.extend(["--filter", filter]);
        }
        let result = chronoscope(&args);
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
    };
    run(&all, None);
    run(&only, Some("lane:kremlin"));
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{e}"));
    let (all, only) = (read(&all), read(&only));
    // A Kremlin event is drawn either way; a press report only unfiltered.
    assert!(all.contains("Peskov denies any rift") && only.contains("Peskov denies any rift"));
    assert!(all.contains("Financial Times: Lavrov"));
    assert!(
        !only.contains("Financial Times: Lavrov"),
        "a filtered event was drawn"
    );
    // The hidden events are said, never a silent gap.
    assert!(!all.contains("filtered"));
    assert!(only.contains("filtered"), "no +N filtered hint");
    // A bad query draws nothing and says where.
    let bad = dir.path().join("bad.svg");
    let out = chronoscope(&[
        "export",
        &seed,
        "-o",
        &bad.display().to_string(),
        "--filter",
        "tag:",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("column 1:"));
    assert!(!bad.exists());
}
