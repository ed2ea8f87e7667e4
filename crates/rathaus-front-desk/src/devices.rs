//! Terminals and displays: an admin creates a device and gets a one-time enrolment code
//! (shown once, valid for a day); the device's browser enrols with it and receives a
//! long-lived credential for a cookie. Revoking ends the credential at once.

use crate::{Actor, FrontDeskError};
use rathaus_db::front_desk::devices::{self, Device, DeviceKind, NewDevice};
use rathaus_db::{TenantId, audit, begin_write, random_token, token_hash};
use sea_orm::DatabaseConnection;

/// How long an enrolment code is valid.
pub const ENROLMENT_SECS: i64 = 24 * 3600;
const CODE_ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A fresh enrolment code: 10 characters without look-alikes (50 bits), typed once on the
/// device, e.g. `KX7M-29QD-HT`.
pub fn enrolment_code() -> String {
    let mut buf = [0u8; 10];
    getrandom::fill(&mut buf).expect("the OS random source is available");
    let chars: Vec<char> = buf.iter().map(|b| char::from(CODE_ALPHABET[usize::from(b % 32)])).collect();
    format!(
        "{}-{}-{}",
        chars[..4].iter().collect::<String>(),
        chars[4..8].iter().collect::<String>(),
        chars[8..].iter().collect::<String>()
    )
}

/// The code as typed: upper case, without separators.
pub fn normalise_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase()
}

/// Creates a device at the tenant's place; returns it with its enrolment code.
pub async fn create(
    db: &DatabaseConnection,
    tenant: TenantId,
    place_id: i64,
    kind: DeviceKind,
    name: &str,
    actor: &Actor,
    now: i64,
) -> Result<(Device, String), FrontDeskError> {
    rathaus_db::catalog::places::get(db, tenant, place_id).await?.ok_or(FrontDeskError::NotFound)?;
    let code = enrolment_code();
    let tx = begin_write(db).await?;
    let new = NewDevice {
        place_id,
        kind,
        name,
        created_by_user_id: actor.user_id(),
        enrolment_hash: token_hash(&normalise_code(&code)),
        enrolment_expires_at: now + ENROLMENT_SECS,
    };
    let device = devices::create(&tx, tenant, new, now).await?;
    let entry = actor
        .entry("device.create")
        .target("device", device.id)
        .details(serde_json::json!({ "kind": kind.code(), "place_id": place_id }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    Ok((device, code))
}

/// Enrols the browser that typed `code`: returns the device and its credential token.
pub async fn enrol(
    db: &DatabaseConnection,
    tenant: TenantId,
    code: &str,
    now: i64,
) -> Result<Option<(Device, String)>, FrontDeskError> {
    let credential = random_token(32);
    let tx = begin_write(db).await?;
    let Some(device) =
        devices::enrol(&tx, tenant, &token_hash(&normalise_code(code)), &token_hash(&credential), now).await?
    else {
        tx.rollback().await?;
        return Ok(None);
    };
    audit::append_in(&tx, tenant, Actor::Device { id: device.id }.entry("device.enrol").target("device", device.id))
        .await?;
    tx.commit().await?;
    Ok(Some((device, credential)))
}

/// The active device with this credential.
pub async fn authenticate(
    db: &DatabaseConnection,
    tenant: TenantId,
    credential: &str,
    now: i64,
) -> Result<Option<Device>, FrontDeskError> {
    let device = devices::by_credential(db, tenant, &token_hash(credential)).await?;
    if let Some(d) = &device {
        devices::touch(db, d.id, now).await?;
    }
    Ok(device)
}

pub async fn revoke(
    db: &DatabaseConnection,
    tenant: TenantId,
    id: i64,
    actor: &Actor,
    now: i64,
) -> Result<bool, FrontDeskError> {
    let tx = begin_write(db).await?;
    let revoked = devices::revoke(&tx, tenant, id, now).await?;
    if revoked {
        audit::append_in(&tx, tenant, actor.entry("device.revoke").target("device", id)).await?;
    }
    tx.commit().await?;
    Ok(revoked)
}
