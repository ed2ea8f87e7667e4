//! `/leistungen` (A–Z with a letter index) and `/leistungen/{slug}` (one service: what it
//! is, who may use it, what to bring, cost, duration, legal basis, who is responsible,
//! where and how to get it, and the actions "Termin buchen" and "Online beantragen").
//!
//! Inactive and unknown services are 404; so are another tenant's (queries are by tenant).

use super::fees::{FeeLine, fee_line};
use super::letters::{LetterGroup, group_by_letter};
use super::paragraphs;
use super::places::{PlaceSummary, summarise};
use crate::{
    AppState,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    extract::{Path, State},
    response::Response,
};
use rathaus_catalog::model::{Channel, Service, Text};
use rathaus_db::catalog::places::PlaceType;
use rathaus_db::catalog::{collation::sort_german, departments, offerings, services, topics};
use rathaus_domain::Language;

/// A link to a service page.
pub struct ServiceLink {
    pub slug: String,
    pub name: String,
}

impl ServiceLink {
    pub fn of(s: &services::Service, lang: Language) -> Self {
        ServiceLink {
            slug: s.slug.clone(),
            name: Text::new(s.name_de.as_str(), s.name_en.as_str()).get(lang).to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "catalog/a_to_z.html")]
struct AToZPage {
    page: Page,
    groups: Vec<LetterGroup<ServiceLink>>,
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn a_to_z(State(state): State<AppState>, tenant: CurrentTenant, page: Page) -> Result<Response, PageError> {
    let lang = page.language();
    let all = services::a_to_z(&state.db, tenant.tenant_id()).await?;
    let links = all.iter().map(|s| ServiceLink::of(s, lang)).collect();
    // German names arrive in German order; English names are sorted the same way.
    let groups = group_by_letter(links, |l: &ServiceLink| l.name.as_str());
    render(&AToZPage { page, groups })
}

pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
}

impl Contact {
    pub fn of_department(d: &departments::Department, lang: Language) -> Self {
        Contact {
            name: Text::new(d.name_de.as_str(), d.name_en.as_str()).get(lang).to_owned(),
            email: d.email.clone().unwrap_or_default(),
            phone: d.phone.clone().unwrap_or_default(),
        }
    }
}

struct ChannelItem {
    code: &'static str,
    label: String,
}

struct OnlineAction {
    url: String,
    external: bool,
}

#[derive(Template)]
#[template(path = "catalog/service.html")]
struct ServicePage {
    page: Page,
    name: String,
    summary: String,
    description: Vec<String>,
    eligibility: Vec<String>,
    documents: Vec<String>,
    fees: Vec<FeeLine>,
    minutes: String,
    max_persons: String,
    processing_time: String,
    procedure: Vec<String>,
    deadlines: Vec<String>,
    notes: Vec<String>,
    legal_basis: Vec<String>,
    department: Option<Contact>,
    topic: Option<(String, String)>,
    locations: Vec<PlaceSummary>,
    mobile_sites: Vec<PlaceSummary>,
    video_offices: Vec<PlaceSummary>,
    channels: Vec<ChannelItem>,
    booking_url: Option<String>,
    online: Option<OnlineAction>,
}

fn text_paragraphs(text: &Option<Text>, lang: Language) -> Vec<String> {
    text.as_ref().map(|t| paragraphs(t.get(lang))).unwrap_or_default()
}

/// Where the "Online beantragen" button leads: the service's own web address if it is an
/// http(s) URL, else rathaus' online form.
fn online_action(service: &Service) -> Option<OnlineAction> {
    if !service.offers(Channel::Online) {
        return None;
    }
    let external =
        service.online_url.as_deref().map(str::trim).filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    Some(match external {
        Some(url) => OnlineAction { url: url.to_owned(), external: true },
        None => OnlineAction { url: format!("/antrag/{}", service.slug), external: false },
    })
}

fn count_text(tr: Tr, key: &str, n: impl ToString) -> String {
    tr.t_with(key, &[("count", n.to_string()), ("minutes", n.to_string())])
}

#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub async fn show_service(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    page: Page,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let (db, t) = (&state.db, tenant.tenant_id());
    let (tr, lang) = (page.tr, page.language());
    let row = services::get_by_slug(db, t, &slug).await?.filter(|s| s.active).ok_or_else(PageError::not_found)?;
    let service = rathaus_catalog_store::service(db, t, &slug).await?.ok_or_else(PageError::not_found)?;
    let department = departments::get(db, t, row.department_id).await?.map(|d| Contact::of_department(&d, lang));
    let topic = match row.topic_id {
        Some(id) => {
            topics::get(db, t, id).await?.map(|tp| (tp.key, Text::new(tp.name_de, tp.name_en).get(lang).to_owned()))
        }
        None => None,
    };

    let now = jiff::Timestamp::now();
    let (mut locations, mut mobile_sites, mut video_offices) = (Vec::new(), Vec::new(), Vec::new());
    for place in offerings::places_offering(db, t, row.id, None).await? {
        let list = match place.place_type()? {
            PlaceType::Location => &mut locations,
            PlaceType::MobileSite if service.offers(Channel::Mobile) => &mut mobile_sites,
            PlaceType::VirtualOffice if service.offers(Channel::Video) => &mut video_offices,
            _ => continue,
        };
        list.push(summarise(db, &tenant, &place, tr, now).await?);
    }
    // In the order of the names shown (the store sorts by the German ones).
    for list in [&mut locations, &mut mobile_sites, &mut video_offices] {
        sort_german(list, |p| p.name.as_str());
    }

    let channels = service
        .channels
        .iter()
        .map(|c| ChannelItem { code: c.code(), label: tr.t(&format!("catalog-channel-{}", c.code())) })
        .collect();
    let booking_url = service.offers(Channel::Appointment).then(|| format!("/termine/buchen?service={}", service.slug));
    let processing_time = service
        .processing_time
        .as_ref()
        .map(|p| p.get(lang).trim())
        .filter(|p| !p.is_empty())
        .map(|p| tr.t_with("catalog-service-processing", &[("text", p.to_owned())]))
        .unwrap_or_default();

    render(&ServicePage {
        name: service.name.get(lang).to_owned(),
        summary: service.summary.get(lang).to_owned(),
        description: paragraphs(service.description.get(lang)),
        eligibility: paragraphs(service.eligibility.get(lang)),
        documents: service.documents.get(lang).to_vec(),
        fees: service.fees.iter().map(|f| fee_line(f, tr)).collect(),
        minutes: service.minutes_per_person.map(|m| count_text(tr, "catalog-service-minutes", m)).unwrap_or_default(),
        max_persons: service
            .max_persons
            .filter(|&n| n > 1)
            .map(|n| count_text(tr, "catalog-service-max-persons", n))
            .unwrap_or_default(),
        processing_time,
        procedure: text_paragraphs(&service.procedure, lang),
        deadlines: text_paragraphs(&service.deadlines, lang),
        notes: text_paragraphs(&service.notes, lang),
        legal_basis: service.legal_basis.clone(),
        department,
        topic,
        locations,
        mobile_sites,
        video_offices,
        channels,
        booking_url,
        online: online_action(&service),
        page,
    })
}

/// A service in a list with its summary: search results and topic pages.
pub struct ServiceCard {
    pub slug: String,
    pub name: String,
    pub department: String,
    pub summary: String,
}

/// The short summary of a service in `lang`, empty if it has none or is unknown.
pub async fn summary_of(
    db: &rathaus_db::DatabaseConnection,
    tenant: rathaus_db::TenantId,
    slug: &str,
    lang: Language,
) -> Result<String, rathaus_db::StoreError> {
    Ok(rathaus_catalog_store::service(db, tenant, slug)
        .await?
        .map(|s| s.summary.get(lang).to_owned())
        .unwrap_or_default())
}
