//! Table tests: every example of the Library of Congress EDTF specification
//! (levels 0, 1 and 2; the `{…}` all-of sets are rejected on purpose), our
//! ISO forms, and the errors with their byte offsets.

use super::*;
use crate::time::{bound_words, span_words};

fn parse(text: &str) -> Edtf {
    Edtf::parse(text).unwrap_or_else(|e| panic!("{text:?}: {} (at {})", e.message, e.offset))
}

/// First and last day a bound can mean, as `YYYY-MM-DD`; `..` when
/// unbounded on that side.
fn days(bound: &Bound) -> (String, String) {
    let show = |t: Time, _edge: Time| {
        if t <= Time::min_value() || t >= Time::max_value().add_nanos(-1) {
            "..".to_string()
        } else {
            Date::from_time(t, Precision::Day).to_iso()
        }
    };
    (
        show(bound.earliest(), Time::min_value()),
        show(
            bound.latest().add_nanos(-1),
            Time::max_value().add_nanos(-1),
        ),
    )
}

const Q0: Qualifiers = Qualifiers::NONE;
const QU: Qualifiers = Qualifiers::UNCERTAIN;
const QA: Qualifiers = Qualifiers::APPROXIMATE;
const QB: Qualifiers = Qualifiers {
    uncertain: true,
    approximate: true,
};

use Precision::{Day, Month, Second, Year};

/// (text, first day, last day, precision, qualifiers) for single bounds.
const SINGLES: &[(&str, &str, &str, Precision, Qualifiers)] = &[
    // Level 0.
    ("1985-04-12", "1985-04-12", "1985-04-12", Day, Q0),
    ("1985-04", "1985-04-01", "1985-04-30", Month, Q0),
    ("1985", "1985-01-01", "1985-12-31", Year, Q0),
    (
        "1985-04-12T23:20:30",
        "1985-04-12",
        "1985-04-12",
        Second,
        Q0,
    ),
    (
        "1985-04-12T23:20:30Z",
        "1985-04-12",
        "1985-04-12",
        Second,
        Q0,
    ),
    (
        "1985-04-12T23:20:30-04",
        "1985-04-13",
        "1985-04-13",
        Second,
        Q0,
    ),
    (
        "1985-04-12T23:20:30+04:30",
        "1985-04-12",
        "1985-04-12",
        Second,
        Q0,
    ),
    // Level 1.
    ("Y170000002", "", "", Year, Q0),
    ("Y-170000002", "", "", Year, Q0),
    ("2001-21", "2001-03-01", "2001-05-31", Month, Q0),
    ("1984?", "1984-01-01", "1984-12-31", Year, QU),
    ("2004-06~", "2004-06-01", "2004-06-30", Month, QA),
    ("2004-06-11%", "2004-06-11", "2004-06-11", Day, QB),
    ("201X", "2010-01-01", "2019-12-31", Year, Q0),
    ("20XX", "2000-01-01", "2099-12-31", Year, Q0),
    ("2004-XX", "2004-01-01", "2004-12-31", Month, Q0),
    ("1985-04-XX", "1985-04-01", "1985-04-30", Day, Q0),
    ("1985-XX-XX", "1985-01-01", "1985-12-31", Day, Q0),
    ("-1985", "-1985-01-01", "-1985-12-31", Year, Q0),
    // Level 2.
    ("Y-17E7", "", "", Year, Q0),
    ("1950S2", "1900-01-01", "1999-12-31", Year, Q0),
    ("Y171010000S3", "", "", Year, Q0),
    ("Y3388E2S3", "", "", Year, Q0),
    ("2001-34", "2001-04-01", "2001-06-30", Month, Q0),
    ("2001-24", "2001-12-01", "2002-02-28", Month, Q0),
    (
        "[1667,1668,1670..1672]",
        "1667-01-01",
        "1672-12-31",
        Year,
        Q0,
    ),
    ("[..1760-12-03]", "..", "1760-12-03", Day, Q0),
    ("[1760-12..]", "1760-12-01", "..", Month, Q0),
    ("[1760-01,1760-02,1760-12..]", "1760-01-01", "..", Month, Q0),
    ("[1667,1760-12]", "1667-01-01", "1760-12-31", Month, Q0),
    ("[..1984]", "..", "1984-12-31", Year, Q0),
    ("2004-06-~11", "2004-06-11", "2004-06-11", Day, QA),
    ("2004-06~-11", "2004-06-11", "2004-06-11", Day, QA),
    ("2004?-06-11", "2004-06-11", "2004-06-11", Day, QU),
    ("?2004-06-~11", "2004-06-11", "2004-06-11", Day, QB),
    ("2004-%06-11", "2004-06-11", "2004-06-11", Day, QB),
    ("156X-12-25", "1560-12-25", "1569-12-25", Day, Q0),
    ("15XX-12-25", "1500-12-25", "1599-12-25", Day, Q0),
    ("XXXX-12-XX", "0000-12-01", "9999-12-31", Day, Q0),
    ("1XXX-XX", "1000-01-01", "1999-12-31", Month, Q0),
    ("1XXX-12", "1000-12-01", "1999-12-31", Month, Q0),
    ("1984-1X", "1984-10-01", "1984-12-31", Month, Q0),
    // The forms the issue names.
    ("2025?", "2025-01-01", "2025-12-31", Year, QU),
    ("2025-11~", "2025-11-01", "2025-11-30", Month, QA),
    ("2025-11%", "2025-11-01", "2025-11-30", Month, QB),
    ("2025-11-~05", "2025-11-05", "2025-11-05", Day, QA),
    ("2025-11-XX", "2025-11-01", "2025-11-30", Day, Q0),
    (
        "[2025-11-03..2025-11-07]",
        "2025-11-03",
        "2025-11-07",
        Day,
        Q0,
    ),
    ("[..2025-11-07]", "..", "2025-11-07", Day, Q0),
    ("[2025-11-03..]", "2025-11-03", "..", Day, Q0),
    ("Y-13800000000", "", "", Year, Q0),
    ("XXXX-02-29", "0000-02-29", "9996-02-29", Day, Q0),
    ("1XXX-02-29", "1004-02-29", "1996-02-29", Day, Q0),
    // Our ISO forms.
    (
        "2025-10-16T14",
        "2025-10-16",
        "2025-10-16",
        Precision::Hour,
        Q0,
    ),
    (
        "2025-10-16T14:30",
        "2025-10-16",
        "2025-10-16",
        Precision::Minute,
        Q0,
    ),
    (
        "2025-10-16T14:30:05.250+03:00",
        "2025-10-16",
        "2025-10-16",
        Precision::Millisecond,
        Q0,
    ),
    (
        "2025-10-16T14:30-0530",
        "2025-10-16",
        "2025-10-16",
        Precision::Minute,
        Q0,
    ),
    ("-13800000000", "", "", Year, Q0),
    ("-0043-03-15", "-0043-03-15", "-0043-03-15", Day, Q0),
];

#[test]
fn single_bounds_parse_with_their_window_precision_and_qualifiers() {
    for &(text, first, last, precision, qualifiers) in SINGLES {
        let field = parse(text);
        let Edtf::Single(bound) = &field else {
            panic!("{text}: not a single bound");
        };
        if !first.is_empty() {
            assert_eq!(days(bound), (first.to_string(), last.to_string()), "{text}");
        }
        assert_eq!(bound.precision(), precision, "{text}");
        assert_eq!(bound.qualifiers(), qualifiers, "{text}");
        assert_eq!(field.to_string(), text, "round trip of {text}");
        assert_eq!(Edtf::parse(&field.to_string()), Ok(field.clone()), "{text}");
        assert!(bound.earliest() < bound.latest(), "{text}");
    }
}

#[test]
fn long_and_estimated_years() {
    let year_of = |text: &str, t: fn(&Bound) -> Time| {
        let field = parse(text);
        t(field.start())
            .add_nanos(-1)
            .max(field.start().earliest())
            .year()
    };
    let first = |text: &str| parse(text).start().earliest().year();
    let last = |text: &str| year_of(text, Bound::latest);
    assert_eq!(
        (first("Y170000002"), last("Y170000002")),
        (170_000_002, 170_000_002)
    );
    assert_eq!(first("Y-170000002"), -170_000_002);
    assert_eq!(
        (first("Y-17E7"), last("Y-17E7")),
        (-170_000_000, -170_000_000)
    );
    assert_eq!(
        (first("Y171010000S3"), last("Y171010000S3")),
        (171_000_000, 171_999_999)
    );
    assert_eq!((first("Y3388E2S3"), last("Y3388E2S3")), (338_000, 338_999));
    assert_eq!(first("Y-13800000000"), -13_800_000_000);
    assert_eq!(
        parse("Y-13800000000").start().earliest(),
        parse("-13800000000").start().earliest()
    );
    assert_eq!(first("-1950S2"), -1999);
}

/// (text, start's first and last day, end's first and last day).
const INTERVALS: &[(&str, [&str; 4])] = &[
    (
        "1964/2008",
        ["1964-01-01", "1964-12-31", "2008-01-01", "2008-12-31"],
    ),
    (
        "2004-06/2006-08",
        ["2004-06-01", "2004-06-30", "2006-08-01", "2006-08-31"],
    ),
    (
        "2004-02-01/2005-02-08",
        ["2004-02-01", "2004-02-01", "2005-02-08", "2005-02-08"],
    ),
    (
        "2004-02-01/2005-02",
        ["2004-02-01", "2004-02-01", "2005-02-01", "2005-02-28"],
    ),
    (
        "2004-02-01/2005",
        ["2004-02-01", "2004-02-01", "2005-01-01", "2005-12-31"],
    ),
    (
        "2005/2006-02",
        ["2005-01-01", "2005-12-31", "2006-02-01", "2006-02-28"],
    ),
    (
        "1985-04-12/..",
        ["1985-04-12", "1985-04-12", "1985-04-13", ".."],
    ),
    (
        "1985-04/..",
        ["1985-04-01", "1985-04-30", "1985-05-01", ".."],
    ),
    ("1985/..", ["1985-01-01", "1985-12-31", "1986-01-01", ".."]),
    (
        "../1985-04-12",
        ["..", "1985-04-11", "1985-04-12", "1985-04-12"],
    ),
    (
        "../1985-04",
        ["..", "1985-03-31", "1985-04-01", "1985-04-30"],
    ),
    ("../1985", ["..", "1984-12-31", "1985-01-01", "1985-12-31"]),
    (
        "1985-04-12/",
        ["1985-04-12", "1985-04-12", "1985-04-12", ".."],
    ),
    ("1985-04/", ["1985-04-01", "1985-04-30", "1985-04-01", ".."]),
    ("1985/", ["1985-01-01", "1985-12-31", "1985-01-01", ".."]),
    (
        "/1985-04-12",
        ["..", "1985-04-12", "1985-04-12", "1985-04-12"],
    ),
    ("/1985-04", ["..", "1985-04-30", "1985-04-01", "1985-04-30"]),
    ("/1985", ["..", "1985-12-31", "1985-01-01", "1985-12-31"]),
    (
        "1984~/2004-06",
        ["1984-01-01", "1984-12-31", "2004-06-01", "2004-06-30"],
    ),
    (
        "1984/2004-06~",
        ["1984-01-01", "1984-12-31", "2004-06-01", "2004-06-30"],
    ),
    (
        "1984~/2004~",
        ["1984-01-01", "1984-12-31", "2004-01-01", "2004-12-31"],
    ),
    (
        "1984?/2004%",
        ["1984-01-01", "1984-12-31", "2004-01-01", "2004-12-31"],
    ),
    (
        "1984-06?/2004-08?",
        ["1984-06-01", "1984-06-30", "2004-08-01", "2004-08-31"],
    ),
    (
        "1984-06-02?/2004-08-08~",
        ["1984-06-02", "1984-06-02", "2004-08-08", "2004-08-08"],
    ),
    (
        "1984-06-02?/..",
        ["1984-06-02", "1984-06-02", "1984-06-03", ".."],
    ),
    (
        "2004-06-~01/2004-06-~20",
        ["2004-06-01", "2004-06-01", "2004-06-20", "2004-06-20"],
    ),
    (
        "2004-06-XX/2004-07-03",
        ["2004-06-01", "2004-06-30", "2004-07-03", "2004-07-03"],
    ),
    (
        "2025-11-03/2025-11-05",
        ["2025-11-03", "2025-11-03", "2025-11-05", "2025-11-05"],
    ),
    (
        "[2025-11-03..2025-11-07]/2025-11",
        ["2025-11-03", "2025-11-07", "2025-11-01", "2025-11-30"],
    ),
];

#[test]
fn intervals_keep_both_bounds() {
    for &(text, [a, b, c, d]) in INTERVALS {
        let field = parse(text);
        let Edtf::Interval { start, end } = &field else {
            panic!("{text}: not an interval");
        };
        // An open side reaches from the other bound to the end of time.
        let (s0, s1) = days(start);
        let (e0, e1) = days(end);
        assert_eq!(
            [s0.as_str(), s1.as_str(), e0.as_str(), e1.as_str()],
            [a, b, c, d],
            "{text}"
        );
        assert_eq!(field.to_string(), text, "round trip of {text}");
    }
    let field = parse("1984?/2004%");
    assert_eq!(field.start().qualifiers(), QU);
    assert_eq!(field.end().map(Bound::qualifiers), Some(QB));
    assert!(matches!(
        parse("1985/..").end().map(Bound::kind),
        Some(BoundKind::Open)
    ));
    assert!(matches!(
        parse("1985/").end().map(Bound::kind),
        Some(BoundKind::Unknown)
    ));
    assert!(matches!(parse("/1985").start().kind(), BoundKind::Unknown));
}

#[test]
fn qualifiers_apply_to_the_parts_the_specification_says() {
    let date = |text: &str| match parse(text).start().kind() {
        BoundKind::Date(d) => *d,
        other => panic!("{text}: {other:?}"),
    };
    let parts = |text: &str| {
        let d = date(text);
        [Part::Year, Part::Month, Part::Day].map(|p| d.qualifiers_of(p))
    };
    // Left of a part: that part; right of a part: it and all before it.
    assert_eq!(parts("2004-06-~11"), [Q0, Q0, QA]);
    assert_eq!(parts("2004-06~-11"), [QA, QA, Q0]);
    assert_eq!(parts("2004?-06-11"), [QU, Q0, Q0]);
    assert_eq!(parts("?2004-06-~11"), [QU, Q0, QA]);
    assert_eq!(parts("2004-%06-11"), [Q0, QB, Q0]);
    assert_eq!(parts("2004-06-11%"), [QB, QB, QB]);
    assert!(date("156X-12-25").is_unspecified(Part::Year));
    assert!(!date("156X-12-25").is_unspecified(Part::Day));
}

#[test]
fn every_old_iso_form_still_means_the_same() {
    for text in [
        "2025",
        "2025-10",
        "2025-10-16",
        "2025-10-16T14",
        "2025-10-16T14:30",
        "2025-10-16T14:30:05",
        "2025-10-16T14:30:05.250+03:00",
        "2025-10-16T11:30:05.250Z",
        "2025-10-16 14:30",
        "2025-10-16T14:30:05.5",
        "2025-10-16T14:30:05,5",
        "2025-10-16T14:30-0530",
        "-0043-03-15",
        "-13800000000",
        "-4500000000",
        "+2025",
        "0",
        "  2025-11-07 ",
    ] {
        let old = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let bound = parse(text).start().clone();
        assert_eq!(bound.as_date(), Some(old), "{text}");
        assert_eq!(
            (bound.earliest(), bound.latest()),
            (old.start(), old.end()),
            "{text}"
        );
        assert!(bound.is_exact(), "{text}");
        assert_eq!(Bound::from_date(old).as_date(), Some(old), "{text}");
    }
    assert_eq!(parse("2025-10-16 14:30").to_string(), "2025-10-16T14:30");
    assert_eq!(parse("+2025").to_string(), "2025");
}

/// (text, byte offset, the date quoted, message).
const ERRORS: &[(&str, usize, &str, &str)] = &[
    ("2025-13", 5, "2025-13", "month 13 does not exist"),
    ("2025-00", 5, "2025-00", "month 00 does not exist"),
    (
        "2025-02-30",
        8,
        "2025-02-30",
        "February has no day 30 in 2025",
    ),
    ("2025-10-32", 8, "2025-10-32", "day 32 does not exist"),
    (
        "2025-11-03/2025-13",
        16,
        "2025-13",
        "month 13 does not exist",
    ),
    (
        "[2025-11-03..2025-13-01]",
        18,
        "2025-13-01",
        "month 13 does not exist",
    ),
    (
        "2025-10-16T24:00",
        11,
        "2025-10-16T24:00",
        "hour 24 does not exist (hours are 00 to 23)",
    ),
    (
        "2025-10-16T10:60",
        14,
        "2025-10-16T10:60",
        "minute 60 does not exist (minutes are 00 to 59)",
    ),
    (
        "2025-10-16T14:30+25:00",
        17,
        "2025-10-16T14:30+25:00",
        "the UTC offset must be less than 24 hours",
    ),
    (
        "2025-10-16T14:30:05.2500",
        20,
        "2025-10-16T14:30:05.2500",
        "expected one to three digits of milliseconds",
    ),
    (
        "2025-02-3X",
        0,
        "2025-02-3X",
        "no day in the calendar matches these digits",
    ),
    (
        "{1667,1668}",
        0,
        "{1667,1668}",
        "`{…}` means all of these dates; one end of an event takes one date, so write `[…]` (one of them)",
    ),
    (
        "2025-11-05/2025-11-03",
        11,
        "2025-11-05/2025-11-03",
        "the interval ends before it starts",
    ),
    (
        "/",
        0,
        "/",
        "an interval needs a date on at least one side of the `/`",
    ),
    (
        "../..",
        0,
        "../..",
        "an interval needs a date on at least one side of the `/`",
    ),
    (
        "2025/2026/2027",
        9,
        "2025/2026/2027",
        "an interval has one `/`",
    ),
    (
        "[2025,2026",
        10,
        "[2025,2026",
        "the set is not closed with `]`",
    ),
    ("[]", 1, "[]", "a set needs at least one date"),
    (
        "2025-11-03x",
        10,
        "2025-11-03x",
        "expected the end of the date, found `x`",
    ),
    (
        "201X5",
        0,
        "201X5",
        "unspecified digits (`X`) need a year of four digits",
    ),
    (
        "Y2025-10",
        5,
        "Y2025-10",
        "a year written with `Y` or `S` has no month or day",
    ),
    (
        "25-10-16",
        0,
        "25-10-16",
        "a year needs at least four digits before a month (write 0025 for the year 25)",
    ),
    (
        "2025-1-5",
        6,
        "2025-1-5",
        "expected two digits for the month, found `-`",
    ),
    (
        "October 2025",
        0,
        "October 2025",
        "expected a year, found `O`",
    ),
    (
        "",
        0,
        "",
        "empty date: expected a date such as 2025-10-16 or 2025-11~",
    ),
    ("2001-21-05", 8, "2001-21-05", "a season has no day"),
    (
        "2025-11-03T10:00~X",
        17,
        "2025-11-03T10:00~X",
        "expected the end of the date, found `X`",
    ),
    (
        "-13800000000-01",
        0,
        "-13800000000-01",
        "year -13800000000 can only be given as a plain year: months and days are supported for years within ±200000",
    ),
    (
        "99999999999999999999",
        0,
        "99999999999999999999",
        "year 99999999999999999999 is outside the supported range -20000000000 to 20000000000",
    ),
    (
        "Y-30000000000",
        2,
        "Y-30000000000",
        "year -30000000000 is outside the supported range -20000000000 to 20000000000",
    ),
    ("1950S5", 5, "1950S5", "`S` needs 1 to 4 significant digits"),
    (
        "[2025-11-07..2025-11-03]",
        13,
        "2025-11-07",
        "the range ends before it starts",
    ),
];

#[test]
fn errors_say_what_and_where() {
    for &(text, offset, quoted, message) in ERRORS {
        match Edtf::parse(text) {
            Ok(field) => panic!("{text:?} should be rejected, parsed as {field}"),
            Err(e) => {
                assert_eq!(e.message, message, "{text}");
                assert_eq!(e.offset, offset, "{text}: {}", e.message);
                assert_eq!(e.date_in(text), quoted, "{text}");
            }
        }
    }
    // A message never repeats the text: odd characters are named.
    let e = Edtf::parse("2025-11-03\u{1b}[2J").err().map(|e| e.message);
    assert_eq!(
        e.as_deref(),
        Some("expected the end of the date, found U+001B")
    );
    let e = Edtf::parse("-9223372036854775808").err().map(|e| e.message);
    assert_eq!(
        e.as_deref(),
        Some(
            "year -9223372036854775808 is outside the supported range -20000000000 to 20000000000"
        )
    );
    assert!(Edtf::parse("2025-11-03x").is_err_and(|e| e.syntax));
    assert!(Edtf::parse("2025-13").is_err_and(|e| !e.syntax));
    // Bound::parse takes one end only.
    assert!(Bound::parse("2025/2026").is_err());
    assert!(Bound::parse("[2025..2026]").is_ok());
}

/// (text, words for the event's dates).
const WORDS: &[(&str, &str)] = &[
    (
        "[2025-11-03..2025-11-07]",
        "sometime between 3 and 7 November 2025",
    ),
    (
        "[2025-10-30..2025-11-02]",
        "sometime between 30 October and 2 November 2025",
    ),
    ("2025-11~", "around November 2025"),
    ("2025?", "possibly 2025"),
    ("2025-11%", "possibly around November 2025"),
    ("201X", "in the 2010s (year unknown)"),
    ("201X?", "possibly in the 2010s (year unknown)"),
    ("201X~", "around the 2010s (year unknown)"),
    ("20XX", "sometime in 2000–2099 (year unknown)"),
    ("2025-11-03/", "began 3 November 2025, end unknown"),
    ("2025-11~/", "began around November 2025, end unknown"),
    ("2025-11-03/..", "from 3 November 2025 onwards, no end"),
    ("/2025-11-07", "start unknown, ended 7 November 2025"),
    ("../2025-11-07", "until 7 November 2025, no start"),
    ("2025-11-03/2025-11-05", "3–5 November 2025"),
    ("1984~/2004-06", "from around 1984 to June 2004"),
    (
        "[..2025-10-24]/[2025-11-07..]",
        "began on or before 24 October 2025, ended on or after 7 November 2025",
    ),
    ("[..2025-11-07]", "on or before 7 November 2025"),
    ("[2025-11-03..]", "on or after 3 November 2025"),
    (
        "[1667,1668,1670..1672]",
        "one of 1667, 1668 or sometime between 1670 and 1672",
    ),
    ("2025-11-XX", "in November 2025 (day unknown)"),
    ("1985-XX-XX", "in 1985 (month and day unknown)"),
    ("2004-XX", "in 2004 (month unknown)"),
    (
        "1984-1X",
        "sometime between October and December 1984 (month unknown)",
    ),
    ("156X-12-25", "25 December in the 1560s (year unknown)"),
    ("15XX-12-25", "25 December in 1500–1599 (year unknown)"),
    ("XXXX-12-25", "25 December (year unknown)"),
    ("1X5X", "sometime between 1050 and 1959 (year unknown)"),
    ("2004-06-~11", "11 June 2004 (day approximate)"),
    (
        "?2004-06-~11",
        "11 June 2004 (year uncertain, day approximate)",
    ),
    ("2004-06~-11", "11 June 2004 (year and month approximate)"),
    ("2001-21", "spring 2001"),
    ("2001-29", "spring 2001 (Southern Hemisphere)"),
    ("2001-34", "the second quarter of 2001"),
    ("1950S2", "sometime between 1900 and 1999 (estimated 1950)"),
    ("Y-13800000000", "13.8 billion years ago"),
    ("-0043-03-15", "15 March 44 BCE"),
    (
        "2025-10-16T14:30:05.250+03:00",
        "16 October 2025, 14:30:05.250 UTC+03:00",
    ),
];

#[test]
fn words_say_how_sure_we_are() {
    for &(text, words) in WORDS {
        let field = parse(text);
        assert_eq!(span_words(field.start(), field.end()), words, "{text}");
    }
    assert_eq!(bound_words(parse("2025~").start()), "around 2025");
    let approximate = parse("2025-11-03").start().qualified(QA);
    assert_eq!(bound_words(&approximate), "around 3 November 2025");
    assert_eq!(approximate.qualifiers(), QA);
}

#[test]
fn hostile_text_never_panics_and_what_parses_round_trips() {
    const TOKENS: [&str; 26] = [
        "2025",
        "-",
        "X",
        "?",
        "~",
        "%",
        "[",
        "]",
        "..",
        ",",
        "/",
        "Y",
        "E",
        "S",
        "T",
        "1",
        "0",
        ":",
        "+",
        "Z",
        "é",
        " ",
        "{",
        "-13800000000",
        "99",
        ".",
    ];
    let mut state = 0x2545_f491_u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        usize::try_from(state >> 33).unwrap_or(0) % n
    };
    for _ in 0..20_000 {
        let len = 1 + next(9);
        let text: String = (0..len).map(|_| TOKENS[next(TOKENS.len())]).collect();
        match Edtf::parse(&text) {
            Ok(field) => {
                if let Edtf::Single(b) = &field {
                    let slow = b.as_date().is_some_and(|d| d.to_iso() == b.to_string());
                    assert_eq!(b.writes_as_iso(), slow, "{text:?}");
                }
                let again = Edtf::parse(&field.to_string());
                assert_eq!(again.as_ref().ok(), Some(&field), "{text:?} → {field}");
            }
            Err(e) => assert!(e.offset <= text.len(), "{text:?}: offset {}", e.offset),
        }
    }
}

/// The form-based answer is the formatting one, for every kind of date:
/// readers rely on it to keep a plain date as written without formatting.
#[test]
fn writes_as_iso_is_decided_without_formatting_but_means_the_same() {
    let slow = |b: &Bound| b.as_date().is_some_and(|d| d.to_iso() == b.to_string());
    for text in [
        "2025",
        "2025-10",
        "2025-10-16",
        "2025-10-16T14",
        "2025-10-16T14:30:05.250+03:00",
        "2025-10-16T14:30+00:00",
        "2025-10-16T11:30:05.250Z",
        "2025-10-16 14:30",
        "2025-10-16T14:30:05,5",
        "2025-10-16T14:30-0530",
        "2025-10-16T14:30-05",
        "-0043-03-15",
        "-13800000000",
        "Y-13800000000",
        "Y-17E7",
        "1950S2",
        "+2025",
        "0",
        "0000-01-01",
        "9999-12-31",
        "12345",
        "2025?",
        "2025-11-~05",
        "201X",
        "2001-21",
        "[2025-11-03..2025-11-07]",
    ] {
        let bound = parse(text).start().clone();
        assert_eq!(bound.writes_as_iso(), slow(&bound), "{text}");
    }
}
