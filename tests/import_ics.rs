//! iCalendar files as Google Calendar, Outlook, Thunderbird, Apple Calendar
//! and Exchange export them: all-day events, TZID times resolved through the
//! database, the file's own VTIMEZONE and Windows zone names, recurrences
//! with COUNT, UNTIL, EXDATE and RECURRENCE-ID, folded lines (also inside a
//! character), BOM, LF line ends; and damaged or hostile calendars, which
//! load with positioned warnings or fail with positioned errors, never panic.

mod common;

use chronoscope::io::{self, Diagnostic, Format, Loaded};
use chronoscope::model::{Event, Status};
use chronoscope::time::Precision;
use common::fixture;

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn load(path: &str) -> Loaded {
    io::load_path(&fixture(path)).unwrap_or_else(|d| panic!("{path}: {}", lines(&d)))
}

fn load_text(name: &str, text: &str) -> Loaded {
    io::load_bytes(name, text.as_bytes()).unwrap_or_else(|d| panic!("{name}: {}", lines(&d)))
}

fn all<'t>(t: &'t [Event], title: &str) -> Vec<&'t Event> {
    t.iter().filter(|e| e.title == title).collect()
}

fn one<'t>(t: &'t [Event], title: &str) -> &'t Event {
    let found = all(t, title);
    assert_eq!(
        found.len(),
        1,
        "{title}: {:?}",
        t.iter().map(|e| &e.title).collect::<Vec<_>>()
    );
    found[0]
}

fn field<'e>(e: &'e Event, name: &str) -> Option<&'e str> {
    e.fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn isos(events: &[&Event]) -> Vec<String> {
    events.iter().map(|e| e.start.to_iso()).collect()
}

#[test]
fn google_calendar_export() {
    let loaded = load("ics/google.ics");
    assert_eq!(loaded.format, Format::ICalendar);
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(loaded.timeline.title, "Newsroom planning");
    assert_eq!(loaded.timeline.description, "Desk meetings and deadlines");
    assert_eq!(t.len(), 7);
    let offsite = one(t, "Editorial offsite");
    assert_eq!(offsite.start.to_iso(), "2025-11-16");
    assert_eq!(offsite.start.precision(), Precision::Day);
    assert_eq!(offsite.end, None, "a one-day event ends when its day does");
    assert_eq!(
        offsite.description,
        "Whole-day offsite. Bring the budget figures, the desk plan and the list of open stories."
    );
    assert_eq!(field(offsite, "Location"), Some("Verlagshaus, Raum 4"));
    assert_eq!(offsite.status, Some(Status::Confirmed));
    // COUNT=6 Mondays, one removed by EXDATE, one moved by RECURRENCE-ID.
    let meetings = all(t, "Morning desk meeting");
    assert_eq!(
        isos(&meetings),
        [
            "2025-11-03T09:30+01:00",
            "2025-11-10T09:30+01:00",
            "2025-12-01T09:30+01:00",
            "2025-12-08T09:30+01:00"
        ]
    );
    assert_eq!(
        meetings[0].end.map(|d| d.to_iso()).as_deref(),
        Some("2025-11-03T10:00+01:00")
    );
    let moved = one(t, "Morning desk meeting (moved)");
    assert_eq!(moved.start.to_iso(), "2025-11-24T11:00+01:00");
    let call = one(t, "Brussels call");
    assert_eq!(call.start.to_iso(), "2025-11-07T13:30Z");
    assert_eq!(field(call, "Status"), Some("tentative"));
    assert_eq!(
        call.sources[0].url.as_deref(),
        Some("https://meet.google.com/abc-defg-hij")
    );
    assert!(
        t.iter().all(|e| e.start.year_number() == 2025),
        "VTIMEZONE DTSTARTs are not events"
    );
}

#[test]
fn outlook_windows_zone_names_through_the_files_vtimezone() {
    let loaded = load("ics/outlook.ics");
    let events = loaded.timeline.to_events();
    let t = &events[..];
    // UNTIL is in UTC: 3 November 14:00 in Berlin is 13:00Z, included.
    let budget = all(t, "Budgetrunde");
    assert_eq!(
        isos(&budget),
        [
            "2025-10-06T14:00+02:00",
            "2025-10-13T14:00+02:00",
            "2025-10-27T14:00+01:00",
            "2025-11-03T14:00+01:00"
        ]
    );
    assert_eq!(field(budget[0], "Organizer"), Some("Anna Schmidt"));
    assert_eq!(field(budget[0], "Location"), Some("Konferenzraum 2"));
    assert_eq!(
        budget[0].description,
        "Weekly budget review\n\nAgenda in the shared folder."
    );
    let holidays = one(t, "Weihnachtsferien");
    assert_eq!(holidays.start.to_iso(), "2025-12-24");
    assert_eq!(
        holidays.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-12-26")
    );
    assert_eq!(t.len(), 5);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn thunderbird_categories_durations_and_open_recurrences() {
    let loaded = load("ics/thunderbird.ics");
    let events = loaded.timeline.to_events();
    let t = &events[..];
    let vote = one(t, "UN General Assembly vote");
    assert_eq!(vote.start.to_iso(), "2025-11-04T10:00-05:00");
    assert_eq!(
        vote.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-11-04T12:00-05:00")
    );
    assert_eq!(vote.tags, ["Diplomacy", "UN"]);
    assert_eq!(field(vote, "Location"), Some("UN Headquarters, New York"));
    let standups = all(t, "Daily stand-up");
    assert!((729..=731).contains(&standups.len()), "{}", standups.len());
    assert_eq!(standups[0].start.to_iso(), "2025-11-03T09:00-05:00");
    assert_eq!(
        standups[0].end.map(|d| d.to_iso()).as_deref(),
        Some("2025-11-03T09:15-05:00")
    );
    let warning = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("no end"))
        .unwrap_or_else(|| panic!("{:?}", loaded.warnings));
    assert_eq!(warning.line, 41, "{warning}");
}

#[test]
fn apple_calendar_with_bom_and_lf() {
    let loaded = load("ics/apple.ics");
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(loaded.timeline.title, "Summit watch");
    let summit = one(t, "Budapest summit (planned)");
    assert_eq!(summit.start.to_iso(), "2025-10-23");
    assert_eq!(
        summit.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-10-24")
    );
    assert_eq!(field(summit, "Location"), Some("Budapest"));
    let off = one(t, "Summit called off");
    assert_eq!(field(off, "Status"), Some("cancelled"));
}

#[test]
fn recurrences_are_capped() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20000101T000000Z\r\nRRULE:FREQ=HOURLY;COUNT=50000\r\nSUMMARY:tick\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let loaded = io::load_bytes("ticks.ics", text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(loaded.timeline.len(), 10_000);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("more than 10,000"))
    );
}

#[test]
fn errors_have_positions() {
    let text = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:bad\nDTSTART:2025-11-06\nEND:VEVENT\nEND:VCALENDAR\n";
    let errors = io::load_bytes("bad.ics", text.as_bytes())
        .err()
        .unwrap_or_default();
    assert_eq!(
        errors[0].to_string(),
        "bad.ics:6:1: error: invalid DTSTART: \"2025-11-06\" is not a date-time (expected YYYYMMDDTHHMMSS, with Z for UTC)"
    );
    let broken = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nEND:VTODO\nEND:VCALENDAR\n";
    let errors = io::load_bytes("broken.ics", broken.as_bytes())
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].line >= 3, "{}", errors[0]);
    let missing = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n";
    let errors = io::load_bytes("m.ics", missing.as_bytes())
        .err()
        .unwrap_or_default();
    assert!(errors[0].message.contains("no DTSTART"), "{errors:?}");
    assert_eq!(errors[0].line, 3);
}

/// A calendar of one VEVENT made of `lines` (CRLF, as clients write).
fn calendar(lines: &[&str]) -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n");
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    text
}

fn warning<'l>(loaded: &'l Loaded, words: &str) -> &'l Diagnostic {
    loaded
        .warnings
        .iter()
        .find(|w| w.message.contains(words))
        .unwrap_or_else(|| panic!("no warning with {words:?}: {:?}", loaded.warnings))
}

#[test]
fn non_ascii_rules_are_refused_with_a_warning_not_a_panic() {
    let loaded = load("ics/hostile_rrule.ics");
    let events = loaded.timeline.to_events();
    let t = &events[..];
    for title in ["Umlaut day", "Umlaut Monday", "Euro Monday", "Bidi Sunday"] {
        assert_eq!(all(t, title).len(), 1, "{title}: only the first occurrence");
    }
    // The zone whose own rule is damaged still gives its fixed offset.
    assert_eq!(
        one(t, "Bidi Sunday").start.to_iso(),
        "2025-01-04T10:00+01:00"
    );
    let lines: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(loaded.warnings.len(), 4, "{lines:#?}");
    // Each warning points at the character that is not ASCII.
    assert_eq!(
        (loaded.warnings[0].line, loaded.warnings[0].column),
        (16, 37)
    );
    assert_eq!(
        loaded.warnings[0].message,
        "this RRULE holds \"Ü\", which no recurrence rule does (they are ASCII): \"FREQ=WEEKLY;COUNT=3;BYDAY=SA,SÜN\"; only the first occurrence is shown"
    );
    assert_eq!(
        (loaded.warnings[1].line, loaded.warnings[1].column),
        (22, 34)
    );
    assert_eq!(
        (loaded.warnings[2].line, loaded.warnings[2].column),
        (28, 35)
    );
    let bidi = &loaded.warnings[3];
    assert_eq!((bidi.line, bidi.column), (34, 37), "{bidi}");
    assert!(
        bidi.message.contains("\"\\u{202e}\"") && !bidi.message.contains('\u{202e}'),
        "{bidi}"
    );
    // The command line neither panics nor prints the override raw.
    let path = fixture("ics/hostile_rrule.ics");
    let out = common::chronoscope(&["check", &path.display().to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains('\u{202e}'), "{stderr}");
    assert!(stderr.contains("S\\u{202e}UN"), "{stderr}");
}

#[test]
fn a_fold_inside_a_character_is_rejoined() {
    let loaded = load("ics/midutf8.ics");
    assert_eq!(loaded.timeline.title, "Frühstück");
    let events = loaded.timeline.to_events();
    let breakfast = one(&events, "Käse und Brötchen");
    assert_eq!(breakfast.description, "Preis 4€ pro Person 🥐");
    one(&events, "Café after the folds");
    // Mending moves bytes across a fold, never a line: positions after
    // the folds are those of the file.
    let duration = warning(&loaded, "is not a DURATION");
    assert_eq!((duration.line, duration.column), (19, 1), "{duration}");
    assert_eq!(
        duration.message,
        "\"about an hour\" is not a DURATION (such as PT1H30M or P1D); ignored"
    );
    // Bytes that are no UTF-8 whatever the folds still fail, where they are.
    let bad = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:K\xff\r\n \xa4se\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let errors = io::load_bytes("bad.ics", bad).err().unwrap_or_default();
    assert_eq!((errors[0].line, errors[0].column), (3, 10), "{errors:?}");
    assert!(errors[0].message.contains("not valid UTF-8"), "{errors:?}");
}

#[test]
fn tentative_and_cancelled_events_get_statuses() {
    let google = load("ics/google.ics");
    let events = google.timeline.to_events();
    let call = one(&events, "Brussels call");
    assert_eq!(call.status, Some(Status::Claimed), "tentative: not settled");
    assert_eq!(field(call, "Status"), Some("tentative"));
    let apple = load("ics/apple.ics");
    let events = apple.timeline.to_events();
    let off = one(&events, "Summit called off");
    assert_eq!(off.status, Some(Status::Denied), "cancelled: struck out");
    assert_eq!(field(off, "Status"), Some("cancelled"));
    let planned = one(&events, "Budapest summit (planned)");
    assert_eq!((planned.status, field(planned, "Status")), (None, None));
}

#[test]
fn windows_zone_names_without_a_vtimezone_resolve_through_cldr() {
    let loaded = load("ics/exchange_windows_zones.ics");
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(loaded.timeline.title, "Correspondents");
    let la = one(t, "Los Angeles desk call");
    assert_eq!(la.start.to_iso(), "2025-11-06T09:00-08:00");
    assert_eq!(
        la.end.map(|d| d.to_iso()).as_deref(),
        Some("2025-11-06T09:30-08:00")
    );
    assert_eq!(la.status, Some(Status::Confirmed));
    let tokyo = one(t, "Tokyo bureau summer meeting");
    assert_eq!(tokyo.start.to_iso(), "2025-07-15T18:00+09:00");
    assert_eq!(tokyo.status, Some(Status::Claimed));
    // The file's own definition of a Windows name still applies.
    let conference = one(t, "Redaktionskonferenz");
    assert_eq!(conference.start.to_iso(), "2025-07-15T10:00+02:00");
    assert_eq!(conference.status, Some(Status::Denied));
    // A name that is nothing known: the warning says what the time became.
    let somewhere = one(t, "Somewhere call");
    assert_eq!(somewhere.start.to_iso(), "2025-11-06T09:00", "floating");
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let w = &loaded.warnings[0];
    assert_eq!(w.line, 53, "{w}");
    assert_eq!(
        w.message,
        "the time zone \"Customized Time Zone 7\" is neither in the time-zone database, nor a Windows zone name, nor defined in the file; its times are read as floating (wall-clock times without a zone)"
    );
}

#[test]
fn rules_that_yield_nothing_keep_their_start_with_a_warning() {
    for (rule, words) in [
        (
            "RRULE:FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=2",
            "yields no occurrence in the 2 years it is expanded for",
        ),
        (
            "RRULE:FREQ=DAILY;INTERVAL=0;COUNT=3",
            "yields no occurrence:",
        ),
        ("RRULE:FREQ=DAILY;COUNT=0", "yields no occurrence:"),
    ] {
        let text = calendar(&["SUMMARY:never", "DTSTART:20250101T100000Z", rule]);
        let loaded = load_text("none.ics", &text);
        assert_eq!(loaded.timeline.len(), 1, "{rule}");
        let events = loaded.timeline.to_events();
        assert_eq!(events[0].start.to_iso(), "2025-01-01T10:00Z", "{rule}");
        let w = warning(&loaded, words);
        assert_eq!((w.line, w.column), (7, 1), "{rule}: {w}");
        assert!(
            w.message
                .ends_with("the event is shown once, at its DTSTART")
        );
    }
    let text = calendar(&[
        "SUMMARY:forever",
        "DTSTART:20250101T100000Z",
        "RRULE:FREQ=DAILY;COUNT=4294967295",
    ]);
    let loaded = load_text("huge.ics", &text);
    assert_eq!(loaded.timeline.len(), 10_000);
    let w = warning(&loaded, "more than 10,000 occurrences");
    assert_eq!(w.line, 7);
}

#[test]
fn floating_times_are_in_the_calendars_own_zone() {
    // Google and Apple name the calendar's zone in X-WR-TIMEZONE; a time
    // with neither Z nor TZID is a wall time there (daylight saving too).
    let with_zone = |zone: &str, lines: &[&str]| {
        calendar(lines).replacen(
            "VERSION:2.0\r\n",
            &format!("VERSION:2.0\r\nX-WR-TIMEZONE:{zone}\r\n"),
            1,
        )
    };
    let text = with_zone(
        "Europe/Berlin",
        &[
            "SUMMARY:weekly",
            "DTSTART:20251020T090000",
            "RRULE:FREQ=WEEKLY;COUNT=2",
        ],
    );
    let loaded = load_text("berlin.ics", &text);
    let starts: Vec<String> = loaded
        .timeline
        .to_events()
        .iter()
        .map(|e| e.start.to_iso())
        .collect();
    assert_eq!(starts, ["2025-10-20T09:00+02:00", "2025-10-27T09:00+01:00"]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    // A zone of its own times (UTC, TZID) is not changed by it.
    let text = with_zone(
        "Europe/Berlin",
        &["SUMMARY:utc", "DTSTART:20251020T090000Z"],
    );
    let events = load_text("utc.ics", &text).timeline.to_events();
    assert_eq!(events[0].start.to_iso(), "2025-10-20T09:00Z");
    // A zone that is nothing known leaves them floating, and says so once.
    let text = with_zone(
        "Atlantis/Capital",
        &["SUMMARY:lost", "DTSTART:20251020T090000"],
    );
    let loaded = load_text("lost.ics", &text);
    assert_eq!(
        loaded.timeline.to_events()[0].start.to_iso(),
        "2025-10-20T09:00"
    );
    let w = warning(&loaded, "X-WR-TIMEZONE");
    assert!(w.message.contains("\"Atlantis/Capital\""), "{w}");
}

#[test]
fn a_dtstart_off_its_rule_is_the_first_occurrence() {
    // A Wednesday start of a rule of Mondays: RFC 5545 counts DTSTART as
    // the first occurrence, within COUNT, as calendar programs show it.
    let text = calendar(&[
        "SUMMARY:briefing",
        "DTSTART:20251105T100000Z",
        "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3",
    ]);
    let loaded = load_text("off.ics", &text);
    let starts: Vec<String> = loaded
        .timeline
        .to_events()
        .iter()
        .map(|e| e.start.to_iso())
        .collect();
    assert_eq!(
        starts,
        [
            "2025-11-05T10:00Z",
            "2025-11-10T10:00Z",
            "2025-11-17T10:00Z"
        ]
    );
    let w = warning(&loaded, "DTSTART (2025-11-05) is not a date of its RRULE");
    assert_eq!(w.line, 7);
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    // On its rule, it is simply the first, with nothing to say.
    let text = calendar(&[
        "SUMMARY:briefing",
        "DTSTART:20251103T100000Z",
        "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3",
    ]);
    let loaded = load_text("on.ics", &text);
    assert_eq!(loaded.timeline.len(), 3);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_count_the_recurrence_library_cannot_reach_is_said() {
    // 9,000 new years from 2025 would run to 11024; the library stops at
    // 10000, after 7,976 of them.
    let text = calendar(&[
        "SUMMARY:new year",
        "DTSTART;VALUE=DATE:20250101",
        "RRULE:FREQ=YEARLY;COUNT=9000",
    ]);
    let loaded = load_text("years.ics", &text);
    assert_eq!(loaded.timeline.len(), 7_976);
    let w = warning(
        &loaded,
        "asks for 9,000 occurrences, but the recurrence library stops after 7,976, on 10000-01-01",
    );
    assert_eq!(w.line, 7);
    // A count that is reached, or an UNTIL that ends the series first, is
    // not a problem.
    for rule in [
        "RRULE:FREQ=YEARLY;COUNT=30",
        "RRULE:FREQ=YEARLY;COUNT=30;UNTIL=20300101",
    ] {
        let text = calendar(&["SUMMARY:new year", "DTSTART;VALUE=DATE:20250101", rule]);
        let loaded = load_text("years.ics", &text);
        assert!(loaded.warnings.is_empty(), "{rule}: {:?}", loaded.warnings);
    }
}

#[test]
fn long_values_in_warnings_are_shortened() {
    let rule = format!("RRULE:FREQ=DAILY;BYDAY={}", vec!["XX"; 1712].join(","));
    assert_eq!(rule.len(), 5_158);
    let count = format!("RRULE:FREQ=DAILY;COUNT={}", "9".repeat(5_000));
    let duration = format!("DURATION:P{}", "A".repeat(5_000));
    let zone = format!("DTSTART;TZID={}:20250101T100000", "Z".repeat(5_000));
    // (name, lines, whether the message quotes the long value)
    for (name, lines, quoted) in [
        (
            "weekday",
            vec!["DTSTART:20250101T100000Z", rule.as_str()],
            false,
        ),
        (
            "count",
            vec!["DTSTART:20250101T100000Z", count.as_str()],
            true,
        ),
        (
            "duration",
            vec!["DTSTART:20250101T100000Z", duration.as_str()],
            true,
        ),
        ("zone", vec![zone.as_str()], true),
    ] {
        let loaded = load_text("long.ics", &calendar(&lines));
        assert_eq!(loaded.warnings.len(), 1, "{name}: {:?}", loaded.warnings);
        let message = &loaded.warnings[0].message;
        assert!(message.chars().count() < 400, "{name}: {message}");
        assert_eq!(message.contains("…\""), quoted, "{name}: {message}");
    }
}

#[test]
fn broken_lines_are_placed_and_cut_files_still_load() {
    let bidi = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nSUM\u{202e}MARY:t\r\nDTSTART:20250101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let errors = io::load_bytes("bidi.ics", bidi.as_bytes())
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "bidi.ics:5:4: error: this is not an iCalendar property: \"SUM\\u{202e}MARY:t\" (a property name is letters, digits and \"-\", then \":\", not \"\\u{202e}\")"
    );
    let truncated = load("ics/truncated.ics");
    assert_eq!(
        all(&truncated.timeline.to_events(), "UN General Assembly vote").len(),
        1
    );
    let w = warning(&truncated, "cut short");
    assert_eq!(
        w.message,
        "the file ends without \"END:VCALENDAR\": it may have been cut short; it is read as far as it goes"
    );
    assert_eq!((w.line, w.column), (44, 11), "{w}");
    // Cut inside an event: what it holds so far is read.
    let inside = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20250101T100000Z\nSUMMARY:cut";
    let loaded = load_text("inside.ics", inside);
    assert_eq!(loaded.timeline.to_events()[0].title, "cut");
    assert!(
        warning(&loaded, "cut short")
            .message
            .contains("without \"END:VEVENT\", \"END:VCALENDAR\""),
        "{:?}",
        loaded.warnings
    );
    // An END that closes the wrong component is an error on its line.
    let wrong = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20250101T100000Z\nEND:VTODO\nEND:VCALENDAR\n";
    let errors = io::load_bytes("wrong.ics", wrong.as_bytes())
        .err()
        .unwrap_or_default();
    assert_eq!(
        errors[0].to_string(),
        "wrong.ics:5:1: error: \"END:VTODO\" does not end the open component \"BEGIN:VEVENT\" (begun on line 2)"
    );
}

/// Every ICS fixture cut at many places and with bytes flipped (as in
/// `import_formats`): each loads or fails with positions, none panics.
#[test]
fn damaged_calendars_never_panic() {
    for path in common::fixture_files("ics") {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let step = (bytes.len() / 200).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let check = |result: Result<Loaded, Vec<Diagnostic>>| {
                let diagnostics = match result {
                    Ok(loaded) => loaded.warnings,
                    Err(diagnostics) => diagnostics,
                };
                assert!(
                    diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1),
                    "{} cut at {cut}",
                    path.display()
                );
            };
            check(io::load_bytes("cut.ics", &bytes[..cut]));
            let mut flipped = bytes.clone();
            for (i, b) in [b':', b';', b'\n', b' ', b'=', b',', 0xC3, b'Z', b'T', 0xE2]
                .iter()
                .enumerate()
            {
                if let Some(slot) = flipped.get_mut(cut + i * 5) {
                    *slot = *b;
                }
            }
            check(io::load_bytes("flipped.ics", &flipped));
        }
    }
}

/// Calendars assembled at random from lines real files hold, broken ones
/// and stray characters: none panics, every diagnostic has a position.
#[test]
fn random_calendars_never_panic() {
    const LINES: &[&str] = &[
        "BEGIN:VEVENT",
        "END:VEVENT",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
        "BEGIN:STANDARD",
        "END:STANDARD",
        "TZID:Custom",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:-0530",
        "DTSTART:19701025T030000",
        "UID:a",
        "UID:b",
        "SUMMARY:x\\, y",
        "DTSTART:20250101T100000Z",
        "DTSTART;VALUE=DATE:20250101",
        "DTSTART;TZID=Custom:20250301T020000",
        "DTSTART;TZID=Pacific Standard Time:20250309T023000",
        "DTSTART:99991231T235959Z",
        "DTSTART:00010101T000000",
        "DTEND:20241231T000000Z",
        "DURATION:P99999999999W",
        "DURATION:-PT1S",
        "RRULE:FREQ=DAILY;COUNT=3",
        "RRULE:FREQ=SECONDLY;UNTIL=99991231T000000Z",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU",
        "RRULE:FREQ=WEEKLY;BYDAY=SÜ",
        "RRULE:FREQ=DAILY;UNTIL=2025",
        "RRULE:",
        "EXDATE:20250102T100000Z,bad",
        "RDATE;VALUE=DATE:20250105",
        "RECURRENCE-ID:20250102T100000Z",
        "STATUS:CANCELLED",
        "STATUS:TENTATIVE",
        "CATEGORIES:a,b\\,c",
        "X-\u{202e}:1",
        " folded",
        "",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % 1_000_003).unwrap_or(0)
    };
    let mut loaded = 0;
    for round in 0..2_000 {
        let mut text = String::from("BEGIN:VCALENDAR\r\n");
        // Mostly whole VEVENTs, so that most calendars get past the parser.
        let mut lines = Vec::new();
        for _ in 0..next() % 5 {
            lines.push("BEGIN:VEVENT");
            for _ in 0..next() % 8 {
                lines.push(LINES[next() % LINES.len()]);
            }
            if next() % 8 != 0 {
                lines.push("END:VEVENT");
            }
        }
        for line in lines {
            let mut line = line.to_owned();
            if next() % 6 == 0 && !line.is_empty() {
                let at = line
                    .char_indices()
                    .nth(next() % line.chars().count())
                    .map_or(0, |(i, _)| i);
                line.insert(at, ['é', ';', ':', '"', '\u{202e}', ','][next() % 6]);
            }
            text.push_str(&line);
            text.push_str(if next() % 5 == 0 { "\n" } else { "\r\n" });
        }
        if next() % 4 != 0 {
            text.push_str("END:VCALENDAR\r\n");
        }
        let diagnostics = match io::load_bytes("random.ics", text.as_bytes()) {
            Ok(calendar) => {
                loaded += 1;
                calendar.warnings
            }
            Err(diagnostics) => diagnostics,
        };
        assert!(
            diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1),
            "round {round}: {text:?}"
        );
    }
    assert!(
        loaded > 200,
        "only {loaded} of 2000 loaded: the test must reach the reader"
    );
}
