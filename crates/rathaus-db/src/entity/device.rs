//! Table `devices`: check-in terminals and call displays.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "devices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub tenant_id: i64,
    pub place_id: i64,
    /// `terminal` or `display`.
    pub kind: String,
    pub name: String,
    pub enrolment_hash: Option<String>,
    pub enrolment_expires_at: Option<i64>,
    pub credential_hash: Option<String>,
    pub created_by_user_id: Option<i64>,
    pub created_at: i64,
    pub enrolled_at: Option<i64>,
    pub last_seen_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
