//! The web layer of rathaus: HTML pages for citizens and staff, and the JSON API.
//!
//! Request path (outermost first), see [`router`]:
//! metrics → security headers → body limit → tenant resolution → language → session →
//! CSRF cookie → error pages → route handler.
//!
//! Handlers translate between HTTP and the storage/domain crates; they hold no business
//! rules of their own.

pub mod assets;
pub mod auth;
pub mod availability;
pub mod booking;
pub mod config;
pub mod csrf;
pub mod error;
pub mod fairness;
pub mod forms;
pub mod i18n;
pub mod invitations;
pub mod links;
pub mod live;
pub mod metrics;
pub mod page;
pub mod routes;
pub mod search;
pub mod security;
pub mod state;
pub mod tenancy;

pub use config::WebConfig;
pub use routes::router;
pub use state::AppState;
