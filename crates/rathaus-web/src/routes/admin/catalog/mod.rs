//! Administration of the service catalogue (admins only).
//!
//! * `/admin/catalog`: the overview with counts and the catalogue's open problems
//!   ([`overview`]).
//! * `/admin/catalog/departments…`: departments ([`departments`]).
//! * `/admin/catalog/services…`: services ([`services`]). A service is addressed by its slug,
//!   which is **fixed once the service exists**: it is the citizen's URL and the identity an
//!   import matches by, so renaming it would break links and make the next import add a
//!   twin. To change it, create a new service and deactivate the old one.
//! * `/admin/catalog/places…`: locations, mobile-office sites and video offices with their
//!   counters, offered services, weekly hours, exceptions, sessions and cancellations
//!   ([`places`]). A place's key is fixed once it exists as well (appointments and imports
//!   name a place by its key); a department's key may change (services refer to its id).
//! * `/admin/catalog/transfer`: import (own format or XZuFi 2.2) and export ([`transfer`]).
//!
//! Every form is validated with the catalogue's own rules (`Catalog::validate`, run on the
//! tenant's exported catalogue with the edited item in it), so what the forms accept can
//! always be exported and imported again. Every change commits together with its audit
//! entry and is followed by `state.search.invalidate`, so the citizen search sees it at once.
//! Every query is scoped by the signed-in admin's tenant: another tenant's ids and keys are
//! not found (404).

use crate::{AppState, auth::Staff, error::PageError, i18n::Tr};
use axum::{
    Router,
    response::{IntoResponse, Redirect, Response},
};
use rathaus_db::TenantId;
use rathaus_domain::{Language, Role};

mod departments;
mod money;
mod overview;
mod places;
mod problems;
mod services;
mod transfer;
mod values;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .merge(overview::routes())
        .merge(departments::routes())
        .merge(services::routes())
        .merge(places::routes())
        .merge(transfer::routes())
}

/// The signed-in staff member's tenant, if they are an admin.
fn admin_tenant(staff: &Staff) -> Result<TenantId, PageError> {
    staff.require(Role::Admin)?;
    Ok(staff.tenant())
}

/// A bilingual value in the page's language (German when the English one is blank).
fn pick(lang: Language, de: &str, en: &str) -> String {
    if lang == Language::En && !en.trim().is_empty() { en.to_owned() } else { de.to_owned() }
}

/// After a committed catalogue change: the search index follows, and the bookable capacity is
/// regenerated in the background (hours, counters and offerings shape it). A lost job is
/// made good by the hourly roll-forward.
fn catalog_changed(state: &AppState, tenant: TenantId) {
    state.search.invalidate(tenant);
    let db = state.db.clone();
    tokio::spawn(async move {
        if let Err(e) = rathaus_appointments::jobs::capacity::regenerate_soon(&db, tenant, None).await {
            tracing::warn!(error = %e, "capacity regeneration not queued");
        }
    });
}

/// The notices shown after a redirect (`?notice=KEY`); only these keys are shown, so the
/// query string cannot inject text.
const NOTICES: &[&str] = &[
    "department-saved",
    "department-deleted",
    "service-saved",
    "place-saved",
    "counter-saved",
    "services-saved",
    "hours-saved",
    "exception-saved",
    "exception-removed",
    "session-saved",
    "session-removed",
    "cancellation-saved",
    "cancellation-removed",
];

fn notice_text(tr: Tr, notice: Option<&str>) -> Option<String> {
    notice.filter(|n| NOTICES.contains(n)).map(|n| tr.t(&format!("admin-catalog-notice-{n}")))
}

/// `?notice=…` of a page.
#[derive(Debug, serde::Deserialize)]
struct NoticeQuery {
    notice: Option<String>,
}

/// A redirect after a successful POST, with a notice.
fn saved(path: &str, notice: &str) -> Response {
    debug_assert!(NOTICES.contains(&notice));
    Redirect::to(&format!("{path}?notice={notice}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_catalog::model::Channel;
    use rathaus_db::catalog::places::PlaceType;

    /// Keys composed at run time (`admin-catalog-channel-{code}`) exist in both languages.
    #[test]
    fn every_composed_key_exists_in_both_languages() {
        let mut keys: Vec<String> = NOTICES.iter().map(|n| format!("notice-{n}")).collect();
        keys.extend(Channel::ALL.iter().map(|c| format!("channel-{}", c.code())));
        keys.extend(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(|d| format!("day-{d}")));
        for t in PlaceType::ALL.map(PlaceType::code) {
            for prefix in ["place-type", "places", "place-new", "offerings-hint", "invalid-offering"] {
                keys.push(format!("{prefix}-{t}"));
            }
        }
        let kinds = ["citizen_office", "vehicle_registration", "registry_office", "immigration_office", "other"];
        keys.extend(kinds.map(|k| format!("kind-{k}")));
        keys.extend(["details", "counters", "services", "hours", "sessions"].map(|t| format!("place-tab-{t}")));
        for f in ["yaml", "json", "xzufi"] {
            keys.extend([format!("format-{f}"), format!("unreadable-{f}")]);
        }
        keys.extend(["once", "document", "page", "year", "animal"].map(|u| format!("fee-per-{u}")));
        keys.extend(["location", "mobile", "video"].map(|w| format!("warning-unserved-{w}")));
        keys.extend(["closed", "hours"].map(|e| format!("exception-{e}")));
        keys.extend(["departments", "topics", "services", "places"].map(|c| format!("count-{c}")));
        let conflicts = ["service-slug-taken", "place-type-fixed", "service-leika-taken", "department-key-taken"];
        keys.extend(conflicts.map(|c| format!("import-{c}")));
        keys.extend(
            ["latitude", "longitude", "hours-format", "hours-order", "hours-overlap"].map(|i| format!("invalid-{i}")),
        );
        let fee_parts = ["label_de", "label_en", "fixed", "min", "max", "rule_de", "rule_en", "per"];
        keys.extend(fee_parts.map(|p| format!("field-fee-{p}")));
        let bilingual = [
            "name",
            "summary",
            "description",
            "eligibility",
            "processing_time",
            "procedure",
            "deadlines",
            "notes",
            "documents",
            "keywords",
            "phrasings",
            "transport",
            "requirements",
            "accessibility",
        ];
        for field in bilingual {
            keys.extend([format!("field-{field}_de"), format!("field-{field}_en")]);
        }
        let single = [
            "slug",
            "leika",
            "department",
            "topic",
            "minutes_per_person",
            "max_persons",
            "online_url",
            "legal_basis",
            "channels",
            "key",
            "phone",
            "email",
            "street",
            "postal_code",
            "city",
            "latitude",
            "longitude",
        ];
        keys.extend(single.map(|f| format!("field-{f}")));
        // Every argument any message takes, so that messages with arguments resolve too.
        let args = ["name", "n", "count", "places", "key", "line", "column", "date", "day", "hours", "weeks"]
            .map(|a| (a, "x".to_owned()));
        for lang in [Language::De, Language::En] {
            for key in &keys {
                let key = format!("admin-catalog-{key}");
                assert_ne!(Tr(lang).t_with(&key, &args), key, "missing in {lang:?}");
            }
        }
    }
}
