//! PLACEHOLDER until rathaus-ical and rathaus-qr land.
use crate::details::Details;
use rathaus_db::appointments::records::Appointment;
use rathaus_mail::Attachment;
pub fn booked(_a: &Appointment, _d: &Details, _code: &str, _origin: &str) -> Vec<Attachment> {
    Vec::new()
}
pub fn cancelled(_a: &Appointment, _d: &Details, _origin: &str) -> Vec<Attachment> {
    Vec::new()
}
