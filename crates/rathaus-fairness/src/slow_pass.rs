//! The path without JavaScript: instead of a proof of work, the form carries a signed pass
//! issued when the page was rendered, and the server accepts it only after a minimum wait.
//! A person filling in the page takes that long anyway; a bot has to wait too, per
//! attempt, since each pass works once (the caller records [`Passed::replay_key`]).
//!
//! Format: `<issued_at>.<nonce>.<hmac(purpose|issued_at|nonce)>`.

use crate::mac::{SecretKey, random_hex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PassError {
    #[error("pass-invalid")]
    Invalid,
    #[error("pass-expired")]
    Expired,
    /// Submitted before the minimum wait: try again in `retry_after_s` seconds.
    #[error("pass-too-early")]
    TooEarly { retry_after_s: u64 },
}

fn message(purpose: &str, issued_at: i64, nonce: &str) -> String {
    format!("{purpose}|{issued_at}|{nonce}")
}

/// A pass for `purpose` (e.g. `hold`) issued at `now`.
pub fn issue(key: &SecretKey, now: i64, purpose: &str) -> String {
    let nonce = random_hex(12);
    format!("{now}.{nonce}.{}", key.sign(message(purpose, now, &nonce).as_bytes()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passed {
    nonce: String,
    /// When the pass stops being accepted.
    pub expires_at: i64,
}

impl Passed {
    pub fn replay_key(&self) -> String {
        format!("pass:{}", self.nonce)
    }
}

/// Accepts a pass for `purpose` at `now` if it is at least `min_wait_s` and at most
/// `max_age_s` old.
pub fn check(
    token: &str,
    key: &SecretKey,
    now: i64,
    purpose: &str,
    min_wait_s: u64,
    max_age_s: u64,
) -> Result<Passed, PassError> {
    let mut parts = token.trim().split('.');
    let (Some(issued), Some(nonce), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(PassError::Invalid);
    };
    let issued_at: i64 = issued.parse().map_err(|_| PassError::Invalid)?;
    if nonce.len() != 24 || !key.verify(message(purpose, issued_at, nonce).as_bytes(), signature) {
        return Err(PassError::Invalid);
    }
    let age = now.saturating_sub(issued_at);
    let (min, max) = (i64::try_from(min_wait_s).unwrap_or(i64::MAX), i64::try_from(max_age_s).unwrap_or(i64::MAX));
    if age < min {
        return Err(PassError::TooEarly { retry_after_s: u64::try_from(min - age).unwrap_or(1) });
    }
    if age > max {
        return Err(PassError::Expired);
    }
    Ok(Passed { nonce: nonce.to_owned(), expires_at: issued_at.saturating_add(max) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_works_only_in_its_window_and_for_its_purpose() {
        let key = SecretKey::from_bytes([1; 32]);
        let pass = issue(&key, 1_000, "hold");
        assert_eq!(check(&pass, &key, 1_005, "hold", 20, 600), Err(PassError::TooEarly { retry_after_s: 15 }));
        let ok = check(&pass, &key, 1_020, "hold", 20, 600).unwrap();
        assert_eq!(ok.expires_at, 1_600);
        assert!(ok.replay_key().starts_with("pass:"));
        assert!(check(&pass, &key, 1_600, "hold", 20, 600).is_ok());
        assert_eq!(check(&pass, &key, 1_601, "hold", 20, 600), Err(PassError::Expired));
        assert_eq!(check(&pass, &key, 1_020, "lottery", 20, 600), Err(PassError::Invalid));
        assert_eq!(check(&pass, &SecretKey::from_bytes([2; 32]), 1_020, "hold", 20, 600), Err(PassError::Invalid));
        let forged = pass.replacen("1000", "900", 1);
        assert_eq!(check(&forged, &key, 1_020, "hold", 20, 600), Err(PassError::Invalid));
        for bad in ["", "1.2", "a.b.c", "1.2.3.4"] {
            assert_eq!(check(bad, &key, 1_020, "hold", 0, 600), Err(PassError::Invalid), "{bad}");
        }
    }
}
