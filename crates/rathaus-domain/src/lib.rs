//! Pure domain types of rathaus: values that are parsed once at the boundary and are valid
//! from then on ("parse, don't validate"). No I/O lives here.

pub mod ags;
pub mod colour;
pub mod email;
pub mod federal_state;
pub mod holidays;
pub mod language;
pub mod opening_hours;
pub mod password;
pub mod role;
pub mod slug;

pub use ags::Ags;
pub use colour::AccentColour;
pub use email::Email;
pub use federal_state::FederalState;
pub use language::Language;
pub use password::NewPassword;
pub use role::Role;
pub use slug::Slug;

/// Why a value was rejected. The `code` is a stable key into the translation files
/// (`error-<code>`), so the web layer can show a localised message next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}")]
pub struct Invalid {
    pub code: &'static str,
}

impl Invalid {
    pub const fn new(code: &'static str) -> Self {
        Self { code }
    }
}
