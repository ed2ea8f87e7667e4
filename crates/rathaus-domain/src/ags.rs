//! Amtlicher Gemeindeschlüssel (AGS): the official 8-digit municipality key.
//! Digits 1–2 are the federal state (01–16), 3 the government region, 4–5 the district,
//! 6–8 the municipality.

use crate::{FederalState, Invalid};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Ags(String);

impl Ags {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::new("ags-format"));
        }
        if FederalState::from_ags_prefix(&s[..2]).is_none() {
            return Err(Invalid::new("ags-state"));
        }
        Ok(Self(s))
    }

    /// The federal state encoded in the first two digits.
    pub fn federal_state(&self) -> FederalState {
        FederalState::from_ags_prefix(&self.0[..2]).expect("checked in parse")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_keys() {
        let berlin = Ags::parse("11000000").unwrap();
        assert_eq!(berlin.federal_state(), FederalState::Berlin);
        assert_eq!(Ags::parse(" 09 162 000 ").unwrap().as_str(), "09162000");
    }

    #[test]
    fn rejects_malformed_keys() {
        assert_eq!(Ags::parse("1100000").unwrap_err().code, "ags-format");
        assert_eq!(Ags::parse("1100000x").unwrap_err().code, "ags-format");
        assert_eq!(Ags::parse("17000000").unwrap_err().code, "ags-state");
        assert_eq!(Ags::parse("00000000").unwrap_err().code, "ags-state");
    }
}
