//! `/admin/outbox`: the tenant's outgoing messages, one message with its parts, and its
//! attachments for download.
//!
//! A message's HTML part is never put into our page: it is served on its own
//! (`/admin/outbox/{id}/html`) under a policy that allows no script, no outside resources
//! and no forms, and shown in a sandboxed frame.

use super::{LocalTime, PageQuery, Pager, local_time};
use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    page::{Page, render},
    tenancy::CurrentTenant,
};
use askama::Template;
use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use rathaus_db::entity::outbox_message;
use rathaus_domain::Role;
use rathaus_mail::{AttachmentInfo, outbox};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/outbox", get(list))
        .route("/admin/outbox/{id}", get(show))
        .route("/admin/outbox/{id}/html", get(html_part))
        .route("/admin/outbox/{id}/attachments/{aid}", get(download))
}

const PER_PAGE: u64 = 50;

/// The policy of a message's HTML part: inline styles and inline images only, nothing
/// that runs or loads, and only our own pages may frame it.
const HTML_PART_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                             form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox";

/// A state as a tag: the word says it, the colour only repeats it.
struct StateTag {
    label: String,
    class: &'static str,
}

fn state_tag(page: &Page, state: &str) -> StateTag {
    let class = match state {
        outbox::STATE_SENT => "tag tag-green",
        outbox::STATE_FAILED => "tag tag-red",
        outbox::STATE_HELD => "tag tag-grey",
        _ => "tag",
    };
    let known = [outbox::STATE_QUEUED, outbox::STATE_HELD, outbox::STATE_SENT, outbox::STATE_FAILED];
    let label = if known.contains(&state) { page.t(&format!("admin-outbox-state-{state}")) } else { state.to_owned() };
    StateTag { label, class }
}

struct OutboxRow {
    id: i64,
    time: LocalTime,
    recipient: String,
    subject: String,
    state: StateTag,
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    page: Page,
    rows: Vec<OutboxRow>,
    pager: Pager,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
    page: Page,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let total = outbox::count(&state.db, staff.tenant()).await?;
    let pager = Pager::new(page.tr, "/admin/outbox", q.page, PER_PAGE, total)?;
    let tz = tenant.tz();
    let rows = outbox::list(&state.db, staff.tenant(), PER_PAGE, pager.offset)
        .await?
        .into_iter()
        .map(|m| OutboxRow {
            id: m.id,
            time: local_time(page.tr, &tz, m.created_at),
            state: state_tag(&page, &m.state),
            recipient: m.recipient,
            subject: m.subject,
        })
        .collect();
    render(&OutboxPage { page, rows, pager })
}

#[derive(Template)]
#[template(path = "admin/outbox_message.html")]
struct MessagePage {
    page: Page,
    message: outbox_message::Model,
    state: StateTag,
    created: LocalTime,
    sent: Option<LocalTime>,
    attachments: Vec<AttachmentRow>,
}

struct AttachmentRow {
    id: i64,
    filename: String,
    content_type: String,
    /// The size for reading, e.g. "1.234 Bytes".
    size: String,
}

async fn message(
    state: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<(outbox_message::Model, Vec<AttachmentInfo>), PageError> {
    staff.require(Role::Admin)?;
    outbox::get(&state.db, staff.tenant(), id).await?.ok_or_else(PageError::not_found)
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    tenant: CurrentTenant,
    page: Page,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (message, attachments) = message(&state, &staff, id).await?;
    let tz = tenant.tz();
    render(&MessagePage {
        state: state_tag(&page, &message.state),
        created: local_time(page.tr, &tz, message.created_at),
        sent: message.sent_at.map(|t| local_time(page.tr, &tz, t)),
        attachments: attachments
            .into_iter()
            .map(|a| AttachmentRow {
                size: page.tr.t_with("admin-message-bytes", &[("count", a.size.to_string())]),
                id: a.id,
                filename: a.filename,
                content_type: a.content_type,
            })
            .collect(),
        message,
        page,
    })
}

async fn html_part(State(state): State<AppState>, staff: Staff, Path(id): Path<i64>) -> Result<Response, PageError> {
    let (message, _) = message(&state, &staff, id).await?;
    let html = message.body_html.ok_or_else(PageError::not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, HTML_PART_CSP),
            (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        ],
        html,
    )
        .into_response())
}

async fn download(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, aid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let file = outbox::attachment(&state.db, staff.tenant(), id, aid).await?.ok_or_else(PageError::not_found)?;
    let content_type =
        HeaderValue::from_str(&file.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&file.filename))
        .map_err(|e| PageError::internal("disposition", &e))?;
    Ok(([(header::CONTENT_TYPE, content_type), (header::CONTENT_DISPOSITION, disposition)], file.content)
        .into_response())
}

/// `attachment` with an ASCII fallback name and the exact name in RFC 8187 encoding.
fn content_disposition(filename: &str) -> String {
    let fallback: String =
        filename.chars().map(|c| if c.is_ascii_alphanumeric() || "._- ".contains(c) { c } else { '_' }).collect();
    let mut encoded = String::new();
    for b in filename.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn attachment_names_cannot_break_the_header() {
        assert_eq!(
            content_disposition("Termin März.ics"),
            "attachment; filename=\"Termin M_rz.ics\"; filename*=UTF-8''Termin%20M%C3%A4rz.ics"
        );
        assert_eq!(
            content_disposition("a\"b\r\n.txt"),
            "attachment; filename=\"a_b__.txt\"; filename*=UTF-8''a%22b%0D%0A.txt"
        );
    }
}
