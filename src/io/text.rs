//! Bytes to text: UTF-8 (with or without a byte-order mark) and UTF-16 as
//! written by Windows tools; anything else is a clear error, never a panic.

use std::borrow::Cow;

/// Why bytes are not text, and at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextError {
    /// Byte offset of the problem in the *decoded prefix* (for line/column).
    pub valid_prefix: String,
    /// What is wrong.
    pub message: String,
}

/// Decodes a file's bytes. UTF-8 is borrowed; a UTF-8 byte-order mark is
/// dropped; UTF-16 with a byte-order mark (or the tell-tale zero bytes of
/// ASCII in UTF-16) is converted.
///
/// # Errors
/// Invalid UTF-8 or UTF-16, or binary data (NUL bytes); the error carries the
/// text before the problem so that a caller can say which line and column.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, TextError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    // UTF-16 without a mark: ASCII text then has a zero in every other byte.
    if bytes.len() >= 4 && bytes.len().is_multiple_of(2) {
        let zeros_odd = bytes.iter().skip(1).step_by(2).take(64).all(|b| *b == 0);
        let zeros_even = bytes.iter().step_by(2).take(64).all(|b| *b == 0);
        if zeros_odd && !zeros_even {
            return decode_utf16(bytes, u16::from_le_bytes);
        }
        if zeros_even && !zeros_odd {
            return decode_utf16(bytes, u16::from_be_bytes);
        }
    }
    decode_utf8(bytes)
}

/// Decodes bytes as Windows-1252, the encoding Excel on Windows still
/// writes CSV in; `None` for binary data (NUL bytes), which no encoding
/// makes text.
#[must_use]
pub fn decode_windows_1252(bytes: &[u8]) -> Option<String> {
    if bytes.contains(&0) {
        return None;
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Some(text.into_owned())
}

fn decode_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, TextError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => check_binary(text).map(Cow::Borrowed),
        Err(e) => {
            let prefix = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            check_binary(&prefix)?;
            Err(TextError {
                valid_prefix: prefix,
                message: format!(
                    "the file is not valid UTF-8 text (byte 0x{:02X} at offset {}); save it as UTF-8",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
            })
        }
    }
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<Cow<'static, str>, TextError> {
    let units = bytes.chunks_exact(2).map(|pair| word([pair[0], pair[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(ch) => out.push(ch),
            Err(_) => {
                return Err(TextError {
                    message: "the file is not valid UTF-16 text (an unpaired surrogate); save it as UTF-8".to_owned(),
                    valid_prefix: out,
                });
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(TextError {
            message: "the UTF-16 file ends in half a character".to_owned(),
            valid_prefix: out,
        });
    }
    check_binary(&out)?;
    Ok(Cow::Owned(out))
}

fn check_binary(text: &str) -> Result<&str, TextError> {
    match text.find('\0') {
        Some(at) => Err(TextError {
            valid_prefix: text[..at].to_owned(),
            message: "the file holds binary data (a NUL byte), not text".to_owned(),
        }),
        None => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"{}").ok().as_deref(), Some("{}"));
        assert_eq!(decode(b"\xEF\xBB\xBF{}").ok().as_deref(), Some("{}"));
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = "{\"a\":1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "{\"a\":1}"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(&[&[0xFF, 0xFE], le.as_slice()].concat())
                .ok()
                .as_deref(),
            Some("{\"a\":1}")
        );
        assert_eq!(
            decode(&[&[0xFE, 0xFF], be.as_slice()].concat())
                .ok()
                .as_deref(),
            Some("{\"a\":1}")
        );
        assert_eq!(decode(&le).ok().as_deref(), Some("{\"a\":1}"));
    }

    #[test]
    fn invalid_and_binary() {
        let e = decode(b"{\n\"a\": \"\xFF\"}").err();
        assert_eq!(
            e.as_ref().map(|e| e.valid_prefix.as_str()),
            Some("{\n\"a\": \"")
        );
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0").is_err());
    }
}
