//! The staff start page after login: what this person can do here.

use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    page::{Page, render},
};
use askama::Template;
use axum::{Router, response::Response, routing::get};

pub fn routes() -> Router<AppState> {
    Router::new().route("/staff", get(show))
}

#[derive(Template)]
#[template(path = "staff_home.html")]
struct StaffHome {
    page: Page,
    name: String,
    role_label: String,
}

async fn show(staff: Staff, page: Page) -> Result<Response, PageError> {
    let role_label = page.t(&format!("role-{}", staff.role().as_str()));
    render(&StaffHome { page, name: staff.name().to_owned(), role_label })
}
