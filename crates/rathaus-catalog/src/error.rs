//! Why a catalogue document or an XZuFi file could not be read.
//!
//! Policy: reading fails only when the document cannot be understood at all (syntax, unknown
//! field, wrong type, unsupported format, wrong namespace). Everything a reader can still
//! represent – a missing translation, an unknown reference, an out-of-range number – is a
//! [`Problem`](crate::Problem) from [`Catalog::validate`](crate::Catalog::validate), so an
//! administrator sees all of them at once. Every error names the line where one is known.

/// A failure to read a catalogue document or an XZuFi file.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// YAML or JSON that does not fit the format (syntax, unknown field, wrong type).
    #[error("{}", located("catalogue", *line, *column, message))]
    Syntax { line: Option<usize>, column: Option<usize>, message: String },
    /// The `format` field names a format this version does not read.
    #[error("unsupported catalogue format {found:?} (expected {expected:?})")]
    UnsupportedFormat { found: String, expected: &'static str },
    /// Writing failed (practically impossible for these types, but not hidden).
    #[error("could not write the catalogue: {0}")]
    Write(String),
    /// The XZuFi file is not well-formed XML.
    #[error("XZuFi file is not well-formed XML at line {line}, column {column}: {message}")]
    Xml { line: u32, column: u32, message: String },
    /// The XML is not XZuFi 2.2 (root or `leistung` elements in another namespace).
    #[error(
        "XZuFi file has the wrong namespace: expected {expected:?}, found {found:?} \
         (element <{element}> at line {line})"
    )]
    WrongNamespace { expected: &'static str, found: String, element: String, line: u32 },
    /// Well-formed XZuFi 2.2 without a single `leistung`.
    #[error("XZuFi file contains no <leistung> element, so there is nothing to import")]
    NoServices,
    /// A `leistung` that cannot be imported (e.g. without `id`).
    #[error("XZuFi <leistung> at line {line}: {message}")]
    InvalidService { line: u32, message: String },
}

fn located(what: &str, line: Option<usize>, column: Option<usize>, message: &str) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{what} at line {l}, column {c}: {message}"),
        (Some(l), None) => format!("{what} at line {l}: {message}"),
        _ => format!("{what}: {message}"),
    }
}
