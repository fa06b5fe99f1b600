//! Timeline (thetimelineproj) files of versions 0.1 to 0.9: plain text, one
//! object a line, as written by `timelinelib/db/backends/file.py`:
//!
//! ```text
//! # Written by Timeline 0.9.0 on 2010-5-1 10:15:54
//! PREFERRED-PERIOD:2010-4-27 21:54:54;2010-5-13 6:33:18
//! CATEGORY:Work;255,0,0;True
//! EVENT:2010-5-2 9:0:0;2010-5-2 9:0:0;Tennis;Private;description:Med Kristoffer.
//! # END
//! ```
//!
//! Fields are separated by `;`; a backslash escapes the next character
//! (`\;`, `\\`, and `\n`/`\r` for line breaks in descriptions). `CATEGORY:`
//! is `name;r,g,b[;visible]`, `EVENT:` is `start;end;text[;category]`
//! followed by `id:data` items (`description:` is kept, `icon:` dropped).
//! Lines starting with `#` are comments. Times and categories follow the
//! same rules as the XML format in [`super::thetimelineproj`].

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

use super::diag::{Collector, quote};
use super::native::ReadResult;
use super::thetimelineproj::{instant_span, lossless, parse_color, parse_time};
use super::timelinejs::Assembler;
use crate::model::Event;
use crate::time::Date;

/// True when the text starts like a pre-0.10 Timeline file.
#[must_use]
pub fn sniff(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return false;
    };
    first.starts_with("# Written by Timeline ")
        || text
            .lines()
            .map(str::trim_start)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .take(1)
            .any(|l| {
                ["PREFERRED-PERIOD:", "CATEGORY:", "EVENT:"]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
}

/// Reads a pre-0.10 Timeline text file. `file` names it in diagnostics; the
/// timeline is titled `default_title`.
///
/// # Errors
/// Unknown lines, malformed times and colours, periods that end before
/// they start, each with line and column.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    let mut diags = Collector::new(file, text);
    let mut assembler = Assembler::default();
    let mut offset = 0;
    let mut events = 0;
    let mut ended = false;
    for raw_line in text.split_inclusive('\n') {
        let at = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with('#') {
            ended |= line.trim_end() == "# END";
            continue;
        }
        if ended {
            diags.warning(
                at,
                "this line comes after the `# END` line that closes the file",
            );
        }
        if let Some(rest) = line.strip_prefix("PREFERRED-PERIOD:") {
            let fields = split(rest, at + "PREFERRED-PERIOD:".len());
            let start = fields.first().and_then(|(t, a)| time(t, *a, &mut diags));
            let end = fields.get(1).and_then(|(t, a)| time(t, *a, &mut diags));
            if let (Some(start), Some(end)) = (start, end)
                && let Ok((start, Some(end))) = instant_span(start, end)
            {
                assembler.initial_view = Some((start, end));
            }
        } else if let Some(rest) = line.strip_prefix("CATEGORY:") {
            let fields = split(rest, at + "CATEGORY:".len());
            let (Some((name, _)), Some((color, color_at))) = (fields.first(), fields.get(1)) else {
                diags.error(
                    at,
                    "a CATEGORY line needs a name and a colour: CATEGORY:name;r,g,b;True",
                );
                continue;
            };
            match parse_color(color) {
                Ok(color) => {
                    assembler.lane(name, name, Some(color));
                }
                Err(message) => diags.error(*color_at, message),
            }
        } else if let Some(rest) = line.strip_prefix("EVENT:") {
            event(
                &split(rest, at + "EVENT:".len()),
                at,
                events,
                &mut assembler,
                &mut diags,
            );
            events += 1;
        } else {
            diags.error(at, "unknown line: a Timeline text file has only PREFERRED-PERIOD:, CATEGORY:, EVENT: and # lines");
        }
    }
    assembler.finish(default_title, diags)
}

fn event(
    fields: &[(String, usize)],
    at: usize,
    index: usize,
    assembler: &mut Assembler,
    diags: &mut Collector<'_>,
) {
    let [(start, start_at), (end, end_at), (title, _), rest @ ..] = fields else {
        diags.error(
            at,
            "an EVENT line needs a start, an end and a text: EVENT:start;end;text;category",
        );
        return;
    };
    let start = time(start, *start_at, diags);
    let end = time(end, *end_at, diags);
    // The fourth field is always the category (empty for none, from 0.4);
    // `id:data` items follow it.
    let lane = match rest.first() {
        Some((category, category_at)) if !category.is_empty() => {
            if !assembler.has_lane(category) {
                diags.warning(
                    *category_at,
                    format!(
                        "the category {} is not defined by a CATEGORY line",
                        quote(category)
                    ),
                );
            }
            Some(assembler.lane(category, category, None))
        }
        _ => None,
    };
    let mut description = String::new();
    for (item, item_at) in rest.iter().skip(1) {
        match item.split_once(':') {
            Some(("description", text)) => text.clone_into(&mut description),
            Some(("icon", _)) => {}
            _ => diags.warning(
                *item_at,
                format!("unknown event data {} is ignored", quote(item)),
            ),
        }
    }
    let (Some(start), Some(end)) = (start, end) else {
        return;
    };
    let (start, end) = match instant_span(start, end) {
        Ok(span) => span,
        Err(message) => {
            diags.error(*end_at, message);
            return;
        }
    };
    let mut event = Event::new(title.trim(), start);
    event.id = assembler.unique_id(None, index, diags);
    event.end = end;
    event.lane = lane.unwrap_or_else(|| assembler.lane("", "", None));
    event.description = description;
    assembler.push_event(event, *end_at, diags);
}

fn time(text: &str, at: usize, diags: &mut Collector<'_>) -> Option<Date> {
    match parse_time(text) {
        Ok(date) => Some(lossless(date.start())),
        Err(message) => {
            diags.error(at, message);
            None
        }
    }
}

/// Splits on unescaped `;`, unescaping each field; gives each field with
/// the offset where it starts (`at` is the offset of `line`).
fn split(line: &str, at: usize) -> Vec<(String, usize)> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut start = at;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => field.push('\n'),
                Some((_, 'r')) => field.push('\r'),
                Some((_, other)) => field.push(other),
                None => field.push('\\'),
            },
            ';' => {
                fields.push((std::mem::take(&mut field), start));
                start = at + i + 1;
            }
            _ => field.push(c),
        }
    }
    fields.push((field, start));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_split_on_unescaped_semicolons() {
        let fields = split(r"a\;b;c\\;d\nе", 10);
        assert_eq!(
            fields,
            vec![
                ("a;b".to_owned(), 10),
                ("c\\".to_owned(), 15),
                ("d\nе".to_owned(), 19)
            ]
        );
    }

    #[test]
    fn reads_version_0_1_and_0_9_lines() {
        let text = "# Written by Timeline 0.1.0 on 2009-11-15 19:28:7\nPREFERRED-PERIOD:2009-10-17 22:38:32;2009-12-2 16:22:4\nCATEGORY:Category 1;188,129,224;True\nEVENT:2009-11-4 22:52:0;2009-11-11 22:52:0;Event 1;Category 1\nEVENT:2010-5-2 9:0:0;2010-5-2 9:0:0;Tennis;;description:Med Kristoffer\\; och Lisa.\n# END\n";
        let (t, warnings) = read("old.timeline", text, "old").unwrap_or_else(|d| panic!("{d:?}"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(t.events().len(), 2);
        assert_eq!(t.event(0).start().to_iso(), "2009-11-04T22:52");
        assert_eq!(
            t.lanes()[t.event(0).lane()]
                .color
                .map(crate::model::Rgb::to_hex),
            Some("#bc81e0".to_owned())
        );
        assert_eq!(t.event(1).description(), "Med Kristoffer; och Lisa.");
        assert!(t.event(1).is_moment());
    }
}
