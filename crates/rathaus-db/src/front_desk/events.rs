//! The call log of a place: what displays show and catch up from. Rows carry the ticket
//! number and counter name only, no personal data, and are pruned after a few days.

use crate::entity::queue_event;
use crate::{StoreError, TenantId};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

pub use queue_event::Model as QueueEvent;

pub struct NewEvent<'a> {
    pub place_id: i64,
    pub ticket_id: i64,
    /// `called` or `recalled`.
    pub kind: &'a str,
    pub label: &'a str,
    pub counter_name: Option<&'a str>,
}

pub async fn append(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    e: NewEvent<'_>,
    now: i64,
) -> Result<QueueEvent, StoreError> {
    Ok(queue_event::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(e.place_id),
        ticket_id: Set(e.ticket_id),
        kind: Set(e.kind.to_owned()),
        label: Set(e.label.to_owned()),
        counter_name: Set(e.counter_name.map(str::to_owned)),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The place's last `limit` events since `since` (epoch seconds), newest first.
pub async fn recent(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    since: i64,
    limit: u64,
) -> Result<Vec<QueueEvent>, StoreError> {
    Ok(queue_event::Entity::find()
        .filter(queue_event::Column::TenantId.eq(tenant.0))
        .filter(queue_event::Column::PlaceId.eq(place_id))
        .filter(queue_event::Column::At.gte(since))
        .order_by_desc(queue_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Deletes events older than `before`; returns how many.
pub async fn prune(db: &impl ConnectionTrait, before: i64) -> Result<u64, StoreError> {
    Ok(queue_event::Entity::delete_many().filter(queue_event::Column::At.lt(before)).exec(db).await?.rows_affected)
}
