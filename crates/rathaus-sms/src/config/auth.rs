//! Authentication towards the gateway, from `RATHAUS_SMS_AUTH`: `none`, `bearer:TOKEN`,
//! `basic:USER:PASSWORD` or `header:NAME:VALUE`. Tokens, passwords and header values are
//! [`Secret`]s; errors name the mode, never the value.

use super::ConfigError;
use reqwest::header::{HeaderName, HeaderValue};
use std::fmt;

/// A secret string whose `Debug` output is `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must use it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// How each request authenticates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No authentication (or a key in the URL or body template).
    None,
    /// `Authorization: Bearer TOKEN`.
    Bearer(Secret),
    /// `Authorization: Basic …` (RFC 7617) of user and password.
    Basic { user: String, password: Secret },
    /// A header of its own, such as `X-Api-Key: VALUE`.
    Header { name: HeaderName, value: Secret },
}

impl Auth {
    /// Parses `none`, `bearer:TOKEN`, `basic:USER:PASSWORD` or `header:NAME:VALUE`. The
    /// password and header value may contain `:`.
    pub fn parse(value: &str) -> Result<Auth, ConfigError> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("none") {
            return Ok(Auth::None);
        }
        let (mode, rest) = value.split_once(':').ok_or(ConfigError::AuthMode)?;
        match mode.to_ascii_lowercase().as_str() {
            "bearer" => {
                let token = header_value(rest, "bearer")?;
                Ok(Auth::Bearer(Secret::new(token)))
            }
            "basic" => {
                let (user, password) = rest.split_once(':').ok_or(ConfigError::Auth("basic"))?;
                if user.is_empty() || user.chars().any(char::is_control) || password.chars().any(char::is_control) {
                    return Err(ConfigError::Auth("basic"));
                }
                Ok(Auth::Basic { user: user.to_owned(), password: Secret::new(password) })
            }
            "header" => {
                let (name, value) = rest.split_once(':').ok_or(ConfigError::Auth("header"))?;
                let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| ConfigError::Auth("header"))?;
                let value = header_value(value, "header")?;
                Ok(Auth::Header { name, value: Secret::new(value) })
            }
            _ => Err(ConfigError::AuthMode),
        }
    }
}

/// A non-empty value that can be sent in a header.
fn header_value(value: &str, mode: &'static str) -> Result<String, ConfigError> {
    let value = value.trim();
    if value.is_empty() || HeaderValue::from_str(value).is_err() {
        return Err(ConfigError::Auth(mode));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_mode() {
        assert_eq!(Auth::parse("none"), Ok(Auth::None));
        assert_eq!(Auth::parse("bearer:abc.def"), Ok(Auth::Bearer(Secret::new("abc.def"))));
        assert_eq!(
            Auth::parse("basic:rathaus:pa:ss"),
            Ok(Auth::Basic { user: "rathaus".into(), password: Secret::new("pa:ss") })
        );
        assert_eq!(
            Auth::parse("Header:X-Api-Key:k:1"),
            Ok(Auth::Header { name: HeaderName::from_static("x-api-key"), value: Secret::new("k:1") })
        );
    }

    #[test]
    fn errors_name_the_mode_only() {
        assert_eq!(Auth::parse("token:abc"), Err(ConfigError::AuthMode));
        assert_eq!(Auth::parse("bearer:"), Err(ConfigError::Auth("bearer")));
        assert_eq!(Auth::parse("basic:nopassword"), Err(ConfigError::Auth("basic")));
        assert_eq!(Auth::parse("basic::secret"), Err(ConfigError::Auth("basic")));
        assert_eq!(Auth::parse("header:Bad Name:secret"), Err(ConfigError::Auth("header")));
        assert_eq!(Auth::parse("header:X-Key:se\ncret"), Err(ConfigError::Auth("header")));
        assert!(!format!("{:?}", Auth::parse("basic::secret")).contains("secret"));
    }

    #[test]
    fn debug_hides_secrets() {
        for auth in ["bearer:tok3n", "basic:user:tok3n", "header:X-Api-Key:tok3n"] {
            let shown = format!("{:?}", Auth::parse(auth).unwrap());
            assert!(!shown.contains("tok3n") && shown.contains("***"), "{shown}");
        }
    }
}
