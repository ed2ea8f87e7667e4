//! The append-only, hash-chained audit log.
//!
//! Each tenant has its own chain: entry `seq` n stores the hash of entry n-1, and its own
//! hash covers all of its fields plus that predecessor. Triggers refuse UPDATE and DELETE
//! in both engines; [`verify`] finds any row that was altered, removed or reordered anyway
//! (e.g. by someone with direct database access who dropped the triggers).

use crate::entity::audit_log;
use crate::{StoreError, TenantId, begin_write, now};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement,
    TransactionTrait,
};
use sha2::{Digest, Sha256};

pub use audit_log::Model as AuditRecord;

/// The hash that precedes the first entry of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened. `actor` is a label safe to show (the staff member's e-mail, "system",
/// "cli"); `details` holds ids and changed field names, never a citizen's personal data.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub actor_user_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub details: serde_json::Value,
}

impl AuditEntry {
    pub fn new(actor_user_id: Option<i64>, actor: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            actor_user_id,
            actor: actor.into(),
            action: action.into(),
            target_type: String::new(),
            target_id: String::new(),
            details: serde_json::Value::Null,
        }
    }

    pub fn target(mut self, kind: impl Into<String>, id: impl ToString) -> Self {
        self.target_type = kind.into();
        self.target_id = id.to_string();
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

fn entry_hash(r: &AuditRecord) -> String {
    // A JSON array is an unambiguous encoding of the fields (no separator can be forged).
    let canonical = serde_json::json!([
        r.tenant_id,
        r.seq,
        r.actor_user_id,
        r.actor,
        r.action,
        r.target_type,
        r.target_id,
        r.details,
        r.created_at,
        r.prev_hash
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Appends within the caller's write transaction, so the entry commits or rolls back with
/// the change it records.
pub async fn append_in(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    entry: AuditEntry,
) -> Result<AuditRecord, StoreError> {
    if tx.get_database_backend() == DatabaseBackend::Postgres {
        // Serialise appends per tenant for the rest of this transaction. (SQLite's
        // BEGIN IMMEDIATE already serialises all writers.)
        tx.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(7001, $1::int4)",
            [i32::try_from(tenant.0).unwrap_or(i32::MAX).into()],
        ))
        .await?;
    }
    let last = audit_log::Entity::find()
        .filter(audit_log::Column::TenantId.eq(tenant.0))
        .order_by_desc(audit_log::Column::Seq)
        .limit(1)
        .one(tx)
        .await?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_owned()), |l| (l.seq + 1, l.hash));
    let mut record = AuditRecord {
        id: 0,
        tenant_id: tenant.0,
        seq,
        actor_user_id: entry.actor_user_id,
        actor: entry.actor,
        action: entry.action,
        target_type: entry.target_type,
        target_id: entry.target_id,
        details: entry.details.to_string(),
        created_at: now(),
        prev_hash,
        hash: String::new(),
    };
    record.hash = entry_hash(&record);
    let inserted = audit_log::ActiveModel {
        tenant_id: Set(record.tenant_id),
        seq: Set(record.seq),
        actor_user_id: Set(record.actor_user_id),
        actor: Set(record.actor.clone()),
        action: Set(record.action.clone()),
        target_type: Set(record.target_type.clone()),
        target_id: Set(record.target_id.clone()),
        details: Set(record.details.clone()),
        created_at: Set(record.created_at),
        prev_hash: Set(record.prev_hash.clone()),
        hash: Set(record.hash.clone()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(inserted)
}

/// Appends in a transaction of its own.
pub async fn append(db: &DatabaseConnection, tenant: TenantId, entry: AuditEntry) -> Result<AuditRecord, StoreError> {
    let tx = begin_write(db).await?;
    let record = append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    Ok(record)
}

pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    limit: u64,
    offset: u64,
) -> Result<Vec<AuditRecord>, StoreError> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::TenantId.eq(tenant.0))
        .order_by_desc(audit_log::Column::Seq)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?)
}

pub async fn count(db: &impl ConnectionTrait, tenant: TenantId) -> Result<u64, StoreError> {
    Ok(audit_log::Entity::find().filter(audit_log::Column::TenantId.eq(tenant.0)).count(db).await?)
}

/// The first entry at which a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenEntry {
    pub tenant_id: i64,
    pub id: i64,
    pub seq: i64,
    pub reason: &'static str,
}

impl std::fmt::Display for BrokenEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "tenant {} entry seq {} (row id {}): {}", self.tenant_id, self.seq, self.id, self.reason)
    }
}

/// Checks every chain. Returns the number of entries verified, or the first broken one.
pub async fn verify(db: &DatabaseConnection) -> Result<Result<u64, BrokenEntry>, StoreError> {
    // Read in a consistent snapshot, page by page, tenant by tenant.
    let tx = db.begin().await?;
    let mut verified = 0u64;
    let mut current: Option<(i64, i64, String)> = None; // tenant, last seq, last hash
    let mut after: (i64, i64) = (i64::MIN, i64::MIN);
    loop {
        let page = audit_log::Entity::find()
            .filter(Condition::any().add(audit_log::Column::TenantId.gt(after.0)).add(
                Condition::all().add(audit_log::Column::TenantId.eq(after.0)).add(audit_log::Column::Seq.gt(after.1)),
            ))
            .order_by_asc(audit_log::Column::TenantId)
            .order_by_asc(audit_log::Column::Seq)
            .limit(1000)
            .all(&tx)
            .await?;
        if page.is_empty() {
            break;
        }
        for r in &page {
            let (expected_seq, expected_prev) = match &current {
                Some((t, seq, hash)) if *t == r.tenant_id => (seq + 1, hash.clone()),
                _ => (1, GENESIS.to_owned()),
            };
            let broken = |reason| BrokenEntry { tenant_id: r.tenant_id, id: r.id, seq: r.seq, reason };
            if r.seq != expected_seq {
                return Ok(Err(broken("sequence gap: an entry before it is missing")));
            }
            if r.prev_hash != expected_prev {
                return Ok(Err(broken("link broken: previous hash does not match")));
            }
            if entry_hash(r) != r.hash {
                return Ok(Err(broken("content altered: hash does not match")));
            }
            current = Some((r.tenant_id, r.seq, r.hash.clone()));
            verified += 1;
        }
        let last = page.last().expect("non-empty");
        after = (last.tenant_id, last.seq);
    }
    tx.commit().await?;
    Ok(Ok(verified))
}
