//! Terminals and call displays. A device is created with a one-time enrolment code and
//! enrolled by swapping that code for a long-lived credential (a conditional UPDATE: each
//! code enrols once). Only hashes are stored.

use crate::entity::device;
use crate::{StoreError, TenantId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use device::Model as Device;

/// What a device may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceKind {
    /// Check-in terminal: check in, draw walk-in tickets, print.
    Terminal,
    /// Call display: shows calls, nothing else.
    Display,
}

impl DeviceKind {
    pub fn code(self) -> &'static str {
        match self {
            DeviceKind::Terminal => "terminal",
            DeviceKind::Display => "display",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [DeviceKind::Terminal, DeviceKind::Display].into_iter().find(|k| k.code() == code)
    }
}

impl Device {
    pub fn device_kind(&self) -> Option<DeviceKind> {
        DeviceKind::parse(&self.kind)
    }

    pub fn is_active(&self) -> bool {
        self.revoked_at.is_none() && self.credential_hash.is_some()
    }
}

pub struct NewDevice<'a> {
    pub place_id: i64,
    pub kind: DeviceKind,
    pub name: &'a str,
    pub created_by_user_id: Option<i64>,
    pub enrolment_hash: String,
    pub enrolment_expires_at: i64,
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewDevice<'_>,
    now: i64,
) -> Result<Device, StoreError> {
    Ok(device::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(new.place_id),
        kind: Set(new.kind.code().to_owned()),
        name: Set(new.name.to_owned()),
        enrolment_hash: Set(Some(new.enrolment_hash)),
        enrolment_expires_at: Set(Some(new.enrolment_expires_at)),
        credential_hash: Set(None),
        created_by_user_id: Set(new.created_by_user_id),
        created_at: Set(now),
        enrolled_at: Set(None),
        last_seen_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Device>, StoreError> {
    Ok(device::Entity::find()
        .filter(device::Column::TenantId.eq(tenant.0))
        .order_by_asc(device::Column::Id)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Device>, StoreError> {
    Ok(device::Entity::find_by_id(id).filter(device::Column::TenantId.eq(tenant.0)).one(db).await?)
}

/// Swaps an unexpired enrolment code for a credential; `None` if the code is unknown,
/// used, expired or revoked.
pub async fn enrol(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    enrolment_hash: &str,
    credential_hash: &str,
    now: i64,
) -> Result<Option<Device>, StoreError> {
    let changed = device::Entity::update_many()
        .col_expr(device::Column::CredentialHash, Expr::value(credential_hash))
        .col_expr(device::Column::EnrolmentHash, Expr::value(Option::<String>::None))
        .col_expr(device::Column::EnrolledAt, Expr::value(now))
        .col_expr(device::Column::LastSeenAt, Expr::value(now))
        .filter(device::Column::TenantId.eq(tenant.0))
        .filter(device::Column::EnrolmentHash.eq(enrolment_hash))
        .filter(device::Column::EnrolmentExpiresAt.gt(now))
        .filter(device::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if changed != 1 {
        return Ok(None);
    }
    by_credential(db, tenant, credential_hash).await
}

/// The active device with this credential.
pub async fn by_credential(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    credential_hash: &str,
) -> Result<Option<Device>, StoreError> {
    Ok(device::Entity::find()
        .filter(device::Column::TenantId.eq(tenant.0))
        .filter(device::Column::CredentialHash.eq(credential_hash))
        .filter(device::Column::RevokedAt.is_null())
        .one(db)
        .await?)
}

/// Notes that the device was seen, at most once a minute.
pub async fn touch(db: &impl ConnectionTrait, id: i64, now: i64) -> Result<(), StoreError> {
    device::Entity::update_many()
        .col_expr(device::Column::LastSeenAt, Expr::value(now))
        .filter(device::Column::Id.eq(id))
        .filter(device::Column::LastSeenAt.lt(now - 60))
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes the device (and any unused enrolment code); `false` if it was already revoked.
pub async fn revoke(db: &impl ConnectionTrait, tenant: TenantId, id: i64, now: i64) -> Result<bool, StoreError> {
    let changed = device::Entity::update_many()
        .col_expr(device::Column::RevokedAt, Expr::value(now))
        .col_expr(device::Column::EnrolmentHash, Expr::value(Option::<String>::None))
        .filter(device::Column::TenantId.eq(tenant.0))
        .filter(device::Column::Id.eq(id))
        .filter(device::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}
