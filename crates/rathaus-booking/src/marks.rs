//! What staff record about an appointment on the day: the citizen arrived, did not come
//! (no-show), or was served (completed); and undoing a mark made by mistake.
//!
//! [`next_status`] is the pure rule; [`mark`] applies it with one conditional UPDATE on the
//! status read, audited in the same transaction, so two clerks marking at once cannot both
//! win with different marks.

use crate::error::BookingError;
use jiff::Timestamp;
use rathaus_db::appointments::changes;
use rathaus_db::appointments::records::{self, Status};
use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::{TenantId, begin_write};
use sea_orm::DatabaseConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Arrived,
    NoShow,
    Completed,
    /// Back to confirmed (a mark made by mistake).
    Undo,
}

impl Mark {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "arrived" => Some(Self::Arrived),
            "no_show" => Some(Self::NoShow),
            "completed" => Some(Self::Completed),
            "undo" => Some(Self::Undo),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Arrived => "arrived",
            Self::NoShow => "no_show",
            Self::Completed => "completed",
            Self::Undo => "undo",
        }
    }
}

/// The status an appointment gets from `mark`, or `None` where the mark makes no sense:
/// arrival from confirmed (or from no-show, for someone who came late after all); no-show
/// only from confirmed and once the start has passed; completed from arrived or confirmed;
/// undo from arrived, no-show or completed. Held and cancelled appointments take no marks.
pub fn next_status(from: Status, mark: Mark, started: bool) -> Option<Status> {
    use Status::*;
    match (mark, from) {
        (Mark::Arrived, Confirmed | NoShow) => Some(Arrived),
        (Mark::NoShow, Confirmed) if started => Some(NoShow),
        (Mark::Completed, Arrived | Confirmed) => Some(Completed),
        (Mark::Undo, Arrived | NoShow | Completed) => Some(Confirmed),
        _ => None,
    }
}

/// Marks an appointment. Errors: [`BookingError::NotFound`], `Invalid("mark-not-allowed")`
/// (also when another clerk changed it meanwhile).
pub async fn mark(
    db: &DatabaseConnection,
    tenant: TenantId,
    appointment_id: i64,
    mark: Mark,
    audit_entry: AuditEntry,
    now: Timestamp,
) -> Result<Status, BookingError> {
    let tx = begin_write(db).await?;
    let Some(a) = records::get(&tx, tenant, appointment_id).await? else {
        tx.rollback().await?;
        return Err(BookingError::NotFound);
    };
    let from = a.status()?;
    let Some(to) = next_status(from, mark, now.as_second() >= a.start_s) else {
        tx.rollback().await?;
        return Err(if from == Status::Held {
            BookingError::NotFound
        } else {
            BookingError::Invalid("mark-not-allowed")
        });
    };
    if !changes::set_status(&tx, tenant, a.id, from, to, now.as_second()).await? {
        tx.rollback().await?;
        return Err(BookingError::Invalid("mark-not-allowed"));
    }
    let entry = AuditEntry { action: format!("appointment.{}", mark.code()), ..audit_entry }
        .target("appointment", a.id)
        .details(serde_json::json!({"from": from.code(), "to": to.code()}));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_day_at_the_counter() {
        use Status::*;
        assert_eq!(next_status(Confirmed, Mark::Arrived, false), Some(Arrived));
        assert_eq!(next_status(Confirmed, Mark::NoShow, false), None, "not before the start");
        assert_eq!(next_status(Confirmed, Mark::NoShow, true), Some(NoShow));
        assert_eq!(next_status(NoShow, Mark::Arrived, true), Some(Arrived));
        assert_eq!(next_status(Arrived, Mark::Completed, true), Some(Completed));
        assert_eq!(next_status(Completed, Mark::Undo, true), Some(Confirmed));
        for mark in [Mark::Arrived, Mark::NoShow, Mark::Completed, Mark::Undo] {
            for from in [Held, Cancelled] {
                assert_eq!(next_status(from, mark, true), None, "{from:?} {mark:?}");
            }
        }
        assert_eq!(next_status(Confirmed, Mark::Undo, true), None);
    }
}
