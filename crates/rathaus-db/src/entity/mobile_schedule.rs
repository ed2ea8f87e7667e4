//! Table `mobile_schedules`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mobile_schedules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: i16,
    pub start_time: String,
    pub end_time: String,
    pub every_weeks: i16,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
