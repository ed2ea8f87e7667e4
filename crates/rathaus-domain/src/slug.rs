//! A URL- and CLI-friendly identifier: lower-case ASCII letters, digits and hyphens.

use crate::Invalid;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim();
        let ok = (2..=64).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok { Ok(Self(s.to_owned())) } else { Err(Invalid::new("slug")) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("musterstadt").is_ok());
        assert!(Slug::parse("wohnsitz-anmelden").is_ok());
        for bad in ["", "a", "Muster", "a--b", "-a", "a-", "a b", "ä"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }
}
