//! Administration of the tenant: settings, staff, audit log and outbox.
//!
//! * `/admin`: the overview (admins; supervisors see only the audit log).
//! * [`settings`] and [`logo`]: the tenant's settings, host names and logo.
//! * [`staff`] and [`invite`]: staff accounts, the actions on them, and invitations.
//! * [`audit`]: the audit log (admins and supervisors).
//! * [`outbox`]: outgoing messages (admins).
//! * [`catalog`]: the service catalogue: departments, services, places, counters, hours,
//!   exceptions, import and export (admins).
//!
//! Every handler checks the role first. Every query is scoped by the signed-in staff
//! member's tenant, so an id of another tenant is simply not found (404). Every change
//! commits together with its audit entry (and its outbox message, if it sends one).

use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
};
use askama::Template;
use axum::{Router, response::Response, routing::get};
use rathaus_domain::{Language, Role};

mod audit;
mod catalog;
mod invite;
mod logo;
mod outbox;
mod settings;
mod staff;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(overview))
        .merge(settings::routes())
        .merge(logo::routes())
        .merge(staff::routes())
        .merge(invite::routes())
        .merge(audit::routes())
        .merge(outbox::routes())
        .merge(catalog::routes())
}

#[derive(Template)]
#[template(path = "admin/overview.html")]
struct Overview {
    page: Page,
    is_admin: bool,
}

async fn overview(staff: Staff, page: Page) -> Result<Response, PageError> {
    staff.require(Role::Supervisor)?;
    render(&Overview { page, is_admin: staff.role().includes(Role::Admin) })
}

/// An option of a `<select>`, or a checkbox of a group.
#[derive(Debug, Clone)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// A point in time for display in the tenant's time zone, with its machine-readable form
/// for `<time datetime="…">`.
#[derive(Debug, Clone)]
struct LocalTime {
    text: String,
    iso: String,
}

fn local_time(tr: Tr, tz: &jiff::tz::TimeZone, epoch_secs: i64) -> LocalTime {
    let at = jiff::Timestamp::from_second(epoch_secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH).to_zoned(tz.clone());
    let text = match tr.lang() {
        Language::De => at.strftime("%d.%m.%Y, %H:%M").to_string(),
        Language::En => at.strftime("%-d %b %Y, %H:%M").to_string(),
    };
    LocalTime { text, iso: at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string() }
}

/// Query of a paginated list: `?page=2`.
#[derive(Debug, serde::Deserialize)]
struct PageQuery {
    page: Option<u64>,
}

/// Position in a paginated list, with the links to the neighbouring pages.
#[derive(Debug, Clone)]
struct Pager {
    offset: u64,
    label: String,
    prev: Option<String>,
    next: Option<String>,
}

impl Pager {
    /// The requested page of `total` items; a page past the end is not found.
    fn new(tr: Tr, base: &str, requested: Option<u64>, per_page: u64, total: u64) -> Result<Pager, PageError> {
        let pages = total.div_ceil(per_page).max(1);
        let number = requested.unwrap_or(1).max(1);
        if number > pages {
            return Err(PageError::not_found());
        }
        let link = |n: u64| format!("{base}?page={n}");
        Ok(Pager {
            offset: (number - 1) * per_page,
            label: tr.t_with("admin-page-of", &[("page", number.to_string()), ("pages", pages.to_string())]),
            prev: (number > 1).then(|| link(number - 1)),
            next: (number < pages).then(|| link(number + 1)),
        })
    }

    fn is_single(&self) -> bool {
        self.prev.is_none() && self.next.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_the_tenant_zone() {
        let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        // 2025-03-04T17:30:00Z is 18:30 in Berlin (winter time).
        let t = local_time(Tr(Language::De), &berlin, 1_741_109_400);
        assert_eq!(t.text, "04.03.2025, 18:30");
        assert_eq!(t.iso, "2025-03-04T18:30:00+01:00");
        assert_eq!(local_time(Tr(Language::En), &berlin, 1_741_109_400).text, "4 Mar 2025, 18:30");
    }

    #[test]
    fn pages_link_to_their_neighbours() {
        let tr = Tr(Language::De);
        let first = Pager::new(tr, "/admin/audit", None, 50, 120).unwrap();
        assert_eq!((first.offset, first.prev.clone()), (0, None));
        assert_eq!(first.next.as_deref(), Some("/admin/audit?page=2"));
        let last = Pager::new(tr, "/admin/audit", Some(3), 50, 120).unwrap();
        assert_eq!((last.offset, last.next.clone()), (100, None));
        assert_eq!(last.prev.as_deref(), Some("/admin/audit?page=2"));
        assert!(Pager::new(tr, "/x", Some(4), 50, 120).is_err());
        assert!(Pager::new(tr, "/x", Some(1), 50, 0).unwrap().is_single());
    }
}
