//! `/admin/staff/invite`: creates a staff account without a password and e-mails an
//! invitation link (valid for 7 days) on which the new colleague sets one.

use super::Choice;
use crate::invitations::{InvitationContext, NewStaff, invite};
use crate::links::request_origin;
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    Router,
    extract::State,
    http::{HeaderMap, Uri},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use rathaus_db::{
    StoreError, begin_write,
    staff::{self as accounts},
};
use rathaus_domain::{Email, Role};
use serde::Deserialize;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/staff/invite", get(show).post(submit))
}

/// How long an invitation link works.

#[derive(Deserialize, Default)]
struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

#[derive(Template)]
#[template(path = "admin/invite.html")]
struct InvitePage {
    page: Page,
    errors: FormErrors,
    // Not `name`/`email`: those are parameter names of the field macro.
    person_name: String,
    person_email: String,
    roles: Vec<Choice>,
}

fn invite_page(page: Page, errors: FormErrors, form: InviteForm) -> Result<Response, PageError> {
    let selected = Role::parse(&form.role).unwrap_or(Role::Clerk);
    let roles = Role::ALL
        .iter()
        .rev()
        .map(|r| Choice {
            value: r.as_str().to_owned(),
            label: page.t(&format!("role-{}", r.as_str())),
            selected: *r == selected,
        })
        .collect();
    render(&InvitePage { page, errors, person_name: form.name, person_email: form.email, roles })
}

async fn show(staff: Staff, page: Page) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    invite_page(page, FormErrors::new(), InviteForm::default())
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
async fn submit(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    CsrfForm(form): CsrfForm<InviteForm>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let tr = page.tr;
    let mut errors = FormErrors::new();
    let name = errors.required(tr, "name", &form.name);
    let email = errors.check(tr, "email", Email::parse(&form.email));
    let role = errors.check(tr, "role", Role::parse(&form.role));
    if let Some(email) = &email
        && accounts::find_by_email(&state.db, staff.tenant(), email).await?.is_some()
    {
        errors.add("email", tr.t("admin-invalid-email-taken"));
    }
    let (Some(name), Some(email), Some(role), true) = (name, email, role, errors.is_empty()) else {
        return invite_page(page, errors, form);
    };

    let origin = request_origin(&headers, &uri);
    let ctx = InvitationContext {
        tenant: &tenant,
        inviter: &staff,
        origin: &origin,
        language: page.language(),
        via: "admin-page",
    };
    let tx = begin_write(&state.db).await?;
    match invite(&tx, &state.config.mail, &ctx, NewStaff { email, display_name: name, role }).await {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => {
            drop(tx);
            errors.add("email", tr.t("admin-invalid-email-taken"));
            return invite_page(page, errors, form);
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to("/admin/staff?notice=staff-invited").into_response())
}
