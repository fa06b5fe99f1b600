//! Fuzzes the binary table formats as the loader meets them: XLSX, XLS and
//! ODS workbooks (calamine) and Parquet files (the parquet crate behind its
//! guard), seeded with real files from spreadsheet programs, pandas, DuckDB
//! and polars.
#![no_main]

#[allow(dead_code)]
#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check_load("table.bin", data));
