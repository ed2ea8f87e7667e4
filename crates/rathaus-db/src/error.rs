//! Storage errors. Database errors are never turned into "not found": callers get either a
//! value, `None` for a real absence, or a [`StoreError`].

use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    /// A unique constraint refused the write; carries the constraint's meaning.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("not found")]
    NotFound,
}

/// Whether an error is a unique-constraint violation (same meaning on both engines).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
