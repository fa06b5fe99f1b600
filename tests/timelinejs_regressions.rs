//! Two `TimelineJS` files that real exports produce: a title slide with empty
//! dates, and cosmological years that are counts, not BCE years.

mod common;

use chronoscope::io;
use chronoscope::time::Precision;
use common::fixture;

#[test]
fn empty_title_slide_date_is_no_date() {
    let loaded = io::load_path(&fixture("timelinejs/empty_title_date.json"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let events = loaded.timeline.to_events();
    let t = &events[..];
    assert_eq!(loaded.timeline.title, "Exported from a Google Sheet");
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].end, None, "an empty end_date is no end");
    assert_eq!(t[0].start.to_iso(), "2025-10-16");
    assert_eq!(t[1].end.map(|d| d.to_iso()).as_deref(), Some("2025-10-23"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn empty_start_date_of_an_event_is_still_an_error() {
    let text =
        r#"{"events": [{"start_date": {"year": "", "month": ""}, "text": {"headline": "x"}}]}"#;
    let errors = io::load_bytes("x.json", text.as_bytes())
        .err()
        .unwrap_or_default();
    assert!(
        errors[0]
            .message
            .contains("needs a `start_date` with a `year`"),
        "{errors:?}"
    );
}

#[test]
fn cosmological_years_are_not_bce_shifted() {
    let loaded = io::load_path(&fixture("timelinejs/cosmological_counts.json"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let events = loaded.timeline.to_events();
    let t = &events[..];
    let years: Vec<i64> = t.iter().map(|e| e.start.year_number()).collect();
    assert_eq!(years, [-13_800_000_000, -4_540_000_000, -66_000_000]);
    assert_eq!(t[0].start.precision(), Precision::Year);
    assert_eq!(t[2].end.map(|d| d.year_number()), Some(-65_999_000));
    // On the human scale, -44 is 44 BCE: astronomical -43.
    let human = r#"{"events": [{"start_date": {"year": "-44"}, "text": {"headline": "Caesar"}}]}"#;
    let loaded = io::load_bytes("h.json", human.as_bytes()).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(loaded.timeline.to_events()[0].start.year_number(), -43);
}
