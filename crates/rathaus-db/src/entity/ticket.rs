//! Table `tickets`: waiting numbers.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    /// The place's local civil date, `YYYY-MM-DD`: numbers start again every day.
    pub day: String,
    pub prefix: String,
    pub number: i32,
    /// `appointment` or `walk_in`.
    pub kind: String,
    pub appointment_id: Option<i64>,
    /// `waiting`, `called`, `serving`, `parked`, `done`, `no_show` or `cancelled`.
    pub status: String,
    pub priority: i16,
    pub persons: i32,
    pub checked_in_at: i64,
    pub queued_at: i64,
    /// The appointment's start, for appointment tickets.
    pub due_s: Option<i64>,
    pub for_counter_id: Option<i64>,
    pub counter_id: Option<i64>,
    pub user_id: Option<i64>,
    pub calls: i32,
    pub unanswered: i32,
    pub called_at: Option<i64>,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub notified_at: Option<i64>,
    pub follow_hash: String,
    pub language: String,
    /// `terminal`, `phone` or `staff`: where the citizen checked in.
    pub channel: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
