//! What every HTML page needs for its layout: translator, tenant branding, the signed-in
//! staff member, the CSRF token, and the language switch. Handlers take a [`Page`] and put
//! it into their template as `page`.

use crate::{AppState, auth::Staff, csrf::CsrfToken, i18n::Tr, tenancy::CurrentTenant};
use axum::{extract::FromRequestParts, http::request::Parts};
use rathaus_domain::{Language, Role};

#[derive(Clone, Debug)]
pub struct LanguageLink {
    pub code: &'static str,
    pub endonym: &'static str,
    pub href: String,
}

#[derive(Clone, Debug)]
pub struct StaffNav {
    pub name: String,
    pub is_admin: bool,
    pub is_supervisor: bool,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub tr: Tr,
    pub lang: &'static str,
    pub tenant_name: String,
    pub tenant_address: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub has_logo: bool,
    /// Changes whenever the tenant's branding may have changed (cache busting).
    pub brand_version: i64,
    pub other_languages: Vec<LanguageLink>,
    pub staff: Option<StaffNav>,
    pub csrf: String,
    pub css_url: String,
    pub js_url: String,
    /// The proof-of-work solver, for pages with a booking form.
    pub pow_js_url: String,
    /// Live updates, keyboard shortcuts and kiosk behaviour of the front-desk pages.
    pub front_desk_js_url: String,
    pub favicon_url: String,
    pub demo: bool,
}

impl Page {
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    pub fn t_with(&self, key: &str, name: &'static str, value: &str) -> String {
        self.tr.t_with(key, &[(name, value.to_owned())])
    }

    pub fn language(&self) -> Language {
        self.tr.lang()
    }
}

/// Only paths of this site may be redirect targets (no `//evil.example`).
pub fn safe_local_path(next: &str) -> Option<&str> {
    (next.starts_with('/') && !next.starts_with("//") && !next.contains('\\')).then_some(next)
}

impl FromRequestParts<AppState> for Page {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let tr = parts.extensions.get::<Tr>().copied().unwrap_or(Tr(Language::De));
        let tenant = parts.extensions.get::<CurrentTenant>().cloned();
        let here = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let encoded_here: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
        let other_languages = tenant
            .as_ref()
            .map(|t| t.language_list())
            .unwrap_or_else(|| vec![Language::De])
            .into_iter()
            .filter(|l| *l != tr.lang())
            .map(|l| LanguageLink {
                code: l.code(),
                endonym: l.endonym(),
                href: format!("/lang/{}?next={encoded_here}", l.code()),
            })
            .collect();
        let staff = parts.extensions.get::<Staff>().map(|s| StaffNav {
            name: s.name().to_owned(),
            is_admin: s.role().includes(Role::Admin),
            is_supervisor: s.role().includes(Role::Supervisor),
        });
        let csrf = parts.extensions.get::<CsrfToken>().map(|c| c.0.clone()).unwrap_or_default();
        let (tenant_name, tenant_address, contact_email, contact_phone, has_logo, brand_version) = match &tenant {
            Some(t) => (
                t.name.clone(),
                format!("{}, {} {}", t.street, t.postal_code, t.city),
                t.contact_email.clone(),
                t.contact_phone.clone(),
                t.logo.is_some(),
                t.updated_at,
            ),
            None => ("rathaus".to_owned(), String::new(), String::new(), String::new(), false, 0),
        };
        Ok(Page {
            tr,
            lang: tr.lang().code(),
            tenant_name,
            tenant_address,
            contact_email,
            contact_phone,
            has_logo,
            brand_version,
            other_languages,
            staff,
            csrf,
            css_url: state.assets.url("app.css").to_owned(),
            js_url: state.assets.url("app.js").to_owned(),
            pow_js_url: state.assets.url("pow.js").to_owned(),
            front_desk_js_url: state.assets.url("front_desk.js").to_owned(),
            favicon_url: state.assets.url("favicon.svg").to_owned(),
            demo: state.config.demo,
        })
    }
}

/// Renders a template into an HTML response; a template failure becomes the 500 page.
pub fn render<T: askama::Template>(template: &T) -> Result<axum::response::Response, crate::error::PageError> {
    use axum::response::IntoResponse;
    template
        .render()
        .map(|html| axum::response::Html(html).into_response())
        .map_err(|e| crate::error::PageError::internal("render template", &e))
}

/// Notices shown after a redirect (`?notice=KEY`). Only known keys are shown, so the
/// query string cannot inject text.
pub fn notice_text(tr: Tr, notice: Option<&str>) -> Option<String> {
    const KNOWN: &[&str] =
        &["password-set", "logged-out", "settings-saved", "staff-invited", "staff-updated", "reset-sent"];
    notice.filter(|n| KNOWN.contains(n)).map(|n| tr.t(&format!("notice-{n}")))
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn only_local_redirects() {
        assert_eq!(safe_local_path("/admin?x=1"), Some("/admin?x=1"));
        assert_eq!(safe_local_path("//evil.example"), None);
        assert_eq!(safe_local_path("https://evil.example"), None);
        assert_eq!(safe_local_path("/\\evil.example"), None);
    }
}
