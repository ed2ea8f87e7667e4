//! One-time proofs already used (a solved proof of work, a no-JavaScript pass): each may
//! be spent once across all nodes. Spending is one `INSERT … ON CONFLICT DO NOTHING` on the
//! primary key, so of two racing requests with the same proof exactly one wins.

use crate::StoreError;
use crate::entity::spent_token::{self, Column};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Spends `key` (kept until `expires_at`, after which the proof is refused as expired
/// anyway); `false` if it was spent before.
pub async fn spend(db: &impl ConnectionTrait, key: &str, expires_at: i64) -> Result<bool, StoreError> {
    let row = spent_token::ActiveModel { token_key: Set(key.to_owned()), expires_at: Set(expires_at) };
    let result = spent_token::Entity::insert(row).on_conflict_do_nothing().exec_without_returning(db).await?;
    Ok(matches!(result, sea_orm::TryInsertResult::Inserted(n) if n == 1))
}

/// Forgets proofs that expired before `now` (housekeeping).
pub async fn purge_expired(db: &impl ConnectionTrait, now: i64) -> Result<u64, StoreError> {
    Ok(spent_token::Entity::delete_many().filter(Column::ExpiresAt.lt(now)).exec(db).await?.rows_affected)
}
