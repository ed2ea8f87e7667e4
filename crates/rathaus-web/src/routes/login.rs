//! Staff login and logout.
//!
//! Failed attempts are counted in the database per account and per client address, so the
//! limit holds across nodes. The answer to a failed login never says whether the account
//! exists.

use crate::{
    AppState,
    auth::{MaybeStaff, SESSION_COOKIE, password},
    csrf::{CsrfForm, cookie, set_cookie},
    error::PageError,
    forms::FormErrors,
    page::{Page, notice_text, render, safe_local_path},
    security::{client_ip, peer_ip},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use rathaus_db::{audit, sessions, staff, throttle};
use rathaus_domain::Email;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/login", get(show).post(submit)).route("/logout", post(logout))
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    page: Page,
    errors: FormErrors,
    email: String,
    next: String,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    notice: Option<String>,
}

async fn show(page: Page, Query(q): Query<LoginQuery>) -> Result<Response, PageError> {
    let notice = notice_text(page.tr, q.notice.as_deref());
    let next = q.next.as_deref().and_then(safe_local_path).unwrap_or("/staff").to_owned();
    render(&LoginPage { page, errors: FormErrors::new(), email: String::new(), next, notice })
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// The client's address (behind trusted proxies, see `security::client_ip`).
pub struct ClientAddr(pub std::net::IpAddr);

impl axum::extract::FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(client_ip(peer_ip(&parts.extensions), &parts.headers, &state.config.trusted_proxies)))
    }
}

async fn submit(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    ClientAddr(ip): ClientAddr,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, PageError> {
    let tr = page.tr;
    let next = safe_local_path(&form.next).unwrap_or("/staff").to_owned();
    let email_text = form.email.trim().to_lowercase();
    let account_key = throttle::key(&format!("account:{}", tenant.id), &email_text);
    let client_key = throttle::key("client", &ip.to_string());
    let since = rathaus_db::now() - state.config.login_window_secs;
    let limit = state.config.login_max_failures;
    let rerender = |page: Page, message_key: &str, status: StatusCode| {
        let mut errors = FormErrors::new();
        errors.add("email", tr.t(message_key));
        let html = render(&LoginPage { page, errors, email: email_text.clone(), next: next.clone(), notice: None })?;
        Ok::<_, PageError>((status, html).into_response())
    };

    let account_failures = throttle::failures_since(&state.db, &account_key, since).await?;
    // Client addresses get more room: several clerks may share one office NAT.
    let client_failures = throttle::failures_since(&state.db, &client_key, since).await?;
    if account_failures >= limit || client_failures >= limit * 4 {
        return rerender(page, "login-throttled", StatusCode::TOO_MANY_REQUESTS);
    }

    let user = match Email::parse(&email_text) {
        Ok(email) => staff::find_by_email(&state.db, tenant.tenant_id(), &email).await?,
        Err(_) => None,
    };
    let verified = match user.as_ref().and_then(|u| u.password_hash.as_deref().filter(|_| u.active).map(|h| (u, h))) {
        Some((u, hash)) => password::verify(&form.password, hash).then_some(u.clone()),
        None => {
            password::verify_dummy(&form.password);
            None
        }
    };
    let Some(user) = verified else {
        throttle::record_failure(&state.db, &account_key).await?;
        throttle::record_failure(&state.db, &client_key).await?;
        tracing::info!(tenant = tenant.id, "login failed");
        return rerender(page, "login-failed", StatusCode::OK);
    };

    throttle::clear(&state.db, &account_key).await?;
    let token = sessions::create(&state.db, tenant.tenant_id(), user.id, state.config.session_ttl_secs).await?;
    staff::record_login(&state.db, tenant.tenant_id(), user.id).await?;
    audit::append(
        &state.db,
        tenant.tenant_id(),
        audit::AuditEntry::new(Some(user.id), &user.email, "staff.login").target("user", user.id),
    )
    .await?;
    tracing::info!(tenant = tenant.id, user = user.id, "login");
    let mut res = Redirect::to(&next).into_response();
    res.headers_mut().append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, &token, "Lax", None));
    Ok(res)
}

#[derive(Deserialize)]
pub struct LogoutForm {}

async fn logout(
    State(state): State<AppState>,
    MaybeStaff(staff): MaybeStaff,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<LogoutForm>,
) -> Result<Response, PageError> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        sessions::delete(&state.db, token).await?;
    }
    if let Some(staff) = staff {
        audit::append(&state.db, staff.tenant(), staff.audit_entry("staff.logout").target("user", staff.user_id()))
            .await?;
    }
    let mut res = Redirect::to("/login?notice=logged-out").into_response();
    res.headers_mut().append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", "Lax", Some(0)));
    Ok(res)
}
