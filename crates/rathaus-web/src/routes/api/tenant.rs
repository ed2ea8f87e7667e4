//! `GET /api/v1/tenant`: public facts about the municipality the request's host belongs
//! to, for apps and websites that show its contact details and branding.

use super::extract::ApiJson;
use crate::tenancy::CurrentTenant;
use serde::Serialize;
use utoipa::ToSchema;

/// Public information about the municipality (tenant) that answers on this host.
#[derive(Debug, Serialize, ToSchema)]
pub struct TenantInfo {
    /// Name of the municipality, e.g. "Stadt Musterstadt".
    #[schema(example = "Stadt Musterstadt")]
    pub name: String,
    /// Amtlicher Gemeindeschlüssel (official municipality key), eight digits.
    #[schema(example = "05515000")]
    pub ags: String,
    pub address: PostalAddress,
    /// Where citizens can write to.
    #[schema(format = Email)]
    pub contact_email: String,
    pub contact_phone: String,
    /// IANA time zone of the municipality, in which opening hours are given.
    #[schema(example = "Europe/Berlin")]
    pub time_zone: String,
    /// Federal state as the ISO 3166-2:DE subdivision code without the country prefix.
    #[schema(example = "NW")]
    pub federal_state: String,
    /// Enabled UI languages (ISO 639-1), German first.
    #[schema(example = json!(["de", "en"]))]
    pub languages: Vec<String>,
    /// Accent colour of the municipality's branding, `#rrggbb`.
    #[schema(example = "#0b5394")]
    pub accent_colour: String,
    /// URL of the logo (relative to this host), or null if there is none.
    #[schema(required = true, example = "/branding/logo?v=1767225600")]
    pub logo_url: Option<String>,
}

/// Postal address of the town hall.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostalAddress {
    pub street: String,
    pub postal_code: String,
    pub city: String,
}

impl From<&CurrentTenant> for TenantInfo {
    fn from(t: &CurrentTenant) -> Self {
        TenantInfo {
            name: t.name.clone(),
            ags: t.ags.clone(),
            address: PostalAddress {
                street: t.street.clone(),
                postal_code: t.postal_code.clone(),
                city: t.city.clone(),
            },
            contact_email: t.contact_email.clone(),
            contact_phone: t.contact_phone.clone(),
            time_zone: t.time_zone.clone(),
            federal_state: t.federal_state.clone(),
            languages: t.language_list().into_iter().map(|l| l.code().to_owned()).collect(),
            accent_colour: t.accent_colour.clone(),
            // The same cache-busting URL the pages use.
            logo_url: t.logo.is_some().then(|| format!("/branding/logo?v={}", t.updated_at)),
        }
    }
}

/// The municipality of this host.
///
/// Public: needs no sign-in. Each host answers with its own municipality.
#[utoipa::path(
    get,
    path = "/api/v1/tenant",
    tag = "tenant",
    operation_id = "get_tenant",
    responses(
        (status = 200, description = "The municipality that answers on this host", body = TenantInfo),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub(super) async fn show_tenant(tenant: CurrentTenant) -> ApiJson<TenantInfo> {
    ApiJson(TenantInfo::from(&tenant))
}
