//! Booking codes and tokens.
//!
//! * A **booking code** is six characters from an alphabet without look-alikes (no I, O, 0,
//!   1): 32⁶ ≈ 10⁹ codes, short enough to read out on the phone. It is unique per tenant
//!   (unique index); on the rare collision the confirmation retries with a new one.
//! * A **hold token** (128 bits) names a hold between choosing a time and confirming; a
//!   **manage token** (192 bits) lets the citizen cancel later. Both are random, handed out
//!   once and stored only as SHA-256 hashes.

use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

pub(crate) const CODE_LENGTH: usize = 6;

/// A fresh booking code (uniform: 256 is a multiple of 32).
pub(crate) fn booking_code() -> String {
    let mut buf = [0u8; CODE_LENGTH];
    getrandom::fill(&mut buf).expect("the OS random source is available");
    buf.iter().map(|b| char::from(ALPHABET[usize::from(b % 32)])).collect()
}

/// The token of a hold. Whoever has it can confirm the hold, so it is as secret as a form
/// token: carried in the citizen's form, never in a URL that is logged.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HoldId(String);

impl HoldId {
    pub(crate) fn generate() -> Self {
        Self(rathaus_db::random_token(16))
    }

    /// A token as received back from a form.
    pub fn from_token(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn hash(&self) -> String {
        rathaus_db::token_hash(&self.0)
    }
}

impl std::fmt::Debug for HoldId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HoldId(…)")
    }
}

/// The raw manage token for the citizen's cancel link: handed out once, stored only as a
/// hash. Its `Debug` hides it, so it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct ManageToken(String);

impl ManageToken {
    pub(crate) fn generate() -> Self {
        Self(rathaus_db::random_token(24))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn hash(&self) -> String {
        rathaus_db::token_hash(&self.0)
    }
}

/// A further manage link for a message written after the confirmation (a reminder, a
/// move, an office cancellation): a fresh token whose hash is recorded in the caller's
/// transaction.
pub async fn issue_link(
    db: &impl sea_orm::ConnectionTrait,
    tenant: rathaus_db::TenantId,
    appointment_id: i64,
    now_s: i64,
) -> Result<ManageToken, rathaus_db::StoreError> {
    let token = ManageToken::generate();
    rathaus_db::appointments::links::add(db, tenant, appointment_id, &token.hash(), now_s).await?;
    Ok(token)
}

impl std::fmt::Debug for ManageToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ManageToken(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_codes_use_the_unambiguous_alphabet() {
        for _ in 0..200 {
            let code = booking_code();
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|c| ALPHABET.contains(&c)), "{code}");
            assert!(!code.contains(['I', 'O', '0', '1']));
        }
    }
}
