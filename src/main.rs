//! The `chronoscope` binary: parse the command line, hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    chronoscope::cli::run(chronoscope::cli::Cli::parse())
}
