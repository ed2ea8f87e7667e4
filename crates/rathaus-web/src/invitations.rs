//! Inviting a staff member: one workflow behind the admin page and the API. The account is
//! created without a password; a one-time link (valid [`INVITATION_TTL_SECS`]) lets the
//! invitee choose one. Account, link, e-mail and audit entry commit together.

use crate::auth::Staff;
use rathaus_db::{
    DatabaseTransaction, StoreError, audit,
    staff::{self, StaffUser},
    tenants::Tenant,
    tokens,
};
use rathaus_domain::{Email, Language, Role};
use rathaus_mail::{
    DeliveryMode,
    templates::{InvitationMail, staff_invitation},
};

/// How long an invitation link stays valid.
pub const INVITATION_TTL_SECS: i64 = 7 * 24 * 3600;

pub struct NewStaff {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
}

/// Where the invitation comes from and how it is worded.
pub struct InvitationContext<'a> {
    pub tenant: &'a Tenant,
    pub inviter: &'a Staff,
    /// `https://host` of the request, for the link.
    pub origin: &'a str,
    /// Language of the e-mail: the inviter's current language.
    pub language: Language,
    /// Recorded in the audit entry: "admin-page" or "api".
    pub via: &'static str,
}

/// Invites `new` within `tx`. A taken e-mail address is `StoreError::Conflict`.
pub async fn invite(
    tx: &DatabaseTransaction,
    mail: &DeliveryMode,
    ctx: &InvitationContext<'_>,
    new: NewStaff,
) -> Result<StaffUser, StoreError> {
    let tenant = ctx.tenant.tenant_id();
    let user = staff::create(tx, tenant, &new.email, &new.display_name, new.role, None).await?;
    let token = tokens::issue(tx, tenant, user.id, tokens::Purpose::Invitation, INVITATION_TTL_SECS).await?;
    let link = crate::links::password_link(ctx.origin, &token);
    let expires_at =
        (jiff::Timestamp::now() + jiff::SignedDuration::from_secs(INVITATION_TTL_SECS)).to_zoned(ctx.tenant.tz());
    let message = staff_invitation(
        ctx.language,
        &InvitationMail {
            tenant_name: &ctx.tenant.name,
            inviter_name: ctx.inviter.name(),
            link: &link,
            expires_at: &expires_at,
        },
    );
    rathaus_mail::enqueue_email(tx, mail, message.into_outgoing(tenant, new.email)).await?;
    let entry = ctx
        .inviter
        .audit_entry("staff.invited")
        .target("user", user.id)
        .details(serde_json::json!({ "role": new.role.as_str(), "via": ctx.via }));
    audit::append_in(tx, tenant, entry).await?;
    Ok(user)
}
