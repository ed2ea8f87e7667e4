//! One forward run of the counters over a line of tickets with given durations: each counter,
//! when free at simulated time t, calls with the real rules ([`next_index`]); when nothing is
//! callable for it, its time advances to the next moment something becomes due or joins.

use crate::estimate::StaffedCounter;
use crate::order::{Standing, next_index, standing};
use crate::policy::QueuePolicy;
use crate::ticket::{ServiceId, TicketId, WaitingTicket, can_serve};
use std::collections::{BTreeMap, BTreeSet};

/// A ticket in the simulated line: its duration, and whether it is real (its call is
/// reported) or an expected appointment.
pub(crate) struct Entry {
    pub ticket: WaitingTicket,
    pub secs: f64,
    pub real: bool,
}

/// Call instants of the real tickets that some counter can serve. `waiting` are in line at
/// `now`; `joining` join at their `queued_at`; counter k is free at `free_at[k]`.
pub(crate) fn run_forward(
    waiting: Vec<Entry>,
    mut joining: Vec<Entry>,
    free_at: &[i64],
    counters: &[StaffedCounter],
    now: i64,
    policy: &QueuePolicy,
) -> BTreeMap<TicketId, i64> {
    let servable = |t: &WaitingTicket| counters.iter().any(|c| can_serve(&c.services, t));
    let mut left = waiting.iter().filter(|e| e.real && servable(&e.ticket)).count();
    let mut line = Line { entries: Vec::new(), tickets: Vec::new() };
    for e in waiting {
        line.push(e);
    }
    joining.sort_by_key(|e| std::cmp::Reverse(e.ticket.queued_at));
    let mut free: Vec<Option<i64>> = free_at.iter().map(|&f| Some(f.max(now))).collect();
    let mut calls = BTreeMap::new();
    while left > 0 {
        let Some((k, t)) = free.iter().enumerate().filter_map(|(k, f)| Some((k, (*f)?))).min_by_key(|&(k, t)| (t, k))
        else {
            break;
        };
        while let Some(e) = joining.pop_if(|e| e.ticket.queued_at <= t) {
            line.push(e);
        }
        let services = &counters[k].services;
        free[k] = match next_index(&line.tickets, services, t, policy) {
            Some(i) => {
                let e = line.take(i);
                if e.real {
                    calls.insert(e.ticket.id, t);
                    left -= 1;
                }
                Some(t.saturating_add(e.secs.round() as i64))
            }
            None => {
                let joins = joining.iter().rev().find(|e| can_serve(services, &e.ticket)).map(|e| e.ticket.queued_at);
                line.next_due(services, t, policy).into_iter().chain(joins).min()
            }
        };
    }
    calls
}

/// The simulated line; the tickets are kept apart too, for [`next_index`].
struct Line {
    entries: Vec<(f64, bool)>,
    tickets: Vec<WaitingTicket>,
}

impl Line {
    fn push(&mut self, e: Entry) {
        self.entries.push((e.secs, e.real));
        self.tickets.push(e.ticket);
    }

    fn take(&mut self, i: usize) -> Entry {
        let (secs, real) = self.entries.swap_remove(i);
        Entry { ticket: self.tickets.swap_remove(i), secs, real }
    }

    /// When the next early appointment this counter can serve becomes due; only needed when
    /// counters do not call early appointments.
    fn next_due(&self, services: &BTreeSet<ServiceId>, now: i64, policy: &QueuePolicy) -> Option<i64> {
        if policy.serve_early_when_idle {
            return None;
        }
        self.tickets
            .iter()
            .filter(|t| can_serve(services, t) && standing(t, now, policy) == Standing::Early)
            .filter_map(|t| Some(t.appointment_start()?.saturating_sub(policy.early_call_secs)))
            .min()
    }
}
