//! Bilingual values: every text a citizen reads exists in German and English.
//!
//! A missing language deserialises as empty, so that [`crate::Catalog::validate`] can name
//! the exact path of the missing translation instead of failing the whole document.

use rathaus_domain::Language;
use serde::{Deserialize, Serialize};

/// A text in German and English. Plain text; paragraphs are separated by a blank line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub de: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl Text {
    pub fn new(de: impl Into<String>, en: impl Into<String>) -> Self {
        Self { de: de.into(), en: en.into() }
    }

    /// The text in `lang`; German when the other language is missing.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.de,
        }
    }

    pub fn slot(&self, lang: Language) -> &String {
        match lang {
            Language::De => &self.de,
            Language::En => &self.en,
        }
    }

    pub fn slot_mut(&mut self, lang: Language) -> &mut String {
        match lang {
            Language::De => &mut self.de,
            Language::En => &mut self.en,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.de.trim().is_empty() && self.en.trim().is_empty()
    }
}

/// A list of short texts per language (documents to bring, keywords, phrasings).
/// The two lists need not have the same length unless the field says so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub de: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

impl TextList {
    /// The list in `lang`; the German one when the other language is empty.
    pub fn get(&self, lang: Language) -> &[String] {
        match lang {
            Language::En if !self.en.is_empty() => &self.en,
            _ => &self.de,
        }
    }

    pub fn slot(&self, lang: Language) -> &Vec<String> {
        match lang {
            Language::De => &self.de,
            Language::En => &self.en,
        }
    }

    pub fn slot_mut(&mut self, lang: Language) -> &mut Vec<String> {
        match lang {
            Language::De => &mut self.de,
            Language::En => &mut self.en,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.de.is_empty() && self.en.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_german() {
        let t = Text::new("Ausweis", "");
        assert_eq!(t.get(Language::En), "Ausweis");
        assert_eq!(Text::new("Ausweis", "ID card").get(Language::En), "ID card");
    }
}
