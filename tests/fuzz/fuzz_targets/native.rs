//! Fuzzes the Chronoscope JSON reader.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check_reader(
        chronoscope::io::native::read,
        chronoscope::io::native::sniff,
        data,
    );
});
