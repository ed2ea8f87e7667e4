//! Building the index from documents: analyse every field entry, collect the vocabulary,
//! credit compound parts, count terms and bigrams per field, and turn the counts into
//! BM25F scores (IDF over the catalogue's services). Then the typo index and the lexicon.

use super::{DocInfo, Index, LexiconEntry, LexiconPhrase};
use crate::analysis::compound::split_compound;
use crate::analysis::fold::fold;
use crate::analysis::typo::TypoIndex;
use crate::analysis::{Analyzer, Word};
use crate::document::{Document, Field};
use crate::lexicon::{self, Rule, parse_lexicon};
use crate::params::Params;
use std::collections::{HashMap, HashSet};

/// Fields whose entries earn the exact-match bonus when the whole query equals one.
const EXACT_FIELDS: [Field; 3] = [Field::Name, Field::Keyword, Field::Phrasing];
/// Fields whose adjacent words form bigrams, and whose words are typo targets.
const PHRASE_FIELDS: [Field; 4] = [Field::Name, Field::Keyword, Field::Phrasing, Field::Summary];
/// How deep compound parts are split again ("kinderreisepass" → "reisepass" → "pass").
const COMPOUND_DEPTH: usize = 2;

type FieldCounts = [f32; 6];

impl Index {
    /// Builds the index with the default parameters and the built-in lexicon.
    pub fn build(docs: &[Document]) -> Index {
        Self::build_with(docs, Params::default(), &builtin_rules())
    }

    /// Builds the index with other parameters or another lexicon (for tuning and tests).
    pub fn build_with(docs: &[Document], params: Params, rules: &[Rule]) -> Index {
        let analyzer = Analyzer::default();
        let analysed: Vec<Vec<(Field, Vec<Word>)>> =
            docs.iter().map(|d| d.fields.iter().map(|(f, text)| (*f, analyzer.words(text))).collect()).collect();

        let mut forms = HashSet::new();
        let mut dictionary: HashMap<String, u32> = HashMap::new();
        for (field, words) in analysed.iter().flatten() {
            for word in words {
                add_forms(&analyzer, word, &mut forms);
                if PHRASE_FIELDS.contains(field) {
                    *dictionary.entry(word.text.clone()).or_default() += 1;
                }
            }
        }
        let mut lexicon_words = HashSet::new();
        let mut lexicon_phrases = Vec::with_capacity(rules.len());
        for rule in rules {
            let mut phrases = Vec::new();
            for source in &rule.sources {
                let tokens = analyzer.tokens(source);
                let Some(anchor) = tokens.iter().position(|t| !t.stop) else { continue };
                for token in tokens.iter().filter(|t| !t.stop) {
                    add_forms(&analyzer, &token.word, &mut forms);
                    lexicon_words.extend(token.word.forms().map(str::to_owned));
                    dictionary.entry(token.word.text.clone()).or_insert(1);
                }
                let keys = tokens
                    .iter()
                    .map(|t| {
                        if t.stop {
                            t.word.text.clone()
                        } else {
                            analyzer.stemmers.german(t.word.joined.last().unwrap_or(&t.word.text))
                        }
                    })
                    .collect();
                phrases.push(LexiconPhrase { keys, anchor });
            }
            lexicon_phrases.push(phrases);
        }

        let mut counts = Counts::new(docs.len());
        for (doc, fields) in analysed.iter().enumerate() {
            for (field, words) in fields {
                counts.lengths[doc][field.index()] += words.len() as f32;
                let mut previous: Vec<u32> = Vec::new();
                for word in words {
                    let ids: Vec<u32> = analyzer.stems(word).into_iter().map(|s| counts.intern(s)).collect();
                    for &id in &ids {
                        counts.add(id, doc, *field, 1.0);
                    }
                    for (part, weight) in compound_parts(&analyzer, &forms, &word.text, params.compound_part, 0) {
                        for stem in analyzer.stemmers.both(&part) {
                            let id = counts.intern(stem);
                            counts.add(id, doc, *field, weight);
                        }
                    }
                    if PHRASE_FIELDS.contains(field) {
                        counts.add_bigrams(&previous, &ids, doc, *field);
                    }
                    previous = ids;
                }
            }
        }

        let scorer = Bm25f::new(&params, &counts.lengths);
        let postings: Vec<Vec<(u32, f32)>> = counts.terms_tf.iter().map(|tf| scorer.postings(tf)).collect();
        let idf = counts.terms_tf.iter().map(|tf| scorer.idf(scorer.weighted_df(tf))).collect();
        let bigrams = counts.bigrams_tf.iter().map(|(key, tf)| (*key, scorer.postings(tf))).collect();

        let terms = counts.terms;
        let mut lexicon = Vec::with_capacity(rules.len());
        let mut lexicon_by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (rule, phrases) in rules.iter().zip(lexicon_phrases) {
            let targets: Vec<Vec<u32>> = rule
                .targets
                .iter()
                .map(|t| analyzer.stemmers.both(&fold(t)).iter().filter_map(|s| terms.get(s).copied()).collect())
                .filter(|ids: &Vec<u32>| !ids.is_empty())
                .collect();
            if targets.is_empty() {
                continue;
            }
            let entry = lexicon.len();
            for (p, phrase) in phrases.iter().enumerate() {
                lexicon_by_first.entry(phrase.keys[phrase.anchor].clone()).or_default().push((entry, p));
            }
            lexicon.push(LexiconEntry { phrases, targets });
        }

        let mut index = Index {
            phrases: HashMap::new(),
            docs: docs.iter().map(|d| DocInfo { id: d.id.clone(), department: d.department.clone() }).collect(),
            typos: TypoIndex::build(dictionary),
            params,
            analyzer,
            terms,
            postings,
            idf,
            bigrams,
            forms,
            lexicon,
            lexicon_by_first,
            lexicon_words,
        };
        for (doc, fields) in analysed.iter().enumerate() {
            for (field, words) in fields {
                if EXACT_FIELDS.contains(field) && !words.is_empty() {
                    let docs = index.phrases.entry(index.phrase_key(words)).or_default();
                    if !docs.contains(&(doc as u32)) {
                        docs.push(doc as u32);
                    }
                }
            }
        }
        index
    }
}

/// The built-in lexicon. Its validity is checked by the crate's tests.
pub fn builtin_rules() -> Vec<Rule> {
    match parse_lexicon(lexicon::BUILTIN) {
        Ok(rules) => rules,
        Err(e) => panic!("the built-in lexicon is broken: {e}"),
    }
}

fn add_forms(analyzer: &Analyzer, word: &Word, forms: &mut HashSet<String>) {
    for form in word.forms() {
        if form.len() >= 3 {
            forms.insert(form.to_owned());
            let stem = analyzer.stemmers.german(form);
            if stem.len() >= 3 {
                forms.insert(stem);
            }
        }
    }
}

/// Whether `part` may be a compound part: a known word or stem; the final part may also
/// be an inflected form of one.
pub(crate) fn is_known_part(analyzer: &Analyzer, forms: &HashSet<String>, part: &str, is_final: bool) -> bool {
    forms.contains(part) || (is_final && forms.contains(&analyzer.stemmers.german(part)))
}

/// The parts of a compound with the share of the word's weight credited to each, split
/// again down to [`COMPOUND_DEPTH`].
fn compound_parts(
    analyzer: &Analyzer,
    forms: &HashSet<String>,
    word: &str,
    share: f32,
    depth: usize,
) -> Vec<(String, f32)> {
    if depth >= COMPOUND_DEPTH {
        return Vec::new();
    }
    let Some(parts) = split_compound(word, |p, last| is_known_part(analyzer, forms, p, last)) else {
        return Vec::new();
    };
    let mut all = Vec::new();
    for part in parts {
        let deeper = compound_parts(analyzer, forms, &part, share * share, depth + 1);
        all.push((part, share));
        all.extend(deeper);
    }
    all
}

/// Term and bigram frequencies per document and field, and field lengths.
struct Counts {
    terms: HashMap<String, u32>,
    terms_tf: Vec<HashMap<u32, FieldCounts>>,
    bigrams_tf: HashMap<(u32, u32), HashMap<u32, FieldCounts>>,
    lengths: Vec<FieldCounts>,
}

impl Counts {
    fn new(docs: usize) -> Self {
        Self { terms: HashMap::new(), terms_tf: Vec::new(), bigrams_tf: HashMap::new(), lengths: vec![[0.0; 6]; docs] }
    }

    fn intern(&mut self, stem: String) -> u32 {
        let next = self.terms.len() as u32;
        let id = *self.terms.entry(stem).or_insert(next);
        if id == next {
            self.terms_tf.push(HashMap::new());
        }
        id
    }

    fn add(&mut self, term: u32, doc: usize, field: Field, weight: f32) {
        self.terms_tf[term as usize].entry(doc as u32).or_default()[field.index()] += weight;
    }

    fn add_bigrams(&mut self, previous: &[u32], current: &[u32], doc: usize, field: Field) {
        let mut seen = Vec::new();
        for &a in previous {
            for &b in current {
                let key = (a.min(b), a.max(b));
                if a != b && !seen.contains(&key) {
                    seen.push(key);
                    self.bigrams_tf.entry(key).or_default().entry(doc as u32).or_default()[field.index()] += 1.0;
                }
            }
        }
    }
}

/// BM25F: per field, frequency × weight ÷ length normalisation, summed, then saturated and
/// multiplied by the IDF.
///
/// The document frequency behind the IDF is weighted by field: a service counts fully when
/// the term is in its name, and only by its best field's weight relative to the name's
/// otherwise. "Personalausweis" is mentioned in the descriptions of twenty services but
/// names or keywords only a few; a plain document frequency made it nearly worthless.
struct Bm25f {
    weights: [f32; 6],
    /// Per document and field: 1 − b + b · length ÷ average length.
    norms: Vec<FieldCounts>,
    k1: f32,
    docs: f32,
}

impl Bm25f {
    fn new(params: &Params, lengths: &[FieldCounts]) -> Self {
        let n = lengths.len().max(1) as f32;
        let mut avg = [0.0f32; 6];
        for l in lengths {
            for f in 0..6 {
                avg[f] += l[f] / n;
            }
        }
        let norms = lengths
            .iter()
            .map(|l| {
                let mut norm = [1.0f32; 6];
                for field in Field::ALL {
                    let f = field.index();
                    if avg[f] > 0.0 {
                        let b = params.field(field).b;
                        norm[f] = 1.0 - b + b * l[f] / avg[f];
                    }
                }
                norm
            })
            .collect();
        let weights = Field::ALL.map(|f| params.field(f).weight);
        Self { weights, norms, k1: params.k1, docs: lengths.len() as f32 }
    }

    fn idf(&self, df: f32) -> f32 {
        (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln()
    }

    fn weighted_df(&self, tf: &HashMap<u32, FieldCounts>) -> f32 {
        let top = self.weights.iter().copied().fold(f32::MIN, f32::max);
        tf.values()
            .map(|counts| (0..6).filter(|&f| counts[f] > 0.0).map(|f| self.weights[f] / top).fold(0.0f32, f32::max))
            .sum()
    }

    fn postings(&self, tf: &HashMap<u32, FieldCounts>) -> Vec<(u32, f32)> {
        let idf = self.idf(self.weighted_df(tf));
        let mut postings: Vec<(u32, f32)> = tf
            .iter()
            .map(|(&doc, counts)| {
                let norm = &self.norms[doc as usize];
                let weighted: f32 = (0..6).map(|f| self.weights[f] * counts[f] / norm[f]).sum();
                (doc, idf * weighted * (self.k1 + 1.0) / (self.k1 + weighted))
            })
            .collect();
        postings.sort_by_key(|&(doc, _)| doc);
        postings
    }
}
