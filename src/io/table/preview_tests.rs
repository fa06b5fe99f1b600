use super::*;
use crate::io::table::delimited;
use crate::io::table::mapping::OrderSource;

fn table(text: &str) -> Table {
    delimited::table(text, b',', 0).unwrap_or_else(|e| panic!("{e:?}"))
}

fn preview(text: &str, options: &LoadOptions) -> TablePreview {
    TablePreview::new(&table(text), Source::flat(Format::Csv), options)
}

/// Dates under a header no list knows, none with a day over 12, and no
/// column named like a title: every doubt at once.
const AMBIGUOUS: &str = "\
happened,note,who,place
06/11/2025,Talks announced,Ministry,Vienna
07/11/2025,Talks postponed,Ministry,Vienna
01/12/2025,Strike on the depot,Army,Odesa
";

#[test]
fn a_guessed_start_an_assumed_order_and_a_composed_title_are_unsure() {
    let p = preview(AMBIGUOUS, &LoadOptions::default());
    assert!(p.is_unsure());
    assert!(!p.failed());
    assert_eq!(
        p.unsure,
        [
            Unsure::StartByContent,
            Unsure::OrderAssumed(DateOrder::Dmy),
            Unsure::TitleComposed
        ]
    );
    let m = p.mapping.as_ref().unwrap_or_else(|| panic!("no mapping"));
    assert_eq!(m.start, 0);
    assert_eq!(m.start_found, Found::Content);
    assert_eq!(m.role_of(0), Some(Role::Start));
    assert_eq!(m.title, Title::Composed(vec![2, 3]));
    assert_eq!(m.role_of(2), Some(Role::Title));
    assert_eq!(m.role_of(1), Some(Role::Detail), "`note` is a description");
    let reasons = p.reasons();
    assert!(reasons[0].contains("`happened`"), "{reasons:?}");
    assert!(reasons[1].contains("day/month was assumed"), "{reasons:?}");
    assert_eq!(p.header, ["happened", "note", "who", "place"]);
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.row_count, 3);
    assert_eq!(
        p.rows[2],
        ["01/12/2025", "Strike on the depot", "Army", "Odesa"]
    );
}

#[test]
fn named_columns_and_a_settled_order_are_sure() {
    let p = preview(
        "date,title,type\n13/11/2025,A,x\n06/11/2025,B,y\n",
        &LoadOptions::default(),
    );
    assert!(!p.is_unsure(), "{:?}", p.unsure);
    let m = p.mapping.as_ref().unwrap_or_else(|| panic!("no mapping"));
    assert_eq!(m.start_found, Found::Header);
    assert_eq!(m.start_dates.order_source, OrderSource::Settled);
    assert_eq!(
        (m.role_of(0), m.role_of(1), m.role_of(2)),
        (Some(Role::Start), Some(Role::Title), Some(Role::Lane))
    );
}

#[test]
fn what_the_user_chose_is_not_doubted() {
    let options = LoadOptions {
        start_column: Some("happened".into()),
        title_column: Some("note".into()),
        date_order: Some(DateOrder::Mdy),
        ..LoadOptions::default()
    };
    let p = preview(AMBIGUOUS, &options);
    assert!(!p.is_unsure(), "{:?}", p.unsure);
    let m = p.mapping.as_ref().unwrap_or_else(|| panic!("no mapping"));
    assert_eq!(m.start_found, Found::Given);
    assert_eq!(m.start_dates.order_source, OrderSource::Given);
    assert_eq!(m.title, Title::Column(1));
    // A composed title the user asked for is not doubted either.
    let composed = LoadOptions {
        compose_title: true,
        ..options
    };
    let p = preview(AMBIGUOUS, &composed);
    assert!(!p.is_unsure(), "{:?}", p.unsure);
}

#[test]
fn no_date_column_still_shows_the_rows_to_choose_from() {
    let p = preview(
        "name,place\nAda,London\nGrace,Arlington\n",
        &LoadOptions::default(),
    );
    assert!(p.failed());
    assert!(p.mapping.is_none());
    assert!(
        matches!(&p.unsure[..], [Unsure::Failed(m)] if m.starts_with("no column holds dates")),
        "{:?}",
        p.unsure
    );
    assert_eq!(p.rows[1], ["Grace", "Arlington"]);
    // The reason speaks of the dialog's choice, not of a flag.
    let reason = &p.reasons()[0];
    assert!(
        reason.starts_with("It did not load: no column holds dates"),
        "{reason}"
    );
    assert!(
        reason.ends_with("the columns are: `name`, `place`."),
        "{reason}"
    );
}

#[test]
fn a_remembered_column_that_is_gone_offers_the_detected_guess() {
    let options = LoadOptions {
        start_column: Some("renamed".into()),
        date_order: Some(DateOrder::Mdy),
        ..LoadOptions::default()
    };
    let p = preview("date,title\n06/11/2025,A\n", &options);
    assert!(
        matches!(&p.unsure[..], [Unsure::Failed(m)] if m.contains("no column `renamed`")),
        "{:?}",
        p.unsure
    );
    let m = p.mapping.as_ref().unwrap_or_else(|| panic!("no guess"));
    assert_eq!(m.start, 0);
    assert_eq!(m.start_dates.order, DateOrder::Mdy, "the order is kept");
}

#[test]
fn too_few_dates_for_detection_are_still_offered_as_the_start() {
    let text = "event,happened,desk\nTalks,6 Nov 2025,Politics\nStrike,7 Nov 2025,Labour\nVote,unknown,Politics\nSummit,13 Nov 2025,Politics\nFair,21 Nov 2025,Culture\n";
    let p = preview(text, &LoadOptions::default());
    assert!(
        matches!(&p.unsure[..], [Unsure::Failed(m)] if m.starts_with("no column holds dates")),
        "{:?}",
        p.unsure
    );
    let m = p.mapping.as_ref().unwrap_or_else(|| panic!("no guess"));
    assert_eq!((m.start, &m.title, m.lane), (1, &Title::Column(0), Some(2)));
}

#[test]
fn a_failed_load_is_recorded_once() {
    let mut p = preview(AMBIGUOUS, &LoadOptions::default());
    p.failed_with("3 of 4 rows have no usable date");
    p.failed_with("another error");
    assert_eq!(
        p.unsure.last(),
        Some(&Unsure::Failed("3 of 4 rows have no usable date".into()))
    );
    assert_eq!(p.unsure.len(), 4);
}

#[test]
fn dates_read_with_the_order_being_tried() {
    let p = preview(AMBIGUOUS, &LoadOptions::default());
    let as_detected = p.dates_in(0, None);
    assert_eq!(as_detected[0].as_deref(), Ok("6 November 2025"));
    let month_first = p.dates_in(0, Some(DateOrder::Mdy));
    assert_eq!(month_first[0].as_deref(), Ok("11 June 2025"));
    assert_eq!(month_first[2].as_deref(), Ok("12 January 2025"));
    assert!(
        p.dates_in(1, None).iter().all(Result::is_err),
        "titles are no dates"
    );
    assert!(p.dates_in(9, None).is_empty(), "no such column");
    assert!(p.holds_dates(0));
    assert!(!p.holds_dates(1));
}

#[test]
fn options_can_drop_the_end_and_the_lanes_and_compose_the_title() {
    let text = "start,end,title,type,actor\n2025-11-06,2025-11-07,A,x,Ann\n2025-11-08,,B,y,Bob\n";
    let detected = preview(text, &LoadOptions::default());
    let m = detected.mapping.unwrap_or_else(|| panic!("no mapping"));
    assert_eq!(
        (m.end, m.lane, &m.title),
        (Some(1), Some(3), &Title::Column(2))
    );
    let options = LoadOptions {
        moments_only: true,
        single_lane: true,
        compose_title: true,
        ..LoadOptions::default()
    };
    let chosen = preview(text, &options);
    let m = chosen.mapping.unwrap_or_else(|| panic!("no mapping"));
    assert_eq!((m.end, m.lane), (None, None));
    assert!(
        matches!(&m.title, Title::Composed(cols) if !cols.is_empty()),
        "{:?}",
        m.title
    );
    assert!(chosen.unsure.is_empty(), "{:?}", chosen.unsure);
}

#[test]
fn edtf_cells_are_previewed_in_words() {
    let p = preview(
        "start,title\n2025-11~,A\n2025-11-03/2025-11-05,B\n",
        &LoadOptions::default(),
    );
    let words = p.dates_in(0, None);
    assert_eq!(words[0].as_deref(), Ok("around November 2025"));
    assert_eq!(words[1].as_deref(), Ok("3–5 November 2025"));
    assert!(p.holds_dates(0));
}
