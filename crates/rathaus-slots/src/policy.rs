//! The booking policy of a place: how far ahead, how soon, when new days open, and which
//! share of the capacity is held back for other channels than online booking.
//!
//! | channel                 | may use contingents        | lead time | horizon | rolling release |
//! |-------------------------|----------------------------|-----------|---------|-----------------|
//! | `Online`                | none (only released ones)  | yes       | yes     | yes             |
//! | `Phone(staff)`          | `phone` and custom ones    | yes       | yes     | yes             |
//! | `WalkIn` (at the desk)  | `walk_in`                  | no        | yes     | no              |
//! | `Emergency`             | `emergency`                | no        | yes     | no              |
//!
//! A caller on the phone gets no earlier access than a web user (same window), only the
//! phone share. Walk-ins and emergencies are served now, so only `start >= now` applies.
//! A contingent slot is released to every channel `release_hours_before` its start.

use rathaus_domain::Invalid;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingPolicy {
    /// The last bookable local date is today + `horizon_days`.
    pub horizon_days: u32,
    /// Online and phone bookings start at least this long after now.
    pub min_lead_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<RollingRelease>,
    #[serde(default)]
    pub contingents: Contingents,
    /// Contingent slots are reserved in runs of this length on one counter (see
    /// [`crate::capacity_grid`]); 0 or less than the grid means single slots.
    #[serde(default = "default_block_minutes")]
    pub contingent_block_minutes: u32,
}

fn default_block_minutes() -> u32 {
    30
}

impl BookingPolicy {
    /// No contingents, no rolling release.
    pub fn new(horizon_days: u32, min_lead_minutes: u32) -> Self {
        Self {
            horizon_days,
            min_lead_minutes,
            release: None,
            contingents: Contingents::default(),
            contingent_block_minutes: default_block_minutes(),
        }
    }
}

/// Every day at `at` (local time) one more day opens: date D is bookable from
/// (D − `days_ahead`) at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RollingRelease {
    pub at: jiff::civil::Time,
    pub days_ahead: u32,
}

/// Who a contingent is for. In serde a string: `phone`, `walk_in`, `emergency`, or any other
/// name for a custom contingent (booked by staff on the phone channel).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ContingentName {
    Phone,
    WalkIn,
    Emergency,
    Custom(String),
}

impl From<String> for ContingentName {
    fn from(s: String) -> Self {
        match s.as_str() {
            "phone" => Self::Phone,
            "walk_in" => Self::WalkIn,
            "emergency" => Self::Emergency,
            _ => Self::Custom(s),
        }
    }
}

impl From<ContingentName> for String {
    fn from(n: ContingentName) -> String {
        match n {
            ContingentName::Phone => "phone".into(),
            ContingentName::WalkIn => "walk_in".into(),
            ContingentName::Emergency => "emergency".into(),
            ContingentName::Custom(s) => s,
        }
    }
}

/// `share_percent` of a day's counter-slots, released to all channels
/// `release_hours_before` the slot starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contingent {
    pub name: ContingentName,
    pub share_percent: u8,
    pub release_hours_before: u32,
}

/// Contingents with distinct names (`contingent-duplicate`) whose shares add up to at most
/// 100 % (`contingent-share`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<Contingent>", into = "Vec<Contingent>")]
pub struct Contingents(Vec<Contingent>);

impl Contingents {
    pub fn new(list: Vec<Contingent>) -> Result<Self, Invalid> {
        let names: BTreeSet<&ContingentName> = list.iter().map(|c| &c.name).collect();
        if names.len() != list.len() {
            return Err(Invalid::new("contingent-duplicate"));
        }
        if list.iter().map(|c| u32::from(c.share_percent)).sum::<u32>() > 100 {
            return Err(Invalid::new("contingent-share"));
        }
        Ok(Self(list))
    }

    pub fn as_slice(&self) -> &[Contingent] {
        &self.0
    }

    pub fn get(&self, name: &ContingentName) -> Option<&Contingent> {
        self.0.iter().find(|c| &c.name == name)
    }
}

impl TryFrom<Vec<Contingent>> for Contingents {
    type Error = Invalid;
    fn try_from(list: Vec<Contingent>) -> Result<Self, Invalid> {
        Self::new(list)
    }
}

impl From<Contingents> for Vec<Contingent> {
    fn from(c: Contingents) -> Self {
        c.0
    }
}

/// The staff member who books on behalf of a caller; recorded by storage, not used here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StaffId(pub u64);

/// How a booking request arrives. See the module table for what each may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Online,
    Phone(StaffId),
    WalkIn,
    Emergency,
}

impl Channel {
    /// Whether this channel may book slots of an unreleased contingent `name`.
    pub fn may_use(self, name: &ContingentName) -> bool {
        matches!(
            (self, name),
            (Self::Phone(_), ContingentName::Phone | ContingentName::Custom(_))
                | (Self::WalkIn, ContingentName::WalkIn)
                | (Self::Emergency, ContingentName::Emergency)
        )
    }

    /// Online and phone bookings keep the lead time and the rolling release.
    pub fn is_advance_booking(self) -> bool {
        matches!(self, Self::Online | Self::Phone(_))
    }
}
