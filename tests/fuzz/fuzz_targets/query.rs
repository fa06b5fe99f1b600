//! Fuzzes the query language: any text parses or gives an error with a
//! column inside the text (never a panic, never a stack overflow however
//! deep the brackets), and a query that parses matches the seed timeline
//! without panicking, within its events.
#![no_main]

use std::sync::OnceLock;

use chronoscope::io::diag::is_unsafe;
use chronoscope::model::Timeline;
use chronoscope::query::{Query, SearchIndex};

fn seed() -> &'static (Timeline, SearchIndex) {
    static SEED: OnceLock<(Timeline, SearchIndex)> = OnceLock::new();
    SEED.get_or_init(|| {
        let timeline = chronoscope::io::load_seed()
            .map(|l| l.timeline)
            .unwrap_or_else(|d| panic!("{d:?}"));
        let index = SearchIndex::build(&timeline);
        (timeline, index)
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Query::parse(text) {
        Ok(query) => {
            let (timeline, index) = seed();
            let matches = query.matches(index, timeline);
            assert!(matches.iter().all(|i| i < timeline.len()));
        }
        Err(e) => {
            assert!(e.column >= 1 && e.column <= text.chars().count() + 1, "{e}");
            assert!(!e.to_string().chars().any(is_unsafe), "{e}");
        }
    }
});
