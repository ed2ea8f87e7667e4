//! The device cookie: a terminal or display carries its credential in an `HttpOnly`,
//! `SameSite=Strict` cookie, set once at enrolment (`/geraet`, where the admin's one-time
//! code is typed in). Each request checks it against the database, so a revoked device is
//! locked out at its next request.

use crate::{
    AppState, csrf,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{FromRequestParts, State},
    http::{HeaderMap, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use rathaus_db::front_desk::devices::{Device, DeviceKind};
use serde::Deserialize;

pub const COOKIE: &str = "__Host-rathaus_device";
/// A device credential lives for a year; revoking ends it earlier.
const MAX_AGE: i64 = 365 * 24 * 3600;

/// An enrolled, unrevoked device of this tenant. Without one, pages redirect to `/geraet`.
pub struct DeviceAuth(pub Device);

impl DeviceAuth {
    pub fn require(&self, kind: DeviceKind) -> Result<(), PageError> {
        if self.0.device_kind() == Some(kind) { Ok(()) } else { Err(PageError::forbidden()) }
    }
}

pub async fn device_of(
    state: &AppState,
    parts_headers: &HeaderMap,
    tenant: rathaus_db::TenantId,
) -> Result<Option<Device>, PageError> {
    let Some(credential) = csrf::cookie(parts_headers, COOKIE).filter(|t| t.len() == 64) else { return Ok(None) };
    rathaus_front_desk::devices::authenticate(&state.db, tenant, credential, rathaus_db::now())
        .await
        .map_err(super::labels::page_error)
}

impl FromRequestParts<AppState> for DeviceAuth {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let tenant = CurrentTenant::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        match device_of(state, &parts.headers, tenant.tenant_id()).await {
            Ok(Some(device)) => Ok(DeviceAuth(device)),
            Ok(None) => Err(Redirect::to("/geraet").into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

#[derive(Template)]
#[template(path = "front_desk/enrol.html")]
struct EnrolPage {
    page: Page,
    errors: FormErrors,
    code: String,
}

pub async fn show_enrol(page: Page) -> Result<Response, PageError> {
    render(&EnrolPage { page, errors: FormErrors::new(), code: String::new() })
}

#[derive(Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    code: String,
}

pub async fn enrol(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    CsrfForm(form): CsrfForm<EnrolForm>,
) -> Result<Response, PageError> {
    let code = form.code.trim();
    let enrolled = if code.is_empty() || code.len() > 40 {
        None
    } else {
        rathaus_front_desk::devices::enrol(&state.db, tenant.tenant_id(), code, rathaus_db::now())
            .await
            .map_err(super::labels::page_error)?
    };
    let Some((device, credential)) = enrolled else {
        let mut errors = FormErrors::new();
        errors.add("code", page.t("device-enrol-invalid"));
        let code: String = code.chars().take(40).collect();
        let mut res = render(&EnrolPage { page, errors, code })?;
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let target = match device.device_kind() {
        Some(DeviceKind::Display) => "/anzeige",
        _ => "/terminal",
    };
    let mut res = Redirect::to(target).into_response();
    res.headers_mut().append(header::SET_COOKIE, csrf::set_cookie(COOKIE, &credential, "Strict", Some(MAX_AGE)));
    Ok(res)
}
