//! The shape of the gateway request: its method (`RATHAUS_SMS_METHOD`) and the content type
//! of its body (`RATHAUS_SMS_CONTENT_TYPE`), which decides how values are escaped.

use super::ConfigError;
use crate::template::Escaping;

/// The HTTP method of the gateway request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The rendered body template is the request body.
    Post,
    /// The rendered body template is appended to the URL as query string.
    Get,
}

/// The `Content-Type` of a `POST` body, which also decides how values are escaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentType {
    header: String,
    pub(crate) escaping: Escaping,
}

impl ContentType {
    /// Any valid header value; the media type (before `;`, any case) picks the escaping.
    pub fn parse(value: &str) -> Result<ContentType, ConfigError> {
        let header = value.trim();
        if header.is_empty() || reqwest::header::HeaderValue::from_str(header).is_err() {
            return Err(ConfigError::ContentType);
        }
        let essence = header.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let escaping = match essence.as_str() {
            "application/json" => Escaping::Json,
            "application/x-www-form-urlencoded" => Escaping::Form,
            _ => Escaping::Raw,
        };
        Ok(ContentType { header: header.to_owned(), escaping })
    }

    /// The header value, exactly as configured.
    pub fn as_str(&self) -> &str {
        &self.header
    }
}
