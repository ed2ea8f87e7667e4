//! `GET /api/v1/docs`: the API documentation as an accessible HTML page, rendered on the
//! server from the OpenAPI document, without scripts. Headings and labels follow the
//! page language; the descriptions come from the document, which is written in English.

mod reference;

use super::openapi;
use crate::{
    error::PageError,
    page::{Page, render},
};
use askama::Template;
use axum::response::Response;
use reference::Reference;
use std::sync::LazyLock;

static REFERENCE: LazyLock<Reference> = LazyLock::new(|| reference::read(openapi::document()));

#[derive(Template)]
#[template(path = "api/docs.html")]
struct DocsPage {
    page: Page,
    api: &'static Reference,
}

/// Readable documentation of this API.
///
/// An HTML page listing every operation and schema of the OpenAPI document.
#[utoipa::path(
    get,
    path = "/api/v1/docs",
    tag = "meta",
    operation_id = "get_docs",
    responses((status = 200, description = "The documentation page", body = String, content_type = "text/html"))
)]
pub(super) async fn show_docs(page: Page) -> Result<Response, PageError> {
    render(&DocsPage { page, api: &REFERENCE })
}
