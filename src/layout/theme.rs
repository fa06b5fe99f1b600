//! Colours of the timeline canvas, shared by the window and the export so
//! both look the same.

use crate::model::{Rgb, Status};

/// An sRGB colour with straight (unpremultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    /// Opaque colour.
    #[must_use]
    pub const fn opaque(rgb: Rgb) -> Self {
        Self(rgb.0, rgb.1, rgb.2, 255)
    }

    /// The same colour with alpha `a`.
    #[must_use]
    pub const fn with_alpha(self, a: u8) -> Self {
        Self(self.0, self.1, self.2, a)
    }

    /// `#rrggbb` (alpha is written separately in SVG).
    #[must_use]
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Alpha as a fraction.
    #[must_use]
    pub fn alpha(self) -> f32 {
        f32::from(self.3) / 255.0
    }

    /// Mixes towards `other` by `t` (0 = self, 1 = other).
    #[must_use]
    pub fn mix(self, other: Self, t: f32) -> Self {
        let t = t.clamp(0.0, 1.0);
        let lerp = |a: u8, b: u8| {
            let v = f32::from(a) + (f32::from(b) - f32::from(a)) * t;
            // Clamped to 0–255 before the cast.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let v = v.round().clamp(0.0, 255.0) as u8;
            v
        };
        Self(
            lerp(self.0, other.0),
            lerp(self.1, other.1),
            lerp(self.2, other.2),
            lerp(self.3, other.3),
        )
    }
}

/// Light or dark.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum ThemeKind {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Every colour the canvas uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Which theme this is.
    pub kind: ThemeKind,
    /// Canvas background.
    pub background: Rgba,
    /// Background of every other lane, for stripes.
    pub lane_alt: Rgba,
    /// Lane title and separator lines.
    pub lane_title: Rgba,
    /// Event labels.
    pub text: Rgba,
    /// Secondary text (tick labels, "+N").
    pub muted: Rgba,
    /// Axis background.
    pub axis_background: Rgba,
    /// Minor grid lines.
    pub grid: Rgba,
    /// Major grid lines.
    pub grid_major: Rgba,
    /// Selection outline and drag-to-zoom band.
    pub accent: Rgba,
    /// Era band title text.
    pub era_text: Rgba,
}

impl Palette {
    /// The palette of `kind`.
    #[must_use]
    pub const fn of(kind: ThemeKind) -> Self {
        match kind {
            ThemeKind::Light => Self {
                kind,
                background: Rgba(255, 255, 255, 255),
                lane_alt: Rgba(246, 247, 249, 255),
                lane_title: Rgba(60, 64, 72, 255),
                text: Rgba(24, 26, 30, 255),
                muted: Rgba(96, 102, 112, 255),
                axis_background: Rgba(238, 240, 243, 255),
                grid: Rgba(0, 0, 0, 22),
                grid_major: Rgba(0, 0, 0, 60),
                accent: Rgba(0, 109, 204, 255),
                era_text: Rgba(70, 74, 82, 255),
            },
            ThemeKind::Dark => Self {
                kind,
                background: Rgba(24, 25, 28, 255),
                lane_alt: Rgba(31, 33, 37, 255),
                lane_title: Rgba(200, 204, 212, 255),
                text: Rgba(230, 232, 236, 255),
                muted: Rgba(150, 156, 166, 255),
                axis_background: Rgba(36, 38, 43, 255),
                grid: Rgba(255, 255, 255, 20),
                grid_major: Rgba(255, 255, 255, 56),
                accent: Rgba(90, 170, 255, 255),
                era_text: Rgba(200, 204, 212, 255),
            },
        }
    }

    /// Colour of lane `index` with its declared colour, adjusted so it reads
    /// on this background.
    #[must_use]
    pub fn lane_color(&self, declared: Option<Rgb>, index: usize) -> Rgba {
        let base = declared.unwrap_or(LANE_PALETTE[index % LANE_PALETTE.len()]);
        let base = Rgba::opaque(base);
        match self.kind {
            ThemeKind::Light => base,
            // Dark, saturated lane colours vanish on a dark canvas: lift them.
            ThemeKind::Dark => base.mix(Rgba(255, 255, 255, 255), 0.25),
        }
    }

    /// Background band colour of an era.
    #[must_use]
    pub fn era_color(&self, declared: Option<Rgb>, index: usize) -> Rgba {
        let base = Rgba::opaque(declared.unwrap_or(LANE_PALETTE[(index + 3) % LANE_PALETTE.len()]));
        base.with_alpha(match self.kind {
            ThemeKind::Light => 28,
            ThemeKind::Dark => 40,
        })
    }
}

/// How an event's status is drawn, the same in window and export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusStyle {
    /// Filled shape.
    Solid,
    /// Outline only: the claim is not established.
    Hollow,
    /// Filled shape crossed out: denied.
    Crossed,
}

/// The drawing style of a status; unknown status is solid.
#[must_use]
pub fn status_style(status: Option<Status>) -> StatusStyle {
    match status {
        None | Some(Status::Confirmed | Status::Reported) => StatusStyle::Solid,
        Some(Status::Claimed | Status::Rumoured | Status::Disputed) => StatusStyle::Hollow,
        Some(Status::Denied) => StatusStyle::Crossed,
    }
}

/// Colours for lanes that declare none (Tableau 10, readable on both themes).
pub const LANE_PALETTE: [Rgb; 10] = [
    Rgb(0x4e, 0x79, 0xa7),
    Rgb(0xf2, 0x8e, 0x2b),
    Rgb(0xe1, 0x57, 0x59),
    Rgb(0x76, 0xb7, 0xb2),
    Rgb(0x59, 0xa1, 0x4f),
    Rgb(0xed, 0xc9, 0x48),
    Rgb(0xb0, 0x7a, 0xa1),
    Rgb(0xff, 0x9d, 0xa7),
    Rgb(0x9c, 0x75, 0x5f),
    Rgb(0xba, 0xb0, 0xac),
];

/// Fill and edge of a bar, the same in window and export. A dashed edge
/// (approximate or precision-only) must differ from a solid fill or the
/// dashes vanish, so solid approximate bars get a text-coloured edge.
#[must_use]
pub fn bar_colors(
    color: Rgba,
    style: StatusStyle,
    precision_only: bool,
    approximate: bool,
    palette: &Palette,
) -> (Rgba, Rgba) {
    match (precision_only, style) {
        (true, _) => (color.with_alpha(70), color),
        (false, StatusStyle::Hollow) => (color.with_alpha(40), color),
        (false, _) if approximate => (color, palette.text.with_alpha(170)),
        (false, _) => (color, color),
    }
}

/// Near-black or white, whichever has the higher WCAG contrast on
/// `background`: text inside a bar must stay readable on every lane colour
/// in both themes.
#[must_use]
pub fn text_on(background: Rgba) -> Rgba {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(background.0)
        + 0.7152 * linear(background.1)
        + 0.0722 * linear(background.2);
    let dark = Rgba(20, 20, 20, 255);
    let dark_luminance = 0.0070;
    let on_dark = (luminance + 0.05) / (dark_luminance + 0.05);
    let on_white = 1.05 / (luminance + 0.05);
    if on_dark >= on_white {
        dark
    } else {
        Rgba(255, 255, 255, 255)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_inside_bars_reads_on_every_palette_colour() {
        assert_eq!(text_on(Rgba(255, 255, 255, 255)), Rgba(20, 20, 20, 255));
        assert_eq!(text_on(Rgba(0, 0, 0, 255)), Rgba(255, 255, 255, 255));
        // The seed's press lane in the dark theme: dark text, not white.
        let lifted = Palette::of(ThemeKind::Dark).lane_color(Rgb::parse_hex("#7f6a00"), 0);
        assert_eq!(text_on(lifted), Rgba(20, 20, 20, 255));
        assert_eq!(
            text_on(Rgba::opaque(Rgb(0x1f, 0x5f, 0xa8))),
            Rgba(255, 255, 255, 255)
        );
    }
}
