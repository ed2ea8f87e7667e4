//! Table `lottery_entries`: booking requests for a newly released day, decided by lot.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lottery_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    /// When the draw runs (the end of the lottery window).
    pub draw_at_s: i64,
    /// The released local date, `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, or NULL for any time of the day.
    pub wish_time: Option<String>,
    /// JSON text: `[{"slug", "persons"}]`.
    #[sea_orm(column_type = "Text")]
    pub services: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub contact_hash: String,
    pub language: String,
    /// `https://host` the request came from (links in the outcome e-mail).
    pub origin: String,
    /// `waiting`, `won` or `lost`.
    pub status: String,
    pub appointment_id: Option<i64>,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
