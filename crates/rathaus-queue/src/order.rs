//! The call order: each ticket's [`Standing`] at `now`, the full order for displays
//! ([`rank`]) and the ticket one counter calls next ([`next_for_counter`]). The rules are
//! listed in the crate documentation.

use crate::policy::{LatePolicy, QueuePolicy};
use crate::ticket::{Origin, ServiceId, TicketId, WaitingTicket, can_serve};
use std::collections::BTreeSet;

/// Where a ticket stands at one instant, in the order in which the groups are called.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// Callable and waited longer than `max_wait_secs` since [`waiting_since`].
    Overdue,
    /// Callable and marked priority.
    Priority,
    /// An appointment within its due window, or late under [`LatePolicy::KeepAppointment`].
    Due,
    /// A walk-in, or a late appointment under [`LatePolicy::AsWalkIn`].
    WalkIn,
    /// An appointment that is not due yet: called only by a counter with nothing else to do.
    Early,
}

impl Standing {
    /// Whether a counter may call the ticket without `serve_early_when_idle`.
    pub fn is_callable(self) -> bool {
        self != Standing::Early
    }
}

/// Whether the appointment holder checked in after start + grace.
fn is_late(ticket: &WaitingTicket, policy: &QueuePolicy) -> bool {
    ticket.appointment_start().is_some_and(|start| ticket.checked_in_at > start.saturating_add(policy.late_grace_secs))
}

/// The appointment start that orders the ticket, unless it is in the walk-in line.
fn kept_start(ticket: &WaitingTicket, policy: &QueuePolicy) -> Option<i64> {
    match ticket.origin {
        Origin::Appointment { start } if !(is_late(ticket, policy) && policy.late == LatePolicy::AsWalkIn) => {
            Some(start)
        }
        _ => None,
    }
}

/// The instant from which the ticket's wait counts towards the ageing bound: `queued_at`,
/// but for an appointment not before it became due. Whoever comes an hour early for an
/// appointment is not waiting in line yet, and must not overtake the office by it.
pub fn waiting_since(ticket: &WaitingTicket, policy: &QueuePolicy) -> i64 {
    match kept_start(ticket, policy) {
        Some(start) => ticket.queued_at.max(start.saturating_sub(policy.early_call_secs)),
        None => ticket.queued_at,
    }
}

/// Where the ticket stands at `now`.
pub fn standing(ticket: &WaitingTicket, now: i64, policy: &QueuePolicy) -> Standing {
    let base = match kept_start(ticket, policy) {
        None => Standing::WalkIn,
        Some(_) if is_late(ticket, policy) => Standing::Due,
        Some(start) if now >= start.saturating_sub(policy.early_call_secs) => Standing::Due,
        Some(_) => return Standing::Early,
    };
    if now.saturating_sub(waiting_since(ticket, policy)) > policy.max_wait_secs {
        Standing::Overdue
    } else if ticket.priority {
        Standing::Priority
    } else {
        base
    }
}

/// The sort key: standing, then the group's order, then the id.
fn call_key(ticket: &WaitingTicket, now: i64, policy: &QueuePolicy) -> (Standing, i64, i64, TicketId) {
    let s = standing(ticket, now, policy);
    let (first, second) = match s {
        Standing::Overdue => (waiting_since(ticket, policy), 0),
        Standing::Priority | Standing::WalkIn => (ticket.queued_at, 0),
        Standing::Due | Standing::Early => (kept_start(ticket, policy).unwrap_or(ticket.queued_at), ticket.queued_at),
    };
    (s, first, second, ticket.id)
}

/// The full call order at `now` over all waiting tickets (for displays and estimates),
/// ignoring counter skills. Early appointments come last, in start order.
pub fn rank(tickets: &[WaitingTicket], now: i64, policy: &QueuePolicy) -> Vec<TicketId> {
    let mut keyed: Vec<_> = tickets.iter().map(|t| call_key(t, now, policy)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|k| k.3).collect()
}

/// The index of the ticket a counter should call next.
pub(crate) fn next_index(
    tickets: &[WaitingTicket],
    counter_services: &BTreeSet<ServiceId>,
    now: i64,
    policy: &QueuePolicy,
) -> Option<usize> {
    tickets
        .iter()
        .enumerate()
        .filter(|(_, t)| can_serve(counter_services, t))
        .map(|(i, t)| (call_key(t, now, policy), i))
        .filter(|(k, _)| policy.serve_early_when_idle || k.0.is_callable())
        .min()
        .map(|(_, i)| i)
}

/// The ticket a counter handling `counter_services` should call next, or `None`.
pub fn next_for_counter(
    tickets: &[WaitingTicket],
    counter_services: &BTreeSet<ServiceId>,
    now: i64,
    policy: &QueuePolicy,
) -> Option<TicketId> {
    next_index(tickets, counter_services, now, policy).map(|i| tickets[i].id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_hour_early_does_not_age_before_the_appointment_is_due() {
        let p = QueuePolicy::default();
        let t = WaitingTicket::appointment(1, vec![1], 10_000, 10_000 - 3 * 3600);
        assert_eq!(waiting_since(&t, &p), 10_000 - 300);
        assert_eq!(standing(&t, 10_000 - 301, &p), Standing::Early);
        assert_eq!(standing(&t, 10_000 - 300, &p), Standing::Due);
        assert_eq!(standing(&t, 10_000 - 300 + 3601, &p), Standing::Overdue);
    }

    #[test]
    fn a_late_walk_in_ages_from_its_check_in() {
        let p = QueuePolicy::default();
        let t = WaitingTicket::appointment(1, vec![1], 10_000, 10_000 + 901);
        assert_eq!(waiting_since(&t, &p), 10_901);
        assert_eq!(standing(&t, 10_901, &p), Standing::WalkIn);
    }
}
