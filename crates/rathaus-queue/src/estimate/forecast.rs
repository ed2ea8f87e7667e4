//! Estimated call times: the staffed counters are simulated forward from their current
//! state with the real call rules, by default many times over with sampled durations and
//! shows ([`Method::Sampled`]), with booked appointments that are still on their way joining
//! the line when due.

use crate::estimate::ServiceTimes;
use crate::estimate::forward::{Entry, run_forward};
use crate::order::rank;
use crate::policy::QueuePolicy;
use crate::rng::Rng;
use crate::ticket::{Origin, ServiceId, TicketId, WaitingTicket, can_serve};
use std::collections::{BTreeMap, BTreeSet};

/// A counter with a clerk: what it handles and when it is free. `free_at` is `now` if idle,
/// else when the current service is expected to end (clamped to `now` or later; see
/// [`ServiceTimes::expected_remaining`]).
#[derive(Clone, Debug)]
pub struct StaffedCounter {
    pub id: i64,
    pub services: BTreeSet<ServiceId>,
    pub free_at: i64,
}

/// A booked appointment whose holder has not checked in yet, usually from
/// [`Punctuality::expect`](crate::estimate::Punctuality::expect). In the forward simulation
/// it joins the line at `joins_at` (at the earliest just after now, so behind everyone
/// waiting for the same start) if the holder comes.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedAppointment {
    pub start: i64,
    pub services: Vec<ServiceId>,
    pub persons: u32,
    /// In [0, 1]: the chance that the holder still comes in time.
    pub show_probability: f64,
    /// When the holder is expected to be in line and due.
    pub joins_at: i64,
}

/// How the forward simulation is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// One run with the expected durations; an expected appointment takes its show
    /// probability × its expected duration.
    MeanPath,
    /// `runs` runs with lognormal durations around the expectation with
    /// [`ServiceTimes::spread`] (also for the counters' remaining time), each expected
    /// appointment coming or not by its show probability; per ticket the median instant,
    /// which minimises the absolute error. With several counters the next free one is
    /// sooner than the soonest expected end, which a single mean path misses.
    Sampled { runs: u32 },
}

impl Default for Method {
    /// [`Method::Sampled`] with 32 runs.
    fn default() -> Self {
        Method::Sampled { runs: 32 }
    }
}

/// Estimated call instant per waiting ticket ([`forecast_calls`] with the default method
/// and no expected appointments). Tickets no staffed counter can serve are absent.
pub fn estimate_calls(
    tickets: &[WaitingTicket],
    counters: &[StaffedCounter],
    times: &ServiceTimes,
    now: i64,
    policy: &QueuePolicy,
) -> BTreeMap<TicketId, i64> {
    forecast_calls(tickets, &[], counters, times, now, policy, Method::default())
}

/// [`estimate_calls`] with the appointments still expected today: they go before the
/// walk-ins once due, so leaving them out makes walk-ins' estimates far too short.
pub fn estimate_calls_with(
    tickets: &[WaitingTicket],
    expected: &[ExpectedAppointment],
    counters: &[StaffedCounter],
    times: &ServiceTimes,
    now: i64,
    policy: &QueuePolicy,
) -> BTreeMap<TicketId, i64> {
    forecast_calls(tickets, expected, counters, times, now, policy, Method::default())
}

/// Estimated call instant per waiting ticket, at or after `now`. Each counter, when free at
/// simulated time t, takes `next_for_counter(remaining, its services, t, policy)`; when
/// nothing is callable, its time advances to when something becomes due or joins. The
/// result does not depend on the order of the inputs (sampling is seeded from them).
pub fn forecast_calls(
    tickets: &[WaitingTicket],
    expected: &[ExpectedAppointment],
    counters: &[StaffedCounter],
    times: &ServiceTimes,
    now: i64,
    policy: &QueuePolicy,
    method: Method,
) -> BTreeMap<TicketId, i64> {
    let mut tickets: Vec<&WaitingTicket> = tickets.iter().collect();
    tickets.sort_by_key(|t| t.id);
    let mut counters = counters.to_vec();
    counters.sort_by_key(|c| c.id);
    let joining = joining_tickets(expected, now);
    let mean = |t: &WaitingTicket| times.expected(&t.services, t.persons);
    let entry = |ticket: &WaitingTicket, secs, real| Entry { ticket: ticket.clone(), secs, real };
    let runs = match method {
        Method::Sampled { runs } if runs > 0 => runs,
        _ => {
            let waiting = tickets.iter().map(|t| entry(t, mean(t), true)).collect();
            let joining = joining.iter().map(|(t, p)| entry(t, p * mean(t), false)).collect();
            let free: Vec<i64> = counters.iter().map(|c| c.free_at).collect();
            return run_forward(waiting, joining, &free, &counters, now, policy);
        }
    };
    let cv = times.spread();
    let mut rng = Rng::new(tickets.iter().fold(now as u64, |h, t| h.rotate_left(5) ^ t.id as u64));
    let mut samples: BTreeMap<TicketId, Vec<i64>> = BTreeMap::new();
    for _ in 0..runs {
        let waiting = tickets.iter().map(|t| entry(t, rng.lognormal(mean(t), cv), true)).collect();
        let mut coming = Vec::new();
        for (t, p) in &joining {
            if rng.chance(*p) {
                coming.push(entry(t, rng.lognormal(mean(t), cv), false));
            }
        }
        let free: Vec<i64> = counters
            .iter()
            .map(|c| match c.free_at.saturating_sub(now) {
                rest if rest > 0 => now.saturating_add(rng.lognormal(rest as f64, cv).round() as i64),
                _ => now,
            })
            .collect();
        for (id, t) in run_forward(waiting, coming, &free, &counters, now, policy) {
            samples.entry(id).or_default().push(t);
        }
    }
    samples
        .into_iter()
        .map(|(id, mut at)| {
            at.sort_unstable();
            (id, at[at.len() / 2])
        })
        .collect()
}

/// The expected appointments as tickets joining the line, with their show probability, in
/// a canonical order.
fn joining_tickets(expected: &[ExpectedAppointment], now: i64) -> Vec<(WaitingTicket, f64)> {
    let mut expected: Vec<&ExpectedAppointment> = expected.iter().filter(|e| e.show_probability > 0.0).collect();
    expected.sort_by(|a, b| {
        (a.joins_at, a.start, &a.services, a.persons)
            .cmp(&(b.joins_at, b.start, &b.services, b.persons))
            .then(a.show_probability.total_cmp(&b.show_probability))
    });
    expected
        .into_iter()
        .zip(0..)
        .map(|(e, k)| {
            let at = e.joins_at.max(now.saturating_add(1));
            let ticket = WaitingTicket {
                id: i64::MIN + k,
                origin: Origin::Appointment { start: e.start },
                services: e.services.clone(),
                persons: e.persons,
                checked_in_at: at,
                queued_at: at,
                priority: false,
            };
            (ticket, e.show_probability.min(1.0))
        })
        .collect()
}

/// 1-based position among the tickets that a counter able to serve this ticket could call
/// before it ("people ahead of you"), in the order of the estimated calls; `None` if the
/// ticket is not waiting. A ticket no staffed counter can serve gets its place in [`rank`].
/// For every ticket of a display at once, [`positions`] does the work only once.
pub fn position(
    tickets: &[WaitingTicket],
    id: TicketId,
    counters: &[StaffedCounter],
    times: &ServiceTimes,
    now: i64,
    policy: &QueuePolicy,
) -> Option<usize> {
    let me = tickets.iter().find(|t| t.id == id)?;
    positions_of(tickets, std::slice::from_ref(me), counters, times, now, policy).into_values().next()
}

/// [`position`] of every waiting ticket.
pub fn positions(
    tickets: &[WaitingTicket],
    counters: &[StaffedCounter],
    times: &ServiceTimes,
    now: i64,
    policy: &QueuePolicy,
) -> BTreeMap<TicketId, usize> {
    positions_of(tickets, tickets, counters, times, now, policy)
}

/// The positions of `of` among `tickets`. The order comes from the mean path: positions
/// only need the order, not the spread.
fn positions_of(
    tickets: &[WaitingTicket],
    of: &[WaitingTicket],
    counters: &[StaffedCounter],
    times: &ServiceTimes,
    now: i64,
    policy: &QueuePolicy,
) -> BTreeMap<TicketId, usize> {
    let order: BTreeMap<TicketId, usize> = rank(tickets, now, policy).into_iter().zip(0..).collect();
    let calls = forecast_calls(tickets, &[], counters, times, now, policy, Method::MeanPath);
    let place = |t: &WaitingTicket| calls.get(&t.id).map(|&call| (call, order[&t.id]));
    of.iter()
        .map(|me| {
            let Some(mine) = place(me) else { return (me.id, order[&me.id] + 1) };
            let able: Vec<&StaffedCounter> = counters.iter().filter(|c| can_serve(&c.services, me)).collect();
            let ahead = tickets
                .iter()
                .filter(|t| t.id != me.id && able.iter().any(|c| can_serve(&c.services, t)))
                .filter(|t| place(t).is_some_and(|p| p < mine))
                .count();
            (me.id, ahead + 1)
        })
        .collect()
}
