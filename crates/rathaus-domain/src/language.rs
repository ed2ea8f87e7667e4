//! UI languages. German is the default and always enabled; English comes alongside.

use crate::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    De,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::De, Language::En];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let primary = input.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "de" => Ok(Language::De),
            "en" => Ok(Language::En),
            _ => Err(Invalid::new("language")),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }

    /// The language's name in itself, as shown in a language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::De => "Deutsch",
            Language::En => "English",
        }
    }

    /// Parses a stored list such as "de,en". German is always included.
    pub fn parse_list(input: &str) -> Result<Vec<Language>, Invalid> {
        let mut out = vec![Language::De];
        for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let lang = Language::parse(part)?;
            if !out.contains(&lang) {
                out.push(lang);
            }
        }
        Ok(out)
    }

    pub fn format_list(langs: &[Language]) -> String {
        langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(",")
    }

    /// Picks the best enabled language from an `Accept-Language` header.
    pub fn negotiate(accept_language: &str, enabled: &[Language]) -> Option<Language> {
        let mut ranked: Vec<(f32, Language)> = accept_language
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let lang = Language::parse(it.next()?).ok()?;
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
                (q > 0.0 && enabled.contains(&lang)).then_some((q, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, l)| *l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality() {
        let both = [Language::De, Language::En];
        assert_eq!(Language::negotiate("en-GB,en;q=0.9,de;q=0.8", &both), Some(Language::En));
        assert_eq!(Language::negotiate("fr,de;q=0.5,en;q=0.4", &both), Some(Language::De));
        assert_eq!(Language::negotiate("en", &[Language::De]), None);
        assert_eq!(Language::negotiate("", &both), None);
    }

    #[test]
    fn lists_always_contain_german() {
        assert_eq!(Language::parse_list("en").unwrap(), vec![Language::De, Language::En]);
        assert_eq!(Language::format_list(&Language::parse_list("de, en, de").unwrap()), "de,en");
        assert!(Language::parse_list("de,xx").is_err());
    }
}
