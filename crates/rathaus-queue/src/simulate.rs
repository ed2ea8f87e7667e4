//! A simulated office day to measure the estimator on: the day is drawn from a seed
//! ([`DayConfig`]), then run with the real queue rules while the estimator predicts each
//! ticket's call at its check-in from what the office knows at that moment: the waiting
//! tickets, the counters' current calls, the service times observed so far that day (plus
//! the catalogue's planned durations) and the booked appointments not yet checked in.

mod config;
mod day;
mod plan;
mod report;

pub use config::{DayConfig, EstimatorConfig, SimService};
pub use report::AccuracyReport;

/// Simulates one office day and reports how close the predicted waits came to the actual
/// ones. Deterministic for a seed.
pub fn simulate_office_day(seed: u64, config: &DayConfig) -> AccuracyReport {
    let plan = plan::draw_plan(seed, config);
    let outcome = day::run_day(&plan, config);
    AccuracyReport::of_day(&plan, &outcome)
}

/// One report per seed; [`AccuracyReport::median`] summarises them for BENCHMARKS.md.
pub fn simulate_days(seeds: std::ops::Range<u64>, config: &DayConfig) -> Vec<AccuracyReport> {
    seeds.map(|seed| simulate_office_day(seed, config)).collect()
}
