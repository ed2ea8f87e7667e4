//! The JSON API under `/api/v1`, documented by its own OpenAPI 3.1 document
//! (`/api/v1/openapi.json`) and a readable page rendered from it (`/api/v1/docs`).
//!
//! * `tenant`: `GET /api/v1/tenant`, public facts about the host's municipality.
//! * `staff`: `GET|POST /api/v1/staff`, `GET /api/v1/staff/{id}`, for administrators.
//! * `services`: `GET /api/v1/services`, `GET /api/v1/services/{slug}` and
//!   `GET /api/v1/services/route?q=…`, the public catalogue and request routing.
//! * `locations`: `GET /api/v1/locations`, `GET /api/v1/locations/{key}`, places with hours.
//! * `availability`: `GET /api/v1/availability`, free appointment times (cached).
//! * `openapi`, `docs`: the description of the API.
//! * [`extract`]: `ApiJson`, `ApiQuery`, `ApiPath`, whose rejections are problem documents.
//!
//! **Errors** are RFC 9457 problem details (`application/problem+json`, see
//! [`crate::error::ApiError`]), always: an unknown path under `/api/` answers 404, a known
//! path with another method 405 (with `Allow`), both as problems. Unlike pages, the API is
//! not wrapped by the HTML error-page layer.
//!
//! **Authentication** is the staff session cookie set by the login page; every query is
//! scoped to the tenant of the request's host, so a session of one municipality is unknown
//! to another (401).
//!
//! **CSRF.** A cookie-authenticated API is open to forged cross-site requests, so every
//! request that changes something must be same-origin (see [`same_origin`]): refused with
//! 403 when `Sec-Fetch-Site` is present and not `same-origin`, or when `Origin` is present
//! and does not name the requested host; and a POST must declare
//! `Content-Type: application/json` (415 otherwise), which a cross-site HTML form cannot
//! send and `fetch` cannot send across origins without a CORS preflight, which we never
//! allow. GET requests change nothing.

pub mod extract;

pub mod availability;
mod docs;
mod locations;
mod openapi;
mod same_origin;
pub(crate) mod services;
mod staff;
mod tenant;

use crate::{AppState, error::ApiError};
use axum::{
    Router,
    http::{StatusCode, header},
    middleware,
    response::{IntoResponse, Response},
    routing::{any, get},
};

pub use openapi::{ApiDoc, document as openapi_document};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tenant", get(tenant::show_tenant))
        .route("/api/v1/staff", get(staff::list_staff).post(staff::invite_staff))
        .route("/api/v1/staff/{id}", get(staff::show_staff))
        .route("/api/v1/services", get(services::list_services))
        // A static segment wins over `{slug}` in axum's router, whatever the order here.
        .route("/api/v1/services/route", get(services::route_request))
        .route("/api/v1/services/{slug}", get(services::show_service))
        .route("/api/v1/locations", get(locations::list_locations))
        .route("/api/v1/locations/{key}", get(locations::show_location))
        .route("/api/v1/availability", get(availability::get_availability))
        .route("/api/v1/openapi.json", get(openapi::openapi_json))
        .route("/api/v1/docs", get(docs::show_docs))
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .layer(super::catch_panics())
        .layer(middleware::map_response(problems_for_bare_errors))
        .layer(middleware::from_fn(same_origin::require_same_origin))
}

async fn api_not_found() -> ApiError {
    ApiError::not_found().detail("There is no such API endpoint. See /api/v1/docs.")
}

/// Framework responses without a body of their own (405 from the method router, a 500 from
/// a failed page render) become problem documents, keeping `Allow`.
async fn problems_for_bare_errors(res: Response) -> Response {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || res.headers().contains_key(header::CONTENT_TYPE) {
        return res;
    }
    let problem = match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::method_not_allowed(),
        StatusCode::NOT_FOUND => ApiError::not_found(),
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::payload_too_large(),
        s if s.is_server_error() => {
            tracing::error!(status = s.as_u16(), "error response without a body");
            ApiError::internal_status(s)
        }
        _ => ApiError::bad_request("The request could not be processed."),
    };
    let mut out = problem.into_response();
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}
