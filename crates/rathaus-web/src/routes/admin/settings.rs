//! `/admin/settings`: the tenant's name, address, contact, time zone, federal state,
//! accent colour and languages, with its host names shown read-only. The logo has forms
//! of its own on the same page (see [`super::logo`]).

use super::Choice;
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    i18n::Tr,
    page::{Page, notice_text, render},
};
use askama::Template;
use axum::{
    Router,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use rathaus_db::{
    StoreError, audit, begin_write,
    tenants::{self, Tenant, TenantSettings},
};
use rathaus_domain::{AccentColour, Ags, Email, FederalState, Language, Role};
use serde::Deserialize;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/admin/settings", get(show).post(save))
}

/// The time zones offered; a stored zone outside this list is offered too.
const TIME_ZONES: &[&str] = &[
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Copenhagen",
    "Europe/Luxembourg",
    "Europe/Paris",
    "Europe/Prague",
    "Europe/Vienna",
    "Europe/Warsaw",
    "Europe/Zurich",
    "UTC",
];

/// The settings form as entered (or as stored), so a rejected form keeps its values.
#[derive(Debug, Clone, Default)]
pub(super) struct SettingsInput {
    name: String,
    ags: String,
    street: String,
    postal_code: String,
    city: String,
    contact_email: String,
    contact_phone: String,
    time_zone: String,
    federal_state: String,
    accent_colour: String,
    /// Codes of the checked languages besides German.
    languages: Vec<String>,
}

impl SettingsInput {
    pub(super) fn from_tenant(t: &Tenant) -> Self {
        SettingsInput {
            name: t.name.clone(),
            ags: t.ags.clone(),
            street: t.street.clone(),
            postal_code: t.postal_code.clone(),
            city: t.city.clone(),
            contact_email: t.contact_email.clone(),
            contact_phone: t.contact_phone.clone(),
            time_zone: t.time_zone.clone(),
            federal_state: t.federal_state.clone(),
            accent_colour: t.accent_colour.clone(),
            languages: t.language_list().iter().filter(|l| **l != Language::De).map(|l| l.code().to_owned()).collect(),
        }
    }

    /// From the submitted form; `languages` is a repeated field (one per checkbox).
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = SettingsInput::default();
        for (key, value) in pairs {
            let slot = match key.as_str() {
                "name" => &mut input.name,
                "ags" => &mut input.ags,
                "street" => &mut input.street,
                "postal_code" => &mut input.postal_code,
                "city" => &mut input.city,
                "contact_email" => &mut input.contact_email,
                "contact_phone" => &mut input.contact_phone,
                "time_zone" => &mut input.time_zone,
                "federal_state" => &mut input.federal_state,
                "accent_colour" => &mut input.accent_colour,
                "languages" => {
                    input.languages.push(value.clone());
                    continue;
                }
                _ => continue,
            };
            value.clone_into(slot);
        }
        input
    }
}

/// Turns the form into settings, or the errors to show at each field.
fn parse_settings(tr: Tr, input: &SettingsInput) -> Result<TenantSettings, FormErrors> {
    let mut errors = FormErrors::new();
    let name = errors.required(tr, "name", &input.name);
    let ags = errors.check(tr, "ags", Ags::parse(&input.ags));
    let street = errors.required(tr, "street", &input.street);
    let postal_code = input.postal_code.trim().to_owned();
    if postal_code.len() != 5 || !postal_code.bytes().all(|b| b.is_ascii_digit()) {
        errors.add("postal_code", tr.t("admin-invalid-postal-code"));
    }
    let city = errors.required(tr, "city", &input.city);
    let contact_email = errors.check(tr, "contact_email", Email::parse(&input.contact_email));
    let time_zone = match jiff::tz::TimeZone::get(input.time_zone.trim()) {
        Ok(tz) if !input.time_zone.trim().is_empty() => Some(tz),
        _ => {
            errors.add("time_zone", tr.t("admin-invalid-time-zone"));
            None
        }
    };
    let federal_state = errors.check(tr, "federal_state", FederalState::parse(&input.federal_state));
    if let (Some(ags), Some(state)) = (&ags, federal_state)
        && ags.federal_state() != state
    {
        errors.add("federal_state", tr.t("admin-invalid-state-mismatch"));
    }
    let accent_colour = errors.check(tr, "accent_colour", AccentColour::parse(&input.accent_colour));
    let mut languages = vec![Language::De];
    for code in &input.languages {
        match Language::parse(code) {
            Ok(l) if !languages.contains(&l) => languages.push(l),
            Ok(_) => {}
            Err(e) => errors.invalid(tr, "languages", &e),
        }
    }
    match (name, ags, street, city, contact_email, time_zone, federal_state, accent_colour) {
        (
            Some(name),
            Some(ags),
            Some(street),
            Some(city),
            Some(contact_email),
            Some(tz),
            Some(federal_state),
            Some(accent_colour),
        ) if errors.is_empty() => Ok(TenantSettings {
            name,
            ags,
            street,
            postal_code,
            city,
            contact_email,
            contact_phone: input.contact_phone.trim().to_owned(),
            time_zone_name: tz.iana_name().unwrap_or(input.time_zone.trim()).to_owned(),
            time_zone: tz,
            federal_state,
            accent_colour,
            languages,
        }),
        _ => Err(errors),
    }
}

/// Names of the settings that differ from the stored tenant, for the audit log.
fn changed_fields(t: &Tenant, s: &TenantSettings) -> Vec<&'static str> {
    let pairs: [(&'static str, bool); 11] = [
        ("name", t.name != s.name),
        ("ags", t.ags != s.ags.as_str()),
        ("street", t.street != s.street),
        ("postal_code", t.postal_code != s.postal_code),
        ("city", t.city != s.city),
        ("contact_email", t.contact_email != s.contact_email.as_str()),
        ("contact_phone", t.contact_phone != s.contact_phone),
        ("time_zone", t.time_zone != s.time_zone_name),
        ("federal_state", t.federal_state != s.federal_state.code()),
        ("accent_colour", t.accent_colour != s.accent_colour.to_string()),
        ("languages", t.language_list() != s.languages),
    ];
    pairs.into_iter().filter(|(_, changed)| *changed).map(|(name, _)| name).collect()
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    page: Page,
    errors: FormErrors,
    form: SettingsInput,
    notice: Option<String>,
    time_zones: Vec<Choice>,
    states: Vec<Choice>,
    languages: Vec<Choice>,
    hosts: Vec<String>,
    has_logo: bool,
    logo_version: i64,
}

/// Renders the settings page with `form` (entered or stored values) and `errors`.
pub(super) async fn settings_page(
    state: &AppState,
    tenant: &Tenant,
    page: Page,
    form: SettingsInput,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let mut zones: Vec<&str> = TIME_ZONES.to_vec();
    if !form.time_zone.is_empty() && !zones.contains(&form.time_zone.as_str()) {
        zones.insert(0, &form.time_zone);
    }
    let choice = |value: &str, label: &str, selected: bool| Choice {
        value: value.to_owned(),
        label: label.to_owned(),
        selected,
    };
    let time_zones = zones.iter().map(|z| choice(z, z, *z == form.time_zone)).collect();
    let states = FederalState::all()
        .iter()
        .map(|s| choice(s.code(), s.name(), s.code().eq_ignore_ascii_case(form.federal_state.trim())))
        .collect();
    let languages = Language::ALL
        .iter()
        .filter(|l| **l != Language::De)
        .map(|l| {
            let label = page.t(&format!("admin-language-{}", l.code()));
            choice(l.code(), &label, form.languages.iter().any(|c| c == l.code()))
        })
        .collect();
    let hosts = tenants::hosts(&state.db, tenant.tenant_id()).await?;
    render(&SettingsPage {
        page,
        errors,
        form,
        notice,
        time_zones,
        states,
        languages,
        hosts,
        has_logo: tenant.logo.is_some(),
        logo_version: tenant.updated_at,
    })
}

#[derive(Deserialize)]
struct NoticeQuery {
    notice: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let tenant = tenants::get(&state.db, staff.tenant()).await?.ok_or_else(PageError::not_found)?;
    let notice = notice_text(page.tr, q.notice.as_deref());
    settings_page(&state, &tenant, page, SettingsInput::from_tenant(&tenant), FormErrors::new(), notice).await
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
async fn save(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    staff.require(Role::Admin)?;
    let tenant = tenants::get(&state.db, staff.tenant()).await?.ok_or_else(PageError::not_found)?;
    let input = SettingsInput::from_pairs(&pairs);
    let settings = match parse_settings(page.tr, &input) {
        Ok(s) => s,
        Err(errors) => return settings_page(&state, &tenant, page, input, errors, None).await,
    };
    let changed = changed_fields(&tenant, &settings);
    if !changed.is_empty() {
        let tx = begin_write(&state.db).await?;
        match tenants::update_settings(&tx, tenant.tenant_id(), &settings).await {
            Ok(_) => {}
            Err(StoreError::Conflict(_)) => {
                drop(tx);
                let mut errors = FormErrors::new();
                errors.add("ags", page.t("admin-invalid-ags-taken"));
                return settings_page(&state, &tenant, page, input, errors, None).await;
            }
            Err(e) => return Err(e.into()),
        }
        let entry = staff
            .audit_entry("tenant.settings_changed")
            .target("tenant", tenant.id)
            .details(serde_json::json!({ "changed": changed }));
        audit::append_in(&tx, tenant.tenant_id(), entry).await?;
        tx.commit().await?;
        state.tenants.invalidate();
        tracing::info!(?changed, "tenant settings changed");
    }
    Ok(Redirect::to("/admin/settings?notice=settings-saved").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SettingsInput {
        SettingsInput {
            name: "Musterstadt".into(),
            ags: "05999001".into(),
            street: "Rathausplatz 1".into(),
            postal_code: "12345".into(),
            city: "Musterstadt".into(),
            contact_email: "buergerbuero@musterstadt.example".into(),
            contact_phone: String::new(),
            time_zone: "Europe/Berlin".into(),
            federal_state: "NW".into(),
            accent_colour: "#0B5CAD".into(),
            languages: vec!["en".into()],
        }
    }

    fn fields(input: &SettingsInput) -> Vec<String> {
        parse_settings(Tr(Language::De), input).unwrap_err().items.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn accepts_a_complete_form() {
        let s = parse_settings(Tr(Language::De), &valid()).unwrap();
        assert_eq!(s.languages, vec![Language::De, Language::En]);
        assert_eq!(s.accent_colour.to_string(), "#0b5cad");
        assert_eq!(s.time_zone_name, "Europe/Berlin");
    }

    #[test]
    fn names_every_bad_field() {
        let bad = SettingsInput {
            name: " ".into(),
            ags: "123".into(),
            postal_code: "1234".into(),
            contact_email: "nope".into(),
            time_zone: "Mars/Olympus".into(),
            accent_colour: "#ffff00".into(),
            languages: vec!["xx".into()],
            ..valid()
        };
        assert_eq!(
            fields(&bad),
            ["name", "ags", "postal_code", "contact_email", "time_zone", "accent_colour", "languages"]
        );
    }

    #[test]
    fn federal_state_must_match_the_ags() {
        assert_eq!(fields(&SettingsInput { federal_state: "BY".into(), ..valid() }), ["federal_state"]);
    }

    #[test]
    fn reads_repeated_language_fields() {
        let pairs = [("name", "X"), ("languages", "en"), ("languages", "de"), ("other", "y")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let input = SettingsInput::from_pairs(&pairs);
        assert_eq!((input.name.as_str(), input.languages.len()), ("X", 2));
    }
}
