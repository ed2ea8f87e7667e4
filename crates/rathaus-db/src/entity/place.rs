//! Table `places`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "places")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub key: String,
    /// `location`, `mobile_site` or `virtual_office`.
    pub place_type: String,
    /// The location kind (`citizen_office`, …); locations only.
    pub kind: Option<String>,
    pub name_de: String,
    pub name_en: String,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub step_free: Option<bool>,
    pub walk_in: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// JSON text.
    #[sea_orm(column_type = "Text")]
    pub details: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
