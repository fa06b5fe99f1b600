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

/// How an event's status is drawn, the same in window and export: one
/// style per status, so a reader can tell every status from every other.
/// Read in order, the fill empties as the record grows less sure of the
/// claim: solid, pale, hollow, dotted; half filled where sources disagree;
/// crossed out where it is denied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusStyle {
    /// Filled: confirmed, or no status.
    Solid,
    /// A pale fill inside a solid edge: reported, solid but secondhand.
    Pale,
    /// Outline only: claimed by an interested party.
    Hollow,
    /// Outline only, dotted: rumoured, with no named source.
    Dotted,
    /// The upper half filled, the lower half hollow: disputed.
    Half,
    /// Filled and crossed out: denied.
    Crossed,
}

impl StatusStyle {
    /// Every style, in the order of how sure the record is.
    pub const ALL: [Self; 6] = [
        Self::Solid,
        Self::Pale,
        Self::Hollow,
        Self::Dotted,
        Self::Half,
        Self::Crossed,
    ];

    /// The body is an outline only (hollow or dotted).
    #[must_use]
    pub const fn is_hollow(self) -> bool {
        matches!(self, Self::Hollow | Self::Dotted)
    }

    /// A faint mark (a coarse date's bar, a window with no certain part)
    /// cannot show the fill of its status, so it carries the status's
    /// diamond at its left end: every status but these two, which a faint
    /// mark shows as they are (the default look, and the strike line).
    #[must_use]
    pub const fn needs_key_on_faint(self) -> bool {
        !matches!(self, Self::Solid | Self::Crossed)
    }
}

/// The drawing style of a status; no status is drawn as confirmed.
#[must_use]
pub const fn status_style(status: Option<Status>) -> StatusStyle {
    match status {
        None | Some(Status::Confirmed) => StatusStyle::Solid,
        Some(Status::Reported) => StatusStyle::Pale,
        Some(Status::Claimed) => StatusStyle::Hollow,
        Some(Status::Rumoured) => StatusStyle::Dotted,
        Some(Status::Disputed) => StatusStyle::Half,
        Some(Status::Denied) => StatusStyle::Crossed,
    }
}

/// How far a reported (pale) fill is mixed from the lane colour toward the
/// background: about halfway, in contrast, between a solid fill and a
/// hollow one in both themes (see the tests).
pub const PALE_MIX: f32 = 0.4;

/// The least contrast a label inside a pale bar has with it (WCAG AA for
/// text); a pale fill in the middle of the range is pushed further toward
/// the background until it has it.
pub const PALE_TEXT_CONTRAST: f32 = 4.5;

/// Alpha of the lane colour inside a hollow bar.
pub const HOLLOW_ALPHA: u8 = 40;

/// The fill of a reported (pale) mark: the lane colour mixed toward the
/// background, opaque, so text inside it can be given a contrasting colour
/// that reads (at least [`PALE_TEXT_CONTRAST`]).
#[must_use]
pub fn pale_fill(color: Rgba, palette: &Palette) -> Rgba {
    let fill = |step: u8| {
        let t = PALE_MIX + 0.05 * f32::from(step);
        color.mix(palette.background, t).with_alpha(255)
    };
    (0..6)
        .map(fill)
        .find(|&f| contrast(f, text_on(f)) >= PALE_TEXT_CONTRAST)
        .unwrap_or_else(|| fill(6))
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
/// dashes vanish, so solid approximate bars get a text-coloured edge. A
/// half-filled (disputed) bar's fill is its upper half's; its lower half
/// is hollow.
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
        (false, StatusStyle::Hollow | StatusStyle::Dotted) => {
            (color.with_alpha(HOLLOW_ALPHA), color)
        }
        (false, StatusStyle::Pale) => (pale_fill(color, palette), color),
        (false, _) if approximate => (color, palette.text.with_alpha(170)),
        (false, _) => (color, color),
    }
}

/// Relative luminance of an opaque sRGB colour, as WCAG 2 defines it.
#[must_use]
pub fn luminance(color: Rgba) -> f32 {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(color.0) + 0.7152 * linear(color.1) + 0.0722 * linear(color.2)
}

/// WCAG 2 contrast ratio of two opaque colours, from 1 (the same) to 21.
#[must_use]
pub fn contrast(a: Rgba, b: Rgba) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color` laid over `background` as it is painted: its alpha mixed away.
#[must_use]
pub fn over(color: Rgba, background: Rgba) -> Rgba {
    background.mix(color.with_alpha(background.3), color.alpha())
}

/// Near-black or white, whichever has the higher WCAG contrast on
/// `background`: text inside a bar must stay readable on every lane colour
/// in both themes.
#[must_use]
pub fn text_on(background: Rgba) -> Rgba {
    let dark = Rgba(20, 20, 20, 255);
    let white = Rgba(255, 255, 255, 255);
    if contrast(background, dark) >= contrast(background, white) {
        dark
    } else {
        white
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

    #[test]
    fn contrast_is_the_wcag_ratio() {
        let (black, white) = (Rgba(0, 0, 0, 255), Rgba(255, 255, 255, 255));
        assert!((contrast(black, white) - 21.0).abs() < 0.01);
        assert!((contrast(white, black) - 21.0).abs() < 0.01);
        assert!((contrast(white, white) - 1.0).abs() < f32::EPSILON);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast(Rgba(0x76, 0x76, 0x76, 255), white) - 4.54).abs() < 0.01);
        assert_eq!(over(Rgba(0, 0, 0, 0), white), white);
        assert_eq!(over(Rgba(0, 0, 0, 255), white), black);
    }

    /// Every lane colour a timeline can get: the palette's, and the seed's
    /// declared ones (dark and saturated).
    fn lane_colours(palette: &Palette) -> Vec<Rgba> {
        let declared = ["#b03a2e", "#7f6a00", "#1f5fa8", "#1e8449", "#6c3483"];
        (0..LANE_PALETTE.len())
            .map(|i| palette.lane_color(None, i))
            .chain(
                declared
                    .iter()
                    .map(|hex| palette.lane_color(Rgb::parse_hex(hex), 0)),
            )
            .collect()
    }

    /// A reported (pale) fill must read as neither a solid nor a hollow one:
    /// in contrast it lies well between them, on every lane colour in both
    /// themes, and a label inside it reads (WCAG AA).
    #[test]
    fn a_pale_fill_lies_between_solid_and_hollow_and_holds_readable_text() {
        for kind in [ThemeKind::Light, ThemeKind::Dark] {
            let palette = Palette::of(kind);
            for full in lane_colours(&palette) {
                let hollow = over(full.with_alpha(HOLLOW_ALPHA), palette.background);
                let pale = pale_fill(full, &palette);
                // Contrast ratios multiply along the way from solid to
                // hollow: each step takes at least a third of it.
                let whole = contrast(full, hollow).ln();
                let (to_full, to_hollow) = (contrast(pale, full).ln(), contrast(pale, hollow).ln());
                assert!(
                    to_full >= whole / 3.0 && to_hollow >= whole / 3.0,
                    "{kind:?} {full:?}: pale {pale:?} {:.2} from solid, {:.2} from hollow of {:.2}",
                    to_full.exp(),
                    to_hollow.exp(),
                    whole.exp()
                );
                let text = contrast(pale, text_on(pale));
                assert!(text >= PALE_TEXT_CONTRAST, "{kind:?} {full:?}: {text:.2}");
            }
        }
    }

    /// Every status has a style of its own, and only confirmed looks like
    /// no status.
    #[test]
    fn each_status_has_its_own_style() {
        let styles: Vec<StatusStyle> = Status::ALL.iter().map(|&s| status_style(Some(s))).collect();
        for (i, a) in styles.iter().enumerate() {
            assert!(!styles[i + 1..].contains(a), "{a:?} twice");
        }
        assert_eq!(status_style(None), status_style(Some(Status::Confirmed)));
        for style in StatusStyle::ALL {
            assert!(styles.contains(&style), "{style:?} unused");
        }
    }
}
