//! The sixteen German federal states (Länder). Public holidays depend on them.

use crate::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FederalState {
    #[serde(rename = "SH")]
    SchleswigHolstein,
    #[serde(rename = "HH")]
    Hamburg,
    #[serde(rename = "NI")]
    Niedersachsen,
    #[serde(rename = "HB")]
    Bremen,
    #[serde(rename = "NW")]
    NordrheinWestfalen,
    #[serde(rename = "HE")]
    Hessen,
    #[serde(rename = "RP")]
    RheinlandPfalz,
    #[serde(rename = "BW")]
    BadenWuerttemberg,
    #[serde(rename = "BY")]
    Bayern,
    #[serde(rename = "SL")]
    Saarland,
    #[serde(rename = "BE")]
    Berlin,
    #[serde(rename = "BB")]
    Brandenburg,
    #[serde(rename = "MV")]
    MecklenburgVorpommern,
    #[serde(rename = "SN")]
    Sachsen,
    #[serde(rename = "ST")]
    SachsenAnhalt,
    #[serde(rename = "TH")]
    Thueringen,
}

use FederalState::*;

/// In the order of their AGS prefix 01..16.
pub const ALL: [FederalState; 16] = [
    SchleswigHolstein,
    Hamburg,
    Niedersachsen,
    Bremen,
    NordrheinWestfalen,
    Hessen,
    RheinlandPfalz,
    BadenWuerttemberg,
    Bayern,
    Saarland,
    Berlin,
    Brandenburg,
    MecklenburgVorpommern,
    Sachsen,
    SachsenAnhalt,
    Thueringen,
];

impl FederalState {
    pub fn all() -> &'static [FederalState] {
        &ALL
    }

    /// The ISO 3166-2:DE suffix, e.g. "NW"; this is what storage keeps.
    pub fn code(self) -> &'static str {
        match self {
            SchleswigHolstein => "SH",
            Hamburg => "HH",
            Niedersachsen => "NI",
            Bremen => "HB",
            NordrheinWestfalen => "NW",
            Hessen => "HE",
            RheinlandPfalz => "RP",
            BadenWuerttemberg => "BW",
            Bayern => "BY",
            Saarland => "SL",
            Berlin => "BE",
            Brandenburg => "BB",
            MecklenburgVorpommern => "MV",
            Sachsen => "SN",
            SachsenAnhalt => "ST",
            Thueringen => "TH",
        }
    }

    /// The German name, which is also the official name in English texts.
    pub fn name(self) -> &'static str {
        match self {
            SchleswigHolstein => "Schleswig-Holstein",
            Hamburg => "Hamburg",
            Niedersachsen => "Niedersachsen",
            Bremen => "Bremen",
            NordrheinWestfalen => "Nordrhein-Westfalen",
            Hessen => "Hessen",
            RheinlandPfalz => "Rheinland-Pfalz",
            BadenWuerttemberg => "Baden-Württemberg",
            Bayern => "Bayern",
            Saarland => "Saarland",
            Berlin => "Berlin",
            Brandenburg => "Brandenburg",
            MecklenburgVorpommern => "Mecklenburg-Vorpommern",
            Sachsen => "Sachsen",
            SachsenAnhalt => "Sachsen-Anhalt",
            Thueringen => "Thüringen",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Invalid> {
        ALL.iter().copied().find(|s| s.code().eq_ignore_ascii_case(code.trim())).ok_or(Invalid::new("federal-state"))
    }

    pub fn from_ags_prefix(prefix: &str) -> Option<Self> {
        let n: usize = prefix.parse().ok()?;
        ALL.get(n.checked_sub(1)?).copied()
    }

    pub fn ags_prefix(self) -> String {
        let index = ALL.iter().position(|s| *s == self).expect("listed");
        format!("{:02}", index + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for state in ALL {
            assert_eq!(FederalState::parse(state.code()).unwrap(), state);
            assert_eq!(FederalState::from_ags_prefix(&state.ags_prefix()), Some(state));
        }
        assert!(FederalState::parse("XX").is_err());
    }
}
