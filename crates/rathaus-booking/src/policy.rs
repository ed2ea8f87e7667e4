//! The stored booking policy as the engine's [`BookingPolicy`], and what a [`Channel`] may
//! take in storage terms.

use crate::error::{BookingError, corrupt};
use rathaus_db::TenantId;
use rathaus_db::appointments::plan::{self, StoredPolicy};
use rathaus_db::appointments::slots::ContingentAccess;
use rathaus_slots::{BookingPolicy, Channel, ContingentName, Contingents, RollingRelease, SlotMinutes};

/// The engine's policy and grid of a stored policy.
pub(crate) fn engine(stored: &StoredPolicy) -> Result<(BookingPolicy, SlotMinutes), BookingError> {
    let grid = SlotMinutes::new(stored.slot_minutes).map_err(|_| corrupt("slot minutes"))?;
    let contingents: Contingents =
        serde_json::from_value(stored.contingents.clone()).map_err(|_| corrupt("contingents"))?;
    let policy = BookingPolicy {
        horizon_days: stored.horizon_days,
        min_lead_minutes: stored.min_lead_minutes,
        release: stored.release.map(|(at, days_ahead)| RollingRelease { at, days_ahead }),
        contingents,
        contingent_block_minutes: stored.contingent_block_minutes,
    };
    Ok((policy, grid))
}

/// Stores the booking policy of a place after checking that the engine accepts it: the grid
/// divides 60 (`slots-grid`), contingents are well-formed with distinct names and shares of
/// at most 100 % in all (`policy-contingents`), a hold lasts at least a minute
/// (`policy-hold`). Regenerate the place's capacity afterwards for new contingents or grid.
pub async fn set_policy(
    db: &impl sea_orm::ConnectionTrait,
    tenant: TenantId,
    place_id: i64,
    policy: &StoredPolicy,
) -> Result<(), BookingError> {
    SlotMinutes::new(policy.slot_minutes)?;
    serde_json::from_value::<Contingents>(policy.contingents.clone())
        .map_err(|_| BookingError::Invalid("policy-contingents"))?;
    if policy.hold_minutes == 0 {
        return Err(BookingError::Invalid("policy-hold"));
    }
    plan::set_policy(db, tenant, place_id, policy).await.map_err(|e| match e {
        rathaus_db::StoreError::NotFound => BookingError::NotFound,
        e => e.into(),
    })
}

/// Seconds before its start at which a slot of contingent `name` is released to everyone
/// (`None`: the contingent is not in the policy).
pub(crate) fn release_before_s(policy: &BookingPolicy, name: &ContingentName) -> Option<i64> {
    policy.contingents.get(name).map(|c| i64::from(c.release_hours_before) * 3600)
}

/// Contingents staff on the phone may not take before release: the others' reserves.
const NOT_BY_PHONE: &[&str] = &["walk_in", "emergency"];

/// What the conditional UPDATE lets a channel take; mirrors [`Channel::may_use`].
pub(crate) fn access(channel: Channel) -> ContingentAccess<'static> {
    match channel {
        Channel::Online => ContingentAccess::None,
        Channel::Phone(_) => ContingentAccess::AllExcept(NOT_BY_PHONE),
        Channel::WalkIn => ContingentAccess::Only("walk_in"),
        Channel::Emergency => ContingentAccess::Only("emergency"),
    }
}

/// The stored code of a channel.
pub(crate) fn channel_code(channel: Channel) -> &'static str {
    match channel {
        Channel::Online => "online",
        Channel::Phone(_) => "phone",
        Channel::WalkIn => "walk_in",
        Channel::Emergency => "emergency",
    }
}

/// The staff member who books on the phone.
pub(crate) fn booked_by(channel: Channel) -> Option<i64> {
    match channel {
        Channel::Phone(staff) => i64::try_from(staff.0).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_slots::StaffId;

    #[test]
    fn storage_access_agrees_with_the_engine() {
        let names = ["phone", "walk_in", "emergency", "seniors"].map(|n| ContingentName::from(n.to_owned()));
        for channel in [Channel::Online, Channel::Phone(StaffId(1)), Channel::WalkIn, Channel::Emergency] {
            for name in &names {
                let code = String::from(name.clone());
                let stored = match access(channel) {
                    ContingentAccess::None => false,
                    ContingentAccess::Only(n) => n == code,
                    ContingentAccess::AllExcept(list) => !list.contains(&code.as_str()),
                };
                assert_eq!(stored, channel.may_use(name), "{channel:?} {code}");
            }
        }
    }
}
