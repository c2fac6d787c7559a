//! Nothing is lost on restart, and a killed server leaves a sound data file
//! holding every record it acknowledged.

mod common;

use std::sync::{Arc, Mutex};

use common::{demand, scratch, sign_in, sign_in_again, Server, USCC};

#[test]
fn data_survives_a_restart() {
    let dir = scratch("restart");
    let server = Server::start(&dir);
    assert!(server.password.is_some());
    let record = demand(
        USCC,
        "保税区通道夜间开放时间",
        "夜间到港的冷链集装箱在卡口外等候，建议延长保税区通道开放时间。",
    );
    let id = server.post_json("/api/demands", &record.to_string()).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let staff = sign_in(&server);
    staff.publish(&server, &id);
    let before = server.get("/open311/v2/requests.json", &[]).json();
    let status = server.stop();
    assert!(status.success(), "a graceful stop on SIGTERM: {status}");

    let again = Server::start(&dir);
    assert!(
        again.password.is_none(),
        "the one-time password is printed once"
    );
    assert!(
        !again.output.iter().any(|l| l.contains("seeded")),
        "no second seed"
    );
    let after = again.get("/open311/v2/requests.json", &[]).json();
    assert_eq!(before, after);
    let one = again
        .get(&format!("/open311/v2/requests/{id}.json"), &[])
        .json();
    assert_eq!(one[0]["service_request_id"], id.as_str());
    // Accounts, their passwords and the audit log survive too.
    let staff = sign_in_again(&again);
    let log = staff.get(&again, "/staff/audit");
    assert!(log.body.contains("Accepted for publication"));
}

#[test]
fn a_killed_server_keeps_every_acknowledged_record_and_a_sound_file() {
    let dir = scratch("crash");
    let server = Server::start(&dir);
    drop(sign_in(&server));
    let addr = server.addr;
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let acknowledged = Arc::clone(&acknowledged);
            std::thread::spawn(move || {
                for i in 0..200 {
                    let record = demand(
                        USCC,
                        &format!("写入测试诉求第{w}组第{i}条"),
                        "用于验证服务器在写入过程中被强制终止后数据文件依然完好。",
                    );
                    let body = record.to_string();
                    let response = std::panic::catch_unwind(|| {
                        common::request(
                            addr,
                            "POST",
                            "/api/demands",
                            &[("Content-Type", "application/json")],
                            body.as_bytes(),
                        )
                    });
                    match response {
                        Ok(r) if r.status == 201 => acknowledged
                            .lock()
                            .unwrap()
                            .push(r.json()["id"].as_str().unwrap().to_owned()),
                        _ => return,
                    }
                }
            })
        })
        .collect();
    // Kill it mid-run, while the writers are posting.
    while acknowledged.lock().unwrap().len() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.kill();
    for w in writers {
        let _ = w.join();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    let conn = rusqlite::Connection::open(dir.join("data/portal.db")).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM demands d WHERE NOT EXISTS (SELECT 1 FROM demand_events e WHERE e.demand_id = d.id)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        orphans, 0,
        "a demand and its submitted event are one transaction"
    );
    drop(conn);

    let again = Server::start(&dir);
    let staff = sign_in_again(&again);
    let inbox = staff.get(&again, "/staff/demands");
    for id in &acknowledged {
        assert!(
            inbox
                .body
                .contains(&format!("href=\"/staff/demands/{id}\"")),
            "acknowledged demand {id} survived"
        );
    }
}
