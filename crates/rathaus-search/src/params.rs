//! The ranking's tunable numbers, with the values calibrated on the tuning split of
//! `data/queries.tsv` as defaults.

use crate::document::Field;

/// BM25F weight and length normalisation of one field kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldParams {
    pub weight: f32,
    /// 0 = no length normalisation, 1 = full.
    pub b: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Per field kind, in the order of [`Field::ALL`].
    pub fields: [FieldParams; 6],
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// Share of a catalogue word's frequency credited to each part of it when it is a
    /// compound (again squared for parts of parts).
    pub compound_part: f32,
    /// Weight of the parts of a query word that only its parts are known of.
    pub query_part: f32,
    /// Weight of a typo correction at distance 1 and 2.
    pub typo: [f32; 2],
    /// Weight of a negated query word ("nicht fertig").
    pub negated: f32,
    /// Weight of a lexicon clause.
    pub synonym: f32,
    /// Weight of the bonus for two adjacent query words that are adjacent in a keyword,
    /// phrasing or name.
    pub bigram: f32,
    /// Bonus when the whole query equals a name, keyword or phrasing of the service.
    pub exact: f32,
    /// Coverage weight of a query word the catalogue does not know at all.
    pub unknown_word: f32,
    /// Logistic model of the confidence: weights of ln(top score), margin to the second
    /// (1 − s2/s1), coverage of the query by the top service, and the intercept.
    pub confidence: [f32; 4],
    /// `confident` when the confidence reaches this.
    pub threshold: f32,
}

impl Params {
    pub fn field(&self, field: Field) -> FieldParams {
        self.fields[field.index()]
    }
}

impl Default for Params {
    fn default() -> Self {
        Self {
            fields: [
                FieldParams { weight: 3.0, b: 0.5 },
                FieldParams { weight: 2.5, b: 0.3 },
                FieldParams { weight: 1.5, b: 0.3 },
                FieldParams { weight: 1.0, b: 0.5 },
                FieldParams { weight: 0.4, b: 0.75 },
                FieldParams { weight: 0.3, b: 0.75 },
            ],
            k1: 1.2,
            compound_part: 0.5,
            query_part: 0.9,
            typo: [0.8, 0.6],
            negated: 0.5,
            synonym: 0.8,
            bigram: 1.0,
            exact: 3.0,
            unknown_word: 2.0,
            confidence: [2.93, 2.22, 4.53, -10.85],
            threshold: 0.5,
        }
    }
}
