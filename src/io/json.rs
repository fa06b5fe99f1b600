//! Position-keeping JSON access on top of `serde_json`.
//!
//! `serde_json` parses (with its recursion limit, so 100 000 nested brackets
//! end in an error, not a stack overflow); objects are kept as lists of
//! borrowed [`RawValue`]s, which are slices of the original text. A slice's
//! address gives the exact byte offset of every value for diagnostics, with
//! no separate span table and no copy of large strings. Formats written as
//! JSON (native, `TimelineJS`, vis-timeline) all read through this.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::diag::{Collector, Diagnostic, Severity, quote};

/// A JSON object as its keys and unparsed values, in file order.
#[derive(Debug, Default)]
pub struct RawObject<'a> {
    /// Keys and raw values, duplicates kept (so they can be reported).
    pub fields: Vec<(String, &'a RawValue)>,
}

impl<'de: 'a, 'a> Deserialize<'de> for RawObject<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ObjectVisitor<'a> {
            type Value = RawObject<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    fields.push((key, value));
                }
                Ok(RawObject { fields })
            }
        }
        deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
    }
}

/// A JSON array as its unparsed elements.
#[derive(Debug, Default)]
pub struct RawArray<'a>(pub Vec<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for RawArray<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArrayVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ArrayVisitor<'a> {
            type Value = RawArray<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(item) = seq.next_element::<&'de RawValue>()? {
                    items.push(item);
                }
                Ok(RawArray(items))
            }
        }
        deserializer.deserialize_seq(ArrayVisitor(std::marker::PhantomData))
    }
}

/// What kind of JSON value a raw value is, for messages ("found a number").
#[must_use]
pub fn kind(raw: &RawValue) -> &'static str {
    match raw.get().as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// True for `null`.
#[must_use]
pub fn is_null(raw: &RawValue) -> bool {
    raw.get() == "null"
}

/// Reads values of one document, recording problems with their positions.
pub struct Doc<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Problems found so far.
    pub diags: Collector<'a>,
}

impl<'a> Doc<'a> {
    /// A reader for `text` from the file named `file`.
    #[must_use]
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            text,
            diags: Collector::new(file, text),
        }
    }

    /// Byte offset of a raw value inside the document.
    #[must_use]
    pub fn offset(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize)
            .saturating_sub(self.text.as_ptr() as usize)
            .min(self.text.len())
    }

    /// Byte offset of the key whose value is `raw` (for "unknown field"
    /// warnings that should point at the name, not the value).
    #[must_use]
    pub fn key_offset(&self, raw: &RawValue) -> usize {
        let value_at = self.offset(raw);
        let before = self.text[..value_at].trim_end();
        let Some(before) = before.strip_suffix(':') else {
            return value_at;
        };
        let before = before.trim_end();
        let Some(inside) = before.strip_suffix('"') else {
            return value_at;
        };
        // Walk back to the opening quote, skipping escaped quotes.
        let bytes = inside.as_bytes();
        let mut i = bytes.len();
        while i > 0 {
            i -= 1;
            if bytes[i] == b'"' {
                let backslashes = bytes[..i].iter().rev().take_while(|b| **b == b'\\').count();
                if backslashes % 2 == 0 {
                    return i;
                }
            }
        }
        value_at
    }

    /// Parses the whole document as an object. Syntax errors become one
    /// diagnostic at the parser's position.
    ///
    /// # Errors
    /// The diagnostic for a syntax error or a top level that is not an object.
    pub fn root_object(file: &str, text: &'a str) -> Result<RawObject<'a>, Diagnostic> {
        serde_json::from_str::<RawObject<'a>>(text).map_err(|e| syntax_error(file, text, &e))
    }

    /// Parses a raw value as an object, or records an error and gives `None`.
    pub fn object(&mut self, raw: &'a RawValue, what: &str) -> Option<RawObject<'a>> {
        if let Ok(object) = serde_json::from_str::<RawObject<'a>>(raw.get()) {
            Some(object)
        } else {
            let found = kind(raw);
            self.diags.error(
                self.offset(raw),
                format!("expected {what} (a JSON object), found {found}"),
            );
            None
        }
    }

    /// Parses a raw value as an array, or records an error and gives `None`.
    pub fn array(&mut self, raw: &'a RawValue, what: &str) -> Option<Vec<&'a RawValue>> {
        if let Ok(RawArray(items)) = serde_json::from_str::<RawArray<'a>>(raw.get()) {
            Some(items)
        } else {
            let found = kind(raw);
            self.diags.error(
                self.offset(raw),
                format!("expected `{what}` to be an array, found {found}"),
            );
            None
        }
    }

    /// A string value, or an error naming the field.
    pub fn string(&mut self, raw: &RawValue, field: &str) -> Option<String> {
        if let Ok(text) = serde_json::from_str::<String>(raw.get()) {
            Some(text)
        } else {
            let found = kind(raw);
            self.diags.error(
                self.offset(raw),
                format!("expected `{field}` to be a string, found {found}"),
            );
            None
        }
    }

    /// A string or a number written as text (`TimelineJS` writes both).
    pub fn string_or_number(&mut self, raw: &RawValue, field: &str) -> Option<String> {
        match raw.get().as_bytes().first() {
            Some(b'-' | b'0'..=b'9') => Some(raw.get().to_owned()),
            _ => self.string(raw, field),
        }
    }

    /// A boolean value, or an error naming the field.
    pub fn boolean(&mut self, raw: &RawValue, field: &str) -> Option<bool> {
        if let Ok(value) = serde_json::from_str::<bool>(raw.get()) {
            Some(value)
        } else {
            let found = kind(raw);
            self.diags.error(
                self.offset(raw),
                format!("expected `{field}` to be true or false, found {found}"),
            );
            None
        }
    }

    /// Warns about each key not in `known` and about repeated keys.
    pub fn check_keys(&mut self, object: &RawObject<'a>, known: &[&str], what: &str) {
        for (i, (key, raw)) in object.fields.iter().enumerate() {
            let at = self.key_offset(raw);
            if !known.contains(&key.as_str()) {
                let hint = closest(key, known)
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                self.diags.push(
                    at,
                    Severity::Warning,
                    format!("unknown field {} in {what} is ignored{hint}", quote(key)),
                );
            } else if object.fields[..i].iter().any(|(k, _)| k == key) {
                self.diags.push(
                    at,
                    Severity::Warning,
                    format!("{} is given twice in {what}; the last one wins", quote(key)),
                );
            }
        }
    }
}

impl<'a> RawObject<'a> {
    /// The last value of `key` that is not `null`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.fields
            .iter()
            .rev()
            .find(|(k, v)| k == key && !is_null(v))
            .map(|(_, v)| *v)
    }
}

/// A known name within edit distance 2 of `key`, for "did you mean".
fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (levenshtein(key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Turns a `serde_json` error into a positioned diagnostic with a message a
/// person understands.
#[must_use]
pub fn syntax_error(file: &str, text: &str, error: &serde_json::Error) -> Diagnostic {
    let raw = error.to_string();
    // serde_json appends " at line L column C"; drop it, we print our own.
    let message = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
    let message = if text.trim().is_empty() {
        "the file is empty: expected a JSON object".to_owned()
    } else if message.contains("recursion limit") {
        "the JSON is nested too deeply (more than 128 levels of brackets)".to_owned()
    } else if error.is_data() {
        format!("expected a JSON object at the top level: {message}")
    } else {
        format!("invalid JSON: {message}")
    };
    Diagnostic {
        file: file.to_owned(),
        line: error.line().max(1),
        column: error.column().max(1),
        severity: Severity::Error,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_into_the_text() {
        let text = "{\n  \"a\" : [1, {\"b\": \"x\"}],\n  \"c\\\"d\": 5 }";
        let root = Doc::root_object("f", text).unwrap_or_else(|e| panic!("{e}"));
        let doc = Doc::new("f", text);
        let a = root.get("a").unwrap_or_else(|| panic!("a"));
        assert_eq!(doc.offset(a), text.find('[').unwrap_or(0));
        assert_eq!(doc.key_offset(a), text.find("\"a\"").unwrap_or(0));
        let cd = root.get("c\"d").unwrap_or_else(|| panic!("c\"d"));
        assert_eq!(doc.key_offset(cd), text.find("\"c\\").unwrap_or(0));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        // serde_json skips raw values without recursing, so 100 000 levels
        // neither overflow the stack nor hit its recursion limit; reading the
        // value as what it should be then fails with a clear message.
        let text = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        let root = Doc::root_object("f", &text).unwrap_or_else(|e| panic!("{e}"));
        let mut doc = Doc::new("f", &text);
        let value = root.get("a").unwrap_or_else(|| panic!("a"));
        assert!(doc.string(value, "a").is_none());
        let d = doc.diags.finish();
        assert_eq!(
            d[0].to_string(),
            "f:1:6: error: expected `a` to be a string, found an array"
        );
        // Nesting at the top level is refused at once.
        let deep_root = "[".repeat(100_000);
        assert!(Doc::root_object("f", &deep_root).is_err());
    }

    #[test]
    fn did_you_mean() {
        assert_eq!(closest("strat", &["start", "end", "title"]), Some("start"));
        assert_eq!(closest("zzzzzz", &["start"]), None);
    }
}
