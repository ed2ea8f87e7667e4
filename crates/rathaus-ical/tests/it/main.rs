//! Integration tests of `rathaus-ical`: golden output, cancellation and properties of the
//! line format for arbitrary input.

mod cancel;
mod golden;
mod properties;
mod support;
