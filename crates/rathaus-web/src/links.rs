//! Absolute links for e-mails (one-time password links, later booking and case links), on
//! the host the staff member or citizen is using.

use axum::http::{HeaderMap, Uri, header};
use rathaus_db::tenants::normalise_host;

/// `https://HOST` for the host of the request; `http://` for local development hosts
/// (`localhost`, `*.localhost`, loopback addresses), which have no TLS.
pub fn site_origin(host: &str) -> String {
    let name = normalise_host(host);
    let local = name == "localhost" || name.ends_with(".localhost") || name == "127.0.0.1" || name == "::1";
    let scheme = if local { "http" } else { "https" };
    format!("{scheme}://{}", host.trim())
}

/// The host of the request, as the browser sent it (port included).
pub fn request_host(headers: &HeaderMap, uri: &Uri) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| uri.authority().map(|a| a.as_str().to_owned()))
        .unwrap_or_else(|| "localhost".to_owned())
}

/// `scheme://host` of the request, for absolute links.
pub fn request_origin(headers: &HeaderMap, uri: &Uri) -> String {
    site_origin(&request_host(headers, uri))
}

/// The link that redeems a password token (invitation or reset).
pub fn password_link(origin: &str, token: &str) -> String {
    format!("{origin}/account/password?token={token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts_use_http_and_keep_their_port() {
        assert_eq!(site_origin("localhost:8080"), "http://localhost:8080");
        assert_eq!(site_origin("kleindorf.localhost"), "http://kleindorf.localhost");
        assert_eq!(site_origin("127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(site_origin("[::1]:3000"), "http://[::1]:3000");
    }

    #[test]
    fn real_hosts_use_https() {
        assert_eq!(site_origin("buergerbuero.musterstadt.de"), "https://buergerbuero.musterstadt.de");
        assert_eq!(site_origin("localhost.evil.example"), "https://localhost.evil.example");
    }

    #[test]
    fn links_carry_the_token() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "musterstadt.de".parse().unwrap());
        let uri: Uri = "/admin/staff/invite".parse().unwrap();
        assert_eq!(
            password_link(&request_origin(&h, &uri), "abc"),
            "https://musterstadt.de/account/password?token=abc"
        );
    }
}
