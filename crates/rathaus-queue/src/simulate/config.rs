//! The parameters of a simulated office day, and a typical Bürgerbüro: six counters, five
//! services, appointments in ten-minute slots and a morning peak of walk-ins.

use crate::estimate::{Method, Punctuality};
use crate::policy::QueuePolicy;
use crate::ticket::ServiceId;
use std::collections::BTreeSet;

/// One service of the simulated catalogue. Durations are seconds per person.
#[derive(Clone, Debug)]
pub struct SimService {
    pub id: ServiceId,
    /// The catalogue's planned duration: what appointments are booked with and what the
    /// estimator starts from.
    pub planned_secs: f64,
    /// The true mean, which the estimator does not know.
    pub mean_secs: f64,
    /// Coefficient of variation of the lognormal durations.
    pub cv: f64,
    /// Share of the demand.
    pub weight: f64,
}

/// How the estimator is run during the simulated day.
#[derive(Clone, Debug)]
pub struct EstimatorConfig {
    /// Smoothing factor of [`ServiceTimes`](crate::estimate::ServiceTimes).
    pub alpha: f64,
    /// Count the booked appointments that have not checked in yet
    /// ([`estimate_calls_with`](crate::estimate::estimate_calls_with)).
    pub expect_appointments: bool,
    /// How appointment holders turn up, as the office knows it from past days.
    pub punctuality: Punctuality,
    /// Estimate a busy counter's end by [`ServiceTimes::expected_remaining`] rather than
    /// call time + expectation (clamped to now).
    ///
    /// [`ServiceTimes::expected_remaining`]: crate::estimate::ServiceTimes::expected_remaining
    pub remaining_time: bool,
    pub method: Method,
}

/// One office day. Instants are seconds after `midnight` (a UTC epoch second).
#[derive(Clone, Debug)]
pub struct DayConfig {
    pub midnight: i64,
    pub opens: i64,
    pub closes: i64,
    /// The last walk-in check-in; everyone checked in is served, also after closing.
    pub walk_ins_until: i64,
    pub services: Vec<SimService>,
    /// The services each staffed counter handles; all counters are staffed all day.
    pub counters: Vec<BTreeSet<ServiceId>>,
    pub slot_secs: i64,
    /// Share of each counter's slots taken by appointments (booked at planned durations).
    pub appointment_fill: f64,
    pub no_show_rate: f64,
    /// Appointment holders arrive at start + N(offset, sd)…
    pub arrival_offset_secs: f64,
    pub arrival_sd_secs: f64,
    /// …except this share, who come 10 to 40 minutes after the start.
    pub late_rate: f64,
    /// Walk-ins per hour outside the peak (a Poisson process)…
    pub walk_ins_per_hour: f64,
    /// …times this factor at the height of the morning peak (09:30, sd 75 minutes).
    pub morning_peak: f64,
    pub multi_service_rate: f64,
    pub priority_rate: f64,
    /// Share of tickets whose holder misses one to three calls (three: parked).
    pub unanswered_rate: f64,
    /// How long a clerk waits for an unanswered call.
    pub call_timeout_secs: i64,
    /// Weights of 1, 2, 3 persons per ticket.
    pub persons: [f64; 3],
    pub policy: QueuePolicy,
    pub estimator: EstimatorConfig,
}

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;

impl DayConfig {
    /// A typical Bürgerbüro on Monday 4 May 2026 (Berlin), 08:00–16:00.
    pub fn typical() -> Self {
        let service = |id, planned: f64, mean: f64, weight| SimService {
            id,
            planned_secs: planned * 60.0,
            mean_secs: mean * 60.0,
            cv: 0.5,
            weight,
        };
        let skills = |s: &[ServiceId]| s.iter().copied().collect::<BTreeSet<_>>();
        Self {
            midnight: 1_777_845_600,
            opens: 8 * HOUR,
            closes: 16 * HOUR,
            walk_ins_until: 15 * HOUR + 30 * MINUTE,
            services: vec![
                service(1, 10.0, 7.0, 0.30),  // registration of address
                service(2, 15.0, 12.0, 0.25), // identity card
                service(3, 15.0, 16.0, 0.15), // passport
                service(4, 5.0, 5.0, 0.20),   // certificates, certified copies
                service(5, 30.0, 25.0, 0.10), // vehicle registration
            ],
            counters: vec![
                skills(&[1, 2, 3, 4]),
                skills(&[1, 2, 3, 4]),
                skills(&[1, 2, 3, 4]),
                skills(&[1, 2, 4]),
                skills(&[1, 4, 5]),
                skills(&[2, 3, 5]),
            ],
            slot_secs: 10 * MINUTE,
            appointment_fill: 0.7,
            no_show_rate: 0.12,
            arrival_offset_secs: -300.0,
            arrival_sd_secs: 360.0,
            late_rate: 0.05,
            walk_ins_per_hour: 8.0,
            morning_peak: 2.5,
            multi_service_rate: 0.10,
            priority_rate: 0.05,
            unanswered_rate: 0.03,
            call_timeout_secs: MINUTE,
            persons: [0.85, 0.12, 0.03],
            policy: QueuePolicy::default(),
            estimator: EstimatorConfig {
                alpha: 0.1,
                expect_appointments: true,
                punctuality: Punctuality::default(),
                remaining_time: true,
                method: Method::default(),
            },
        }
    }

    /// The walk-in rate per second at `t` seconds after midnight.
    pub(crate) fn walk_in_rate(&self, t: i64) -> f64 {
        let z = (t - (9 * HOUR + 30 * MINUTE)) as f64 / (75 * MINUTE) as f64;
        self.walk_ins_per_hour / HOUR as f64 * (1.0 + (self.morning_peak - 1.0) * (-z * z / 2.0).exp())
    }

    pub(crate) fn service(&self, id: ServiceId) -> Option<&SimService> {
        self.services.iter().find(|s| s.id == id)
    }
}
