//! The start page of a tenant.

use crate::{
    error::PageError,
    page::{Page, render},
};
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    page: Page,
}

pub async fn home(page: Page) -> Result<Response, PageError> {
    render(&Home { page })
}
