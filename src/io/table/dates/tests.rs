//! The date forms of table cells, number columns and column orders.

use super::*;
use crate::time::Date;

fn done(text: &str) -> Date {
    match shape(text) {
        Some(Shape::Done(d)) => d,
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn written_forms() {
    for text in [
        "06 November 2025",
        "6 November 2025",
        "November 6, 2025",
        "Nov 6 2025",
        "6 Nov 2025",
        "6-Nov-25",
        "6. November 2025",
        "Thu, 06 Nov 2025",
        "2025/11/06",
        "6 de noviembre de 2025",
        "2025-11-06",
    ] {
        assert_eq!(done(text).to_iso(), "2025-11-06", "{text}");
    }
    assert_eq!(done("November 2025").to_iso(), "2025-11");
    // Twitter's `created_at`, and Unix `date`: the year after the time.
    assert_eq!(
        done("Wed Oct 10 20:19:24 +0000 2018").to_iso(),
        "2018-10-10T20:19:24Z"
    );
    assert_eq!(
        done("Thu Nov  6 14:30:00 UTC 2025").to_iso(),
        "2025-11-06T14:30:00Z"
    );
    assert_eq!(done("2025-11-06 14:30:00").to_iso(), "2025-11-06T14:30:00");
    assert_eq!(
        done("November 6, 2025 2:30 PM").to_iso(),
        "2025-11-06T14:30"
    );
    assert_eq!(
        done("2025-11-06 14:30:05.123456 UTC").to_iso(),
        "2025-11-06T14:30:05.123Z"
    );
}

#[test]
fn wikidata_years() {
    let big_bang = done("-13800000000-01-01T00:00:00Z");
    assert_eq!(big_bang.year_number(), -13_800_000_000);
    assert_eq!(big_bang.precision(), Precision::Year);
    assert_eq!(
        done("+1879-03-14T00:00:00Z").to_iso(),
        "1879-03-14T00:00:00Z"
    );
    assert_eq!(done("-0043-03-15T00:00:00Z").year_number(), -43);
    assert_eq!(done("1900-05-00").to_iso(), "1900-05");
}

#[test]
fn numeric_order_from_the_column() {
    let s = shape("06/11/2025");
    assert!(matches!(
        s,
        Some(Shape::Numeric {
            a: 6,
            b: 11,
            year: 2025,
            ..
        })
    ));
    let mut evidence = OrderEvidence::default();
    for text in ["06/11/2025", "13/11/2025"] {
        if let Some(s) = shape(text) {
            evidence.add(&s);
        }
    }
    assert_eq!(evidence.settled(), Some(DateOrder::Dmy));
    let resolved = s.map(|s| resolve(s, DateOrder::Mdy));
    assert_eq!(
        resolved.and_then(Result::ok).map(|d| d.to_iso()),
        Some("2025-06-11".into())
    );
    let pm = shape("11/6/2025 2:30:00 PM");
    let mut evidence = OrderEvidence::default();
    if let Some(s) = &pm {
        evidence.add(s);
    }
    assert_eq!(evidence.settled(), None);
    assert_eq!(evidence.default_order(), DateOrder::Mdy);
    let us = shape("11/13/2025").unwrap_or(Shape::Done(Date::year(1)));
    assert!(resolve(us, DateOrder::Dmy).is_err());
    assert!(pm.is_some());
}

#[test]
fn clocks_and_numbers() {
    assert_eq!(
        parse_clock("14:30").map(|c| (c.hour, c.minute)),
        Some((14, 30))
    );
    assert_eq!(parse_clock("2:30 PM").map(|c| c.hour), Some(14));
    assert_eq!(parse_clock("12 a.m.").map(|c| c.hour), Some(0));
    assert_eq!(parse_clock("14"), None);
    assert_eq!(number_kind(&[1969.0, -44.0], true), Some(NumberKind::Year));
    assert_eq!(
        number_kind(&[1969.0, 2001.0], false),
        Some(NumberKind::Year)
    );
    assert_eq!(number_kind(&[0.0, 12.0], false), None);
    assert_eq!(
        number_kind(&[1_762_425_000.0], false),
        Some(NumberKind::UnixSeconds)
    );
    assert_eq!(
        number_kind(&[1_762_425_000_000.0], false),
        Some(NumberKind::UnixMillis)
    );
    assert_eq!(
        number_kind(&[45_967.0, 45_968.5], false),
        Some(NumberKind::Serial)
    );
    assert_eq!(number_kind(&[3.5], false), None);
    assert_eq!(
        serial_date(45_967.0).map(|d| d.to_iso()),
        Some("2025-11-06".into())
    );
    assert_eq!(
        serial_date(45_967.604_166_666_7).map(|d| d.to_iso()),
        Some("2025-11-06T14:30".into())
    );
    assert_eq!(
        date_from_number(1_762_439_400.0, NumberKind::UnixSeconds).map(|d| d.to_iso()),
        Ok("2025-11-06T14:30:00".into())
    );
    assert!(shape("hello").is_none());
    assert!(shape("12").is_some(), "a bare year is ISO");
    assert!(shape("14:30").is_none());
}

#[test]
fn bare_integers_are_short_years_or_basic_dates() {
    assert_eq!(done("1969").to_iso(), "1969");
    assert_eq!(
        done("45968").year_number(),
        45_968,
        "five digits may be a year"
    );
    let basic = done("20251106");
    assert_eq!(basic.to_iso(), "2025-11-06");
    assert_eq!(basic.precision(), Precision::Day);
    for never in [
        "1762439400",
        "1762439400000",
        "123456",
        "20251332",
        "2025110",
    ] {
        assert!(shape(never).is_none(), "{never}");
    }
    // Deep time is written signed.
    assert_eq!(done("-13800000000").year_number(), -13_800_000_000);
}

#[test]
fn number_columns_of_basic_dates_and_no_long_years() {
    assert_eq!(
        number_kind(&[20_251_106.0, 20_251_107.0], false),
        Some(NumberKind::BasicDate)
    );
    assert_eq!(
        date_from_number(20_251_106.0, NumberKind::BasicDate).map(|d| d.to_iso()),
        Ok("2025-11-06".into())
    );
    // Eight-digit counts are not days.
    assert_eq!(number_kind(&[12_345_678.0, 87_654_321.0], false), None);
    // A header saying "year" does not make a timestamp a year.
    assert_eq!(
        number_kind(&[1_762_439_400.0], true),
        Some(NumberKind::UnixSeconds)
    );
    assert_eq!(
        number_kind(&[-13_800_000_000.0, -4_540_000_000.0], true),
        Some(NumberKind::Year)
    );
}

#[test]
fn edtf_is_tried_only_with_full_years() {
    for text in [
        "2025-11~",
        "201X",
        "[2025-11-03..2025-11-07]",
        "2025-11-03/2025-11-05",
        "../2025",
        "2025?",
    ] {
        assert!(matches!(edtf(text), Some(Ok(_))), "{text}");
    }
    for text in [
        "11/2025",
        "3/4",
        "soon",
        "n/a",
        "1.5",
        "1762439400",
        "+20251332",
    ] {
        assert!(edtf(text).is_none(), "{text}");
    }
    assert!(matches!(edtf("2025-13~"), Some(Err(_))));
}

#[test]
fn dotted_dates_settle_day_first() {
    let evidence = |texts: &[&str]| {
        let mut evidence = OrderEvidence::default();
        for text in texts {
            if let Some(s) = shape(text) {
                evidence.add(&s);
            }
        }
        evidence
    };
    let dotted = evidence(&["06.11.2025", "07.11.2025 14:30"]);
    assert_eq!(dotted.settled(), Some(DateOrder::Dmy));
    assert_eq!(evidence(&["06/11/2025"]).settled(), None);
    // Dots beside slashes settle nothing: the slashes may be American.
    assert_eq!(evidence(&["06.11.2025", "07/11/2025"]).settled(), None);
    // A month over 12 still says month first.
    assert_eq!(
        evidence(&["11.13.2025", "11.06.2025"]).settled(),
        Some(DateOrder::Mdy)
    );
}
