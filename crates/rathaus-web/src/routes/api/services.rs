//! `/api/v1/services`: the tenant's public service catalogue. The list, one service with all
//! its texts in both languages, and `route`, which finds the services for a citizen's own
//! words (the same engine as the search page). Inactive services do not exist here.

use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::{
    AppState,
    error::{ApiError, Problem},
    i18n::Tr,
    routes::catalog::search::{MAX_HITS, MAX_QUERY_CHARS},
    tenancy::CurrentTenant,
};
use axum::extract::State;
use rathaus_catalog::model::{Fee, FeeAmount, Text, TextList};
use rathaus_db::catalog::{departments, offerings, services, topics};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};

/// A text in German and English (English falls back to German where it is missing).
#[derive(Debug, Serialize, ToSchema)]
pub struct LocalisedText {
    #[schema(example = "Personalausweis beantragen")]
    pub de: String,
    #[schema(example = "Apply for an identity card")]
    pub en: String,
}

impl LocalisedText {
    pub fn new(de: &str, en: &str) -> Self {
        let text = Text::new(de, en);
        LocalisedText { de: text.de.clone(), en: text.get(rathaus_domain::Language::En).to_owned() }
    }

    fn of(text: &Text) -> Self {
        Self::new(&text.de, &text.en)
    }

    fn of_option(text: &Option<Text>) -> Option<Self> {
        text.as_ref().filter(|t| !t.is_empty()).map(Self::of)
    }
}

/// A list of short texts in German and English.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocalisedList {
    pub de: Vec<String>,
    pub en: Vec<String>,
}

impl LocalisedList {
    fn of(list: &TextList) -> Self {
        LocalisedList { de: list.de.clone(), en: list.get(rathaus_domain::Language::En).to_vec() }
    }
}

/// A department or topic, by key and name.
#[derive(Debug, Serialize, ToSchema)]
pub struct NamedRef {
    #[schema(example = "buergerbuero")]
    pub key: String,
    pub name: LocalisedText,
}

/// A service in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceListItem {
    #[schema(example = "personalausweis-beantragen")]
    pub slug: String,
    /// LeiKa key (Leistungsschlüssel), 14 digits, or null.
    #[schema(required = true, example = "99008001012000")]
    pub leika: Option<String>,
    pub name: LocalisedText,
    /// The responsible department.
    pub department: NamedRef,
    /// The topic the website lists the service under, or null.
    #[schema(required = true)]
    pub topic: Option<NamedRef>,
    /// How citizens can use the service: `appointment`, `walk_in`, `online`, `terminal`,
    /// `video`, `mobile`, `pickup`.
    #[schema(example = json!(["appointment", "walk_in", "online"]))]
    pub channels: Vec<String>,
    /// Counter time per person in minutes, or null.
    #[schema(required = true, example = 15)]
    pub minutes_per_person: Option<u16>,
    /// How many persons one appointment may cover, or null.
    #[schema(required = true, example = 4)]
    pub max_persons: Option<u8>,
}

/// Department and topic names of a tenant, by id.
struct Names {
    departments: HashMap<i64, departments::Department>,
    topics: HashMap<i64, topics::Topic>,
}

impl Names {
    async fn load(db: &rathaus_db::DatabaseConnection, tenant: rathaus_db::TenantId) -> Result<Self, ApiError> {
        Ok(Names {
            departments: departments::list(db, tenant).await?.into_iter().map(|d| (d.id, d)).collect(),
            topics: topics::list(db, tenant).await?.into_iter().map(|t| (t.id, t)).collect(),
        })
    }

    fn department(&self, id: i64) -> NamedRef {
        match self.departments.get(&id) {
            Some(d) => NamedRef { key: d.key.clone(), name: LocalisedText::new(&d.name_de, &d.name_en) },
            None => NamedRef { key: String::new(), name: LocalisedText::new("", "") },
        }
    }

    fn topic(&self, id: Option<i64>) -> Option<NamedRef> {
        let t = self.topics.get(&id?)?;
        Some(NamedRef { key: t.key.clone(), name: LocalisedText::new(&t.name_de, &t.name_en) })
    }
}

fn list_item(s: &services::Service, names: &Names) -> ServiceListItem {
    ServiceListItem {
        slug: s.slug.clone(),
        leika: s.leika.clone(),
        name: LocalisedText::new(&s.name_de, &s.name_en),
        department: names.department(s.department_id),
        topic: names.topic(s.topic_id),
        channels: s.channel_codes().map(str::to_owned).collect(),
        minutes_per_person: s.minutes_per_person.and_then(|m| u16::try_from(m).ok()),
        max_persons: s.max_persons.and_then(|m| u8::try_from(m).ok()),
    }
}

/// All services.
///
/// Public. The municipality's active services in German alphabetical order (A–Z).
#[utoipa::path(
    get,
    path = "/api/v1/services",
    tag = "catalogue",
    operation_id = "list_services",
    responses((status = 200, description = "The municipality's services, A–Z", body = Vec<ServiceListItem>))
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub(super) async fn list_services(
    State(state): State<AppState>,
    tenant: CurrentTenant,
) -> Result<ApiJson<Vec<ServiceListItem>>, ApiError> {
    let names = Names::load(&state.db, tenant.tenant_id()).await?;
    let all = services::a_to_z(&state.db, tenant.tenant_id()).await?;
    Ok(ApiJson(all.iter().map(|s| list_item(s, &names)).collect()))
}

/// The responsible department with its contact data.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentContact {
    pub key: String,
    pub name: LocalisedText,
    #[schema(required = true, format = Email)]
    pub email: Option<String>,
    #[schema(required = true, example = "+49 1234 5678-100")]
    pub phone: Option<String>,
}

/// One fee line: exactly one of `fixed_cents`, `min_cents` with `max_cents`, or `rule`.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeeItem {
    pub label: LocalisedText,
    /// `fixed`, `range` or `rule`.
    #[schema(example = "fixed")]
    pub kind: String,
    /// Amount in euro cents.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 3700)]
    pub fixed_cents: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_cents: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_cents: Option<u32>,
    /// A described rule when the amount depends on the case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<LocalisedText>,
    /// What the amount is charged per (`document`, `page`, `year`, `animal`); null: once.
    #[schema(required = true, example = "document")]
    pub per: Option<String>,
}

impl FeeItem {
    fn of(fee: &Fee) -> Self {
        let mut item = FeeItem {
            label: LocalisedText::of(&fee.label),
            kind: String::new(),
            fixed_cents: None,
            min_cents: None,
            max_cents: None,
            rule: None,
            per: fee.per.map(|u| crate::routes::catalog::fees::unit_code(u).to_owned()),
        };
        match fee.amount() {
            Some(FeeAmount::Fixed(c)) => (item.kind, item.fixed_cents) = ("fixed".into(), Some(c)),
            Some(FeeAmount::Range { min, max }) => {
                (item.kind, item.min_cents, item.max_cents) = ("range".into(), Some(min), Some(max));
            }
            Some(FeeAmount::Rule(rule)) => (item.kind, item.rule) = ("rule".into(), Some(LocalisedText::of(rule))),
            None => item.kind = "rule".into(),
        }
        item
    }
}

/// A place offering the service.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceRef {
    #[schema(example = "buergerbuero-mitte")]
    pub key: String,
    /// `location`, `mobile_site` or `virtual_office`.
    #[serde(rename = "type")]
    #[schema(example = "location")]
    pub place_type: String,
    pub name: LocalisedText,
}

/// A service with all its texts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceDetail {
    pub slug: String,
    #[schema(required = true)]
    pub leika: Option<String>,
    pub name: LocalisedText,
    /// One or two sentences for lists.
    pub summary: LocalisedText,
    /// What the service is; paragraphs separated by blank lines.
    pub description: LocalisedText,
    /// Who can use it.
    pub eligibility: LocalisedText,
    /// What to bring.
    pub documents: LocalisedList,
    pub fees: Vec<FeeItem>,
    /// Citations of the laws and ordinances (German).
    pub legal_basis: Vec<String>,
    #[schema(required = true)]
    pub processing_time: Option<LocalisedText>,
    #[schema(required = true)]
    pub procedure: Option<LocalisedText>,
    #[schema(required = true)]
    pub deadlines: Option<LocalisedText>,
    #[schema(required = true)]
    pub notes: Option<LocalisedText>,
    /// An external online service, or null (then `online` leads to `/antrag/{slug}`).
    #[schema(required = true, example = "https://www.example.org/antrag")]
    pub online_url: Option<String>,
    #[schema(required = true)]
    pub minutes_per_person: Option<u16>,
    #[schema(required = true)]
    pub max_persons: Option<u8>,
    pub channels: Vec<String>,
    pub department: DepartmentContact,
    #[schema(required = true)]
    pub topic: Option<NamedRef>,
    /// The places offering it: locations, mobile-office sites, video offices.
    pub locations: Vec<PlaceRef>,
}

/// One service.
///
/// Public. All texts in German and English, documents, fees, legal basis, channels, the
/// responsible department and the places that offer it.
#[utoipa::path(
    get,
    path = "/api/v1/services/{slug}",
    tag = "catalogue",
    operation_id = "get_service",
    params(("slug" = String, Path, description = "The service's URL name, e.g. `personalausweis-beantragen`")),
    responses(
        (status = 200, description = "The service", body = ServiceDetail),
        (status = 404, description = "No such active service in this municipality", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub(super) async fn show_service(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    ApiPath(slug): ApiPath<String>,
) -> Result<ApiJson<ServiceDetail>, ApiError> {
    let (db, t) = (&state.db, tenant.tenant_id());
    let row = services::get_by_slug(db, t, &slug).await?.filter(|s| s.active).ok_or_else(ApiError::not_found)?;
    let s = rathaus_catalog_store::service(db, t, &slug).await?.ok_or_else(ApiError::not_found)?;
    let names = Names::load(db, t).await?;
    let department = match names.departments.get(&row.department_id) {
        Some(d) => DepartmentContact {
            key: d.key.clone(),
            name: LocalisedText::new(&d.name_de, &d.name_en),
            email: d.email.clone(),
            phone: d.phone.clone(),
        },
        None => DepartmentContact { key: String::new(), name: LocalisedText::new("", ""), email: None, phone: None },
    };
    let locations = offerings::places_offering(db, t, row.id, None)
        .await?
        .into_iter()
        .map(|p| PlaceRef { key: p.key, place_type: p.place_type, name: LocalisedText::new(&p.name_de, &p.name_en) })
        .collect();
    Ok(ApiJson(ServiceDetail {
        slug: s.slug.clone(),
        leika: s.leika.clone(),
        name: LocalisedText::of(&s.name),
        summary: LocalisedText::of(&s.summary),
        description: LocalisedText::of(&s.description),
        eligibility: LocalisedText::of(&s.eligibility),
        documents: LocalisedList::of(&s.documents),
        fees: s.fees.iter().map(FeeItem::of).collect(),
        legal_basis: s.legal_basis.clone(),
        processing_time: LocalisedText::of_option(&s.processing_time),
        procedure: LocalisedText::of_option(&s.procedure),
        deadlines: LocalisedText::of_option(&s.deadlines),
        notes: LocalisedText::of_option(&s.notes),
        online_url: s.online_url.clone(),
        minutes_per_person: s.minutes_per_person,
        max_persons: s.max_persons,
        channels: s.channels.iter().map(|c| c.code().to_owned()).collect(),
        department,
        topic: names.topic(row.topic_id),
        locations,
    }))
}

/// The citizen's request.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RouteParams {
    /// The request in the citizen's own words, 1 to 500 characters, e.g.
    /// "mein Perso ist abgelaufen".
    #[param(required = true, example = "mein Perso ist abgelaufen")]
    pub q: Option<String>,
}

/// A service the request was routed to.
#[derive(Debug, Serialize, ToSchema)]
pub struct RouteHit {
    #[schema(example = "personalausweis-beantragen")]
    pub slug: String,
    /// Name in the language of the request (`Accept-Language`).
    #[schema(example = "Personalausweis beantragen")]
    pub name: String,
    /// The responsible department, in the language of the request.
    #[schema(example = "Bürgerbüro")]
    pub department: String,
    /// Relevance; only the order matters.
    #[schema(example = 12.5)]
    pub score: f32,
}

/// The services for a request, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RouteResult {
    /// At most five services, best first.
    pub services: Vec<RouteHit>,
    /// Whether the first service is likely right. If not, show the services as suggestions
    /// and offer the municipality's general enquiry contact.
    pub confident: bool,
}

/// Find the service for a request.
///
/// Public. Routes a request in the citizen's own words (German or English, colloquial
/// words and typos welcome) to at most five of the municipality's services, best first.
/// Names are in the language of the request (`Accept-Language`).
#[utoipa::path(
    get,
    path = "/api/v1/services/route",
    tag = "catalogue",
    operation_id = "route_request",
    params(RouteParams),
    responses(
        (status = 200, description = "The best services and whether the first is likely right", body = RouteResult),
        (status = 400, description = "`q` is missing, empty or longer than 500 characters", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(tenant = tenant.id))]
pub(super) async fn route_request(
    State(state): State<AppState>,
    tenant: CurrentTenant,
    tr: Tr,
    ApiQuery(params): ApiQuery<RouteParams>,
) -> Result<ApiJson<RouteResult>, ApiError> {
    let q = params.q.as_deref().map(str::trim).unwrap_or("");
    if q.is_empty() {
        return Err(parameter_problem("Give the request as the query parameter `q`."));
    }
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(parameter_problem("`q` may be at most 500 characters long."));
    }
    let results = state.search.route(tenant.tenant_id(), tr.lang(), q, MAX_HITS).await?;
    Ok(ApiJson(RouteResult {
        services: results
            .services
            .into_iter()
            .take(MAX_HITS)
            .map(|h| RouteHit { slug: h.slug, name: h.name, department: h.department, score: h.score })
            .collect(),
        confident: results.confident,
    }))
}

fn parameter_problem(detail: &str) -> ApiError {
    let mut err = ApiError::bad_request(detail);
    err.errors.push(crate::error::FieldProblem { pointer: "/q".to_owned(), detail: detail.to_owned() });
    err
}
