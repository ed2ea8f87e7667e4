//! The tenant's logo: upload (`POST /admin/settings/logo`, multipart) and removal
//! (`POST /admin/settings/logo/remove`). Only PNG and JPEG up to 512 KiB are accepted,
//! recognised by their first bytes, never by the file name or the declared type.

use super::settings::{SettingsInput, settings_page};
use crate::{AppState, auth::Staff, csrf, error::PageError, forms::FormErrors, page::Page};
use axum::{
    Router,
    extract::{FromRequest, Multipart, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
};
use rathaus_db::{audit, begin_write, tenants};
use rathaus_domain::Role;
use serde::Deserialize;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/settings/logo", post(upload)).route("/admin/settings/logo/remove", post(remove))
}

const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The image type of `bytes` by its signature: PNG or JPEG, nothing else.
fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    const JPEG: &[u8] = b"\xff\xd8\xff";
    if bytes.starts_with(PNG) {
        Some("image/png")
    } else if bytes.starts_with(JPEG) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Why an upload was refused: the translation key of the message.
enum Refusal {
    Missing,
    TooLarge,
    WrongType,
}

impl Refusal {
    fn key(&self) -> &'static str {
        match self {
            Refusal::Missing => "admin-logo-missing",
            Refusal::TooLarge => "admin-logo-too-large",
            Refusal::WrongType => "admin-logo-wrong-type",
        }
    }
}

/// The submitted form: its CSRF token and the file (read up to the size limit).
struct Upload {
    csrf: Option<String>,
    file: Result<Vec<u8>, Refusal>,
}

async fn read_upload(multipart: &mut Multipart) -> Result<Upload, StatusCode> {
    let mut upload = Upload { csrf: None, file: Err(Refusal::Missing) };
    while let Some(mut field) = multipart.next_field().await.map_err(|e| e.status())? {
        match field.name() {
            Some("csrf") => upload.csrf = Some(field.text().await.map_err(|e| e.status())?),
            Some("logo") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| e.status())? {
                    if bytes.len() + chunk.len() > MAX_LOGO_BYTES {
                        upload.file = Err(Refusal::TooLarge);
                        break;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                if !matches!(upload.file, Err(Refusal::TooLarge)) {
                    upload.file = if bytes.is_empty() { Err(Refusal::Missing) } else { Ok(bytes) };
                }
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// Shows the settings page with the stored values and a message at the logo field.
async fn refuse(state: &AppState, staff: &Staff, page: Page, refusal: &Refusal) -> Result<Response, PageError> {
    let tenant = tenants::get(&state.db, staff.tenant()).await?.ok_or_else(PageError::not_found)?;
    let mut errors = FormErrors::new();
    errors.add("logo", page.t(refusal.key()));
    settings_page(state, &tenant, page, SettingsInput::from_tenant(&tenant), errors, None).await
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
async fn upload(State(state): State<AppState>, staff: Staff, page: Page, req: Request) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let (parts, body) = req.into_parts();
    let mut multipart = Multipart::from_request(Request::from_parts(parts.clone(), body), &state)
        .await
        .map_err(|_| PageError::bad_request())?;
    let upload = match read_upload(&mut multipart).await {
        Ok(upload) => upload,
        // The whole request was larger than the server accepts.
        Err(StatusCode::PAYLOAD_TOO_LARGE) => {
            return refuse(&state, &staff, page, &Refusal::TooLarge).await;
        }
        Err(_) => return Err(PageError::bad_request()),
    };
    csrf::verify(&parts, upload.csrf.as_deref())?;
    let bytes = match upload.file {
        Ok(bytes) => bytes,
        Err(refusal) => return refuse(&state, &staff, page, &refusal).await,
    };
    let Some(mime) = sniff_image(&bytes) else {
        return refuse(&state, &staff, page, &Refusal::WrongType).await;
    };
    let size = bytes.len();
    let tx = begin_write(&state.db).await?;
    tenants::set_logo(&tx, staff.tenant(), Some((bytes, mime.to_owned()))).await?;
    let entry = staff
        .audit_entry("tenant.logo_changed")
        .target("tenant", staff.tenant().0)
        .details(serde_json::json!({ "content_type": mime, "bytes": size }));
    audit::append_in(&tx, staff.tenant(), entry).await?;
    tx.commit().await?;
    state.tenants.invalidate();
    Ok(Redirect::to("/admin/settings?notice=settings-saved").into_response())
}

#[derive(Deserialize)]
struct RemoveForm {}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    csrf::CsrfForm(_): csrf::CsrfForm<RemoveForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let tenant = tenants::get(&state.db, staff.tenant()).await?.ok_or_else(PageError::not_found)?;
    if tenant.logo.is_some() {
        let tx = begin_write(&state.db).await?;
        tenants::set_logo(&tx, staff.tenant(), None).await?;
        audit::append_in(&tx, staff.tenant(), staff.audit_entry("tenant.logo_removed").target("tenant", tenant.id))
            .await?;
        tx.commit().await?;
        state.tenants.invalidate();
    }
    Ok(Redirect::to("/admin/settings?notice=settings-saved").into_response())
}

#[cfg(test)]
mod tests {
    use super::sniff_image;

    #[test]
    fn recognises_images_by_their_signature() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(sniff_image(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some("image/jpeg"));
        assert_eq!(sniff_image(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
        assert_eq!(sniff_image(b"GIF89a"), None);
        assert_eq!(sniff_image(b"\x89PN"), None);
    }
}
