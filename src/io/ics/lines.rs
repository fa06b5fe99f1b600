//! Content lines of an iCalendar file: unfolded here (not by the crate) so
//! that every diagnostic can point at the line of the original file;
//! characters split by a fold mended before the bytes are decoded; and,
//! when the crate cannot parse the lines, the first line that is wrong
//! found for a positioned error.

use crate::escape::quote;

/// The text with folded lines joined and line ends made `\n`, and for each
/// join the offsets (unfolded, original) after it, to map positions back.
pub(super) fn unfold(text: &str) -> (String, Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut marks = Vec::new();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let eol = match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\n' | b'\r', _) => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        let next = i + eol;
        if matches!(bytes.get(next), Some(b' ' | b'\t')) {
            // A fold: the break and the one space or tab after it vanish.
            copied = next + 1;
        } else {
            out.push('\n');
            copied = next;
        }
        i = copied.max(i + 1);
        marks.push((out.len(), copied));
    }
    out.push_str(&text[copied.min(text.len())..]);
    (out, marks)
}

/// The original offset of unfolded offset `at`, by the marks of [`unfold`].
pub(super) fn original(marks: &[(usize, usize)], at: usize) -> usize {
    let i = marks.partition_point(|(u, _)| *u <= at);
    match i.checked_sub(1).and_then(|i| marks.get(i)) {
        Some((u, o)) => o + (at - u),
        None => at,
    }
}

/// Maps positions in the unfolded text back to the original.
pub(super) struct Positions<'a> {
    pub unfolded: &'a str,
    pub marks: &'a [(usize, usize)],
}

impl Positions<'_> {
    /// The original offset of unfolded offset `at`.
    pub fn original(&self, at: usize) -> usize {
        original(self.marks, at)
    }

    /// The original offset of a slice of the unfolded text (0 when the
    /// crate had to copy it).
    pub fn of(&self, s: &str) -> usize {
        self.find(s).unwrap_or(0)
    }

    /// The original offset of a slice of the unfolded text; `None` when
    /// it is a copy (the crate copies values it unescapes).
    pub fn find(&self, s: &str) -> Option<usize> {
        let base = self.unfolded.as_ptr() as usize;
        let ptr = s.as_ptr() as usize;
        (ptr >= base && ptr <= base + self.unfolded.len()).then(|| self.original(ptr - base))
    }
}

/// True when `bytes` start like an iCalendar file (after a byte-order
/// mark and blank space), whatever the rest holds.
#[must_use]
pub fn looks_like_icalendar(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes
        .get(start..start + 15)
        .is_some_and(|s| s.eq_ignore_ascii_case(b"BEGIN:VCALENDAR"))
}

/// The length of a UTF-8 sequence its lead byte announces (0 for bytes
/// that cannot start one).
fn sequence_length(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// Where the character cut off at the end of `out` starts, and how many
/// continuation bytes it lacks; `None` when `out` ends on a whole one.
fn cut_character(out: &[u8]) -> Option<(usize, usize)> {
    let tail = out.len().saturating_sub(3);
    let lead = (tail..out.len())
        .rev()
        .find(|&i| !is_continuation(out[i]))?;
    let missing = sequence_length(out[lead]).checked_sub(out.len() - lead)?;
    (missing > 0).then_some((out.len(), missing))
}

/// The bytes with every character that a fold splits made whole again:
/// RFC 5545 folds at 75 octets, and some writers fold inside a multi-byte
/// UTF-8 character, which readers must rejoin. The cut-off bytes move
/// before the line break (`K\xC3⏎ \xA4se` becomes `K\xC3\xA4⏎ se`), so the
/// fold stays and every line keeps its number. `None` when no fold splits
/// a character.
#[must_use]
pub fn mend_split_characters(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut mended = false;
    // A character still cut after the last fold: where its next byte goes
    // and how many it lacks (a 4-byte character folded twice).
    let mut pending: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let eol = match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\n' | b'\r', _) => 1,
            _ => 0,
        };
        let fold_end = i + eol + 1;
        if eol == 0 || !matches!(bytes.get(i + eol), Some(b' ' | b'\t')) {
            out.push(bytes[i]);
            pending = None;
            i += 1;
            continue;
        }
        let fold = &bytes[i..fold_end];
        let Some((at, missing)) = pending.take().or_else(|| cut_character(&out)) else {
            out.extend_from_slice(fold);
            i = fold_end;
            continue;
        };
        let moved = bytes[fold_end..]
            .iter()
            .take(missing)
            .take_while(|b| is_continuation(**b))
            .count();
        out.splice(at..at, bytes[fold_end..fold_end + moved].iter().copied());
        out.extend_from_slice(fold);
        mended |= moved > 0;
        if moved < missing && moved > 0 {
            pending = Some((at + moved, missing - moved));
        }
        i = fold_end + moved;
    }
    mended.then_some(out)
}

/// What is wrong with the lines of a calendar the crate did not parse.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Outline {
    /// The first wrong line: its offset in the unfolded text and why.
    pub problem: Option<(usize, String)>,
    /// The components begun and not ended at the end of the text,
    /// outermost first.
    pub open: Vec<String>,
}

/// The characters the crate accepts in a property name: RFC 5545 allows
/// letters, digits and `-`; the crate also letters of any script and
/// `.,/_`, and this scan must not call wrong what the crate reads.
fn is_name_char(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | '_' | '-') || c.is_alphanumeric()
}

/// Walks the unfolded lines as the crate reads them: `BEGIN:`/`END:`
/// pairs that nest, and properties whose name is followed by `;`, `:` or
/// the end of the line. `line_of` gives the file's line of an unfolded
/// offset, for messages that name another line.
pub(super) fn outline(unfolded: &str, line_of: &dyn Fn(usize) -> usize) -> Outline {
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut at = 0;
    for line in unfolded.split('\n') {
        let start = at;
        at += line.len() + 1;
        let trimmed = line.trim_end();
        if trimmed.trim_start().is_empty() {
            continue;
        }
        let keyword = |word: &str| {
            trimmed
                .get(..word.len())
                .filter(|w| w.eq_ignore_ascii_case(word))
                .map(|_| trimmed[word.len()..].trim())
        };
        if let Some(name) = keyword("BEGIN:") {
            open.push((name, start));
            continue;
        }
        if let Some(name) = keyword("END:") {
            match open.last() {
                Some((begun, _)) if *begun == name => {
                    open.pop();
                }
                Some((begun, begun_at)) => {
                    let message = format!(
                        "{} does not end the open component {} (begun on line {})",
                        quote(trimmed),
                        quote(&format!("BEGIN:{begun}")),
                        line_of(*begun_at)
                    );
                    return problem(start, message);
                }
                None => {
                    let message = format!("{} ends a component that was not begun", quote(trimmed));
                    return problem(start, message);
                }
            }
            continue;
        }
        if open.is_empty() {
            let message = format!(
                "{} is outside the calendar (after its END:VCALENDAR or before its BEGIN:VCALENDAR)",
                quote(trimmed)
            );
            return problem(start, message);
        }
        let name_start = line.len() - line.trim_start().len();
        let name_end = line[name_start..]
            .find(|c| !is_name_char(c))
            .map_or(line.len(), |i| name_start + i);
        let next = line[name_end..].chars().next();
        if name_end == name_start || !matches!(next, None | Some(':' | ';')) {
            let found =
                next.map_or_else(String::new, |c| format!(", not {}", quote(&c.to_string())));
            let message = format!(
                "this is not an iCalendar property: {} (a property name is letters, digits and \"-\", then \":\"{found})",
                quote(trimmed)
            );
            return problem(start + name_end, message);
        }
    }
    Outline {
        problem: None,
        open: open.into_iter().map(|(name, _)| name.to_owned()).collect(),
    }
}

fn problem(at: usize, message: String) -> Outline {
    Outline {
        problem: Some((at, message)),
        open: Vec::new(),
    }
}

/// True when the last line that is not blank ends the calendar: files
/// whose last line is anything else may be cut short, and are
/// [`outline`]d before they are parsed.
pub(super) fn ends_calendar(unfolded: &str) -> bool {
    unfolded
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim().eq_ignore_ascii_case("END:VCALENDAR"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolding_keeps_positions() {
        let text = "A:1\r\nB:long\r\n  line\r\nC:3\r\n";
        let (unfolded, marks) = unfold(text);
        assert_eq!(unfolded, "A:1\nB:long line\nC:3\n");
        let p = Positions {
            unfolded: &unfolded,
            marks: &marks,
        };
        let c = unfolded.find("C:").unwrap_or_default();
        assert_eq!(p.original(c), text.find("C:").unwrap_or_default());
    }

    #[test]
    fn split_characters_are_mended_before_the_fold() {
        let split = b"S:K\xC3\r\n \xA4se\r\nT:\xE2\x82\n\t\xACx\n";
        let mended = mend_split_characters(split).unwrap_or_default();
        assert_eq!(mended, b"S:K\xC3\xA4\r\n se\r\nT:\xE2\x82\xAC\n\tx\n");
        let text = String::from_utf8(mended).unwrap_or_default();
        assert_eq!(unfold(&text).0, "S:Käse\nT:€x\n");
        // A four-byte character folded twice, one byte per line.
        let twice = b"S:\xF0\x9F\r\n \x98\r\n \x80!";
        let mended = mend_split_characters(twice).unwrap_or_default();
        let text = String::from_utf8(mended).unwrap_or_default();
        assert_eq!(unfold(&text).0, "S:\u{1f600}!");
        assert_eq!(text.lines().count(), 3, "lines keep their numbers");
        // Whole characters and plain folds are left alone.
        assert_eq!(mend_split_characters("S:Kä\r\n se".as_bytes()), None);
        assert_eq!(mend_split_characters(b"S:\xFF\r\n x"), None);
    }

    /// `outline` of a text without folds, with its own line numbers.
    fn outline_of(text: &str) -> Outline {
        outline(text, &|at| text[..at].matches('\n').count() + 1)
    }

    #[test]
    fn outline_finds_the_wrong_line() {
        let bidi = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUM\u{202e}MARY:x\nEND:VEVENT\nEND:VCALENDAR\n";
        let found = outline_of(bidi).problem.unwrap_or_default();
        assert_eq!(found.0, bidi.find('\u{202e}').unwrap_or_default());
        assert!(found.1.contains("\"SUM\\u{202e}MARY:x\""), "{}", found.1);
        let mismatch = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR\n";
        assert_eq!(
            outline_of(mismatch).problem,
            Some((
                mismatch.find("END:VTODO").unwrap_or_default(),
                "\"END:VTODO\" does not end the open component \"BEGIN:VEVENT\" (begun on line 2)"
                    .to_owned()
            ))
        );
        let cut = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20250101\n";
        assert_eq!(
            outline_of(cut),
            Outline {
                problem: None,
                open: vec!["VCALENDAR".to_owned(), "VEVENT".to_owned()]
            }
        );
        assert!(!ends_calendar(cut));
        assert!(ends_calendar("BEGIN:VCALENDAR\nend:vcalendar\n\n"));
    }
}
