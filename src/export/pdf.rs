//! PDF: the export's SVG as a vector PDF with selectable text, through
//! `svg2pdf`, on an A4 or Letter page (landscape unless asked otherwise) or
//! on a page the size of the image.
//!
//! **Architecture invariant:** like the PNG, the PDF is made from exactly
//! the SVG [`super::svg::to_svg`] writes, with only the embedded font (which
//! is embedded in the PDF too, as a subset), so the same input gives the
//! same bytes on every machine.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use svg2pdf::usvg;

use super::ExportError;
use crate::layout::text::{FONT_BYTES, FONT_FAMILY};

/// Paper sizes, in PDF points (1/72 inch), portrait.
const A4_PT: (f32, f32) = (595.276, 841.89);
/// US Letter, 8.5 × 11 inches.
const LETTER_PT: (f32, f32) = (612.0, 792.0);
/// White margin around the image on paper: 1 cm, inside what printers can
/// reach.
pub const PAPER_MARGIN_PT: f32 = 28.35;

/// A paper size, or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 inches.
    Letter,
    /// A page exactly the size of the image (one point per SVG pixel).
    Fit,
}

/// The page a PDF is laid out on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Page {
    /// The paper.
    pub paper: Paper,
    /// Upright instead of landscape (ignored for [`Paper::Fit`]).
    pub portrait: bool,
}

impl Page {
    /// The width inside the margins, in points, when on paper: an export
    /// laid out this wide prints its text at its own size.
    #[must_use]
    pub fn printable_width(self) -> Option<f32> {
        (self.paper != Paper::Fit).then(|| self.size_pt(1.0, 1.0).0 - 2.0 * PAPER_MARGIN_PT)
    }

    /// Width and height of the page in points for an image of `width` ×
    /// `height` SVG pixels.
    #[must_use]
    pub fn size_pt(self, width: f32, height: f32) -> (f32, f32) {
        let (short, long) = match self.paper {
            Paper::A4 => A4_PT,
            Paper::Letter => LETTER_PT,
            Paper::Fit => return (width, height),
        };
        if self.portrait {
            (short, long)
        } else {
            (long, short)
        }
    }
}

/// The font database for the PDF: the embedded font and nothing else, as
/// for the PNG (svg2pdf brings its own copy of usvg and fontdb, so this is
/// a second, equally small database).
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(FONT_BYTES.to_vec());
            db.set_sans_serif_family(FONT_FAMILY);
            db.set_serif_family(FONT_FAMILY);
            db.set_monospace_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// `svg` (an SVG document `width` × `height` pixels, as written by
/// [`super::svg::to_svg`]) placed on `page`: scaled to fit inside the paper
/// margins and centred, or on a page of its own size. Returns the PDF and
/// the page size in points.
///
/// # Errors
/// [`ExportError::Render`] when the SVG cannot be read or converted (never
/// expected for our own SVG).
pub fn svg_to_pdf(
    svg: &str,
    width: f32,
    height: f32,
    page: Page,
) -> Result<(Vec<u8>, f32, f32), ExportError> {
    let (page_w, page_h) = page.size_pt(width, height);
    let document = if page.paper == Paper::Fit {
        svg.to_owned()
    } else {
        on_paper(svg, width, height, page_w, page_h)
    };
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&document, &options)
        .map_err(|e| ExportError::Render(format!("cannot read the SVG for the PDF: {e}")))?;
    let pdf = svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        // 72 dpi: one SVG pixel is one PDF point.
        svg2pdf::PageOptions { dpi: 72.0 },
    )
    .map_err(|e| ExportError::Render(format!("cannot make the PDF: {e}")))?;
    Ok((sort_resource_dictionaries(pdf), page_w, page_h))
}

/// The kinds of resource dictionary svg2pdf writes one `/Name N 0 R` line
/// per entry in.
const RESOURCE_KINDS: [&[u8]; 6] = [
    b"/ExtGState <<\n",
    b"/Font <<\n",
    b"/XObject <<\n",
    b"/Pattern <<\n",
    b"/Shading <<\n",
    b"/ColorSpace <<\n",
];

/// svg2pdf 0.13 writes the entries of a resources dictionary in the order of
/// a `HashMap`, which changes from run to run; the same input must give the
/// same bytes. Each entry is one `/Name N 0 R` line, so sorting the lines of
/// each such dictionary changes no byte offset (the cross-reference table
/// stays right) and no meaning (a dictionary has no order). A block with any
/// other kind of line is left as it is.
fn sort_resource_dictionaries(mut pdf: Vec<u8>) -> Vec<u8> {
    for kind in RESOURCE_KINDS {
        let mut from = 0;
        while let Some(found) = find(&pdf[from..], kind) {
            let start = from + found + kind.len();
            from = start;
            let Some(length) = find(&pdf[start..], b">>") else {
                break;
            };
            // The entries, up to the indentation before `>>`.
            let block = &pdf[start..start + length];
            let Some(end) = block.iter().rposition(|&b| b == b'\n') else {
                continue;
            };
            let mut lines: Vec<&[u8]> = block[..=end].split_inclusive(|&b| b == b'\n').collect();
            if !lines.iter().all(|line| is_reference_line(line)) {
                continue;
            }
            lines.sort_unstable();
            let sorted: Vec<u8> = lines.concat();
            pdf[start..=start + end].copy_from_slice(&sorted);
        }
    }
    pdf
}

/// `      /gs12 19 0 R\n`.
fn is_reference_line(line: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(line) else {
        return false;
    };
    let mut words = text.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next(), words.next(), words.next()),
        (Some(name), Some(number), Some("0"), Some("R"), None)
            if name.starts_with('/') && number.bytes().all(|b| b.is_ascii_digit())
    ) && text.ends_with('\n')
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A page-sized SVG with `svg` nested in it, scaled to fit inside the
/// margins and centred (the nested `<svg>` keeps its own viewport, so its
/// `100%` background stays the image's size).
fn on_paper(svg: &str, width: f32, height: f32, page_w: f32, page_h: f32) -> String {
    let room_w = (page_w - 2.0 * PAPER_MARGIN_PT).max(1.0);
    let room_h = (page_h - 2.0 * PAPER_MARGIN_PT).max(1.0);
    let scale = (room_w / width.max(1.0)).min(room_h / height.max(1.0));
    let x = (page_w - width * scale) / 2.0;
    let y = (page_h - height * scale) / 2.0;
    // Drop the XML declaration: it may only open a document.
    let body = svg
        .strip_prefix("<?xml")
        .and_then(|rest| rest.split_once("?>"))
        .map_or(svg, |(_, rest)| rest);
    let mut out = String::with_capacity(body.len() + 300);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{page_w}\" height=\"{page_h}\" \
         viewBox=\"0 0 {page_w} {page_h}\">\n\
         <g transform=\"translate({x} {y}) scale({scale})\">{body}</g>\n</svg>\n"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_is_landscape_unless_asked() {
        let a4 = Page::default();
        assert_eq!(a4.size_pt(1600.0, 500.0), (841.89, 595.276));
        let letter = Page {
            paper: Paper::Letter,
            portrait: true,
        };
        assert_eq!(letter.size_pt(1600.0, 500.0), (612.0, 792.0));
        let fit = Page {
            paper: Paper::Fit,
            portrait: true,
        };
        assert_eq!(fit.size_pt(1600.0, 500.0), (1600.0, 500.0));
    }

    #[test]
    fn resource_entries_are_sorted_in_place() {
        let pdf = b"4 0 obj\n<<\n  /Resources <<\n    /ExtGState <<\n      /gs2 9 0 R\n      /gs0 7 0 R\n      /gs1 8 0 R\n    >>\n    /Font <<\n      /f0 3 0 R\n    >>\n  >>\n>>\n".to_vec();
        let sorted = sort_resource_dictionaries(pdf.clone());
        assert_eq!(sorted.len(), pdf.len());
        let text = String::from_utf8(sorted).unwrap_or_default();
        assert!(
            text.contains("/gs0 7 0 R\n      /gs1 8 0 R\n      /gs2 9 0 R\n    >>"),
            "{text}"
        );
        // A block with anything else in it is left alone.
        let odd = b"/ColorSpace <<\n  /cs1 [/ICCBased 5 0 R]\n  /cs0 6 0 R\n>>".to_vec();
        assert_eq!(sort_resource_dictionaries(odd.clone()), odd);
    }

    #[test]
    fn the_image_is_scaled_into_the_margins() {
        let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1600\" height=\"400\"/>";
        let wrapped = on_paper(svg, 1600.0, 400.0, 841.89, 595.276);
        assert!(!wrapped.contains("<?xml"), "{wrapped}");
        let scale = (841.89 - 2.0 * PAPER_MARGIN_PT) / 1600.0;
        assert!(wrapped.contains(&format!("scale({scale})")), "{wrapped}");
        assert!(wrapped.contains("width=\"1600\" height=\"400\""));
    }
}
