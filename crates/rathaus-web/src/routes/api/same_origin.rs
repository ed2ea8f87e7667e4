//! Cross-site request forgery protection for the cookie-authenticated API.
//!
//! A request that changes something (any method but GET, HEAD and OPTIONS) must come from
//! our own origin:
//!
//! * a `Sec-Fetch-Site` header, if the browser sends one, must say `same-origin`. Note that
//!   `same-site` is refused too: the tenants of one installation are often sibling
//!   subdomains (`musterstadt.example`, `kleindorf.musterstadt.example`), which are one
//!   "site" to the browser;
//! * an `Origin` header, if present, must name the host the request was sent to;
//! * a POST must declare `Content-Type: application/json`. A cross-site HTML form can only
//!   send `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`, and
//!   `fetch` cannot send JSON across origins without a CORS preflight, which we never
//!   answer. PUT, PATCH and DELETE always need a preflight.
//!
//! Clients that are not browsers (curl, scripts) send neither header and pass.

use crate::error::ApiError;
use axum::{
    extract::Request,
    http::{HeaderMap, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn require_same_origin(req: Request, next: Next) -> Response {
    let method = req.method();
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).or_else(|| req.uri().host());
    if let Some(reason) = cross_origin(req.headers(), host) {
        tracing::warn!(path = %req.uri().path(), reason, "cross-origin API request refused");
        return ApiError::forbidden().detail("Cross-origin requests are not allowed.").into_response();
    }
    if *method == Method::POST && !super::extract::is_json(req.headers()) {
        return ApiError::unsupported_media_type("Send the body as `Content-Type: application/json`.").into_response();
    }
    next.run(req).await
}

/// Why the request does not come from our own origin, if it does not.
fn cross_origin(headers: &HeaderMap, host: Option<&str>) -> Option<&'static str> {
    if let Some(site) = headers.get("sec-fetch-site")
        && site.as_bytes() != b"same-origin"
    {
        return Some("sec-fetch-site");
    }
    let origin = headers.get(header::ORIGIN)?;
    let origin_host = origin.to_str().ok().and_then(|o| o.split_once("://")).map(|(_, rest)| rest);
    match (origin_host, host) {
        (Some(o), Some(h)) if o.eq_ignore_ascii_case(h) => None,
        _ => Some("origin"),
    }
}

#[cfg(test)]
mod tests {
    use super::cross_origin;
    use axum::http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (k.parse().unwrap(), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn same_origin_requests_pass() {
        let host = Some("musterstadt.example:8443");
        assert_eq!(cross_origin(&headers(&[]), host), None, "non-browser clients");
        assert_eq!(cross_origin(&headers(&[("sec-fetch-site", "same-origin")]), host), None);
        let ok = headers(&[("origin", "https://Musterstadt.example:8443"), ("sec-fetch-site", "same-origin")]);
        assert_eq!(cross_origin(&ok, host), None);
    }

    #[test]
    fn other_origins_are_refused() {
        let host = Some("musterstadt.example");
        for site in ["cross-site", "same-site", "none"] {
            let h: HeaderMap =
                [("sec-fetch-site".parse().unwrap(), HeaderValue::from_static(site))].into_iter().collect();
            assert_eq!(cross_origin(&h, host), Some("sec-fetch-site"), "{site}");
        }
        for origin in
            ["https://evil.example", "null", "https://kleindorf.musterstadt.example", "https://musterstadt.example:444"]
        {
            let h: HeaderMap = [("origin".parse().unwrap(), HeaderValue::from_static(origin))].into_iter().collect();
            assert_eq!(cross_origin(&h, host), Some("origin"), "{origin}");
        }
        assert_eq!(cross_origin(&headers(&[("origin", "https://musterstadt.example")]), None), Some("origin"));
    }
}
