//! Bytes to text: UTF-8 (with or without a byte-order mark) and UTF-16 (with
//! or without one) as written by Windows tools; UTF-8 with a few bad bytes
//! repaired, for callers that would rather read it with a warning; anything
//! else is a clear error, never a panic.

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
/// ASCII in UTF-16, see `utf16_without_mark`) is converted.
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
    match utf16_without_mark(bytes) {
        Some(Utf16::Little) => decode_utf16(bytes, u16::from_le_bytes),
        Some(Utf16::Big) => decode_utf16(bytes, u16::from_be_bytes),
        None => decode_utf8(bytes),
    }
}

/// The byte order of UTF-16 text.
enum Utf16 {
    Little,
    Big,
}

/// UTF-16 without a byte-order mark, as some tools save "Unicode text":
/// text in the ASCII range then has a zero in every other byte, the high
/// byte of each character. Nine in ten of the first 512 characters are
/// enough, so that a few accented letters or a `€` do not hide it; the
/// other half must be mostly non-zero (a file of zeros is binary).
fn utf16_without_mark(bytes: &[u8]) -> Option<Utf16> {
    let head = &bytes[..bytes.len().min(1024)];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |first: usize| {
        head.iter()
            .skip(first)
            .step_by(2)
            .take(pairs)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let few = |n: usize| n * 10 < pairs;
    if mostly(odd) && few(even) {
        Some(Utf16::Little)
    } else if mostly(even) && few(odd) {
        Some(Utf16::Big)
    } else {
        None
    }
}

/// Text that is UTF-8 but for a few bad bytes, each replaced by U+FFFD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repaired {
    /// The text, with `�` for each invalid sequence.
    pub text: String,
    /// Byte offset in `text` of the first `�` put in.
    pub first: usize,
    /// The first invalid byte, as the file has it.
    pub byte: u8,
    /// How many invalid sequences were replaced.
    pub count: usize,
}

/// Reads bytes that are mostly UTF-8 (a byte-order mark dropped), each
/// invalid sequence replaced by U+FFFD; `None` unless the valid multi-byte
/// characters outnumber the invalid sequences. One stray byte in a UTF-8
/// file must not turn every `Café` into `CafÃ©`; a Windows-1252 file, whose
/// accented letters are each an invalid sequence and which has no valid
/// multi-byte character (or only by chance), still is not UTF-8.
#[must_use]
pub fn repair_utf8(bytes: &[u8]) -> Option<Repaired> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let mut text = String::with_capacity(bytes.len() + 16);
    let (mut multibyte, mut count) = (0_usize, 0_usize);
    let mut first: Option<(usize, u8)> = None;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        text.push_str(valid);
        // Every byte of a multi-byte character but one is a continuation.
        multibyte += valid.bytes().filter(|b| *b >= 0xC0).count();
        if let Some(&bad) = chunk.invalid().first() {
            first.get_or_insert((text.len(), bad));
            text.push(char::REPLACEMENT_CHARACTER);
            count += 1;
        }
    }
    let (first, byte) = first?;
    (multibyte > count && !text.contains('\0')).then_some(Repaired {
        text,
        first,
        byte,
        count,
    })
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
    fn utf16_without_a_mark_with_a_few_non_ascii_characters() {
        let text = "date\ttitle\n2025-11-06\tCaf\u{e9} \u{20ac}5 \u{201c}quoted\u{201d}\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).ok().as_deref(), Some(text));
        assert_eq!(decode(&be).ok().as_deref(), Some(text));
        // Zeros everywhere are binary, not UTF-16.
        assert!(decode(&[0_u8; 64]).is_err());
    }

    #[test]
    fn a_few_bad_bytes_in_utf8_are_repaired() {
        let mut bytes = "date,title\n2025-11-06,Caf\u{e9}\n".repeat(3).into_bytes();
        bytes.extend_from_slice(b"2025-11-07,bad \xFF here\n");
        assert!(decode(&bytes).is_err());
        let repaired = repair_utf8(&bytes).unwrap_or_else(|| panic!("not repaired"));
        assert!(repaired.text.contains("Caf\u{e9}"));
        assert!(repaired.text.ends_with("bad \u{fffd} here\n"));
        assert_eq!(repaired.byte, 0xFF);
        assert_eq!(repaired.count, 1);
        assert_eq!(&repaired.text[repaired.first..][..3], "\u{fffd}");
        // Windows-1252: every accent is a bad byte, and none is UTF-8.
        assert_eq!(repair_utf8(b"date,title\n2025-11-06,Caf\xE9\n"), None);
        assert_eq!(
            repair_utf8(b"a,b\n\xC3\xA9,\xE9\n\xE9,\xE9\n"),
            None,
            "more bad bytes than characters"
        );
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
