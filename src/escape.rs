//! Text from files made safe to print: quoted, escaped, shortened.
//!
//! One helper for every message that shows file content, whichever module
//! writes it (the readers through [`crate::io::diag`], the date parsers in
//! `time`): a hostile file must not retitle, clear or recolour a terminal,
//! nor hide or reorder what a message says.
//!
//! **Architecture invariant:** depends on nothing but `std`, so every
//! module may use it.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Longest piece of file content [`quote`] shows, in characters; the rest
/// is cut with "…" (a 50 MB field must not become a 50 MB message).
pub const MAX_QUOTED_CHARS: usize = 48;

/// A piece of file content for a message: in double quotes, with quotes,
/// backslashes, control characters (C0, DEL, C1: ESC, BEL …), bidi
/// overrides and invisible characters escaped as `\u{1b}`, and cut after
/// [`MAX_QUOTED_CHARS`] characters with "…". `quote("\u{1b}]0;x")` is
/// `"\u{1b}]0;x"`, which a terminal prints and never obeys.
#[must_use]
pub fn quote(text: &str) -> String {
    format!("\"{}\"", excerpt(text))
}

/// The inside of [`quote`], without the quotes: for content shown in
/// other brackets, such as an XML element's name in `<…>`.
#[must_use]
pub fn excerpt(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * MAX_QUOTED_CHARS));
    for (i, c) in text.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => push_escaped(&mut out, c),
        }
    }
    out
}

/// A name from a file (a column's header, a sheet's name) shown inside
/// other words, as in a summary (`start: event_date`): control, bidi and
/// invisible characters escaped as in [`quote`], cut after
/// [`MAX_QUOTED_CHARS`] characters with "…", and nothing else changed, so
/// ordinary names read exactly as the file writes them.
#[must_use]
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * MAX_QUOTED_CHARS));
    for (i, c) in text.chars().enumerate() {
        if i == MAX_QUOTED_CHARS {
            out.push('…');
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

/// A name from a file in backticks, as messages name columns and sheets
/// (`` `event_date` ``): the [`label`] of `text`, trimmed.
#[must_use]
pub fn backticked(text: &str) -> String {
    format!("`{}`", label(text.trim()))
}

/// `text` with control, bidi and invisible characters escaped as in
/// [`quote`], but neither quoted nor cut: for text that is not itself file
/// content but may carry some (file names, whole messages).
#[must_use]
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// True for characters that steer a terminal or hide or reorder text:
/// C0 and C1 controls and DEL, bidi embeddings, overrides, isolates and
/// marks, zero-width and other invisible characters, line and paragraph
/// separators, and Unicode tag characters.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_cut_but_otherwise_as_written() {
        assert_eq!(label("Start Date"), "Start Date");
        assert_eq!(label("say \"hi\""), "say \"hi\"");
        assert_eq!(
            label("S\u{202e}evil\u{1b}[31m"),
            "S\\u{202e}evil\\u{1b}[31m"
        );
        let long = label(&"n".repeat(500));
        assert_eq!(long.chars().count(), MAX_QUOTED_CHARS + 1);
        assert!(long.ends_with('…'));
        assert_eq!(backticked(" date "), "`date`");
        assert_eq!(backticked("a\u{7}"), "`a\\u{7}`");
    }
}
