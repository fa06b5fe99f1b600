//! Fuzzes the date parser: any text gives a date or an error, never a
//! panic; an error never repeats raw text; a date's ISO form parses back to
//! the same date.
#![no_main]

use chronoscope::io::diag::is_unsafe;
use chronoscope::time::Date;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Date::parse(text) {
        Ok(date) => {
            let iso = date.to_iso();
            match Date::parse(&iso) {
                Ok(again) => assert_eq!(again, date, "{text:?} → {iso:?}"),
                Err(e) => panic!("{text:?} → {iso:?} does not parse back: {e}"),
            }
            let _ = date.to_string();
            assert!(date.start() < date.end(), "{text:?}");
        }
        Err(e) => {
            assert!(!e.message.chars().any(is_unsafe), "{:?}", e.message);
            assert!(e.message.len() < 400, "{:?}", e.message);
        }
    }
});
