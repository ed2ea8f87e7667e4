//! Integration tests of rathaus-catalog: the demo catalogue, the format round trip,
//! validation and the XZuFi import.

mod demo;
mod format;
mod validation;
mod xzufi;
