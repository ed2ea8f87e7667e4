//! From the catalogue's opening hours to the domain's [`Schedule`], which answers "open
//! now?" and "next opening" in the location's time zone, with public holidays.

use crate::model::{OpeningHours, Weekday};
use jiff::tz::TimeZone;
use rathaus_domain::opening_hours::{DayHours, Exception, ExceptionKind, Schedule, WeeklyHours};
use rathaus_domain::{FederalState, Invalid, Language};

impl OpeningHours {
    /// The weekly pattern; fails on a malformed or overlapping range (codes as in
    /// `rathaus_domain::opening_hours`). [`crate::Catalog::validate`] reports these first.
    pub fn weekly_hours(&self) -> Result<WeeklyHours, Invalid> {
        let mut weekly = WeeklyHours::closed();
        for day in Weekday::ALL {
            let ranges = self.weekly.day(day).join(", ");
            weekly.set(day.to_jiff(), DayHours::parse(&ranges)?);
        }
        Ok(weekly)
    }

    /// The exceptions, with their notes in `lang`.
    pub fn domain_exceptions(&self, lang: Language) -> Result<Vec<Exception>, Invalid> {
        self.exceptions
            .iter()
            .map(|e| {
                let note = e.note.as_ref().map(|n| n.get(lang).to_owned());
                let kind = if e.closed {
                    ExceptionKind::Closed { note }
                } else {
                    ExceptionKind::SpecialHours { hours: DayHours::parse(&e.hours.join(", "))?, note }
                };
                Ok(Exception { date: e.date, kind })
            })
            .collect()
    }

    /// The full schedule: weekly hours, exceptions (notes in `lang`), the public holidays
    /// of `holidays_state`, in `time_zone`.
    pub fn schedule(
        &self,
        lang: Language,
        holidays_state: Option<FederalState>,
        time_zone: TimeZone,
    ) -> Result<Schedule, Invalid> {
        Schedule::new(self.weekly_hours()?, self.domain_exceptions(lang)?, holidays_state, time_zone)
    }
}

#[cfg(test)]
mod tests {
    use crate::demo_catalog;
    use jiff::{civil::date, tz::TimeZone};
    use rathaus_domain::{FederalState, Language};

    #[test]
    fn demo_locations_become_schedules() {
        let catalog = demo_catalog();
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        for l in &catalog.locations {
            let schedule =
                l.opening_hours.schedule(Language::De, Some(FederalState::NordrheinWestfalen), berlin.clone());
            assert!(schedule.is_ok(), "{}: {schedule:?}", l.key);
        }
        let mitte = catalog.location("buergerbuero-mitte").unwrap();
        let weekly = mitte.opening_hours.weekly_hours().unwrap();
        assert_eq!(weekly.on(jiff::civil::Weekday::Tuesday).to_string(), "08:00-13:00, 14:00-18:00");
        let exceptions = mitte.opening_hours.domain_exceptions(Language::En).unwrap();
        assert!(exceptions.iter().any(|e| e.date == date(2026, 12, 24)));
    }
}
