//! Who may do what. Four roles, and a handler is scoped to its department:
//!
//! | | admin | office | handler | auditor |
//! |---|---|---|---|---|
//! | read demands, their files and contacts | all | all | its department's | all (contacts masked) |
//! | collect, assign, close, extend, revisit, urge (督办), recompute; the joint meeting; Open311 moderation | yes | yes | no | no |
//! | accept, return, start, reply | yes | no | its department's | no |
//! | coverage, enrollments, calendar, meeting pages | yes | yes | no | read |
//! | accounts and Open311 clients | yes | no | no | no |
//! | the audit log | yes | no | no | read |
//!
//! A handler's department is the one a demand is assigned to now: once it is
//! assigned elsewhere (or returned and reassigned), the former department
//! no longer sees it. Every rule here is enforced by the server on every
//! route; the pages only leave out what a role cannot use.

use crate::store::accounts::Session;

/// A staff member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Manages accounts and clients; may do everything.
    Admin,
    /// The district office (区投资推广和企业服务中心): collects, assigns,
    /// runs the joint meeting, supervises, revisits.
    Office,
    /// A department's handler: only the demands assigned to its department.
    Handler,
    /// Reads everything, changes nothing.
    Auditor,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Office, Role::Handler, Role::Auditor];

    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Office => "office",
            Role::Handler => "handler",
            Role::Auditor => "auditor",
        }
    }

    /// The role with this stored name.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// The lifecycle actions of the district office.
pub const OFFICE_ACTIONS: &[&str] = &[
    "collect",
    "assign",
    "close",
    "extend",
    "revisit",
    "urge",
    "recompute",
];
/// The lifecycle actions of the department a demand is assigned to.
pub const DEPARTMENT_ACTIONS: &[&str] = &["accept", "return", "start", "reply"];

impl Session {
    /// Whether this account reads every demand and the office's pages.
    pub fn reads_all(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Office | Role::Auditor)
    }

    /// Whether this account does the district office's work.
    pub fn runs_office(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Office)
    }

    /// Whether this account manages accounts and Open311 clients.
    pub fn manages_accounts(&self) -> bool {
        self.role == Role::Admin
    }

    /// Whether this account reads the audit log.
    pub fn reads_audit(&self) -> bool {
        matches!(self.role, Role::Admin | Role::Auditor)
    }

    /// Whether this account handles demands of `department` (the one it is
    /// assigned to now, if any).
    pub fn handles(&self, department: Option<&str>) -> bool {
        self.role == Role::Handler
            && department.is_some()
            && self.department.as_deref() == department
    }

    /// Whether this account sees a demand assigned (now) to `department`.
    pub fn sees(&self, department: Option<&str>) -> bool {
        self.reads_all() || self.handles(department)
    }

    /// Whether this account sees the contact's name and phone unmasked.
    pub fn sees_contact(&self, department: Option<&str>) -> bool {
        self.runs_office() || self.handles(department)
    }

    /// Whether this account may take `action` on a demand assigned (now)
    /// to `department`.
    pub fn may(&self, action: &str, department: Option<&str>) -> bool {
        if self.role == Role::Admin {
            return OFFICE_ACTIONS.contains(&action) || DEPARTMENT_ACTIONS.contains(&action);
        }
        (self.runs_office() && OFFICE_ACTIONS.contains(&action))
            || (self.handles(department) && DEPARTMENT_ACTIONS.contains(&action))
    }
}

/// A phone number as an auditor sees it: the first three and last four
/// digits (`139****9000`); anything shorter is masked whole.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "****".to_owned();
    }
    let (head, tail) = (&chars[..3], &chars[chars.len() - 4..]);
    format!(
        "{}{}{}",
        head.iter().collect::<String>(),
        "*".repeat(chars.len() - 7),
        tail.iter().collect::<String>()
    )
}

/// A name as an auditor sees it: the first character, then `*`.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{first}{}", "*".repeat(chars.count().max(1))),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(role: Role, department: Option<&str>) -> Session {
        Session {
            user_id: 1,
            username: "x".into(),
            csrf_token: String::new(),
            must_change_password: false,
            role,
            department: department.map(str::to_owned),
        }
    }

    #[test]
    fn a_handler_acts_on_its_own_department_only() {
        let tax = session(Role::Handler, Some("tax_bureau"));
        assert!(tax.sees(Some("tax_bureau")) && !tax.sees(Some("hr_bureau")) && !tax.sees(None));
        assert!(tax.may("accept", Some("tax_bureau")));
        assert!(!tax.may("accept", Some("hr_bureau")));
        assert!(!tax.may("assign", Some("tax_bureau")));
        assert!(!tax.reads_all() && !tax.runs_office() && !tax.reads_audit());
        let auditor = session(Role::Auditor, None);
        assert!(auditor.sees(Some("hr_bureau")) && !auditor.sees_contact(Some("hr_bureau")));
        assert!(OFFICE_ACTIONS
            .iter()
            .chain(DEPARTMENT_ACTIONS)
            .all(|a| !auditor.may(a, Some("hr_bureau"))));
        let office = session(Role::Office, None);
        assert!(office.may("urge", Some("hr_bureau")) && !office.may("reply", Some("hr_bureau")));
        assert!(!office.manages_accounts());
        let admin = session(Role::Admin, None);
        assert!(admin.may("reply", None) && admin.manages_accounts());
        assert!(!admin.may("delete", None));
        for role in Role::ALL {
            assert_eq!(Role::parse(role.name()), Some(role));
        }
    }

    #[test]
    fn masks_keep_only_a_hint() {
        assert_eq!(mask_phone("13900139000"), "139****9000");
        assert_eq!(mask_phone("075525"), "****");
        assert_eq!(mask_name("李四"), "李*");
        assert_eq!(mask_name("联系人测试"), "联****");
    }
}
