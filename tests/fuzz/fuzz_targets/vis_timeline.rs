//! Fuzzes the vis-timeline reader.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check_reader(
        chronoscope::io::vis_timeline::read,
        chronoscope::io::vis_timeline::sniff,
        data,
    );
});
