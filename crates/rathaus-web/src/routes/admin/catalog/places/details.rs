//! A place's own details: creating one (`/admin/catalog/places/new?type=…`) and editing
//! (`/admin/catalog/places/{id}`). Checked with the catalogue's rules on the tenant's whole
//! catalogue (the key space is shared by all types of place).

use super::form::{KINDS, PlaceInput, parse};
use super::item::{Item, code};
use super::{PlaceHead, place};
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
use rathaus_db::catalog::places::{self, PlaceFields, PlaceType};
use rathaus_db::{StoreError, TenantId, audit, begin_write};

/// The fields in the order the form shows them (for the error summary).
const FIELD_ORDER: &[&str] = &[
    "key",
    "kind",
    "name_de",
    "name_en",
    "description_de",
    "description_en",
    "requirements_de",
    "requirements_en",
    "street",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "step_free",
    "accessibility_de",
    "accessibility_en",
    "transport_de",
    "transport_en",
    "walk_in",
    "phone",
    "email",
];

#[derive(Template)]
#[template(path = "admin/catalog/place_form.html")]
struct FormPage {
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    form: PlaceInput,
    /// `None` while creating.
    head: Option<PlaceHead>,
    /// `location`, `mobile_site` or `virtual_office`.
    place_type: &'static str,
    type_label: String,
    kinds: Vec<Choice>,
}

fn form_page(page: Page, form: PlaceInput, errors: FormErrors, head: Option<PlaceHead>, t: PlaceType) -> FormPage {
    let kinds = KINDS
        .iter()
        .map(|k| Choice {
            value: code(k),
            label: page.t(&format!("admin-catalog-kind-{}", code(k))),
            selected: code(k) == form.kind,
        })
        .collect();
    FormPage {
        notice: None,
        type_label: super::type_label(page.tr, t),
        place_type: t.code(),
        kinds,
        errors,
        form,
        head,
        page,
    }
}

#[derive(serde::Deserialize)]
pub(super) struct NewQuery {
    #[serde(rename = "type")]
    place_type: Option<String>,
}

pub(super) async fn new(staff: Staff, page: Page, Query(q): Query<NewQuery>) -> Result<Response, PageError> {
    admin_tenant(&staff)?;
    let t = PlaceType::parse(q.place_type.as_deref().unwrap_or("location")).ok_or_else(PageError::not_found)?;
    let form = PlaceInput { kind: code(&KINDS[0]), ..PlaceInput::default() };
    render(&form_page(page, form, FormErrors::new(), None, t))
}

/// Parses the form and checks the place inside the tenant's catalogue.
async fn checked(
    state: &AppState,
    tenant: TenantId,
    tr: Tr,
    input: &PlaceInput,
    base: &Item,
    replacing: Option<&str>,
) -> Result<(Item, FormErrors), PageError> {
    let (item, mut errors) = parse(tr, input, base, replacing.is_none());
    let mut catalog = rathaus_catalog_store::export(&state.db, tenant).await?;
    let prefix = item.insert_into(&mut catalog, replacing);
    let found = catalog.validate();
    problems::add_to_form(tr, &mut errors, problems::within(&found, &prefix), problems::place_field);
    problems::sort_like_form(&mut errors, FIELD_ORDER);
    Ok((item, errors))
}

fn key_taken(tr: Tr, err: StoreError) -> Result<FormErrors, PageError> {
    match err {
        StoreError::Conflict("place-key-taken") => {
            let mut errors = FormErrors::new();
            errors.add("key", tr.t("admin-catalog-invalid-place-key-taken"));
            Ok(errors)
        }
        other => Err(other.into()),
    }
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
pub(super) async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let type_code = pairs.iter().find(|(k, _)| k == "place_type").map(|(_, v)| v.as_str()).unwrap_or("");
    let t = PlaceType::parse(type_code).ok_or_else(PageError::bad_request)?;
    let input = PlaceInput::from_pairs(&pairs);
    let (item, errors) = checked(&state, tenant, page.tr, &input, &Item::empty(t), None).await?;
    let fields = match item.fields() {
        Some(f) if errors.is_empty() => f,
        _ => return render(&form_page(page, input, errors, None, t)),
    };
    let tx = begin_write(&state.db).await?;
    let created = match places::create(&tx, tenant, &fields).await {
        Ok(p) => p,
        Err(e) => {
            let errors = key_taken(page.tr, e)?;
            drop(tx);
            return render(&form_page(page, input, errors, None, t));
        }
    };
    let entry = staff
        .audit_entry("catalog.place_created")
        .target("place", created.id)
        .details(serde_json::json!({ "key": created.key, "type": t.code() }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    catalog_changed(&state, tenant);
    Ok(saved(&format!("/admin/catalog/places/{}", created.id), "place-saved"))
}

/// The place `id` as the catalogue has it.
async fn stored(state: &AppState, tenant: TenantId, id: i64) -> Result<(places::Place, PlaceType, Item), PageError> {
    let (p, t) = place(state, tenant, id, &[]).await?;
    let catalog = rathaus_catalog_store::export(&state.db, tenant).await?;
    let item = Item::find(&catalog, &p.key).ok_or_else(PageError::not_found)?;
    Ok((p, t, item))
}

pub(super) async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t, item) = stored(&state, tenant, id).await?;
    let head = PlaceHead::new(page.tr, &p, t, "details");
    let notice = notice_text(page.tr, q.notice.as_deref());
    let mut form = form_page(page, PlaceInput::from_item(&item), FormErrors::new(), Some(head), t);
    form.notice = notice;
    render(&form)
}

fn changed_fields(a: &PlaceFields, b: &PlaceFields) -> Vec<&'static str> {
    [
        ("kind", a.kind != b.kind),
        ("name_de", a.name_de != b.name_de),
        ("name_en", a.name_en != b.name_en),
        ("address", a.address != b.address),
        ("coordinates", a.coordinates != b.coordinates),
        ("step_free", a.step_free != b.step_free),
        ("walk_in", a.walk_in != b.walk_in),
        ("phone", a.phone != b.phone),
        ("email", a.email != b.email),
        ("details", a.details != b.details),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| name)
    .collect()
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, place = id))]
pub(super) async fn update(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (p, t, base) = stored(&state, tenant, id).await?;
    let input = PlaceInput::from_pairs(&pairs);
    let (item, errors) = checked(&state, tenant, page.tr, &input, &base, Some(&p.key)).await?;
    let (fields, before) = match (item.fields(), base.fields()) {
        (Some(f), Some(b)) if errors.is_empty() => (f, b),
        _ => {
            let head = PlaceHead::new(page.tr, &p, t, "details");
            return render(&form_page(page, input, errors, Some(head), t));
        }
    };
    let changed = changed_fields(&before, &fields);
    if !changed.is_empty() {
        let tx = begin_write(&state.db).await?;
        places::update(&tx, tenant, id, &fields).await?;
        let entry = staff
            .audit_entry("catalog.place_updated")
            .target("place", id)
            .details(serde_json::json!({ "key": p.key, "changed": changed }));
        audit::append_in(&tx, tenant, entry).await?;
        tx.commit().await?;
        catalog_changed(&state, tenant);
    }
    Ok(saved(&format!("/admin/catalog/places/{id}"), "place-saved"))
}
