//! Further manage links of an appointment (`appointment_links`): each message that carries
//! a link written after the confirmation gets a fresh token, stored only as its hash.
//! Looking an appointment up by a token tries the first link (`manage_token_hash`) and then
//! these.

use crate::appointments::records::{self, Appointment};
use crate::entity::appointment_link::{self, Column};
use crate::{StoreError, TenantId};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Records another link token (its hash) for an appointment.
pub async fn add(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    appointment_id: i64,
    token_hash: &str,
    now: i64,
) -> Result<(), StoreError> {
    appointment_link::ActiveModel {
        tenant_id: Set(tenant.0),
        appointment_id: Set(appointment_id),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The appointment a manage-token hash belongs to, by its first link or a later one.
pub async fn appointment_by_token_hash(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    hash: &str,
) -> Result<Option<Appointment>, StoreError> {
    if let Some(found) = records::by_manage_token_hash(db, tenant, hash).await? {
        return Ok(Some(found));
    }
    let link = appointment_link::Entity::find()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::TokenHash.eq(hash))
        .one(db)
        .await?;
    match link {
        Some(l) => records::get(db, tenant, l.appointment_id).await,
        None => Ok(None),
    }
}
