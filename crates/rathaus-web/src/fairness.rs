//! PLACEHOLDER: the fairness guard (rate limits, proof of work, no-JavaScript pass) is
//! completed when rathaus-fairness lands.

use crate::i18n::Tr;
use jiff::Timestamp;
use rathaus_db::DatabaseConnection;
use std::net::IpAddr;

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

#[derive(Default)]
pub struct Guard {}

impl Guard {
    pub fn fields(&self, _now: Timestamp) -> FairnessFields {
        FairnessFields::default()
    }

    pub async fn admit(
        &self,
        _db: &DatabaseConnection,
        _client: IpAddr,
        _altcha: &str,
        _pass: &str,
        _now: Timestamp,
    ) -> Result<(), Refusal> {
        Ok(())
    }
}
