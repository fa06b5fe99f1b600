//! `chronoscope convert IN -o OUT.json`: any supported format to
//! Chronoscope JSON ("-" for standard output).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::io;

/// `chronoscope convert IN -o OUT.json`.
#[derive(Debug, Args, Clone)]
pub struct ConvertArgs {
    /// File to read (any supported format).
    pub input: PathBuf,
    /// Where to write the Chronoscope JSON file ("-" for standard output).
    #[arg(short, long, value_name = "OUT.json")]
    pub output: PathBuf,
}

/// Converts one file; fails when it does not load or cannot be written.
#[must_use]
pub fn run(args: &ConvertArgs) -> ExitCode {
    let ConvertArgs { input, output } = args;
    let loaded = match io::load_path(input) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            super::print_diagnostics(&diagnostics);
            return ExitCode::FAILURE;
        }
    };
    super::print_diagnostics(&loaded.warnings);
    let json = io::native::write(&loaded.timeline);
    if output.as_os_str() == "-" {
        print!("{json}");
        return ExitCode::SUCCESS;
    }
    match crate::fsout::write(output, json.as_bytes()) {
        Ok(_) => {
            eprintln!(
                "{}: wrote {} to {}",
                input.display(),
                crate::numbers::count(loaded.timeline.events().len(), crate::numbers::EVENT),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
