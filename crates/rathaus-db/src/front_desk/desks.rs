//! Who is signed in at which counter. One row per counter; signing in is a conditional
//! upsert that takes a free desk (or the clerk's own), so two clerks never share a counter
//! unless one explicitly takes it over.

use crate::entity::counter_desk;
use crate::{StoreError, TenantId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use counter_desk::Model as Desk;

/// Signs `user_id` in at the counter. Without `take_over` it fails (`false`) while another
/// clerk is signed in there. A clerk sits at one counter at a time: their other desks are
/// freed.
pub async fn sign_in(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    counter_id: i64,
    user_id: i64,
    take_over: bool,
    now: i64,
) -> Result<bool, StoreError> {
    use counter_desk::Column as C;
    let row = counter_desk::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(place_id),
        counter_id: Set(counter_id),
        user_id: Set(Some(user_id)),
        since: Set(now),
        paused: Set(0),
        ..Default::default()
    };
    let mut on_conflict = OnConflict::column(C::CounterId);
    on_conflict.update_columns([C::UserId, C::Since, C::Paused]);
    if !take_over {
        on_conflict.action_and_where(
            Expr::col((counter_desk::Entity, C::UserId))
                .is_null()
                .or(Expr::col((counter_desk::Entity, C::UserId)).eq(user_id)),
        );
    }
    let changed =
        counter_desk::Entity::insert(row).on_conflict(on_conflict.to_owned()).exec_without_returning(db).await?;
    if changed != 1 {
        return Ok(false);
    }
    counter_desk::Entity::update_many()
        .col_expr(C::UserId, Expr::value(Option::<i64>::None))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::UserId.eq(user_id))
        .filter(C::CounterId.ne(counter_id))
        .exec(db)
        .await?;
    Ok(true)
}

pub async fn sign_out(db: &impl ConnectionTrait, tenant: TenantId, user_id: i64) -> Result<(), StoreError> {
    counter_desk::Entity::update_many()
        .col_expr(counter_desk::Column::UserId, Expr::value(Option::<i64>::None))
        .filter(counter_desk::Column::TenantId.eq(tenant.0))
        .filter(counter_desk::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_paused(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user_id: i64,
    paused: bool,
) -> Result<bool, StoreError> {
    let changed = counter_desk::Entity::update_many()
        .col_expr(counter_desk::Column::Paused, Expr::value(i16::from(paused)))
        .filter(counter_desk::Column::TenantId.eq(tenant.0))
        .filter(counter_desk::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// The desk the clerk is signed in at.
pub async fn of_user(db: &impl ConnectionTrait, tenant: TenantId, user_id: i64) -> Result<Option<Desk>, StoreError> {
    Ok(counter_desk::Entity::find()
        .filter(counter_desk::Column::TenantId.eq(tenant.0))
        .filter(counter_desk::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// The place's occupied desks (paused ones too).
pub async fn staffed(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64) -> Result<Vec<Desk>, StoreError> {
    Ok(counter_desk::Entity::find()
        .filter(counter_desk::Column::TenantId.eq(tenant.0))
        .filter(counter_desk::Column::PlaceId.eq(place_id))
        .filter(counter_desk::Column::UserId.is_not_null())
        .order_by_asc(counter_desk::Column::CounterId)
        .all(db)
        .await?)
}
