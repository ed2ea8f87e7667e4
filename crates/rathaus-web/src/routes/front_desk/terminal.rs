//! `/terminal`: the check-in terminal of a place (an enrolled terminal device). Large
//! touch targets; the booking code field takes typing and a QR scanner (which types the
//! code and Enter). Without an appointment, a walk-in ticket for a service. The ticket is
//! the answer to the check-in itself (never a URL in the history), printable on an 80 mm
//! receipt printer, and the page returns to the start after a short idle time. Nothing of
//! the citizen stays in the browser: no cookie but the device's, pages `no-store`.

use super::device::DeviceAuth;
use super::follow::{TicketInfo, ticket_info};
use super::labels::{self, page_error};
use crate::{
    AppState,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    routes::catalog::places::place_name,
};
use askama::Template;
use axum::{extract::State, response::Response};
use rathaus_db::front_desk::devices::DeviceKind;
use rathaus_front_desk::checkin::{self, Channel, Issued};
use rathaus_front_desk::{Actor, FrontDeskError};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "front_desk/terminal.html")]
struct StartPage {
    page: Page,
    errors: FormErrors,
    place_name: String,
    walk_ins: Vec<(i64, String)>,
    code: String,
}

#[derive(Template)]
#[template(path = "front_desk/ticket.html")]
struct TicketPage {
    page: Page,
    info: TicketInfo,
    follow_url: String,
    qr_url: String,
    place_name: String,
}

async fn render_start(
    state: &AppState,
    device: &DeviceAuth,
    page: Page,
    errors: FormErrors,
    code: String,
) -> Result<Response, PageError> {
    let t = rathaus_db::TenantId(device.0.tenant_id);
    let place =
        rathaus_db::catalog::places::get(&state.db, t, device.0.place_id).await?.ok_or_else(PageError::not_found)?;
    let settings = rathaus_db::front_desk::policy::get(&state.db, t, place.id).await?;
    let walk_ins = if settings.walk_ins {
        checkin::walk_in_services(&state.db, t, place.id)
            .await
            .map_err(page_error)?
            .iter()
            .map(|s| (s.id, crate::routes::appointments::view::service_name(s, page.language())))
            .collect()
    } else {
        Vec::new()
    };
    let status =
        if errors.is_empty() { axum::http::StatusCode::OK } else { axum::http::StatusCode::UNPROCESSABLE_ENTITY };
    let mut res = render(&StartPage { place_name: place_name(&place, page.language()), page, errors, walk_ins, code })?;
    *res.status_mut() = status;
    Ok(res)
}

pub async fn start(State(state): State<AppState>, device: DeviceAuth, page: Page) -> Result<Response, PageError> {
    device.require(DeviceKind::Terminal)?;
    render_start(&state, &device, page, FormErrors::new(), String::new()).await
}

async fn render_ticket(
    state: &AppState,
    device: &DeviceAuth,
    page: Page,
    origin: &str,
    issued: Issued,
) -> Result<Response, PageError> {
    let t = rathaus_db::TenantId(device.0.tenant_id);
    let place =
        rathaus_db::catalog::places::get(&state.db, t, device.0.place_id).await?.ok_or_else(PageError::not_found)?;
    let info = ticket_info(state, t, page.tr, &issued.ticket).await?;
    render(&TicketPage {
        follow_url: format!("{origin}/warteschlange/{}", issued.follow_token),
        qr_url: format!("/warteschlange/{}/qr.svg", issued.follow_token),
        place_name: place_name(&place, page.language()),
        info,
        page,
    })
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn check_in(
    State(state): State<AppState>,
    device: DeviceAuth,
    page: Page,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> Result<Response, PageError> {
    device.require(DeviceKind::Terminal)?;
    let t = rathaus_db::TenantId(device.0.tenant_id);
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let code = form.code.trim().chars().take(40).collect::<String>();
    let actor = Actor::Device { id: device.0.id };
    let result = async {
        let appointment = checkin::appointment_by_code(&state.db, t, &code).await?;
        checkin::check_in(
            state.front_desk(t),
            &tz,
            &appointment,
            Some(device.0.place_id),
            Channel::Terminal,
            &actor,
            jiff::Timestamp::now(),
        )
        .await
    }
    .await;
    match result {
        Ok(issued) => render_ticket(&state, &device, page, &crate::links::request_origin(&headers, &uri), issued).await,
        Err(e) if labels::is_situation(&e) => {
            let mut errors = FormErrors::new();
            let message = match &e {
                FrontDeskError::TooEarly { opens_at } => {
                    page.t_with("frontdesk-error-too-early", "time", &labels::clock(&tz, *opens_at))
                }
                other => labels::message(page.tr, other),
            };
            errors.add("code", message);
            render_start(&state, &device, page, errors, code).await
        }
        Err(e) => Err(page_error(e)),
    }
}

#[derive(Deserialize)]
pub struct WalkInForm {
    #[serde(default)]
    service: String,
}

pub async fn walk_in(
    State(state): State<AppState>,
    device: DeviceAuth,
    page: Page,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
    CsrfForm(form): CsrfForm<WalkInForm>,
) -> Result<Response, PageError> {
    device.require(DeviceKind::Terminal)?;
    let t = rathaus_db::TenantId(device.0.tenant_id);
    let tz = rathaus_db::tenants::get(&state.db, t).await?.ok_or_else(PageError::not_found)?.tz();
    let Ok(service) = form.service.parse::<i64>() else { return Err(PageError::bad_request()) };
    let result = checkin::walk_in(
        state.front_desk(t),
        &tz,
        checkin::WalkIn {
            place_id: device.0.place_id,
            services: &[service],
            priority: false,
            language: page.lang,
            channel: Channel::Terminal,
        },
        &Actor::Device { id: device.0.id },
        jiff::Timestamp::now(),
    )
    .await;
    match result {
        Ok(issued) => render_ticket(&state, &device, page, &crate::links::request_origin(&headers, &uri), issued).await,
        Err(e) if labels::is_situation(&e) => {
            let mut errors = FormErrors::new();
            errors.add("walk-in", labels::message(page.tr, &e));
            render_start(&state, &device, page, errors, String::new()).await
        }
        Err(e) => Err(page_error(e)),
    }
}
