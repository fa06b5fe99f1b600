//! iCalendar files as Google Calendar, Outlook, Thunderbird and Apple
//! Calendar export them: all-day events, TZID times resolved through the
//! database and through the file's own VTIMEZONE, recurrences with COUNT,
//! UNTIL, EXDATE and RECURRENCE-ID, folded lines, BOM, LF line ends.

mod common;

use chronoscope::io::{self, Format, Loaded};
use chronoscope::model::{Event, Status};
use chronoscope::time::Precision;
use common::fixture;

fn load(path: &str) -> Loaded {
    io::load_path(&fixture(path)).unwrap_or_else(|d| {
        panic!(
            "{path}: {}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
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
            .any(|w| w.message.contains("more than 10000"))
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
        "bad.ics:6:1: error: invalid DTSTART: `2025-11-06` is not a date-time (expected YYYYMMDDTHHMMSS, with Z for UTC)"
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
