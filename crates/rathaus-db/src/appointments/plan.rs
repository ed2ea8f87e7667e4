//! The booking plan of a place beside the catalogue: which services each counter handles,
//! when counters are staffed, blocked times, and the booking policy.
//!
//! Defaults keep a catalogue bookable without any plan: a counter without
//! `counter_services` rows handles every service of its place, a counter without
//! `staffing_blocks` is staffed whenever its place is open, and a place without a
//! `booking_policies` row uses [`StoredPolicy::default`].

use crate::catalog::{
    conflict, corrupt, date_text, parse_date, parse_range, parse_weekday, range_times, weekday_number,
};
use crate::entity::{booking_policy, counter, counter_service, service, staffing_block, time_block};
use crate::{StoreError, TenantId, now};
use jiff::civil::{Date, Time, Weekday};
use rathaus_domain::opening_hours::TimeRange;
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// A place's booking policy as stored. `contingents` is the JSON list the slot engine reads
/// (`[{"name": "phone", "share_percent": 20, "release_hours_before": 24}]`); this crate does
/// not interpret it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPolicy {
    /// The grid; a divisor of 60.
    pub slot_minutes: u32,
    pub horizon_days: u32,
    pub min_lead_minutes: u32,
    /// Rolling release: one more day opens every day at this local time, `days_ahead` ahead.
    pub release: Option<(Time, u32)>,
    pub contingent_block_minutes: u32,
    pub contingents: serde_json::Value,
    /// How long a hold keeps its slots before they return.
    pub hold_minutes: u32,
    /// Confirmed future appointments one contact may have per service (0: no limit).
    pub max_active_per_contact: u32,
    /// Requests for a newly released day that arrive within this many minutes after the
    /// release are drawn by lot instead of first come, first served (0: off).
    pub lottery_minutes: u32,
    /// Hours before the appointment the reminder goes out (0: none).
    pub reminder_hours: u32,
    /// A booking counts only once the citizen confirmed it through an e-mailed link.
    pub double_opt_in: bool,
}

impl Default for StoredPolicy {
    /// A 5-minute grid (fits every duration of the demo catalogue), 60 days ahead, from one
    /// hour ahead, no rolling release, no contingents, holds of 10 minutes, at most two
    /// active appointments per contact and service, no lottery, a reminder a day ahead and no
    /// double opt-in.
    fn default() -> Self {
        Self {
            slot_minutes: 5,
            horizon_days: 60,
            min_lead_minutes: 60,
            release: None,
            contingent_block_minutes: 30,
            contingents: serde_json::json!([]),
            hold_minutes: 10,
            max_active_per_contact: 2,
            lottery_minutes: 0,
            reminder_hours: 24,
            double_opt_in: false,
        }
    }
}

fn policy_of(row: booking_policy::Model) -> Result<StoredPolicy, StoreError> {
    let unsigned = |what: &str, v: i32| u32::try_from(v).map_err(|_| corrupt(what, &v.to_string()));
    let release = match (row.release_at.as_deref(), row.release_days_ahead) {
        (Some(at), Some(days)) => {
            let time = format!("{at}:00").parse::<Time>().map_err(|_| corrupt("release time", at))?;
            Some((time, unsigned("release days", days)?))
        }
        _ => None,
    };
    Ok(StoredPolicy {
        slot_minutes: unsigned("slot minutes", row.slot_minutes)?,
        horizon_days: unsigned("horizon days", row.horizon_days)?,
        min_lead_minutes: unsigned("lead minutes", row.min_lead_minutes)?,
        release,
        contingent_block_minutes: unsigned("contingent block minutes", row.contingent_block_minutes)?,
        contingents: serde_json::from_str(&row.contingents).map_err(|_| corrupt("contingents", &row.contingents))?,
        hold_minutes: unsigned("hold minutes", row.hold_minutes)?,
        max_active_per_contact: unsigned("contact cap", row.max_active_per_contact)?,
        lottery_minutes: unsigned("lottery minutes", row.lottery_minutes)?,
        reminder_hours: unsigned("reminder hours", row.reminder_hours)?,
        double_opt_in: row.double_opt_in != 0,
    })
}

/// The policy of a place (the default when none is stored).
pub async fn policy(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64) -> Result<StoredPolicy, StoreError> {
    Ok(policies(db, tenant, &[place_id]).await?.remove(&place_id).unwrap_or_default())
}

/// The stored policies of several places, in one query; places without one are absent.
pub async fn policies(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_ids: &[i64],
) -> Result<HashMap<i64, StoredPolicy>, StoreError> {
    let rows = booking_policy::Entity::find()
        .filter(booking_policy::Column::TenantId.eq(tenant.0))
        .filter(booking_policy::Column::PlaceId.is_in(place_ids.iter().copied()))
        .all(db)
        .await?;
    rows.into_iter().map(|r| Ok((r.place_id, policy_of(r)?))).collect()
}

/// Stores the policy of a place of this tenant (`NotFound` for any other place).
pub async fn set_policy(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    p: &StoredPolicy,
) -> Result<(), StoreError> {
    crate::catalog::places::require(db, tenant, place_id, None).await?;
    let signed = |v: u32| i32::try_from(v).map_err(|_| StoreError::Conflict("policy-value-too-large"));
    let mut m = booking_policy::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(place_id),
        slot_minutes: Set(signed(p.slot_minutes)?),
        horizon_days: Set(signed(p.horizon_days)?),
        min_lead_minutes: Set(signed(p.min_lead_minutes)?),
        release_at: Set(p.release.map(|(at, _)| format!("{:02}:{:02}", at.hour(), at.minute()))),
        release_days_ahead: Set(p.release.map(|(_, days)| signed(days)).transpose()?),
        contingent_block_minutes: Set(signed(p.contingent_block_minutes)?),
        contingents: Set(p.contingents.to_string()),
        hold_minutes: Set(signed(p.hold_minutes)?),
        max_active_per_contact: Set(signed(p.max_active_per_contact)?),
        lottery_minutes: Set(signed(p.lottery_minutes)?),
        reminder_hours: Set(signed(p.reminder_hours)?),
        double_opt_in: Set(i16::from(p.double_opt_in)),
        updated_at: Set(now()),
        ..Default::default()
    };
    let existing = booking_policy::Entity::find()
        .filter(booking_policy::Column::TenantId.eq(tenant.0))
        .filter(booking_policy::Column::PlaceId.eq(place_id))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            m.id = Set(row.id);
            m.update(db).await?;
        }
        None => {
            m.insert(db).await.map_err(|e| conflict(e, &[], "policy-exists"))?;
        }
    }
    Ok(())
}

/// A counter of this tenant (`NotFound` otherwise).
async fn require_counter(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    counter_id: i64,
) -> Result<counter::Model, StoreError> {
    counter::Entity::find_by_id(counter_id)
        .filter(counter::Column::TenantId.eq(tenant.0))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The active counters of the given places, by place and id: the ones that get capacity.
pub async fn active_counters(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_ids: &[i64],
) -> Result<Vec<counter::Model>, StoreError> {
    Ok(counter::Entity::find()
        .filter(counter::Column::TenantId.eq(tenant.0))
        .filter(counter::Column::PlaceId.is_in(place_ids.iter().copied()))
        .filter(counter::Column::Active.eq(true))
        .order_by_asc(counter::Column::PlaceId)
        .order_by_asc(counter::Column::Id)
        .all(db)
        .await?)
}

/// `(counter_id, service_id)` for the counters of the given places that have a list.
pub async fn counter_services(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_ids: &[i64],
) -> Result<Vec<(i64, i64)>, StoreError> {
    let counters = Query::select()
        .column(counter::Column::Id)
        .from(counter::Entity)
        .and_where(counter::Column::TenantId.eq(tenant.0))
        .and_where(counter::Column::PlaceId.is_in(place_ids.iter().copied()))
        .to_owned();
    Ok(counter_service::Entity::find()
        .filter(counter_service::Column::TenantId.eq(tenant.0))
        .filter(counter_service::Column::CounterId.in_subquery(counters))
        .order_by_asc(counter_service::Column::CounterId)
        .order_by_asc(counter_service::Column::ServiceId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.counter_id, r.service_id))
        .collect())
}

/// Makes `service_ids` the services a counter handles; an empty list means "all services
/// of its place" again. `service-not-found` for a service of another tenant.
pub async fn set_counter_services(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    counter_id: i64,
    service_ids: &[i64],
) -> Result<(), StoreError> {
    require_counter(db, tenant, counter_id).await?;
    counter_service::Entity::delete_many()
        .filter(counter_service::Column::TenantId.eq(tenant.0))
        .filter(counter_service::Column::CounterId.eq(counter_id))
        .exec(db)
        .await?;
    for &service_id in service_ids {
        let own = service::Entity::find_by_id(service_id)
            .filter(service::Column::TenantId.eq(tenant.0))
            .one(db)
            .await?
            .is_some();
        if !own {
            return Err(StoreError::Conflict("service-not-found"));
        }
        counter_service::ActiveModel {
            tenant_id: Set(tenant.0),
            counter_id: Set(counter_id),
            service_id: Set(service_id),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(|e| conflict(e, &[], "counter-service-duplicate"))?;
    }
    Ok(())
}

/// Staffed `hours` on the days that match both the weekday (none: every day) and the
/// inclusive date range (open-ended where `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffingBlock {
    pub counter_id: i64,
    pub weekday: Option<Weekday>,
    pub date_from: Option<Date>,
    pub date_to: Option<Date>,
    pub hours: TimeRange,
}

/// The staffing blocks of all counters of a place, by counter.
pub async fn staffing(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
) -> Result<Vec<StaffingBlock>, StoreError> {
    let rows = staffing_block::Entity::find()
        .filter(staffing_block::Column::TenantId.eq(tenant.0))
        .filter(staffing_block::Column::PlaceId.eq(place_id))
        .order_by_asc(staffing_block::Column::CounterId)
        .order_by_asc(staffing_block::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(StaffingBlock {
                counter_id: r.counter_id,
                weekday: r.weekday.map(parse_weekday).transpose()?,
                date_from: r.date_from.as_deref().map(parse_date).transpose()?,
                date_to: r.date_to.as_deref().map(parse_date).transpose()?,
                hours: parse_range(&r.start_time, &r.end_time)?,
            })
        })
        .collect()
}

/// Replaces the staffing plan of one counter (`blocks[..].counter_id` is ignored); no
/// blocks means "staffed whenever the place is open" again.
pub async fn replace_staffing(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    counter_id: i64,
    blocks: &[StaffingBlock],
) -> Result<(), StoreError> {
    let counter = require_counter(db, tenant, counter_id).await?;
    staffing_block::Entity::delete_many()
        .filter(staffing_block::Column::TenantId.eq(tenant.0))
        .filter(staffing_block::Column::CounterId.eq(counter_id))
        .exec(db)
        .await?;
    for b in blocks {
        let (start, end) = range_times(b.hours);
        staffing_block::ActiveModel {
            tenant_id: Set(tenant.0),
            place_id: Set(counter.place_id),
            counter_id: Set(counter_id),
            weekday: Set(b.weekday.map(weekday_number)),
            date_from: Set(b.date_from.map(date_text)),
            date_to: Set(b.date_to.map(date_text)),
            start_time: Set(start),
            end_time: Set(end),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub use time_block::Model as TimeBlock;

/// The blocks of a place (its own and its counters') that overlap `[from_s, to_s)`.
pub async fn time_blocks(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    from_s: i64,
    to_s: i64,
) -> Result<Vec<TimeBlock>, StoreError> {
    Ok(time_block::Entity::find()
        .filter(time_block::Column::TenantId.eq(tenant.0))
        .filter(time_block::Column::PlaceId.eq(place_id))
        .filter(time_block::Column::StartS.lt(to_s))
        .filter(time_block::Column::EndS.gt(from_s))
        .order_by_asc(time_block::Column::StartS)
        .order_by_asc(time_block::Column::Id)
        .all(db)
        .await?)
}

/// Blocks `[start_s, end_s)` at a place of this tenant, or at one of its counters.
/// `time-block-order` unless `start_s < end_s`; `NotFound` for another tenant's place or a
/// counter of another place.
pub async fn add_time_block(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    counter_id: Option<i64>,
    start_s: i64,
    end_s: i64,
    reason: &str,
) -> Result<TimeBlock, StoreError> {
    crate::catalog::places::require(db, tenant, place_id, None).await?;
    if let Some(id) = counter_id
        && require_counter(db, tenant, id).await?.place_id != place_id
    {
        return Err(StoreError::NotFound);
    }
    if start_s >= end_s {
        return Err(StoreError::Conflict("time-block-order"));
    }
    Ok(time_block::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(place_id),
        counter_id: Set(counter_id),
        start_s: Set(start_s),
        end_s: Set(end_s),
        reason: Set(reason.to_owned()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// One block of this tenant.
pub async fn time_block(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<TimeBlock>, StoreError> {
    Ok(time_block::Entity::find_by_id(id).filter(time_block::Column::TenantId.eq(tenant.0)).one(db).await?)
}

pub async fn remove_time_block(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    let result = time_block::Entity::delete_many()
        .filter(time_block::Column::TenantId.eq(tenant.0))
        .filter(time_block::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}
