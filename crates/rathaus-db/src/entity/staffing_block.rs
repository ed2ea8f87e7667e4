//! Table `staffing_blocks`: when a counter is staffed (none: whenever its place is open).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staffing_blocks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    pub counter_id: i64,
    /// 0 = Monday … 6 = Sunday; `None`: every day.
    pub weekday: Option<i16>,
    /// Civil dates `YYYY-MM-DD`, inclusive; `None`: open-ended.
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// `HH:MM`; `24:00` for midnight.
    pub start_time: String,
    pub end_time: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
