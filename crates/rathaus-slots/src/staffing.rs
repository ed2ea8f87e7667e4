//! Who can serve what, and when: a counter's service set and its staffed blocks.
//!
//! A counter contributes capacity only while one of its [`StaffedBlock`]s applies **and**
//! the place is open. Blocks of one counter may overlap; their union counts.

use jiff::civil::{Date, Weekday};
use rathaus_domain::opening_hours::TimeRange;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A service, by its catalogue slug (e.g. `personalausweis-beantragen`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ServiceId(String);

impl ServiceId {
    pub fn new(slug: impl Into<String>) -> Self {
        Self(slug.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The services a counter handles: in serde the string `"all"` or a list of slugs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ServiceSet {
    All(AllServices),
    Only(BTreeSet<ServiceId>),
}

/// The keyword `"all"` of [`ServiceSet::All`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AllServices {
    #[serde(rename = "all")]
    All,
}

impl ServiceSet {
    pub const fn all() -> Self {
        Self::All(AllServices::All)
    }

    pub fn only<S: Into<String>>(slugs: impl IntoIterator<Item = S>) -> Self {
        Self::Only(slugs.into_iter().map(ServiceId::new).collect())
    }

    pub fn contains(&self, service: &ServiceId) -> bool {
        match self {
            Self::All(_) => true,
            Self::Only(set) => set.contains(service),
        }
    }
}

/// One counter (desk, video clerk, the clerk of a mobile session) and its staffing plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterPlan {
    pub counter_id: u64,
    pub services: ServiceSet,
    pub staffed: Vec<StaffedBlock>,
}

/// Staffed `hours` (local wall-clock time) on the days that match both filters: the
/// `weekdays` (empty: every day) and the inclusive `dates` range (none: always).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffedBlock {
    #[serde(default, with = "weekdays", skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<Weekday>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<DateRange>,
    pub hours: TimeRange,
}

/// `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub first: Date,
    pub last: Date,
}

impl StaffedBlock {
    /// Every week on `weekday`.
    pub fn weekly(weekday: Weekday, hours: TimeRange) -> Self {
        Self { weekdays: vec![weekday], dates: None, hours }
    }

    /// Every day from `first` to `last`.
    pub fn dates(first: Date, last: Date, hours: TimeRange) -> Self {
        Self { weekdays: Vec::new(), dates: Some(DateRange { first, last }), hours }
    }

    pub fn applies_on(&self, date: Date) -> bool {
        let weekday_ok = self.weekdays.is_empty() || self.weekdays.contains(&date.weekday());
        let dates_ok = self.dates.is_none_or(|r| r.first <= date && date <= r.last);
        weekday_ok && dates_ok
    }
}

/// Weekdays as `["mon", "tue", …]` (jiff's `Weekday` has no serde).
mod weekdays {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    pub(super) fn serialize<S: Serializer>(days: &[Weekday], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(days.iter().map(|d| NAMES[d.to_monday_zero_offset() as usize]))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weekday>, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let parse = |n: &String| {
            let i = NAMES.iter().position(|&x| x == n).ok_or_else(|| serde::de::Error::custom("weekday"))?;
            // i < 7, so the conversion cannot fail.
            Weekday::from_monday_zero_offset(i as i8).map_err(serde::de::Error::custom)
        };
        names.iter().map(parse).collect()
    }
}
