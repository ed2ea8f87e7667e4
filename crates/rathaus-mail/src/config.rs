//! How mail leaves the system: held in the outbox, or sent over SMTP.
//!
//! Operators configure delivery with one value, read by the application crate (for
//! example from `RATHAUS_MAIL`) and handed to [`DeliveryMode::parse`] together with the
//! sender mailbox (for example from `RATHAUS_MAIL_FROM`):
//!
//! * `hold` — development and demo: messages stay in the outbox in state `held`, where
//!   administrators can read them; nothing is sent.
//! * an SMTP URL, parsed by [`SmtpConfig::from_url`]:
//!
//! ```text
//! smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=starttls|none][&timeout=SECONDS]
//! smtps://[USER[:PASSWORD]@]HOST[:PORT][?timeout=SECONDS]
//! ```
//!
//! * `smtp://` upgrades with STARTTLS by default (`tls=starttls`, port 587); `tls=none`
//!   sends in clear text (port 25) and is meant only for a relay on the same host or network.
//! * `smtps://` is TLS from the first byte (port 465).
//! * `USER` and `PASSWORD` are percent-encoded (`@` is `%40`, `:` is `%3A`). A password
//!   needs a user.
//! * `timeout` is the per-command timeout in seconds (default 30).
//!
//! Example: `smtp://noreply%40musterstadt.de:geheim@mail.musterstadt.de:587?tls=starttls`.
//!
//! The sender is a mailbox such as `Bürgerbüro Musterstadt <noreply@musterstadt.de>`; it is
//! checked when the configuration is parsed. The password is a [`Secret`], whose `Debug`
//! prints `***`, so logging the configuration never leaks it.

use lettre::message::Mailbox;
use std::fmt;
use std::time::Duration;

/// Where outgoing mail goes.
#[derive(Debug, Clone)]
pub enum DeliveryMode {
    /// Keep messages in the outbox (state `held`) for reading; send nothing.
    Hold,
    /// Send through an SMTP server, by the `mail.send` job.
    Smtp(SmtpConfig),
}

impl DeliveryMode {
    /// `hold`, or an SMTP URL (see the module documentation) with the sender mailbox.
    pub fn parse(value: &str, from: &str) -> Result<DeliveryMode, ConfigError> {
        if value.trim().eq_ignore_ascii_case("hold") {
            Ok(DeliveryMode::Hold)
        } else {
            SmtpConfig::from_url(value, from).map(DeliveryMode::Smtp)
        }
    }
}

/// Connection to the SMTP server that relays our mail.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// The sender mailbox, e.g. `Bürgerbüro Musterstadt <noreply@musterstadt.de>`.
    pub from: String,
    /// Timeout for each SMTP command.
    pub timeout: Duration,
}

/// Transport security towards the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Clear text. Only for a relay on the same host or a trusted network.
    None,
    /// Connect in clear text, then require the STARTTLS upgrade.
    StartTls,
    /// TLS from the first byte ("SMTPS", implicit TLS).
    Tls,
}

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

/// The mail configuration could not be understood. Never contains the password.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("the mail URL is not a valid URL")]
    InvalidUrl,
    #[error("unsupported mail URL scheme {0:?} (use smtp or smtps)")]
    Scheme(String),
    #[error("the mail URL has no host")]
    MissingHost,
    #[error("invalid value for mail URL parameter {0}")]
    Parameter(&'static str),
    #[error("unknown mail URL parameter {0:?}")]
    UnknownParameter(String),
    #[error("a password in the mail URL needs a user name")]
    PasswordWithoutUser,
    #[error("the sender is not a valid mailbox (e.g. `Bürgerbüro <noreply@example.org>`)")]
    From,
    #[error("TLS towards the SMTP server could not be set up")]
    Tls,
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

impl SmtpConfig {
    /// Parses an `smtp://` or `smtps://` URL (format in the module documentation).
    pub fn from_url(value: &str, from: &str) -> Result<SmtpConfig, ConfigError> {
        let url = url::Url::parse(value.trim()).map_err(|_| ConfigError::InvalidUrl)?;
        let mut tls = match url.scheme() {
            "smtp" => SmtpTls::StartTls,
            "smtps" => SmtpTls::Tls,
            other => return Err(ConfigError::Scheme(other.to_owned())),
        };
        let mut timeout = DEFAULT_TIMEOUT;
        for (key, val) in url.query_pairs() {
            match key.as_ref() {
                "tls" => {
                    tls = match (tls, val.as_ref()) {
                        (SmtpTls::Tls, "tls") => SmtpTls::Tls,
                        (SmtpTls::Tls, _) => return Err(ConfigError::Parameter("tls")),
                        (_, "starttls") => SmtpTls::StartTls,
                        (_, "none") => SmtpTls::None,
                        _ => return Err(ConfigError::Parameter("tls")),
                    }
                }
                "timeout" => {
                    let secs: u64 = val.parse().map_err(|_| ConfigError::Parameter("timeout"))?;
                    if secs == 0 {
                        return Err(ConfigError::Parameter("timeout"));
                    }
                    timeout = Duration::from_secs(secs);
                }
                other => return Err(ConfigError::UnknownParameter(other.to_owned())),
            }
        }
        let host = match url.host_str() {
            Some(h) if !h.is_empty() => h.trim_start_matches('[').trim_end_matches(']').to_owned(),
            _ => return Err(ConfigError::MissingHost),
        };
        let port = url.port().unwrap_or(match tls {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        });
        let username = Some(decode(url.username())).filter(|u| !u.is_empty());
        let password = url.password().map(|p| Secret::new(decode(p)));
        if password.is_some() && username.is_none() {
            return Err(ConfigError::PasswordWithoutUser);
        }
        parse_mailbox(from)?;
        Ok(SmtpConfig { host, port, tls, username, password, from: from.trim().to_owned(), timeout })
    }

    /// The sender as a parsed mailbox.
    pub fn from_mailbox(&self) -> Result<Mailbox, ConfigError> {
        parse_mailbox(&self.from)
    }
}

fn parse_mailbox(from: &str) -> Result<Mailbox, ConfigError> {
    from.trim().parse().map_err(|_| ConfigError::From)
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM: &str = "Bürgerbüro Musterstadt <noreply@musterstadt.de>";

    #[test]
    fn parses_starttls_with_credentials() {
        let c = SmtpConfig::from_url(
            "smtp://noreply%40musterstadt.de:ge%3Aheim@mail.example.org?tls=starttls&timeout=10",
            FROM,
        )
        .unwrap();
        assert_eq!(c.host, "mail.example.org");
        assert_eq!(c.port, 587);
        assert_eq!(c.tls, SmtpTls::StartTls);
        assert_eq!(c.username.as_deref(), Some("noreply@musterstadt.de"));
        assert_eq!(c.password.as_ref().map(Secret::expose), Some("ge:heim"));
        assert_eq!(c.timeout, Duration::from_secs(10));
        assert_eq!(c.from_mailbox().unwrap().email.to_string(), "noreply@musterstadt.de");
    }

    #[test]
    fn defaults_follow_the_scheme() {
        let plain = SmtpConfig::from_url("smtp://localhost?tls=none", FROM).unwrap();
        assert_eq!((plain.port, plain.tls, plain.username), (25, SmtpTls::None, None));
        let smtps = SmtpConfig::from_url("smtps://relay.example.org", FROM).unwrap();
        assert_eq!((smtps.port, smtps.tls), (465, SmtpTls::Tls));
        let custom = SmtpConfig::from_url("smtp://relay.example.org:2525", FROM).unwrap();
        assert_eq!((custom.port, custom.tls, custom.timeout), (2525, SmtpTls::StartTls, DEFAULT_TIMEOUT));
    }

    #[test]
    fn rejects_what_it_does_not_understand() {
        let err = |url: &str| SmtpConfig::from_url(url, FROM).unwrap_err();
        assert_eq!(err("http://mail.example.org"), ConfigError::Scheme("http".into()));
        assert_eq!(err("smtp://mail.example.org?tls=maybe"), ConfigError::Parameter("tls"));
        assert_eq!(err("smtps://mail.example.org?tls=none"), ConfigError::Parameter("tls"));
        assert_eq!(err("smtp://mail.example.org?timeout=0"), ConfigError::Parameter("timeout"));
        assert_eq!(err("smtp://mail.example.org?tsl=none"), ConfigError::UnknownParameter("tsl".into()));
        assert_eq!(err("smtp://:secret@mail.example.org"), ConfigError::PasswordWithoutUser);
        assert_eq!(err("not a url"), ConfigError::InvalidUrl);
        assert!(SmtpConfig::from_url("smtp://mail.example.org", "no mailbox").is_err());
    }

    #[test]
    fn hold_or_url() {
        assert!(matches!(DeliveryMode::parse("hold", FROM), Ok(DeliveryMode::Hold)));
        assert!(matches!(DeliveryMode::parse("smtp://localhost", FROM), Ok(DeliveryMode::Smtp(_))));
    }

    #[test]
    fn debug_hides_the_password() {
        let c = SmtpConfig::from_url("smtp://user:hunter2@mail.example.org", FROM).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("***"));
    }
}
