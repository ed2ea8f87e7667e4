//! PNG rendering: 1-bit grayscale, each module a square of `module_px` pixels, quiet zone
//! included, compressed with the `png` crate.

use crate::Qr;

/// Largest accepted module size in pixels (version 40 then is 185 × 32 = 5920 pixels wide).
pub const MAX_MODULE_PX: u32 = 32;

/// Why a PNG could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// `module_px` is 0 or above [`MAX_MODULE_PX`].
    #[error("module size {0} px is outside 1..={MAX_MODULE_PX}")]
    ModuleSize(u32),
    /// The encoder failed (not expected when writing to memory).
    #[error("PNG encoding failed")]
    Encoding(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl Qr {
    /// The code as a PNG, `module_px` pixels per module; black is 0, white is 1.
    pub fn png(&self, module_px: u32) -> Result<Vec<u8>, PngError> {
        if !(1..=MAX_MODULE_PX).contains(&module_px) {
            return Err(PngError::ModuleSize(module_px));
        }
        let scale = module_px as usize;
        let modules = self.width_with_quiet_zone();
        let side = modules * scale;
        let side_u32 = u32::try_from(side).map_err(|e| PngError::Encoding(e.into()))?;
        let row_bytes = side.div_ceil(8);
        let mut data = vec![0xff_u8; row_bytes * side];
        for (py, row) in data.chunks_exact_mut(row_bytes).enumerate() {
            let my = (py / scale).checked_sub(crate::QUIET_ZONE);
            for px in 0..side {
                let mx = (px / scale).checked_sub(crate::QUIET_ZONE);
                if let (Some(mx), Some(my)) = (mx, my)
                    && self.is_dark(mx, my)
                {
                    row[px / 8] &= !(0x80 >> (px % 8));
                }
            }
        }

        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, side_u32, side_u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        encoder.set_compression(png::Compression::High);
        let encoding = |e: png::EncodingError| PngError::Encoding(Box::new(e));
        let mut writer = encoder.write_header().map_err(encoding)?;
        writer.write_image_data(&data).map_err(encoding)?;
        writer.finish().map_err(encoding)?;
        Ok(out)
    }
}
