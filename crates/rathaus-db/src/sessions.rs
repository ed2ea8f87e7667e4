//! Staff sessions, stored server-side so that every node accepts them. The cookie holds a
//! random token; the table holds only its hash.

use crate::entity::{session, user};
use crate::{StoreError, TenantId, now, random_token, token_hash};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr};

/// A live session with its user.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub session_id: i64,
    pub tenant: TenantId,
    pub user: user::Model,
    pub expires_at: i64,
}

/// Creates a session and returns the raw token for the cookie.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user_id: i64,
    ttl_secs: i64,
) -> Result<String, StoreError> {
    let token = random_token(32);
    let t = now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        tenant_id: Set(tenant.0),
        user_id: Set(user_id),
        created_at: Set(t),
        last_seen_at: Set(t),
        expires_at: Set(t + ttl_secs),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Finds the unexpired session for `token` in `tenant` whose user is still active.
/// A session of another tenant is treated as absent.
pub async fn lookup(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    token: &str,
) -> Result<Option<LiveSession>, StoreError> {
    let found = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .filter(session::Column::TenantId.eq(tenant.0))
        .filter(session::Column::ExpiresAt.gt(now()))
        .one(db)
        .await?;
    let Some(s) = found else { return Ok(None) };
    let user = user::Entity::find_by_id(s.user_id)
        .filter(user::Column::TenantId.eq(tenant.0))
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?;
    Ok(user.map(|user| LiveSession { session_id: s.id, tenant, user, expires_at: s.expires_at }))
}

/// Slides the expiry forward; called at most once a minute per session.
pub async fn extend(db: &impl ConnectionTrait, session_id: i64, ttl_secs: i64) -> Result<(), StoreError> {
    let t = now();
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(t))
        .col_expr(session::Column::ExpiresAt, Expr::value(t + ttl_secs))
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, token: &str) -> Result<(), StoreError> {
    session::Entity::delete_many().filter(session::Column::TokenHash.eq(token_hash(token))).exec(db).await?;
    Ok(())
}

/// Ends every session of a user, e.g. on deactivation or password reset.
pub async fn delete_for_user(db: &impl ConnectionTrait, tenant: TenantId, user_id: i64) -> Result<u64, StoreError> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::TenantId.eq(tenant.0))
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn purge_expired(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(now())).exec(db).await?.rows_affected)
}
