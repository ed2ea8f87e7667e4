//! Table `spent_tokens`: one-time proofs (proof of work, no-JavaScript passes) already used.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "spent_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub token_key: String,
    pub expires_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
