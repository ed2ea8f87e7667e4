//! `/admin/catalog/services`: the list of services (filtered by department, topic or
//! channel; active and inactive), and the form to create and edit one ([`edit`]).

use super::{admin_tenant, notice_text, pick};
use crate::{
    AppState,
    auth::Staff,
    error::PageError,
    forms::FormErrors,
    i18n::Tr,
    page::{Page, render},
    routes::admin::Choice,
};
use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    response::Response,
    routing::get,
};
use rathaus_catalog::model::Channel;
use rathaus_db::catalog::{departments, services, topics};

mod edit;
mod fees;
mod form;
mod store;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/catalog/services", get(list).post(edit::create))
        .route("/admin/catalog/services/new", get(edit::new))
        .route("/admin/catalog/services/{slug}", get(edit::edit).post(edit::update))
}

/// The label of a channel code.
fn channel_label(tr: Tr, code: &str) -> String {
    tr.t(&format!("admin-catalog-channel-{code}"))
}

/// All channels as choices, `selected` those in `codes`.
fn channel_choices(tr: Tr, codes: &[String]) -> Vec<Choice> {
    Channel::ALL
        .iter()
        .map(|c| Choice {
            value: c.code().to_owned(),
            label: channel_label(tr, c.code()),
            selected: codes.iter().any(|code| code == c.code()),
        })
        .collect()
}

/// `(id, name)` pairs as select options after a "choose" or "all" option.
fn options(first: String, items: &[(i64, String)], selected: &str) -> Vec<Choice> {
    let mut out = vec![Choice { value: String::new(), label: first, selected: selected.is_empty() }];
    out.extend(items.iter().map(|(id, name)| Choice {
        value: id.to_string(),
        label: name.clone(),
        selected: id.to_string() == selected,
    }));
    out
}

#[derive(Debug, serde::Deserialize)]
struct ListQuery {
    department: Option<String>,
    topic: Option<String>,
    channel: Option<String>,
    notice: Option<String>,
}

struct Row {
    slug: String,
    name: String,
    department: String,
    channels: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/catalog/services.html")]
struct ListPage {
    page: Page,
    notice: Option<String>,
    departments: Vec<Choice>,
    topics: Vec<Choice>,
    channels: Vec<Choice>,
    filtered: bool,
    /// "12 of 28 services".
    shown: String,
    rows: Vec<Row>,
    /// The filter form has no errors; its selects need an (empty) list.
    no_errors: FormErrors,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let lang = page.language();
    let department_rows = departments::list(&state.db, tenant).await?;
    let topic_rows = topics::list(&state.db, tenant).await?;
    let all = services::list(&state.db, tenant).await?;
    let department = q.department.unwrap_or_default();
    let topic = q.topic.unwrap_or_default();
    let channel = q.channel.unwrap_or_default();
    let department_names: Vec<(i64, String)> =
        department_rows.iter().map(|d| (d.id, pick(lang, &d.name_de, &d.name_en))).collect();
    let topic_names: Vec<(i64, String)> =
        topic_rows.iter().map(|t| (t.id, pick(lang, &t.name_de, &t.name_en))).collect();
    let total = all.len();
    let rows: Vec<Row> = all
        .into_iter()
        .filter(|s| department.is_empty() || s.department_id.to_string() == department)
        .filter(|s| topic.is_empty() || s.topic_id.map(|t| t.to_string()) == Some(topic.clone()))
        .filter(|s| channel.is_empty() || s.offers(&channel))
        .map(|s| Row {
            name: pick(lang, &s.name_de, &s.name_en),
            department: department_names
                .iter()
                .find(|(id, _)| *id == s.department_id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            channels: s.channel_codes().map(|c| channel_label(page.tr, c)).collect::<Vec<_>>().join(", "),
            active: s.active,
            slug: s.slug,
        })
        .collect();
    let mut channels = channel_choices(page.tr, std::slice::from_ref(&channel));
    channels.insert(
        0,
        Choice { value: String::new(), label: page.t("admin-catalog-filter-all"), selected: channel.is_empty() },
    );
    render(&ListPage {
        notice: notice_text(page.tr, q.notice.as_deref()),
        departments: options(page.t("admin-catalog-filter-all"), &department_names, &department),
        topics: options(page.t("admin-catalog-filter-all"), &topic_names, &topic),
        channels,
        filtered: !(department.is_empty() && topic.is_empty() && channel.is_empty()),
        shown: page
            .tr
            .t_with("admin-catalog-services-shown", &[("shown", rows.len().to_string()), ("total", total.to_string())]),
        rows,
        no_errors: FormErrors::new(),
        page,
    })
}
