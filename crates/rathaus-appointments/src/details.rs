//! What a notification says about an appointment, read from the database (inside the
//! transaction of the change, so it shows the appointment as it is being committed): the
//! municipality, the place and its address, the services and what to bring, the start in
//! the municipality's time zone, and the citizen's language and contact.

use jiff::Zoned;
use rathaus_db::appointments::records::{self, Appointment};
use rathaus_db::catalog::{places, services};
use rathaus_db::{StoreError, TenantId, tenants};
use rathaus_domain::Language;
use sea_orm::ConnectionTrait;

#[derive(Debug, Clone)]
pub struct Details {
    pub language: Language,
    pub tenant_name: String,
    pub tenant_email: String,
    pub place_name: String,
    /// One line; empty for a video office.
    pub place_address: String,
    pub services: Vec<String>,
    pub documents: Vec<String>,
    pub start: Zoned,
    pub end: Zoned,
    pub minutes: i64,
}

/// The details of `a` in the citizen's language (German if it is unknown).
pub async fn load(db: &impl ConnectionTrait, tenant: TenantId, a: &Appointment) -> Result<Details, StoreError> {
    let language = Language::parse(&a.language).unwrap_or_default();
    let t = tenants::get(db, tenant).await?.ok_or(StoreError::NotFound)?;
    let tz = t.tz();
    let place = places::get(db, tenant, a.place_id).await?.ok_or(StoreError::NotFound)?;
    let place_name = match language {
        Language::En if !place.name_en.is_empty() => place.name_en.clone(),
        _ => place.name_de.clone(),
    };
    let place_address =
        place.address().map(|ad| format!("{}, {} {}", ad.street, ad.postal_code, ad.city)).unwrap_or_default();
    let mut names = Vec::new();
    let mut documents: Vec<String> = Vec::new();
    for booked in records::services_of(db, tenant, a.id).await? {
        let Some(s) = services::get(db, tenant, booked.service_id).await? else { continue };
        names.push(match language {
            Language::En if !s.name_en.is_empty() => s.name_en.clone(),
            _ => s.name_de.clone(),
        });
        if let Some(full) = rathaus_catalog_store::service(db, tenant, &s.slug).await? {
            for d in full.documents.get(language) {
                if !documents.contains(d) {
                    documents.push(d.clone());
                }
            }
        }
    }
    let at = |s: i64| jiff::Timestamp::from_second(s).map(|ts| ts.to_zoned(tz.clone()));
    let start = at(a.start_s).map_err(|_| StoreError::Db(sea_orm::DbErr::Type("appointment start".into())))?;
    let end = at(a.end_s).map_err(|_| StoreError::Db(sea_orm::DbErr::Type("appointment end".into())))?;
    Ok(Details {
        language,
        tenant_name: t.name.clone(),
        tenant_email: t.contact_email.clone(),
        place_name,
        place_address,
        services: names,
        documents,
        start,
        end,
        minutes: (a.end_s - a.start_s) / 60,
    })
}
