//! Stemming with the Snowball German and English stemmers.
//!
//! A citizen may write German or English and the catalogue has both, so every word gets
//! both stems, in the index and in the query alike; a query word matches a catalogue word
//! when one of their stems is equal. The Snowball stemmers strip only suffixes, so the
//! separable prefixes that tell services apart survive: `anmelden` → `anmeld`,
//! `abmelden` → `abmeld`, `ummelden` → `ummeld`.

use rust_stemmers::{Algorithm, Stemmer};

pub struct Stemmers {
    german: Stemmer,
    english: Stemmer,
}

impl std::fmt::Debug for Stemmers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmers { german, english }")
    }
}

impl Default for Stemmers {
    fn default() -> Self {
        Self { german: Stemmer::create(Algorithm::German), english: Stemmer::create(Algorithm::English) }
    }
}

impl Stemmers {
    /// The German stem: the key for lexicon phrases and compound parts.
    pub fn german(&self, word: &str) -> String {
        self.german.stem(word).into_owned()
    }

    /// The distinct stems of a folded word: German first, then English if different.
    pub fn both(&self, word: &str) -> Vec<String> {
        let de = self.german.stem(word).into_owned();
        let en = self.english.stem(word);
        if en == de { vec![de] } else { vec![de, en.into_owned()] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separable_prefixes_stay_distinct() {
        let s = Stemmers::default();
        let an = s.german("anmelden");
        let ab = s.german("abmelden");
        let um = s.german("ummelden");
        assert_eq!(an, "anmeld");
        assert_eq!(ab, "abmeld");
        assert_eq!(um, "ummeld");
        assert_eq!(s.german("anmeldung"), an);
    }

    #[test]
    fn inflections_meet() {
        let s = Stemmers::default();
        assert_eq!(s.german("ausweises"), s.german("ausweis"));
        assert!(s.both("passports").contains(&"passport".to_owned()));
        assert_eq!(s.both("register")[0], "regist");
        assert!(s.both("registered").contains(&"regist".to_owned()));
    }
}
