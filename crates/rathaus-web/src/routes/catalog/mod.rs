//! The public service catalogue: search, A–Z, topics, service and location pages. German
//! URLs, stable once published:
//!
//! * `/suche?q=…` ([`search`]): the routing engine's best services for a citizen's own words;
//!   when it is not confident, the general enquiry contact instead of a guess.
//! * `/leistungen` (A–Z with a letter index) and `/leistungen/{slug}` ([`services`]).
//! * `/themen` and `/themen/{key}` ([`topics`]).
//! * `/standorte` and `/standorte/{key}` ([`places`]): locations, mobile-office sites and the
//!   video office, with opening hours and whether they are open now.
//!
//! * `/antrag/{slug}` ([`next_steps`]): where "apply online" leads until online applications
//!   exist for a service. "Book an appointment" leads to `/termine/buchen?service=…`
//!   (`routes::appointments`).
//!
//! The start page (`/`, `routes::home`) is the search form. Pure pieces are unit-tested
//! here: [`fees`] (euro amounts), [`open_status`] ("open now" sentences), [`dates`],
//! [`letters`] (the A–Z index). [`hours`] reads opening hours and mobile sessions from the
//! database for the pages and the JSON API (`routes::api::{services, locations}`).

pub(crate) mod dates;
pub(crate) mod fees;
pub(crate) mod hours;
pub(crate) mod letters;
pub(crate) mod next_steps;
pub(crate) mod open_status;
pub(crate) mod places;
pub(crate) mod search;
pub(crate) mod services;
pub(crate) mod topics;

use crate::AppState;
use axum::{Router, routing::get};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/suche", get(search::show_results))
        .route("/leistungen", get(services::a_to_z))
        .route("/leistungen/{slug}", get(services::show_service))
        .route("/themen", get(topics::list_topics))
        .route("/themen/{key}", get(topics::show_topic))
        .route("/standorte", get(places::list_places))
        .route("/standorte/{key}", get(places::show_place))
        .route("/antrag/{slug}", get(next_steps::application))
}

/// A text's paragraphs (separated by blank lines), trimmed, without empty ones.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(super::paragraphs("Eins\nzwei\n\n  \nDrei\n"), ["Eins\nzwei", "Drei"]);
        assert!(super::paragraphs("  \n").is_empty());
    }
}
