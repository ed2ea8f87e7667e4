//! Settings of the web layer, filled by the binary from its command line and environment
//! (see `rathaus serve --help`; every flag also reads a `RATHAUS_…` variable).

use rathaus_mail::DeliveryMode;
use std::net::IpAddr;

#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Demo/development mode: e-mails stay in the outbox, demo logins are shown.
    pub demo: bool,
    /// How long a staff session lasts without activity, in seconds.
    pub session_ttl_secs: i64,
    /// Failed logins allowed per account or client address within `login_window_secs`.
    pub login_max_failures: u64,
    pub login_window_secs: i64,
    /// Reverse proxies whose `X-Forwarded-For` is believed. Empty: the socket peer counts.
    pub trusted_proxies: Vec<IpAddr>,
    /// How e-mail leaves the system: kept in the outbox (`Hold`) or sent over SMTP.
    pub mail: DeliveryMode,
    /// Largest accepted request body, in bytes.
    pub max_body_bytes: usize,
    /// How citizens' appointment notifications leave the system (e-mail as `mail`, SMS).
    pub notifier: rathaus_appointments::Notifier,
    /// Rate limits and proof of work in front of holds (see `crate::fairness`).
    pub guard: crate::fairness::GuardConfig,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            demo: false,
            session_ttl_secs: 8 * 3600,
            login_max_failures: 5,
            login_window_secs: 15 * 60,
            trusted_proxies: Vec::new(),
            mail: DeliveryMode::Hold,
            max_body_bytes: 2 * 1024 * 1024,
            notifier: rathaus_appointments::Notifier::held(),
            guard: crate::fairness::GuardConfig::default(),
        }
    }
}
