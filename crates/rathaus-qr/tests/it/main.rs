//! Integration tests of `rathaus-qr`: encoding limits, SVG structure and PNG pixels.

mod encode;
mod png;
mod svg;
