//! Random keys every node of an installation shares, e.g. the HMAC key of proof-of-work
//! challenges, so that a challenge issued by one node verifies on another. The first node
//! that needs a key creates it (`INSERT … ON CONFLICT DO NOTHING`) and everyone reads the
//! stored one, so concurrent first uses agree. A key given in the configuration takes
//! precedence (the caller decides); a key in the database protects only against outsiders,
//! not against someone who can read the database.

use crate::entity::installation_secret;
use crate::{StoreError, now};
use sea_orm::{ConnectionTrait, EntityTrait, Set};

/// The 32-byte key called `name`, created on first use.
pub async fn get_or_create(db: &impl ConnectionTrait, name: &str) -> Result<[u8; 32], StoreError> {
    let fresh = crate::random_token(32);
    let row =
        installation_secret::ActiveModel { name: Set(name.to_owned()), value: Set(fresh), created_at: Set(now()) };
    installation_secret::Entity::insert(row).on_conflict_do_nothing().exec_without_returning(db).await?;
    let stored = installation_secret::Entity::find_by_id(name.to_owned()).one(db).await?.ok_or(StoreError::NotFound)?;
    let bytes = hex::decode(&stored.value).map_err(|_| crate::catalog::corrupt("installation secret", name))?;
    bytes.try_into().map_err(|_| crate::catalog::corrupt("installation secret", name))
}
