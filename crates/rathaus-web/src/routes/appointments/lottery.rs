//! `/termine/verlosung`: a day that was just released is drawn by lot (see
//! `rathaus_booking::lottery`), so instead of holding a time the citizen enters the draw
//! with the chosen services, place, day and (optionally) a wished time, their contact and
//! consent. One entry per contact and draw; the result comes by e-mail after the draw.

use super::choice::Choice;
use super::places::{self, chosen_names};
use crate::{
    AppState,
    csrf::CsrfForm,
    error::PageError,
    fairness::FairnessFields,
    forms::FormErrors,
    links,
    page::{Page, render},
    routes::catalog::dates::{clock, long_date},
    routes::catalog::places::place_name,
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::State,
    http::{HeaderMap, Uri},
    response::Response,
};
use jiff::Timestamp;
use jiff::civil::Time;
use rathaus_booking::{BookingError, Entry};
use rathaus_db::catalog::places::Place;
use rathaus_mail::templates::Notice;

#[derive(Template)]
#[template(path = "appointments/lottery.html")]
struct LotteryPage {
    page: Page,
    errors: FormErrors,
    choice: Choice,
    services: Vec<String>,
    place_name: String,
    date_label: String,
    wish: String,
    draw_at: String,
    contact_name: String,
    email: String,
    phone: String,
    fairness: FairnessFields,
    /// Entered: the page says so instead of showing the form.
    entered: bool,
}

struct Context {
    place: Place,
    choice: Choice,
    wish: Option<Time>,
}

async fn context(
    state: &AppState,
    tenant: &CurrentTenant,
    page: &Page,
    pairs: &[(String, String)],
) -> Result<Context, PageError> {
    let choice = Choice::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if !places::check(state, tenant.tenant_id(), page.tr, &choice).await?.is_empty() || choice.date.is_none() {
        return Err(PageError::bad_request());
    }
    let key = choice.place.clone().ok_or_else(PageError::bad_request)?;
    let place = rathaus_db::catalog::places::get_by_key(&state.db, tenant.tenant_id(), &key)
        .await?
        .ok_or_else(PageError::not_found)?;
    let wish = pairs
        .iter()
        .find(|(k, _)| k == "zeit")
        .and_then(|(_, v)| format!("{}:00", v.split('@').next_back().unwrap_or(v)).parse().ok());
    Ok(Context { place, choice, wish })
}

#[expect(clippy::too_many_arguments, reason = "the page and what the form holds")]
async fn render_page(
    state: &AppState,
    tenant: &CurrentTenant,
    page: Page,
    ctx: Context,
    errors: FormErrors,
    contact: (String, String, String),
    entered: bool,
    now: Timestamp,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let date = ctx.choice.date.ok_or_else(PageError::bad_request)?;
    let draw_at =
        rathaus_booking::lottery_draw_at(&state.db, t, ctx.place.id, date, now).await.map_err(super::page_error)?;
    let draw_at = draw_at.map(|at| clock(at.to_zoned(tenant.tz()).time())).unwrap_or_default();
    let services = chosen_names(state, t, page.tr, &ctx.choice).await?;
    render(&LotteryPage {
        services,
        place_name: place_name(&ctx.place, page.language()),
        date_label: long_date(page.tr, date),
        wish: ctx.wish.map(clock).unwrap_or_default(),
        draw_at,
        contact_name: contact.0,
        email: contact.1,
        phone: contact.2,
        fairness: state.guard.fields(now).await,
        choice: ctx.choice,
        errors,
        entered,
        page,
    })
}

pub(super) async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    uri: Uri,
) -> Result<Response, PageError> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect();
    let ctx = context(&state, &tenant, &page, &pairs).await?;
    render_page(&state, &tenant, page, ctx, FormErrors::new(), Default::default(), false, Timestamp::now()).await
}

pub(super) async fn enter(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    extensions: axum::http::Extensions,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let now = Timestamp::now();
    let ctx = context(&state, &tenant, &page, &pairs).await?;
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let contact_fields = (get("name"), get("email"), get("phone"));
    let mut errors = FormErrors::new();
    let contact = match super::details::check_contact(page.tr, &contact_fields.0, &contact_fields.1, &contact_fields.2)
    {
        Ok(c) if c.email().is_some() => Some(c),
        Ok(_) => {
            errors.add("email", page.t("booking-error-lottery-email"));
            None
        }
        Err(found) => {
            errors = found;
            None
        }
    };
    if get("consent") != "1" {
        errors.add("consent", page.t("booking-error-consent"));
    }
    let client =
        crate::security::client_ip(crate::security::peer_ip(&extensions), &headers, &state.config.trusted_proxies);
    if errors.is_empty()
        && let Err(refusal) = state.guard.admit(client, &get("altcha"), &get("pass"), now).await
    {
        errors.add("name", refusal.message(page.tr));
    }
    let Some(contact) = contact.filter(|_| errors.is_empty()) else {
        return render_page(&state, &tenant, page, ctx, errors, contact_fields, false, now).await;
    };
    let date = ctx.choice.date.ok_or_else(PageError::bad_request)?;
    let entry = Entry {
        place_id: ctx.place.id,
        date,
        wish: ctx.wish,
        services: ctx.choice.requests(),
        contact,
        language: page.language().code().to_owned(),
        origin: links::request_origin(&headers, &uri),
    };
    match rathaus_booking::enter(&state.db, t, &entry, now).await {
        Ok(entered) => {
            let rows =
                rathaus_db::appointments::lottery::of_draw(&state.db, t, ctx.place.id, entered.draw_at.as_second())
                    .await?;
            if let Some(row) = rows.iter().find(|r| r.id == entered.entry_id) {
                let mode = &state.config.notifier.mail;
                rathaus_appointments::jobs::lottery::entry_mail(&state.db, t, mode, row, Notice::LotteryEntered)
                    .await?;
            }
            render_page(&state, &tenant, page, ctx, FormErrors::new(), Default::default(), true, now).await
        }
        Err(e @ (BookingError::AlreadyEntered | BookingError::Invalid(_))) => {
            errors.add("name", page.t(&super::message_key(&e)));
            render_page(&state, &tenant, page, ctx, errors, contact_fields, false, now).await
        }
        Err(e) => Err(super::page_error(e)),
    }
}
