//! Shared bits of the front-desk pages: error mapping, ticket and service labels.

use crate::{error::PageError, i18n::Tr};
use rathaus_domain::Language;
use rathaus_front_desk::FrontDeskError;
use std::collections::HashMap;

/// Front-desk errors that are no user situation become the error pages.
pub fn page_error(e: FrontDeskError) -> PageError {
    match e {
        FrontDeskError::NotFound => PageError::not_found(),
        FrontDeskError::Store(e) => e.into(),
        other => PageError::internal("front desk", &other),
    }
}

/// The message for a user situation (`frontdesk-error-CODE`).
pub fn message(tr: Tr, e: &FrontDeskError) -> String {
    tr.t(&format!("frontdesk-error-{}", e.code()))
}

/// Whether the error is something to tell the user (not a failure).
pub fn is_situation(e: &FrontDeskError) -> bool {
    !matches!(e, FrontDeskError::Store(_) | FrontDeskError::NotFound)
}

/// Service names by id, in the page's language (without loading the services' details).
pub async fn service_names(
    db: &sea_orm::DatabaseConnection,
    tenant: rathaus_db::TenantId,
    lang: Language,
) -> Result<HashMap<i64, String>, PageError> {
    Ok(rathaus_db::catalog::services::names_and_minutes(db, tenant)
        .await?
        .into_iter()
        .map(|(id, _, de, en)| (id, if lang == Language::En && !en.is_empty() { en } else { de }))
        .collect())
}

pub fn names(ids: &[i64], names: &HashMap<i64, String>) -> String {
    ids.iter().filter_map(|id| names.get(id).cloned()).collect::<Vec<_>>().join(", ")
}

/// Local clock time `HH:MM` of an instant.
pub fn clock(tz: &jiff::tz::TimeZone, at: i64) -> String {
    jiff::Timestamp::from_second(at).map(|t| t.to_zoned(tz.clone()).strftime("%H:%M").to_string()).unwrap_or_default()
}
