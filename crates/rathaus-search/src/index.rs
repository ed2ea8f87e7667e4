//! The precomputed index: everything a query needs that can be computed from the
//! catalogue alone – term and bigram postings with their BM25F scores, the vocabulary for
//! compound splitting, the typo index and the compiled lexicon. Built once
//! ([`Index::build`]), then read-only: `Send + Sync`, share it behind an `Arc`.

pub(crate) mod build;

use crate::analysis::Analyzer;
use crate::analysis::typo::TypoIndex;
use crate::params::Params;
use std::collections::{HashMap, HashSet};

/// A routable service as the index keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocInfo {
    pub id: String,
    pub department: String,
}

/// A lexicon source phrase: per word its key (German stem of a content word, the folded
/// stop word itself), and which key is the content word it is looked up by.
#[derive(Debug, Clone)]
pub(crate) struct LexiconPhrase {
    pub keys: Vec<String>,
    pub anchor: usize,
}

/// A lexicon rule, compiled against the vocabulary.
#[derive(Debug, Clone)]
pub(crate) struct LexiconEntry {
    pub phrases: Vec<LexiconPhrase>,
    /// Per target word, its term ids (its stems that occur in the catalogue).
    pub targets: Vec<Vec<u32>>,
}

#[derive(Debug)]
pub struct Index {
    pub(crate) params: Params,
    pub(crate) analyzer: Analyzer,
    pub(crate) docs: Vec<DocInfo>,
    pub(crate) terms: HashMap<String, u32>,
    /// Per term: (document, BM25F score), ascending by document.
    pub(crate) postings: Vec<Vec<(u32, f32)>>,
    pub(crate) idf: Vec<f32>,
    /// Per unordered pair of terms adjacent in a name, keyword or phrasing.
    pub(crate) bigrams: HashMap<(u32, u32), Vec<(u32, f32)>>,
    /// Names, keywords and phrasings as German stems joined by spaces → their documents.
    pub(crate) phrases: HashMap<String, Vec<u32>>,
    /// Words, stems and lexicon words that compound parts may be.
    pub(crate) forms: HashSet<String>,
    pub(crate) typos: TypoIndex,
    pub(crate) lexicon: Vec<LexiconEntry>,
    /// Lexicon entries by the anchor key of a source phrase: (entry, phrase).
    pub(crate) lexicon_by_first: HashMap<String, Vec<(usize, usize)>>,
    /// Folded words of lexicon source phrases.
    pub(crate) lexicon_words: HashSet<String>,
}

impl Index {
    /// Number of routable services.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Whether the index knows `term` (a stem) – for tests and diagnostics.
    pub fn knows_stem(&self, stem: &str) -> bool {
        self.terms.contains_key(stem)
    }

    pub(crate) fn term(&self, stem: &str) -> Option<u32> {
        self.terms.get(stem).copied()
    }

    /// The key of a name, keyword or phrasing, or of a whole query, for exact matches.
    pub(crate) fn phrase_key(&self, words: &[crate::analysis::Word]) -> String {
        words.iter().map(|w| self.analyzer.stemmers.german(&w.text)).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Index>();
    }
}
