//! `/admin/catalog/departments`: the departments (Fachbereiche) that are responsible for
//! services: list, create, edit (key, names, e-mail, phone), delete. A department that
//! services still refer to cannot be deleted; the page says how many services to move first.

use super::{NoticeQuery, admin_tenant, catalog_changed, notice_text, problems, saved, values::Pairs};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    i18n::Tr,
    page::{Page, render},
};
use askama::Template;
use axum::{
    Router,
    extract::{Path, Query, State},
    response::Response,
    routing::{get, post},
};
use rathaus_catalog::model::{Catalog, Department};
use rathaus_db::catalog::departments::{self, DepartmentFields};
use rathaus_db::{StoreError, TenantId, audit, begin_write, catalog::services};
use rathaus_domain::Slug;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/catalog/departments", get(list).post(create))
        .route("/admin/catalog/departments/new", get(new))
        .route("/admin/catalog/departments/{id}", get(edit).post(update))
        .route("/admin/catalog/departments/{id}/delete", post(delete))
}

struct Row {
    id: i64,
    key: String,
    name: String,
    email: String,
    phone: String,
    services: usize,
}

#[derive(Template)]
#[template(path = "admin/catalog/departments.html")]
struct ListPage {
    page: Page,
    notice: Option<String>,
    rows: Vec<Row>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let all_services = services::list(&state.db, tenant).await?;
    let rows = departments::list(&state.db, tenant)
        .await?
        .into_iter()
        .map(|d| Row {
            services: all_services.iter().filter(|s| s.department_id == d.id).count(),
            id: d.id,
            name: if page.language() == rathaus_domain::Language::En { d.name_en } else { d.name_de },
            key: d.key,
            email: d.email.unwrap_or_default(),
            phone: d.phone.unwrap_or_default(),
        })
        .collect();
    let notice = notice_text(page.tr, q.notice.as_deref());
    render(&ListPage { page, notice, rows })
}

/// The form as entered (or as stored).
#[derive(Debug, Clone, Default)]
struct DepartmentInput {
    key: String,
    name_de: String,
    name_en: String,
    email: String,
    phone: String,
}

impl DepartmentInput {
    fn from_stored(d: &departments::Department) -> Self {
        DepartmentInput {
            key: d.key.clone(),
            name_de: d.name_de.clone(),
            name_en: d.name_en.clone(),
            email: d.email.clone().unwrap_or_default(),
            phone: d.phone.clone().unwrap_or_default(),
        }
    }

    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let p = Pairs(pairs);
        DepartmentInput {
            key: p.get("key"),
            name_de: p.get("name_de"),
            name_en: p.get("name_en"),
            email: p.get("email"),
            phone: p.get("phone"),
        }
    }
}

/// The department the form describes, checked with the catalogue's rules.
fn parse(tr: Tr, input: &DepartmentInput, xzufi_id: Option<String>) -> Result<DepartmentFields, FormErrors> {
    let candidate = Department {
        key: input.key.trim().to_owned(),
        xzufi_id: xzufi_id.clone(),
        name: super::values::text(&input.name_de, &input.name_en),
        email: super::values::optional(&input.email),
        phone: super::values::optional(&input.phone),
    };
    let catalog = Catalog { departments: vec![candidate.clone()], ..Catalog::default() };
    let found = catalog.validate();
    let mut errors = FormErrors::new();
    problems::add_to_form(tr, &mut errors, problems::within(&found, "departments[0]"), problems::department_field);
    match Slug::parse(&candidate.key) {
        Ok(key) if errors.is_empty() => Ok(DepartmentFields {
            key,
            xzufi_id,
            name_de: candidate.name.de,
            name_en: candidate.name.en,
            email: candidate.email,
            phone: candidate.phone,
        }),
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "admin/catalog/department_form.html")]
struct FormPage {
    page: Page,
    notice: Option<String>,
    errors: FormErrors,
    form: DepartmentInput,
    /// `None` while creating.
    id: Option<i64>,
    services: usize,
}

fn form_page(page: Page, form: DepartmentInput, errors: FormErrors, id: Option<i64>, services: usize) -> FormPage {
    FormPage { page, notice: None, errors, form, id, services }
}

async fn new(staff: Staff, page: Page) -> Result<Response, PageError> {
    admin_tenant(&staff)?;
    render(&form_page(page, DepartmentInput::default(), FormErrors::new(), None, 0))
}

/// The tenant's department `id` and the number of services it is responsible for.
async fn department(
    state: &AppState,
    tenant: TenantId,
    id: i64,
) -> Result<(departments::Department, usize), PageError> {
    let d = departments::get(&state.db, tenant, id).await?.ok_or_else(PageError::not_found)?;
    let used = services::list(&state.db, tenant).await?.iter().filter(|s| s.department_id == id).count();
    Ok((d, used))
}

async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (d, used) = department(&state, tenant, id).await?;
    let mut form = form_page(page, DepartmentInput::from_stored(&d), FormErrors::new(), Some(id), used);
    form.notice = notice_text(form.page.tr, q.notice.as_deref());
    render(&form)
}

/// A unique-key conflict as a field error, or the error itself.
fn key_taken(tr: Tr, err: StoreError) -> Result<FormErrors, PageError> {
    match err {
        StoreError::Conflict("department-key-taken") => {
            let mut errors = FormErrors::new();
            errors.add("key", tr.t("admin-catalog-invalid-department-key-taken"));
            Ok(errors)
        }
        other => Err(other.into()),
    }
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let input = DepartmentInput::from_pairs(&pairs);
    let fields = match parse(page.tr, &input, None) {
        Ok(f) => f,
        Err(errors) => return render(&form_page(page, input, errors, None, 0)),
    };
    let tx = begin_write(&state.db).await?;
    let created = match departments::create(&tx, tenant, &fields).await {
        Ok(d) => d,
        Err(e) => return render(&form_page(page.clone(), input, key_taken(page.tr, e)?, None, 0)),
    };
    let entry = staff
        .audit_entry("catalog.department_created")
        .target("department", created.id)
        .details(serde_json::json!({ "key": created.key }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    catalog_changed(&state, tenant);
    Ok(saved("/admin/catalog/departments", "department-saved"))
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, department = id))]
async fn update(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (stored, used) = department(&state, tenant, id).await?;
    let input = DepartmentInput::from_pairs(&pairs);
    let fields = match parse(page.tr, &input, stored.xzufi_id.clone()) {
        Ok(f) => f,
        Err(errors) => return render(&form_page(page, input, errors, Some(id), used)),
    };
    let changed = changed_fields(&stored, &fields);
    if !changed.is_empty() {
        let tx = begin_write(&state.db).await?;
        if let Err(e) = departments::update(&tx, tenant, id, &fields).await {
            return render(&form_page(page.clone(), input, key_taken(page.tr, e)?, Some(id), used));
        }
        let entry = staff
            .audit_entry("catalog.department_updated")
            .target("department", id)
            .details(serde_json::json!({ "changed": changed }));
        audit::append_in(&tx, tenant, entry).await?;
        tx.commit().await?;
        catalog_changed(&state, tenant);
    }
    Ok(saved(&format!("/admin/catalog/departments/{id}"), "department-saved"))
}

fn changed_fields(d: &departments::Department, f: &DepartmentFields) -> Vec<&'static str> {
    [
        ("key", d.key != f.key.as_str()),
        ("name_de", d.name_de != f.name_de),
        ("name_en", d.name_en != f.name_en),
        ("email", d.email != f.email),
        ("phone", d.phone != f.phone),
    ]
    .into_iter()
    .filter(|(_, changed)| *changed)
    .map(|(name, _)| name)
    .collect()
}

#[derive(serde::Deserialize)]
struct DeleteForm {}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, department = id))]
async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<DeleteForm>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (stored, used) = department(&state, tenant, id).await?;
    let tx = begin_write(&state.db).await?;
    match departments::delete(&tx, tenant, id).await {
        Ok(()) => {}
        Err(StoreError::Conflict("department-in-use")) => {
            drop(tx);
            let mut errors = FormErrors::new();
            let message = page.tr.t_with("admin-catalog-department-in-use", &[("count", used.to_string())]);
            errors.add("delete", message);
            return render(&form_page(page, DepartmentInput::from_stored(&stored), errors, Some(id), used));
        }
        Err(e) => return Err(e.into()),
    }
    let entry = staff
        .audit_entry("catalog.department_deleted")
        .target("department", id)
        .details(serde_json::json!({ "key": stored.key }));
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    catalog_changed(&state, tenant);
    Ok(saved("/admin/catalog/departments", "department-deleted"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_domain::Language;

    fn input() -> DepartmentInput {
        DepartmentInput {
            key: "jugendamt".into(),
            name_de: "Jugendamt".into(),
            name_en: "Youth Welfare Office".into(),
            email: " jugendamt@musterstadt.example ".into(),
            phone: String::new(),
        }
    }

    #[test]
    fn accepts_a_complete_department() {
        let f = parse(Tr(Language::De), &input(), None).unwrap();
        assert_eq!(f.key.as_str(), "jugendamt");
        assert_eq!(f.email.as_deref(), Some("jugendamt@musterstadt.example"));
        assert_eq!(f.phone, None);
    }

    #[test]
    fn names_each_bad_field() {
        let bad = DepartmentInput { key: "Jugend Amt".into(), name_en: " ".into(), phone: "abc".into(), ..input() };
        let errors = parse(Tr(Language::De), &bad, None).unwrap_err();
        let fields: Vec<&str> = errors.items.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["key", "name_en", "phone"]);
    }
}
