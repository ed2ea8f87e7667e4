//! Serde for `rathaus_domain::opening_hours::Schedule`, which has none of its own:
//! `{ "weekly": { "mon": ["08:00-12:00"] }, "exceptions": [...], "holidays_state": "NW",
//! "time_zone": "Europe/Berlin" }`. Used with `#[serde(with = "schedule_serde")]`.

use jiff::tz::TimeZone;
use rathaus_domain::FederalState;
use rathaus_domain::opening_hours::{Exception, Schedule, WeeklyHours};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Repr {
    weekly: WeeklyHours,
    #[serde(default)]
    exceptions: Vec<Exception>,
    #[serde(default)]
    holidays_state: Option<FederalState>,
    #[serde(with = "jiff::fmt::serde::tz::required")]
    time_zone: TimeZone,
}

pub(crate) fn serialize<S: Serializer>(schedule: &Schedule, serializer: S) -> Result<S::Ok, S::Error> {
    Repr {
        weekly: schedule.weekly().clone(),
        exceptions: schedule.exceptions().collect(),
        holidays_state: schedule.holidays_state(),
        time_zone: schedule.time_zone().clone(),
    }
    .serialize(serializer)
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Schedule, D::Error> {
    let r = Repr::deserialize(deserializer)?;
    Schedule::new(r.weekly, r.exceptions, r.holidays_state, r.time_zone).map_err(serde::de::Error::custom)
}
