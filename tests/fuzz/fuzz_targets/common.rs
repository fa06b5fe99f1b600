//! What every reader target checks, whatever the bytes: the reader returns
//! (never panics, never hangs), every diagnostic has a position and prints
//! without a single terminal control character, and a timeline that loads
//! converts to Chronoscope JSON that loads back.

// Each target uses part of this module.
#![allow(dead_code)]

use chronoscope::io::diag::is_unsafe;
use chronoscope::io::native::ReadResult;
use chronoscope::io::{Diagnostic, native, text};

/// A reader: `(file name, text, default title)` to a timeline or diagnostics.
pub type Reader = fn(&str, &str, &str) -> ReadResult;

/// Runs `read` and `sniff` on `data` (decoded as the loader does).
pub fn check_reader(read: Reader, sniff: fn(&str) -> bool, data: &[u8]) {
    let Ok(text) = text::decode(data) else {
        return;
    };
    let _ = sniff(&text);
    match read("fuzz.in", &text, "Fuzz") {
        Ok((timeline, warnings)) => {
            check_diagnostics(&warnings);
            let json = native::write(&timeline);
            if let Err(diagnostics) = native::read("fuzz.json", &json, "Fuzz") {
                panic!("the converted file does not load back: {diagnostics:?}\n{json}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without a diagnostic");
            check_diagnostics(&diagnostics);
        }
    }
}

/// Positions are 1-based and what is printed is terminal-safe.
pub fn check_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(is_unsafe),
            "unsafe character in {shown:?}"
        );
    }
}

/// Runs the whole loader on `data` named `name`: diagnostics are
/// positioned and terminal-safe, and what loads converts and loads back.
pub fn check_load(name: &str, data: &[u8]) {
    match chronoscope::io::load_bytes(name, data) {
        Ok(loaded) => {
            check_diagnostics(&loaded.warnings);
            let json = native::write(&loaded.timeline);
            if let Err(d) = chronoscope::io::load_bytes("converted.json", json.as_bytes()) {
                panic!("the converted file does not load back: {d:?}\n{json}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an error without a diagnostic");
            check_diagnostics(&diagnostics);
        }
    }
}
