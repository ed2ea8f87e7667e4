//! Counters (Schalter) of locations and video desks of virtual offices. A counter's name is
//! what the sign and the call display show. Counters are deactivated rather than deleted
//! once in use, because tickets and appointments refer to them.

use super::{conflict, places};
use crate::entity::counter;
use crate::{StoreError, TenantId, now};
use rathaus_domain::Slug;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use counter::Model as Counter;

/// The counters of a place (active and inactive), by key; none for another tenant's place.
pub async fn list(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64) -> Result<Vec<Counter>, StoreError> {
    Ok(counter::Entity::find()
        .filter(counter::Column::TenantId.eq(tenant.0))
        .filter(counter::Column::PlaceId.eq(place_id))
        .order_by_asc(counter::Column::Key)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Counter>, StoreError> {
    Ok(counter::Entity::find_by_id(id).filter(counter::Column::TenantId.eq(tenant.0)).one(db).await?)
}

/// Adds an active counter to a place of this tenant; `counter-key-taken` if the place has
/// one with this key.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    key: &Slug,
    name: &str,
) -> Result<Counter, StoreError> {
    places::require(db, tenant, place_id, None).await?;
    let t = now();
    counter::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(place_id),
        key: Set(key.as_str().to_owned()),
        name: Set(name.to_owned()),
        active: Set(true),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| conflict(e, &[], "counter-key-taken"))
}

/// Renames a counter and (de)activates it.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    name: &str,
    active: bool,
) -> Result<Counter, StoreError> {
    let existing = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    let mut m: counter::ActiveModel = existing.into();
    m.name = Set(name.to_owned());
    m.active = Set(active);
    m.updated_at = Set(now());
    Ok(m.update(db).await?)
}

/// Deletes a counter that was never used (callers check; later tables will refuse it).
pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    let result = counter::Entity::delete_many()
        .filter(counter::Column::TenantId.eq(tenant.0))
        .filter(counter::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}
