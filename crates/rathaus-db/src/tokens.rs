//! One-time links for staff: invitations and password resets. A token is redeemed by a
//! single conditional UPDATE, so it works exactly once even when two nodes race.

use crate::entity::user_token;
use crate::{StoreError, TenantId, now, random_token, token_hash};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password-reset",
        }
    }
}

pub async fn issue(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user_id: i64,
    purpose: Purpose,
    ttl_secs: i64,
) -> Result<String, StoreError> {
    let token = random_token(24);
    let t = now();
    user_token::ActiveModel {
        tenant_id: Set(tenant.0),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token_hash(&token)),
        expires_at: Set(t + ttl_secs),
        used_at: Set(None),
        created_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The user a valid, unused token belongs to, without using it up (to render the form).
pub async fn peek(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    token: &str,
    purpose: Purpose,
) -> Result<Option<i64>, StoreError> {
    Ok(user_token::Entity::find()
        .filter(user_token::Column::TokenHash.eq(token_hash(token)))
        .filter(user_token::Column::TenantId.eq(tenant.0))
        .filter(user_token::Column::Purpose.eq(purpose.as_str()))
        .filter(user_token::Column::UsedAt.is_null())
        .filter(user_token::Column::ExpiresAt.gt(now()))
        .one(db)
        .await?
        .map(|t| t.user_id))
}

/// Uses the token up and returns its user, or `None` if it is unknown, used or expired.
pub async fn redeem(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    token: &str,
    purpose: Purpose,
) -> Result<Option<i64>, StoreError> {
    let Some(user_id) = peek(db, tenant, token, purpose).await? else { return Ok(None) };
    let t = now();
    let changed = user_token::Entity::update_many()
        .col_expr(user_token::Column::UsedAt, Expr::value(t))
        .filter(user_token::Column::TokenHash.eq(token_hash(token)))
        .filter(user_token::Column::TenantId.eq(tenant.0))
        .filter(user_token::Column::UsedAt.is_null())
        .filter(user_token::Column::ExpiresAt.gt(t))
        .exec(db)
        .await?
        .rows_affected;
    Ok((changed == 1).then_some(user_id))
}
