//! Test support: the portal binary started on port 0 over a temporary data
//! file, and a minimal HTTP/1.1 client (one request per connection).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The fixed "now" of every test server (a Wednesday, a working day).
pub const NOW: &str = "2026-11-25T10:00:00+08:00";

/// A fresh folder for one test, with a fake widget package in it.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lianjian-portal-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("pkg/lianjian_wasm_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("pkg/lianjian-forms.js"), "export {};\n").unwrap();
    dir
}

/// A running portal.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    /// The one-time admin password, when this start created the account.
    pub password: Option<String>,
    pub output: Vec<String>,
}

impl Server {
    /// Starts the binary over `dir/portal.db` and waits for its address.
    pub fn start(dir: &Path) -> Server {
        Server::start_with(dir, NOW, &[])
    }

    /// [`Server::start`] at another fixed "now", with more flags.
    pub fn start_with(dir: &Path, now: &str, flags: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lianjian-portal"))
            .args(["--port", "0", "--now", now])
            .args(flags)
            .arg("--data")
            .arg(dir.join("data/portal.db"))
            .arg("--widgets")
            .arg(dir.join("pkg"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the portal binary starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let (mut password, mut output) = (None, Vec::new());
        let addr = loop {
            let line = lines
                .next()
                .expect("the portal prints its address")
                .unwrap();
            output.push(line.clone());
            if let Some(rest) = line.split("one-time password (shown only now): ").nth(1) {
                password = Some(rest.trim().to_owned());
            }
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest.split_whitespace().next().unwrap().parse().unwrap();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Server {
            child,
            addr,
            password,
            output,
        }
    }

    /// Sends SIGTERM and waits for a clean exit.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        request(self.addr, "GET", path, headers, b"")
    }

    pub fn post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        request(self.addr, "POST", path, headers, body)
    }

    pub fn post_json(&self, path: &str, body: &str) -> Response {
        self.post(
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body's bytes as received (after de-chunking).
    pub bytes: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One request on its own connection (`Connection: close`).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    // A server may answer (413) and close before reading a large body.
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        bytes: body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..end])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// `application/x-www-form-urlencoded` of some pairs.
pub fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// The value of the first `name="csrf" value="…"` field of a page.
pub fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a CSRF field");
    let rest = &page[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// A signed-in staff member.
pub struct Staff {
    pub cookie: String,
    pub csrf: String,
}

fn session_cookie(response: &Response) -> String {
    let set = response
        .all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("lj_session="))
        .expect("a session cookie");
    set.split(';').next().unwrap().to_owned()
}

/// The admin's password after [`sign_in`] replaced the one-time one.
pub const PASSWORD: &str = "a much longer staff password";

/// Signs in as admin with [`PASSWORD`] (a restarted server of a data file
/// that [`sign_in`] already set up).
pub fn sign_in_again(server: &Server) -> Staff {
    let login = server.post(
        "/staff/login",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &server.origin()),
        ],
        &form(&[("username", "admin"), ("password", PASSWORD)]),
    );
    assert_eq!(login.status, 303, "{}", login.body);
    let cookie = session_cookie(&login);
    let inbox = server.get("/staff/demands", &[("Cookie", &cookie)]);
    assert_eq!(inbox.status, 200);
    Staff {
        csrf: csrf_of(&inbox.body),
        cookie,
    }
}

/// Signs in as admin with the one-time password and replaces it.
pub fn sign_in(server: &Server) -> Staff {
    let password = server
        .password
        .clone()
        .expect("a fresh server has a one-time password");
    sign_in_first(server, "admin", &password)
}

/// Signs in as `username` with its one-time password and replaces it with [`PASSWORD`].
pub fn sign_in_first(server: &Server, username: &str, password: &str) -> Staff {
    let origin = server.origin();
    let login = server.post(
        "/staff/login",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &origin),
        ],
        &form(&[("username", username), ("password", password)]),
    );
    assert_eq!(login.status, 303, "{}", login.body);
    assert_eq!(login.header("location"), Some("/staff/password"));
    let cookie = session_cookie(&login);
    let page = server.get("/staff/password", &[("Cookie", &cookie)]);
    let changed = server.post(
        "/staff/password",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &origin),
            ("Cookie", &cookie),
        ],
        &form(&[
            ("csrf", &csrf_of(&page.body)),
            ("current", password),
            ("new", PASSWORD),
        ]),
    );
    assert_eq!(changed.status, 303, "{}", changed.body);
    let cookie = session_cookie(&changed);
    let inbox = server.get("/staff/demands", &[("Cookie", &cookie)]);
    assert_eq!(inbox.status, 200);
    Staff {
        csrf: csrf_of(&inbox.body),
        cookie,
    }
}

impl Staff {
    /// Posts a staff form with this session, its token and this origin.
    pub fn post(&self, server: &Server, path: &str, pairs: &[(&str, &str)]) -> Response {
        let mut pairs = pairs.to_vec();
        pairs.push(("csrf", &self.csrf));
        server.post(
            path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", &server.origin()),
                ("Cookie", &self.cookie),
                ("Accept-Language", "en"),
            ],
            &form(&pairs),
        )
    }

    pub fn get(&self, server: &Server, path: &str) -> Response {
        server.get(path, &[("Cookie", &self.cookie), ("Accept-Language", "en")])
    }

    /// Follows a 303 from a staff form to the page it names.
    pub fn follow(&self, server: &Server, answer: &Response) -> Response {
        assert_eq!(answer.status, 303, "{}", answer.body);
        let to = answer.header("location").expect("a Location");
        // A browser never sends the fragment.
        let to = to.split('#').next().unwrap_or(to).to_owned();
        self.get(server, &to)
    }

    /// Accepts a demand for publication on Open311.
    pub fn publish(&self, server: &Server, id: &str) {
        let answer = self.post(
            server,
            &format!("/staff/demands/{id}/publication"),
            &[("op", "publish")],
        );
        assert_eq!(answer.status, 303, "{}", answer.body);
    }

    /// Registers an Open311 client on the accounts page; answers its key.
    pub fn open311_key(&self, server: &Server, name: &str) -> String {
        let created = self.post(server, "/staff/clients", &[("name", name)]);
        let page = self.follow(server, &created);
        secret_of(&page.body).unwrap_or_else(|| panic!("no key: {}", page.body))
    }

    /// Creates an account on the accounts page (as an administrator);
    /// answers its one-time password, read from the page the form leads to.
    pub fn create_user(&self, server: &Server, name: &str, role: &str, department: &str) -> String {
        let created = self.post(
            server,
            "/staff/users",
            &[
                ("username", name),
                ("role", role),
                ("department", department),
            ],
        );
        let page = self.follow(server, &created);
        secret_of(&page.body).unwrap_or_else(|| panic!("no one-time password: {}", page.body))
    }
}

/// The one-time secret a page shows (`<code class="secret">…</code>`).
pub fn secret_of(page: &str) -> Option<String> {
    let at = page.find("<code class=\"secret\">")?;
    let rest = &page[at + "<code class=\"secret\">".len()..];
    Some(rest[..rest.find('<')?].to_owned())
}

/// An account of the given role created by `admin`, signed in with its
/// password replaced.
pub fn staff_member(
    server: &Server,
    admin: &Staff,
    name: &str,
    role: &str,
    department: &str,
) -> Staff {
    let once = admin.create_user(server, name, role, department);
    sign_in_first(server, name, &once)
}

/// A valid demand of the wire contract, submitted at [`NOW`].
pub fn demand(uscc: &str, title: &str, description: &str) -> serde_json::Value {
    serde_json::json!({
        "enterprise_uscc": uscc,
        "enterprise_name": "深圳市示例测试物流有限公司",
        "chain": "port_logistics",
        "kind": "help",
        "title": title,
        "description": description,
        "urgency": "normal",
        "contact": { "name": "联系人测试", "phone": "13900139000", "email": null },
        "attachments": [],
        "declarations": { "not_in_litigation": true, "no_secrets": true },
        "submitted_at": NOW
    })
}

/// A valid USCC that no seeded record uses.
pub const USCC: &str = "91440300MA5FUTN418";

/// A `multipart/form-data` body: the record as the `record` part, then each
/// file as a `files` part (name, MIME type, bytes). Answers the content type
/// (with its boundary) and the body.
pub fn multipart(record: &str, files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----lianjian-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"record\"\r\n\r\n{record}\r\n"
        )
        .as_bytes(),
    );
    for (name, mime, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: {mime}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}
