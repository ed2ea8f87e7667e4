//! Password hashing with Argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane).

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
};
use rathaus_domain::NewPassword;

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &NewPassword) -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    let salt = SaltString::encode_b64(&bytes).expect("16 bytes is a valid salt length");
    hasher()
        .hash_password(password.expose().as_bytes(), &salt)
        .expect("hashing with valid parameters cannot fail")
        .to_string()
}

/// Whether `candidate` matches the stored PHC string. A malformed hash never matches.
pub fn verify(candidate: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| hasher().verify_password(candidate.as_bytes(), &parsed).is_ok())
}

/// Spends the time of one verification, so a login for an unknown account takes as long
/// as one with a wrong password (no account enumeration by timing).
pub fn verify_dummy(candidate: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash(&NewPassword::parse("dummy password for timing").expect("valid")));
    let _ = verify(candidate, stored);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let h = hash(&NewPassword::parse("korrekt Pferd Batterie").unwrap());
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("korrekt Pferd Batterie", &h));
        assert!(!verify("korrekt Pferd Batteri", &h));
        assert!(!verify("x", "not a hash"));
    }
}
