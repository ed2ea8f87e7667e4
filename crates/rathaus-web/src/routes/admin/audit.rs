//! `/admin/audit`: the tenant's audit log, newest first, 50 entries a page. Admins and
//! supervisors may read it; nobody can change it.

use super::{LocalTime, PageQuery, Pager, local_time};
use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    response::Response,
    routing::get,
};
use rathaus_db::audit::{self, AuditRecord};
use rathaus_domain::Role;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/audit", get(show))
}

const PER_PAGE: u64 = 50;

struct AuditRow {
    seq: i64,
    time: LocalTime,
    actor: String,
    action: String,
    target: String,
    details: String,
}

/// `null` and `{}` say nothing; anything else is shown as compact JSON.
fn compact_details(stored: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(stored) {
        Ok(serde_json::Value::Null) => String::new(),
        Ok(serde_json::Value::Object(o)) if o.is_empty() => String::new(),
        Ok(v) => v.to_string(),
        Err(_) => stored.to_owned(),
    }
}

fn row(r: AuditRecord, tz: &jiff::tz::TimeZone, page: &Page) -> AuditRow {
    let target = match (r.target_type.is_empty(), r.target_id.is_empty()) {
        (true, _) => String::new(),
        (false, true) => r.target_type,
        (false, false) => format!("{} {}", r.target_type, r.target_id),
    };
    AuditRow {
        seq: r.seq,
        time: local_time(page.tr, tz, r.created_at),
        details: compact_details(&r.details),
        actor: r.actor,
        action: r.action,
        target,
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: Page,
    rows: Vec<AuditRow>,
    pager: Pager,
    total: String,
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
    page: Page,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::Supervisor)?;
    let total = audit::count(&state.db, staff.tenant()).await?;
    let pager = Pager::new(page.tr, "/admin/audit", q.page, PER_PAGE, total)?;
    let tz = tenant.tz();
    let rows = audit::list(&state.db, staff.tenant(), PER_PAGE, pager.offset)
        .await?
        .into_iter()
        .map(|r| row(r, &tz, &page))
        .collect();
    let total = page.tr.t_with("admin-audit-total", &[("count", total.to_string())]);
    render(&AuditPage { page, rows, pager, total })
}

#[cfg(test)]
mod tests {
    use super::compact_details;

    #[test]
    fn details_are_compact() {
        assert_eq!(compact_details("null"), "");
        assert_eq!(compact_details("{}"), "");
        assert_eq!(compact_details("{\"changed\": [\"name\", \"ags\"]}"), "{\"changed\":[\"name\",\"ags\"]}");
    }
}
