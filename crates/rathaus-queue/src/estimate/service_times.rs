//! Expected service durations per service: the catalogue's planned duration until the first
//! observations, then exponential smoothing of the finished tickets' actual times; and how
//! widely actual times spread around the expectation.

use crate::estimate::normal::cdf;
use crate::ticket::ServiceId;
use std::collections::BTreeMap;

/// The expectation of a service nobody planned or observed: ten minutes.
pub const UNKNOWN_SERVICE_SECS: f64 = 600.0;
/// The spread (coefficient of variation) assumed before any observation: counter work
/// varies by about half its mean.
pub const DEFAULT_SPREAD: f64 = 0.5;

#[derive(Clone, Debug, Default)]
struct Smoothed {
    /// The catalogue's planned duration per person.
    default: Option<f64>,
    /// The smoothed observations per person, once there are any.
    observed: Option<f64>,
    observations: u32,
}

impl Smoothed {
    fn expected(&self) -> f64 {
        self.observed.or(self.default).unwrap_or(UNKNOWN_SERVICE_SECS)
    }
}

/// Exponentially smoothed service durations (seconds per person) per service.
///
/// The planned duration counts as one observation: the first real ones are averaged with it
/// (weights ½, ⅓, … as for a running mean) until the weight falls to `alpha`, from then on
/// each observation moves the expectation by `alpha`. Without the warm-up the first noisy
/// observation would replace a sound plan; without the floor old days would never fade.
///
/// The spread is smoothed the same way, over all services, as the variance of
/// ln(actual / expected) with [`DEFAULT_SPREAD`] as the first observation; it includes the
/// error of the expectation itself, which is what a forecast has to reckon with.
#[derive(Clone, Debug)]
pub struct ServiceTimes {
    alpha: f64,
    services: BTreeMap<ServiceId, Smoothed>,
    /// Smoothed (ln(actual / expected))².
    log_square: f64,
    log_observations: u32,
}

impl ServiceTimes {
    /// Smoothing factor `alpha` in (0, 1], e.g. 0.2; other values are clamped into it.
    pub fn new(alpha: f64) -> Self {
        let alpha = if alpha.is_finite() { alpha.clamp(f64::EPSILON, 1.0) } else { 1.0 };
        Self { alpha, services: BTreeMap::new(), log_square: log_square_of(DEFAULT_SPREAD), log_observations: 0 }
    }

    /// The catalogue's planned duration per person, used until observations exist.
    pub fn set_default(&mut self, service: ServiceId, secs: f64) {
        if secs.is_finite() && secs > 0.0 {
            self.services.entry(service).or_default().default = Some(secs);
        }
    }

    /// Expected seconds per person for one service.
    pub fn per_person(&self, service: ServiceId) -> f64 {
        self.services.get(&service).map_or(UNKNOWN_SERVICE_SECS, Smoothed::expected)
    }

    /// Expected seconds for a ticket: persons × the sum over its services.
    pub fn expected(&self, services: &[ServiceId], persons: u32) -> f64 {
        f64::from(persons.max(1)) * services.iter().map(|&s| self.per_person(s)).sum::<f64>()
    }

    /// A finished ticket's actual service time, split across its services in proportion to
    /// their current expectation. Non-finite or non-positive times are ignored.
    pub fn observe(&mut self, services: &[ServiceId], persons: u32, secs: f64) {
        if !secs.is_finite() || secs <= 0.0 || services.is_empty() {
            return;
        }
        let log_ratio = (secs / self.expected(services, persons)).ln();
        self.log_square += weight(self.alpha, self.log_observations) * (log_ratio * log_ratio - self.log_square);
        self.log_observations = self.log_observations.saturating_add(1);
        let per_person = secs / f64::from(persons.max(1));
        let shares: Vec<f64> = services.iter().map(|&s| self.per_person(s)).collect();
        let total: f64 = shares.iter().sum();
        for (&service, share) in services.iter().zip(shares) {
            let value = per_person * share / total;
            let s = self.services.entry(service).or_default();
            let w = match (s.observed, s.default) {
                (None, None) => 1.0,
                _ => weight(self.alpha, s.observations),
            };
            let prior = s.expected();
            s.observed = Some(prior + w * (value - prior));
            s.observations = s.observations.saturating_add(1);
        }
    }

    /// The coefficient of variation of actual around expected durations.
    pub fn spread(&self) -> f64 {
        // For lognormal durations ln(D / E[D]) ~ N(−σ²/2, σ²), so E[(ln)²] = σ² + σ⁴/4.
        let sigma2 = 2.0 * ((1.0 + self.log_square).sqrt() - 1.0);
        sigma2.exp_m1().sqrt()
    }

    /// Expected seconds still to go for a ticket in service for `elapsed` seconds: the mean
    /// residual time of a lognormal duration with [`ServiceTimes::expected`] as mean and
    /// [`ServiceTimes::spread`]. At the start it is the expectation; once the expectation
    /// is overrun it stays near half of it instead of falling to zero.
    pub fn expected_remaining(&self, services: &[ServiceId], persons: u32, elapsed: f64) -> f64 {
        let mean = self.expected(services, persons);
        if elapsed.is_nan() || elapsed <= 0.0 {
            return mean;
        }
        // Beyond four means the tail probabilities get too small for the normal CDF's accuracy.
        let e = elapsed.min(4.0 * mean);
        let sigma2 = (1.0 + self.spread().powi(2)).ln();
        let (sigma, mu) = (sigma2.sqrt(), mean.ln() - sigma2 / 2.0);
        let z = (mu - e.ln()) / sigma;
        let beyond = cdf(z);
        if sigma < 1e-6 || beyond < 1e-12 {
            return (mean - e).max(0.0);
        }
        (mean * cdf(z + sigma) / beyond - e).max(0.0)
    }
}

/// The weight of the next observation after `n`: a running mean with the prior as one
/// observation, down to `alpha`.
fn weight(alpha: f64, n: u32) -> f64 {
    (1.0 / f64::from(n.saturating_add(2))).max(alpha)
}

/// The smoothed (ln(actual / expected))² of lognormal durations with spread `cv`.
fn log_square_of(cv: f64) -> f64 {
    let sigma2 = (1.0 + cv * cv).ln();
    sigma2 + sigma2 * sigma2 / 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_until_observed_then_smoothed() {
        let mut t = ServiceTimes::new(0.2);
        assert_eq!(t.expected(&[1], 1), UNKNOWN_SERVICE_SECS);
        t.set_default(1, 300.0);
        assert_eq!(t.expected(&[1], 2), 600.0);
        t.observe(&[1], 1, 500.0);
        assert_eq!(t.per_person(1), 400.0, "the plan counts as one observation");
        t.observe(&[1], 1, f64::NAN);
        t.observe(&[1], 1, 0.0);
        assert_eq!(t.per_person(1), 400.0);
    }

    #[test]
    fn a_ticket_of_two_services_is_split_by_expectation() {
        let mut t = ServiceTimes::new(1.0);
        t.set_default(1, 100.0);
        t.set_default(2, 300.0);
        t.observe(&[1, 2], 2, 1600.0);
        assert_eq!((t.per_person(1), t.per_person(2)), (200.0, 600.0));
    }

    #[test]
    fn the_spread_starts_at_the_default_and_learns() {
        let mut t = ServiceTimes::new(0.2);
        assert!((t.spread() - DEFAULT_SPREAD).abs() < 1e-9, "{}", t.spread());
        t.set_default(1, 300.0);
        for _ in 0..200 {
            t.observe(&[1], 1, 300.0);
        }
        assert!(t.spread() < 0.01, "{}", t.spread());
    }

    #[test]
    fn the_remaining_time_of_an_overrun_service_stays_positive() {
        let mut t = ServiceTimes::new(0.2);
        t.set_default(1, 600.0);
        assert_eq!(t.expected_remaining(&[1], 1, 0.0), 600.0);
        let rest = |e: f64| t.expected_remaining(&[1], 1, e);
        // Lognormal with cv 0.5: about 0.57, 0.46 and 0.45 of the mean (by simulation).
        assert!((rest(300.0) / 600.0 - 0.573).abs() < 0.01, "{}", rest(300.0));
        assert!((rest(600.0) / 600.0 - 0.46).abs() < 0.01, "{}", rest(600.0));
        assert!((rest(900.0) / 600.0 - 0.448).abs() < 0.01, "{}", rest(900.0));
        assert!(rest(1e9) > 0.0);
    }

    #[test]
    fn an_unplanned_service_takes_its_first_observation() {
        let mut t = ServiceTimes::new(0.2);
        t.observe(&[7], 1, 120.0);
        assert_eq!(t.per_person(7), 120.0);
    }
}
