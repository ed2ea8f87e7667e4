//! Table `capacity_slots`: one row per counter-slot, the unit of bookable capacity.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "capacity_slots")]
pub struct Model {
    pub tenant_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub place_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub counter_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub start_s: i64,
    pub end_s: i64,
    pub contingent: Option<String>,
    pub release_at_s: Option<i64>,
    pub appointment_id: Option<i64>,
    pub hold_id: Option<i64>,
    pub held_until_s: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
