//! `/admin/catalog/transfer`: import a catalogue file and export the catalogue.
//!
//! * **Import** ([`upload`]): a multipart upload (CSRF-checked, at most 5 MiB) of our own
//!   format (YAML or JSON) or an XZuFi 2.2 file, told apart by content. Our format is
//!   imported as it is; an XZuFi file is merged into the current catalogue first (export →
//!   `merge_into` → import), so its texts update services and new services are added. Either
//!   way the import is all or nothing: a file with problems changes nothing and the result
//!   page lists every problem with its path; an unreadable file names the line. A dry run
//!   reports what would happen and rolls back. An import appends `catalog.imported`.
//! * **Export**: the catalogue as YAML or JSON download (`katalog-<tenant>.yaml`). Exports
//!   are reads of public information and are not written to the audit log, like every other
//!   page view.

use super::admin_tenant;
use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    Router,
    extract::{DefaultBodyLimit, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};

mod read;
mod upload;

/// The largest file accepted.
const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/catalog/transfer",
            // Room for the file plus the other form fields; the file's own limit is checked
            // while reading it, so a too-large file gets a message instead of a bare 413.
            get(show).post(upload::upload).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/admin/catalog/export.yaml", get(export_yaml))
        .route("/admin/catalog/export.json", get(export_json))
}

#[derive(Template)]
#[template(path = "admin/catalog/transfer.html")]
struct TransferPage {
    page: Page,
    errors: FormErrors,
}

async fn show(staff: Staff, page: Page) -> Result<Response, PageError> {
    admin_tenant(&staff)?;
    render(&TransferPage { page, errors: FormErrors::new() })
}

/// The transfer page with an error at the file field.
fn refuse(page: Page, key: &str) -> Result<Response, PageError> {
    let mut errors = FormErrors::new();
    errors.add("file", page.t(key));
    render(&TransferPage { page, errors })
}

async fn export(
    state: &AppState,
    staff: &Staff,
    tenant: &CurrentTenant,
    extension: &str,
    content_type: &'static str,
) -> Result<Response, PageError> {
    let id = admin_tenant(staff)?;
    let catalog = rathaus_catalog_store::export(&state.db, id).await?;
    let text = match extension {
        "json" => catalog.to_json(),
        _ => catalog.to_yaml(),
    }
    .map_err(|e| PageError::internal("write catalogue", &e))?;
    let disposition = format!("attachment; filename=\"katalog-{}.{extension}\"", tenant.slug);
    let disposition = HeaderValue::from_str(&disposition).map_err(|e| PageError::internal("file name", &e))?;
    let mut res = text.into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res.headers_mut().insert(header::CONTENT_DISPOSITION, disposition);
    Ok(res)
}

async fn export_yaml(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
) -> Result<Response, PageError> {
    export(&state, &staff, &tenant, "yaml", "application/yaml; charset=utf-8").await
}

async fn export_json(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
) -> Result<Response, PageError> {
    export(&state, &staff, &tenant, "json", "application/json").await
}
