//! `/api/v1/staff`: the tenant's staff accounts, for administrators. Listing, reading one
//! account and inviting a new member. Every query is scoped to the request's tenant.

use super::extract::{ApiJson, ApiPath};
use crate::invitations::{InvitationContext, NewStaff, invite};
use crate::{
    AppState,
    auth::Staff,
    error::{ApiError, FieldProblem, Problem},
    i18n::Tr,
    tenancy::CurrentTenant,
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use rathaus_db::{
    StoreError, begin_write,
    staff::{self, StaffUser},
};
use rathaus_domain::{Email, Role};
use serde::{Deserialize, Serialize};
use utoipa::{
    ToSchema,
    openapi::{ObjectBuilder, Type},
};

/// Longest accepted display name, in characters.
const MAX_DISPLAY_NAME: usize = 100;

/// A staff account of the municipality.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffMember {
    #[schema(example = 42)]
    pub id: i64,
    #[schema(format = Email, example = "anna.schmidt@musterstadt.example")]
    pub email: String,
    #[schema(example = "Anna Schmidt")]
    pub display_name: String,
    #[schema(schema_with = role_schema)]
    pub role: Role,
    /// Whether the account may sign in.
    pub active: bool,
    /// Time of the last sign-in (RFC 3339, UTC), or null if the member never signed in.
    #[schema(required = true, format = DateTime, example = "2026-03-02T08:15:00Z")]
    pub last_login_at: Option<String>,
}

impl From<StaffUser> for StaffMember {
    fn from(u: StaffUser) -> Self {
        StaffMember {
            role: u.role(),
            last_login_at: u.last_login_at.map(rfc3339_utc),
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            active: u.active,
        }
    }
}

/// Epoch seconds as RFC 3339 in UTC; a value out of range shows as the epoch's limit.
fn rfc3339_utc(epoch_secs: i64) -> String {
    let t = jiff::Timestamp::from_second(epoch_secs).unwrap_or(if epoch_secs < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    });
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The schema of a role: one of the domain's role names.
fn role_schema() -> utoipa::openapi::Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Role::ALL.map(Role::as_str)))
        .description(Some("Role within the municipality; each role includes the rights of the ones after it."))
        .build()
}

/// An invitation of a new staff member.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StaffInvitation {
    #[schema(format = Email, example = "anna.schmidt@musterstadt.example")]
    pub email: String,
    /// Name shown to colleagues, 1 to 100 characters.
    #[schema(example = "Anna Schmidt")]
    pub display_name: String,
    #[schema(schema_with = role_schema)]
    pub role: String,
}

/// An invitation whose fields were parsed.
struct ParsedInvitation {
    email: Email,
    display_name: String,
    role: Role,
}

impl StaffInvitation {
    /// Parses every field, reporting all invalid ones at once.
    fn parse(self) -> Result<ParsedInvitation, ApiError> {
        let mut errors = Vec::new();
        let mut problem = |pointer: &str, detail: &str| {
            errors.push(FieldProblem { pointer: pointer.to_owned(), detail: detail.to_owned() });
        };
        let email = Email::parse(&self.email).map_err(|_| problem("/email", "Not a valid e-mail address.")).ok();
        let display_name = self.display_name.trim().to_owned();
        if display_name.is_empty() || display_name.chars().count() > MAX_DISPLAY_NAME {
            problem("/display_name", "Give a name of 1 to 100 characters.");
        }
        let role = Role::parse(&self.role).map_err(|_| problem("/role", "Must be admin, supervisor or clerk.")).ok();
        match (email, role, errors.is_empty()) {
            (Some(email), Some(role), true) => Ok(ParsedInvitation { email, display_name, role }),
            _ => Err(ApiError::validation(errors)),
        }
    }
}

/// All staff accounts.
///
/// Requires a session of an administrator of this municipality. Sorted by display name.
#[utoipa::path(
    get,
    path = "/api/v1/staff",
    tag = "staff",
    operation_id = "list_staff",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The municipality's staff accounts", body = Vec<StaffMember>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Signed in, but not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, user = staff.user_id()))]
pub(super) async fn list_staff(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<ApiJson<Vec<StaffMember>>, ApiError> {
    staff.require_api(Role::Admin)?;
    let all = staff::list(&state.db, staff.tenant()).await?;
    Ok(ApiJson(all.into_iter().map(StaffMember::from).collect()))
}

/// One staff account.
///
/// Requires a session of an administrator of this municipality.
#[utoipa::path(
    get,
    path = "/api/v1/staff/{id}",
    tag = "staff",
    operation_id = "get_staff",
    security(("session_cookie" = [])),
    params(("id" = i64, Path, description = "Id of the staff account")),
    responses(
        (status = 200, description = "The staff account", body = StaffMember),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Signed in, but not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account in this municipality", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0, user = staff.user_id()))]
pub(super) async fn show_staff(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<StaffMember>, ApiError> {
    staff.require_api(Role::Admin)?;
    let member = staff::get(&state.db, staff.tenant(), id).await?.ok_or_else(ApiError::not_found)?;
    Ok(ApiJson(member.into()))
}

/// Invite a staff member.
///
/// Requires a session of an administrator of this municipality, and a same-origin request
/// with `Content-Type: application/json`. Creates the account without a password and
/// e-mails the new member an invitation link, valid for seven days, to set a password.
/// The e-mail is in the language of the request (`Accept-Language`).
#[utoipa::path(
    post,
    path = "/api/v1/staff",
    tag = "staff",
    operation_id = "invite_staff",
    security(("session_cookie" = [])),
    request_body(content = StaffInvitation, content_type = "application/json"),
    responses(
        (status = 201, description = "The account was created and the invitation e-mailed", body = StaffMember,
            headers(("Location" = String, description = "URL of the new account"))),
        (status = 400, description = "The body is not valid JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, or a cross-origin request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An account with this e-mail address exists already", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not declared as JSON", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or invalid; `errors` points at it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id, user = staff.user_id()))]
pub(super) async fn invite_staff(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    staff: Staff,
    tr: Tr,
    headers: HeaderMap,
    uri: axum::http::Uri,
    ApiJson(invitation): ApiJson<StaffInvitation>,
) -> Result<Response, ApiError> {
    staff.require_api(Role::Admin)?;
    let new = invitation.parse()?;
    let origin = crate::links::request_origin(&headers, &uri);
    let ctx = InvitationContext { tenant: &tenant, inviter: &staff, origin: &origin, language: tr.lang(), via: "api" };
    let tx = begin_write(&state.db).await.map_err(StoreError::from)?;
    let new_staff = NewStaff { email: new.email, display_name: new.display_name, role: new.role };
    let member = invite(&tx, &state.config.mail, &ctx, new_staff).await.map_err(|e| match e {
        StoreError::Conflict(_) => {
            let mut err = ApiError::conflict("A staff account with this e-mail address exists already.");
            err.errors.push(FieldProblem { pointer: "/email".into(), detail: "Already in use.".into() });
            err
        }
        other => other.into(),
    })?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(new_user = member.id, "staff member invited");
    let location = format!("/api/v1/staff/{}", member.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], ApiJson(StaffMember::from(member))).into_response())
}
