//! Fuzzes the iCalendar reader through the loader (byte-level mending of
//! folds, VTIMEZONE, RRULE expansion with the rrule crate behind its
//! guard): never a panic, positioned and terminal-safe diagnostics, and a
//! calendar that loads converts to Chronoscope JSON that loads back.
#![no_main]

#[allow(dead_code)]
#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_load("calendar.ics", data));
