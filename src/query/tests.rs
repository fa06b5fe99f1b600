//! Table tests of the query language: every operator, precedence,
//! diacritics, dates at each precision, and errors with their columns.

use super::{Query, SearchIndex, filter};
use crate::model::{Event, Lane, Link, Source, Status, Timeline};
use crate::time::Date;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn lane(id: &str, title: &str) -> Lane {
    Lane {
        id: id.to_owned(),
        title: title.to_owned(),
        color: None,
    }
}

/// Six events with a bit of everything; ids are `a`…`f`.
#[allow(clippy::many_single_char_names)] // Each binding is named by its event id.
fn timeline() -> Timeline {
    let mut a = Event::new("Trump and Putin speak by phone", date("2025-10-16"));
    a.id = "a".into();
    a.lane = 0;
    a.status = Some(Status::Confirmed);
    a.tags = vec!["summit".into(), "phone call".into()];
    a.description = "Afterwards Trump said the two would meet in Budapest.".into();
    a.sources = vec![Source {
        name: "Reuters".into(),
        ..Source::default()
    }];
    a.links = vec![Link {
        target: 1,
        label: None,
    }];
    let mut b = Event::new("Peskóv denies any rift", date("2025-11-07T12:30+03:00"));
    b.id = "b".into();
    b.lane = 0;
    b.status = Some(Status::Denied);
    b.sources = vec![Source {
        name: "TASS".into(),
        ..Source::default()
    }];
    let mut c = Event::new("FT: the Rubio call soured the summit", date("2025-11-03"));
    c.id = "c".into();
    c.end = Some(date("2025-11-06"));
    c.lane = 1;
    c.status = Some(Status::Reported);
    c.sources = vec![Source {
        name: "Financial Times".into(),
        ..Source::default()
    }];
    let mut d = Event::new("Zakharova comments", date("2025-11"));
    d.id = "d".into();
    d.lane = 2;
    d.status = Some(Status::Disputed);
    d.fields = vec![("location".into(), "Moscow".into())];
    let mut e = Event::new("Budapest summit shelved", date("2025"));
    e.id = "e".into();
    e.lane = 1;
    e.tags = vec!["Summit".into()];
    e.description = "Budapest   SUMMIT called off.".into();
    let mut f = Event::new("Orbán offers to host", date("2025-10-17T09:15:30.250Z"));
    f.id = "f".into();
    f.lane = 2;
    f.status = Some(Status::Rumoured);
    Timeline::new(
        "t",
        vec![
            lane("kremlin", "Kremlin"),
            lane("press", "Press reports"),
            lane("mfa", "Foreign ministry"),
        ],
        vec![a, b, c, d, e, f],
        Vec::new(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn ids(timeline: &Timeline, query: &str) -> String {
    let matches = filter(timeline, query).unwrap_or_else(|e| panic!("{query:?}: {e}"));
    matches
        .iter()
        .map(|i| timeline.event(i).id())
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn every_operator_and_field() {
    let t = timeline();
    let cases = [
        // The empty query matches everything.
        ("", "a,b,c,d,e,f"),
        ("   ", "a,b,c,d,e,f"),
        // Words: title, description, source, tag, field value, lane title.
        ("putin", "a"),
        ("budapest", "a,e"),
        ("reuters", "a"),
        ("phone", "a"),
        ("moscow", "d"),
        ("ministry", "d,f"),
        ("reports", "c,e"),
        // Every word must match; a substring is enough.
        ("trump budapest", "a"),
        ("summ", "a,c,e"),
        ("trump budapest rift", ""),
        // Case and diacritics.
        ("PESKOV", "b"),
        ("peskóv", "b"),
        ("orban", "f"),
        ("ZAKHAROVA", "d"),
        // Phrases: words side by side, spaces folded.
        ("\"budapest summit\"", "e"),
        ("\"summit budapest\"", ""),
        ("\"speak by phone\"", "a"),
        // Exclusion.
        ("-summit", "b,d,f"),
        ("summit -budapest", "c"),
        ("-\"budapest summit\"", "a,b,c,d,f"),
        ("NOT summit", "b,d,f"),
        // OR, and its precedence over the implicit AND.
        ("peskov OR zakharova", "b,d"),
        ("summit rubio OR shelved", "c,e"),
        ("(summit rubio) OR peskov", "b,c"),
        ("summit AND rubio OR peskov", "c"),
        ("-(summit OR peskov)", "d,f"),
        ("-summit OR peskov", "b,d,f"),
        // Fields.
        ("lane:kremlin", "a,b"),
        ("lane:KREMLIN", "a,b"),
        ("lane:press", "c,e"),
        ("lane:\"press reports\"", "c,e"),
        ("lane:mfa", "d,f"),
        ("tag:summit", "a,e"),
        ("tag:\"phone call\"", "a"),
        ("tag:budapest", ""),
        ("source:reuters", "a"),
        ("source:times", "c"),
        ("source:trump", ""),
        ("title:budapest", "e"),
        ("status:denied", "b"),
        ("status:denied,disputed", "b,d"),
        ("status:DENIED,rumored", "b,f"),
        ("status:none", "e"),
        ("-status:confirmed", "b,c,d,e,f"),
        ("has:links", "a"),
        ("has:sources", "a,b,c"),
        ("has:tags", "a,e"),
        ("has:description", "a,e"),
        ("has:end", "c"),
        ("-has:sources", "d,e,f"),
        // Fields and words together.
        ("lane:kremlin status:denied", "b"),
        ("summit lane:press OR lane:kremlin", "a,c,e"),
        ("tag:summit OR status:denied -lane:press", "a,b"),
    ];
    for (query, expected) in cases {
        assert_eq!(ids(&t, query), expected, "query {query:?}");
    }
}

#[test]
fn dates_at_each_precision() {
    let t = timeline();
    // a: 16 Oct (day); b: 7 Nov 09:30 UTC (minute); c: 3–6 Nov (days);
    // d: November (month); e: 2025 (year); f: 17 Oct 09:15:30.250 (ms).
    let cases = [
        ("after:2025-11-01", "b,c,d,e"),
        ("after:2025-11", "b,c,d,e"),
        ("after:2025-10-17", "b,c,d,e,f"),
        ("after:2025-10-18", "b,c,d,e"),
        ("after:2026", ""),
        ("after:2025", "a,b,c,d,e,f"),
        ("before:2025-10-16", "a,e"),
        ("before:2025-10", "a,e,f"),
        ("before:2025-11-02", "a,d,e,f"),
        ("before:2024", ""),
        // Inclusive at the date's precision on both sides.
        ("after:2025-11-06 before:2025-11-06", "c,d,e"),
        ("after:2025-11-07T09 before:2025-11-07T09", "b,d,e"),
        ("after:2025-11-07T09:31", "d,e"),
        ("after:2025-11-07T09:30", "b,d,e"),
        (
            "after:2025-11-07T12:30+03:00 before:2025-11-07T12:30+03:00",
            "b,d,e",
        ),
        (
            "after:2025-10-17T09:15:30 before:2025-10-17T09:15:30",
            "e,f",
        ),
        ("after:2025-10-17T09:15:30.251", "b,c,d,e"),
        ("after:2025-10-17T09:15:30.250", "b,c,d,e,f"),
        ("before:2025-10-17T09:15:30.249", "a,e"),
        ("after:2025-11-01 before:2025-11-08", "b,c,d,e"),
        ("after:-13800000000", "a,b,c,d,e,f"),
    ];
    for (query, expected) in cases {
        assert_eq!(ids(&t, query), expected, "query {query:?}");
    }
}

#[test]
fn malformed_queries_name_the_column() {
    let cases = [
        ("\"budapest", 1, "unclosed quote"),
        ("peskov \"rift", 8, "unclosed quote"),
        ("(summit", 1, "never closed"),
        ("summit)", 7, "without a matching"),
        ("a ()", 3, "empty parentheses"),
        ("OR summit", 1, "between terms"),
        ("summit OR", 8, "each side"),
        ("a OR OR b", 3, "each side"),
        ("a AND", 3, "each side"),
        ("a - b", 3, "followed by"),
        ("-", 1, "followed by"),
        ("NOT", 1, "nothing to exclude"),
        ("stauts:denied", 1, "did you mean `status:`"),
        ("peskov colour:red", 8, "unknown field `colour:`"),
        ("tag:", 1, "needs a value"),
        ("x lane: y", 3, "needs a value"),
        ("status:denied,maybe", 15, "unknown status `maybe`"),
        ("status:,denied", 8, "empty status"),
        ("after:2025-13-01", 7, "not a date"),
        ("a before:yesterday", 10, "not a date"),
        ("after:2025-02-30", 7, "February has no day 30"),
        ("has:pictures", 5, "has:links"),
        ("\"\"", 1, "empty quotes"),
        ("lane:\"press", 6, "unclosed quote"),
    ];
    for (query, column, message) in cases {
        match Query::parse(query) {
            Ok(q) => panic!("{query:?} parsed as {:?}", q.root()),
            Err(e) => {
                assert_eq!(e.column, column, "{query:?}: {e}");
                assert!(e.message.contains(message), "{query:?}: {e}");
                assert!(e.to_string().starts_with(&format!("column {column}: ")));
            }
        }
    }
}

/// A pasted wall of brackets or negations is refused at the level where
/// it nests too deep, and never overflows the stack; a hundred levels read.
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for (open, close) in [("(", ")"), ("-", ""), ("NOT ", "")] {
        let deep = format!("{}x{}", open.repeat(10_000), close.repeat(10_000));
        let Err(error) = Query::parse(&deep) else {
            panic!("{open}×10,000 parsed")
        };
        assert!(error.message.contains("nest more than"), "{error}");
        let fine = format!("{}x{}", open.repeat(100), close.repeat(100));
        assert!(Query::parse(&fine).is_ok(), "{open}×100");
    }
    assert_eq!(
        Query::parse(&format!("{}x{}", "(".repeat(101), ")".repeat(101)))
            .err()
            .map(|e| e.column),
        Some(101)
    );
}

#[test]
fn messages_escape_control_characters_from_the_query() {
    // Found by the query fuzzer: a NUL pasted into a field value.
    for text in [
        "has:!\0nks",
        "status:\u{1b}[31m",
        "tag: after:\u{202e}x",
        "zz:\u{7}",
    ] {
        let Err(error) = Query::parse(text) else {
            panic!("{text:?} parsed")
        };
        let shown = error.to_string();
        assert!(
            !shown.chars().any(crate::escape::is_unsafe),
            "{text:?} → {shown:?}"
        );
    }
}

#[test]
fn words_with_colons_and_dashes_are_words() {
    let t = timeline();
    assert_eq!(ids(&t, "ft:"), "c");
    assert_eq!(ids(&t, "Trump-Putin"), "");
    assert_eq!(ids(&t, "09:15"), "");
    assert_eq!(ids(&t, "or"), "c,d,e,f");
    assert!(Query::parse("12:30").is_ok());
    assert!(Query::parse("mid-november").is_ok());
}

#[test]
fn matching_never_crosses_fields_values_or_events() {
    let t = timeline();
    // The title of `a` ends in "phone", its description begins "Afterwards".
    assert_eq!(ids(&t, "\"phone afterwards\""), "");
    // Tags "summit" and "phone call" are separate values.
    assert_eq!(ids(&t, "\"summit phone\""), "");
    // The last event of one record and the first of the next.
    assert_eq!(ids(&t, "\"rift ft\""), "");
}

#[test]
fn the_index_spans_many_shards() {
    let n = super::index::SHARD_EVENTS * 2 + 5;
    let events: Vec<Event> = (0..n)
        .map(|i| {
            let mut e = Event::new(format!("event {i}"), date("2025-01-01"));
            if i % 1000 == 999 {
                e.title.push_str(" Ünusual");
            }
            if i % 20 == 19 {
                e.status = Some(Status::Denied);
            }
            e
        })
        .collect();
    let t = Timeline::new("t", Vec::new(), events, Vec::new()).unwrap_or_else(|e| panic!("{e}"));
    let index = SearchIndex::build(&t);
    let found = |q: &str| {
        Query::parse(q)
            .unwrap_or_else(|e| panic!("{e}"))
            .matches(&index, &t)
    };
    let unusual = found("unusual");
    assert_eq!(unusual.count(), n / 1000);
    assert!(unusual.iter().all(|i| i % 1000 == 999));
    assert_eq!(found("event").count(), n);
    // Behind a selective column test, a word reads only the candidates'
    // records; the answer must be the same as from a whole scan.
    let denied = (0..n).filter(|i| i % 20 == 19).count();
    assert_eq!(found("status:denied").count(), denied);
    assert_eq!(found("status:denied unusual"), unusual);
    assert_eq!(found("unusual status:denied"), unusual);
    assert_eq!(
        found("status:denied -unusual").count(),
        denied - unusual.count()
    );
    let either = (0..n)
        .filter(|i| i % 20 == 19 && (i % 1000 == 999 || format!("event {i}").contains("event 19")))
        .count();
    assert_eq!(
        found("status:denied (unusual OR \"event 19\")").count(),
        either
    );
    assert_eq!(found("-event").count(), 0);
    assert_eq!(
        found(&format!("\"event {}\"", n - 1))
            .iter()
            .collect::<Vec<_>>(),
        vec![n - 1]
    );
    // Cancelled evaluation gives no answer rather than a partial one.
    let query = Query::parse("unusual").unwrap_or_else(|e| panic!("{e}"));
    assert!(query.matches_until(&index, &t, &|| true).is_none());
}
