//! The built-in lexicon of colloquial, misspelt-by-habit and English words
//! (`lexicon/synonyms.txt`): each rule maps one or more source phrases to canonical words of
//! the catalogue's language. The catalogue's own keywords and phrasings remain the main
//! source of vocabulary; the lexicon covers general language that no single service
//! should have to list ("Köter", "Karre", "moved", "umgezogen", "geklaut").
//!
//! Format, one rule per line, `#` starts a comment:
//!
//! ```text
//! perso, persi, personalausweiß => personalausweis
//! neue wohnung, new flat => wohnsitz umzug
//! ```
//!
//! Source phrases are matched on stems with stop words removed, so "neue Wohnung",
//! "neuen Wohnungen" and "eine neue Wohnung" all match `neue wohnung`. The target words
//! together form one query clause (see [`crate::routing`]).

use thiserror::Error;

/// The lexicon compiled into the crate.
pub const BUILTIN: &str = include_str!("../lexicon/synonyms.txt");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Source phrases as written.
    pub sources: Vec<String>,
    /// Target words as written.
    pub targets: Vec<String>,
    /// 1-based line number, for messages.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LexiconError {
    #[error("line {line}: expected `source, source => target target`")]
    MissingArrow { line: usize },
    #[error("line {line}: no source phrase")]
    NoSource { line: usize },
    #[error("line {line}: no target word")]
    NoTarget { line: usize },
}

/// Parses the lexicon format described in the module docs.
pub fn parse_lexicon(text: &str) -> Result<Vec<Rule>, LexiconError> {
    let mut rules = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let (lhs, rhs) = content.split_once("=>").ok_or(LexiconError::MissingArrow { line })?;
        let sources: Vec<String> = lhs.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        let targets: Vec<String> = rhs.split_whitespace().map(str::to_owned).collect();
        if sources.is_empty() {
            return Err(LexiconError::NoSource { line });
        }
        if targets.is_empty() {
            return Err(LexiconError::NoTarget { line });
        }
        rules.push(Rule { sources, targets, line });
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_and_comments() {
        let rules =
            parse_lexicon("# c\nperso, persi => personalausweis # tail\n\nnew flat => wohnsitz umzug\n").unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0].sources, ["perso", "persi"]);
        assert_eq!(rules[0].targets, ["personalausweis"]);
        assert_eq!(rules[1].line, 4);
        assert_eq!(rules[1].targets, ["wohnsitz", "umzug"]);
    }

    #[test]
    fn reports_malformed_lines() {
        assert_eq!(parse_lexicon("perso personalausweis"), Err(LexiconError::MissingArrow { line: 1 }));
        assert_eq!(parse_lexicon("\n => x"), Err(LexiconError::NoSource { line: 2 }));
        assert_eq!(parse_lexicon("x =>"), Err(LexiconError::NoTarget { line: 1 }));
    }

    #[test]
    fn builtin_lexicon_parses() {
        assert!(parse_lexicon(BUILTIN).unwrap().len() > 30);
    }
}
