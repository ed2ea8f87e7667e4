//! Table `tenants`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    #[sea_orm(unique)]
    pub ags: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub contact_email: String,
    pub contact_phone: String,
    /// IANA time zone, e.g. "Europe/Berlin".
    pub time_zone: String,
    /// ISO 3166-2:DE suffix, e.g. "NW".
    pub federal_state: String,
    pub accent_colour: String,
    pub logo: Option<Vec<u8>>,
    pub logo_mime: Option<String>,
    /// Comma-separated language codes, German first.
    pub languages: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
