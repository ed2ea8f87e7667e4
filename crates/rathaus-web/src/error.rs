//! Error policy.
//!
//! * Handlers return [`PageError`] (HTML pages) or [`ApiError`] (JSON API); both are built
//!   with named constructors (`not_found()`, `forbidden()`, …).
//! * A page error carries only its kind; the `error_pages` middleware renders the
//!   localised page, because it knows the tenant and language of the request.
//! * API errors are RFC 9457 problem details (`application/problem+json`).
//! * Internal details (database errors, …) are logged with the request's route and never
//!   put into a response body. Logs hold no personal data.
//! * Storage conflicts map to 409; "not found" from storage maps to 404.

use axum::{
    Json,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use rathaus_db::StoreError;
use serde::Serialize;

/// The kinds of error page. Stored as a response extension for the `error_pages` layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageErrorKind {
    BadRequest,
    Forbidden,
    NotFound,
    Conflict,
    TooManyRequests,
    CsrfFailed,
    PayloadTooLarge,
    Internal,
}

impl PageErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
            PageErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            PageErrorKind::Forbidden | PageErrorKind::CsrfFailed => StatusCode::FORBIDDEN,
            PageErrorKind::NotFound => StatusCode::NOT_FOUND,
            PageErrorKind::Conflict => StatusCode::CONFLICT,
            PageErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            PageErrorKind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            PageErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 | 405 | 415 | 422 => PageErrorKind::BadRequest,
            401 | 403 => PageErrorKind::Forbidden,
            404 => PageErrorKind::NotFound,
            409 => PageErrorKind::Conflict,
            413 => PageErrorKind::PayloadTooLarge,
            429 => PageErrorKind::TooManyRequests,
            _ => PageErrorKind::Internal,
        }
    }

    /// Translation key prefix of the page's title and text.
    pub fn key(self) -> &'static str {
        match self {
            PageErrorKind::BadRequest => "error-400",
            PageErrorKind::Forbidden => "error-403",
            PageErrorKind::NotFound => "error-404",
            PageErrorKind::Conflict => "error-409",
            PageErrorKind::TooManyRequests => "error-429",
            PageErrorKind::CsrfFailed => "error-csrf",
            PageErrorKind::PayloadTooLarge => "error-413",
            PageErrorKind::Internal => "error-500",
        }
    }
}

#[derive(Debug)]
pub struct PageError(pub PageErrorKind);

impl PageError {
    pub fn not_found() -> Self {
        Self(PageErrorKind::NotFound)
    }
    pub fn forbidden() -> Self {
        Self(PageErrorKind::Forbidden)
    }
    pub fn bad_request() -> Self {
        Self(PageErrorKind::BadRequest)
    }
    pub fn csrf() -> Self {
        Self(PageErrorKind::CsrfFailed)
    }
    pub fn too_many_requests() -> Self {
        Self(PageErrorKind::TooManyRequests)
    }
    pub fn internal(context: &str, err: &dyn std::fmt::Display) -> Self {
        tracing::error!(context, error = %err, "internal error");
        Self(PageErrorKind::Internal)
    }
}

impl From<StoreError> for PageError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => PageError::not_found(),
            StoreError::Conflict(_) => Self(PageErrorKind::Conflict),
            StoreError::Db(e) => PageError::internal("storage", &e),
        }
    }
}

impl From<rathaus_db::DbErr> for PageError {
    fn from(err: rathaus_db::DbErr) -> Self {
        PageError::from(StoreError::Db(err))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut res = self.0.status().into_response();
        res.extensions_mut().insert(self.0);
        res
    }
}

/// RFC 9457 problem details.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI reference identifying the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Field-level problems, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    /// JSON pointer to the offending field, e.g. `/email`.
    pub pointer: String,
    pub detail: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub slug: &'static str,
    pub title: &'static str,
    pub detail: Option<String>,
    pub errors: Vec<FieldProblem>,
}

impl ApiError {
    fn new(status: StatusCode, slug: &'static str, title: &'static str) -> Self {
        Self { status, slug, title, detail: None, errors: Vec::new() }
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad-request", "Bad request").detail(detail)
    }
    pub fn validation(errors: Vec<FieldProblem>) -> Self {
        Self { errors, ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", "Invalid input") }
    }
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", "Authentication required")
    }
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "Not allowed")
    }
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "Not found")
    }
    pub fn method_not_allowed() -> Self {
        Self::new(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed")
    }
    /// A server-side failure already logged elsewhere, keeping its status (e.g. 503).
    pub fn internal_status(status: StatusCode) -> Self {
        Self::new(status, "internal", "Internal error")
    }
    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", "Conflict").detail(detail)
    }
    pub fn payload_too_large() -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large")
    }
    pub fn unsupported_media_type(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type").detail(detail)
    }
    pub fn too_many_requests() -> Self {
        Self::new(StatusCode::TOO_MANY_REQUESTS, "too-many-requests", "Too many requests")
    }
    pub fn internal(context: &str, err: &dyn std::fmt::Display) -> Self {
        tracing::error!(context, error = %err, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal error")
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Conflict(what) => ApiError::conflict(what),
            StoreError::Db(e) => ApiError::internal("storage", &e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Problem {
            kind: format!("/api/v1/problems/{}", self.slug),
            title: self.title.to_owned(),
            status: self.status.as_u16(),
            detail: self.detail,
            errors: self.errors,
        };
        let mut res = (self.status, Json(body)).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/problem+json"));
        res
    }
}
