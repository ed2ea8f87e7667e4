//! A new password chosen by a staff member. We follow NIST SP 800-63B: length matters,
//! composition rules do not; the obviously guessable are refused.

use crate::Invalid;

pub struct NewPassword(String);

/// Passwords so common that attackers try them first.
const DENYLIST: &[&str] = &[
    "passwort123",
    "password123",
    "123456789012",
    "qwertzuiopü",
    "musterstadt1",
    "hallo1234567",
    "sommer2024!!",
    "passwortpasswort",
    "000000000000",
    "111111111111",
];

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let n = input.chars().count();
        if n < Self::MIN_CHARS {
            return Err(Invalid::new("password-short"));
        }
        if n > Self::MAX_CHARS {
            return Err(Invalid::new("password-long"));
        }
        let lower = input.to_lowercase();
        let first = lower.chars().next().unwrap_or(' ');
        if DENYLIST.contains(&lower.as_str()) || lower.chars().all(|c| c == first) {
            return Err(Invalid::new("password-common"));
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rules() {
        assert_eq!(NewPassword::parse("kurz").unwrap_err().code, "password-short");
        assert_eq!(NewPassword::parse("Passwort123").unwrap_err().code, "password-short");
        assert_eq!(NewPassword::parse("aaaaaaaaaaaaaaa").unwrap_err().code, "password-common");
        assert!(NewPassword::parse("korrekt Pferd Batterie").is_ok());
        assert_eq!(format!("{:?}", NewPassword::parse("korrekt Pferd Batterie").unwrap()), "NewPassword(***)");
    }
}
