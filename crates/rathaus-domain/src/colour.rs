//! The tenant's accent colour. It is used as a background behind white text, so it must
//! keep WCAG 2.1 AA contrast (4.5:1) against white; a colour that does not is refused.

use crate::Invalid;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccentColour([u8; 3]);

impl AccentColour {
    pub const MIN_CONTRAST_AGAINST_WHITE: f64 = 4.5;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let hex = input.trim().strip_prefix('#').unwrap_or(input.trim());
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Invalid::new("colour-format"));
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex");
        let colour = Self([byte(0), byte(2), byte(4)]);
        if colour.contrast_against_white() < Self::MIN_CONTRAST_AGAINST_WHITE {
            return Err(Invalid::new("colour-contrast"));
        }
        Ok(colour)
    }

    /// WCAG 2.1 relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    pub fn contrast_against_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }
}

impl fmt::Display for AccentColour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dark_colours_and_normalises() {
        assert_eq!(AccentColour::parse("#0B5CAD").unwrap().to_string(), "#0b5cad");
        assert_eq!(AccentColour::parse("1d4f91").unwrap().to_string(), "#1d4f91");
    }

    #[test]
    fn refuses_low_contrast_and_garbage() {
        assert_eq!(AccentColour::parse("#ffff00").unwrap_err().code, "colour-contrast");
        assert_eq!(AccentColour::parse("#77aaff").unwrap_err().code, "colour-contrast");
        assert_eq!(AccentColour::parse("red").unwrap_err().code, "colour-format");
        assert_eq!(AccentColour::parse("#12345g").unwrap_err().code, "colour-format");
    }
}
