//! Tickets, counters and clocks for the tests: one office morning, times in seconds.

use rathaus_queue::*;
use std::collections::BTreeSet;

/// 09:00 on some day, as epoch seconds.
pub const NINE: i64 = 1_777_878_000;
pub const MIN: i64 = 60;

pub fn skills(services: &[ServiceId]) -> BTreeSet<ServiceId> {
    services.iter().copied().collect()
}

pub fn walk_in(id: TicketId, at: i64) -> WaitingTicket {
    WaitingTicket::walk_in(id, vec![1], at)
}

pub fn appointment(id: TicketId, start: i64, at: i64) -> WaitingTicket {
    WaitingTicket::appointment(id, vec![1], start, at)
}

pub fn priority(mut t: WaitingTicket) -> WaitingTicket {
    t.priority = true;
    t
}

pub fn with_services(mut t: WaitingTicket, services: &[ServiceId]) -> WaitingTicket {
    t.services = services.to_vec();
    t
}

pub fn counter(id: i64, services: &[ServiceId], free_at: i64) -> StaffedCounter {
    StaffedCounter { id, services: skills(services), free_at }
}

/// Every service takes `secs` per person, learned from nothing but the defaults.
pub fn times_of(secs: f64, services: &[ServiceId]) -> ServiceTimes {
    let mut t = ServiceTimes::new(0.2);
    for &s in services {
        t.set_default(s, secs);
    }
    t
}

/// The next ticket for a counter handling service 1 (and 2).
pub fn next(tickets: &[WaitingTicket], now: i64, policy: &QueuePolicy) -> Option<TicketId> {
    next_for_counter(tickets, &skills(&[1, 2]), now, policy)
}
