//! How text messages leave the system: held in the outbox, or sent through an HTTP gateway.
//!
//! The application reads these environment variables and hands them to
//! [`SmsDeliveryMode::from_env_map`] (or fills [`GatewayParts`] itself). Empty values count
//! as unset.
//!
//! | variable | meaning |
//! | --- | --- |
//! | `RATHAUS_SMS_URL` | `hold` or unset: development and demo, messages stay `held` in the outbox and nothing is sent. Otherwise the gateway URL (`http` or `https`); it may contain the placeholders, which are percent-encoded (`https://gw.example/send/{{to}}`). |
//! | `RATHAUS_SMS_METHOD` | `POST` (default) or `GET`. |
//! | `RATHAUS_SMS_AUTH` | `none` (default), `bearer:TOKEN`, `basic:USER:PASSWORD` or `header:NAME:VALUE` (e.g. `header:X-Api-Key:abc`); the password and value may contain `:`. |
//! | `RATHAUS_SMS_BODY` | The body template with the placeholders `{{to}}` (E.164, `+4917012345678`), `{{text}}` and `{{sender}}`. Required for `POST`. With `GET` it is appended to the URL as query string, its values form-urlencoded. |
//! | `RATHAUS_SMS_CONTENT_TYPE` | Of the `POST` body, sent as the `Content-Type` header; default `application/json`. It decides the escaping: `application/json` escapes values for the inside of a JSON string (the template writes the quotes: `"{{text}}"`), `application/x-www-form-urlencoded` form-urlencodes them, any other type inserts them as they are. |
//! | `RATHAUS_SMS_SENDER` | The sender for `{{sender}}`: up to 11 letters, digits, spaces, `.` or `-` (alphanumeric sender), or a number in international format. Empty when unset. |
//! | `RATHAUS_SMS_TIMEOUT` | Seconds for a whole request, 1 to 120; default 10. |
//! | `RATHAUS_SMS_ID_FIELD` | Optional: where the provider's message id is in a JSON answer, as a dotted path (`id`, `messages.0.id`); recorded in the log. |
//!
//! Either the URL or the body must use `{{to}}` and `{{text}}`; unknown placeholders are
//! errors. Redirects are not followed.
//!
//! A JSON API with a bearer token:
//!
//! ```text
//! RATHAUS_SMS_URL=https://api.sms.example/v1/messages
//! RATHAUS_SMS_AUTH=bearer:0123456789abcdef
//! RATHAUS_SMS_BODY={"messages":[{"recipient":"{{to}}","sender":"{{sender}}","text":"{{text}}"}]}
//! RATHAUS_SMS_SENDER=Rathaus
//! RATHAUS_SMS_ID_FIELD=messages.0.id
//! ```
//!
//! A form-encoded API with basic authentication (account id and key):
//!
//! ```text
//! RATHAUS_SMS_URL=https://gateway.example/accounts/AC42/messages
//! RATHAUS_SMS_AUTH=basic:AC42:secret-key
//! RATHAUS_SMS_CONTENT_TYPE=application/x-www-form-urlencoded
//! RATHAUS_SMS_BODY=To={{to}}&From={{sender}}&Body={{text}}
//! RATHAUS_SMS_ID_FIELD=sid
//! ```
//!
//! An HTTP GET gateway whose key is part of the URL:
//!
//! ```text
//! RATHAUS_SMS_URL=https://sms.example/http/send?key=secret-key
//! RATHAUS_SMS_METHOD=GET
//! RATHAUS_SMS_BODY=to={{to}}&from={{sender}}&text={{text}}
//! ```
//!
//! Secrets can sit in the auth value, in the URL or in the body template, so the `Debug`
//! output of [`GatewayConfig`] shows the URL without user info and query, the body
//! template only as its placeholders and size, and authentication values as `***`.

mod auth;
mod request;

pub use auth::{Auth, Secret};
pub use request::{ContentType, Method};

use crate::http::IdPath;
use crate::number::E164;
use crate::template::{Escaping, Field, Template, TemplateError, Values};
use std::collections::HashMap;
use std::fmt;
use std::time::Duration;

pub const ENV_URL: &str = "RATHAUS_SMS_URL";
pub const ENV_METHOD: &str = "RATHAUS_SMS_METHOD";
pub const ENV_AUTH: &str = "RATHAUS_SMS_AUTH";
pub const ENV_BODY: &str = "RATHAUS_SMS_BODY";
pub const ENV_CONTENT_TYPE: &str = "RATHAUS_SMS_CONTENT_TYPE";
pub const ENV_SENDER: &str = "RATHAUS_SMS_SENDER";
pub const ENV_TIMEOUT: &str = "RATHAUS_SMS_TIMEOUT";
pub const ENV_ID_FIELD: &str = "RATHAUS_SMS_ID_FIELD";

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_TIMEOUT_SECS: u64 = 120;

/// Where outgoing text messages go.
#[derive(Debug, Clone)]
#[expect(clippy::large_enum_variant, reason = "built once at start-up and passed by reference")]
pub enum SmsDeliveryMode {
    /// Keep messages in the outbox (state `held`) for reading; send nothing.
    Hold,
    /// Send through the HTTP gateway, by the `sms.send` job.
    Gateway(GatewayConfig),
}

impl SmsDeliveryMode {
    /// `Hold` when `RATHAUS_SMS_URL` is unset, empty or `hold`; else the gateway
    /// configured by the `RATHAUS_SMS_*` variables (see the module documentation).
    pub fn from_env_map(env: &HashMap<String, String>) -> Result<SmsDeliveryMode, ConfigError> {
        match value(env, ENV_URL) {
            None => Ok(SmsDeliveryMode::Hold),
            Some(url) if url.eq_ignore_ascii_case("hold") => Ok(SmsDeliveryMode::Hold),
            Some(_) => GatewayConfig::from_env_map(env).map(SmsDeliveryMode::Gateway),
        }
    }
}

/// The configuration as strings, one field per variable; `None` (or empty) means unset.
#[derive(Default, Clone, Copy)]
pub struct GatewayParts<'a> {
    pub url: &'a str,
    pub method: Option<&'a str>,
    pub auth: Option<&'a str>,
    pub body: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub sender: Option<&'a str>,
    pub timeout: Option<&'a str>,
    pub id_field: Option<&'a str>,
}

/// A checked HTTP gateway configuration; [`crate::HttpGateway::new`] turns it into a client.
#[derive(Clone)]
pub struct GatewayConfig {
    pub(crate) url: Template,
    /// The URL without user info and query, for `Debug`.
    shown_url: String,
    pub(crate) method: Method,
    pub(crate) auth: Auth,
    pub(crate) body: Template,
    pub(crate) content_type: ContentType,
    pub(crate) sender: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) id_field: Option<IdPath>,
}

/// The gateway configuration could not be understood. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{ENV_URL} is not set")]
    MissingUrl,
    #[error("{ENV_URL}: {0}")]
    UrlTemplate(TemplateError),
    #[error("{ENV_URL} is not a valid URL")]
    InvalidUrl,
    #[error("{ENV_URL} must be an http or https URL with a host")]
    Scheme,
    #[error("{ENV_METHOD} must be POST or GET")]
    Method,
    #[error("{ENV_AUTH} must be none, bearer:TOKEN, basic:USER:PASSWORD or header:NAME:VALUE")]
    AuthMode,
    #[error("{ENV_AUTH}: the {0} authentication is incomplete or has invalid characters")]
    Auth(&'static str),
    #[error("{ENV_BODY} is required for POST")]
    MissingBody,
    #[error("{ENV_BODY}: {0}")]
    BodyTemplate(TemplateError),
    #[error("neither {ENV_URL} nor {ENV_BODY} uses the placeholder {{{{{0}}}}}")]
    PlaceholderUnused(&'static str),
    #[error("{ENV_CONTENT_TYPE} is not a valid header value")]
    ContentType,
    #[error("{ENV_SENDER} must be up to 11 letters, digits, spaces, '.' or '-', or an international number")]
    Sender,
    #[error("{ENV_TIMEOUT} must be whole seconds from 1 to {MAX_TIMEOUT_SECS}")]
    Timeout,
    #[error("{ENV_ID_FIELD} must be a dotted path such as `id` or `messages.0.id`")]
    IdField,
    #[error("the HTTP client for the SMS gateway could not be set up")]
    Client,
}

impl GatewayConfig {
    /// Reads the `RATHAUS_SMS_*` variables from `env` (see the module documentation).
    pub fn from_env_map(env: &HashMap<String, String>) -> Result<GatewayConfig, ConfigError> {
        GatewayConfig::from_parts(GatewayParts {
            url: value(env, ENV_URL).ok_or(ConfigError::MissingUrl)?,
            method: value(env, ENV_METHOD),
            auth: value(env, ENV_AUTH),
            body: value(env, ENV_BODY),
            content_type: value(env, ENV_CONTENT_TYPE),
            sender: value(env, ENV_SENDER),
            timeout: value(env, ENV_TIMEOUT),
            id_field: value(env, ENV_ID_FIELD),
        })
    }

    /// Checks and assembles the configuration.
    pub fn from_parts(parts: GatewayParts<'_>) -> Result<GatewayConfig, ConfigError> {
        let url = Template::parse(parts.url.trim()).map_err(ConfigError::UrlTemplate)?;
        let shown_url = check_url(&url)?;
        let method = match set(parts.method) {
            None => Method::Post,
            Some(m) if m.eq_ignore_ascii_case("post") => Method::Post,
            Some(m) if m.eq_ignore_ascii_case("get") => Method::Get,
            Some(_) => return Err(ConfigError::Method),
        };
        let auth = set(parts.auth).map_or(Ok(Auth::None), Auth::parse)?;
        // The body keeps its whitespace: it is sent as written.
        let body = match parts.body.filter(|b| !b.trim().is_empty()) {
            Some(b) => Template::parse(b).map_err(ConfigError::BodyTemplate)?,
            None if method == Method::Post => return Err(ConfigError::MissingBody),
            None => Template::parse("").map_err(ConfigError::BodyTemplate)?,
        };
        for (field, name) in [(Field::To, "to"), (Field::Text, "text")] {
            if !url.uses(field) && !body.uses(field) {
                return Err(ConfigError::PlaceholderUnused(name));
            }
        }
        let content_type = ContentType::parse(set(parts.content_type).unwrap_or("application/json"))?;
        let sender = set(parts.sender).map(check_sender).transpose()?;
        let timeout = match set(parts.timeout) {
            None => DEFAULT_TIMEOUT,
            Some(t) => match t.parse::<u64>() {
                Ok(secs) if (1..=MAX_TIMEOUT_SECS).contains(&secs) => Duration::from_secs(secs),
                _ => return Err(ConfigError::Timeout),
            },
        };
        let id_field = set(parts.id_field).map(|p| IdPath::parse(p).ok_or(ConfigError::IdField)).transpose()?;
        Ok(GatewayConfig { url, shown_url, method, auth, body, content_type, sender, timeout, id_field })
    }

    pub fn method(&self) -> Method {
        self.method
    }

    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    pub fn content_type(&self) -> &ContentType {
        &self.content_type
    }

    pub fn sender(&self) -> Option<&str> {
        self.sender.as_deref()
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }
}

impl fmt::Debug for GatewayConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatewayConfig")
            .field("url", &self.shown_url)
            .field("method", &self.method)
            .field("auth", &self.auth)
            .field("body", &self.body)
            .field("content_type", &self.content_type.as_str())
            .field("sender", &self.sender)
            .field("timeout", &self.timeout)
            .field("id_field", &self.id_field)
            .finish()
    }
}

/// A trimmed, non-empty part.
fn set(part: Option<&str>) -> Option<&str> {
    part.map(str::trim).filter(|v| !v.is_empty())
}

/// A trimmed, non-empty variable.
fn value<'a>(env: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    env.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// Checks that the URL, with sample values, is an http(s) URL with a host; returns it
/// without user info and query for display.
fn check_url(url: &Template) -> Result<String, ConfigError> {
    let sample = Values { to: "TO", text: "TEXT", sender: "SENDER" };
    let parsed = url::Url::parse(&url.render(sample, Escaping::Url)).map_err(|_| ConfigError::InvalidUrl)?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(ConfigError::Scheme);
    }
    let host = parsed.host_str().unwrap_or_default();
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    let query = if parsed.query().is_some() { "?…" } else { "" };
    Ok(format!("{}://{host}{port}{}{query}", parsed.scheme(), parsed.path()))
}

fn check_sender(sender: &str) -> Result<String, ConfigError> {
    if let Ok(number) = E164::parse(sender) {
        return Ok(number.as_str().to_owned());
    }
    let alphanumeric = sender.len() <= 11 && sender.chars().all(|c| c.is_ascii_alphanumeric() || " .-".contains(c));
    if alphanumeric { Ok(sender.to_owned()) } else { Err(ConfigError::Sender) }
}

#[cfg(test)]
mod tests;
