//! Staff accounts of a tenant. Every query is filtered by the tenant.

use crate::entity::user;
use crate::{StoreError, TenantId, is_unique_violation, now};
use rathaus_domain::{Email, Role};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use user::Model as StaffUser;

impl StaffUser {
    pub fn role(&self) -> Role {
        // Stored roles were parsed on the way in; an unknown value grants the least.
        Role::parse(&self.role).unwrap_or(Role::Clerk)
    }
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    email: &Email,
    display_name: &str,
    role: Role,
    password_hash: Option<String>,
) -> Result<StaffUser, StoreError> {
    let t = now();
    user::ActiveModel {
        tenant_id: Set(tenant.0),
        email: Set(email.as_str().to_owned()),
        display_name: Set(display_name.to_owned()),
        role: Set(role.as_str().to_owned()),
        password_hash: Set(password_hash),
        active: Set(true),
        created_at: Set(t),
        updated_at: Set(t),
        last_login_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| if is_unique_violation(&e) { StoreError::Conflict("email-taken") } else { e.into() })
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<StaffUser>, StoreError> {
    Ok(user::Entity::find_by_id(id).filter(user::Column::TenantId.eq(tenant.0)).one(db).await?)
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    email: &Email,
) -> Result<Option<StaffUser>, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::TenantId.eq(tenant.0))
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<StaffUser>, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::TenantId.eq(tenant.0))
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?)
}

async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    change: impl FnOnce(&mut user::ActiveModel),
) -> Result<StaffUser, StoreError> {
    let existing = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    let mut m: user::ActiveModel = existing.into();
    change(&mut m);
    m.updated_at = Set(now());
    Ok(m.update(db).await?)
}

pub async fn set_active(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    active: bool,
) -> Result<StaffUser, StoreError> {
    update(db, tenant, id, |m| m.active = Set(active)).await
}

pub async fn set_role(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    role: Role,
) -> Result<StaffUser, StoreError> {
    update(db, tenant, id, |m| m.role = Set(role.as_str().to_owned())).await
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    hash: String,
) -> Result<StaffUser, StoreError> {
    update(db, tenant, id, |m| m.password_hash = Set(Some(hash))).await
}

pub async fn record_login(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<StaffUser, StoreError> {
    update(db, tenant, id, |m| m.last_login_at = Set(Some(now()))).await
}
