//! Fuzzes the TimelineJS JSON reader.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check_reader(
        chronoscope::io::timelinejs::read,
        chronoscope::io::timelinejs::sniff,
        data,
    );
});
