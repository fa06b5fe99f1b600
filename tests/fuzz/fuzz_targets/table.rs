//! Fuzzes the table readers (CSV, TSV, semicolon text; the first byte picks
//! the name, so the extension's tie-breaks are fuzzed too): column
//! detection, date sniffing and day/month order, EDTF in cells, encoding
//! fallbacks.
#![no_main]

#[allow(dead_code)]
#[path = "common.rs"]
mod common;

const NAMES: [&str; 3] = ["rows.csv", "rows.tsv", "rows.txt"];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&selector, data)) = data.split_first() else {
        return;
    };
    common::check_load(NAMES[usize::from(selector) % NAMES.len()], data);
});
