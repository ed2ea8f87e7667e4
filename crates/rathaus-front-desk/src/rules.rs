//! From stored settings and rows to the pure queue's inputs.

use rathaus_db::front_desk::policy::QueueSettings;
use rathaus_db::front_desk::tickets::Ticket;
use rathaus_queue::{LatePolicy, Origin, QueuePolicy, Unanswered, WaitingTicket};

pub fn queue_policy(s: &QueueSettings) -> QueuePolicy {
    QueuePolicy {
        early_call_secs: i64::from(s.early_call_minutes.max(0)) * 60,
        serve_early_when_idle: true,
        late_grace_secs: i64::from(s.late_grace_minutes.max(0)) * 60,
        late: if s.late_keeps_appointment { LatePolicy::KeepAppointment } else { LatePolicy::AsWalkIn },
        max_wait_secs: i64::from(s.max_wait_minutes.max(1)) * 60,
        max_unanswered_calls: u32::try_from(s.max_unanswered.max(1)).unwrap_or(1),
        after_unanswered: if s.unanswered_no_show { Unanswered::NoShow } else { Unanswered::Park },
    }
}

/// A stored waiting ticket with its services as the queue sees it.
pub fn waiting_ticket(t: &Ticket, services: &[i64]) -> WaitingTicket {
    WaitingTicket {
        id: t.id,
        origin: match (t.kind.as_str(), t.due_s) {
            ("appointment", Some(start)) => Origin::Appointment { start },
            _ => Origin::WalkIn,
        },
        services: services.to_vec(),
        persons: u32::try_from(t.persons.max(1)).unwrap_or(1),
        checked_in_at: t.checked_in_at,
        queued_at: t.queued_at,
        priority: t.priority != 0,
    }
}
