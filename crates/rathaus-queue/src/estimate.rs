//! Waiting-time estimates: smoothed service durations per service ([`ServiceTimes`]), the
//! punctuality of appointment holders ([`Punctuality`]) and the forward simulation of the
//! staffed counters over the waiting tickets ([`estimate_calls`]).

mod forecast;
mod forward;
mod normal;
mod punctuality;
mod service_times;

pub use forecast::{
    ExpectedAppointment, Method, StaffedCounter, estimate_calls, estimate_calls_with, forecast_calls, position,
    positions,
};
pub use punctuality::Punctuality;
pub use service_times::{DEFAULT_SPREAD, ServiceTimes, UNKNOWN_SERVICE_SECS};
