//! The values inside a native event or era, each reported where it is
//! wrong: dates (plain, or EDTF with the error at its exact column), colours,
//! sources and links as written.
//!
//! It does not know which event or era a value belongs to, nor whether a
//! link's target exists (the file-level reader resolves links once every id
//! is known).

use serde_json::value::RawValue;

use super::{PendingLink, Reader};
use crate::io::diag::{invalid_date, quote};
use crate::io::json::offset_in_string;
use crate::io::links::web_url;
use crate::model::{Rgb, Source};
use crate::time::{Date, Edtf};

const SOURCE_KEYS: &[&str] = &["name", "url", "date"];
const LINK_KEYS: &[&str] = &["to", "label"];

impl<'a> Reader<'_, 'a> {
    pub(super) fn color(&mut self, raw: &RawValue) -> Option<Rgb> {
        let text = self.doc.string(raw, "color")?;
        let color = Rgb::parse_hex(&text);
        if color.is_none() {
            let at = self.doc.offset(raw);
            self.doc.diags.error(
                at,
                format!("{} is not a colour: use #rrggbb or #rgb", quote(&text)),
            );
        }
        color
    }

    /// A plain date (a source's, an era's or the view's).
    pub(super) fn date(&mut self, raw: &RawValue, field: &str) -> Option<Date> {
        let at = self.doc.offset(raw);
        let (text, _) = self.date_text(raw, field)?;
        match Date::parse(&text) {
            Ok(date) => Some(date),
            Err(e) => {
                self.doc.diags.error(
                    at,
                    format!("invalid `{field}` date: {}", invalid_date(&text, &e)),
                );
                None
            }
        }
    }

    /// An event's `start` or `end`: EDTF or ISO, with an error at the
    /// exact column inside the date string.
    pub(super) fn edtf_date(&mut self, raw: &RawValue, field: &str) -> Option<Edtf> {
        let at = self.doc.offset(raw);
        let (text, number) = self.date_text(raw, field)?;
        match Edtf::parse(&text) {
            Ok(field) => Some(field),
            Err(e) => {
                let inside = if number {
                    e.offset
                } else {
                    offset_in_string(raw.get(), e.offset)
                };
                let message = if e.syntax {
                    format!("{} is not a date: {}", quote(&text), e.message)
                } else {
                    format!("{}: {}", quote(e.date_in(&text)), e.message)
                };
                self.doc
                    .diags
                    .error(at + inside, format!("invalid `{field}` date: {message}"));
                None
            }
        }
    }

    /// A date as text, and whether it was written as a number: a bare JSON
    /// integer is read as a year, which deep-time data needs; a fraction or
    /// an exponent is an error.
    fn date_text(&mut self, raw: &RawValue, field: &str) -> Option<(String, bool)> {
        let number = raw
            .get()
            .as_bytes()
            .first()
            .is_some_and(|b| *b == b'-' || b.is_ascii_digit());
        if !number {
            return self.doc.string(raw, field).map(|text| (text, false));
        }
        if raw.get().contains(['.', 'e', 'E']) {
            let at = self.doc.offset(raw);
            self.doc.diags.error(
                at,
                format!(
                    "`{field}` must be a date string or a whole year, not {}",
                    quote(raw.get())
                ),
            );
            return None;
        }
        Some((raw.get().to_owned(), true))
    }

    pub(super) fn source(&mut self, raw: &'a RawValue) -> Option<Source> {
        if raw.get().starts_with('"') {
            return self.doc.string(raw, "sources").map(|name| Source {
                name,
                url: None,
                date: None,
            });
        }
        let object = self.doc.object(raw, "a source")?;
        self.doc.check_keys(&object, SOURCE_KEYS, "a source");
        let name = object.get("name").and_then(|v| self.doc.string(v, "name"));
        let url = object.get("url").and_then(|v| self.doc.string(v, "url"));
        let date = object.get("date").and_then(|v| self.date(v, "date"));
        if name.is_none() && url.is_none() {
            let at = self.doc.offset(raw);
            self.doc
                .diags
                .error(at, "a source needs a `name` or a `url`");
            return None;
        }
        if let (Some(url), Some(raw)) = (&url, object.get("url"))
            && web_url(url).is_none()
        {
            let at = self.doc.offset(raw);
            self.doc.diags.warning(
                at,
                format!(
                    "the source URL {} is not a web link (http or https with a host, no hidden characters); it is kept but never opened",
                    quote(url)
                ),
            );
        }
        let name = name.unwrap_or_else(|| url.clone().unwrap_or_default());
        Some(Source { name, url, date })
    }

    /// A link: a bare target id or `{"to", "label"}`, with where the
    /// target is written.
    pub(super) fn link(&mut self, raw: &'a RawValue) -> Option<PendingLink> {
        let at = self.doc.offset(raw);
        if raw.get().starts_with('"') {
            return self.doc.string(raw, "links").map(|to| (to, None, at));
        }
        let object = self.doc.object(raw, "a link")?;
        self.doc.check_keys(&object, LINK_KEYS, "a link");
        let Some(to_raw) = object.get("to") else {
            self.doc
                .diags
                .error(at, "a link needs `to`, the id of the event it points to");
            return None;
        };
        let to = self.doc.string_or_number(to_raw, "to")?;
        let label = object
            .get("label")
            .and_then(|v| self.doc.string(v, "label"));
        Some((to, label, self.doc.offset(to_raw)))
    }
}
