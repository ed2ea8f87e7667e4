//! How good the estimates of one simulated day were, and the median over several days.

use crate::simulate::day::Outcome;
use crate::simulate::plan::Plan;

/// The accuracy of the call-time estimates on one day. Errors are |predicted wait − actual
/// wait| in minutes over the tickets that were predicted and called (the wait ends at the
/// first call, answered or not).
#[derive(Clone, Debug)]
pub struct AccuracyReport {
    /// Tickets with a prediction and a call: the sample of the error figures.
    pub tickets: usize,
    pub mean_abs_error_minutes: f64,
    pub median_abs_error_minutes: f64,
    pub p90_abs_error_minutes: f64,
    /// From check-in to the first call (appointment holders who come early wait too).
    pub mean_wait_minutes: f64,
    pub max_wait_minutes: f64,
    /// Booked appointments nobody came for, plus tickets parked or closed after unanswered
    /// calls.
    pub no_shows: usize,
}

impl AccuracyReport {
    pub(crate) fn of_day(plan: &Plan, outcome: &Outcome) -> Self {
        let mut errors = Vec::new();
        let mut waits = Vec::new();
        for (i, v) in plan.visits.iter().enumerate() {
            let Some(called) = outcome.first_call[i] else { continue };
            waits.push((called - v.ticket.checked_in_at) as f64 / 60.0);
            if let Some(predicted) = outcome.predicted[i] {
                errors.push((predicted - called).abs() as f64 / 60.0);
            }
        }
        errors.sort_by(f64::total_cmp);
        let absent = plan.bookings.iter().filter(|b| b.visit.is_none()).count();
        Self {
            tickets: errors.len(),
            mean_abs_error_minutes: mean(&errors),
            median_abs_error_minutes: quantile(&errors, 0.5),
            p90_abs_error_minutes: quantile(&errors, 0.9),
            mean_wait_minutes: mean(&waits),
            max_wait_minutes: waits.iter().copied().fold(0.0, f64::max),
            no_shows: absent + outcome.lost,
        }
    }

    /// The median of each figure over several days (each figure on its own), or `None` for
    /// no days.
    pub fn median(reports: &[AccuracyReport]) -> Option<AccuracyReport> {
        if reports.is_empty() {
            return None;
        }
        let of = |f: fn(&AccuracyReport) -> f64| {
            let mut xs: Vec<f64> = reports.iter().map(f).collect();
            xs.sort_by(f64::total_cmp);
            quantile(&xs, 0.5)
        };
        Some(AccuracyReport {
            tickets: of(|r| r.tickets as f64).round() as usize,
            mean_abs_error_minutes: of(|r| r.mean_abs_error_minutes),
            median_abs_error_minutes: of(|r| r.median_abs_error_minutes),
            p90_abs_error_minutes: of(|r| r.p90_abs_error_minutes),
            mean_wait_minutes: of(|r| r.mean_wait_minutes),
            max_wait_minutes: of(|r| r.max_wait_minutes),
            no_shows: of(|r| r.no_shows as f64).round() as usize,
        })
    }
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() { f64::NAN } else { xs.iter().sum::<f64>() / xs.len() as f64 }
}

/// The q-quantile of sorted values, interpolated linearly between ranks; NaN if empty.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else { return f64::NAN };
    let pos = q.clamp(0.0, 1.0) * last as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate_between_ranks() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        assert_eq!(quantile(&[1.0, 2.0, 3.0], 0.5), 2.0);
        assert_eq!(quantile(&[0.0, 10.0], 0.9), 9.0);
        assert!(quantile(&[], 0.5).is_nan());
    }
}
