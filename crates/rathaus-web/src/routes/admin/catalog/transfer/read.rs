//! Reading an uploaded catalogue file (pure): which format it is, decided by its content and
//! never by its name – XML is XZuFi (its namespace is checked by the reader), a document
//! that starts with `{` is our format as JSON, anything else our format as YAML.

use rathaus_catalog::{Catalog, CatalogError, XzufiImport, parse_xzufi};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Yaml,
    Json,
    Xzufi,
}

impl Format {
    pub(super) fn code(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
            Format::Xzufi => "xzufi",
        }
    }
}

#[derive(Debug)]
pub(super) enum Contents {
    Catalog(Catalog),
    Xzufi(XzufiImport),
}

#[derive(Debug)]
pub(super) enum Unreadable {
    /// Not UTF-8 text (a picture, a spreadsheet, …).
    NotText,
    /// The reader's error, with the line where it knows one.
    Syntax(Format, CatalogError),
}

pub(super) fn detect(text: &str) -> Format {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        Format::Xzufi
    } else if start.starts_with('{') {
        Format::Json
    } else {
        Format::Yaml
    }
}

/// Reads the uploaded bytes.
pub(super) fn read(bytes: &[u8]) -> Result<(Format, Contents), Unreadable> {
    let text = std::str::from_utf8(bytes).map_err(|_| Unreadable::NotText)?;
    let text = text.trim_start_matches('\u{feff}');
    let format = detect(text);
    let contents = match format {
        Format::Xzufi => parse_xzufi(text).map(Contents::Xzufi),
        Format::Json => Catalog::from_json(text).map(Contents::Catalog),
        Format::Yaml => Catalog::from_yaml(text).map(Contents::Catalog),
    };
    contents.map(|c| (format, c)).map_err(|e| Unreadable::Syntax(format, e))
}

/// The line (and column) an error names, if any.
pub(super) fn position(err: &CatalogError) -> Option<(usize, Option<usize>)> {
    match err {
        CatalogError::Syntax { line: Some(line), column, .. } => Some((*line, *column)),
        CatalogError::Xml { line, column, .. } => Some((*line as usize, Some(*column as usize))),
        CatalogError::WrongNamespace { line, .. } | CatalogError::InvalidService { line, .. } => {
            Some((*line as usize, None))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_format_by_content() {
        assert_eq!(detect("\u{feff}  <?xml version=\"1.0\"?><x/>"), Format::Xzufi);
        assert_eq!(detect("\n{\"format\": \"rathaus-catalog/1\"}"), Format::Json);
        assert_eq!(detect("format: rathaus-catalog/1\n"), Format::Yaml);
        assert_eq!(detect("# comment\nformat: x"), Format::Yaml);
    }

    #[test]
    fn reads_our_format_and_names_lines_of_errors() {
        let yaml = rathaus_catalog::demo_catalog().to_yaml().unwrap();
        let (format, contents) = read(yaml.as_bytes()).unwrap();
        assert!(format == Format::Yaml && matches!(contents, Contents::Catalog(_)));
        let json = rathaus_catalog::demo_catalog().to_json().unwrap();
        assert_eq!(read(json.as_bytes()).unwrap().0, Format::Json);

        let Err(Unreadable::Syntax(Format::Yaml, err)) = read(b"format: rathaus-catalog/1\nservice: []\n") else {
            panic!("unknown field must fail")
        };
        assert_eq!(position(&err).map(|p| p.0), Some(2));
        assert!(matches!(read(b"\x89PNG\r\n\x1a\n\xff"), Err(Unreadable::NotText)));
    }

    #[test]
    fn malformed_xml_names_its_line() {
        let xml = "<?xml version=\"1.0\"?>\n<x:leistungen xmlns:x=\"http://xoev.de/schemata/xzufi/2_2_0\">\n  <x:leistung>\n</x:leistungen>\n";
        let Err(Unreadable::Syntax(Format::Xzufi, err)) = read(xml.as_bytes()) else { panic!("must fail") };
        assert_eq!(position(&err).map(|p| p.0), Some(4), "{err}");
    }
}
