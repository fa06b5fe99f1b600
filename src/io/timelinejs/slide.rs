//! One TimelineJS slide (event, era or title): its keys, text, media,
//! group and id as read, and how an event or era slide joins the
//! `Assembler` (its title, description and sources from the HTML).
//!
//! It does not read dates itself (`super::dates` does) and does not know
//! the file around the slide: ids are made unique and lanes created by the
//! assembler.

use serde_json::value::RawValue;

use super::dates::date;
use super::{Assembler, add_source, non_empty};
use crate::io::diag::Collector;
use crate::io::html;
use crate::io::json::{Doc, RawObject};
use crate::model::{Era, Event, Source};
use crate::time::Date;

const SLIDE_KEYS: &[&str] = &[
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
];
const TEXT_KEYS: &[&str] = &["headline", "text"];
const MEDIA_KEYS: &[&str] = &[
    "url",
    "caption",
    "credit",
    "thumbnail",
    "alt",
    "title",
    "link",
    "link_target",
];

/// One slide (event, era or title) as read, before it becomes part of the
/// timeline; both TimelineJS readers fill it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Slide {
    /// Offset of the slide, for errors about it as a whole.
    pub at: usize,
    /// The start date, when given and valid.
    pub start: Option<Date>,
    /// No start date was given at all (as opposed to an invalid one).
    pub start_missing: bool,
    /// The end date, when given and valid.
    pub end: Option<Date>,
    /// No end date was given.
    pub end_missing: bool,
    /// Where the end date is written.
    pub end_at: usize,
    /// The slide's display date, or the dates' own.
    pub display_date: Option<String>,
    /// `text.headline` (HTML).
    pub headline: String,
    /// `text.text` (HTML).
    pub text: String,
    /// The media block.
    pub media: Media,
    /// The group (lane), trimmed, when not empty.
    pub group: Option<String>,
    /// The `unique_id` and where it is written.
    pub id: Option<(String, usize)>,
}

/// A slide's media: all strings, empty when not given.
#[derive(Clone, Debug, Default)]
pub(crate) struct Media {
    /// The media URL (or embed code).
    pub url: String,
    /// A link the media points to.
    pub link: String,
    /// Credit line (HTML).
    pub credit: String,
    /// Caption (HTML).
    pub caption: String,
}

/// What the title slide is called in messages (and how `slide` knows it).
pub(super) const TITLE_SLIDE: &str = "the title slide";

/// Reads a slide object; `None` when it is not an object.
pub(super) fn slide<'a>(
    doc: &mut Doc<'a>,
    raw: &'a RawValue,
    what: &str,
    cosmological: bool,
) -> Option<Slide> {
    let object = doc.object(raw, what)?;
    doc.check_keys(&object, SLIDE_KEYS, what);
    let mut slide = Slide {
        at: doc.offset(raw),
        start_missing: true,
        end_missing: true,
        ..Slide::default()
    };
    let mut displays = (None, None);
    // TimelineJS ignores the title slide's dates (spreadsheet exports give
    // it empty ones), and so do we.
    let dated = what != TITLE_SLIDE;
    if let Some(raw) = object.get("start_date").filter(|_| dated) {
        let empty;
        (slide.start, displays.0, empty) = date(doc, raw, cosmological);
        slide.start_missing = empty;
    }
    if let Some(raw) = object.get("end_date").filter(|_| dated) {
        let empty;
        slide.end_at = doc.offset(raw);
        (slide.end, displays.1, empty) = date(doc, raw, cosmological);
        slide.end_missing = empty;
    }
    if let Some(raw) = object.get("text")
        && let Some(text) = doc.object(raw, "`text` (with `headline` and `text`)")
    {
        doc.check_keys(&text, TEXT_KEYS, "`text`");
        slide.headline = string_field(doc, &text, "headline");
        slide.text = string_field(doc, &text, "text");
    }
    if let Some(raw) = object.get("media")
        && let Some(media) = doc.object(raw, "`media`")
    {
        doc.check_keys(&media, MEDIA_KEYS, "`media`");
        slide.media = Media {
            url: string_field(doc, &media, "url"),
            link: string_field(doc, &media, "link"),
            credit: string_field(doc, &media, "credit"),
            caption: string_field(doc, &media, "caption"),
        };
    }
    slide.group = object
        .get("group")
        .and_then(|v| doc.string_or_number(v, "group"))
        .and_then(|s| non_empty(&s));
    slide.id = object.get("unique_id").and_then(|v| {
        let at = doc.offset(v);
        doc.string_or_number(v, "unique_id")
            .and_then(|s| non_empty(&s))
            .map(|id| (id, at))
    });
    slide.display_date = object
        .get("display_date")
        .and_then(|v| doc.string(v, "display_date"))
        .and_then(|s| non_empty(&s))
        .or_else(|| match displays {
            (Some(start), Some(end)) => Some(format!("{start} – {end}")),
            (start, end) => start.or(end),
        });
    Some(slide)
}

fn string_field<'a>(doc: &mut Doc<'a>, object: &RawObject<'a>, key: &str) -> String {
    object
        .get(key)
        .and_then(|v| doc.string_or_number(v, key))
        .unwrap_or_default()
}

impl Assembler {
    /// Adds a TimelineJS event slide.
    pub fn slide_event(
        &mut self,
        slide: Slide,
        start: Date,
        index: usize,
        diags: &mut Collector<'_>,
    ) {
        if !slide.end_missing && slide.end.is_none() {
            return; // An invalid end date was reported already.
        }
        let headline = html::to_line(&slide.headline);
        let body = html::to_text(&slide.text);
        let caption = html::to_line(&slide.media.caption);
        let title = [
            &headline.text,
            body.text.lines().next().unwrap_or_default(),
            &caption.text,
        ]
        .into_iter()
        .find(|t| !t.is_empty())
        .map_or_else(|| "Untitled".to_owned(), ToOwned::to_owned);
        let mut sources = Vec::new();
        for link in headline.links.iter().chain(&body.links) {
            add_source(&mut sources, &link.label, Some(&link.href));
        }
        media_sources(&slide.media, &mut sources);
        let lane = match &slide.group {
            Some(group) => self.lane(group, group, None),
            None => self.lane("", "", None),
        };
        let id = self.unique_id(slide.id, index, diags);
        let mut event = Event::new(title, start);
        event.id = id;
        event.description = body.text;
        event.end = slide.end;
        event.lane = lane;
        event.sources = sources;
        event.display_date = slide.display_date;
        self.push_event(event, slide.end_at, diags);
    }

    /// Adds a TimelineJS era slide (both dates already checked as given).
    pub fn slide_era(&mut self, slide: &Slide, diags: &mut Collector<'_>) {
        let (Some(start), Some(end)) = (slide.start, slide.end) else {
            return;
        };
        let title = html::to_line(&slide.headline).text;
        self.push_era(
            Era {
                title,
                start,
                end,
                color: None,
            },
            slide.end_at,
            diags,
        );
    }
}

/// The sources a media block gives: its URL (named by the credit or
/// caption), its link, and the credit itself (with any links in it).
/// Embed code (`<iframe …>`, `<blockquote …>`) gives its links only.
fn media_sources(media: &Media, sources: &mut Vec<Source>) {
    let credit = html::to_line(&media.credit);
    let caption = html::to_line(&media.caption);
    let name = if credit.text.is_empty() {
        &caption.text
    } else {
        &credit.text
    };
    let url = media.url.trim();
    if url.starts_with('<') {
        for link in html::urls(url) {
            add_source(sources, name, Some(&link));
        }
    } else if !url.is_empty() {
        add_source(sources, name, Some(url));
    }
    if !media.link.trim().is_empty() {
        add_source(sources, name, Some(&media.link));
    }
    for link in &credit.links {
        add_source(sources, &link.label, Some(&link.href));
    }
    if url.is_empty() && credit.links.is_empty() && !credit.text.is_empty() {
        add_source(sources, &credit.text, None);
    }
}
