//! Table `services`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub slug: String,
    pub leika: Option<String>,
    pub xzufi_id: Option<String>,
    pub department_id: i64,
    pub topic_id: Option<i64>,
    pub name_de: String,
    pub name_en: String,
    pub minutes_per_person: Option<i32>,
    pub max_persons: Option<i32>,
    /// Comma list of channel codes.
    pub channels: String,
    pub active: bool,
    /// JSON text.
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
