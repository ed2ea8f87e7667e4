//! What the citizen chose in the first steps of the booking flow – services, persons,
//! place, day – carried in the query string (steps 1–3 are GET pages: bookmarkable, and
//! the back button just works) and in hidden fields of the hold form.
//!
//! Query parameters: `service` (repeated, slugs), `persons`, `ort` (a place key, or `alle`
//! for the earliest times anywhere), `datum` (the chosen local date) and `ab` (the first
//! day of the day list).

use jiff::civil::Date;
use rathaus_booking::ServiceRequest;

/// `ort=alle`: the earliest times at any place.
pub const ANYWHERE: &str = "alle";
/// The most persons one booking may name (services may allow fewer).
pub const MAX_PERSONS: u32 = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    pub services: Vec<String>,
    /// As entered; checked against the services' limits later.
    pub persons: String,
    pub place: Option<String>,
    pub date: Option<Date>,
    pub from: Option<Date>,
}

impl Choice {
    /// From `key=value` pairs (a query string or a form); unknown keys are ignored and
    /// malformed dates dropped.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut c = Choice::default();
        for (k, v) in pairs {
            let v = v.trim();
            match k {
                "service" if !v.is_empty() && !c.services.iter().any(|s| s == v) => c.services.push(v.to_owned()),
                "persons" => c.persons = v.to_owned(),
                "ort" if !v.is_empty() => c.place = Some(v.to_owned()),
                "datum" => c.date = v.parse().ok(),
                "ab" => c.from = v.parse().ok(),
                _ => {}
            }
        }
        c
    }

    pub fn from_query(query: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(query.unwrap_or("").as_bytes()).into_owned().collect();
        Self::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// Persons as a number, if it is one from 1 to [`MAX_PERSONS`]; empty means 1.
    pub fn persons(&self) -> Option<u32> {
        if self.persons.is_empty() {
            return Some(1);
        }
        self.persons.parse().ok().filter(|p| (1..=MAX_PERSONS).contains(p))
    }

    pub fn requests(&self) -> Vec<ServiceRequest> {
        let persons = self.persons().unwrap_or(1);
        self.services.iter().map(|s| ServiceRequest::new(s.clone(), persons)).collect()
    }

    pub fn anywhere(&self) -> bool {
        self.place.as_deref() == Some(ANYWHERE)
    }

    /// The query string of the services and persons (for links back to step 1 and on to
    /// step 2).
    pub fn services_query(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for s in &self.services {
            q.append_pair("service", s);
        }
        q.append_pair("persons", &self.persons().unwrap_or(1).to_string());
        q.finish()
    }

    /// Services, persons and place (for step 3 and the day links).
    pub fn place_query(&self) -> String {
        let mut q = self.services_query();
        if let Some(p) = &self.place {
            q.push_str("&ort=");
            q.push_str(&url::form_urlencoded::byte_serialize(p.as_bytes()).collect::<String>());
        }
        q
    }

    /// [`Choice::place_query`] with a chosen day (and the day list's start, if set).
    pub fn day_query(&self, date: Date) -> String {
        let mut q = format!("{}&datum={date}", self.place_query());
        if let Some(from) = self.from {
            q.push_str(&format!("&ab={from}"));
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn choices_round_trip_through_the_query() {
        let c = Choice::from_query(Some(
            "service=personalausweis-beantragen&service=reisepass-beantragen&service=reisepass-beantragen&persons=2&ort=buergerbuero-mitte&datum=2026-12-03&ab=2026-12-01&x=1",
        ));
        assert_eq!(c.services, ["personalausweis-beantragen", "reisepass-beantragen"]);
        assert_eq!(c.persons(), Some(2));
        assert_eq!(c.place.as_deref(), Some("buergerbuero-mitte"));
        assert_eq!(c.date, Some(date(2026, 12, 3)));
        let again = Choice::from_query(Some(&c.day_query(date(2026, 12, 3))));
        assert_eq!(again, c);
    }

    #[test]
    fn persons_are_checked_and_bad_dates_dropped() {
        assert_eq!(Choice::from_query(Some("persons=")).persons(), Some(1));
        for bad in ["0", "11", "zwei", "-1"] {
            assert_eq!(Choice::from_query(Some(&format!("persons={bad}"))).persons(), None, "{bad}");
        }
        assert_eq!(Choice::from_query(Some("datum=2026-02-30")).date, None);
        assert!(Choice::from_query(Some("ort=alle")).anywhere());
    }
}
