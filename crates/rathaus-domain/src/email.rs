//! An email address, checked for a plausible shape and normalised to lower case.
//! Deliverability is proven only by sending, so we stay deliberately permissive.

use crate::Invalid;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim().to_lowercase();
        let invalid = Invalid::new("email");
        if s.is_empty() || s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(invalid.clone())?;
        let domain_ok = !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.contains('.')
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_accepts_common_addresses() {
        assert_eq!(Email::parse(" Anna.Schmidt@Musterstadt.DE ").unwrap().as_str(), "anna.schmidt@musterstadt.de");
        assert!(Email::parse("jürgen@müller-bäckerei.de").is_ok());
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in ["", "anna", "anna@", "@musterstadt.de", "anna@localhost", "a b@x.de", "a@x..de", "a@@x.de"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
