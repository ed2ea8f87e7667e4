//! A ticket waiting at the front desk: where it came from (appointment or walk-in), what it
//! needs (services × persons) and its place in line.

use std::collections::BTreeSet;

/// A ticket's id, as stored.
pub type TicketId = i64;
/// A service of the catalogue, as stored.
pub type ServiceId = i64;

/// How the ticket came about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Booked for `start` (UTC epoch seconds).
    Appointment { start: i64 },
    /// Drawn at the desk or the kiosk without an appointment.
    WalkIn,
}

/// One checked-in ticket that has not been called (or was re-queued after an unanswered
/// call). Instants are UTC epoch seconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitingTicket {
    pub id: TicketId,
    pub origin: Origin,
    /// Non-empty; a counter must handle all of them to call the ticket.
    pub services: Vec<ServiceId>,
    /// At least one.
    pub persons: u32,
    pub checked_in_at: i64,
    /// The place in line: equals `checked_in_at`, and is kept unchanged on a transfer to
    /// other services and on a re-queue after an unanswered call.
    pub queued_at: i64,
    /// E.g. severely disabled, pregnant, emergency.
    pub priority: bool,
}

impl WaitingTicket {
    /// A plain walk-in ticket for one person, checked in at `at`.
    pub fn walk_in(id: TicketId, services: Vec<ServiceId>, at: i64) -> Self {
        Self { id, origin: Origin::WalkIn, services, persons: 1, checked_in_at: at, queued_at: at, priority: false }
    }

    /// An appointment ticket for one person, booked for `start` and checked in at `at`.
    pub fn appointment(id: TicketId, services: Vec<ServiceId>, start: i64, at: i64) -> Self {
        Self {
            id,
            origin: Origin::Appointment { start },
            services,
            persons: 1,
            checked_in_at: at,
            queued_at: at,
            priority: false,
        }
    }

    /// The appointment start, if the ticket has one.
    pub fn appointment_start(&self) -> Option<i64> {
        match self.origin {
            Origin::Appointment { start } => Some(start),
            Origin::WalkIn => None,
        }
    }
}

/// Whether a counter handling `counter_services` may serve the ticket: it handles all of the
/// ticket's services.
pub fn can_serve(counter_services: &BTreeSet<ServiceId>, ticket: &WaitingTicket) -> bool {
    ticket.services.iter().all(|s| counter_services.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counter_must_handle_every_service_of_the_ticket() {
        let counter: BTreeSet<ServiceId> = [1, 2].into();
        assert!(can_serve(&counter, &WaitingTicket::walk_in(1, vec![1], 0)));
        assert!(can_serve(&counter, &WaitingTicket::walk_in(2, vec![2, 1], 0)));
        assert!(!can_serve(&counter, &WaitingTicket::walk_in(3, vec![1, 3], 0)));
        assert!(!can_serve(&BTreeSet::new(), &WaitingTicket::walk_in(4, vec![1], 0)));
    }
}
