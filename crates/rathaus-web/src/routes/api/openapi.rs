//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the API, generated from the
//! handlers' `#[utoipa::path]` annotations and built once per process.

use super::{availability, docs, extract::ApiJson, locations, services, staff, tenant};
use crate::{
    auth::SESSION_COOKIE,
    error::{FieldProblem, Problem},
};
use std::sync::LazyLock;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{ApiKey, ApiKeyValue, SecurityScheme},
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "rathaus API",
        version = env!("CARGO_PKG_VERSION"),
        description = "JSON interface of a rathaus installation: public facts about the municipality \
            and, for signed-in administrators, its staff accounts. Every host name answers for its own \
            municipality. Errors are RFC 9457 problem details (`application/problem+json`).\n\n\
            Deutsch: JSON-Schnittstelle einer rathaus-Installation: öffentliche Angaben zur Kommune und, \
            für angemeldete Administratorinnen und Administratoren, deren Mitarbeiterkonten. Jeder \
            Hostname antwortet für seine eigene Kommune. Fehler werden als Problem Details nach \
            RFC 9457 gemeldet (`application/problem+json`).",
    ),
    paths(
        tenant::show_tenant,
        staff::list_staff,
        staff::invite_staff,
        staff::show_staff,
        services::list_services,
        services::route_request,
        services::show_service,
        locations::list_locations,
        locations::show_location,
        availability::get_availability,
        openapi_json,
        docs::show_docs,
    ),
    components(schemas(Problem, FieldProblem)),
    modifiers(&SessionCookie),
    tags(
        (name = "tenant", description = "The municipality of the host"),
        (name = "staff", description = "Staff accounts (administrators only)"),
        (name = "catalogue", description = "The public service catalogue: services, request routing, places and opening hours"),
        (name = "appointments", description = "Free appointment times"),
        (name = "meta", description = "This description of the API"),
    )
)]
pub struct ApiDoc;

/// Staff endpoints authenticate with the session cookie set by the login page.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            SESSION_COOKIE,
            "Session of a signed-in staff member, set by `POST /login`. Requests that change \
             something must also be same-origin and declare `Content-Type: application/json`.",
        )));
        openapi.components.get_or_insert_with(Default::default).add_security_scheme("session_cookie", scheme);
    }
}

static DOCUMENT: LazyLock<serde_json::Value> =
    LazyLock::new(|| serde_json::to_value(ApiDoc::openapi()).expect("the OpenAPI document serialises to JSON"));

/// The OpenAPI document as JSON, built on first use.
pub fn document() -> &'static serde_json::Value {
    &DOCUMENT
}

/// The OpenAPI description of this API.
///
/// An OpenAPI 3.1 document with every endpoint, schema and the security scheme.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    operation_id = "get_openapi",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object, content_type = "application/json"))
)]
pub(super) async fn openapi_json() -> ApiJson<&'static serde_json::Value> {
    ApiJson(document())
}
