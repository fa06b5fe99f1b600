//! Find and filter at scale: how long a query takes over 1,000,000 events,
//! each beside a plain substring scan over the same events' titles measured
//! in the same run (`str::contains` on every title: the least any search
//! must do), plus the cost of building the search index and peak memory.
//!
//! Run with `cargo bench --bench query`. The budget is 30 ms per keystroke.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chronoscope::model::{Event, Lane, Source, Status, Timeline};
use chronoscope::query::{Query, SearchIndex};
use chronoscope::time::{Date, NANOS_PER_MIN, Precision, Time};

const EVENTS: usize = 1_000_000;

const SUBJECTS: [&str; 12] = [
    "Kremlin",
    "Peskov",
    "Lavrov",
    "Zakharova",
    "Orbán",
    "Rubio",
    "Trump",
    "Putin",
    "Budapest",
    "Kyiv",
    "Brussels",
    "Ankara",
];
const VERBS: [&str; 8] = [
    "denies",
    "confirms",
    "reports",
    "says",
    "rejects",
    "announces",
    "postpones",
    "cancels",
];
const OBJECTS: [&str; 8] = [
    "summit",
    "peace talks",
    "phone call",
    "sanctions",
    "a meeting",
    "the visit",
    "a rift",
    "the ceasefire",
];
const SOURCES: [&str; 5] = ["Reuters", "TASS", "Financial Times", "AP", "Kommersant"];
const TAGS: [&str; 6] = [
    "summit",
    "sanctions",
    "diplomacy",
    "energy",
    "military",
    "press",
];

/// A small deterministic generator (xorshift), so every run sees the same
/// timeline.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 >> 33).unwrap_or(0)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
}

/// A million news-like events over ten lanes: a title of three to five
/// words, a description on a third, sources, tags and statuses.
fn synthetic() -> Timeline {
    let lanes: Vec<Lane> = (0..10)
        .map(|i| Lane {
            id: format!("lane{i}"),
            title: ["Kremlin", "Press", "Foreign ministry", "White House", "EU"][i % 5].to_owned(),
            color: None,
        })
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let base = Date::year(2020).start().0;
    let events = (0..EVENTS)
        .map(|i| {
            let start = Time(base + i128::try_from(i).unwrap_or(0) * 3 * NANOS_PER_MIN);
            let title = format!(
                "{} {} {} ({i})",
                rng.pick(&SUBJECTS),
                rng.pick(&VERBS),
                rng.pick(&OBJECTS)
            );
            let mut e = Event::new(title, Date::from_time(start, Precision::Minute));
            e.id = format!("e{i}");
            e.lane = rng.next() % lanes.len();
            if i % 3 == 0 {
                e.description = format!(
                    "{} said on the record that {} {} {}.",
                    rng.pick(&SUBJECTS),
                    rng.pick(&SUBJECTS),
                    rng.pick(&VERBS),
                    rng.pick(&OBJECTS)
                );
            }
            if i % 10 == 0 {
                e.end = Some(Date::from_time(
                    start.add_nanos(600 * NANOS_PER_MIN),
                    Precision::Minute,
                ));
            }
            e.status = Status::ALL.get(rng.next() % 8).copied();
            e.sources = vec![Source {
                name: rng.pick(&SOURCES).to_owned(),
                ..Source::default()
            }];
            e.tags = vec![rng.pick(&TAGS).to_owned()];
            e
        })
        .collect();
    Timeline::new("synthetic", lanes, events, Vec::new()).unwrap_or_else(|e| panic!("{e}"))
}

/// Median of `f` over at least 7 runs (up to about two seconds).
fn median<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut last = f();
    let mut times = Vec::new();
    let started = Instant::now();
    while times.len() < 7 || (started.elapsed() < Duration::from_secs(2) && times.len() < 50) {
        let t = Instant::now();
        last = black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    (times[times.len() / 2], last)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident memory of this process so far, in MB (Linux).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    let timeline = synthetic();
    let after_model = peak_mb();
    let titles: Vec<&str> = timeline.events().map(|e| e.title()).collect();
    let started = Instant::now();
    let index = SearchIndex::build(&timeline);
    let build = started.elapsed();
    println!(
        "{} events; search index built in {:.0} ms; peak memory {:.0} MB (model alone {:.0} MB)",
        timeline.events().len(),
        ms(build),
        peak_mb(),
        after_model
    );
    println!();
    println!("| query | matches | query ms | title scan ms | × scan | of 30 ms |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let cases = [
        ("a word", "zakharova", "Zakharova"),
        ("a rare word", "(123456)", "(123456)"),
        ("a phrase", "\"peace talks\"", "peace talks"),
        ("a field", "status:denied", "denied"),
        (
            "columns",
            "status:denied,disputed lane:kremlin after:2022-06",
            "denied",
        ),
        (
            "combined",
            "summit -lavrov status:denied,disputed lane:kremlin after:2022-06",
            "summit",
        ),
    ];
    for (name, text, needle) in cases {
        let query = Query::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let (took, matches) = median(|| query.matches(&index, &timeline).count());
        let (scan, _) = median(|| titles.iter().filter(|t| t.contains(needle)).count());
        println!(
            "| {name} `{text}` | {matches} | {:.1} | {:.1} | {:.2} | {:.0}% |",
            ms(took),
            ms(scan),
            took.as_secs_f64() / scan.as_secs_f64(),
            ms(took) / 30.0 * 100.0
        );
    }
    println!();
    println!("peak memory {:.0} MB", peak_mb());
}
