//! Table `queue_policies`: a place's front-desk rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "queue_policies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    pub walk_ins: i16,
    pub appointment_prefix: String,
    pub walk_in_prefix: String,
    pub checkin_before_minutes: i32,
    pub early_call_minutes: i32,
    pub late_grace_minutes: i32,
    /// `keep` or `walk_in`.
    pub late_policy: String,
    pub max_wait_minutes: i32,
    pub max_unanswered: i32,
    /// `park` or `no_show`.
    pub after_unanswered: String,
    pub notify_minutes: i32,
    pub sms_notify: i16,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
