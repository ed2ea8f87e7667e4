//! `/admin/catalog/places`: locations, mobile-office sites and video offices, listed by
//! type. Each place has a page per part, linked by a sub-navigation:
//!
//! * [`details`]: its own details (`/admin/catalog/places/{id}`), and creating a place;
//! * [`counters`]: counters of locations and video desks of video offices;
//! * [`offerings`]: the services offered there;
//! * [`hours`]: weekly opening hours and exceptions (locations and video offices);
//! * [`mobile`]: dated sessions and cancellations (mobile sites).
//!
//! A part that a type of place does not have is not found (404).

use super::{NoticeQuery, admin_tenant, notice_text, pick};
use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
};
use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    response::Response,
    routing::{get, post},
};
use rathaus_db::TenantId;
use rathaus_db::catalog::places::{self, Place, PlaceType};

mod counters;
mod details;
mod form;
mod hours;
mod item;
mod mobile;
mod offerings;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/catalog/places", get(list).post(details::create))
        .route("/admin/catalog/places/new", get(details::new))
        .route("/admin/catalog/places/{id}", get(details::edit).post(details::update))
        .route("/admin/catalog/places/{id}/counters", get(counters::show).post(counters::add))
        .route("/admin/catalog/places/{id}/counters/{counter}", post(counters::update))
        .route("/admin/catalog/places/{id}/services", get(offerings::show).post(offerings::save))
        .route("/admin/catalog/places/{id}/hours", get(hours::show).post(hours::save_weekly))
        .route("/admin/catalog/places/{id}/exceptions", post(hours::add_exception))
        .route("/admin/catalog/places/{id}/exceptions/{date}/delete", post(hours::remove_exception))
        .route("/admin/catalog/places/{id}/sessions", get(mobile::show).post(mobile::add_session))
        .route("/admin/catalog/places/{id}/sessions/{session}/delete", post(mobile::remove_session))
        .route("/admin/catalog/places/{id}/cancellations", post(mobile::add_cancellation))
        .route("/admin/catalog/places/{id}/cancellations/{date}/delete", post(mobile::remove_cancellation))
}

/// The tenant's place `id` (of one of `types`, if given); anything else is not found.
async fn place(
    state: &AppState,
    tenant: TenantId,
    id: i64,
    types: &[PlaceType],
) -> Result<(Place, PlaceType), PageError> {
    let place = places::get(&state.db, tenant, id).await?.ok_or_else(PageError::not_found)?;
    let place_type = place.place_type()?;
    if !types.is_empty() && !types.contains(&place_type) {
        return Err(PageError::not_found());
    }
    Ok((place, place_type))
}

fn type_label(tr: Tr, t: PlaceType) -> String {
    tr.t(&format!("admin-catalog-place-type-{}", t.code()))
}

/// A link of the place's sub-navigation.
pub(super) struct Tab {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// What every page of a place shows at its top.
pub(super) struct PlaceHead {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub type_label: String,
    pub tabs: Vec<Tab>,
}

impl PlaceHead {
    /// `current` is the part shown: `details`, `counters`, `services`, `hours`, `sessions`.
    fn new(tr: Tr, place: &Place, place_type: PlaceType, current: &str) -> Self {
        let parts: &[&str] = match place_type {
            PlaceType::Location | PlaceType::VirtualOffice => &["details", "counters", "services", "hours"],
            PlaceType::MobileSite => &["details", "services", "sessions"],
        };
        let tabs = parts
            .iter()
            .map(|part| Tab {
                href: match *part {
                    "details" => format!("/admin/catalog/places/{}", place.id),
                    other => format!("/admin/catalog/places/{}/{other}", place.id),
                },
                label: tr.t(&format!("admin-catalog-place-tab-{part}")),
                current: *part == current,
            })
            .collect();
        PlaceHead {
            id: place.id,
            key: place.key.clone(),
            name: pick(tr.lang(), &place.name_de, &place.name_en),
            type_label: type_label(tr, place_type),
            tabs,
        }
    }
}

struct Row {
    id: i64,
    key: String,
    name: String,
    address: String,
}

struct Group {
    code: &'static str,
    title: String,
    new_label: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "admin/catalog/places.html")]
struct ListPage {
    page: Page,
    notice: Option<String>,
    groups: Vec<Group>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let mut groups = Vec::new();
    for t in PlaceType::ALL {
        let rows = places::list(&state.db, tenant, t)
            .await?
            .into_iter()
            .map(|p| Row {
                address: p.address().map(|a| format!("{}, {} {}", a.street, a.postal_code, a.city)).unwrap_or_default(),
                name: pick(page.language(), &p.name_de, &p.name_en),
                id: p.id,
                key: p.key,
            })
            .collect();
        groups.push(Group {
            code: t.code(),
            title: page.t(&format!("admin-catalog-places-{}", t.code())),
            new_label: page.t(&format!("admin-catalog-place-new-{}", t.code())),
            rows,
        });
    }
    render(&ListPage { notice: notice_text(page.tr, q.notice.as_deref()), groups, page })
}
