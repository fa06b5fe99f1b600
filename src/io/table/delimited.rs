//! Delimited text: comma-, semicolon-, tab- or pipe-separated, as Excel,
//! `LibreOffice`, Google Sheets, databases and data portals export it. The
//! separator is sniffed from the first lines (an Excel `sep=;` line is
//! honoured); the `csv` crate does the quoting.

use super::{Cell, Places, Table};

/// The separators tried, in the order that wins a tie.
const DELIMITERS: [u8; 4] = [b'\t', b';', b',', b'|'];

/// How many times `delimiter` occurs in `line` outside double quotes.
fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            !quoted && b == delimiter
        })
        .count()
}

/// An Excel `sep=X` first line.
fn sep_line(text: &str) -> Option<(u8, usize)> {
    let first = text.lines().next()?;
    let rest = first.trim_end().strip_prefix("sep=")?;
    match rest.as_bytes() {
        [d] => Some((
            *d,
            first.len() + usize::from(text[first.len()..].starts_with("\r\n")) + 1,
        )),
        _ => None,
    }
}

/// The separator of a delimited text and where its header starts, or
/// `None` when the text does not look like a table with two or more
/// columns and a row below the header.
#[must_use]
pub fn sniff(text: &str) -> Option<(u8, usize)> {
    if let Some(found) = sep_line(text) {
        return Some(found);
    }
    let head = text.get(..text.len().min(65_536)).unwrap_or(text);
    let lines: Vec<&str> = head
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let first = lines.first()?.trim_start();
    if first.starts_with(['{', '[', '<', '#']) || first.to_ascii_uppercase().starts_with("BEGIN:") {
        return None;
    }
    if lines.len() < 2 {
        return None;
    }
    // The separator that the header has and most rows repeat as often.
    let mut best: Option<(u8, usize, usize)> = None;
    for delimiter in DELIMITERS {
        let header = count_outside_quotes(lines[0], delimiter);
        if header == 0 {
            continue;
        }
        let agreeing = lines[1..]
            .iter()
            .filter(|l| count_outside_quotes(l, delimiter) == header)
            .count();
        // Quoted cells may span lines; most rows still agree.
        if agreeing * 2 < lines.len() - 1 {
            continue;
        }
        if best.is_none_or(|(_, a, h)| (agreeing, header) > (a, h)) {
            best = Some((delimiter, agreeing, header));
        }
    }
    best.map(|(d, _, _)| (d, 0))
}

/// The name of a separator, for the summary.
#[must_use]
pub const fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b'\t' => "tab",
        b';' => "semicolon",
        b'|' => "pipe",
        _ => "comma",
    }
}

/// Reads delimited text into a table.
///
/// # Errors
/// Unclosed quotes and unreadable records, as a byte offset and a message.
pub fn table(text: &str, delimiter: u8, header_at: usize) -> Result<Table, (usize, String)> {
    let body = &text[header_at..];
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut header: Option<(Vec<String>, usize)> = None;
    let mut rows = Vec::new();
    let mut offsets = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| {
            let at = e
                .position()
                .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
            (header_at + at, format!("invalid CSV: {e}"))
        })?;
        // After a CRLF the csv crate reports the record at the LF.
        let mut at = header_at
            + record
                .position()
                .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
        while matches!(text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if header.is_none() {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let names = record
                .iter()
                .map(|c| c.trim_start_matches('\u{feff}').trim().to_owned())
                .collect();
            header = Some((names, at));
            continue;
        }
        rows.push(
            record
                .iter()
                .map(|c| {
                    if c.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.to_owned())
                    }
                })
                .collect(),
        );
        offsets.push(at);
    }
    let (header, header_offset) = header.unwrap_or_default();
    check_quotes(text, header_at)?;
    Ok(Table {
        header,
        rows,
        places: Places::Text {
            text: text.to_owned(),
            delimiter,
            header_at: header_offset,
            rows: offsets,
        },
    })
}

/// The `csv` crate reads an unclosed quote to the end of the file without
/// complaint; a table that does so has lost its rows, so say where.
fn check_quotes(text: &str, from: usize) -> Result<(), (usize, String)> {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut open: Option<usize> = None;
    let mut cell_start = true;
    while let Some(&b) = bytes.get(i) {
        match (open, b) {
            (None, b'"') if cell_start => open = Some(i),
            (Some(_), b'"') if bytes.get(i + 1) == Some(&b'"') => i += 1,
            (Some(_), b'"') => open = None,
            _ => {}
        }
        cell_start = open.is_none() && matches!(b, b',' | b';' | b'\t' | b'|' | b'\n');
        i += 1;
    }
    match open {
        Some(at) => Err((
            at,
            "this quoted cell is never closed: a `\"` is missing".to_owned(),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_separator() {
        assert_eq!(sniff("a,b,c\n1,2,3\n"), Some((b',', 0)));
        assert_eq!(sniff("a;b;c\n\"1,5\";2;3\n"), Some((b';', 0)));
        assert_eq!(sniff("a\tb\n1\t2, 3\n"), Some((b'\t', 0)));
        assert_eq!(sniff("sep=;\r\na;b\r\n1;2\r\n"), Some((b';', 7)));
        assert_eq!(sniff("{\"a\": 1,\n\"b\": 2}"), None);
        assert_eq!(sniff("just one line, here"), None);
    }

    #[test]
    fn reads_quoted_cells_and_offsets() {
        let text = "h1,h2\r\n\"a,\"\"b\"\"\",c\r\nd,\r\n";
        let t = table(text, b',', 0).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(t.header, vec!["h1", "h2"]);
        assert_eq!(t.rows[0][0], Cell::Text("a,\"b\"".into()));
        assert_eq!(t.rows[1][1], Cell::Empty);
        let Places::Text { rows, .. } = &t.places else {
            panic!("text places")
        };
        assert_eq!(rows, &vec![7, 20]);
        assert!(table("a,b\n\"open,1\n", b',', 0).is_err());
    }
}
