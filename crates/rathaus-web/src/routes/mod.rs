//! The router: which path goes to which handler, and the layers around them.

use crate::{AppState, assets, auth, csrf, error::PageErrorKind, i18n, metrics, page::Page, security, tenancy};
use askama::Template;
use axum::{
    Router,
    extract::{DefaultBodyLimit, Request, State},
    http::StatusCode,
    middleware::{self, Next},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use tower_http::catch_panic::CatchPanicLayer;

pub mod account;
pub mod admin;
pub mod api;
pub mod appointments;
pub mod branding;
pub mod catalog;
pub mod front_desk;
pub mod home;
pub mod language;
pub mod login;
pub mod ops;
pub mod staff_appointments;
pub mod staff_home;

pub fn router(state: AppState) -> Router {
    router_with_pages(state, Router::new())
}

/// A handler panic becomes a 500 marked for the error-page layer; the process lives on.
pub(crate) fn catch_panics() -> CatchPanicLayer<fn(Box<dyn std::any::Any + Send + 'static>) -> Response> {
    CatchPanicLayer::custom(|_| {
        tracing::error!("handler panicked");
        let mut res = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        res.extensions_mut().insert(PageErrorKind::Internal);
        res
    })
}

/// The router with `extra` pages mounted among the tenant's pages, inside all page layers.
/// Tests use it to add a page that fails on purpose.
pub fn router_with_pages(state: AppState, extra: Router<AppState>) -> Router {
    // Operational endpoints answer on every host, without a tenant.
    let ops = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(metrics::metrics_endpoint))
        .route("/static/{file}", get(assets::serve_asset));

    let pages = Router::new()
        .route("/", get(home::home))
        .route("/branding.css", get(branding::stylesheet))
        .route("/branding/logo", get(branding::logo))
        .route("/lang/{code}", get(language::switch))
        .merge(login::routes())
        .merge(account::routes())
        .merge(staff_home::routes())
        .merge(staff_appointments::routes())
        .merge(admin::routes())
        .merge(catalog::routes())
        .merge(appointments::routes())
        .merge(front_desk::routes())
        .merge(extra)
        .fallback(not_found)
        .layer(catch_panics())
        .layer(middleware::from_fn_with_state(state.clone(), error_pages));

    let tenant_scoped = Router::new()
        .merge(api::routes())
        .merge(pages)
        .layer(middleware::from_fn(csrf::ensure_csrf_cookie))
        .layer(middleware::from_fn_with_state(state.clone(), auth::load_session))
        .layer(middleware::from_fn(i18n::choose_language))
        .layer(middleware::from_fn_with_state(state.clone(), tenancy::resolve_tenant));

    Router::new()
        .merge(ops)
        .merge(tenant_scoped)
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(catch_panics())
        .layer(middleware::from_fn(security::security_headers))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::track))
        .with_state(state)
}

async fn not_found() -> Response {
    let mut res = StatusCode::NOT_FOUND.into_response();
    res.extensions_mut().insert(PageErrorKind::NotFound);
    res
}

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    page: Page,
    title: String,
    text: String,
    status: u16,
}

/// Renders localised error pages for responses that carry a [`PageErrorKind`], and for
/// bare error statuses produced by the framework (e.g. 405, 413), on HTML routes.
async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let Ok(page) = <Page as axum::extract::FromRequestParts<AppState>>::from_request_parts(&mut parts, &state).await;
    let res = next.run(Request::from_parts(parts, body)).await;
    let status = res.status();
    let kind = match res.extensions().get::<PageErrorKind>() {
        Some(kind) => *kind,
        None if (status.is_client_error() || status.is_server_error()) && is_bare(&res) => {
            PageErrorKind::from_status(status)
        }
        None => return res,
    };
    let template = ErrorPage {
        title: page.t(&format!("{}-title", kind.key())),
        text: page.t(&format!("{}-text", kind.key())),
        status: kind.status().as_u16(),
        page,
    };
    match template.render() {
        Ok(html) => {
            let mut out = (kind.status(), Html(html)).into_response();
            for (name, value) in res.headers() {
                if name == axum::http::header::SET_COOKIE || name == axum::http::header::RETRY_AFTER {
                    out.headers_mut().append(name, value.clone());
                }
            }
            out
        }
        Err(e) => {
            tracing::error!(error = %e, "error page template failed");
            kind.status().into_response()
        }
    }
}

/// A response without its own content type is a framework default we may replace.
fn is_bare(res: &Response) -> bool {
    match res.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(ct) => ct.starts_with("text/plain"),
    }
}
