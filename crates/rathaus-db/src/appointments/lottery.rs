//! Lottery entries: booking requests for a newly released day, collected during the
//! lottery window and decided by the draw job. One entry per contact and draw (unique
//! `(place_id, draw_at_s, contact_hash)`): a second request of the same person is a
//! [`StoreError::Conflict`] (`lottery-entry-exists`), so nobody buys extra chances.

use crate::catalog::conflict;
use crate::entity::lottery_entry::{self, Column};
use crate::{StoreError, TenantId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

pub use lottery_entry::Model as LotteryEntry;

/// An entry to record.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub place_id: i64,
    pub draw_at_s: i64,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// `HH:MM`, or `None` for any time of the day.
    pub wish_time: Option<&'a str>,
    /// JSON text `[{"slug", "persons"}]`.
    pub services: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub contact_hash: &'a str,
    pub language: &'a str,
    pub origin: &'a str,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    e: &NewEntry<'_>,
    now: i64,
) -> Result<LotteryEntry, StoreError> {
    lottery_entry::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(e.place_id),
        draw_at_s: Set(e.draw_at_s),
        date: Set(e.date.to_owned()),
        wish_time: Set(e.wish_time.map(str::to_owned)),
        services: Set(e.services.to_owned()),
        name: Set(e.name.to_owned()),
        email: Set(e.email.map(str::to_owned)),
        phone: Set(e.phone.map(str::to_owned)),
        contact_hash: Set(e.contact_hash.to_owned()),
        language: Set(e.language.to_owned()),
        origin: Set(e.origin.to_owned()),
        status: Set("waiting".to_owned()),
        appointment_id: Set(None),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|err| conflict(err, &[("contact_hash", "lottery-entry-exists")], "lottery-entry-exists"))
}

/// The `(tenant, place, draw_at_s)` of every draw with waiting entries that is due at `now`.
pub async fn due_draws(db: &impl ConnectionTrait, now: i64) -> Result<Vec<(TenantId, i64, i64)>, StoreError> {
    let rows: Vec<(i64, i64, i64)> = lottery_entry::Entity::find()
        .select_only()
        .column(Column::TenantId)
        .column(Column::PlaceId)
        .column(Column::DrawAtS)
        .filter(Column::Status.eq("waiting"))
        .filter(Column::DrawAtS.lte(now))
        .group_by(Column::TenantId)
        .group_by(Column::PlaceId)
        .group_by(Column::DrawAtS)
        .order_by_asc(Column::DrawAtS)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(t, p, d)| (TenantId(t), p, d)).collect())
}

/// The waiting entries of one draw, by id.
pub async fn waiting(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    draw_at_s: i64,
) -> Result<Vec<LotteryEntry>, StoreError> {
    Ok(lottery_entry::Entity::find()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::PlaceId.eq(place_id))
        .filter(Column::DrawAtS.eq(draw_at_s))
        .filter(Column::Status.eq("waiting"))
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// All entries of one draw (any status), by id.
pub async fn of_draw(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    draw_at_s: i64,
) -> Result<Vec<LotteryEntry>, StoreError> {
    Ok(lottery_entry::Entity::find()
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::PlaceId.eq(place_id))
        .filter(Column::DrawAtS.eq(draw_at_s))
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// Decides a waiting entry (`won` with its appointment, or `lost`); `false` if it was
/// decided already (a second run of the draw job).
pub async fn decide(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    appointment_id: Option<i64>,
    now: i64,
) -> Result<bool, StoreError> {
    let status = if appointment_id.is_some() { "won" } else { "lost" };
    let changed = lottery_entry::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(Column::AppointmentId, Expr::value(appointment_id))
        .col_expr(Column::DecidedAt, Expr::value(now))
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq("waiting"))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// Retention: deletes entries whose draw was before `before_s` (decided or not).
pub async fn purge_before(db: &impl ConnectionTrait, before_s: i64) -> Result<u64, StoreError> {
    Ok(lottery_entry::Entity::delete_many().filter(Column::DrawAtS.lt(before_s)).exec(db).await?.rows_affected)
}
