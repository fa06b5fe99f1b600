//! Load benchmark: `cargo bench --bench load`.
//!
//! For generated native files of 10k, 100k and 1M events (10 lanes, 70%
//! moments, 30% ranges of 1 h – 10 days; add 10M with
//! `CHRONOSCOPE_BENCH_10M=1`), prints our load (read + parse + model +
//! indexes, `io::load_path`) beside the baseline measured in the same run:
//! reading the same file and a typed `serde_json::from_slice` into a struct
//! with borrowed `&str` fields, which is about as fast as the bytes can be
//! parsed at all. Each case runs in a child process so that its peak
//! (`VmHWM`) and resident (`VmRSS`, after the load, file bytes dropped)
//! memory are its own. Times are medians of three runs (one for 10M).
//! Files are generated once into the temporary directory and reused.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chronoscope::io::generate::{Spec, write_native};
use serde::Deserialize;

mod common;
use common::{median, memory_kib};

#[derive(Deserialize)]
#[allow(dead_code)] // Fields are parsed, not read: that is the baseline.
struct BaselineFile<'a> {
    #[serde(borrow)]
    title: &'a str,
    #[serde(borrow)]
    lanes: Vec<BaselineLane<'a>>,
    #[serde(borrow)]
    events: Vec<BaselineEvent<'a>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BaselineLane<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BaselineEvent<'a> {
    id: &'a str,
    title: &'a str,
    start: &'a str,
    end: Option<&'a str>,
    lane: &'a str,
    status: Option<&'a str>,
    description: Option<&'a str>,
    #[serde(borrow)]
    tags: Option<Vec<&'a str>>,
    #[serde(borrow)]
    sources: Option<Vec<&'a str>>,
    #[serde(borrow)]
    links: Option<Vec<BaselineLink<'a>>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct BaselineLink<'a> {
    to: &'a str,
    label: Option<&'a str>,
}

/// Runs one case in this process and prints `seconds peak_kib rss_kib`.
fn child(case: &str, path: &Path) {
    let start = Instant::now();
    let (events, keep) = if case == "ours" {
        match chronoscope::io::load_path(path) {
            Ok(loaded) => (loaded.timeline.len(), Some(loaded)),
            Err(d) => {
                eprintln!("{d:?}");
                std::process::exit(1);
            }
        }
    } else {
        let bytes = std::fs::read(path).unwrap_or_default();
        let n = match serde_json::from_slice::<BaselineFile<'_>>(&bytes) {
            Ok(file) => file.events.len(),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        (n, None)
    };
    let secs = start.elapsed().as_secs_f64();
    let (peak, rss) = memory_kib();
    println!("{secs} {peak} {rss} {events}");
    drop(keep);
}

fn run_child(case: &str, path: &Path) -> (f64, u64, u64) {
    let exe = std::env::current_exe().unwrap_or_default();
    let out = Command::new(exe)
        .args(["--child", case])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the child: {e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = text.split_whitespace().collect();
    assert!(
        out.status.success() && fields.len() == 4,
        "child {case} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        fields[0].parse().unwrap_or(0.0),
        fields[1].parse().unwrap_or(0),
        fields[2].parse().unwrap_or(0),
    )
}

fn file_for(events: u64) -> PathBuf {
    let path = std::env::temp_dir().join(format!("chronoscope-bench-{events}-seed1-l10.json"));
    if !path.exists() {
        let spec = Spec {
            events,
            seed: 1,
            lanes: 10,
        };
        let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        write_native(&mut out, &spec).unwrap_or_else(|e| panic!("{e}"));
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
    let mut sizes = vec![10_000_u64, 100_000, 1_000_000];
    if std::env::var_os("CHRONOSCOPE_BENCH_10M").is_some() {
        sizes.push(10_000_000);
    }
    println!(
        "{:>10} {:>8} {:>9} {:>9} {:>6} | {:>9} {:>9} | {:>9} {:>9}",
        "events",
        "file MB",
        "ours s",
        "serde s",
        "ratio",
        "peak MB",
        "serde MB",
        "rss MB",
        "B/event"
    );
    for &n in &sizes {
        let path = file_for(n);
        let mb = std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6;
        let runs = if n >= 10_000_000 { 1 } else { 3 };
        let mut ours = Vec::new();
        let mut baseline = Vec::new();
        let (mut peak, mut rss, mut base_peak) = (0, 0, 0);
        for _ in 0..runs {
            let (secs, p, r) = run_child("ours", &path);
            ours.push(secs);
            (peak, rss) = (p, r);
            let (secs, p, _) = run_child("baseline", &path);
            baseline.push(secs);
            base_peak = p;
        }
        let (ours, baseline) = (median(ours), median(baseline));
        println!(
            "{n:>10} {mb:>8.1} {ours:>9.3} {baseline:>9.3} {:>6.2} | {:>9.1} {:>9.1} | {:>9.1} {:>9.1}",
            ours / baseline,
            peak as f64 / 1024.0,
            base_peak as f64 / 1024.0,
            rss as f64 / 1024.0,
            rss as f64 * 1024.0 / n as f64,
        );
    }
    println!(
        "ratio = our load / (read + typed borrowed serde parse of the same bytes); \
         peak = VmHWM of the loading process; rss = VmRSS after the load with the file's bytes dropped"
    );
}
