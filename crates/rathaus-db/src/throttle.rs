//! Login throttling kept in the database, so that the limit holds across all nodes.
//! Keys are hashed: the table holds neither addresses nor e-mail addresses.

use crate::entity::login_failure;
use crate::{StoreError, now, token_hash};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

pub fn key(kind: &str, value: &str) -> String {
    token_hash(&format!("{kind}:{value}"))
}

pub async fn record_failure(db: &impl ConnectionTrait, key: &str) -> Result<(), StoreError> {
    login_failure::ActiveModel { key_hash: Set(key.to_owned()), failed_at: Set(now()), ..Default::default() }
        .insert(db)
        .await?;
    Ok(())
}

pub async fn failures_since(db: &impl ConnectionTrait, key: &str, since: i64) -> Result<u64, StoreError> {
    Ok(login_failure::Entity::find()
        .filter(login_failure::Column::KeyHash.eq(key))
        .filter(login_failure::Column::FailedAt.gte(since))
        .count(db)
        .await?)
}

pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), StoreError> {
    login_failure::Entity::delete_many().filter(login_failure::Column::KeyHash.eq(key)).exec(db).await?;
    Ok(())
}

pub async fn purge_before(db: &impl ConnectionTrait, before: i64) -> Result<u64, StoreError> {
    Ok(login_failure::Entity::delete_many()
        .filter(login_failure::Column::FailedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
