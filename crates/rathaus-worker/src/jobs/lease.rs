//! Claiming, extending and releasing the lease on a job row.
//!
//! A node claims a job with one conditional UPDATE (the subquery picks the oldest due,
//! unleased job; the outer conditions are checked again on the row being written), so both
//! engines let exactly one of several racing nodes win. The winner marks the row with a fresh
//! claim token in `locked_by` and reads it back by that token. Every later write about the
//! run is conditional on the same token, so a node whose lease expired (and whose job was
//! taken over) cannot overwrite the new owner's result.

use super::Job;
use super::policy::Outcome;
use rathaus_db::StoreError;
use rathaus_db::entity::job;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter};

pub(crate) const QUEUED: &str = "queued";
pub(crate) const DONE: &str = "done";
pub(crate) const FAILED: &str = "failed";

/// Rows a node may claim at `now`: queued, due, of a kind it handles, and not leased.
fn claimable(kinds: &[&str], now: i64) -> Condition {
    Condition::all()
        .add(job::Column::State.eq(QUEUED))
        .add(job::Column::RunAt.lte(now))
        .add(job::Column::Kind.is_in(kinds.iter().copied()))
        .add(lease_free(now))
}

fn lease_free(now: i64) -> Condition {
    Condition::any().add(job::Column::LockedUntil.is_null()).add(job::Column::LockedUntil.lt(now))
}

/// Claims the oldest due job of one of `kinds` for `claim` until `now + lease_secs`, counting
/// the attempt. `None` when no such job is due.
pub(crate) async fn claim_next(
    db: &impl ConnectionTrait,
    kinds: &[&str],
    claim: &str,
    now: i64,
    lease_secs: i64,
) -> Result<Option<Job>, StoreError> {
    if kinds.is_empty() {
        return Ok(None);
    }
    loop {
        let oldest_due = Query::select()
            .column(job::Column::Id)
            .from(job::Entity)
            .cond_where(claimable(kinds, now))
            .order_by(job::Column::RunAt, Order::Asc)
            .order_by(job::Column::Id, Order::Asc)
            .limit(1)
            .to_owned();
        let claimed = job::Entity::update_many()
            .col_expr(job::Column::LockedBy, Expr::value(claim))
            .col_expr(job::Column::LockedUntil, Expr::value(now + lease_secs))
            .col_expr(job::Column::Attempts, Expr::col(job::Column::Attempts).add(1))
            .filter(Expr::col((job::Entity, job::Column::Id)).eq(oldest_due))
            .filter(claimable(kinds, now))
            .exec(db)
            .await?
            .rows_affected;
        if claimed == 1 {
            // The token is fresh, so this finds the row just claimed and nothing else. If it
            // is gone already (deleted meanwhile), look for the next one.
            if let Some(job) = job::Entity::find().filter(job::Column::LockedBy.eq(claim)).one(db).await? {
                return Ok(Some(job));
            }
            continue;
        }
        // Nothing claimed: either nothing is due, or another node won the race for the row
        // the subquery picked. Only in the second case is it worth trying again; every lost
        // race means another node made progress, so this loop ends.
        let any_due = job::Entity::find().filter(claimable(kinds, now)).one(db).await?.is_some();
        if !any_due {
            return Ok(None);
        }
    }
}

/// Keeps a running job's lease alive. `false` when the lease was lost to another node.
pub(crate) async fn extend(db: &impl ConnectionTrait, id: i64, claim: &str, until: i64) -> Result<bool, StoreError> {
    let changed = job::Entity::update_many()
        .col_expr(job::Column::LockedUntil, Expr::value(until))
        .filter(held(id, claim))
        .exec(db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

/// Writes the outcome of a run and releases the lease. `false` when the lease was lost to
/// another node meanwhile; the outcome is then discarded, the new owner decides.
pub(crate) async fn finish(
    db: &impl ConnectionTrait,
    id: i64,
    claim: &str,
    outcome: Outcome,
    now: i64,
) -> Result<bool, StoreError> {
    let mut update = job::Entity::update_many()
        .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(job::Column::LockedUntil, Expr::value(Option::<i64>::None));
    update = match outcome {
        Outcome::Done => {
            update.col_expr(job::Column::State, Expr::value(DONE)).col_expr(job::Column::FinishedAt, Expr::value(now))
        }
        Outcome::Retry { run_at, error } => update
            .col_expr(job::Column::RunAt, Expr::value(run_at))
            .col_expr(job::Column::LastError, Expr::value(error)),
        Outcome::Failed { error } => update
            .col_expr(job::Column::State, Expr::value(FAILED))
            .col_expr(job::Column::FinishedAt, Expr::value(now))
            .col_expr(job::Column::LastError, Expr::value(error)),
    };
    let changed = update.filter(held(id, claim)).exec(db).await?.rows_affected;
    Ok(changed == 1)
}

fn held(id: i64, claim: &str) -> Condition {
    Condition::all().add(job::Column::Id.eq(id)).add(job::Column::LockedBy.eq(claim)).add(job::Column::State.eq(QUEUED))
}
