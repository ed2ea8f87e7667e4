//! Table `queue_events`: the call log of a place.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "queue_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    pub ticket_id: i64,
    /// `called` or `recalled`.
    pub kind: String,
    /// The ticket number as shown, e.g. `A-017`.
    pub label: String,
    pub counter_name: Option<String>,
    pub at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
