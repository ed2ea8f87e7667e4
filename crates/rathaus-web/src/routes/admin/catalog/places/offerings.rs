//! `/admin/catalog/places/{id}/services`: which services a place offers, as a checkbox list.
//! Only services with a channel this kind of place serves can be ticked (counter channels
//! at locations, `mobile` at mobile sites, `video` at video offices), and a location needs an
//! active counter before it offers anything – the same rules the catalogue's validation has.

use super::{PlaceHead, place};
use crate::routes::admin::catalog::{
    NoticeQuery, admin_tenant, catalog_changed, notice_text, pick, saved, values::Pairs,
};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    routes::admin::Choice,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::Response,
};
use rathaus_catalog::model::Channel;
use rathaus_db::catalog::places::{Place, PlaceType};
use rathaus_db::catalog::{counters, offerings, services};
use rathaus_db::{TenantId, audit, begin_write};

#[derive(Template)]
#[template(path = "admin/catalog/place_services.html")]
struct OfferingsPage {
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    head: PlaceHead,
    hint: String,
    choices: Vec<Choice>,
}

/// Whether a service with these channel codes can be offered at this type of place.
fn serves(t: PlaceType, service: &services::Service) -> bool {
    let codes: Vec<&str> = service.channel_codes().collect();
    let has = |c: Channel| codes.contains(&c.code());
    match t {
        PlaceType::Location => Channel::ALL.iter().any(|c| c.is_at_location() && has(*c)),
        PlaceType::MobileSite => has(Channel::Mobile),
        PlaceType::VirtualOffice => has(Channel::Video),
    }
}

/// The services that may be listed here (plus those already offered), with `ticked` ids.
async fn eligible(
    state: &AppState,
    tenant: TenantId,
    page: &Page,
    p: &Place,
    t: PlaceType,
    ticked: &[i64],
) -> Result<(Vec<services::Service>, Vec<Choice>), PageError> {
    let offered = offerings::service_ids(&state.db, tenant, p.id).await?;
    let list: Vec<services::Service> = services::list(&state.db, tenant)
        .await?
        .into_iter()
        .filter(|s| serves(t, s) || offered.contains(&s.id))
        .collect();
    let choices = list
        .iter()
        .map(|s| {
            let mut label = pick(page.language(), &s.name_de, &s.name_en);
            if !s.active {
                label = format!("{label} ({})", page.t("admin-catalog-inactive"));
            }
            Choice { value: s.id.to_string(), label, selected: ticked.contains(&s.id) }
        })
        .collect();
    Ok((list, choices))
}

async fn offerings_page(
    state: &AppState,
    tenant: TenantId,
    page: Page,
    (p, t): (&Place, PlaceType),
    ticked: &[i64],
    errors: FormErrors,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let (_, choices) = eligible(state, tenant, &page, p, t, ticked).await?;
    render(&OfferingsPage {
        notice,
        hint: page.t(&format!("admin-catalog-offerings-hint-{}", t.code())),
        head: PlaceHead::new(page.tr, p, t, "services"),
        choices,
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
    let (p, t) = place(&state, tenant, id, &[]).await?;
    let offered = offerings::service_ids(&state.db, tenant, p.id).await?;
    let notice = notice_text(page.tr, q.notice.as_deref());
    offerings_page(&state, tenant, page, (&p, t), &offered, FormErrors::new(), notice).await
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(in crate::routes::admin::catalog) async fn save(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t) = place(&state, tenant, id, &[]).await?;
    let submitted = Pairs(&pairs).all("services");
    let (list, _) = eligible(&state, tenant, &page, &p, t, &[]).await?;
    let mut errors = FormErrors::new();
    let mut wanted: Vec<i64> = Vec::new();
    for value in &submitted {
        match list.iter().find(|s| s.id.to_string() == *value) {
            Some(s) if serves(t, s) => wanted.push(s.id),
            Some(s) => {
                let name = pick(page.language(), &s.name_de, &s.name_en);
                errors.add(
                    "services",
                    page.t_with(&format!("admin-catalog-invalid-offering-{}", t.code()), "name", &name),
                );
            }
            // Not a service of this tenant: a forged form.
            None => return Err(PageError::bad_request()),
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let needs_counter = t == PlaceType::Location && !wanted.is_empty();
    if needs_counter && !counters::list(&state.db, tenant, p.id).await?.iter().any(|c| c.active) {
        errors.add("services", page.t("admin-catalog-invalid-offering-no-counter"));
    }
    if !errors.is_empty() {
        return offerings_page(&state, tenant, page, (&p, t), &wanted, errors, None).await;
    }
    let before = offerings::service_ids(&state.db, tenant, p.id).await?;
    let slug = |id: &i64| list.iter().find(|s| s.id == *id).map(|s| s.slug.clone()).unwrap_or_default();
    let added: Vec<String> = wanted.iter().filter(|id| !before.contains(id)).map(slug).collect();
    let removed: Vec<String> = before.iter().filter(|id| !wanted.contains(id)).map(slug).collect();
    if !added.is_empty() || !removed.is_empty() {
        let tx = begin_write(&state.db).await?;
        offerings::replace(&tx, tenant, p.id, &wanted).await?;
        let entry = staff
            .audit_entry("catalog.place_services_changed")
            .target("place", p.id)
            .details(serde_json::json!({ "place": p.key, "added": added, "removed": removed }));
        audit::append_in(&tx, tenant, entry).await?;
        tx.commit().await?;
        catalog_changed(&state, tenant);
    }
    Ok(saved(&format!("/admin/catalog/places/{id}/services"), "services-saved"))
}
