//! Cross-site request forgery protection that works without JavaScript.
//!
//! Double submit: every browser gets a random token in an `HttpOnly`, `SameSite=Strict`,
//! `__Host-` cookie, and every form carries the same token in a hidden field. A forged
//! cross-site POST can neither read the cookie nor set it, so the two cannot match.
//! In addition, a request whose `Origin` (or `Sec-Fetch-Site`) says it came from another
//! site is refused. [`CsrfForm`] checks both and then parses the form.

use crate::{error::PageError, state::AppState};
use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::{HeaderMap, HeaderValue, header, request::Parts},
    middleware::Next,
    response::Response,
};
use serde::de::DeserializeOwned;

pub const COOKIE: &str = "__Host-rathaus_csrf";

/// The CSRF token of the current browser, for hidden form fields.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// Reads a cookie value from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value with the attributes every rathaus cookie has.
pub fn set_cookie(name: &str, value: &str, same_site: &str, max_age: Option<i64>) -> HeaderValue {
    let max_age = max_age.map(|s| format!("; Max-Age={s}")).unwrap_or_default();
    let v = format!("{name}={value}; Path=/; Secure; HttpOnly; SameSite={same_site}{max_age}");
    HeaderValue::from_str(&v).expect("cookie values are ASCII tokens")
}

fn valid_token(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Makes sure every browser has a token; exposes it to handlers as [`CsrfToken`]. The API
/// has no forms (it checks the origin instead), so its answers set no cookie.
pub async fn ensure_csrf_cookie(mut req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let existing = cookie(req.headers(), COOKIE).filter(|t| valid_token(t)).map(str::to_owned);
    let (token, fresh) = match existing {
        Some(t) => (t, false),
        None => (rathaus_db::random_token(32), true),
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut res = next.run(req).await;
    if fresh {
        res.headers_mut().append(header::SET_COOKIE, set_cookie(COOKIE, &token, "Strict", None));
    }
    res
}

/// Whether the request plainly comes from another site.
fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), headers.get(header::HOST)) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or("");
            origin_host != host.to_str().unwrap_or("")
        }
        _ => false,
    }
}

/// Checks the token of a submitted form against the cookie.
pub fn verify(parts: &Parts, submitted: Option<&str>) -> Result<(), PageError> {
    let cookie = cookie(&parts.headers, COOKIE).filter(|t| valid_token(t));
    let ok = match (cookie, submitted) {
        (Some(c), Some(s)) => constant_time_eq(c.as_bytes(), s.as_bytes()),
        _ => false,
    };
    if !ok || cross_site(&parts.headers) {
        tracing::warn!(path = %parts.uri.path(), "CSRF check failed");
        return Err(PageError::csrf());
    }
    Ok(())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A URL-encoded form whose CSRF token was checked. The token field is named `csrf`.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(PageError::bad_request());
        }
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|_| PageError(crate::error::PageErrorKind::PayloadTooLarge))?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|_| PageError::bad_request())?;
        let submitted = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str());
        verify(&parts, submitted)?;
        let value = serde_urlencoded::from_bytes(&bytes).map_err(|_| PageError::bad_request())?;
        Ok(CsrfForm(value))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<CsrfToken>().cloned().ok_or_else(PageError::csrf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_among_others() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; __Host-rathaus_csrf=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&h, COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn cross_site_detection() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "musterstadt.de".parse().unwrap());
        assert!(!cross_site(&h));
        h.insert(header::ORIGIN, "https://musterstadt.de".parse().unwrap());
        assert!(!cross_site(&h));
        h.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert!(cross_site(&h));
        h.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(cross_site(&h));
    }
}
