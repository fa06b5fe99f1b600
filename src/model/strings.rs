//! String arenas: every text of the store lives in a few large buffers
//! instead of one heap allocation per field.

use super::ModelError;

/// A span of an arena: byte offset and length. `NONE` stands for an absent
/// optional text (distinct from an empty one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    start: u32,
    len: u32,
}

impl Span {
    /// An absent optional text.
    pub const NONE: Self = Self {
        start: u32::MAX,
        len: 0,
    };

    /// True for [`Self::NONE`].
    pub const fn is_none(self) -> bool {
        self.start == u32::MAX
    }

    /// A range of indices into a list arena (tags, sources …).
    pub fn range(self) -> std::ops::Range<usize> {
        if self.is_none() {
            return 0..0;
        }
        let start = self.start as usize;
        start..start + self.len as usize
    }

    /// A span covering list items `from..to`.
    pub fn items(from: usize, to: usize) -> Result<Self, ModelError> {
        let start = u32::try_from(from).map_err(|_| ModelError::TooLarge("too many items"))?;
        let len = u32::try_from(to.saturating_sub(from))
            .map_err(|_| ModelError::TooLarge("too many items"))?;
        Ok(Self { start, len })
    }
}

/// Texts appended to one buffer, addressed by [`Span`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Arena {
    text: String,
}

impl Arena {
    /// Appends `text` and returns its span.
    pub fn push(&mut self, text: &str) -> Result<Span, ModelError> {
        let start = u32::try_from(self.text.len())
            .ok()
            .filter(|s| *s != u32::MAX)
            .ok_or(ModelError::TooLarge("more than 4 GB of text"))?;
        let len =
            u32::try_from(text.len()).map_err(|_| ModelError::TooLarge("a text over 4 GB"))?;
        self.text.push_str(text);
        Ok(Span { start, len })
    }

    /// Appends an optional text ([`Span::NONE`] for `None`).
    pub fn push_opt(&mut self, text: Option<&str>) -> Result<Span, ModelError> {
        text.map_or(Ok(Span::NONE), |t| self.push(t))
    }

    /// The text of `span` ("" for [`Span::NONE`]).
    pub fn get(&self, span: Span) -> &str {
        if span.is_none() {
            return "";
        }
        let start = span.start as usize;
        self.text
            .get(start..start + span.len as usize)
            .unwrap_or("")
    }

    /// The text of an optional span.
    pub fn get_opt(&self, span: Span) -> Option<&str> {
        (!span.is_none()).then(|| self.get(span))
    }

    /// Releases spare capacity once building is done.
    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
    }
}

/// One text per event, in event order: a buffer and the end offset of each
/// text (4 bytes per event; a text starts where the previous one ended).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StrColumn {
    text: String,
    ends: Vec<u32>,
}

impl StrColumn {
    /// A column with room for `n` texts.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            text: String::new(),
            ends: Vec::with_capacity(n),
        }
    }

    /// Appends the next event's text.
    pub fn push(&mut self, text: &str) -> Result<(), ModelError> {
        let end = u32::try_from(self.text.len() + text.len())
            .map_err(|_| ModelError::TooLarge("more than 4 GB of titles or ids"))?;
        self.text.push_str(text);
        self.ends.push(end);
        Ok(())
    }

    /// Text number `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends[i] as usize;
        self.text.get(start..end).unwrap_or("")
    }

    /// Releases spare capacity once building is done.
    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}
