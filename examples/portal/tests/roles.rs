//! Roles and scope over real HTTP: a department handler sees and acts only
//! on its department's demands — a handler of another department is
//! refused on every staff route —, the office does the office's work, an
//! auditor reads and changes nothing; accounts are managed on the accounts
//! page and from the command line; everything lands in the audit log.

mod common;

use common::{demand, multipart, scratch, sign_in, staff_member, Server, Staff, USCC};
use lianjian_portal::http::staff::ROUTES;
use serde_json::json;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
const TITLE: &str = "跨境电商出口退税办理进度";

/// A demand with a file, assigned to the tax bureau by the admin; answers its id.
fn assigned_to_tax(server: &Server, admin: &Staff) -> String {
    let mut record = demand(
        USCC,
        TITLE,
        "出口退税申报已提交两个月仍未到账，企业资金周转困难，请协助了解办理进度。",
    );
    record["attachments"] =
        json!([{"name": "申报表.png", "size_bytes": PNG.len(), "mime": "image/png"}]);
    let (content_type, body) = multipart(&record.to_string(), &[("申报表.png", "image/png", PNG)]);
    let created = server.post("/api/demands", &[("Content-Type", &content_type)], &body);
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let assigned = admin.post(
        server,
        &format!("/staff/demands/{id}/events"),
        &[
            ("action", "assign"),
            ("department", "tax_bureau"),
            ("deadline", ""),
        ],
    );
    assert_eq!(
        assigned.header("location"),
        Some(format!("/staff/demands/{id}?done=1").as_str())
    );
    id
}

/// The form fields each lifecycle action needs to pass the portal's own
/// reading (the role check comes first anyway).
fn action_fields(action: &str) -> Vec<(&str, &str)> {
    let mut fields = vec![("action", action)];
    fields.extend(match action {
        "collect" => vec![("meeting", "2026-12 联席会议")],
        "assign" => vec![("department", "hr_bureau"), ("deadline", "")],
        "return" => vec![("reason", "不属本部门")],
        "reply" => vec![("reply", "已办理")],
        "extend" => vec![
            ("deadline", "2026-12-30"),
            ("reason", "需核查"),
            ("approver", "分管领导"),
        ],
        "revisit" => vec![("satisfaction", "satisfied"), ("channel", "phone")],
        "urge" => vec![("note", "请尽快办理")],
        "close" => vec![("reason", "duplicate")],
        _ => vec![],
    });
    fields
}

const ACTIONS: [&str; 11] = [
    "collect",
    "assign",
    "close",
    "extend",
    "revisit",
    "urge",
    "recompute",
    "accept",
    "return",
    "start",
    "reply",
];

#[test]
fn a_handler_of_another_department_is_refused_on_every_route() {
    let dir = scratch("roles-scope");
    let server = Server::start(&dir);
    let admin = sign_in(&server);
    let id = assigned_to_tax(&server, &admin);
    let other = staff_member(&server, &admin, "hr.handler", "handler", "hr_bureau");
    let target = admin.get(&server, "/staff/users");
    let user_id = target
        .body
        .split("/staff/users/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();

    let mut walked = 0;
    for (method, pattern) in ROUTES {
        let path = pattern
            .replace(
                "{id}",
                if pattern.starts_with("/staff/users") {
                    &user_id
                } else {
                    &id
                },
            )
            .replace("{index}", "0");
        let answer = match (*method, path.as_str()) {
            // Every account signs in, out and changes its own password.
            (_, "/staff" | "/staff/login" | "/staff/logout" | "/staff/password") => continue,
            ("GET", "/staff/demands" | "/staff/overdue") => {
                // Lists: answered, without the other department's demand.
                let page = other.get(&server, &path);
                assert_eq!(page.status, 200, "{path}");
                assert!(
                    !page.body.contains(TITLE),
                    "{path} shows another department's demand"
                );
                walked += 1;
                continue;
            }
            ("GET", _) => other.get(&server, &path),
            ("POST", p) if p.ends_with("/events") => {
                for action in ACTIONS {
                    let refused = other.post(&server, &path, &action_fields(action));
                    assert_eq!(refused.status, 403, "{action} on {path}: {}", refused.body);
                }
                walked += 1;
                continue;
            }
            ("POST", "/staff/meeting/minutes") => other.post(
                &server,
                &path,
                &[
                    ("meeting", "m"),
                    (&format!("pick_{id}"), "1"),
                    (&format!("department_{id}"), "hr_bureau"),
                ],
            ),
            ("POST", "/staff/users") => other.post(
                &server,
                &path,
                &[
                    ("username", "sneaky"),
                    ("role", "admin"),
                    ("department", ""),
                ],
            ),
            ("POST", p) if p.starts_with("/staff/users/") => {
                other.post(&server, &path, &[("op", "reset")])
            }
            ("POST", _) => other.post(&server, &path, &[]),
            _ => unreachable!("{method} {path}"),
        };
        assert_eq!(answer.status, 403, "{method} {path}: {}", answer.body);
        walked += 1;
    }
    assert!(walked >= 14, "only {walked} routes walked");

    // Nothing changed: the demand is as assigned, no account was made.
    let page = admin.get(&server, &format!("/staff/demands/{id}"));
    assert!(page.body.contains("state-assigned"));
    assert!(!admin.get(&server, "/staff/users").body.contains("sneaky"));
    // Every refusal is in the audit log, under the account.
    let log = admin.get(&server, "/staff/audit?actor=hr.handler");
    assert!(
        log.body.matches("outcome-denied").count() >= 14,
        "{}",
        log.body
    );
}

#[test]
fn each_role_does_its_own_work() {
    let dir = scratch("roles-work");
    let server = Server::start(&dir);
    let admin = sign_in(&server);
    let id = assigned_to_tax(&server, &admin);
    let events = format!("/staff/demands/{id}/events");
    let tax = staff_member(&server, &admin, "tax.handler", "handler", "tax_bureau");
    let office = staff_member(&server, &admin, "office", "office", "");
    let auditor = staff_member(&server, &admin, "auditor", "auditor", "");

    // The tax bureau's handler sees its demand, the contact and the file…
    let inbox = tax.get(&server, "/staff/demands");
    assert!(inbox.body.contains(TITLE));
    assert!(
        !inbox.body.contains("黄金珠宝企业流动资金紧张"),
        "another department's seeded demand"
    );
    let page = tax.get(&server, &format!("/staff/demands/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("tel:13900139000"));
    assert_eq!(
        tax.get(&server, &format!("/staff/demands/{id}/attachments/0"))
            .status,
        200
    );
    // …offers only the department's actions, and takes them.
    assert!(page.body.contains("value=\"accept\""));
    assert!(!page.body.contains("value=\"urge\"") && !page.body.contains("value=\"extend\""));
    assert_eq!(
        tax.post(&server, &events, &action_fields("urge")).status,
        403
    );
    assert_eq!(
        tax.post(&server, &events, &action_fields("accept")).status,
        303
    );
    // The office urges (督办) but does not reply for the department.
    assert_eq!(
        office
            .post(&server, &events, &action_fields("reply"))
            .status,
        403
    );
    let urged = office.post(&server, &events, &action_fields("urge"));
    assert_eq!(urged.status, 303, "{}", urged.body);
    // Meeting, coverage and calendar are the office's; accounts and the log are not.
    for path in ["/staff/meeting", "/staff/coverage", "/staff/calendar"] {
        assert_eq!(office.get(&server, path).status, 200, "{path}");
        assert_eq!(tax.get(&server, path).status, 403, "{path}");
    }
    assert_eq!(office.get(&server, "/staff/users").status, 403);
    assert_eq!(office.get(&server, "/staff/audit").status, 403);

    // The auditor reads everything, the contact masked, and changes nothing.
    for path in [
        "/staff/demands",
        "/staff/meeting",
        "/staff/overdue",
        "/staff/coverage",
        "/staff/calendar",
        "/staff/audit",
    ] {
        assert_eq!(auditor.get(&server, path).status, 200, "{path}");
    }
    let read = auditor.get(&server, &format!("/staff/demands/{id}"));
    assert_eq!(read.status, 200);
    assert!(!read.body.contains("13900139000") && read.body.contains("139****9000"));
    assert!(
        !read.body.contains("name=\"action\""),
        "no action forms for an auditor"
    );
    for action in ACTIONS {
        assert_eq!(
            auditor
                .post(&server, &events, &action_fields(action))
                .status,
            403,
            "{action}"
        );
    }
    assert_eq!(auditor.get(&server, "/staff/users").status, 403);

    // The history names who did what.
    let page = admin.get(&server, &format!("/staff/demands/{id}"));
    assert!(page.body.contains("tax.handler") && page.body.contains("office"));
    assert!(page.body.contains("Urged (supervision)"));
    let log = auditor.get(&server, "/staff/audit");
    for line in [
        "tax.handler",
        "Accepted by the department",
        "Urged (supervision)",
        "Not allowed",
        "Sign-in",
    ] {
        assert!(log.body.contains(line), "{line} not in the audit log");
    }
}

#[test]
fn accounts_are_created_disabled_and_reset_on_the_accounts_page() {
    let dir = scratch("roles-accounts");
    let server = Server::start(&dir);
    let admin = sign_in(&server);
    let once = admin.create_user(&server, "li.si", "office", "");
    assert_eq!(once.len(), 20);
    // The one-time password is shown once: the page again shows none.
    let again = admin.get(&server, "/staff/users");
    assert!(common::secret_of(&again.body).is_none());
    assert!(again.body.contains("li.si"));
    // Bad names, handlers without a department, duplicates: refused with a reason.
    for (name, role, department) in [
        ("Li Si", "office", ""),
        ("tax", "handler", ""),
        ("li.si", "office", ""),
    ] {
        let refused = admin.post(
            &server,
            "/staff/users",
            &[
                ("username", name),
                ("role", role),
                ("department", department),
            ],
        );
        let page = admin.follow(&server, &refused);
        assert!(
            page.body.contains("class=\"error\""),
            "{name}: {}",
            page.body
        );
    }
    let user = staff_member(&server, &admin, "wang.wu", "handler", "customs_office");
    let users = admin.get(&server, "/staff/users");
    let id_of = |name: &str| {
        let row = users
            .body
            .split("<tr")
            .find(|r| r.contains(&format!(">{name}<")))
            .unwrap();
        row.split("/staff/users/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned()
    };
    let wang = id_of("wang.wu");
    // Disabled: the session ends and the password no longer signs in.
    assert_eq!(
        admin
            .post(
                &server,
                &format!("/staff/users/{wang}"),
                &[("op", "disable")]
            )
            .status,
        303
    );
    assert_eq!(
        user.get(&server, "/staff/demands").status,
        303,
        "the session ended"
    );
    let login = server.post(
        "/staff/login",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &server.origin()),
        ],
        &common::form(&[("username", "wang.wu"), ("password", common::PASSWORD)]),
    );
    assert_eq!(login.status, 401);
    // Enabled and reset: a new one-time password.
    admin.post(
        &server,
        &format!("/staff/users/{wang}"),
        &[("op", "enable")],
    );
    let reset = admin.post(&server, &format!("/staff/users/{wang}"), &[("op", "reset")]);
    let once = common::secret_of(&admin.follow(&server, &reset).body).unwrap();
    let user = common::sign_in_first(&server, "wang.wu", &once);
    // A new role applies at once (the sessions of the account end).
    let changed = admin.post(
        &server,
        &format!("/staff/users/{wang}"),
        &[("op", "role"), ("role", "auditor"), ("department", "")],
    );
    assert_eq!(changed.status, 303);
    assert_eq!(user.get(&server, "/staff/demands").status, 303);
    // The last administrator stays one.
    let admin_id = id_of("admin");
    let refused = admin.post(
        &server,
        &format!("/staff/users/{admin_id}"),
        &[("op", "disable")],
    );
    assert!(admin
        .follow(&server, &refused)
        .body
        .contains("class=\"error\""));
    let log = admin.get(&server, "/staff/audit");
    for line in [
        "Account created",
        "Account disabled",
        "Account enabled",
        "Password reset",
        "Role set",
        "Refused",
    ] {
        assert!(log.body.contains(line), "{line} not in the audit log");
    }
}

#[test]
fn an_administrator_resets_a_password_on_the_command_line() {
    let dir = scratch("roles-cli");
    let server = Server::start(&dir);
    let admin = sign_in(&server);
    drop(admin);
    let run = |name: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lianjian-portal"))
            .args(["admin", "reset-password", name, "--data"])
            .arg(dir.join("data/portal.db"))
            .output()
            .unwrap()
    };
    let done = run("admin");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let out = String::from_utf8(done.stdout).unwrap();
    let once = out.rsplit(": ").next().unwrap().trim().to_owned();
    assert_eq!(once.len(), 20, "{out}");
    let staff = common::sign_in_first(&server, "admin", &once);
    assert!(staff
        .get(&server, "/staff/audit")
        .body
        .contains("command line"));
    let unknown = run("nobody");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account named \"nobody\""));
}

#[test]
fn a_busy_port_is_named_and_nothing_is_created() {
    let dir = scratch("busy-port");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lianjian-portal"))
        .args(["--port", &port, "--data"])
        .arg(dir.join("data/portal.db"))
        .arg("--widgets")
        .arg(dir.join("pkg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("one-time password"),
        "no password printed and lost: {stdout}"
    );
    assert!(!dir.join("data/portal.db").exists(), "nothing created");
}
