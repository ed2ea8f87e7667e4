//! Ranking and confidence: the answer to "which service does this citizen mean?".
//!
//! A service's score is the sum over the query's clauses of the clause weight times its
//! precomputed BM25F score for the clause's best alternative term (lexicon clauses average
//! over their target words), plus the bigram bonus, plus a bonus when the whole query equals
//! one of the service's names, keywords or phrasings. The *coverage* of a service is the
//! share of the query's positions (weighted by IDF; unknown words weigh
//! [`Params::unknown_word`](crate::Params)) that at least one matching clause explains.
//!
//! The confidence is a logistic model of three signals of the top service – the log of its
//! score, its margin over the runner-up (1 − s₂/s₁) and its coverage – fitted on the
//! tuning split (`cargo run --release -p rathaus-search --example evaluate -- --fit`).
//! `confident` says whether it reaches [`Params::threshold`](crate::Params); below it the
//! caller should offer the general enquiry contact instead of guessing. Each hit's score is
//! the confidence scaled by its score relative to the top one, so hits are in 0..1 and the
//! first hit's score equals the confidence.

use crate::index::Index;
use crate::query::{Clause, Query};
use serde::Serialize;

/// One service a query was routed to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The service's slug.
    pub id: String,
    pub department: String,
    /// 0..1; the best hit's score is the routing's confidence.
    pub score: f32,
}

/// The result of routing a query: the best services, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routing {
    pub services: Vec<Hit>,
    /// Whether the best service is likely right; if not, offer the general enquiry contact.
    pub confident: bool,
    /// 0..1, the calibrated probability-like confidence in the best service.
    pub confidence: f32,
}

/// The signals the confidence is computed from (for calibration and diagnostics).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    pub top_score: f32,
    pub second_score: f32,
    /// Share of the query explained by the top service, 0..1.
    pub coverage: f32,
}

impl Evidence {
    /// The model inputs: ln(1 + s₁), 1 − s₂/s₁, coverage.
    pub fn features(&self) -> [f32; 3] {
        let margin = if self.top_score > 0.0 { 1.0 - self.second_score / self.top_score } else { 0.0 };
        [(1.0 + self.top_score).ln(), margin, self.coverage]
    }
}

impl Index {
    /// Routes free citizen text to at most `limit` services, best first, with a confidence.
    pub fn route(&self, query: &str, limit: usize) -> Routing {
        let ranking = self.rank(query);
        let confidence = self.confidence(&ranking.evidence);
        let top = ranking.evidence.top_score;
        let services = ranking
            .scores
            .iter()
            .take(limit)
            .map(|&(doc, score)| {
                let info = &self.docs[doc];
                Hit { id: info.id.clone(), department: info.department.clone(), score: confidence * score / top }
            })
            .collect();
        Routing { services, confident: confidence >= self.params.threshold, confidence }
    }

    /// The confidence signals of a query.
    pub fn evidence(&self, query: &str) -> Evidence {
        self.rank(query).evidence
    }

    fn confidence(&self, evidence: &Evidence) -> f32 {
        if evidence.top_score <= 0.0 {
            return 0.0;
        }
        let [a, b, c, intercept] = self.params.confidence;
        let [x1, x2, x3] = evidence.features();
        let z = a * x1 + b * x2 + c * x3 + intercept;
        1.0 / (1.0 + (-z).exp())
    }

    fn rank(&self, text: &str) -> Ranking {
        let query = self.analyse_query(text);
        let n = self.docs.len();
        let mut scores = vec![0.0f32; n];
        let mut covered = vec![vec![false; query.units.len()]; n];
        let mut clause_scores = vec![0.0f32; n];
        for clause in &query.clauses {
            self.score_clause(clause, &mut clause_scores);
            for (doc, &s) in clause_scores.iter().enumerate() {
                if s > 0.0 {
                    scores[doc] += s;
                    for &p in &clause.covers {
                        covered[doc][p] = true;
                    }
                }
            }
        }
        for bigram in &query.bigrams {
            let mut best = vec![0.0f32; n];
            for pair in &bigram.pairs {
                for &(doc, s) in self.bigrams.get(pair).into_iter().flatten() {
                    best[doc as usize] = best[doc as usize].max(s);
                }
            }
            for (doc, s) in best.into_iter().enumerate() {
                scores[doc] += bigram.weight * s;
            }
        }
        for &doc in &query.exact {
            scores[doc as usize] += self.params.exact;
        }
        let mut ranked: Vec<(usize, f32)> = scores.into_iter().enumerate().filter(|&(_, s)| s > 0.0).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let evidence = match ranked.first() {
            Some(&(doc, top_score)) => Evidence {
                top_score,
                second_score: ranked.get(1).map_or(0.0, |&(_, s)| s),
                coverage: coverage(&query, &covered[doc]),
            },
            None => Evidence::default(),
        };
        Ranking { scores: ranked, evidence }
    }

    /// Writes the clause's score for every document into `out`: per document, the best
    /// of its readings.
    pub(crate) fn score_clause(&self, clause: &Clause, out: &mut [f32]) {
        out.fill(0.0);
        let mut reading_score = vec![0.0f32; out.len()];
        let mut best = vec![0.0f32; out.len()];
        for reading in &clause.readings {
            reading_score.fill(0.0);
            for group in &reading.groups {
                best.fill(0.0);
                for &(term, weight) in group {
                    for &(doc, s) in &self.postings[term as usize] {
                        let d = doc as usize;
                        best[d] = best[d].max(weight * s);
                    }
                }
                for (r, b) in reading_score.iter_mut().zip(&best) {
                    *r += b;
                }
            }
            let scale = reading.weight / reading.groups.len().max(1) as f32;
            for (o, r) in out.iter_mut().zip(&reading_score) {
                *o = o.max(r * scale);
            }
        }
    }
}

struct Ranking {
    /// (document, score) with score > 0, best first.
    scores: Vec<(usize, f32)>,
    evidence: Evidence,
}

fn coverage(query: &Query, covered: &[bool]) -> f32 {
    let total: f32 = query.units.iter().map(|&(_, all)| all).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let explained: f32 = query.units.iter().zip(covered).filter(|(_, c)| **c).map(|(&(w, _), _)| w).sum();
    explained / total
}
