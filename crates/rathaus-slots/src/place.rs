//! A bookable place: a Bürgerbüro with counters, a mobile-office session or a virtual
//! (video) office. All three are the same data: opening hours, a slot grid, counters with
//! their staffing, and blocked times.

use crate::schedule_serde;
use crate::staffing::CounterPlan;
use jiff::Timestamp;
use rathaus_domain::Invalid;
use rathaus_domain::opening_hours::Schedule;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The grid in minutes. It must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60), so
/// that slots start at the same wall-clock minutes every hour (`slots-grid` otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct SlotMinutes(u32);

impl SlotMinutes {
    pub fn new(minutes: u32) -> Result<Self, Invalid> {
        if minutes > 0 && 60 % minutes == 0 { Ok(Self(minutes)) } else { Err(Invalid::new("slots-grid")) }
    }

    pub fn get(self) -> u32 {
        self.0
    }

    pub(crate) fn seconds(self) -> i64 {
        i64::from(self.0) * 60
    }
}

impl TryFrom<u32> for SlotMinutes {
    type Error = Invalid;
    fn try_from(minutes: u32) -> Result<Self, Invalid> {
        Self::new(minutes)
    }
}

impl From<SlotMinutes> for u32 {
    fn from(m: SlotMinutes) -> u32 {
        m.0
    }
}

/// Time taken out of capacity: a staff meeting (`counter: None`, the whole place) or one
/// counter's maintenance. Every grid slot that overlaps `[from, to)` is removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub counter: Option<u64>,
    pub from: Timestamp,
    pub to: Timestamp,
    pub reason: String,
}

/// Opening hours (with holidays, exceptions and the time zone), the grid, the counters and
/// the blocked times of one place. Counter ids are unique (`slots-counter-duplicate`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "PlaceRepr", into = "PlaceRepr")]
pub struct Place {
    opening: Schedule,
    slot_minutes: SlotMinutes,
    counters: Vec<CounterPlan>,
    blocks: Vec<Block>,
}

impl Place {
    pub fn new(
        opening: Schedule,
        slot_minutes: SlotMinutes,
        counters: Vec<CounterPlan>,
        blocks: Vec<Block>,
    ) -> Result<Self, Invalid> {
        let ids: BTreeSet<u64> = counters.iter().map(|c| c.counter_id).collect();
        if ids.len() != counters.len() {
            return Err(Invalid::new("slots-counter-duplicate"));
        }
        Ok(Self { opening, slot_minutes, counters, blocks })
    }

    pub fn opening(&self) -> &Schedule {
        &self.opening
    }

    pub fn slot_minutes(&self) -> SlotMinutes {
        self.slot_minutes
    }

    pub fn counters(&self) -> &[CounterPlan] {
        &self.counters
    }

    pub fn counter(&self, counter_id: u64) -> Option<&CounterPlan> {
        self.counters.iter().find(|c| c.counter_id == counter_id)
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceRepr {
    #[serde(with = "schedule_serde")]
    opening: Schedule,
    slot_minutes: SlotMinutes,
    counters: Vec<CounterPlan>,
    #[serde(default)]
    blocks: Vec<Block>,
}

impl TryFrom<PlaceRepr> for Place {
    type Error = Invalid;
    fn try_from(r: PlaceRepr) -> Result<Self, Invalid> {
        Self::new(r.opening, r.slot_minutes, r.counters, r.blocks)
    }
}

impl From<Place> for PlaceRepr {
    fn from(p: Place) -> Self {
        Self { opening: p.opening, slot_minutes: p.slot_minutes, counters: p.counters, blocks: p.blocks }
    }
}
