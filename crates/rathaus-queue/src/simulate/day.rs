//! The discrete-event run of one office day: tickets check in, the estimator predicts each
//! one's call from what the office knows at that moment, and the counters call with the real
//! rules ([`next_index`], unanswered calls) until everyone is served.

use crate::estimate::{ExpectedAppointment, ServiceTimes, StaffedCounter, forecast_calls};
use crate::order::{Standing, next_index, standing};
use crate::policy::{CallOutcome, QueuePolicy, after_unanswered_call};
use crate::simulate::config::DayConfig;
use crate::simulate::plan::Plan;
use crate::ticket::WaitingTicket;

/// What a counter is doing: calling or serving visit `visit` since `since`, until `until`.
#[derive(Clone, Copy, Debug)]
struct Busy {
    visit: usize,
    since: i64,
    until: i64,
    answered: bool,
}

/// What happened to each visit.
#[derive(Clone, Debug, Default)]
pub(crate) struct Outcome {
    pub predicted: Vec<Option<i64>>,
    pub first_call: Vec<Option<i64>>,
    /// Visits parked or closed as no-shows after unanswered calls.
    pub lost: usize,
}

pub(crate) fn run_day(plan: &Plan, config: &DayConfig) -> Outcome {
    let policy = &config.policy;
    let n = plan.visits.len();
    let mut times = ServiceTimes::new(config.estimator.alpha);
    for s in &config.services {
        times.set_default(s.id, s.planned_secs);
    }
    let mut out = Outcome { predicted: vec![None; n], first_call: vec![None; n], lost: 0 };
    let mut arrived = vec![false; n];
    let mut unanswered = vec![0u32; n];
    let mut busy: Vec<Option<Busy>> = vec![None; config.counters.len()];
    let mut waiting: Vec<WaitingTicket> = Vec::new();
    let mut next = 0;
    let mut now = i64::MIN;
    loop {
        let idle = busy.iter().any(Option::is_none);
        let Some(t) = plan
            .visits
            .get(next)
            .map(|v| v.ticket.checked_in_at)
            .into_iter()
            .chain(busy.iter().flatten().map(|b| b.until))
            .chain(next_due(&waiting, idle, now, policy))
            .min()
        else {
            break;
        };
        for b in busy.iter_mut().filter(|b| b.is_some_and(|b| b.until == t)) {
            let Some(done) = b.take() else { continue };
            let visit = &plan.visits[done.visit];
            if done.answered {
                times.observe(&visit.ticket.services, visit.ticket.persons, (done.until - done.since) as f64);
                continue;
            }
            unanswered[done.visit] += 1;
            match after_unanswered_call(unanswered[done.visit], policy) {
                CallOutcome::Requeue => waiting.push(visit.ticket.clone()),
                CallOutcome::Park | CallOutcome::NoShow => out.lost += 1,
            }
        }
        while plan.visits.get(next).is_some_and(|v| v.ticket.checked_in_at == t) {
            arrived[next] = true;
            waiting.push(plan.visits[next].ticket.clone());
            let counters = staffed(config, &busy, plan, &times, t);
            let expected = expected_appointments(config, plan, &arrived, t);
            let calls = forecast_calls(&waiting, &expected, &counters, &times, t, policy, config.estimator.method);
            out.predicted[next] = calls.get(&plan.visits[next].ticket.id).copied();
            next += 1;
        }
        for (k, b) in busy.iter_mut().enumerate().filter(|(_, b)| b.is_none()) {
            let Some(i) = next_index(&waiting, &config.counters[k], t, policy) else { continue };
            let visit = (waiting.swap_remove(i).id - 1) as usize;
            out.first_call[visit].get_or_insert(t);
            let answered = unanswered[visit] >= plan.visits[visit].missed_calls;
            let secs = if answered { plan.visits[visit].secs } else { config.call_timeout_secs };
            *b = Some(Busy { visit, since: t, until: t + secs, answered });
        }
        now = t;
    }
    out
}

/// When the next early appointment becomes due after `now`, if a counter is idle and waits
/// for it.
fn next_due(waiting: &[WaitingTicket], idle: bool, now: i64, policy: &QueuePolicy) -> Option<i64> {
    if !idle || policy.serve_early_when_idle {
        return None;
    }
    waiting
        .iter()
        .filter(|t| standing(t, now, policy) == Standing::Early)
        .filter_map(|t| Some(t.appointment_start()? - policy.early_call_secs))
        .min()
}

/// The counters as the office sees them: idle, or busy until the expected end of the
/// current call (clamped to now). Whether a call will be answered is not known.
fn staffed(
    config: &DayConfig,
    busy: &[Option<Busy>],
    plan: &Plan,
    times: &ServiceTimes,
    now: i64,
) -> Vec<StaffedCounter> {
    let free_at = |b: &Option<Busy>| match b {
        None => now,
        Some(b) => {
            let t = &plan.visits[b.visit].ticket;
            let end = if config.estimator.remaining_time {
                now as f64 + times.expected_remaining(&t.services, t.persons, (now - b.since) as f64)
            } else {
                b.since as f64 + times.expected(&t.services, t.persons)
            };
            now.max(end.round() as i64)
        }
    };
    busy.iter()
        .zip(&config.counters)
        .zip(0..)
        .map(|((b, services), id)| StaffedCounter { id, services: services.clone(), free_at: free_at(b) })
        .collect()
}

/// The booked appointments whose holders have not checked in by `now`, if the estimator
/// counts them.
fn expected_appointments(config: &DayConfig, plan: &Plan, arrived: &[bool], now: i64) -> Vec<ExpectedAppointment> {
    if !config.estimator.expect_appointments {
        return Vec::new();
    }
    plan.bookings
        .iter()
        .filter(|b| b.visit.is_none_or(|v| !arrived[v]))
        .map(|b| config.estimator.punctuality.expect(b.start, b.services.clone(), b.persons, now, &config.policy))
        .filter(|e| e.show_probability > 0.0)
        .collect()
}
