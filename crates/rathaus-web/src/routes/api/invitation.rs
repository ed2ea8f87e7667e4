//! The invitation e-mail of a staff member invited through the API: the same message the
//! admin page sends, linking to the password page on the host the request was made to.

use crate::{auth::Staff, error::ApiError, tenancy::CurrentTenant};
use axum::http::{HeaderMap, header};
use rathaus_db::tenants::normalise_host;
use rathaus_domain::{Email, Language};
use rathaus_mail::{
    OutgoingEmail,
    templates::{InvitationMail, staff_invitation},
};

/// Everything the message needs besides the tenant and the inviter.
pub(super) struct Invitee<'a> {
    pub email: Email,
    pub token: &'a str,
    pub ttl_secs: i64,
    /// Language of the message: the inviter's language, as for the admin page.
    pub language: Language,
}

pub(super) fn invitation_email(
    tenant: &CurrentTenant,
    inviter: &Staff,
    headers: &HeaderMap,
    invitee: Invitee<'_>,
) -> Result<OutgoingEmail, ApiError> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let link = format!(
        "{}/account/password?token={}",
        site_origin(host),
        invitee.token
    );
    let expires_at = jiff::Timestamp::from_second(rathaus_db::now() + invitee.ttl_secs)
        .map_err(|e| ApiError::internal("invitation expiry", &e))?
        .to_zoned(tenant.tz());
    let mail = InvitationMail {
        tenant_name: &tenant.name,
        inviter_name: inviter.name(),
        link: &link,
        expires_at: &expires_at,
    };
    Ok(staff_invitation(invitee.language, &mail).into_outgoing(tenant.tenant_id(), invitee.email))
}

/// `https://HOST`, or `http://HOST` for local development hosts, which have no TLS.
fn site_origin(host: &str) -> String {
    let name = normalise_host(host);
    let local =
        name == "localhost" || name.ends_with(".localhost") || name == "127.0.0.1" || name == "::1";
    format!("{}://{}", if local { "http" } else { "https" }, host.trim())
}

#[cfg(test)]
mod tests {
    use super::site_origin;

    #[test]
    fn links_use_https_except_on_local_hosts() {
        assert_eq!(
            site_origin("buergerbuero.musterstadt.de"),
            "https://buergerbuero.musterstadt.de"
        );
        assert_eq!(
            site_origin("localhost.evil.example"),
            "https://localhost.evil.example"
        );
        assert_eq!(
            site_origin("kleindorf.localhost:8080"),
            "http://kleindorf.localhost:8080"
        );
        assert_eq!(site_origin("[::1]:3000"), "http://[::1]:3000");
    }
}
