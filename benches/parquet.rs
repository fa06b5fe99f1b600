//! Parquet load benchmark: `cargo bench --bench parquet`.
//!
//! For Parquet files of 1M rows (add 10M with `CHRONOSCOPE_BENCH_10M=1`)
//! written by the `parquet` crate's own writer (a millisecond timestamp, a
//! title, a lane of ten values and a count; snappy; row groups of 1,048,576
//! rows), prints our load (`io::load_path`: footer, sample, mapping, the
//! three mapped columns read and every event built into the model) beside
//! the baseline measured in the same run: the crate's own bare read of the
//! same three columns with its typed column readers into `Vec`s, which is
//! about as fast as those columns can be decoded at all. Each case runs in a
//! child process so that its peak (`VmHWM`) and resident (`VmRSS`, after the
//! load) memory are its own. Times are medians of three runs (one for 10M).
//! Files are generated once into the temporary directory and reused.

#[path = "../tests/common/parquet_writer.rs"]
mod parquet_writer;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use parquet::column::reader::ColumnReader;
use parquet::data_type::ByteArray;
use parquet::file::reader::{FileReader, SerializedFileReader};

mod common;
use common::{median, memory_kib};

/// CPU seconds (user + system) this process has used, from
/// `/proc/self/stat` (the machine is shared: wall time alone says more
/// about the neighbours than about the load).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses); utime and
    // stime are the 14th and 15th fields, in clock ticks of 1/100 s.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: Vec<f64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

/// The baseline: the timestamp, title and lane columns of every row group
/// read by the crate's typed column readers into `Vec`s; returns the rows.
fn bare_read(path: &Path) -> Result<usize, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let reader = SerializedFileReader::new(file).map_err(|e| e.to_string())?;
    let mut timestamps: Vec<i64> = Vec::new();
    let mut defs: Vec<i16> = Vec::new();
    let mut titles: Vec<ByteArray> = Vec::new();
    let mut lanes: Vec<ByteArray> = Vec::new();
    for index in 0..reader.num_row_groups() {
        let group = reader.get_row_group(index).map_err(|e| e.to_string())?;
        let rows = usize::try_from(group.metadata().num_rows()).map_err(|e| e.to_string())?;
        for column in 0..3 {
            let read = match group.get_column_reader(column).map_err(|e| e.to_string())? {
                ColumnReader::Int64ColumnReader(mut r) => {
                    r.read_records(rows, Some(&mut defs), None, &mut timestamps)
                }
                ColumnReader::ByteArrayColumnReader(mut r) => {
                    let out = if column == 1 { &mut titles } else { &mut lanes };
                    r.read_records(rows, None, None, out)
                }
                _ => return Err("unexpected column type".to_owned()),
            };
            read.map_err(|e| e.to_string())?;
        }
    }
    Ok(titles.len().min(lanes.len()).min(defs.len()))
}

/// Runs one case in this process and prints `seconds peak_kib rss_kib rows`.
fn child(case: &str, path: &Path) {
    let start = Instant::now();
    let (rows, keep) = if case == "ours" {
        match chronoscope::io::load_path(path) {
            Ok(loaded) => (loaded.timeline.len(), Some(loaded)),
            Err(d) => {
                eprintln!("{d:?}");
                std::process::exit(1);
            }
        }
    } else {
        match bare_read(path) {
            Ok(rows) => (rows, None),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let (peak, rss) = memory_kib();
    println!("{secs} {peak} {rss} {rows} {}", cpu_secs());
    drop(keep);
}

fn run_child(case: &str, path: &Path, rows: usize) -> (f64, u64, u64, f64) {
    let exe = std::env::current_exe().unwrap_or_default();
    let out = Command::new(exe)
        .args(["--child", case])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the child: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = text.split_whitespace().collect();
    assert!(
        out.status.success() && fields.len() == 5,
        "child {case} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fields[3].parse::<usize>().ok(), Some(rows), "{case}: rows");
    (
        fields[0].parse().unwrap_or(0.0),
        fields[1].parse().unwrap_or(0),
        fields[2].parse().unwrap_or(0),
        fields[4].parse().unwrap_or(0.0),
    )
}

fn file_for(rows: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!("chronoscope-bench-{rows}.parquet"));
    if !path.exists() {
        parquet_writer::write_events(&path, rows, &[]);
    }
    path
}

#[allow(clippy::cast_precision_loss)] // Figures for a person: sizes far below 2^52.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        child(&args[at + 1], Path::new(&args[at + 2]));
        return;
    }
    let mut sizes = vec![1_000_000_usize];
    if std::env::var_os("CHRONOSCOPE_BENCH_10M").is_some() {
        sizes.push(10_000_000);
    }
    println!(
        "{:>10} {:>8} {:>9} {:>9} {:>6} | {:>9} {:>9} {:>6} | {:>9} {:>9} | {:>9} {:>9}",
        "rows",
        "file MB",
        "ours s",
        "bare s",
        "ratio",
        "ours cpu",
        "bare cpu",
        "ratio",
        "peak MB",
        "bare MB",
        "rss MB",
        "B/event"
    );
    for &n in &sizes {
        let path = file_for(n);
        let mb = std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6;
        let runs = if n >= 10_000_000 { 1 } else { 3 };
        let (mut ours, mut ours_cpu) = (Vec::new(), Vec::new());
        let (mut baseline, mut baseline_cpu) = (Vec::new(), Vec::new());
        let (mut peak, mut rss, mut base_peak) = (0, 0, 0);
        for _ in 0..runs {
            let (secs, p, r, cpu) = run_child("ours", &path, n);
            ours.push(secs);
            ours_cpu.push(cpu);
            (peak, rss) = (p, r);
            let (secs, p, _, cpu) = run_child("bare", &path, n);
            baseline.push(secs);
            baseline_cpu.push(cpu);
            base_peak = p;
        }
        let (ours, baseline) = (median(ours), median(baseline));
        let (ours_cpu, baseline_cpu) = (median(ours_cpu), median(baseline_cpu));
        println!(
            "{n:>10} {mb:>8.1} {ours:>9.3} {baseline:>9.3} {:>6.2} | {ours_cpu:>9.2} {baseline_cpu:>9.2} {:>6.2} | {:>9.1} {:>9.1} | {:>9.1} {:>9.1}",
            ours / baseline,
            ours_cpu / baseline_cpu,
            peak as f64 / 1024.0,
            base_peak as f64 / 1024.0,
            rss as f64 / 1024.0,
            rss as f64 * 1024.0 / n as f64,
        );
    }
    println!(
        "ratio = our load / the crate's bare typed read of the same three columns (wall, then \
         CPU user + system); peak = VmHWM of the loading process; rss = VmRSS after the load"
    );
}
