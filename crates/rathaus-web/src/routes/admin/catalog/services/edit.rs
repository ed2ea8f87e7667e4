//! Creating (`/admin/catalog/services/new`) and editing (`/admin/catalog/services/{slug}`)
//! one service. The slug is chosen once (or derived from the German name) and then fixed;
//! see the catalogue module's documentation for why.
//!
//! A submitted form is checked twice: by the form itself ([`super::form`]) and with the
//! catalogue's rules on the tenant's whole catalogue with this service in it, so a duplicate
//! slug or LeiKa key, a missing translation or keyword is reported at its field. A service
//! whose channel no place serves yet (a new service with appointments, say) is saved with a
//! warning: the next step is to tick it at a place, which needs the service to exist.

use super::form::{self, Parsed, References, ServiceInput};
use super::{channel_choices, fees, options, pick, store};
use crate::routes::admin::catalog::{NoticeQuery, admin_tenant, catalog_changed, notice_text, problems, saved};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    i18n::Tr,
    page::{Page, render},
    routes::admin::Choice,
};
use askama::Template;
use axum::{
    extract::{Path, Query, State},
    response::Response,
};
use rathaus_catalog::model::{Catalog, Channel, Service};
use rathaus_db::catalog::{departments, offerings, services, topics};
use rathaus_db::{StoreError, TenantId, audit, begin_write};

#[derive(Template)]
#[template(path = "admin/catalog/service_form.html")]
struct FormPage {
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    /// Things to do next, e.g. offer the service at a place.
    warnings: Vec<String>,
    form: ServiceInput,
    /// `None` while creating.
    slug: Option<String>,
    departments: Vec<Choice>,
    topics: Vec<Choice>,
    channels: Vec<Choice>,
    fees: Vec<fees::FeeRow>,
    /// `(place id, name)` of the places offering the service.
    offered_at: Vec<(i64, String)>,
}

async fn references(
    state: &AppState,
    tenant: TenantId,
) -> Result<(References, Vec<(i64, String)>, Vec<(i64, String)>), PageError> {
    let d = departments::list(&state.db, tenant).await?;
    let t = topics::list(&state.db, tenant).await?;
    let refs = References {
        departments: d.iter().map(|d| (d.id, d.key.clone())).collect(),
        topics: t.iter().map(|t| (t.id, t.key.clone())).collect(),
    };
    Ok((refs, d.into_iter().map(|d| (d.id, d.name_de)).collect(), t.into_iter().map(|t| (t.id, t.name_de)).collect()))
}

/// What the form page shows besides the form: which service, warnings, a notice.
#[derive(Default)]
struct Extras {
    /// `None` while creating.
    slug: Option<String>,
    warnings: Vec<String>,
    notice: Option<String>,
}

impl Extras {
    fn of(slug: Option<String>) -> Self {
        Extras { slug, ..Extras::default() }
    }
}

/// The form page with `form` (entered or stored) and `errors`.
async fn form_page(
    state: &AppState,
    tenant: TenantId,
    page: Page,
    form: ServiceInput,
    errors: FormErrors,
    extras: Extras,
) -> Result<Response, PageError> {
    let Extras { slug, warnings, notice } = extras;
    let (_, department_names, topic_names) = references(state, tenant).await?;
    let offered_at = match &slug {
        Some(s) => match services::get_by_slug(&state.db, tenant, s).await? {
            Some(row) => offerings::places_offering(&state.db, tenant, row.id, None)
                .await?
                .into_iter()
                .map(|p| (p.id, pick(page.language(), &p.name_de, &p.name_en)))
                .collect(),
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    render(&FormPage {
        notice,
        warnings,
        departments: options(page.t("admin-catalog-choose"), &department_names, &form.department),
        topics: options(page.t("admin-catalog-no-topic"), &topic_names, &form.topic),
        channels: channel_choices(page.tr, &form.channels),
        fees: fees::rows_to_show(page.tr, &form.fees),
        offered_at,
        errors,
        slug,
        form,
        page,
    })
}

/// Checks the service with the catalogue's rules inside the tenant's catalogue; returns
/// the warnings (channels no place serves yet).
async fn check_in_catalog(
    state: &AppState,
    tenant: TenantId,
    tr: Tr,
    parsed: &Parsed,
    replacing: Option<&str>,
    errors: &mut FormErrors,
) -> Result<Vec<String>, PageError> {
    let mut catalog = rathaus_catalog_store::export(&state.db, tenant).await?;
    if let Some(slug) = replacing {
        catalog.services.retain(|s| s.slug != slug);
    }
    let prefix = format!("services[{}]", catalog.services.len());
    catalog.services.push(parsed.service.clone());
    let found = catalog.validate();
    let (later, now): (Vec<_>, Vec<_>) =
        problems::within(&found, &prefix).partition(|(_, p)| p.code == "channel-without-place");
    let field_of = |rest: &str| {
        let field = problems::service_field(rest)?;
        // Fee problems count the filled rows; the form counts all rows.
        Some(match field.strip_prefix("fee").and_then(|r| r.split_once('_')) {
            Some((n, part)) => {
                let row = n.parse::<usize>().ok().and_then(|n| parsed.fee_rows.get(n)).copied().unwrap_or(0);
                format!("fee{row}_{part}")
            }
            None => field,
        })
    };
    problems::add_to_form(tr, errors, now.into_iter(), field_of);
    let needing = places_needing_other_channels(&catalog, &parsed.service);
    if !needing.is_empty() && errors.for_field("channels").is_none() {
        errors.add("channels", tr.t_with("admin-catalog-channels-needed", &[("places", needing.join(", "))]));
    }
    problems::sort_like_form(errors, form::FIELD_ORDER);
    Ok(later.iter().map(|(_, p)| channel_warning(tr, &p.message, &parsed.service)).collect())
}

/// Places that list the service but would no longer be served by any of its channels.
fn places_needing_other_channels(catalog: &Catalog, s: &Service) -> Vec<String> {
    let lists = |services: &[String]| services.contains(&s.slug);
    let offers = |f: fn(Channel) -> bool| s.channels.iter().any(|c| f(*c));
    let mut names = Vec::new();
    if !offers(Channel::is_at_location) {
        names.extend(catalog.locations.iter().filter(|l| lists(&l.services)).map(|l| l.name.de.clone()));
    }
    if !offers(|c| c == Channel::Mobile) {
        names.extend(catalog.mobile_sites.iter().filter(|m| lists(&m.services)).map(|m| m.name.de.clone()));
    }
    if !offers(|c| c == Channel::Video) {
        names.extend(catalog.virtual_offices.iter().filter(|v| lists(&v.services)).map(|v| v.name.de.clone()));
    }
    names
}

/// "Offer it at a place": which kind of place the unserved channel needs.
fn channel_warning(tr: Tr, message: &str, s: &Service) -> String {
    let kind = if message.contains("mobile site") {
        "mobile"
    } else if message.contains("virtual office") {
        "video"
    } else {
        "location"
    };
    tr.t_with(&format!("admin-catalog-warning-unserved-{kind}"), &[("name", s.name.de.clone())])
}

/// A store conflict as a field error, or the error itself.
fn conflict_field(tr: Tr, err: StoreError) -> Result<FormErrors, PageError> {
    let (field, key) = match err {
        StoreError::Conflict("service-slug-taken") => ("slug", "admin-catalog-invalid-slug-taken"),
        StoreError::Conflict("service-leika-taken") => ("leika", "admin-catalog-invalid-leika-taken"),
        StoreError::Conflict("department-not-found") => ("department", "admin-catalog-invalid-department"),
        StoreError::Conflict("topic-not-found") => ("topic", "admin-catalog-invalid-topic"),
        StoreError::Conflict("service-xzufi-id-taken") => (problems::FORM, "admin-catalog-invalid-xzufi-taken"),
        other => return Err(other.into()),
    };
    let mut errors = FormErrors::new();
    errors.add(field, tr.t(key));
    Ok(errors)
}

pub(super) async fn new(State(state): State<AppState>, staff: Staff, page: Page) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    form_page(&state, tenant, page, ServiceInput::blank(), FormErrors::new(), Extras::default()).await
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
pub(super) async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let input = ServiceInput::from_pairs(&pairs);
    let (refs, _, _) = references(&state, tenant).await?;
    let (parsed, mut errors) = form::parse(page.tr, &input, &refs, None);
    check_in_catalog(&state, tenant, page.tr, &parsed, None, &mut errors).await?;
    let fields = match (
        &parsed.department_id,
        store::fields(&parsed.service, parsed.department_id.unwrap_or(0), parsed.topic_id),
    ) {
        (Some(_), Some(fields)) if errors.is_empty() => fields,
        _ => return form_page(&state, tenant, page, input, errors, Extras::default()).await,
    };
    let tx = begin_write(&state.db).await?;
    let created = match services::create(&tx, tenant, &fields).await {
        Ok(s) => s,
        Err(e) => {
            let errors = conflict_field(page.tr, e)?;
            drop(tx);
            return form_page(&state, tenant, page, input, errors, Extras::default()).await;
        }
    };
    if !parsed.active {
        services::set_active(&tx, tenant, created.id, false).await?;
    }
    let entry = staff
        .audit_entry("catalog.service_created")
        .target("service", created.id)
        .details(serde_json::json!({ "slug": created.slug, "active": parsed.active }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    catalog_changed(&state, tenant);
    Ok(saved(&format!("/admin/catalog/services/{}", created.slug), "service-saved"))
}

/// The tenant's service `slug`: its row and its catalogue form.
async fn stored(state: &AppState, tenant: TenantId, slug: &str) -> Result<(services::Service, Service), PageError> {
    let row = services::get_by_slug(&state.db, tenant, slug).await?.ok_or_else(PageError::not_found)?;
    let service = rathaus_catalog_store::service(&state.db, tenant, slug).await?.ok_or_else(PageError::not_found)?;
    Ok((row, service))
}

pub(super) async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(slug): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (row, service) = stored(&state, tenant, &slug).await?;
    let input = ServiceInput::from_service(&service, row.department_id, row.topic_id, row.active, page.language());
    // What the catalogue still misses for this service (channels without a place).
    let catalog = rathaus_catalog_store::export(&state.db, tenant).await?;
    let index = catalog.services.iter().position(|s| s.slug == slug).unwrap_or(usize::MAX);
    let prefix = format!("services[{index}]");
    let found = catalog.validate();
    let warnings = problems::within(&found, &prefix)
        .filter(|(_, p)| p.code == "channel-without-place")
        .map(|(_, p)| channel_warning(page.tr, &p.message, &service))
        .collect();
    let notice = notice_text(page.tr, q.notice.as_deref());
    form_page(&state, tenant, page, input, FormErrors::new(), Extras { slug: Some(slug), warnings, notice }).await
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
pub(super) async fn update(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (row, before) = stored(&state, tenant, &slug).await?;
    let input = ServiceInput::from_pairs(&pairs);
    let (refs, _, _) = references(&state, tenant).await?;
    let (parsed, mut errors) = form::parse(page.tr, &input, &refs, Some(&before));
    check_in_catalog(&state, tenant, page.tr, &parsed, Some(&slug), &mut errors).await?;
    let fields = match (
        &parsed.department_id,
        store::fields(&parsed.service, parsed.department_id.unwrap_or(0), parsed.topic_id),
    ) {
        (Some(_), Some(fields)) if errors.is_empty() => fields,
        _ => return form_page(&state, tenant, page, input, errors, Extras::of(Some(slug))).await,
    };
    let mut changed = form::changed_fields(&before, &parsed.service);
    let active_changed = row.active != parsed.active;
    if !changed.is_empty() || active_changed {
        let tx = begin_write(&state.db).await?;
        if !changed.is_empty()
            && let Err(e) = services::update(&tx, tenant, row.id, &fields).await
        {
            let errors = conflict_field(page.tr, e)?;
            drop(tx);
            return form_page(&state, tenant, page, input, errors, Extras::of(Some(slug))).await;
        }
        if active_changed {
            services::set_active(&tx, tenant, row.id, parsed.active).await?;
            changed.push("active".to_owned());
        }
        let entry = staff
            .audit_entry("catalog.service_updated")
            .target("service", row.id)
            .details(serde_json::json!({ "slug": slug, "changed": changed }));
        audit::append_in(&tx, tenant, entry).await?;
        tx.commit().await?;
        catalog_changed(&state, tenant);
    }
    Ok(saved(&format!("/admin/catalog/services/{slug}"), "service-saved"))
}
