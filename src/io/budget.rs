//! How much memory loading a file takes, estimated from its size before it
//! is read, so that a file too large for the machine is refused with a
//! message instead of the process being killed half-way.
//!
//! The estimate is deliberately simple, linear in the file's size, with
//! one constant per format in [`bytes_per_input_byte`]: the figures to
//! adjust when the readers or the model change how much they keep.

use std::path::Path;

use super::Format;

/// Memory a load needs whatever the file's size (the program, its fonts,
/// the seed timeline, buffers), in bytes.
pub const BASE_BYTES: u64 = 64 << 20;

/// Peak memory while loading, per byte of the file, by format (the file's
/// bytes, its decoded text, the reader's own structures, and the model it
/// builds). `None` (a format not recognised from the file's start) takes
/// the largest. Measured as peak resident memory of `chronoscope check` on
/// generated files of 200,000 events (native 5.2, `TimelineJS` 4.6, CSV 8.5,
/// vis-timeline 7.7, Timeline XML 9.1, Timeline text 6.6 bytes per byte),
/// rounded up; the model's per-event cost is most of it, so these are the
/// figures to lower when the model gets smaller.
#[must_use]
pub const fn bytes_per_input_byte(format: Option<Format>) -> u64 {
    match format {
        Some(Format::TimelineJs) => 5,
        Some(Format::Native) => 6,
        Some(Format::TimelineText) => 7,
        Some(Format::VisTimeline) => 8,
        Some(Format::TimelineJsCsv) => 9,
        Some(Format::TimelineXml | Format::ICalendar) | None => 10,
        // Tables keep their text, their cells and the events (not yet
        // measured like the others: estimates from the structures kept).
        Some(Format::Csv | Format::Tsv) => 12,
        // Workbooks are compressed XML: a byte of file is many of cells.
        // Parquet compresses far more and unevenly (a column of ten lane
        // names takes a few bits a row): its reader estimates from the row
        // count in the footer instead ([`parquet_estimate`]); this figure
        // only serves a file whose footer cannot be read.
        Some(Format::Xlsx | Format::Xls | Format::Ods | Format::Parquet) => 40,
    }
}

/// Peak memory per event of a Parquet file read in its mapped columns
/// only: the model's event with its title and id, and a row group's
/// decoded columns. The load bench measured 94 bytes per event at 10M rows
/// with 13-byte titles; real titles are longer.
pub const PARQUET_BYTES_PER_EVENT: u64 = 160;

/// Peak memory per cell of a small Parquet file read whole into a table:
/// the [`Cell`](super::table::Cell) with its text, then the event's field.
/// Measured: 414 MB for 200,000 rows of 10 columns (about 200 bytes a cell
/// beyond the events).
pub const PARQUET_BYTES_PER_CELL: u64 = 200;

/// The memory loading `rows` rows of a Parquet file needs, in bytes, when
/// `columns` cells of each row are kept as a table (none when streamed).
#[must_use]
pub const fn parquet_estimate(rows: u64, columns: u64) -> u64 {
    let per_row =
        PARQUET_BYTES_PER_EVENT.saturating_add(columns.saturating_mul(PARQUET_BYTES_PER_CELL));
    BASE_BYTES.saturating_add(rows.saturating_mul(per_row))
}

/// The memory loading a file of `size` bytes in `format` needs, in bytes.
#[must_use]
pub const fn estimate(size: u64, format: Option<Format>) -> u64 {
    BASE_BYTES.saturating_add(size.saturating_mul(bytes_per_input_byte(format)))
}

/// Refuses a file whose estimated load does not fit in `available` bytes
/// (no check when that is unknown).
///
/// # Errors
/// A message for a person: the file's size, the memory it needs and the
/// memory there is.
pub fn check(size: u64, format: Option<Format>, available: Option<u64>) -> Result<(), String> {
    check_needed(estimate(size, format), size, available)
}

/// Refuses a load of a file of `size` bytes that needs `needed` bytes when
/// that does not fit in `available` bytes.
///
/// # Errors
/// As [`check`].
pub fn check_needed(needed: u64, size: u64, available: Option<u64>) -> Result<(), String> {
    match available {
        Some(available) if needed > available => Err(format!(
            "the file is too large for this machine's memory: it is {}, loading it needs about {}, and {} is available; close other programs, or split the file",
            human_bytes(size),
            human_bytes(needed),
            human_bytes(available)
        )),
        _ => Ok(()),
    }
}

/// Checks the file at `path`, `size` bytes long, against the memory
/// available now; the format is recognised from the file's first bytes.
///
/// # Errors
/// As [`check`].
pub fn check_file(path: &Path, size: u64) -> Result<(), String> {
    let available = available();
    // Small files need no look at their start.
    if available.is_none_or(|a| estimate(size, None) <= a) {
        return Ok(());
    }
    check(size, format_from_start(path), available)
}

/// The format a file's first 64 KiB look like, if any.
fn format_from_start(path: &Path) -> Option<Format> {
    use std::io::Read;
    let mut start = Vec::with_capacity(1 << 16);
    std::fs::File::open(path)
        .ok()?
        .take(1 << 16)
        .read_to_end(&mut start)
        .ok()?;
    let text = String::from_utf8_lossy(&start);
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    super::detect(&text, extension)
}

/// Memory this process may still take: the least of the system's available
/// memory, what its control group allows beyond its use, and its
/// address-space limit (`ulimit -v`) beyond what it has mapped. `None` where
/// none of these can be read (not Linux).
#[must_use]
pub fn available() -> Option<u64> {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let system = read("/proc/meminfo").and_then(|m| kib_field(&m, "MemAvailable:"));
    let cgroup = read("/sys/fs/cgroup/memory.max")
        .and_then(|max| max.trim().parse::<u64>().ok())
        .map(|max| {
            let used = read("/sys/fs/cgroup/memory.current")
                .and_then(|c| c.trim().parse::<u64>().ok())
                .unwrap_or(0);
            max.saturating_sub(used)
        });
    let address_space = read("/proc/self/limits")
        .and_then(|limits| address_space_limit(&limits))
        .map(|limit| {
            let mapped = read("/proc/self/status")
                .and_then(|s| kib_field(&s, "VmSize:"))
                .unwrap_or(0);
            limit.saturating_sub(mapped)
        });
    [system, cgroup, address_space].into_iter().flatten().min()
}

/// A `Name:   1234 kB` field of `/proc/meminfo` or `/proc/self/status`, in bytes.
fn kib_field(text: &str, name: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line
        .get(name.len()..)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kib.saturating_mul(1024))
}

/// The soft "Max address space" of `/proc/self/limits`, unless unlimited.
fn address_space_limit(limits: &str) -> Option<u64> {
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max address space"))?;
    line.get("Max address space".len()..)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `1.5 GB`, `320 MB`, `12 kB` (powers of 1000, as file managers show).
#[must_use]
pub fn human_bytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // One decimal is shown.
    let value = bytes as f64;
    if bytes >= 1_000_000_000 {
        format!("{:.1} GB", value / 1e9)
    } else if bytes >= 1_000_000 {
        format!("{:.0} MB", value / 1e6)
    } else if bytes >= 1_000 {
        format!("{:.0} kB", value / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_too_large_for_the_memory_is_refused_with_figures() {
        let gb = 1_000_000_000;
        let error = check(3 * gb, Some(Format::Native), Some(4 * gb)).err();
        let error = error.unwrap_or_default();
        assert!(
            error.contains("too large for this machine's memory"),
            "{error}"
        );
        assert!(error.contains("it is 3.0 GB"), "{error}");
        assert!(error.contains("4.0 GB is available"), "{error}");
        assert!(check(100_000_000, Some(Format::Native), Some(4 * gb)).is_ok());
        assert!(check(u64::MAX, None, None).is_ok(), "no figure, no refusal");
        assert_eq!(estimate(u64::MAX, None), u64::MAX);
    }

    #[test]
    fn parquet_is_estimated_from_its_rows() {
        let streamed = parquet_estimate(10_000_000, 0);
        assert!(streamed > 1_000_000_000, "the model alone needs ~1 GB");
        assert!(parquet_estimate(200_000, 10) > parquet_estimate(200_000, 0));
        assert_eq!(parquet_estimate(u64::MAX, 3), u64::MAX);
        let error = check_needed(streamed, 114_000_000, Some(800_000_000)).err();
        assert!(error.unwrap_or_default().contains("it is 114 MB"));
    }

    #[test]
    fn proc_fields_are_read() {
        let meminfo = "MemTotal:       24000000 kB\nMemAvailable:   16000000 kB\n";
        assert_eq!(kib_field(meminfo, "MemAvailable:"), Some(16_384_000_000));
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max address space         4000000000           unlimited            bytes\n";
        assert_eq!(address_space_limit(limits), Some(4_000_000_000));
        let unlimited =
            "Max address space         unlimited            unlimited            bytes\n";
        assert_eq!(address_space_limit(unlimited), None);
        if cfg!(target_os = "linux") {
            assert!(available().is_some_and(|a| a > 0));
        }
    }
}
