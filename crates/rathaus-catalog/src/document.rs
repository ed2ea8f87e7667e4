//! Reading and writing catalogue documents as YAML (the format's home) and JSON (accepted by
//! [`Catalog::from_yaml`] too, since JSON is YAML). The `format` field is checked before the
//! body, so a document of a future format gets a clear "unsupported format" instead of a
//! confusing field error.

use crate::{Catalog, CatalogError, model::FORMAT};
use serde::Deserialize;

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
}

impl Catalog {
    pub fn from_yaml(input: &str) -> Result<Catalog, CatalogError> {
        let header: Header = serde_norway::from_str(input).map_err(yaml_error)?;
        check_format(header.format.as_deref())?;
        serde_norway::from_str(input).map_err(yaml_error)
    }

    pub fn to_yaml(&self) -> Result<String, CatalogError> {
        serde_norway::to_string(self).map_err(|e| CatalogError::Write(e.to_string()))
    }

    pub fn from_json(input: &str) -> Result<Catalog, CatalogError> {
        let header: Header = serde_json::from_str(input).map_err(json_error)?;
        check_format(header.format.as_deref())?;
        serde_json::from_str(input).map_err(json_error)
    }

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> Result<String, CatalogError> {
        serde_json::to_string_pretty(self).map_err(|e| CatalogError::Write(e.to_string()))
    }
}

fn check_format(found: Option<&str>) -> Result<(), CatalogError> {
    match found {
        // A missing field is reported with its position by the full parse.
        None => Ok(()),
        Some(f) if f.trim() == FORMAT => Ok(()),
        Some(f) => Err(CatalogError::UnsupportedFormat { found: f.to_owned(), expected: FORMAT }),
    }
}

fn yaml_error(e: serde_norway::Error) -> CatalogError {
    let location = e.location();
    CatalogError::Syntax {
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
        message: e.to_string(),
    }
}

fn json_error(e: serde_json::Error) -> CatalogError {
    let known = e.line() > 0;
    CatalogError::Syntax { line: known.then(|| e.line()), column: known.then(|| e.column()), message: e.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_other_formats_and_unknown_fields() {
        let err = Catalog::from_yaml("format: rathaus-catalog/2\n").unwrap_err();
        assert!(matches!(err, CatalogError::UnsupportedFormat { .. }), "{err}");

        let err = Catalog::from_yaml("format: rathaus-catalog/1\nservice: []\n").unwrap_err();
        let CatalogError::Syntax { line, .. } = &err else { panic!("{err}") };
        assert_eq!(*line, Some(2), "{err}");
        assert!(err.to_string().contains("service"), "{err}");
    }

    #[test]
    fn json_is_read_by_both_readers() {
        let json = r#"{"format": "rathaus-catalog/1", "topics": [{"key": "a-b", "name": {"de": "A", "en": "B"}}]}"#;
        let a = Catalog::from_json(json).unwrap();
        let b = Catalog::from_yaml(json).unwrap();
        assert_eq!(a, b);
        assert_eq!(Catalog::from_json(&a.to_json().unwrap()).unwrap(), a);
    }
}
