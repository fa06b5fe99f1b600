//! Fuzzes the Timeline XML reader.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check_reader(
        chronoscope::io::thetimelineproj::read,
        chronoscope::io::thetimelineproj::sniff,
        data,
    );
});
