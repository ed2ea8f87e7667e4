//! The fairness guard in front of holds and lottery entries, and the availability API's
//! rate limit.
//!
//! A request to hold a time passes when
//! 1. its client is within the rate limit (per address, behind trusted proxies the
//!    forwarded address; IPv6 by /64), and
//! 2. it carries a solved proof of work (`altcha`, filled in by `pow.js`) or, without
//!    JavaScript, a pass (`pass`) issued with the page at least `slow_pass_wait_secs` ago;
//! 3. that proof or pass was not used before – spent in the database
//!    (`rathaus_db::spent_tokens`), so each works once across all nodes.
//!
//! The HMAC key is the installation secret `booking-pow`, shared by all nodes through the
//! database and loaded on first use.

use crate::i18n::Tr;
use jiff::Timestamp;
use rathaus_db::{DatabaseConnection, installation_secrets, spent_tokens};
use rathaus_fairness::pow::{self, Challenge};
use rathaus_fairness::rate::{ClientKey, RateLimiter, client_key};
use rathaus_fairness::{SecretKey, slow_pass};
use std::net::IpAddr;
use tokio::sync::OnceCell;

/// The pass's purpose (a pass for one form is no good for another).
const PURPOSE: &str = "booking";
/// How long a challenge or pass stays valid.
const VALID_SECS: i64 = 30 * 60;
/// Clients tracked per limiter.
const MAX_CLIENTS: usize = 100_000;

/// Settings of the guard (see `rathaus serve --help` for their variables).
#[derive(Debug, Clone)]
pub struct GuardConfig {
    /// Difficulty: the proof of work searches up to this number (0: no proof of work, the
    /// pass alone).
    pub pow_max_number: u64,
    /// Seconds a form without JavaScript must be open before a hold is accepted.
    pub slow_pass_wait_secs: u64,
    /// Holds and lottery entries per client and minute (0: unlimited), with a burst.
    pub holds_per_minute: u32,
    pub holds_burst: u32,
    /// Availability API requests per client and minute (0: unlimited), with a burst.
    pub api_per_minute: u32,
    pub api_burst: u32,
}

impl Default for GuardConfig {
    fn default() -> Self {
        Self {
            pow_max_number: 50_000,
            slow_pass_wait_secs: 10,
            holds_per_minute: 10,
            holds_burst: 5,
            api_per_minute: 600,
            api_burst: 120,
        }
    }
}

/// What a form needs to pass the guard: the challenge (JSON) and the pass.
#[derive(Debug, Clone, Default)]
pub struct FairnessFields {
    pub challenge: String,
    pub pass: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooMany { retry_after: u64 },
    TooEarly { seconds: u64 },
    Invalid,
}

impl Refusal {
    pub fn message(&self, tr: Tr) -> String {
        match self {
            Refusal::TooMany { .. } => tr.t("booking-error-too-many"),
            Refusal::TooEarly { seconds } => tr.t_with("booking-error-too-early", &[("seconds", seconds.to_string())]),
            Refusal::Invalid => tr.t("booking-error-pow"),
        }
    }
}

pub struct Guard {
    config: GuardConfig,
    db: DatabaseConnection,
    key: OnceCell<SecretKey>,
    holds: RateLimiter<ClientKey>,
    api: RateLimiter<ClientKey>,
}

impl Guard {
    pub fn new(db: DatabaseConnection, config: GuardConfig) -> Self {
        Self {
            holds: RateLimiter::new(config.holds_per_minute, config.holds_burst, MAX_CLIENTS),
            api: RateLimiter::new(config.api_per_minute, config.api_burst, MAX_CLIENTS),
            key: OnceCell::new(),
            db,
            config,
        }
    }

    async fn key(&self) -> Option<&SecretKey> {
        let key = self
            .key
            .get_or_try_init(|| async {
                installation_secrets::get_or_create(&self.db, "booking-pow").await.map(SecretKey::from_bytes)
            })
            .await;
        match key {
            Ok(k) => Some(k),
            Err(e) => {
                tracing::error!(error = %e, "proof-of-work key unavailable");
                None
            }
        }
    }

    /// Fresh fields for a form rendered at `now`. Without the key (database down) the form
    /// gets none and holds are refused until it is back.
    pub async fn fields(&self, now: Timestamp) -> FairnessFields {
        let Some(key) = self.key().await else { return FairnessFields::default() };
        let s = now.as_second();
        let challenge = if self.config.pow_max_number > 0 {
            Challenge::create(key, self.config.pow_max_number, s + VALID_SECS).to_json()
        } else {
            String::new()
        };
        FairnessFields { challenge, pass: slow_pass::issue(key, s, PURPOSE) }
    }

    /// Whether a hold (or lottery entry) from `client` with these fields may proceed.
    pub async fn admit(&self, client: IpAddr, altcha: &str, pass: &str, now: Timestamp) -> Result<(), Refusal> {
        self.holds
            .check(&client_key(client), now.as_millisecond())
            .map_err(|r| Refusal::TooMany { retry_after: r.0 })?;
        let key = self.key().await.ok_or(Refusal::Invalid)?;
        let s = now.as_second();
        let (replay_key, expires_at) = if !altcha.trim().is_empty() {
            let v = pow::verify(altcha, key, s).map_err(|_| Refusal::Invalid)?;
            (v.replay_key(), v.expires_at())
        } else {
            let wait = self.config.slow_pass_wait_secs;
            let max_age = u64::try_from(VALID_SECS).unwrap_or(1800);
            let p = slow_pass::check(pass, key, s, PURPOSE, wait, max_age).map_err(|e| match e {
                slow_pass::PassError::TooEarly { retry_after_s } => Refusal::TooEarly { seconds: retry_after_s },
                _ => Refusal::Invalid,
            })?;
            (p.replay_key(), p.expires_at)
        };
        match spent_tokens::spend(&self.db, &replay_key, expires_at).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(Refusal::Invalid),
            Err(e) => {
                tracing::error!(error = %e, "spending a proof failed");
                Err(Refusal::Invalid)
            }
        }
    }

    /// The availability API's limit for `client`: `Err(seconds)` to wait.
    pub fn check_api(&self, client: IpAddr, now: Timestamp) -> Result<(), u64> {
        self.api.check(&client_key(client), now.as_millisecond()).map_err(|r| r.0)
    }
}
