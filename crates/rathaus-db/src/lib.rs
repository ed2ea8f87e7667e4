//! Storage for rathaus: one model over SQLite and PostgreSQL.
//!
//! * [`connect`] picks the engine from the URL scheme and applies the engine settings
//!   (SQLite: WAL, busy timeout, foreign keys).
//! * [`migration`] holds one schema definition that sea-query renders for both engines.
//! * [`begin_write`] opens a write transaction; on SQLite it is `BEGIN IMMEDIATE`, so a
//!   read-then-write never fails half-way with a busy snapshot.
//! * The modules named after the domain (`tenants`, `staff`, `sessions`, `audit`, …) are the
//!   only place that builds queries. Every function that touches tenant-owned rows takes a
//!   [`TenantId`] and filters by it; that is how tenant isolation is enforced.
//!
//! Timestamps are stored as integer UTC epoch seconds ([`now`]).

pub mod appointments;
pub mod audit;
pub mod catalog;
mod connect;
pub mod entity;
mod error;
pub mod front_desk;
pub mod installation_secrets;
pub mod migration;
pub mod schema_info;
pub mod sessions;
pub mod spent_tokens;
pub mod staff;
pub mod tenants;
pub mod throttle;
pub mod tokens;

pub use connect::{Engine, connect, engine_of};
pub use error::{StoreError, is_unique_violation};
pub use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr};

use sea_orm::{AccessMode, DatabaseBackend, SqliteTransactionMode, TransactionOptions, TransactionTrait};

/// A tenant's primary key. Functions over tenant-owned data take this first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct TenantId(pub i64);

/// Current time as UTC epoch seconds, the unit of every timestamp column.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// Begins a write transaction: `BEGIN IMMEDIATE` on SQLite, a plain read-committed
/// transaction on PostgreSQL (invariants there rely on constraints and conditional updates).
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options = match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() }
        }
        _ => TransactionOptions { access_mode: Some(AccessMode::ReadWrite), ..Default::default() },
    };
    db.begin_with_options(options).await
}

/// Runs all pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    use sea_orm_migration::MigratorTrait;
    migration::Migrator::up(db, None).await
}

/// Opens `url`, migrates, and returns a *fresh* pool. SQLite connections that were open
/// while the schema changed can keep a stale view of it for some statements (e.g. an
/// `ON CONFLICT (cols)` target), so the pool used for migrating is not used for work.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    migrate(&db).await?;
    db.close().await?;
    connect(url).await
}

/// A fresh random token, hex encoded (`bytes` of entropy), for sessions, invitations and links.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the OS random source is available");
    hex::encode(buf)
}

/// SHA-256 of a token, hex encoded. Tokens are stored only as hashes, so a leaked
/// database does not yield usable sessions or links.
pub fn token_hash(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}
