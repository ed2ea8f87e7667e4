//! Query analysis: from free text to weighted clauses over the index's terms.
//!
//! Every content word of the query is one *position* (a compound's parts share it). A word the catalogue knows becomes a
//! clause of its stems; an unknown word is split into known compound parts, or else
//! corrected to the nearest dictionary word, or else stays an unmatched position that lowers
//! the coverage (and so the confidence). Parts and corrections weigh less, also in the
//! coverage. Lexicon phrases are found in the whole token stream (stop words included, in
//! any order within a short window of one clause); a one-word phrase adds a reading to that
//! word's clause (a synonym is no extra evidence), a longer one ("mich abmelden") a clause
//! of its own. A negated word ("nicht fertig") triggers no lexicon phrase and weighs less
//! itself. Adjacent words add a bigram clause.

use crate::analysis::compound::split_compound;
use crate::index::Index;
use crate::index::build::is_known_part;

/// Alternatives for one concept: the best-scoring one counts.
pub(crate) type Group = Vec<(u32, f32)>;

/// One way of matching a clause: weight × mean over groups of the best alternative.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    pub groups: Vec<Group>,
    pub weight: f32,
}

/// One piece of evidence: a query word or a lexicon phrase. Its score is that of its best
/// reading, so a word and its single-word synonym are not counted twice.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    pub readings: Vec<Reading>,
    /// The coverage units (content slots) this clause explains when it matches.
    pub covers: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct BigramClause {
    pub pairs: Vec<(u32, u32)>,
    pub weight: f32,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pub clauses: Vec<Clause>,
    pub bigrams: Vec<BigramClause>,
    /// Coverage units, one per content slot (a compound's parts share their word's
    /// weight): weight when matched, and when not matched.
    pub units: Vec<(f32, f32)>,
    /// Documents with a name, keyword or phrasing equal to the whole query.
    pub exact: Vec<u32>,
}

/// One slot of the query's token stream: a stop word, or a content word (a compound gives
/// one slot per part).
struct Slot {
    /// Coverage unit of a content slot.
    unit: Option<usize>,
    clause: usize,
    /// Slot index of the negation before it, if any.
    negated_by: Option<usize>,
    terms: Vec<u32>,
    weight: f32,
    /// Lexicon keys: German stems of its forms, or the stop word itself.
    keys: Vec<String>,
}

/// How far apart (in slots) the words of a lexicon phrase may be.
const PHRASE_SLACK: usize = 2;

impl Index {
    pub(crate) fn analyse_query(&self, text: &str) -> Query {
        let tokens = self.analyzer.tokens(text);
        let mut query = Query::default();
        let words: Vec<_> = tokens.iter().filter(|t| !t.stop).map(|t| t.word.clone()).collect();
        if !words.is_empty()
            && let Some(docs) = self.phrases.get(&self.phrase_key(&words))
        {
            query.exact.clone_from(docs);
        }

        let mut slots: Vec<Slot> = Vec::with_capacity(tokens.len());
        let mut slot_of_token = Vec::with_capacity(tokens.len());
        for token in &tokens {
            slot_of_token.push(slots.len());
            let negated_by = token.negated_by.map(|t| slot_of_token[t]);
            if token.stop {
                let keys = vec![token.word.text.clone()];
                slots.push(Slot { unit: None, clause: token.clause, negated_by, terms: vec![], weight: 1.0, keys });
                continue;
            }
            let first = slots.len();
            for (terms, weight, keys) in self.readings_of(&token.word) {
                slots.push(Slot {
                    unit: Some(query.units.len()),
                    clause: token.clause,
                    negated_by,
                    terms,
                    weight,
                    keys,
                });
                query.units.push((0.0, 0.0));
            }
            let (matched, total) = self.coverage_weights(&slots[first..]);
            let parts = (slots.len() - first) as f32;
            for unit in &mut query.units[slots[first].unit.unwrap_or_default()..] {
                *unit = (matched / parts, total / parts);
            }
        }

        let mut word_clauses = vec![usize::MAX; slots.len()];
        for (i, slot) in slots.iter().enumerate() {
            if let Some(unit) = slot.unit {
                word_clauses[i] = query.clauses.len();
                let weight = if slot.negated_by.is_some() { self.params.negated } else { 1.0 };
                query.clauses.push(Clause {
                    readings: vec![Reading {
                        groups: vec![slot.terms.iter().map(|&t| (t, slot.weight)).collect()],
                        weight,
                    }],
                    covers: vec![unit],
                });
            }
        }
        self.add_lexicon_clauses(&slots, &word_clauses, &mut query);
        self.add_bigrams(&slots, &word_clauses, &mut query);
        query
    }

    /// A content word as (terms, weight, lexicon keys) – one entry, or one per compound part.
    fn readings_of(&self, word: &crate::analysis::Word) -> Vec<(Vec<u32>, f32, Vec<String>)> {
        let terms: Vec<u32> = self.analyzer.stems(word).iter().filter_map(|s| self.term(s)).collect();
        let keys: Vec<String> = word.forms().map(|f| self.analyzer.stemmers.german(f)).collect();
        if !terms.is_empty() || word.forms().any(|f| self.lexicon_words.contains(f)) {
            return vec![(terms, 1.0, keys)];
        }
        let known = |p: &str, last: bool| is_known_part(&self.analyzer, &self.forms, p, last);
        if let Some(parts) = split_compound(&word.text, known) {
            return parts
                .iter()
                .map(|part| {
                    let terms = self.analyzer.stemmers.both(part).iter().filter_map(|s| self.term(s)).collect();
                    (terms, self.params.query_part, vec![self.analyzer.stemmers.german(part)])
                })
                .collect();
        }
        let corrections = self.typos.corrections(&word.text, 2);
        let Some(&(_, distance)) = corrections.first() else { return vec![(vec![], 0.0, keys)] };
        let weight = self.params.typo[distance.clamp(1, 2) - 1];
        let mut terms = Vec::new();
        let mut keys = Vec::new();
        for (correction, _) in corrections {
            for stem in self.analyzer.stemmers.both(correction) {
                if let Some(id) = self.term(&stem)
                    && !terms.contains(&id)
                {
                    terms.push(id);
                }
            }
            keys.push(self.analyzer.stemmers.german(correction));
        }
        vec![(terms, weight, keys)]
    }

    /// (weight when matched, weight when not) of a position: the IDF of its rarest known
    /// term, scaled by how sure the analysis is (parts, corrections); unknown words weigh
    /// [`Params::unknown_word`](crate::Params) and are never matched.
    fn coverage_weights(&self, slots: &[Slot]) -> (f32, f32) {
        let idf = slots.iter().flat_map(|s| s.terms.iter()).map(|&t| self.idf[t as usize]).fold(0.0f32, f32::max);
        if idf <= 0.0 {
            return (self.params.unknown_word, self.params.unknown_word);
        }
        let trust = slots.iter().map(|s| s.weight).fold(0.0f32, f32::max);
        (idf * trust, idf)
    }

    fn add_lexicon_clauses(&self, slots: &[Slot], word_clauses: &[usize], query: &mut Query) {
        let mut used = Vec::new();
        for (start, slot) in slots.iter().enumerate() {
            if slot.unit.is_none() {
                continue;
            }
            for key in &slot.keys {
                let Some(candidates) = self.lexicon_by_first.get(key) else { continue };
                for &(entry, phrase) in candidates {
                    if used.contains(&entry) {
                        continue;
                    }
                    let phrase = &self.lexicon[entry].phrases[phrase];
                    let Some(matched) = match_phrase(slots, start, phrase) else { continue };
                    let negated = matched.iter().any(|&i| slots[i].negated_by.is_some_and(|n| !matched.contains(&n)));
                    if negated {
                        continue;
                    }
                    used.push(entry);
                    let content: Vec<usize> = matched.iter().copied().filter(|&i| slots[i].unit.is_some()).collect();
                    let weight = content.iter().map(|&i| slots[i].weight).fold(1.0f32, f32::min);
                    let reading = Reading {
                        groups: self.lexicon[entry]
                            .targets
                            .iter()
                            .map(|ids| ids.iter().map(|&t| (t, 1.0)).collect())
                            .collect(),
                        weight: self.params.synonym * weight,
                    };
                    if let ([only], 1) = (&content[..], phrase.keys.len()) {
                        query.clauses[word_clauses[*only]].readings.push(reading);
                    } else {
                        let covers = content.iter().filter_map(|&i| slots[i].unit).collect();
                        query.clauses.push(Clause { readings: vec![reading], covers });
                    }
                }
            }
        }
    }

    /// Bigrams over each word's terms and its single-word synonyms ("termin perso" meets
    /// the keyword "Personalausweis Termin"); stop words do not break adjacency.
    fn add_bigrams(&self, slots: &[Slot], word_clauses: &[usize], query: &mut Query) {
        let content: Vec<usize> = (0..slots.len()).filter(|&i| slots[i].unit.is_some()).collect();
        let terms_of = |slot: usize| {
            let mut terms: Vec<u32> = Vec::new();
            for reading in query.clauses[word_clauses[slot]].readings.iter().filter(|r| r.groups.len() == 1) {
                for &(t, _) in &reading.groups[0] {
                    if !terms.contains(&t) {
                        terms.push(t);
                    }
                }
            }
            terms
        };
        let mut bigrams = Vec::new();
        for pair in content.windows(2) {
            let (a, b) = (terms_of(pair[0]), terms_of(pair[1]));
            let mut pairs = Vec::new();
            for &x in &a {
                for &y in &b {
                    let key = (x.min(y), x.max(y));
                    if x != y && self.bigrams.contains_key(&key) && !pairs.contains(&key) {
                        pairs.push(key);
                    }
                }
            }
            if !pairs.is_empty() {
                let weight = self.params.bigram * slots[pair[0]].weight.min(slots[pair[1]].weight);
                bigrams.push(BigramClause { pairs, weight });
            }
        }
        query.bigrams = bigrams;
    }
}

/// The slots matching every key of `phrase` (each by a different slot, in any order, all in
/// the anchor's clause and within a window around it), the anchor being `start`.
fn match_phrase(slots: &[Slot], start: usize, phrase: &crate::index::LexiconPhrase) -> Option<Vec<usize>> {
    let clause = slots[start].clause;
    let reach = phrase.keys.len() + PHRASE_SLACK;
    let lo = start.saturating_sub(reach);
    let hi = (start + reach).min(slots.len() - 1);
    let mut matched = vec![start];
    for (k, key) in phrase.keys.iter().enumerate() {
        if k == phrase.anchor {
            continue;
        }
        let found =
            (lo..=hi).find(|&i| !matched.contains(&i) && slots[i].clause == clause && slots[i].keys.contains(key))?;
        matched.push(found);
    }
    Some(matched)
}
