//! Setting a password through a one-time link: accepting an invitation or resetting a
//! forgotten password. The link's token is used up by the change.

use crate::{
    AppState,
    auth::password,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use rathaus_db::{
    audit, begin_write, sessions, staff,
    tokens::{self, Purpose},
};
use rathaus_domain::NewPassword;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/account/password", get(show).post(submit))
}

#[derive(Template)]
#[template(path = "account_password.html")]
struct PasswordPage {
    page: Page,
    errors: FormErrors,
    token: String,
    purpose: &'static str,
    email: String,
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// Which purpose a valid token has, and for which user.
async fn find_token(
    state: &AppState,
    tenant: &CurrentTenant,
    token: &str,
) -> Result<Option<(Purpose, i64)>, PageError> {
    for purpose in [Purpose::Invitation, Purpose::PasswordReset] {
        if let Some(user) = tokens::peek(&state.db, tenant.tenant_id(), token, purpose).await? {
            return Ok(Some((purpose, user)));
        }
    }
    Ok(None)
}

fn purpose_key(p: Purpose) -> &'static str {
    match p {
        Purpose::Invitation => "invitation",
        Purpose::PasswordReset => "reset",
    }
}

async fn show(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Query(q): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let Some((purpose, user_id)) = find_token(&state, &tenant, &q.token).await? else {
        return Err(PageError::not_found());
    };
    let user = staff::get(&state.db, tenant.tenant_id(), user_id).await?.ok_or_else(PageError::not_found)?;
    render(&PasswordPage {
        page,
        errors: FormErrors::new(),
        token: q.token,
        purpose: purpose_key(purpose),
        email: user.email,
    })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

async fn submit(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, PageError> {
    let Some((purpose, user_id)) = find_token(&state, &tenant, &form.token).await? else {
        return Err(PageError::not_found());
    };
    let user = staff::get(&state.db, tenant.tenant_id(), user_id).await?.ok_or_else(PageError::not_found)?;
    let mut errors = FormErrors::new();
    let new_password = errors.check(page.tr, "password", NewPassword::parse(&form.password));
    if new_password.is_some() && form.password != form.password_confirm {
        errors.add("password_confirm", page.t("invalid-password-mismatch"));
    }
    let (Some(new_password), true) = (new_password, errors.is_empty()) else {
        return render(&PasswordPage {
            page,
            errors,
            token: form.token,
            purpose: purpose_key(purpose),
            email: user.email,
        });
    };
    let hash = password::hash(&new_password);
    let tx = begin_write(&state.db).await?;
    if tokens::redeem(&tx, tenant.tenant_id(), &form.token, purpose).await?.is_none() {
        return Err(PageError::not_found());
    }
    staff::set_password_hash(&tx, tenant.tenant_id(), user.id, hash).await?;
    sessions::delete_for_user(&tx, tenant.tenant_id(), user.id).await?;
    let entry = audit::AuditEntry::new(Some(user.id), &user.email, "staff.password_set")
        .target("user", user.id)
        .details(serde_json::json!({ "via": purpose_key(purpose) }));
    audit::append_in(&tx, tenant.tenant_id(), entry).await?;
    tx.commit().await?;
    Ok(Redirect::to("/login?notice=password-set").into_response())
}
