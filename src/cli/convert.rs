//! `chronoscope convert IN -o OUT.json [--filter QUERY]`: any supported
//! format to Chronoscope JSON ("-" for standard output), all of it or only
//! the events a query matches.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::io::diag::escape;
use crate::{io, query};

/// `chronoscope convert IN -o OUT.json`.
#[derive(Debug, Args, Clone)]
pub struct ConvertArgs {
    /// File to read (any supported format).
    pub input: PathBuf,
    /// Where to write the Chronoscope JSON file ("-" for standard output).
    #[arg(short, long, value_name = "OUT.json")]
    pub output: PathBuf,
    /// Write only the events matching this query (and the lanes they use).
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub filter: Option<String>,
    /// How tables are read.
    #[command(flatten)]
    pub table: super::table::TableArgs,
}

/// Converts one file; fails when it does not load or cannot be written.
#[must_use]
pub fn run(args: &ConvertArgs) -> ExitCode {
    let ConvertArgs {
        input,
        output,
        filter,
        table,
    } = args;
    let query = match super::list::query_from_arg(filter.as_deref()) {
        Ok(query) => query,
        Err(message) => {
            super::say(&format!("error: {message}"));
            return ExitCode::FAILURE;
        }
    };
    let mut loaded = match io::load_path_with(input, &table.options()) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            super::print_diagnostics(&diagnostics);
            return ExitCode::FAILURE;
        }
    };
    super::print_diagnostics(&loaded.warnings);
    if !query.is_everything() {
        let timeline = &loaded.timeline;
        let matches = query.matches(&query::SearchIndex::build(timeline), timeline);
        loaded.timeline = query::subset(timeline, &matches);
    }
    let json = io::native::write(&loaded.timeline);
    if output.as_os_str() == "-" {
        return match super::print(&json) {
            Ok(()) => ExitCode::SUCCESS,
            Err(stop) => stop.exit_code(),
        };
    }
    match crate::fsout::write(output, json.as_bytes()) {
        Ok(_) => {
            super::say(&format!(
                "{}: wrote {} to {}",
                escape(&input.display().to_string()),
                crate::numbers::count(loaded.timeline.len(), crate::numbers::EVENT),
                escape(&output.display().to_string())
            ));
            ExitCode::SUCCESS
        }
        // `-o /dev/stdout | head -c1`: as quiet as `-o - | head -c1`.
        Err(e) if e.source.kind() == std::io::ErrorKind::BrokenPipe => {
            super::Stop::Closed.exit_code()
        }
        Err(e) => {
            super::say(&format!("error: {}", escape(&e.to_string())));
            ExitCode::FAILURE
        }
    }
}
