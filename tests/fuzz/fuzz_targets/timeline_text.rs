//! Fuzzes the Timeline text reader.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check_reader(
        chronoscope::io::thetimelineproj_text::read,
        chronoscope::io::thetimelineproj_text::sniff,
        data,
    );
});
