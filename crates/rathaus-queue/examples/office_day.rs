//! The estimator's accuracy on simulated office days, for BENCHMARKS.md: the median report
//! over seeds 1..=20 of [`DayConfig::typical`], then what each part of the estimator is
//! worth: the same days with that part taken out.
//!
//! `cargo run --release -p rathaus-queue --example office_day`

use rathaus_queue::{AccuracyReport, DayConfig, Method, simulate_days};

const SEEDS: std::ops::Range<u64> = 1..21;

fn median(config: &DayConfig) -> AccuracyReport {
    AccuracyReport::median(&simulate_days(SEEDS, config)).expect("at least one seed")
}

fn main() {
    let typical = DayConfig::typical();
    let m = median(&typical);
    println!("median over seeds 1..=20 of DayConfig::typical()");
    println!("tickets per day           {}", m.tickets);
    println!("mean abs error (min)      {:.2}", m.mean_abs_error_minutes);
    println!("median abs error (min)    {:.2}", m.median_abs_error_minutes);
    println!("p90 abs error (min)       {:.2}", m.p90_abs_error_minutes);
    println!("mean wait (min)           {:.2}", m.mean_wait_minutes);
    println!("max wait (min)            {:.2}", m.max_wait_minutes);
    println!("no-shows per day          {}", m.no_shows);

    let without = |name: &str, change: fn(&mut DayConfig)| {
        let mut c = typical.clone();
        change(&mut c);
        println!("  {name:44} {:.2}", median(&c).mean_abs_error_minutes);
    };
    println!();
    println!("median MAE (min) with one part of the estimator taken out:");
    println!("  {:44} {:.2}", "none (typical)", m.mean_abs_error_minutes);
    without("booked appointments not yet checked in", |c| c.estimator.expect_appointments = false);
    without("sampled runs (one mean path instead)", |c| c.estimator.method = Method::MeanPath);
    without("remaining time of busy counters (clamped)", |c| c.estimator.remaining_time = false);
    without("alpha 0.1 (0.2 instead)", |c| c.estimator.alpha = 0.2);
    without("all of them", |c| {
        c.estimator.expect_appointments = false;
        c.estimator.method = Method::MeanPath;
        c.estimator.remaining_time = false;
        c.estimator.alpha = 0.2;
    });
}
