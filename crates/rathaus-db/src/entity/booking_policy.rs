//! Table `booking_policies`: one per place that deviates from the defaults.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_policies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    pub slot_minutes: i32,
    pub horizon_days: i32,
    pub min_lead_minutes: i32,
    /// `HH:MM`, with `release_days_ahead`.
    pub release_at: Option<String>,
    pub release_days_ahead: Option<i32>,
    pub contingent_block_minutes: i32,
    /// JSON text: a list of `{name, share_percent, release_hours_before}`.
    #[sea_orm(column_type = "Text")]
    pub contingents: String,
    pub hold_minutes: i32,
    pub max_active_per_contact: i32,
    pub updated_at: i64,
    /// Minutes after a release during which requests for the released day are drawn by lot.
    pub lottery_minutes: i32,
    /// Hours before the appointment the reminder goes out (0: none).
    pub reminder_hours: i32,
    /// 1: a booking counts only once confirmed through the link in an e-mail.
    pub double_opt_in: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
