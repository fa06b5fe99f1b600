//! TimelineJS3 JSON (Knight Lab): a `title` slide, `events`, `eras` and a
//! `scale`, as documented at <https://timeline.knightlab.com/docs/json-format.html>
//! and as the examples in the TimelineJS3 repository write it (numbers as
//! strings, unused date parts as `""`).
//!
//! Reading rules, each chosen to keep what the author meant:
//! - A date's precision is its finest field: `{year}` is a year,
//!   `{year, month}` a month, and so on down to milliseconds. A field missing
//!   between two given ones (a `day` without a `month`) is read the way
//!   TimelineJS reads it (January, the 1st, 0 h) with a warning.
//! - TimelineJS labels year `-44` as "44 BCE", so on the `human` scale a
//!   negative year `-N` is N BCE, astronomical year `1 - N`. On the
//!   `cosmological` scale years are plain counts ("13.8 billion years ago")
//!   and are taken as astronomical years unchanged.
//! - An end date covers its whole precision, as in Chronoscope's own format
//!   (`1914`–`1918` includes 1918).
//! - Headlines and text are HTML: see [`super::html`]. Links in them, the
//!   media URL, link and credit become sources; nothing is fetched.
//!
//! This file reads the root object (scale, title slide, events, eras).
//! A slide's text and media, and how it becomes an event or era, are in
//! `slide`; its date objects in `dates` (both shared with the CSV reader,
//! [`super::timelinejs_csv`]). The `Assembler` that turns read items into a
//! [`crate::model::Timeline`] is shared by every importer (it owns lanes,
//! unique ids and the final checks) and lives in `assembler`.

#![allow(
    clippy::doc_markdown,
    reason = "product names such as TimelineJS are prose, not code"
)]

mod assembler;
mod dates;
mod slide;

pub(crate) use self::assembler::{Assembler, add_source};
pub(crate) use self::dates::{FIELDS, Parts, build_date, parse_integer};
pub(crate) use self::slide::{Media, Slide};
use self::slide::{TITLE_SLIDE, slide};
use super::diag::quote;
use super::html;
use super::json::Doc;
use super::native::ReadResult;

const TOP_KEYS: &[&str] = &["title", "events", "eras", "scale"];

/// True when the text looks like TimelineJS JSON: an object with
/// `start_date` objects or `headline`s (Chronoscope's own files have neither).
#[must_use]
pub fn sniff(text: &str) -> bool {
    let head: String = text.chars().take(65_536).collect();
    head.trim_start().starts_with('{')
        && (has_key(&head, "start_date") || has_key(&head, "headline"))
}

/// True when `"key"` occurs in `json` followed by a colon: as an object
/// key, not merely as a word inside some string.
pub(crate) fn has_key(json: &str, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    json.match_indices(&quoted).any(|(at, _)| {
        let escaped = json.get(..at).is_some_and(|before| before.ends_with('\\'));
        let after = json.get(at + quoted.len()..).unwrap_or_default();
        !escaped && after.trim_start().starts_with(':')
    })
}

/// Reads a TimelineJS JSON file. `file` names it in diagnostics;
/// `default_title` is used when there is no title slide.
///
/// # Errors
/// Every error found (syntax, types, impossible dates, missing start dates,
/// ends before starts), each with line and column, with the warnings.
pub fn read(file: &str, text: &str, default_title: &str) -> ReadResult {
    let root = Doc::root_object(file, text).map_err(|d| vec![d])?;
    let mut doc = Doc::new(file, text);
    doc.check_keys(&root, TOP_KEYS, "the timeline");
    let cosmological = match root.get("scale") {
        Some(raw) => match doc
            .string(raw, "scale")
            .map(|s| s.trim().to_ascii_lowercase())
        {
            Some(scale) if scale == "cosmological" => true,
            Some(scale) if scale == "human" || scale.is_empty() => false,
            Some(scale) => {
                let at = doc.offset(raw);
                doc.diags.error(
                    at,
                    format!(
                        "unknown `scale` {}: TimelineJS knows `human` and `cosmological`",
                        quote(&scale)
                    ),
                );
                false
            }
            None => false,
        },
        None => false,
    };
    let mut assembler = Assembler::default();
    if let Some(raw) = root.get("title")
        && let Some(slide) = slide(&mut doc, raw, TITLE_SLIDE, cosmological)
    {
        assembler.title = non_empty(&html::to_line(&slide.headline).text);
        assembler.description = html::to_text(&slide.text).text;
    }
    match root.get("events") {
        Some(raw) => {
            for (index, item) in doc
                .array(raw, "events")
                .unwrap_or_default()
                .into_iter()
                .enumerate()
            {
                let Some(slide) = slide(&mut doc, item, "an event", cosmological) else {
                    continue;
                };
                match slide.start {
                    Some(start) => assembler.slide_event(slide, start, index, &mut doc.diags),
                    None if slide.start_missing => doc
                        .diags
                        .error(slide.at, "an event needs a `start_date` with a `year`"),
                    None => {}
                }
            }
        }
        None => doc.diags.error(
            0,
            "the file has no `events` array (TimelineJS requires one)",
        ),
    }
    if let Some(raw) = root.get("eras") {
        for item in doc.array(raw, "eras").unwrap_or_default() {
            let Some(slide) = slide(&mut doc, item, "an era", cosmological) else {
                continue;
            };
            if slide.start_missing || slide.end_missing {
                doc.diags
                    .error(slide.at, "an era needs a `start_date` and an `end_date`");
                continue;
            }
            assembler.slide_era(&slide, &mut doc.diags);
        }
    }
    assembler.finish(default_title, doc.diags)
}

/// The text trimmed, or `None` when nothing is left.
fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        None
    } else {
        Some(trimmed.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timeline;

    fn read_ok(text: &str) -> Timeline {
        match read("t.json", text, "Untitled") {
            Ok((timeline, _)) => timeline,
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn precision_follows_the_fields() {
        let t = read_ok(
            r#"{"events": [
              {"start_date": {"year": "1969", "month": "", "day": ""}, "text": {"headline": "Y"}},
              {"start_date": {"year": 1969, "month": 7}, "text": {"headline": "M"}},
              {"start_date": {"year": "1969", "month": "7", "day": "20", "hour": "20", "minute": "17"}, "text": {"headline": "Min"}},
              {"start_date": {"year": "-44", "month": "3", "day": "15"}, "text": {"headline": "BCE"}}
            ]}"#,
        );
        let iso: Vec<String> = t.events().map(|e| e.start().to_iso()).collect();
        assert_eq!(iso, ["1969", "1969-07", "1969-07-20T20:17", "-0043-03-15"]);
        assert_eq!(t.event(3).start().to_string(), "15 March 44 BCE");
    }

    #[test]
    fn sniffs_keys_not_words() {
        assert!(sniff("{\"events\": [{\"start_date\" : {\"year\": 1}}]}"));
        assert!(!sniff(
            "{\"events\": [{\"title\": \"headline\", \"start\": \"2025\"}]}"
        ));
        assert!(!sniff("{\"title\": \"say \\\"headline\\\": x\"}"));
    }

    #[test]
    fn errors_point_at_the_field() {
        let text = "{\"events\": [\n {\"start_date\": {\"year\": \"2001\", \"month\": \"2\", \"day\": \"30\"}}\n]}";
        let d = read("t.json", text, "x").err().unwrap_or_default();
        assert!(
            d.iter().any(|d| d.line == 2
                && d.column == 55
                && d.message.contains("February has no day 30")),
            "{d:?}"
        );
    }
}
