//! German (and English) text analysis, applied alike to the catalogue and to queries:
//! [`fold`] (lower case, umlauts, punctuation), [`particles`] (separable verbs), stop
//! words, [`stem`] (Snowball German and English), and – against the catalogue's
//! vocabulary – [`compound`] splitting and [`typo`] correction. All pure functions.

pub mod compound;
pub mod fold;
pub mod particles;
pub mod stem;
pub mod stopwords;
pub mod typo;

use fold::tokenize;
use stem::Stemmers;
use stopwords::StopWords;

/// A content word of a text: folded, with the joined forms of a separable verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Forms this word also stands for ("melde … an" → `anmelde`).
    pub joined: Vec<String>,
}

impl Word {
    /// The word itself and its joined forms.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.text.as_str()).chain(self.joined.iter().map(String::as_str))
    }
}

/// A word of a text in context: stop words stay in this stream (lexicon phrases such as
/// "mich anmelden" or "neu hier" need them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub word: Word,
    pub stop: bool,
    /// Number of the clause (text between punctuation) the word is in.
    pub clause: usize,
    /// Index of a negation ("nicht", "kein", "not", "no") up to two words before, in the
    /// same clause.
    pub negated_by: Option<usize>,
}

/// Words that negate the word after them ("nicht fertig", "not valid").
pub const NEGATIONS: [&str; 13] =
    ["nicht", "kein", "keine", "keinen", "keiner", "keinem", "nichts", "nix", "nie", "niemals", "not", "no", "never"];

/// Tokeniser, stop words and stemmers: everything that does not depend on the catalogue.
#[derive(Debug, Default)]
pub struct Analyzer {
    pub stemmers: Stemmers,
    pub stop_words: StopWords,
}

impl Analyzer {
    /// The content words of `text`, in order; stop words are gone, their meaning as a
    /// separable particle is kept in the joined forms.
    pub fn words(&self, text: &str) -> Vec<Word> {
        self.tokens(text).into_iter().filter(|t| !t.stop).map(|t| t.word).collect()
    }

    /// All words of `text` in order, stop words marked, with clause numbers and negations.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let tokens = tokenize(text);
        let joined = particles::joined_forms(&tokens, |w| self.stop_words.contains(w));
        let mut clause = 0;
        let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
        for (i, (t, joined)) in tokens.into_iter().zip(joined).enumerate() {
            if t.after_boundary && i > 0 {
                clause += 1;
            }
            let negated_by = (i.saturating_sub(2)..i)
                .rev()
                .find(|&j| out[j].clause == clause && NEGATIONS.contains(&out[j].word.text.as_str()));
            let stop = self.stop_words.contains(&t.text);
            out.push(Token { word: Word { text: t.text, joined }, stop, clause, negated_by });
        }
        out
    }

    /// Stems of all forms of a word, deduplicated.
    pub fn stems(&self, word: &Word) -> Vec<String> {
        let mut stems: Vec<String> = Vec::new();
        for form in word.forms() {
            for s in self.stemmers.both(form) {
                if !stems.contains(&s) {
                    stems.push(s);
                }
            }
        }
        stems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_stop_words_but_keep_particle_meaning() {
        let a = Analyzer::default();
        let words = a.words("Ich möchte mich bitte in Musterstadt anmelden");
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["musterstadt", "anmelden"]);
        let words = a.words("ich melde mich um");
        assert_eq!(words.len(), 1);
        assert!(a.stems(&words[0]).contains(&"ummeld".to_owned()));
    }

    #[test]
    fn tokens_mark_clauses_and_negations() {
        let a = Analyzer::default();
        let tokens = a.tokens("Ausweis noch nicht fertig, aber Flug morgen");
        let fertig = tokens.iter().find(|t| t.word.text == "fertig").unwrap();
        assert_eq!(fertig.negated_by, Some(2));
        let flug = tokens.iter().find(|t| t.word.text == "flug").unwrap();
        assert_eq!(flug.negated_by, None);
        assert_eq!(flug.clause, 1);
        assert!(tokens.iter().find(|t| t.word.text == "noch").unwrap().stop);
    }
}
