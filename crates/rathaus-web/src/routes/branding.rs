//! The tenant's branding: its accent colour as a tiny stylesheet (a strict CSP allows no
//! inline styles) and its logo.

use crate::tenancy::CurrentTenant;
use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

pub async fn stylesheet(tenant: CurrentTenant) -> Response {
    // The stored colour was parsed (and contrast-checked) before it was saved.
    let colour = rathaus_domain::AccentColour::parse(&tenant.accent_colour)
        .map(|c| c.to_string())
        .unwrap_or_else(|_| "#0b5cad".to_owned());
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")],
        format!(":root {{ --accent: {colour}; }}\n"),
    )
        .into_response()
}

pub async fn logo(tenant: CurrentTenant) -> Response {
    match (&tenant.logo, &tenant.logo_mime) {
        (Some(bytes), Some(mime)) => (
            [(header::CONTENT_TYPE, mime.clone()), (header::CACHE_CONTROL, "public, max-age=300".to_owned())],
            bytes.clone(),
        )
            .into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
