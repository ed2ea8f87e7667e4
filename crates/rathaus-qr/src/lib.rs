//! QR codes for booking codes and appointment links. [`Qr::encode`] computes the modules
//! (error correction level M); [`Qr::svg`] renders a self-contained, inline-able `<svg>` for
//! web pages and [`Qr::png`] a 1-bit grayscale PNG for emails (mail clients do not show SVG).
//! Both renderings are black on white with a quiet zone of [`QUIET_ZONE`] modules. Pure: no I/O.

mod png;
mod svg;

pub use png::{MAX_MODULE_PX, PngError};

/// Light modules around the code on every side, as required by ISO/IEC 18004.
pub const QUIET_ZONE: usize = 4;

/// Why data could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    /// More data than the largest QR code (version 40, level M) holds.
    #[error("data too long for a QR code")]
    TooLong,
    /// Any other refusal of the encoder (not expected for byte data).
    #[error("data cannot be encoded as a QR code: {0}")]
    Unencodable(String),
}

/// The modules of a QR code, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    width: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// Encodes `data` (as bytes, UTF-8) at error correction level M in the smallest version.
    pub fn encode(data: &str) -> Result<Qr, QrError> {
        let code = qrcode::QrCode::with_error_correction_level(data, qrcode::EcLevel::M).map_err(|e| match e {
            qrcode::types::QrError::DataTooLong => QrError::TooLong,
            other => QrError::Unencodable(other.to_string()),
        })?;
        let width = code.width();
        let dark = code.into_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        Ok(Qr { width, dark })
    }

    /// Modules per side, without the quiet zone (21 for version 1, 4 more per version).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Modules per side including the quiet zone on both sides.
    pub fn width_with_quiet_zone(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// Whether the module in column `x`, row `y` (from the top left, without the quiet zone)
    /// is dark; `false` outside the code.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark.get(y * self.width + x).copied().unwrap_or(false)
    }
}
