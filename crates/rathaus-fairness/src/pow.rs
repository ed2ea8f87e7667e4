//! Proof of work in the format of ALTCHA (altcha.org, protocol v1), so the browser side is
//! a few lines of Web Crypto and no third-party service is involved:
//!
//! * **Challenge** (JSON, embedded in the form): `{"algorithm": "SHA-256", "challenge":
//!   hex(SHA-256(salt ‖ number)), "maxnumber": N, "salt": "<random>?expires=<unix s>",
//!   "signature": hex(HMAC-SHA256(key, challenge))}` with a secret `number` in `0..=N`.
//! * **Solution** (the form field `altcha`): base64 of `{"algorithm", "challenge",
//!   "number", "salt", "signature"}`.
//! * **Verification** ([`verify`]): the signature proves we issued the challenge (no state
//!   needed), the hash proves the work, the salt's `expires` bounds its life. A solution is
//!   single-use: the caller records [`Verified::replay_key`] (a unique key in the
//!   database) and refuses it a second time.
//!
//! The expected work is `N / 2` hashes: at N = 50 000 about half a second in a browser.

use crate::mac::{SecretKey, random_hex};
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "SHA-256";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub algorithm: String,
    pub challenge: String,
    pub maxnumber: u64,
    pub salt: String,
    pub signature: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PowError {
    /// Not a solution we issued (malformed, wrong signature, wrong hash, other algorithm).
    #[error("pow-invalid")]
    Invalid,
    #[error("pow-expired")]
    Expired,
}

impl PowError {
    /// Stable code for translations.
    pub fn code(self) -> &'static str {
        match self {
            PowError::Invalid => "pow-invalid",
            PowError::Expired => "pow-expired",
        }
    }
}

fn hash_hex(salt: &str, number: u64) -> String {
    hex::encode(Sha256::digest(format!("{salt}{number}").as_bytes()))
}

/// A uniform number in `0..=max` from the OS random source.
fn secret_number(max: u64) -> u64 {
    let mut buf = [0u8; 8];
    getrandom::fill(&mut buf).unwrap_or_else(|e| panic!("the OS random source failed: {e}"));
    let span = max.saturating_add(1);
    // Rejection sampling would be exact; the bias of a modulo over 2^64 is below 2^-40 here.
    if span == 0 { u64::from_le_bytes(buf) } else { u64::from_le_bytes(buf) % span }
}

impl Challenge {
    /// A fresh challenge of difficulty `max_number`, valid until `expires_at` (Unix seconds).
    pub fn create(key: &SecretKey, max_number: u64, expires_at: i64) -> Self {
        let salt = format!("{}?expires={expires_at}", random_hex(12));
        Self::with(key, max_number, salt, secret_number(max_number))
    }

    fn with(key: &SecretKey, max_number: u64, salt: String, number: u64) -> Self {
        let challenge = hash_hex(&salt, number);
        Challenge {
            algorithm: ALGORITHM.to_owned(),
            signature: key.sign(challenge.as_bytes()),
            challenge,
            maxnumber: max_number,
            salt,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[derive(Debug, Deserialize)]
struct Payload {
    algorithm: String,
    challenge: String,
    number: u64,
    salt: String,
    signature: String,
}

/// A checked solution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    challenge: String,
    expires_at: i64,
}

impl Verified {
    /// What to record so the solution works once.
    pub fn replay_key(&self) -> String {
        format!("pow:{}", self.challenge)
    }

    /// Until when the key must be remembered (afterwards the solution is expired anyway).
    pub fn expires_at(&self) -> i64 {
        self.expires_at
    }
}

/// The `expires` parameter of a salt.
fn expiry(salt: &str) -> Option<i64> {
    let (_, query) = salt.split_once('?')?;
    query.split('&').find_map(|p| p.strip_prefix("expires=")).and_then(|v| v.parse().ok())
}

/// Checks a solution (the base64 form value) at `now` (Unix seconds).
pub fn verify(payload_b64: &str, key: &SecretKey, now: i64) -> Result<Verified, PowError> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(payload_b64.trim()).map_err(|_| PowError::Invalid)?;
    let p: Payload = serde_json::from_slice(&bytes).map_err(|_| PowError::Invalid)?;
    if p.algorithm != ALGORITHM || !key.verify(p.challenge.as_bytes(), &p.signature) {
        return Err(PowError::Invalid);
    }
    if hash_hex(&p.salt, p.number) != p.challenge {
        return Err(PowError::Invalid);
    }
    let expires_at = expiry(&p.salt).ok_or(PowError::Invalid)?;
    if expires_at < now {
        return Err(PowError::Expired);
    }
    Ok(Verified { challenge: p.challenge, expires_at })
}

/// Finds the number of a challenge by brute force, as the browser does (for tests and the
/// benchmark's client).
pub fn solve(c: &Challenge) -> Option<String> {
    let number = (0..=c.maxnumber).find(|n| hash_hex(&c.salt, *n) == c.challenge)?;
    let payload = serde_json::json!({
        "algorithm": c.algorithm, "challenge": c.challenge, "number": number, "salt": c.salt, "signature": c.signature,
    });
    Some(base64::engine::general_purpose::STANDARD.encode(payload.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SecretKey {
        SecretKey::from_bytes([7; 32])
    }

    fn payload(c: &Challenge, number: u64, salt: &str, signature: &str, algorithm: &str) -> String {
        let json = serde_json::json!({"algorithm": algorithm, "challenge": c.challenge, "number": number, "salt": salt, "signature": signature});
        base64::engine::general_purpose::STANDARD.encode(json.to_string())
    }

    #[test]
    fn a_solved_challenge_verifies_once_per_key() {
        let c = Challenge::create(&key(), 500, 1_000);
        let solution = solve(&c).unwrap();
        let v = verify(&solution, &key(), 999).unwrap();
        assert_eq!(v.expires_at(), 1_000);
        assert!(v.replay_key().starts_with("pow:"));
        assert_eq!(verify(&solution, &key(), 1_001), Err(PowError::Expired));
        assert_eq!(verify(&solution, &SecretKey::from_bytes([8; 32]), 999), Err(PowError::Invalid));
    }

    #[test]
    fn tampering_is_refused() {
        let c = Challenge::with(&key(), 100, "abc?expires=1000".into(), 42);
        let good = payload(&c, 42, &c.salt, &c.signature, ALGORITHM);
        assert!(verify(&good, &key(), 0).is_ok());
        for bad in [
            payload(&c, 43, &c.salt, &c.signature, ALGORITHM),
            payload(&c, 42, "abc?expires=9999", &c.signature, ALGORITHM),
            payload(&c, 42, &c.salt, &"0".repeat(64), ALGORITHM),
            payload(&c, 42, &c.salt, &c.signature, "SHA-1"),
            "not base64!".to_owned(),
            base64::engine::general_purpose::STANDARD.encode("{}"),
            String::new(),
        ] {
            assert_eq!(verify(&bad, &key(), 0), Err(PowError::Invalid), "{bad}");
        }
        let no_expiry = Challenge::with(&key(), 100, "abc".into(), 1);
        assert_eq!(verify(&solve(&no_expiry).unwrap(), &key(), 0), Err(PowError::Invalid));
    }

    #[test]
    fn the_challenge_json_has_the_altcha_fields() {
        let json: serde_json::Value = serde_json::from_str(&Challenge::create(&key(), 10, 5).to_json()).unwrap();
        for field in ["algorithm", "challenge", "maxnumber", "salt", "signature"] {
            assert!(json.get(field).is_some(), "{field}");
        }
        assert_eq!(json["algorithm"], "SHA-256");
        assert!(json["salt"].as_str().unwrap().ends_with("?expires=5"));
    }
}
