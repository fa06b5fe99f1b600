//! The fast native reader against the positioned one: whenever the fast
//! path takes a file, both build the same timeline and the positioned
//! reader finds nothing to warn about; whenever a file has a problem, the
//! fast path gives up and the positioned reader reports it.

mod common;

use chronoscope::io::generate::{Spec, native_text};
use chronoscope::io::{native, native_fast};
use chronoscope::model::{Event, Lane, Link, Source, Status, Timeline};
use chronoscope::time::{Date, Precision};
use proptest::prelude::*;

/// Both readers on one text; returns whether the fast path took it.
fn agree(name: &str, text: &str) -> bool {
    let positioned = native::read_positioned(name, text, "t");
    match native_fast::read(text, "t") {
        Some(fast) => {
            let (slow, warnings) = positioned.unwrap_or_else(|d| {
                panic!("{name}: fast path took a file the positioned reader refuses: {d:?}")
            });
            assert!(
                warnings.is_empty(),
                "{name}: fast path took a file with warnings: {warnings:?}"
            );
            assert_eq!(fast, slow, "{name}: the readers disagree");
            true
        }
        // Giving up is always allowed: the positioned reader then reads the
        // file, as the `load` path does.
        None => false,
    }
}

#[test]
fn fixtures_and_seed_read_the_same_both_ways() {
    let mut taken = 0;
    for dir in ["native/valid", "native/semantic", "native/invalid"] {
        for path in common::fixture_files(dir) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            taken += usize::from(agree(&path.display().to_string(), &text));
        }
    }
    assert!(taken >= 3, "the fast path took only {taken} fixtures");
    assert!(
        agree("seed", chronoscope::io::SEED_JSON),
        "the seed is well formed: the fast path must take it"
    );
}

#[test]
fn every_problem_falls_back_to_the_positioned_reader() {
    for dir in ["native/semantic", "native/invalid"] {
        for path in common::fixture_files(dir) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                native_fast::read(&text, "t").is_none(),
                "{}: the fast path must give up",
                path.display()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_files_read_the_same_both_ways(
        events in 0_u64..400,
        seed in any::<u64>(),
        lanes in 1_u32..6,
    ) {
        let text = native_text(&Spec { events, seed, lanes });
        prop_assert!(agree("generated", &text), "a generated file is well formed");
    }

    #[test]
    fn written_timelines_read_the_same_both_ways(events in arb_events(), lanes in 1_usize..4) {
        let lanes: Vec<Lane> = (0..lanes)
            .map(|i| Lane { id: format!("l{i}"), title: format!("Lane \"{i}\""), color: None })
            .collect();
        let n = lanes.len();
        let events: Vec<Event> = events
            .into_iter()
            .enumerate()
            .map(|(i, mut e)| {
                e.lane %= n;
                e.id = format!("id-{i}");
                e
            })
            .collect();
        let timeline = Timeline::new("t", lanes, events, Vec::new())
            .unwrap_or_else(|e| panic!("{e}"));
        let text = native::write(&timeline);
        prop_assert!(agree("written", &text), "a written file is well formed");
    }

    #[test]
    fn damaged_files_never_disagree(
        seed in any::<u64>(),
        cut_at in 0.0_f64..1.0,
        cut_len in 1_usize..12,
        insert in prop::sample::select(vec!["", "\"x\":1,", "\"title\":\"t\",", "null", "}", "\\u00e9"]),
    ) {
        let text = native_text(&Spec { events: 30, seed, lanes: 3 });
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
        let mut at = (cut_at * text.len() as f64) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let end = (at + cut_len).min(text.len());
        let damaged = format!("{}{insert}{}", &text[..at], &text[end..]);
        agree("damaged", &damaged);
    }
}

fn arb_date() -> impl Strategy<Value = Date> {
    (
        1900_i64..2100,
        1_u32..=12,
        1_u32..=28,
        0_u32..24,
        0_u32..60,
        0_usize..7,
        prop::option::of(-720_i32..720),
    )
        .prop_map(|(year, month, day, hour, minute, p, offset)| {
            let precision = Precision::ALL[p];
            // Offsets are only written with a time of day.
            let offset = offset.filter(|_| precision >= Precision::Hour);
            Date::build(year, month, day, hour, minute, 7, 250, offset, precision)
                .unwrap_or_else(|_| Date::year(year))
        })
}

fn arb_events() -> impl Strategy<Value = Vec<Event>> {
    (1_usize..25).prop_flat_map(|n| {
        prop::collection::vec(
            (
                ("\\PC{0,10}", "\\PC{0,8}"),
                arb_date(),
                prop::option::of(arb_date()),
                0_usize..4,
                prop::option::of(0_usize..6),
                any::<bool>(),
                prop::option::of("\\PC{0,5}"),
                prop::collection::vec("\\PC{0,4}", 0..3),
                prop::collection::vec(
                    (
                        "\\PC{1,4}",
                        prop::option::of("https://[a-z]{1,4}"),
                        prop::option::of(arb_date()),
                    ),
                    0..3,
                ),
                prop::collection::vec((0..n, prop::option::of("\\PC{0,3}")), 0..3),
            )
                .prop_map(
                    |(
                        (title, description),
                        start,
                        end,
                        lane,
                        status,
                        approximate,
                        display_date,
                        tags,
                        sources,
                        links,
                    )| Event {
                        id: String::new(),
                        title,
                        description,
                        end: end.filter(|e| e.end() > start.start()),
                        start,
                        lane,
                        tags,
                        status: status.map(|s| Status::ALL[s]),
                        sources: sources
                            .into_iter()
                            .map(|(name, url, date)| Source { name, url, date })
                            .collect(),
                        approximate,
                        display_date,
                        links: links
                            .into_iter()
                            .map(|(target, label)| Link { target, label })
                            .collect(),
                        fields: Vec::new(),
                        edtf: None,
                    },
                ),
            n,
        )
    })
}

#[test]
fn generate_writes_the_same_file_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for path in [&a, &b] {
        let out = common::chronoscope(&[
            "generate",
            "500",
            "-o",
            path.to_str().unwrap_or_default(),
            "--seed",
            "7",
            "--lanes",
            "3",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let bytes = std::fs::read(&a).unwrap_or_default();
    assert_eq!(bytes, std::fs::read(&b).unwrap_or_default());
    let loaded = chronoscope::io::load_path(&a).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(loaded.timeline.len(), 500);
    assert_eq!(loaded.timeline.lanes().len(), 3);
    assert!(loaded.warnings.is_empty());
}
