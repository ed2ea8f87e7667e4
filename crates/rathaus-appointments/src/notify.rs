//! The citizen's notifications about an appointment, written in the transaction of the
//! change that causes them ([`Notify`] is an [`InTransaction`] hook):
//!
//! * an e-mail when the citizen gave an address – for a booked appointment with the
//!   calendar entry (`termin.ics`, `METHOD:REQUEST`; a cancellation carries
//!   `METHOD:CANCEL` with the same UID so calendars remove it) and the QR code of the
//!   booking code (what the check-in terminal's scanner reads);
//! * an SMS when the citizen gave a mobile number and SMS is configured (or kept in the
//!   outbox in development);
//! * for a new or moved appointment, the reminder job at the policy's time before it.
//!
//! Links: a new confirmation carries the manage token it created; every later message that
//! needs a link gets a fresh one (`rathaus_booking::issue_link`), since only hashes are
//! stored. Nothing here logs personal data; the outbox rows are the record.

use crate::details::{self, Details};
use crate::jobs::reminders;
use futures_util::future::BoxFuture;
use jiff::Zoned;
use rathaus_booking::{Changed, InTransaction, issue_link};
use rathaus_db::appointments::plan;
use rathaus_db::appointments::records::Appointment;
use rathaus_db::{StoreError, TenantId};
use rathaus_domain::Email;
use rathaus_mail::templates::{AppointmentMail, Notice, Offer, appointment, appointment_sms};
use rathaus_mail::{Attachment, DeliveryMode, E164, OutgoingEmail, SmsDeliveryMode, enqueue_email};
use sea_orm::DatabaseTransaction;

pub mod attachments;

/// How notifications leave the system: e-mail as configured, and SMS (through a gateway,
/// kept in the outbox, or not at all).
#[derive(Clone, Debug)]
pub struct Notifier {
    pub mail: DeliveryMode,
    /// `None`: no SMS at all (no gateway configured outside development).
    pub sms: Option<SmsDeliveryMode>,
}

impl Notifier {
    /// E-mail and SMS stay in the outbox: development, demo and tests.
    pub fn held() -> Self {
        Self { mail: DeliveryMode::Hold, sms: Some(SmsDeliveryMode::Hold) }
    }
}

/// One notification to write.
pub struct Notify {
    pub tenant: TenantId,
    pub notifier: Notifier,
    pub notice: Notice,
    /// `https://host` the links point to.
    pub origin: String,
    pub offers: Vec<OfferedTime>,
    /// Double opt-in: the confirmation link and until when the hold waits.
    pub confirm: Option<(String, Zoned)>,
    /// Lottery: when the draw takes place.
    pub draw_at: Option<Zoned>,
}

impl Notify {
    pub fn new(tenant: TenantId, notifier: &Notifier, notice: Notice, origin: &str) -> Self {
        Self {
            tenant,
            notifier: notifier.clone(),
            notice,
            origin: origin.trim_end_matches('/').to_owned(),
            offers: Vec::new(),
            confirm: None,
            draw_at: None,
        }
    }

    pub fn with_offers(mut self, offers: Vec<OfferedTime>) -> Self {
        self.offers = offers;
        self
    }

    pub fn with_confirm(mut self, link: String, until: Zoned) -> Self {
        self.confirm = Some((link, until));
        self
    }

    /// Whether the message is about an appointment that stands (and so carries its calendar
    /// entry, QR code and manage link).
    fn booked(&self) -> bool {
        matches!(self.notice, Notice::Confirmed | Notice::Moved | Notice::Reminder | Notice::LotteryWon)
    }

    /// Writes the messages for `a` (whose manage token, if just created, is `token`).
    pub async fn write(
        &self,
        tx: &DatabaseTransaction,
        a: &Appointment,
        token: Option<&str>,
        now: i64,
    ) -> Result<(), StoreError> {
        let d = details::load(tx, self.tenant, a).await?;
        let needs_link = self.booked() || self.notice == Notice::CancelledByOffice;
        let token = match token {
            Some(t) => Some(t.to_owned()),
            None if needs_link => Some(issue_link(tx, self.tenant, a.id, now).await?.as_str().to_owned()),
            None => None,
        };
        let manage_link = token.as_deref().map(|t| manage_link(&self.origin, t));
        let offers = self.offers_with_token(token.as_deref());
        let code = a.booking_code.clone().unwrap_or_default();
        let booking_link = format!("{}/termine/buchen", self.origin);
        let mail = AppointmentMail {
            notice: self.notice,
            tenant_name: &d.tenant_name,
            citizen_name: &a.name,
            services: &d.services,
            place_name: &d.place_name,
            place_address: &d.place_address,
            start: &d.start,
            minutes: d.minutes,
            booking_code: &code,
            manage_link: manage_link.as_deref(),
            confirm_link: self.confirm.as_ref().map(|(l, _)| l.as_str()),
            confirm_until: self.confirm.as_ref().map(|(_, u)| u),
            offers: &offers,
            draw_at: self.draw_at.as_ref(),
            documents: &d.documents,
            booking_link: &booking_link,
        };
        if let Some(to) = a.email.as_deref().and_then(|e| Email::parse(e).ok()) {
            let files = self.attachments(a, &d, &code);
            let rendered = appointment(d.language, &mail, !files.is_empty());
            let mut out: OutgoingEmail = rendered.into_outgoing(self.tenant, to);
            out.attachments = files;
            enqueue_email(tx, &self.notifier.mail, out).await?;
        }
        if let (Some(phone), Some(mode)) = (a.phone.as_deref().and_then(|p| E164::parse(p).ok()), &self.notifier.sms)
            && self.sms_worthy()
        {
            let text = appointment_sms(d.language, &mail);
            rathaus_mail::enqueue_sms(tx, mode, self.tenant, &phone, &text).await?;
        }
        if matches!(self.notice, Notice::Confirmed | Notice::Moved | Notice::LotteryWon) {
            let policy = plan::policy(tx, self.tenant, a.place_id).await?;
            reminders::schedule(tx, self.tenant, a, policy.reminder_hours, &self.origin, now).await?;
        }
        Ok(())
    }

    /// SMS are short and cost money: only what the citizen must not miss.
    fn sms_worthy(&self) -> bool {
        matches!(
            self.notice,
            Notice::Confirmed | Notice::Moved | Notice::Reminder | Notice::CancelledByOffice | Notice::LotteryWon
        )
    }

    /// The offers as links: taking a time for this (cancelled) appointment through its
    /// manage page, or starting a new booking at it.
    fn offers_with_token(&self, token: Option<&str>) -> Vec<Offer> {
        self.offers
            .iter()
            .map(|o| {
                let link = match (&o.take, token) {
                    (Take::ThisAppointment(query), Some(t)) => {
                        format!("{}/angebot?{query}", manage_link(&self.origin, t))
                    }
                    (Take::ThisAppointment(_), None) => format!("{}/termine/buchen", self.origin),
                    (Take::NewBooking(path), _) => format!("{}{path}", self.origin),
                };
                Offer { text: o.text.clone(), link }
            })
            .collect()
    }

    fn attachments(&self, a: &Appointment, d: &Details, code: &str) -> Vec<Attachment> {
        match self.notice {
            n if self.booked() && n != Notice::Reminder => attachments::booked(a, d, code, &self.origin),
            Notice::Cancelled | Notice::CancelledByOffice => attachments::cancelled(a, d, &self.origin),
            _ => Vec::new(),
        }
    }
}

/// A new time offered to the citizen.
#[derive(Debug, Clone)]
pub struct OfferedTime {
    /// The time and place, for reading.
    pub text: String,
    pub take: Take,
}

#[derive(Debug, Clone)]
pub enum Take {
    /// The query (`ort=…&start=…&schalter=…`) of the manage page's offer step, which moves
    /// the cancelled appointment to this time.
    ThisAppointment(String),
    /// A path into the booking flow, for someone without an appointment (lottery).
    NewBooking(String),
}

/// The citizen's page for an appointment.
pub fn manage_link(origin: &str, token: &str) -> String {
    format!("{origin}/termine/verwalten/{token}")
}

impl InTransaction for Notify {
    fn run<'a>(&'a self, tx: &'a DatabaseTransaction, changed: Changed<'a>) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            let token = changed.manage_token.map(|t| t.as_str());
            self.write(tx, changed.appointment, token, rathaus_db::now()).await
        })
    }
}
