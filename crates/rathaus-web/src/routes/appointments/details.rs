//! Steps 4 and 5: the citizen's contact (name, plus e-mail address or mobile number or
//! both) and their consent to the processing of these data. Both are stored on the held
//! appointment, so going back and forth keeps what was entered; only what the booking
//! needs is asked for.

use super::held::{self, Held};
use crate::{
    AppState,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use jiff::Timestamp;
use rathaus_booking::{BookingError, Contact, Pending};
use rathaus_db::TenantId;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "appointments/contact.html")]
struct ContactPage {
    page: Page,
    errors: FormErrors,
    held: Held,
    contact_name: String,
    email: String,
    phone: String,
}

#[derive(Template)]
#[template(path = "appointments/consent.html")]
struct ConsentPage {
    page: Page,
    errors: FormErrors,
    held: Held,
    consented: bool,
}

#[derive(Template)]
#[template(path = "appointments/expired.html")]
pub(super) struct ExpiredPage {
    pub page: Page,
}

/// The page for a browser whose hold is gone (expired, given back, or never made).
pub(super) fn expired(page: Page) -> Result<Response, PageError> {
    let mut res = render(&ExpiredPage { page })?;
    res.headers_mut().append(axum::http::header::SET_COOKIE, held::clear());
    Ok(res)
}

/// The live hold of this browser, or the "expired" page.
pub(super) async fn require_hold(
    state: &AppState,
    tenant: TenantId,
    headers: &HeaderMap,
    page: &Page,
) -> Result<Result<Held, Response>, PageError> {
    match held::current(state, tenant, headers, page.tr, Timestamp::now()).await? {
        Some(h) => Ok(Ok(h)),
        None => Ok(Err(expired(page.clone())?)),
    }
}

pub(super) async fn contact(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let held = match require_hold(&state, tenant.tenant_id(), &headers, &page).await? {
        Ok(h) => h,
        Err(res) => return Ok(res),
    };
    let (name, email, phone) = (held.view.name.clone(), held.view.email.clone(), held.view.phone.clone());
    render(&ContactPage { page, errors: FormErrors::new(), held, contact_name: name, email, phone })
}

#[derive(Deserialize)]
pub(super) struct ContactForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
}

/// Checks the contact: a name, and at least one way to reach the citizen; each field is
/// checked on its own, so every problem is reported at once.
pub(crate) fn check_contact(tr: crate::i18n::Tr, name: &str, email: &str, phone: &str) -> Result<Contact, FormErrors> {
    let mut errors = FormErrors::new();
    if Contact::parse(name, None, None).is_err() {
        errors.add("name", tr.t("booking-error-contact-name"));
    }
    if Contact::parse("-", Some(email), None).is_err() {
        errors.add("email", tr.t("booking-error-contact-email"));
    }
    if Contact::parse("-", None, Some(phone)).is_err() {
        errors.add("phone", tr.t("booking-error-contact-phone"));
    }
    if errors.is_empty() && email.trim().is_empty() && phone.trim().is_empty() {
        errors.add("email", tr.t("booking-error-contact-missing"));
    }
    match Contact::parse(name, Some(email), Some(phone)) {
        Ok(c) if errors.is_empty() => Ok(c),
        _ => Err(errors),
    }
}

pub(super) async fn save_contact(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<ContactForm>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let held = match require_hold(&state, t, &headers, &page).await? {
        Ok(h) => h,
        Err(res) => return Ok(res),
    };
    let contact = match check_contact(page.tr, &form.name, &form.email, &form.phone) {
        Ok(c) => c,
        Err(errors) => {
            let ContactForm { name, email, phone } = form;
            return render(&ContactPage { page, errors, held, contact_name: name, email, phone });
        }
    };
    let pending = Pending {
        name: contact.name(),
        email: contact.email().map(|e| e.as_str()),
        phone: contact.phone().map(|p| p.as_str()),
        language: page.language().code(),
        consent_at: held.appointment.consent_at,
    };
    match rathaus_booking::save_details(&state.db, t, &held.token, &pending, Timestamp::now()).await {
        Ok(()) => Ok(Redirect::to("/termine/buchen/einwilligung").into_response()),
        Err(BookingError::HoldExpired) => expired(page),
        Err(e) => Err(super::page_error(e)),
    }
}

pub(super) async fn consent(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let held = match require_hold(&state, tenant.tenant_id(), &headers, &page).await? {
        Ok(h) => h,
        Err(res) => return Ok(res),
    };
    if held.view.name.is_empty() {
        return Ok(Redirect::to("/termine/buchen/kontakt").into_response());
    }
    let consented = held.appointment.consent_at.is_some();
    render(&ConsentPage { page, errors: FormErrors::new(), held, consented })
}

#[derive(Deserialize)]
pub(super) struct ConsentForm {
    #[serde(default)]
    consent: String,
}

pub(super) async fn save_consent(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<ConsentForm>,
) -> Result<Response, PageError> {
    let t = tenant.tenant_id();
    let held = match require_hold(&state, t, &headers, &page).await? {
        Ok(h) => h,
        Err(res) => return Ok(res),
    };
    if form.consent != "1" {
        let mut errors = FormErrors::new();
        errors.add("consent", page.t("booking-error-consent"));
        return render(&ConsentPage { page, errors, held, consented: false });
    }
    let a = &held.appointment;
    let now = Timestamp::now();
    let pending = Pending {
        name: &a.name,
        email: a.email.as_deref(),
        phone: a.phone.as_deref(),
        language: page.language().code(),
        consent_at: Some(now.as_second()),
    };
    match rathaus_booking::save_details(&state.db, t, &held.token, &pending, now).await {
        Ok(()) => Ok(Redirect::to("/termine/buchen/pruefen").into_response()),
        Err(BookingError::HoldExpired) => expired(page),
        Err(e) => Err(super::page_error(e)),
    }
}
