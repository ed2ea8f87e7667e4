//! The LeiKa key (Leistungsschlüssel of the federal service catalogue, Leistungskatalog):
//! 14 digits, `^99\d{12}$` – the prefix `99`, then three digits each for the group
//! (Leistungsgruppierung), the object (Leistungsobjekt), the action (Verrichtung) and the
//! detail (Verrichtungsdetail). `99008001012000` is "Personalausweis – Ausstellung".

use rathaus_domain::Invalid;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct LeikaKey(String);

impl LeikaKey {
    /// Accepts the 14 digits, ignoring surrounding whitespace.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let s = input.trim();
        let ok = s.len() == 14 && s.starts_with("99") && s.bytes().all(|b| b.is_ascii_digit());
        if ok { Ok(Self(s.to_owned())) } else { Err(Invalid::new("leika")) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LeikaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for LeikaKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        LeikaKey::parse(&s)
            .map_err(|_| serde::de::Error::custom(format!("{s:?} is not a LeiKa key (99 and 12 digits)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_99_and_twelve_digits() {
        assert_eq!(LeikaKey::parse(" 99008001012000 ").unwrap().as_str(), "99008001012000");
        for bad in ["", "99008001012", "990080010120001", "98008001012000", "9900800101200a"] {
            assert!(LeikaKey::parse(bad).is_err(), "{bad}");
        }
    }
}
