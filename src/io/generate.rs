//! Deterministic synthetic timelines in the native format, for benchmarks
//! and for trying Chronoscope on a big file: a few years of an event log in
//! several lanes, 70% moments and 30% ranges of an hour to ten days, a
//! sprinkle of statuses, descriptions, tags, sources and links. The same
//! spec always writes the same bytes; the file is streamed, so ten million
//! events need no more memory than ten.

use std::io::{self, Write};

use crate::time::{Civil, NANOS_PER_SEC, Time};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Number of events.
    pub events: u64,
    /// Seed of the pseudo-random sequence.
    pub seed: u64,
    /// Number of lanes (at least 1).
    pub lanes: u32,
}

impl Default for Spec {
    fn default() -> Self {
        Self {
            events: 1000,
            seed: 1,
            lanes: 10,
        }
    }
}

/// `SplitMix64`: tiny, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A uniform number in [0, 1).
    fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // 53 random bits, exact in f64.
        let x = (self.next() >> 11) as f64;
        x / 9_007_199_254_740_992.0
    }
}

const WHAT: &[&str] = &[
    "Statement",
    "Talks",
    "Report",
    "Strike",
    "Meeting",
    "Vote",
    "Protest",
    "Briefing",
    "Summit",
    "Leak",
    "Visit",
    "Sanctions",
    "Appeal",
    "Ceasefire",
    "Inquiry",
    "Interview",
];
const ABOUT: &[&str] = &[
    "on grain exports",
    "over the border",
    "in the capital",
    "after the vote",
    "on energy prices",
    "near the port",
    "on the budget",
    "about the deal",
];
const STATUSES: &[&str] = &["confirmed", "reported", "claimed", "denied"];
/// About three years, so 10M events are ~10 s apart and 10k ~2.6 h.
const SPAN_SECS: u64 = 3 * 365 * 24 * 3600;

/// Writes the timeline of `spec` as a native JSON file.
///
/// # Errors
/// Whatever the writer reports.
pub fn write_native(out: &mut impl Write, spec: &Spec) -> io::Result<()> {
    let mut rng = Rng(spec.seed ^ 0x005e_ed0f_c4f0_5c0e);
    let lanes = spec.lanes.max(1);
    write!(
        out,
        "{{\n\"title\": \"Generated timeline: {}, seed {}\",\n\"lanes\": [",
        crate::numbers::count(
            usize::try_from(spec.events).unwrap_or(usize::MAX),
            crate::numbers::EVENT
        ),
        spec.seed
    )?;
    for lane in 0..lanes {
        let comma = if lane + 1 < lanes { "," } else { "" };
        write!(
            out,
            "\n  {{\"id\":\"lane-{lane}\",\"title\":\"Lane {lane}\"}}{comma}"
        )?;
    }
    out.write_all(b"\n],\n\"events\": [\n")?;
    let start = Time::from_year(2023);
    let mean_gap = (SPAN_SECS * 2 / spec.events.max(1)).max(1);
    let mut t = start;
    let mut buf = String::with_capacity(256);
    for i in 0..spec.events {
        use std::fmt::Write as _;
        t = t.add_nanos(i128::from(rng.below(mean_gap + 1)) * NANOS_PER_SEC);
        buf.clear();
        let what = WHAT[usize::try_from(rng.below(WHAT.len() as u64)).unwrap_or(0)];
        let about = ABOUT[usize::try_from(rng.below(ABOUT.len() as u64)).unwrap_or(0)];
        let lane = rng.below(u64::from(lanes));
        let _ = write!(
            buf,
            "{{\"id\":\"e{i}\",\"title\":\"{what} {about} #{i}\",\"start\":\""
        );
        iso(&mut buf, t);
        buf.push('"');
        if rng.below(10) < 3 {
            // 1 hour to 10 days, evenly on a log scale.
            let hours = 240_f64.powf(rng.unit());
            #[allow(clippy::cast_possible_truncation)] // At most 864 000 s.
            let secs = (hours * 3600.0) as i128;
            buf.push_str(",\"end\":\"");
            iso(&mut buf, t.add_nanos(secs.max(3600) * NANOS_PER_SEC));
            buf.push('"');
        }
        let _ = write!(buf, ",\"lane\":\"lane-{lane}\"");
        if rng.below(4) == 0 {
            let status = STATUSES[usize::try_from(rng.below(STATUSES.len() as u64)).unwrap_or(0)];
            let _ = write!(buf, ",\"status\":\"{status}\"");
        }
        match rng.below(100) {
            0 => {
                let _ = write!(
                    buf,
                    ",\"description\":\"Synthetic event {i}.\",\"tags\":[\"{}\"],\"sources\":[\"Wire {}\"]",
                    what.to_ascii_lowercase(),
                    rng.below(20)
                );
            }
            1 if i > 0 => {
                let _ = write!(
                    buf,
                    ",\"links\":[{{\"to\":\"e{}\",\"label\":\"follows\"}}]",
                    rng.below(i)
                );
            }
            _ => {}
        }
        buf.push('}');
        if i + 1 < spec.events {
            buf.push(',');
        }
        buf.push('\n');
        out.write_all(buf.as_bytes())?;
    }
    out.write_all(b"]\n}\n")
}

/// The file of `spec` as a string (for tests and small benchmarks).
#[must_use]
pub fn native_text(spec: &Spec) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and the generator writes only ASCII.
    let _ = write_native(&mut out, spec);
    String::from_utf8(out).unwrap_or_default()
}

/// `2025-03-04T12:34:56Z`.
fn iso(out: &mut String, t: Time) {
    use std::fmt::Write as _;
    let c = Civil::from_time(t);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    );
}
