//! SVG rendering: one `<path>` with a closed rectangle per horizontal run of dark modules, on a
//! white background, in module units (the `viewBox` includes the quiet zone). No `width` or
//! `height`: the page sizes the image with CSS.

use std::fmt::Write as _;

use crate::{QUIET_ZONE, Qr};

impl Qr {
    /// A standalone `<svg>` element with `role="img"` and `title` (escaped) as its accessible
    /// name, e.g. `Buchungscode K7Q-2XR`.
    pub fn svg(&self, title: &str) -> String {
        let size = self.width_with_quiet_zone();
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" \
             shape-rendering=\"crispEdges\"><title>{}</title>\
             <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
            escape_xml(title)
        );
        for y in 0..self.width() {
            let mut x = 0;
            while x < self.width() {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let run = (x..self.width()).take_while(|&x| self.is_dark(x, y)).count();
                // Writing to a String cannot fail.
                let _ = write!(out, "M{} {}h{run}v1h-{run}z", x + QUIET_ZONE, y + QUIET_ZONE);
                x += run;
            }
        }
        out.push_str("\"/></svg>");
        out
    }
}

/// Escapes text for XML character data and attribute values; drops characters XML 1.0 forbids.
fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_xml;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape_xml("<a href=\"x\">&'\u{0}ü"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;ü");
    }
}
