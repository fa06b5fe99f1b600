//! Diagnostics: what is wrong with a file, and exactly where.
//!
//! Messages are printed on terminals, so file content never reaches one
//! raw: readers put every piece of it in a message through [`quote`]
//! (quoted, escaped, shortened), and [`Diagnostic`]'s `Display` escapes
//! whatever control characters are left, as a second line of defence.

use std::fmt;

pub use crate::escape::{MAX_QUOTED_CHARS, backticked, escape, excerpt, is_unsafe, label, quote};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file loads, but something in it was probably not meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// One problem at one place of one file, printed as `FILE:LINE:COL: error: MESSAGE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            escape(&self.file),
            self.line,
            self.column,
            self.severity,
            escape(&self.message)
        )
    }
}

/// At most this many values are listed by [`quote_list`].
pub const MAX_LISTED: usize = 10;

/// Several pieces of file content, each [`quote`]d, comma-separated, the
/// list cut after [`MAX_LISTED`] with "and N more". Only the items shown
/// are visited, so a message about one of a million lanes stays cheap.
#[must_use]
pub fn quote_list<'s>(items: impl ExactSizeIterator<Item = &'s str>) -> String {
    let total = items.len();
    let mut out: Vec<String> = items.take(MAX_LISTED).map(quote).collect();
    if total > MAX_LISTED {
        out.push(format!("and {} more", total - MAX_LISTED));
    }
    out.join(", ")
}

/// The message for a date that did not parse from `text`: a syntax error
/// shows the text as written, quoted (`"yesterday" is not a date: expected
/// a year at character 1 …`); a date that does not exist or is out of
/// range says so with its parsed numbers.
#[must_use]
pub fn invalid_date(text: &str, error: &crate::time::DateError) -> String {
    if error.syntax {
        format!("{} is not a date: {}", quote(text), error.message)
    } else {
        error.message.clone()
    }
}

/// At most this many diagnostics are kept per file: a million broken events
/// must not print a million lines.
pub const MAX_DIAGNOSTICS: usize = 100;

/// What a reader left out past [`MAX_DIAGNOSTICS`], counted by severity,
/// and the one line that says so. Every reader cuts off the same way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cutoff {
    errors: usize,
    warnings: usize,
}

impl Cutoff {
    /// Counts one problem left out.
    pub fn count(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }

    /// True when an error was left out.
    #[must_use]
    pub const fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// The cut-off line keeps the severity of what it hides: warnings
    /// alone must not turn a loadable file into a failure.
    #[must_use]
    pub const fn severity(&self) -> Severity {
        if self.errors > 0 {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// "… and 50 more warnings not shown", "… and 2 more errors and 1
    /// more warning not shown".
    #[must_use]
    pub fn message(&self) -> String {
        use crate::numbers::{ERROR, Noun, WARNING, grouped};
        let count = |n: usize, noun: Noun| format!("{} more {}", grouped(n), noun.form(n));
        match (self.errors, self.warnings) {
            (0, warnings) => format!("… and {} not shown", count(warnings, WARNING)),
            (errors, 0) => format!("… and {} not shown", count(errors, ERROR)),
            (errors, warnings) => format!(
                "… and {} and {} not shown",
                count(errors, ERROR),
                count(warnings, WARNING)
            ),
        }
    }

    /// The cut-off line at the position of the last problem shown, or
    /// `None` when nothing was left out.
    #[must_use]
    pub fn diagnostic(&self, file: &str, line: usize, column: usize) -> Option<Diagnostic> {
        (self.errors + self.warnings > 0).then(|| Diagnostic {
            file: file.to_owned(),
            line,
            column,
            severity: self.severity(),
            message: self.message(),
        })
    }
}

/// Collects diagnostics by byte offset and turns offsets into lines and
/// columns only once, at the end (so a clean load never pays for it).
#[derive(Debug)]
pub struct Collector<'a> {
    file: &'a str,
    text: &'a str,
    items: Vec<(usize, Severity, String)>,
    dropped: Cutoff,
}

impl<'a> Collector<'a> {
    /// A collector for `text`, read from the file named `file`.
    #[must_use]
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            items: Vec::new(),
            dropped: Cutoff::default(),
        }
    }

    /// Records a problem at byte `offset` of the text.
    pub fn push(&mut self, offset: usize, severity: Severity, message: impl Into<String>) {
        if self.items.len() < MAX_DIAGNOSTICS {
            self.items.push((offset, severity, message.into()));
        } else {
            self.dropped.count(severity);
        }
    }

    /// Records an error at byte `offset`.
    pub fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.push(offset, Severity::Error, message);
    }

    /// Records a warning at byte `offset`.
    pub fn warning(&mut self, offset: usize, message: impl Into<String>) {
        self.push(offset, Severity::Warning, message);
    }

    /// True when any error was recorded.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.dropped.has_errors() || self.items.iter().any(|(_, s, _)| *s == Severity::Error)
    }

    /// The diagnostics with lines and columns, in file order.
    #[must_use]
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by_key(|(offset, severity, _)| (*offset, *severity));
        let lines = LineIndex::new(self.text);
        let mut out: Vec<Diagnostic> = std::mem::take(&mut self.items)
            .into_iter()
            .map(|(offset, severity, message)| {
                let (line, column) = lines.position(self.text, offset);
                Diagnostic {
                    file: self.file.to_owned(),
                    line,
                    column,
                    severity,
                    message,
                }
            })
            .collect();
        let (line, column) = out.last().map_or((1, 1), |d| (d.line, d.column));
        out.extend(self.dropped.diagnostic(self.file, line, column));
        out
    }
}

/// Start offsets of every line, for offset → (line, column).
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { starts }
    }

    /// 1-based line and character column of byte `offset`.
    #[must_use]
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }
}

/// A single diagnostic at byte `offset` of `text`, for one-off errors.
#[must_use]
pub fn at(
    file: &str,
    text: &str,
    offset: usize,
    severity: Severity,
    message: impl Into<String>,
) -> Diagnostic {
    let (line, column) = LineIndex::new(text).position(text, offset);
    Diagnostic {
        file: file.to_owned(),
        line,
        column,
        severity,
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "ab\n\u{e9}x\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.position(text, 0), (1, 1));
        assert_eq!(lines.position(text, 3), (2, 1));
        assert_eq!(lines.position(text, 5), (2, 2)); // after the two-byte é
        assert_eq!(lines.position(text, 99), (3, 1));
    }

    #[test]
    fn collector_caps_and_sorts() {
        let mut c = Collector::new("f", "x\ny");
        for i in 0..(MAX_DIAGNOSTICS + 5) {
            c.error(i % 3, "bad");
        }
        let d = c.finish();
        assert_eq!(d.len(), MAX_DIAGNOSTICS + 1);
        assert_eq!(d[0].to_string(), "f:1:1: error: bad");
        assert!(d[MAX_DIAGNOSTICS].message.contains("5 more"));
    }

    #[test]
    fn the_cut_off_keeps_the_severity_it_hides() {
        let mut c = Collector::new("f", "x");
        for _ in 0..150 {
            c.warning(0, "unknown column");
        }
        assert!(!c.has_errors());
        let d = c.finish();
        let last = &d[MAX_DIAGNOSTICS];
        assert_eq!(last.severity, Severity::Warning);
        assert_eq!(last.message, "… and 50 more warnings not shown");

        let mut c = Collector::new("f", "x");
        for i in 0..103 {
            c.push(
                0,
                if i < 101 {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                "p",
            );
        }
        assert!(c.has_errors());
        let d = c.finish();
        let last = &d[MAX_DIAGNOSTICS];
        assert_eq!(last.severity, Severity::Error);
        assert_eq!(
            last.message,
            "… and 2 more errors and 1 more warning not shown"
        );
        // Counts a person reads are grouped.
        let many = Cutoff {
            errors: 12_345,
            warnings: 0,
        };
        assert_eq!(many.message(), "… and 12,345 more errors not shown");
    }

    #[test]
    fn file_content_is_quoted_escaped_and_cut() {
        assert_eq!(quote("strat"), "\"strat\"");
        assert_eq!(
            quote("\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "\"\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\""
        );
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        // C1 controls, bidi overrides and isolates, zero-width characters.
        assert_eq!(
            quote("\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}x"),
            "\"\\u{9b}\\u{202e}\\u{2066}\\u{200b}\\u{feff}x\""
        );
        let long = "é".repeat(1000);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), MAX_QUOTED_CHARS + 3);
        assert!(quoted.ends_with("…\""), "{quoted}");
        // Ordinary text, accents and CJK stay as they are.
        assert_eq!(
            quote("Kremlin – Кремль 克里姆林宫"),
            "\"Kremlin – Кремль 克里姆林宫\""
        );
    }

    #[test]
    fn a_printed_diagnostic_never_carries_a_control_character() {
        let d = at(
            "evil\u{1b}.json",
            "x",
            0,
            Severity::Error,
            "raw \u{7}\u{1b}[2J",
        );
        let shown = d.to_string();
        assert_eq!(shown, "evil\\u{1b}.json:1:1: error: raw \\u{7}\\u{1b}[2J");
        assert!(!shown.chars().any(is_unsafe));
    }
}
