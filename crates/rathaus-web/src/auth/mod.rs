//! Staff authentication: server-side sessions (valid on every node), role checks, and
//! password hashing.

pub mod password;
mod session;

pub use session::{MaybeStaff, SESSION_COOKIE, Staff, load_session};
