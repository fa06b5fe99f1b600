//! Text widths from the one font both the window and the export draw with.
//!
//! Layout needs label widths to keep labels apart. Measuring with egui would
//! tie layout to a running egui context and make the headless export differ
//! from the window; measuring the same font file (egui's default
//! proportional font, Ubuntu Light, shipped in the binary) with ttf-parser
//! gives both the same numbers, with no window and no GPU.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The font every label is drawn with (egui's default proportional font).
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;
/// The font's family name, as SVG output names it.
pub const FONT_FAMILY: &str = "Ubuntu";

/// Advance widths per character, in font units, plus the em size.
#[derive(Debug)]
pub struct FontMetrics {
    advances: HashMap<char, u16>,
    /// Width used for characters the font lacks (drawn by a fallback font).
    fallback_advance: u16,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
}

impl FontMetrics {
    /// The shared metrics of [`FONT_BYTES`], parsed once.
    #[must_use]
    pub fn shared() -> &'static Self {
        static METRICS: OnceLock<FontMetrics> = OnceLock::new();
        METRICS.get_or_init(|| Self::parse(FONT_BYTES))
    }

    fn parse(bytes: &[u8]) -> Self {
        let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
            // Unreachable with the shipped font; a usable estimate otherwise.
            return Self {
                advances: HashMap::new(),
                fallback_advance: 550,
                units_per_em: 1000.0,
                ascender: 800.0,
                descender: -200.0,
            };
        };
        let mut advances = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                subtable.codepoints(|code| {
                    if let (Some(ch), Some(glyph)) =
                        (char::from_u32(code), subtable.glyph_index(code))
                        && let Some(advance) = face.glyph_hor_advance(glyph)
                    {
                        advances.entry(ch).or_insert(advance);
                    }
                });
            }
        }
        let fallback_advance = advances
            .get(&'M')
            .copied()
            .unwrap_or(face.units_per_em() / 2);
        Self {
            advances,
            fallback_advance,
            units_per_em: f32::from(face.units_per_em()),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
        }
    }

    /// Width of `text` at `size_pt` points (em size, as egui uses it).
    #[must_use]
    pub fn width(&self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|ch| {
                u32::from(
                    self.advances
                        .get(&ch)
                        .copied()
                        .unwrap_or(if ch.is_control() {
                            0
                        } else {
                            self.fallback_advance
                        }),
                )
            })
            .sum();
        #[allow(clippy::cast_precision_loss)] // Sums of advances stay far below 2^24.
        let units = units as f32;
        units * size_pt / self.units_per_em
    }

    /// Distance from the top of a line to the baseline, at `size_pt`.
    #[must_use]
    pub fn ascent(&self, size_pt: f32) -> f32 {
        self.ascender * size_pt / self.units_per_em
    }

    /// Height of one line (ascent plus descent), at `size_pt`.
    #[must_use]
    pub fn line_height(&self, size_pt: f32) -> f32 {
        (self.ascender - self.descender) * size_pt / self.units_per_em
    }

    /// `text` cut to fit `max_width` at `size_pt`, ending in "…" when cut.
    #[must_use]
    pub fn ellipsize(&self, text: &str, size_pt: f32, max_width: f32) -> String {
        if self.width(text, size_pt) <= max_width {
            return text.to_owned();
        }
        let budget = max_width - self.width("…", size_pt);
        let mut out = String::new();
        let mut used = 0.0;
        for ch in text.chars() {
            let w = self.width(ch.encode_utf8(&mut [0; 4]), size_pt);
            if used + w > budget {
                break;
            }
            used += w;
            out.push(ch);
        }
        let mut out = out.trim_end().to_owned();
        if out.is_empty() {
            return String::new();
        }
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_plausible() {
        let m = FontMetrics::shared();
        let w = m.width("Trump and Putin speak by phone", 13.0);
        assert!(w > 150.0 && w < 260.0, "{w}");
        assert!(m.width("MMMM", 13.0) > m.width("iiii", 13.0));
        assert!((m.width("ab", 26.0) - 2.0 * m.width("ab", 13.0)).abs() < 0.01);
        assert!(m.width("Лавров", 13.0) > 20.0);
    }

    #[test]
    fn ellipsis_fits() {
        let m = FontMetrics::shared();
        let cut = m.ellipsize("A rather long title that will not fit", 13.0, 100.0);
        assert!(cut.ends_with('…'));
        assert!(m.width(&cut, 13.0) <= 100.0);
        assert_eq!(m.ellipsize("short", 13.0, 100.0), "short");
    }
}
