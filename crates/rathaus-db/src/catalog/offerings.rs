//! Which services a place offers: "where can I do this?" (places offering a service) and
//! "what can I do here?" (services offered at a place).

use super::collation::sort_german;
use super::places::{self, Place, PlaceType};
use super::services::{self, Service};
use crate::entity::{place, place_service, service};
use crate::{StoreError, TenantId};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Every `(place_id, service_id)` pair of the tenant.
pub async fn all(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<(i64, i64)>, StoreError> {
    Ok(place_service::Entity::find()
        .filter(place_service::Column::TenantId.eq(tenant.0))
        .order_by_asc(place_service::Column::PlaceId)
        .order_by_asc(place_service::Column::ServiceId)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.place_id, o.service_id))
        .collect())
}

/// The ids of all services (active or not) offered at a place.
pub async fn service_ids(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(place_service::Entity::find()
        .filter(place_service::Column::TenantId.eq(tenant.0))
        .filter(place_service::Column::PlaceId.eq(place_id))
        .order_by_asc(place_service::Column::ServiceId)
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.service_id)
        .collect())
}

/// The active services offered at a place, in German order.
pub async fn services_at(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
) -> Result<Vec<Service>, StoreError> {
    let offered = Query::select()
        .column(place_service::Column::ServiceId)
        .from(place_service::Entity)
        .and_where(place_service::Column::TenantId.eq(tenant.0))
        .and_where(place_service::Column::PlaceId.eq(place_id))
        .to_owned();
    let mut found = service::Entity::find()
        .filter(service::Column::TenantId.eq(tenant.0))
        .filter(service::Column::Active.eq(true))
        .filter(service::Column::Id.in_subquery(offered))
        .all(db)
        .await?;
    sort_german(&mut found, |s| &s.name_de);
    Ok(found)
}

/// The places (of `place_type`, or all) that offer a service, in German order of their names.
pub async fn places_offering(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    service_id: i64,
    place_type: Option<PlaceType>,
) -> Result<Vec<Place>, StoreError> {
    let offering = Query::select()
        .column(place_service::Column::PlaceId)
        .from(place_service::Entity)
        .and_where(place_service::Column::TenantId.eq(tenant.0))
        .and_where(place_service::Column::ServiceId.eq(service_id))
        .to_owned();
    let mut query = place::Entity::find()
        .filter(place::Column::TenantId.eq(tenant.0))
        .filter(place::Column::Id.in_subquery(offering));
    if let Some(t) = place_type {
        query = query.filter(place::Column::PlaceType.eq(t.code()));
    }
    let mut found = query.all(db).await?;
    sort_german(&mut found, |p| &p.name_de);
    Ok(found)
}

/// Offers a service of this tenant at a place of this tenant. `NotFound` for the place,
/// `service-not-found` for the service, `service-already-offered`.
pub async fn offer(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    service_id: i64,
) -> Result<(), StoreError> {
    places::require(db, tenant, place_id, None).await?;
    insert(db, tenant, place_id, service_id).await
}

async fn insert(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64, service_id: i64) -> Result<(), StoreError> {
    if services::get(db, tenant, service_id).await?.is_none() {
        return Err(StoreError::Conflict("service-not-found"));
    }
    place_service::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(place_id),
        service_id: Set(service_id),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| super::conflict(e, &[], "service-already-offered"))?;
    Ok(())
}

/// Stops offering a service at a place (`NotFound` if it was not offered there).
pub async fn withdraw(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    service_id: i64,
) -> Result<(), StoreError> {
    let result = place_service::Entity::delete_many()
        .filter(place_service::Column::TenantId.eq(tenant.0))
        .filter(place_service::Column::PlaceId.eq(place_id))
        .filter(place_service::Column::ServiceId.eq(service_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// Makes `service_ids` exactly the services offered at a place.
pub async fn replace(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    service_ids: &[i64],
) -> Result<(), StoreError> {
    places::require(db, tenant, place_id, None).await?;
    place_service::Entity::delete_many()
        .filter(place_service::Column::TenantId.eq(tenant.0))
        .filter(place_service::Column::PlaceId.eq(place_id))
        .exec(db)
        .await?;
    for &service_id in service_ids {
        insert(db, tenant, place_id, service_id).await?;
    }
    Ok(())
}
