//! The front desk around the pure queue (`rathaus-queue`) and its storage
//! (`rathaus_db::front_desk`):
//!
//! * [`checkin`]: an appointment checks in (at a terminal, on the citizen's phone, or by
//!   staff) and gets a ticket; a walk-in draws one; numbers follow the place's prefixes.
//! * [`desk`]: a clerk signs in at a counter and calls, recalls, starts, finishes, marks a
//!   no-show, transfers, parks and pauses. Every step is one conditional UPDATE, audited in
//!   its transaction, and published as `queue.changed`.
//! * [`state`]: a place's queue as the displays, phones and desks see it: the call order,
//!   estimated call times from smoothed service times and the staffed counters.
//! * [`devices`]: enrolment codes and device credentials for terminals and displays.
//!
//! Tickets carry no personal data; the audit trail names tickets by id.

pub mod checkin;
pub mod desk;
pub mod devices;
mod error;
pub mod rules;
pub mod state;
pub mod stats;

pub use error::FrontDeskError;

/// The event every change of a place's queue publishes; payload `{"place_id": …}`.
pub const QUEUE_CHANGED: &str = "queue.changed";

/// Where front-desk work happens: the database, the event bus that tells every node, and
/// the tenant whose queue it is.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub db: &'a sea_orm::DatabaseConnection,
    pub events: &'a rathaus_worker::EventBus,
    pub tenant: rathaus_db::TenantId,
}

/// Who did something, for the audit trail.
#[derive(Debug, Clone)]
pub enum Actor {
    Staff {
        user_id: i64,
        email: String,
    },
    Device {
        id: i64,
    },
    /// The citizen on their phone.
    Citizen,
}

impl Actor {
    pub(crate) fn entry(&self, action: &str) -> rathaus_db::audit::AuditEntry {
        use rathaus_db::audit::AuditEntry;
        match self {
            Actor::Staff { user_id, email } => AuditEntry::new(Some(*user_id), email.clone(), action),
            Actor::Device { id } => AuditEntry::new(None, format!("device:{id}"), action),
            Actor::Citizen => AuditEntry::new(None, "citizen", action),
        }
    }

    /// The staff member's user id, if the actor is one.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::Staff { user_id, .. } => Some(*user_id),
            _ => None,
        }
    }
}

/// Publishes that the place's queue changed. Best effort: state lives in the database.
pub(crate) async fn publish_change(events: &rathaus_worker::EventBus, tenant: rathaus_db::TenantId, place_id: i64) {
    let event = rathaus_worker::Event {
        topic: QUEUE_CHANGED.into(),
        tenant_id: Some(tenant.0),
        payload: serde_json::json!({ "place_id": place_id }),
    };
    if let Err(e) = events.publish(event).await {
        tracing::warn!(error = %e, place_id, "queue change not published");
    }
}
