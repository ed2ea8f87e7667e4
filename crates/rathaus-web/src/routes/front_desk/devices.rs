//! `/admin/geraete`: admins register terminals and call displays for a place. Creating one
//! shows its one-time enrolment code once (valid for a day); revoking a lost device is one
//! click and locks it out at its next request.

use super::labels::{clock, page_error};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    routes::catalog::places::place_name,
};
use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use rathaus_db::front_desk::devices::DeviceKind;
use rathaus_domain::Role;
use rathaus_front_desk::Actor;
use serde::Deserialize;

pub struct DeviceRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub place: String,
    pub state: String,
    pub last_seen: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "front_desk/devices.html")]
struct DevicesPage {
    page: Page,
    errors: FormErrors,
    devices: Vec<DeviceRow>,
    places: Vec<(i64, String)>,
    /// A device just created, with its code: shown once.
    created: Option<(String, String)>,
    device_name: String,
}

pub fn actor(staff: &Staff) -> Actor {
    Actor::Staff { user_id: staff.user_id(), email: staff.email().to_owned() }
}

async fn render_list(
    state: &AppState,
    staff: &Staff,
    page: Page,
    errors: FormErrors,
    created: Option<(String, String)>,
    name: String,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let places = rathaus_db::catalog::places::list_all(&state.db, t).await?;
    let place_label =
        |id: i64| places.iter().find(|p| p.id == id).map(|p| place_name(p, page.language())).unwrap_or_default();
    let devices = rathaus_db::front_desk::devices::list(&state.db, t)
        .await?
        .into_iter()
        .map(|d| DeviceRow {
            id: d.id,
            kind: page.t(&format!("device-kind-{}", d.kind)),
            place: place_label(d.place_id),
            state: page.t(if d.revoked_at.is_some() {
                "device-state-revoked"
            } else if d.credential_hash.is_some() {
                "device-state-active"
            } else {
                "device-state-pending"
            }),
            last_seen: d.last_seen_at.map(|at| clock(&tz, at)).unwrap_or_default(),
            active: d.revoked_at.is_none(),
            name: d.name,
        })
        .collect();
    let places = places.iter().map(|p| (p.id, place_name(p, page.language()))).collect();
    render(&DevicesPage { page, errors, devices, places, created, device_name: name })
}

pub async fn list(State(state): State<AppState>, staff: Staff, page: Page) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    render_list(&state, &staff, page, FormErrors::new(), None, String::new()).await
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    place: String,
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let mut errors = FormErrors::new();
    let name = form.name.trim().chars().take(80).collect::<String>();
    if name.is_empty() {
        errors.add("name", page.t("device-error-name"));
    }
    let kind = DeviceKind::parse(&form.kind);
    if kind.is_none() {
        errors.add("kind-terminal", page.t("device-error-kind"));
    }
    let place = form.place.parse::<i64>().ok();
    let place_ok = match place {
        Some(id) => rathaus_db::catalog::places::get(&state.db, staff.tenant(), id).await?.is_some(),
        None => false,
    };
    if !place_ok {
        errors.add("place", page.t("device-error-place"));
    }
    let (Some(kind), Some(place), true) = (kind, place, errors.is_empty()) else {
        return render_list(&state, &staff, page, errors, None, name).await;
    };
    let (device, code) = rathaus_front_desk::devices::create(
        &state.db,
        staff.tenant(),
        place,
        kind,
        &name,
        &actor(&staff),
        rathaus_db::now(),
    )
    .await
    .map_err(page_error)?;
    render_list(&state, &staff, page, FormErrors::new(), Some((device.name, code)), String::new()).await
}

pub async fn revoke(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    rathaus_db::front_desk::devices::get(&state.db, staff.tenant(), id).await?.ok_or_else(PageError::not_found)?;
    rathaus_front_desk::devices::revoke(&state.db, staff.tenant(), id, &actor(&staff), rathaus_db::now())
        .await
        .map_err(page_error)?;
    Ok(Redirect::to("/admin/geraete").into_response())
}
