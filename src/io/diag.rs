//! Diagnostics: what is wrong with a file, and exactly where.

use std::fmt;

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
            self.file, self.line, self.column, self.severity, self.message
        )
    }
}

/// At most this many diagnostics are kept per file: a million broken events
/// must not print a million lines.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Collects diagnostics by byte offset and turns offsets into lines and
/// columns only once, at the end (so a clean load never pays for it).
#[derive(Debug)]
pub struct Collector<'a> {
    file: &'a str,
    text: &'a str,
    items: Vec<(usize, Severity, String)>,
    dropped: usize,
}

impl<'a> Collector<'a> {
    /// A collector for `text`, read from the file named `file`.
    #[must_use]
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            items: Vec::new(),
            dropped: 0,
        }
    }

    /// Records a problem at byte `offset` of the text.
    pub fn push(&mut self, offset: usize, severity: Severity, message: impl Into<String>) {
        if self.items.len() < MAX_DIAGNOSTICS {
            self.items.push((offset, severity, message.into()));
        } else {
            self.dropped += 1;
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
        self.dropped > 0 || self.items.iter().any(|(_, s, _)| *s == Severity::Error)
    }

    /// The diagnostics with lines and columns, in file order.
    #[must_use]
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by_key(|(offset, severity, _)| (*offset, *severity));
        let lines = LineIndex::new(self.text);
        let mut out: Vec<Diagnostic> = self
            .items
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
        if self.dropped > 0 {
            let (line, column) = out.last().map_or((1, 1), |d| (d.line, d.column));
            out.push(Diagnostic {
                file: self.file.to_owned(),
                line,
                column,
                severity: Severity::Error,
                message: format!("{} more problems not shown", self.dropped),
            });
        }
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
}
