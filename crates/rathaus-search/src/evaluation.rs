//! The labelled query set (`data/queries.tsv`) and the measures the evaluation example and
//! the accuracy test report: top-1/top-3 accuracy per split, confident rates in and out of
//! scope, the misses, and the fit of the confidence model.
//!
//! File format, one query per line: `split<TAB>expected_slug<TAB>query`, with split `tune`
//! or `test` and `-` as the slug of out-of-scope queries. The test split was written
//! before any tuning and is not tuned on.

use crate::index::Index;
use crate::routing::Routing;
use thiserror::Error;

/// The labelled queries shipped with the crate.
pub const QUERIES: &str = include_str!("../data/queries.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Tune,
    Test,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Tune => "tune",
            Split::Test => "test",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledQuery {
    pub split: Split,
    /// The expected service's slug; `None` for out-of-scope queries.
    pub expected: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {problem}")]
pub struct QueryFileError {
    pub line: usize,
    pub problem: &'static str,
}

/// Parses the query file format (see the module docs). Empty lines and `#` lines are skipped.
pub fn parse_queries(tsv: &str) -> Result<Vec<LabelledQuery>, QueryFileError> {
    let mut queries = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let (Some(split), Some(slug), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            return Err(QueryFileError { line: line_no, problem: "expected three tab-separated columns" });
        };
        let split = match split {
            "tune" => Split::Tune,
            "test" => Split::Test,
            _ => return Err(QueryFileError { line: line_no, problem: "split must be `tune` or `test`" }),
        };
        if text.trim().is_empty() {
            return Err(QueryFileError { line: line_no, problem: "empty query" });
        }
        let expected = (slug != "-").then(|| slug.to_owned());
        queries.push(LabelledQuery { split, expected, text: text.to_owned() });
    }
    Ok(queries)
}

/// A query whose expected service was not ranked first.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub query: String,
    pub expected: String,
    /// The slugs ranked first, second and third.
    pub got: Vec<String>,
    pub confidence: f32,
}

/// The measures of one split.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub in_scope: usize,
    pub top1: usize,
    pub top3: usize,
    /// In-scope queries answered with `confident: true`.
    pub confident_in_scope: usize,
    /// … of which the first service was wrong.
    pub confident_wrong: usize,
    pub out_of_scope: usize,
    /// Out-of-scope queries answered with `confident: true` (should be none).
    pub confident_out_of_scope: usize,
    pub misses: Vec<Miss>,
    /// Out-of-scope queries answered with `confident: true`, with their first service.
    pub false_alarms: Vec<(String, String, f32)>,
    /// In-scope queries answered right but with `confident: false`, with the confidence.
    pub unsure: Vec<(String, f32)>,
}

impl Report {
    pub fn top1_rate(&self) -> f64 {
        ratio(self.top1, self.in_scope)
    }

    pub fn top3_rate(&self) -> f64 {
        ratio(self.top3, self.in_scope)
    }

    pub fn confident_in_scope_rate(&self) -> f64 {
        ratio(self.confident_in_scope, self.in_scope)
    }

    pub fn confident_out_of_scope_rate(&self) -> f64 {
        ratio(self.confident_out_of_scope, self.out_of_scope)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Routes every query of `split` and measures the outcome.
pub fn evaluate(index: &Index, queries: &[LabelledQuery], split: Split) -> Report {
    let mut report = Report::default();
    for q in queries.iter().filter(|q| q.split == split) {
        let routing = index.route(&q.text, 3);
        record(&mut report, q, &routing);
    }
    report
}

fn record(report: &mut Report, q: &LabelledQuery, routing: &Routing) {
    let got: Vec<String> = routing.services.iter().map(|h| h.id.clone()).collect();
    match &q.expected {
        Some(expected) => {
            report.in_scope += 1;
            let rank = got.iter().position(|g| g == expected);
            if rank == Some(0) {
                report.top1 += 1;
            } else {
                report.misses.push(Miss {
                    query: q.text.clone(),
                    expected: expected.clone(),
                    got: got.clone(),
                    confidence: routing.confidence,
                });
            }
            if rank.is_some_and(|r| r < 3) {
                report.top3 += 1;
            }
            if routing.confident {
                report.confident_in_scope += 1;
                if rank != Some(0) {
                    report.confident_wrong += 1;
                }
            } else if rank == Some(0) {
                report.unsure.push((q.text.clone(), routing.confidence));
            }
        }
        None => {
            report.out_of_scope += 1;
            if routing.confident {
                report.confident_out_of_scope += 1;
                let first = got.first().cloned().unwrap_or_default();
                report.false_alarms.push((q.text.clone(), first, routing.confidence));
            }
        }
    }
}

/// Fits the confidence model (logistic regression with a little L2, both classes weighted
/// equally however many samples each has) to `(features, first service right)` samples;
/// returns the weights and the intercept in the layout of
/// [`Params::confidence`](crate::Params).
pub fn fit_confidence(samples: &[([f32; 3], bool)]) -> [f32; 4] {
    let mut w = [0.0f64; 4];
    let positives = samples.iter().filter(|(_, y)| *y).count().max(1) as f64;
    let negatives = samples.iter().filter(|(_, y)| !*y).count().max(1) as f64;
    let (rate, l2) = (0.5, 1e-3);
    for _ in 0..20_000 {
        let mut grad = [0.0f64; 4];
        for (x, y) in samples {
            let x = [f64::from(x[0]), f64::from(x[1]), f64::from(x[2]), 1.0];
            let z: f64 = (0..4).map(|i| w[i] * x[i]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let (target, share) = if *y { (1.0, 0.5 / positives) } else { (0.0, 0.5 / negatives) };
            for i in 0..4 {
                grad[i] += (p - target) * x[i] * share;
            }
        }
        for i in 0..3 {
            grad[i] += l2 * w[i];
        }
        for i in 0..4 {
            w[i] -= rate * grad[i];
        }
    }
    w.map(|v| v as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_query_file() {
        let q = parse_queries("test\tfundsachen\tFundbüro\n\ntune\t-\tWetter heute\n").unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].expected.as_deref(), Some("fundsachen"));
        assert_eq!(q[1].split, Split::Tune);
        assert_eq!(q[1].expected, None);
        assert_eq!(parse_queries("dev\tx\ty").unwrap_err().line, 1);
        assert_eq!(parse_queries("test\tx").unwrap_err().problem, "expected three tab-separated columns");
    }

    #[test]
    fn shipped_query_set_is_large_and_balanced() {
        let queries = parse_queries(QUERIES).unwrap();
        assert!(queries.len() >= 300);
        let out_of_scope = queries.iter().filter(|q| q.expected.is_none()).count();
        assert!(out_of_scope >= 15);
        let test = queries.iter().filter(|q| q.split == Split::Test).count() as f64;
        let share = test / queries.len() as f64;
        assert!((0.3..=0.5).contains(&share), "test share {share}");
    }

    #[test]
    fn fit_separates_separable_samples() {
        let samples: Vec<([f32; 3], bool)> = (0..40).map(|i| ([i as f32 / 10.0, 0.5, 0.5], i >= 20)).collect();
        let w = fit_confidence(&samples);
        let p = |x: f32| 1.0 / (1.0 + (-(w[0] * x + w[1] * 0.5 + w[2] * 0.5 + w[3])).exp());
        assert!(p(0.5) < 0.5 && p(3.5) > 0.5);
    }
}
