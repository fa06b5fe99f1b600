//! Fuzzes the TimelineJS CSV reader.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check_reader(
        chronoscope::io::timelinejs_csv::read,
        chronoscope::io::timelinejs_csv::sniff,
        data,
    );
});
