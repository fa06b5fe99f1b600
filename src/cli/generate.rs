//! `chronoscope generate N -o FILE [--seed S] [--lanes L]`: a deterministic
//! synthetic timeline (see [`crate::io::generate`]) for benchmarks and for
//! trying the viewer on a big file.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::io::generate::{Spec, write_native};

/// `chronoscope generate N -o FILE`.
#[derive(Debug, Args, Clone)]
pub struct GenerateArgs {
    /// Number of events.
    pub events: u64,
    /// Where to write the Chronoscope JSON file ("-" for standard output).
    #[arg(short, long, value_name = "FILE.json")]
    pub output: PathBuf,
    /// Seed: the same seed always gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of lanes.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub lanes: u32,
}

/// Writes the file; fails when it cannot be written.
#[must_use]
pub fn run(args: &GenerateArgs) -> ExitCode {
    let spec = Spec {
        events: args.events,
        seed: args.seed,
        lanes: args.lanes,
    };
    if args.output.as_os_str() == "-" {
        let mut out = BufWriter::new(std::io::stdout().lock());
        return match write_native(&mut out, &spec).and_then(|()| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            // `| head` closing the pipe ends it quietly, as everywhere.
            Err(e) => super::Stop::from_error(e).exit_code(),
        };
    }
    // Through fsout, like every output: atomic for a file, kept mode and
    // owner, a symlink's target written, a device or FIFO written through.
    let written = crate::fsout::write_with(&args.output, |mut out| write_native(&mut out, &spec));
    match written {
        Ok(_) => {
            super::say(&format!(
                "wrote {} in {} to {}",
                crate::numbers::count(
                    usize::try_from(spec.events).unwrap_or(usize::MAX),
                    crate::numbers::EVENT
                ),
                crate::numbers::count(spec.lanes as usize, crate::numbers::LANE),
                crate::io::diag::escape(&args.output.display().to_string())
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            super::say(&format!(
                "error: {}",
                crate::io::diag::escape(&e.to_string())
            ));
            ExitCode::FAILURE
        }
    }
}
