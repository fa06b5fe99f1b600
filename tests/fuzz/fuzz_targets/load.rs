//! Fuzzes the whole loading path as `check` and the window use it: text
//! decoding (UTF-8, UTF-16, BOMs), format detection by content and
//! extension, and whichever reader that picks.
#![no_main]

// Only the diagnostic check is used here.
#[allow(dead_code)]
#[path = "common.rs"]
mod common;

use chronoscope::io;

const NAMES: [&str; 5] = ["f.json", "f.csv", "f.timeline", "f.xml", "f"];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&selector, data)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(selector) % NAMES.len()];
    match io::load_bytes(name, data) {
        Ok(loaded) => {
            common::check_diagnostics(&loaded.warnings);
            let json = io::native::write(&loaded.timeline);
            if let Err(d) = io::load_bytes("converted.json", json.as_bytes()) {
                panic!("the converted file does not load back: {d:?}\n{json}");
            }
        }
        Err(diagnostics) => common::check_diagnostics(&diagnostics),
    }
});
