//! `/admin/staff`: the tenant's staff accounts, and the actions on one account, each a
//! small POST form: deactivate or reactivate, change the role, send a password-reset link.
//! Nobody can deactivate or demote themselves, so a tenant always keeps an active admin.

use super::{Choice, LocalTime, local_time};
use crate::links::{password_link, request_origin};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    page::{Page, notice_text, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderMap, Uri},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use rathaus_db::{
    audit, begin_write, sessions,
    staff::{self as accounts, StaffUser},
    tokens::{self, Purpose},
};
use rathaus_domain::{Email, Role};
use rathaus_mail::templates::{PasswordResetMail, password_reset};
use serde::Deserialize;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/staff", get(list))
        .route("/admin/staff/{id}/deactivate", post(deactivate))
        .route("/admin/staff/{id}/reactivate", post(reactivate))
        .route("/admin/staff/{id}/role", post(change_role))
        .route("/admin/staff/{id}/password-reset", post(send_password_reset))
}

/// How long a password-reset link works.
const RESET_TTL_SECS: i64 = 24 * 3600;

struct StaffRow {
    id: i64,
    name: String,
    email: String,
    role_label: String,
    active: bool,
    /// Invited, but no password set yet.
    pending: bool,
    is_self: bool,
    last_login: Option<LocalTime>,
    roles: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "admin/staff.html")]
struct StaffPage {
    page: Page,
    notice: Option<String>,
    rows: Vec<StaffRow>,
}

#[derive(Deserialize)]
struct NoticeQuery {
    notice: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
    page: Page,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let tz = tenant.tz();
    let rows = accounts::list(&state.db, staff.tenant())
        .await?
        .into_iter()
        .map(|u| {
            let role = u.role();
            StaffRow {
                id: u.id,
                role_label: page.t(&format!("role-{}", role.as_str())),
                active: u.active,
                pending: u.password_hash.is_none(),
                is_self: u.id == staff.user_id(),
                last_login: u.last_login_at.map(|t| local_time(page.tr, &tz, t)),
                roles: Role::ALL
                    .iter()
                    .map(|r| Choice {
                        value: r.as_str().to_owned(),
                        label: page.t(&format!("role-{}", r.as_str())),
                        selected: *r == role,
                    })
                    .collect(),
                name: u.display_name,
                email: u.email,
            }
        })
        .collect();
    let notice = notice_text(page.tr, q.notice.as_deref());
    render(&StaffPage { page, notice, rows })
}

/// The account `id` of the admin's tenant; another tenant's account is not found.
async fn account(state: &AppState, staff: &Staff, id: i64) -> Result<StaffUser, PageError> {
    staff.require(Role::Admin)?;
    accounts::get(&state.db, staff.tenant(), id).await?.ok_or_else(PageError::not_found)
}

fn updated() -> Response {
    Redirect::to("/admin/staff?notice=staff-updated").into_response()
}

#[derive(Deserialize)]
struct ActionForm {}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, user = id))]
async fn deactivate(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<ActionForm>,
) -> Result<Response, PageError> {
    let user = account(&state, &staff, id).await?;
    if user.id == staff.user_id() {
        return Err(PageError::forbidden());
    }
    if user.active {
        let tx = begin_write(&state.db).await?;
        accounts::set_active(&tx, staff.tenant(), user.id, false).await?;
        let ended = sessions::delete_for_user(&tx, staff.tenant(), user.id).await?;
        let entry = staff
            .audit_entry("staff.deactivated")
            .target("user", user.id)
            .details(serde_json::json!({ "sessions_ended": ended }));
        audit::append_in(&tx, staff.tenant(), entry).await?;
        tx.commit().await?;
    }
    Ok(updated())
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, user = id))]
async fn reactivate(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<ActionForm>,
) -> Result<Response, PageError> {
    let user = account(&state, &staff, id).await?;
    if !user.active {
        let tx = begin_write(&state.db).await?;
        accounts::set_active(&tx, staff.tenant(), user.id, true).await?;
        audit::append_in(&tx, staff.tenant(), staff.audit_entry("staff.reactivated").target("user", user.id)).await?;
        tx.commit().await?;
    }
    Ok(updated())
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, user = id))]
async fn change_role(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm<RoleForm>,
) -> Result<Response, PageError> {
    let user = account(&state, &staff, id).await?;
    let role = Role::parse(&form.role).map_err(|_| PageError::bad_request())?;
    if role == user.role() {
        return Ok(updated());
    }
    if user.id == staff.user_id() {
        return Err(PageError::forbidden());
    }
    let tx = begin_write(&state.db).await?;
    accounts::set_role(&tx, staff.tenant(), user.id, role).await?;
    let entry = staff
        .audit_entry("staff.role_changed")
        .target("user", user.id)
        .details(serde_json::json!({ "from": user.role().as_str(), "to": role.as_str() }));
    audit::append_in(&tx, staff.tenant(), entry).await?;
    tx.commit().await?;
    Ok(updated())
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, user = id))]
#[expect(clippy::too_many_arguments, reason = "axum extractors")]
async fn send_password_reset(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<ActionForm>,
) -> Result<Response, PageError> {
    let user = account(&state, &staff, id).await?;
    if !user.active {
        return Err(PageError::bad_request());
    }
    let email = Email::parse(&user.email).map_err(|e| PageError::internal("stored staff e-mail", &e))?;
    let tx = begin_write(&state.db).await?;
    let token = tokens::issue(&tx, staff.tenant(), user.id, Purpose::PasswordReset, RESET_TTL_SECS).await?;
    let link = password_link(&request_origin(&headers, &uri), &token);
    let expires_at = jiff::Timestamp::from_second(rathaus_db::now() + RESET_TTL_SECS)
        .map_err(|e| PageError::internal("link expiry", &e))?
        .to_zoned(tenant.tz());
    // We keep no language per staff member: the mail is in the admin's current language.
    let mail = password_reset(
        page.language(),
        &PasswordResetMail { tenant_name: &tenant.name, link: &link, expires_at: &expires_at },
    );
    rathaus_mail::enqueue_email(&tx, &state.config.mail, mail.into_outgoing(staff.tenant(), email)).await?;
    audit::append_in(&tx, staff.tenant(), staff.audit_entry("staff.password_reset_sent").target("user", user.id))
        .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/staff?notice=reset-sent").into_response())
}
