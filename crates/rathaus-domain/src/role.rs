//! Staff roles within one tenant. Each role includes the rights of the ones below it:
//! admin ⊃ supervisor ⊃ clerk.

use crate::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Clerk,
    Supervisor,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Supervisor, Role::Clerk];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "supervisor" => Ok(Role::Supervisor),
            "clerk" => Ok(Role::Clerk),
            _ => Err(Invalid::new("role")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Clerk => "clerk",
        }
    }

    /// Whether a holder of `self` may do what `required` may do.
    pub fn includes(self, required: Role) -> bool {
        self >= required
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_rights() {
        assert!(Role::Admin.includes(Role::Clerk));
        assert!(Role::Supervisor.includes(Role::Clerk));
        assert!(!Role::Clerk.includes(Role::Supervisor));
        assert!(!Role::Supervisor.includes(Role::Admin));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("root").is_err());
    }
}
