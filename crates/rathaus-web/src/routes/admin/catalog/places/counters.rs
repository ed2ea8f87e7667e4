//! `/admin/catalog/places/{id}/counters`: the counters of a location (video desks of a video
//! office): add one, rename one, deactivate or reactivate it. Counters are never deleted,
//! because tickets and appointments refer to them; a location that offers services keeps at
//! least one active counter.

use super::{PlaceHead, place};
use crate::routes::admin::catalog::{
    NoticeQuery, admin_tenant, catalog_changed, notice_text, saved,
    values::{Pairs, optional},
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::Response,
};
use rathaus_db::catalog::counters::{self, Counter};
use rathaus_db::catalog::offerings;
use rathaus_db::catalog::places::{Place, PlaceType};
use rathaus_db::{StoreError, TenantId, audit, begin_write};
use rathaus_domain::Slug;

const TYPES: &[PlaceType] = &[PlaceType::Location, PlaceType::VirtualOffice];

struct Row {
    id: i64,
    key: String,
    name: String,
    active: bool,
}

impl Row {
    /// Field names (and ids) of a counter's row: `counter-7-name`, `counter-7-active`.
    fn name_id(&self) -> String {
        format!("counter-{}-name", self.id)
    }

    fn active_id(&self) -> String {
        format!("counter-{}-active", self.id)
    }
}

#[derive(Template)]
#[template(path = "admin/catalog/place_counters.html")]
struct CountersPage {
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    head: PlaceHead,
    rows: Vec<Row>,
    new_key: String,
    new_name: String,
}

/// What the page shows besides the stored counters: entered values after an error.
#[derive(Default)]
struct Entered {
    new_key: String,
    new_name: String,
    /// `(counter id, name, active)` of a row whose change was refused.
    row: Option<(i64, String, bool)>,
    notice: Option<String>,
}

async fn counters_page(
    state: &AppState,
    tenant: TenantId,
    page: Page,
    p: &Place,
    t: PlaceType,
    errors: FormErrors,
    entered: Entered,
) -> Result<Response, PageError> {
    let rows = counters::list(&state.db, tenant, p.id)
        .await?
        .into_iter()
        .map(|c| match &entered.row {
            Some((id, name, active)) if *id == c.id => {
                Row { id: c.id, key: c.key, name: name.clone(), active: *active }
            }
            _ => Row { id: c.id, key: c.key, name: c.name, active: c.active },
        })
        .collect();
    render(&CountersPage {
        notice: entered.notice,
        head: PlaceHead::new(page.tr, p, t, "counters"),
        rows,
        new_key: entered.new_key,
        new_name: entered.new_name,
        errors,
        page,
    })
}

pub(in crate::routes::admin::catalog) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t) = place(&state, tenant, id, TYPES).await?;
    let entered = Entered { notice: notice_text(page.tr, q.notice.as_deref()), ..Entered::default() };
    counters_page(&state, tenant, page, &p, t, FormErrors::new(), entered).await
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn add(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t) = place(&state, tenant, id, TYPES).await?;
    let form = Pairs(&pairs);
    let entered = Entered { new_key: form.get("key"), new_name: form.get("name"), ..Entered::default() };
    let mut errors = FormErrors::new();
    let key = errors.check(page.tr, "key", Slug::parse(&entered.new_key));
    let name = errors.required(page.tr, "name", &entered.new_name);
    let (Some(key), Some(name)) = (key, name) else {
        return counters_page(&state, tenant, page, &p, t, errors, entered).await;
    };
    let tx = begin_write(&state.db).await?;
    let created = match counters::create(&tx, tenant, id, &key, &name).await {
        Ok(c) => c,
        Err(StoreError::Conflict("counter-key-taken")) => {
            drop(tx);
            errors.add("key", page.t("admin-catalog-invalid-counter-key-taken"));
            return counters_page(&state, tenant, page, &p, t, errors, entered).await;
        }
        Err(e) => return Err(e.into()),
    };
    let entry = staff
        .audit_entry("catalog.counter_added")
        .target("counter", created.id)
        .details(serde_json::json!({ "place": p.key, "key": created.key }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    catalog_changed(&state, tenant);
    Ok(saved(&format!("/admin/catalog/places/{id}/counters"), "counter-saved"))
}

/// Whether deactivating `counter` would leave a place that offers services without one.
async fn is_last_needed(state: &AppState, tenant: TenantId, p: &Place, counter: &Counter) -> Result<bool, PageError> {
    let all = counters::list(&state.db, tenant, p.id).await?;
    let others_active = all.iter().any(|c| c.active && c.id != counter.id);
    Ok(!others_active && !offerings::service_ids(&state.db, tenant, p.id).await?.is_empty())
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id, counter = counter_id))]
pub(in crate::routes::admin::catalog) async fn update(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path((id, counter_id)): Path<(i64, i64)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t) = place(&state, tenant, id, TYPES).await?;
    let counter = counters::get(&state.db, tenant, counter_id)
        .await?
        .filter(|c| c.place_id == p.id)
        .ok_or_else(PageError::not_found)?;
    let form = Pairs(&pairs);
    let field = format!("counter-{counter_id}");
    let (name, active) = (form.get(&format!("{field}-name")), form.ticked(&format!("{field}-active")));
    let mut errors = FormErrors::new();
    if optional(&name).is_none() {
        errors.add(&format!("{field}-name"), page.t("admin-catalog-invalid-counter-name"));
    }
    if counter.active && !active && is_last_needed(&state, tenant, &p, &counter).await? {
        errors.add(&format!("{field}-active"), page.t("admin-catalog-invalid-last-counter"));
    }
    if !errors.is_empty() {
        let entered = Entered { row: Some((counter_id, name, active)), ..Entered::default() };
        return counters_page(&state, tenant, page, &p, t, errors, entered).await;
    }
    let name = name.trim().to_owned();
    let changed: Vec<&str> = [("name", counter.name != name), ("active", counter.active != active)]
        .iter()
        .filter(|c| c.1)
        .map(|c| c.0)
        .collect();
    if !changed.is_empty() {
        let tx = begin_write(&state.db).await?;
        counters::update(&tx, tenant, counter_id, &name, active).await?;
        let entry = staff
            .audit_entry("catalog.counter_updated")
            .target("counter", counter_id)
            .details(serde_json::json!({ "place": p.key, "key": counter.key, "changed": changed, "active": active }));
        audit::append_in(&tx, tenant, entry).await?;
        tx.commit().await?;
        catalog_changed(&state, tenant);
    }
    Ok(saved(&format!("/admin/catalog/places/{id}/counters"), "counter-saved"))
}
