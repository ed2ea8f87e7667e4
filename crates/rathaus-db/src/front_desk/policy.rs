//! A place's front-desk rules: `queue_policies`, one row per place, defaults without one.

use crate::entity::queue_policy;
use crate::{StoreError, TenantId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The settings as stored; `rathaus-front-desk` turns them into the queue's policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueSettings {
    pub walk_ins: bool,
    pub appointment_prefix: String,
    pub walk_in_prefix: String,
    /// Check-in (terminal or phone) opens this long before the appointment.
    pub checkin_before_minutes: i32,
    pub early_call_minutes: i32,
    pub late_grace_minutes: i32,
    /// `true`: a late appointment keeps its priority; `false`: it queues as a walk-in.
    pub late_keeps_appointment: bool,
    pub max_wait_minutes: i32,
    pub max_unanswered: i32,
    /// `true`: after the last unanswered call the ticket is a no-show; `false`: parked.
    pub unanswered_no_show: bool,
    /// "You will be called in about N minutes".
    pub notify_minutes: i32,
    pub sms_notify: bool,
}

impl Default for QueueSettings {
    fn default() -> Self {
        Self {
            walk_ins: true,
            appointment_prefix: "A".into(),
            walk_in_prefix: "W".into(),
            checkin_before_minutes: 30,
            early_call_minutes: 5,
            late_grace_minutes: 15,
            late_keeps_appointment: false,
            max_wait_minutes: 60,
            max_unanswered: 3,
            unanswered_no_show: false,
            notify_minutes: 5,
            sms_notify: false,
        }
    }
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, place_id: i64) -> Result<QueueSettings, StoreError> {
    let row = queue_policy::Entity::find()
        .filter(queue_policy::Column::TenantId.eq(tenant.0))
        .filter(queue_policy::Column::PlaceId.eq(place_id))
        .one(db)
        .await?;
    Ok(row.map_or_else(QueueSettings::default, |r| QueueSettings {
        walk_ins: r.walk_ins != 0,
        appointment_prefix: r.appointment_prefix,
        walk_in_prefix: r.walk_in_prefix,
        checkin_before_minutes: r.checkin_before_minutes,
        early_call_minutes: r.early_call_minutes,
        late_grace_minutes: r.late_grace_minutes,
        late_keeps_appointment: r.late_policy == "keep",
        max_wait_minutes: r.max_wait_minutes,
        max_unanswered: r.max_unanswered,
        unanswered_no_show: r.after_unanswered == "no_show",
        notify_minutes: r.notify_minutes,
        sms_notify: r.sms_notify != 0,
    }))
}

/// Creates or replaces the place's settings. The caller checks that the place is the tenant's.
pub async fn save(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    s: &QueueSettings,
    now: i64,
) -> Result<(), StoreError> {
    use queue_policy::Column as C;
    let row = queue_policy::ActiveModel {
        tenant_id: Set(tenant.0),
        place_id: Set(place_id),
        walk_ins: Set(i16::from(s.walk_ins)),
        appointment_prefix: Set(s.appointment_prefix.clone()),
        walk_in_prefix: Set(s.walk_in_prefix.clone()),
        checkin_before_minutes: Set(s.checkin_before_minutes),
        early_call_minutes: Set(s.early_call_minutes),
        late_grace_minutes: Set(s.late_grace_minutes),
        late_policy: Set(if s.late_keeps_appointment { "keep" } else { "walk_in" }.into()),
        max_wait_minutes: Set(s.max_wait_minutes),
        max_unanswered: Set(s.max_unanswered),
        after_unanswered: Set(if s.unanswered_no_show { "no_show" } else { "park" }.into()),
        notify_minutes: Set(s.notify_minutes),
        sms_notify: Set(i16::from(s.sms_notify)),
        updated_at: Set(now),
        ..Default::default()
    };
    queue_policy::Entity::insert(row)
        .on_conflict(
            OnConflict::column(C::PlaceId)
                .update_columns([
                    C::WalkIns,
                    C::AppointmentPrefix,
                    C::WalkInPrefix,
                    C::CheckinBeforeMinutes,
                    C::EarlyCallMinutes,
                    C::LateGraceMinutes,
                    C::LatePolicy,
                    C::MaxWaitMinutes,
                    C::MaxUnanswered,
                    C::AfterUnanswered,
                    C::NotifyMinutes,
                    C::SmsNotify,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}
