//! Loading the staff session of a request, and the [`Staff`] extractor that requires one.

use crate::{
    AppState,
    csrf::cookie,
    error::{ApiError, PageError},
    tenancy::CurrentTenant,
};
use axum::{
    extract::{FromRequestParts, Request, State},
    http::request::Parts,
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use rathaus_db::{
    TenantId,
    sessions::{self, LiveSession},
};
use rathaus_domain::Role;

pub const SESSION_COOKIE: &str = "__Host-rathaus_session";

/// Looks up the session cookie and stores the live session (if any) in the request.
pub async fn load_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let tenant = req.extensions().get::<CurrentTenant>().map(|t| t.tenant_id());
    let token = cookie(req.headers(), SESSION_COOKIE).map(str::to_owned);
    if let (Some(tenant), Some(token)) = (tenant, token) {
        match sessions::lookup(&state.db, tenant, &token).await {
            Ok(Some(live)) => {
                let ttl = state.config.session_ttl_secs;
                // Slide the expiry, but write at most once a minute per session.
                if live.expires_at - rathaus_db::now() < ttl - 60
                    && let Err(e) = sessions::extend(&state.db, live.session_id, ttl).await
                {
                    tracing::warn!(error = %e, "could not extend session");
                }
                req.extensions_mut().insert(Staff(live));
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    next.run(req).await
}

/// A signed-in staff member of the request's tenant.
#[derive(Clone, Debug)]
pub struct Staff(pub LiveSession);

impl Staff {
    pub fn user_id(&self) -> i64 {
        self.0.user.id
    }
    pub fn tenant(&self) -> TenantId {
        self.0.tenant
    }
    pub fn role(&self) -> Role {
        self.0.user.role()
    }
    pub fn email(&self) -> &str {
        &self.0.user.email
    }
    pub fn name(&self) -> &str {
        &self.0.user.display_name
    }

    /// Refuses a page to anyone below `role`.
    pub fn require(&self, role: Role) -> Result<(), PageError> {
        if self.role().includes(role) { Ok(()) } else { Err(PageError::forbidden()) }
    }

    pub fn require_api(&self, role: Role) -> Result<(), ApiError> {
        if self.role().includes(role) { Ok(()) } else { Err(ApiError::forbidden()) }
    }

    /// The label written to the audit log for this actor.
    pub fn audit_entry(&self, action: &str) -> rathaus_db::audit::AuditEntry {
        rathaus_db::audit::AuditEntry::new(Some(self.user_id()), self.email(), action)
    }
}

/// Pages: not signed in → redirect to the login page, coming back afterwards.
impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(staff) = parts.extensions.get::<Staff>() {
            return Ok(staff.clone());
        }
        if parts.uri.path().starts_with("/api/") {
            return Err(ApiError::unauthorized().into_response());
        }
        let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let target =
            format!("/login?next={}", url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>());
        Err(Redirect::to(&target).into_response())
    }
}

/// For handlers that show something extra to signed-in staff but are public otherwise.
pub struct MaybeStaff(pub Option<Staff>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeStaff {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeStaff(parts.extensions.get::<Staff>().cloned()))
    }
}
