//! PNG: the export's SVG rasterised on the CPU, and the encoder the window's
//! screenshot goes through.
//!
//! **Architecture invariant:** rasterising never looks at the machine: no
//! system fonts, no GPU. The only font resvg can use is the one embedded in
//! the binary ([`FONT_BYTES`]), so the same input gives the same bytes on
//! every machine.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::ExportError;
use crate::layout::text::{FONT_BYTES, FONT_FAMILY};

/// Largest side of a PNG, in pixels. Beyond it the pixel buffer alone would
/// take gigabytes; nobody needs a wider picture of a timeline.
pub const MAX_SIDE_PX: u32 = 16_384;
/// Largest number of pixels in one PNG (256 MB of RGBA).
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// The font database resvg draws text with: the embedded font and nothing
/// else, built once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(FONT_BYTES.to_vec());
            // Generic families resolve to names; point every one we might
            // write at the embedded font, so nothing asks for a system font.
            db.set_sans_serif_family(FONT_FAMILY);
            db.set_serif_family(FONT_FAMILY);
            db.set_monospace_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Pixel size of an image `width_pt` × `height_pt` points at `scale` pixels
/// per point, checked against [`MAX_SIDE_PX`] and [`MAX_PIXELS`].
///
/// # Errors
/// [`ExportError::TooLarge`] when the image would be too large or empty.
pub fn pixel_size(width_pt: f32, height_pt: f32, scale: f32) -> Result<(u32, u32), ExportError> {
    let side = |points: f32| -> Option<u32> {
        let px = (f64::from(points) * f64::from(scale)).round();
        // The range check makes the cast exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let px = (px.is_finite() && px >= 1.0 && px <= f64::from(MAX_SIDE_PX)).then_some(px as u32);
        px
    };
    let too_large = || ExportError::TooLarge {
        width_pt,
        height_pt,
        scale,
    };
    let (w, h) = (
        side(width_pt).ok_or_else(too_large)?,
        side(height_pt).ok_or_else(too_large)?,
    );
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large());
    }
    Ok((w, h))
}

/// Rasterises `svg` at `scale` pixels per point and encodes it as PNG.
/// Returns the PNG bytes and the image's size in pixels.
///
/// # Errors
/// When the SVG cannot be parsed (never for [`super::svg::to_svg`] output),
/// the image would be too large, or encoding fails.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<(Vec<u8>, u32, u32), ExportError> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let (width, height) = pixel_size(size.width(), size.height(), scale)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(ExportError::TooLarge {
        width_pt: size.width(),
        height_pt: size.height(),
        scale,
    })?;
    // Scale to the rounded pixel size exactly, so the picture fills the
    // image even when `size × scale` was not a whole number.
    let transform = tiny_skia::Transform::from_scale(
        f64_to_f32(f64::from(width) / f64::from(size.width())),
        f64_to_f32(f64::from(height) / f64::from(size.height())),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let bytes = pixmap
        .encode_png()
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    Ok((bytes, width, height))
}

fn f64_to_f32(v: f64) -> f32 {
    // Ratios of image sizes, close to the scale: well inside f32.
    #[allow(clippy::cast_possible_truncation)]
    let v = v as f32;
    v
}

/// Encodes straight (not premultiplied) 8-bit RGBA pixels, row by row from
/// the top-left, as a PNG. egui's screenshots are opaque, where straight and
/// premultiplied are the same.
///
/// # Errors
/// [`ExportError::BadPixels`] when `rgba` does not hold `width × height`
/// pixels or the size is zero; [`ExportError::Encode`] if encoding fails.
pub fn encode_rgba_png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>, ExportError> {
    use image::ImageEncoder as _;

    let expected = u64::from(width) * u64::from(height) * 4;
    if width == 0 || height == 0 || u64::try_from(rgba.len()).ok() != Some(expected) {
        return Err(ExportError::BadPixels {
            width,
            height,
            bytes: rgba.len(),
        });
    }
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgba, width, height, image::ExtendedColorType::Rgba8)
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    Ok(out)
}

/// Encodes RGBA pixels as PNG ([`encode_rgba_png`]) and writes them to
/// `path` safely ([`crate::fsout::write`]): a failure leaves no
/// file behind and never damages an existing one.
///
/// # Errors
/// As [`encode_rgba_png`], plus [`ExportError::Write`] when the file cannot
/// be written.
pub fn save_png_atomically(
    path: &Path,
    width: u32,
    height: u32,
    rgba: &[u8],
) -> Result<(), ExportError> {
    let bytes = encode_rgba_png(width, height, rgba)?;
    super::write_file(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_embedded_font_is_known() {
        let db = fonts();
        assert_eq!(db.len(), 1);
        let families: Vec<String> = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
            .collect();
        assert!(families.iter().any(|f| f == FONT_FAMILY), "{families:?}");
    }

    #[test]
    fn rgba_round_trips_through_png() {
        let pixels: Vec<u8> = (0..4 * 3 * 4)
            .map(|i| u8::try_from(i * 5).unwrap_or(0))
            .collect();
        let png = encode_rgba_png(4, 3, &pixels).unwrap_or_else(|e| panic!("{e}"));
        let image = image::load_from_memory(&png)
            .unwrap_or_else(|e| panic!("{e}"))
            .to_rgba8();
        assert_eq!((image.width(), image.height()), (4, 3));
        assert_eq!(image.into_raw(), pixels);
    }

    #[test]
    fn wrong_pixel_count_is_an_error() {
        assert!(matches!(
            encode_rgba_png(4, 3, &[0; 10]),
            Err(ExportError::BadPixels { .. })
        ));
        assert!(matches!(
            encode_rgba_png(0, 0, &[]),
            Err(ExportError::BadPixels { .. })
        ));
    }

    #[test]
    fn sizes_are_checked() {
        assert_eq!(pixel_size(800.0, 300.0, 2.0).ok(), Some((1600, 600)));
        assert!(pixel_size(800.0, 300.0, 1000.0).is_err());
        assert!(pixel_size(f32::NAN, 300.0, 1.0).is_err());
        assert!(pixel_size(10_000.0, 10_000.0, 1.0).is_err());
    }
}
