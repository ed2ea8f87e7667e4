//! Stop words (German and English), read from `lexicon/stopwords.txt`, folded.

use super::fold::fold;
use std::collections::HashSet;

const BUILTIN: &str = include_str!("../../lexicon/stopwords.txt");

#[derive(Debug, Clone)]
pub struct StopWords(HashSet<String>);

impl Default for StopWords {
    fn default() -> Self {
        Self::parse(BUILTIN)
    }
}

impl StopWords {
    /// Whitespace-separated words; `#` starts a comment.
    pub fn parse(text: &str) -> Self {
        let words = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or(""))
            .flat_map(|line| line.split_whitespace())
            .map(fold)
            .filter(|w| !w.is_empty())
            .collect();
        Self(words)
    }

    pub fn contains(&self, folded_word: &str) -> bool {
        self.0.contains(folded_word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_is_folded_and_keeps_domain_words() {
        let stop = StopWords::default();
        for w in ["ich", "mochte", "fur", "the", "my", "an", "ab", "um"] {
            assert!(stop.contains(w), "{w}");
        }
        for w in ["id", "neu", "weg", "online", "pass", "kind"] {
            assert!(!stop.contains(w), "{w}");
        }
    }
}
