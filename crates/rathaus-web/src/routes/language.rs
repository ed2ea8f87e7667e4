//! The language switch: a plain link that remembers the choice in a cookie and returns
//! to the page the citizen was on. Works without JavaScript.

use crate::{csrf::set_cookie, i18n::LANG_COOKIE, page::safe_local_path, tenancy::CurrentTenant};
use axum::{
    extract::{Path, Query},
    http::header,
    response::{IntoResponse, Redirect, Response},
};
use rathaus_domain::Language;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

pub async fn switch(tenant: CurrentTenant, Path(code): Path<String>, Query(q): Query<SwitchQuery>) -> Response {
    let target = q.next.as_deref().and_then(safe_local_path).unwrap_or("/").to_owned();
    let mut res = Redirect::to(&target).into_response();
    if let Ok(lang) = Language::parse(&code)
        && tenant.language_list().contains(&lang)
    {
        let one_year = 365 * 24 * 3600;
        res.headers_mut().append(header::SET_COOKIE, set_cookie(LANG_COOKIE, lang.code(), "Lax", Some(one_year)));
    }
    res
}
