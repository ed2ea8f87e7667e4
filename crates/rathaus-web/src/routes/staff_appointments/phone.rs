//! `/staff/termine/neu`: booking on behalf of a caller. One page: services and persons,
//! place, then the day and time lists (for the phone channel, which may use the phone
//! contingent) and the caller's contact; posting books directly (no hold, one transaction,
//! audited as the clerk's action) and notifies the citizen like an online booking.

use super::common::{PlaceOption, places_and_choice};
use crate::{
    AppState,
    auth::Staff,
    csrf::CsrfForm,
    error::PageError,
    forms::FormErrors,
    links,
    page::{Page, render},
    routes::appointments::choice::Choice,
    routes::appointments::times::{Links, Picker, PickerQuery, picker},
    routes::appointments::view::service_name,
};
use askama::Template;
use axum::{
    extract::State,
    http::{HeaderMap, Uri},
    response::{IntoResponse, Redirect, Response},
};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use rathaus_appointments::Notify;
use rathaus_booking::{BookingError, Channel, HoldRequest, Location, Search, StaffId};
use rathaus_domain::Role;
use rathaus_mail::templates::Notice;

struct ServiceOption {
    slug: String,
    name: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "staff/phone.html")]
struct PhonePage {
    page: Page,
    errors: FormErrors,
    services: Vec<ServiceOption>,
    choice: Choice,
    places: Vec<PlaceOption>,
    picker: Option<Picker>,
    contact_name: String,
    email: String,
    phone: String,
    notes: String,
    key: String,
}

#[derive(Default)]
struct Contact {
    name: String,
    email: String,
    phone: String,
    notes: String,
}

async fn render_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    choice: Choice,
    contact: Contact,
    errors: FormErrors,
) -> Result<Response, PageError> {
    let t = staff.tenant();
    let services = crate::routes::appointments::start::bookable(&state.db, t)
        .await?
        .into_iter()
        .map(|s| ServiceOption {
            checked: choice.services.contains(&s.slug),
            name: service_name(&s, page.language()),
            slug: s.slug,
        })
        .collect();
    let (places, place) = places_and_choice(&state.db, t, page.tr, choice.place.as_deref()).await?;
    let valid = crate::routes::appointments::places::check(state, t, page.tr, &choice).await?.is_empty();
    let picker = if valid && choice.place.is_some() {
        let requests = choice.requests();
        let day = |d: Date| choice.day_query(d);
        let page_of = |d: Date| format!("{}&ab={d}", choice.place_query());
        let q = PickerQuery {
            services: &requests,
            location: Location::Place(place.id),
            channel: phone_channel(staff),
            from: choice.from,
            selected: choice.date,
        };
        Some(picker(state, t, page.tr, &q, Links { day: &day, page: &page_of }, Timestamp::now()).await?)
    } else {
        None
    };
    render(&PhonePage {
        errors,
        services,
        choice,
        places,
        picker,
        contact_name: contact.name,
        email: contact.email,
        phone: contact.phone,
        notes: contact.notes,
        key: rathaus_db::random_token(16),
        page,
    })
}

fn phone_channel(staff: &Staff) -> Channel {
    Channel::Phone(StaffId(u64::try_from(staff.user_id()).unwrap_or(0)))
}

pub(super) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    uri: Uri,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let choice = Choice::from_query(uri.query());
    render_page(&state, &staff, page, choice, Contact::default(), FormErrors::new()).await
}

pub(super) async fn book(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    headers: HeaderMap,
    uri: Uri,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    staff.require(Role::Clerk)?;
    let t = staff.tenant();
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_owned()).unwrap_or_default();
    let choice = Choice::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let contact = Contact { name: get("name"), email: get("email"), phone: get("phone"), notes: get("notes") };
    let mut errors = crate::routes::appointments::places::check(&state, t, page.tr, &choice).await?;
    let parsed = match crate::routes::appointments::details::check_contact(
        page.tr,
        &contact.name,
        &contact.email,
        &contact.phone,
    ) {
        Ok(c) => Some(c),
        Err(found) => {
            errors.items.extend(found.items);
            None
        }
    };
    let time: Option<(i64, Time)> =
        get("zeit").split_once('@').and_then(|(p, hm)| Some((p.parse().ok()?, format!("{hm}:00").parse().ok()?)));
    if time.is_none() {
        errors.add("times", page.t("booking-error-choose-time"));
    }
    let (Some(contact_ok), Some((place_id, time)), Some(date), true) = (parsed, time, choice.date, errors.is_empty())
    else {
        return render_page(&state, &staff, page, choice, contact, errors).await;
    };
    let now = Timestamp::now();
    let requests = choice.requests();
    let channel = phone_channel(&staff);
    let search =
        Search { services: &requests, location: Location::Place(place_id), from: date, to: date, channel, now };
    let candidates = rathaus_booking::candidates(&state.db, t, &search, date, time)
        .await
        .map_err(crate::routes::appointments::page_error)?;
    let origin = links::request_origin(&headers, &uri);
    let notify = Notify::new(t, &state.config.notifier, Notice::Confirmed, &origin);
    let key = format!("staff-{}", get("key"));
    let mut refusal = BookingError::slot_taken(Vec::new());
    for c in candidates {
        let req = HoldRequest { place_id: c.place_id, start: c.start, services: requests.clone(), channel };
        let audit = Some(staff.audit_entry(""));
        match rathaus_booking::book_notifying(&state.db, t, &req, &contact_ok, Some(&key), audit, &notify, now).await {
            Ok(done) => {
                state.availability.changed(&state.events, t, c.place_id).await;
                if !contact.notes.is_empty() {
                    let notes: String = contact.notes.chars().take(2_000).collect();
                    rathaus_db::appointments::changes::set_notes(&state.db, t, done.appointment_id, Some(&notes))
                        .await?;
                }
                return Ok(
                    Redirect::to(&format!("/staff/termine/{}?notice=booked", done.appointment_id)).into_response()
                );
            }
            Err(e @ BookingError::SlotTaken(_)) => refusal = e,
            Err(BookingError::Store(e)) => return Err(e.into()),
            Err(e) => {
                refusal = e;
                break;
            }
        }
    }
    errors.add("times", page.t(&crate::routes::appointments::message_key(&refusal)));
    render_page(&state, &staff, page, choice, contact, errors).await
}
