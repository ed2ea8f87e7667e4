//! State transitions of a queued message, made by the send job. Each is one conditional
//! UPDATE on `state = 'queued'`, so a message that is already sent or failed is never
//! changed again (a job run twice after a lost lease stays harmless).

use super::{STATE_FAILED, STATE_QUEUED, STATE_SENT};
use rathaus_db::entity::outbox_message::{Column, Entity};
use rathaus_db::{StoreError, TenantId, now};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Records a successful delivery.
pub(crate) async fn mark_sent(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<bool, StoreError> {
    let result = Entity::update_many()
        .col_expr(Column::State, Expr::value(STATE_SENT))
        .col_expr(Column::SentAt, Expr::value(now()))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .filter(Column::Id.eq(id))
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::State.eq(STATE_QUEUED))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records a failed attempt. A `permanent` failure ends the message in state `failed`;
/// otherwise it stays `queued` for the next attempt.
pub(crate) async fn record_failure(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    error: &str,
    permanent: bool,
) -> Result<bool, StoreError> {
    let state = if permanent { STATE_FAILED } else { STATE_QUEUED };
    let result = Entity::update_many()
        .col_expr(Column::State, Expr::value(state))
        .col_expr(Column::LastError, Expr::value(error))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .filter(Column::Id.eq(id))
        .filter(Column::TenantId.eq(tenant.0))
        .filter(Column::State.eq(STATE_QUEUED))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
