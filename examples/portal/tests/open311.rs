//! Open311 GeoReport v2 conformance over real HTTP: every resource in XML
//! (read back with an independent parser, roxmltree) under the
//! specification's element names and carrying the same values as its JSON
//! twin; hostile text escaped; the `GET requests` filters read as documented
//! (a plain date is 00:00 China time) and a malformed filter refused with 400
//! in the format asked for; posting only with a registered client's key, and
//! requests public only once the district office accepts them.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, FixedOffset};
use common::{demand, form, scratch, sign_in, Response, Server, Staff, NOW, USCC};
use roxmltree::{Document, Node};
use serde_json::Value;

const XML_TYPE: &str = "text/xml; charset=utf-8";
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

/// The element of each item of a list, by the list's element (the
/// specification's names).
fn item_of(list: &str) -> &'static str {
    match list {
        "services" => "service",
        "attributes" => "attribute",
        "values" => "value",
        "service_requests" => "request",
        "errors" => "error",
        other => panic!("no list element {other}"),
    }
}

/// The children elements of `node`, by name, in document order.
fn children<'a, 'i>(node: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    node.children().filter(Node::is_element).collect()
}

fn names(node: Node<'_, '_>) -> Vec<String> {
    children(node)
        .iter()
        .map(|c| c.tag_name().name().to_owned())
        .collect()
}

/// Checks that the XML element carries exactly the JSON value: a list as
/// one item element per entry, an object as one child element per key (no
/// more, no fewer), `null` as an empty element, a scalar as its text.
fn same(json: &Value, node: Node<'_, '_>, at: &str) {
    let name = node.tag_name().name();
    let text = node.text().unwrap_or_default();
    match json {
        Value::Array(items) => {
            let elements = children(node);
            assert_eq!(elements.len(), items.len(), "{at}: item count");
            for (i, (item, element)) in items.iter().zip(elements).enumerate() {
                assert_eq!(element.tag_name().name(), item_of(name), "{at}[{i}]");
                same(item, element, &format!("{at}[{i}]"));
            }
        }
        Value::Object(map) => {
            let elements = children(node);
            let keys: BTreeSet<&str> = map.keys().map(String::as_str).collect();
            let tags: Vec<&str> = elements.iter().map(|e| e.tag_name().name()).collect();
            let unique: BTreeSet<&str> = tags.iter().copied().collect();
            assert_eq!(unique.len(), tags.len(), "{at}: a repeated element");
            assert_eq!(unique, keys, "{at}: elements and keys");
            for element in elements {
                let key = element.tag_name().name();
                same(&map[key], element, &format!("{at}.{key}"));
            }
        }
        Value::Null => {
            assert!(
                node.first_child().is_none(),
                "{at}: null is an empty element"
            );
        }
        Value::String(s) => assert_eq!(text, s, "{at}"),
        Value::Bool(b) => assert_eq!(text, b.to_string(), "{at}"),
        Value::Number(n) => assert_eq!(text, n.to_string(), "{at}"),
    }
    if !matches!(json, Value::Array(_) | Value::Object(_)) {
        assert!(children(node).is_empty(), "{at}: a scalar has no elements");
    }
}

/// The checks every XML answer passes: media type, declaration first, UTF-8
/// and well-formed for an independent parser.
fn parsed(response: &Response) -> Document<'_> {
    assert_eq!(
        response.header("content-type"),
        Some(XML_TYPE),
        "{}",
        response.body
    );
    assert!(
        response.body.starts_with(DECLARATION),
        "no declaration: {}",
        response.body
    );
    Document::parse(&response.body)
        .unwrap_or_else(|e| panic!("not well-formed ({e}): {}", response.body))
}

/// GETs `path.xml` and `path.json` (with `query`), checks the statuses
/// agree, the XML root and that both carry the same values; returns the
/// JSON and the status.
fn twins(server: &Server, path: &str, query: &str, root: &str) -> (u16, Value) {
    let xml = server.get(&format!("{path}.xml{query}"), &[]);
    let json = server.get(&format!("{path}.json{query}"), &[]);
    assert_eq!(xml.status, json.status, "{path}{query}: {}", xml.body);
    assert_eq!(json.header("content-type"), Some("application/json"));
    let document = parsed(&xml);
    let element = document.root_element();
    assert_eq!(element.tag_name().name(), root, "{path}{query}");
    let value = json.json();
    same(&value, element, &format!("{path}{query}"));
    (json.status, value)
}

const SERVICE: [&str; 7] = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
];
const REQUEST: [&str; 10] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
];

#[test]
fn every_resource_answers_in_xml_with_the_json_values_under_the_spec_names() {
    let dir = scratch("open311-xml");
    let server = Server::start(&dir);

    for query in ["", "?lang=en"] {
        let (status, services) = twins(&server, "/open311/v2/services", query, "services");
        assert_eq!((status, services.as_array().unwrap().len()), (200, 13));
    }
    let xml = server.get("/open311/v2/services.xml", &[]);
    let document = parsed(&xml);
    for service in children(document.root_element()) {
        assert_eq!(service.tag_name().name(), "service");
        assert_eq!(names(service), SERVICE);
    }

    for query in ["", "?lang=en"] {
        let (status, definition) = twins(
            &server,
            "/open311/v2/services/traffic",
            query,
            "service_definition",
        );
        assert_eq!(
            (status, definition["service_code"].as_str()),
            (200, Some("traffic"))
        );
    }
    let xml = server.get("/open311/v2/services/customs.xml?lang=en", &[]);
    let document = parsed(&xml);
    let root = document.root_element();
    assert_eq!(names(root), ["service_code", "attributes"]);
    let attributes = children(root)[1];
    assert_eq!(children(attributes).len(), 8);
    for attribute in children(attributes) {
        assert_eq!(attribute.tag_name().name(), "attribute");
        let mut expected = vec![
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
        ];
        let datatype = children(attribute)[2].text().unwrap().to_owned();
        if datatype == "singlevaluelist" {
            expected.push("values");
            let values = *children(attribute).last().unwrap();
            for value in children(values) {
                assert_eq!(value.tag_name().name(), "value");
                assert_eq!(names(value), ["key", "name"]);
            }
        } else {
            assert_eq!(datatype, "string");
        }
        assert_eq!(names(attribute), expected);
    }

    for query in [
        "",
        "?lang=en",
        "?status=open",
        "?status=closed",
        "?service_code=traffic,tax",
        "?service_request_id=1,3,5",
        "?start_date=2026-11-15&end_date=2026-11-22T10:00:00Z",
        "?start_date=2030-01-01",
    ] {
        let (status, _) = twins(&server, "/open311/v2/requests", query, "service_requests");
        assert_eq!(status, 200, "{query}");
    }
    let xml = server.get("/open311/v2/requests.xml", &[]);
    let document = parsed(&xml);
    let requests = children(document.root_element());
    assert!(requests.len() >= 5, "the seed has demands");
    for request in &requests {
        assert_eq!(request.tag_name().name(), "request");
        assert_eq!(names(*request), REQUEST);
    }
    // Seeded demands past their submission are published; 2 is not yet.
    for id in ["1", "3", "4"] {
        let (status, one) = twins(
            &server,
            &format!("/open311/v2/requests/{id}"),
            "",
            "service_requests",
        );
        assert_eq!(
            (status, one[0]["service_request_id"].as_str()),
            (200, Some(id))
        );
    }

    // Errors in the format asked for.
    for (path, expected) in [
        ("/open311/v2/services/weather", 404),
        ("/open311/v2/requests/999999", 404),
        ("/open311/v2/requests/not-an-id", 404),
    ] {
        let (status, errors) = twins(&server, path, "", "errors");
        assert_eq!(status, expected);
        assert_eq!(errors[0]["code"], expected);
        let xml = server.get(&format!("{path}.xml"), &[]);
        let document = parsed(&xml);
        for error in children(document.root_element()) {
            assert_eq!(error.tag_name().name(), "error");
            assert_eq!(names(error), ["code", "description"]);
        }
    }
    // Another extension is no format: 404, in JSON (the default).
    let csv = server.get("/open311/v2/services/traffic.csv", &[]);
    assert_eq!(csv.status, 404);
    assert_eq!(csv.json()[0]["code"], 404);
    assert_eq!(server.get("/open311/v2/services.csv", &[]).status, 404);
}

/// The admin, signed in, and the key of a registered Open311 client.
fn client(server: &Server) -> (Staff, String) {
    let admin = sign_in(server);
    let key = admin.open311_key(server, "12345 热线");
    (admin, key)
}

/// A valid Open311 form for a demand with this title and description, posted with `key`.
fn request_form(key: &str, title: &str, description: &str) -> Vec<u8> {
    form(&[
        ("api_key", key),
        ("service_code", "traffic"),
        ("description", description),
        ("first_name", "测试"),
        ("last_name", "联系人"),
        ("phone", "13900139000"),
        ("attribute[kind]", "help"),
        ("attribute[title]", title),
        ("attribute[enterprise_uscc]", USCC),
        ("attribute[enterprise_name]", "深圳市示例测试物流有限公司"),
        ("attribute[chain]", "port_logistics"),
        ("attribute[not_in_litigation]", "true"),
        ("attribute[no_secrets]", "true"),
    ])
}

const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

#[test]
fn hostile_text_comes_back_escaped_and_whole() {
    let dir = scratch("open311-hostile-text");
    let server = Server::start(&dir);
    let (admin, key) = client(&server);
    let title = "<b>标题</b> & \"引号\" 'single' ]]> 😀";
    let description = "<script>alert('x')</script> &amp; &#x3C; \"盐田港\" ]]>\r\n\
                       第二行 🚢🏗️ <![CDATA[ not data ]]> <!-- no comment --> <?pi?>\ttab";
    let posted = server.post(
        "/open311/v2/requests.xml",
        &[FORM],
        &request_form(&key, title, description),
    );
    assert_eq!(posted.status, 201, "{}", posted.body);
    let document = parsed(&posted);
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "service_requests");
    let request = children(root)[0];
    assert_eq!(request.tag_name().name(), "request");
    assert_eq!(
        names(request),
        ["service_request_id", "service_notice", "account_id"]
    );
    let id = children(request)[0].text().unwrap().to_owned();
    assert!(id.parse::<u64>().is_ok(), "{id}");
    assert!(children(request)[2].first_child().is_none());
    admin.publish(&server, &id);

    let (_, json) = twins(
        &server,
        &format!("/open311/v2/requests/{id}"),
        "",
        "service_requests",
    );
    let shown = json[0]["description"].as_str().unwrap();
    assert!(shown.starts_with(title), "{shown}");
    assert!(
        shown.contains("<script>alert('x')</script> &amp; &#x3C;"),
        "{shown}"
    );
    assert!(shown.contains("🚢🏗️"), "{shown}");
    // The raw markup never reaches the XML as markup.
    let xml = server.get(&format!("/open311/v2/requests/{id}.xml"), &[]);
    assert!(!xml.body.contains("<script>"));
    assert!(!xml.body.contains("<![CDATA["));
    assert!(!xml.body.contains("<!--"));

    // A refusal that quotes hostile characters back (the USCC's characters).
    let hostile_uscc = "91440300MA5FUTN<&\"";
    let mut refused = Vec::new();
    for format in ["xml", "json"] {
        refused.push(server.post(
            &format!("/open311/v2/requests.{format}?lang=en"),
            &[FORM],
            &form(&[
                ("api_key", &key),
                ("service_code", "traffic"),
                ("attribute[enterprise_uscc]", hostile_uscc),
                ("attribute[chain]", "港口\u{1}物流"),
            ]),
        ));
    }
    let (xml, json) = (&refused[0], &refused[1]);
    assert_eq!((xml.status, json.status), (400, 400), "{}", xml.body);
    let document = parsed(xml);
    let errors = json.json();
    same(&errors, document.root_element(), "refused");
    for error in children(document.root_element()) {
        assert_eq!(names(error), ["code", "description", "finding"]);
    }
    let quoted: Vec<&str> = errors
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["finding"] == "uscc_charset")
        .map(|e| e["description"].as_str().unwrap())
        .collect();
    assert_eq!(quoted.len(), 3, "{errors}");
    assert!(quoted.iter().any(|d| d.contains("\"<\"")), "{quoted:?}");
    assert!(quoted.iter().any(|d| d.contains("\"&\"")), "{quoted:?}");
}

#[test]
fn post_failures_answer_in_the_format_of_the_url() {
    let dir = scratch("open311-post-errors");
    let server = Server::start(&dir);
    let (_, key) = client(&server);
    let json_body = [("Content-Type", "application/json")];
    for (headers, body, status) in [
        (&json_body[..], b"{not json".to_vec(), 400),
        (&json_body[..], b"[1, 2]".to_vec(), 400),
        (&[FORM][..], vec![b'a'; 300 * 1024], 413),
        (
            &[FORM][..],
            format!("api_key={key}&service_code=traffic").into_bytes(),
            400,
        ),
        // Without a key of a registered client, as GeoReport v2 answers.
        (&[FORM][..], b"service_code=traffic".to_vec(), 403),
        (
            &[FORM][..],
            b"api_key=lj_0123&service_code=traffic".to_vec(),
            403,
        ),
        (
            &json_body[..],
            b"{\"service_code\": \"traffic\"}".to_vec(),
            403,
        ),
    ] {
        let xml = server.post("/open311/v2/requests.xml", headers, &body);
        let json = server.post("/open311/v2/requests.json", headers, &body);
        assert_eq!((xml.status, json.status), (status, status), "{}", xml.body);
        let document = parsed(&xml);
        assert_eq!(document.root_element().tag_name().name(), "errors");
        same(&json.json(), document.root_element(), "post");
    }
}

fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// The ids of a `GET requests.json` answer (checked against its XML twin).
fn ids(server: &Server, query: &str) -> Vec<String> {
    let (status, list) = twins(server, "/open311/v2/requests", query, "service_requests");
    assert_eq!(status, 200, "{query}: {list}");
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn dates_read_as_w3c_datetimes_or_plain_days_in_china_time() {
    let dir = scratch("open311-dates");
    // Received at 03:00 China time: still 24 November in UTC. The server's
    // clock stamps a demand, whatever time the browser said.
    let (early, password) = {
        let at_three = Server::start_with(&dir, "2026-11-25T03:00:00+08:00", &[]);
        let mut early = demand(
            USCC,
            "保税区冷链通道夜间开放",
            "夜间到港的冷链集装箱需要在卡口外等到早上。",
        );
        early["submitted_at"] = "2026-11-25T02:55:00+08:00".into();
        let early = at_three.post_json("/api/demands", &early.to_string());
        assert_eq!(early.status, 201, "{}", early.body);
        let record = &early.json()["record"];
        assert_eq!(record["submitted_at"], "2026-11-25T03:00:00+08:00");
        assert_eq!(record["client_submitted_at"], "2026-11-25T02:55:00+08:00");
        let id = early.json()["id"].as_str().unwrap().to_owned();
        // The first start printed the administrator's one-time password.
        (id, at_three.password.clone())
    };
    let mut server = Server::start(&dir);
    server.password = password;
    let (admin, key) = client(&server);
    let posted = server.post(
        "/open311/v2/requests.json",
        &[FORM],
        &request_form(
            &key,
            "明珠大道高峰期拥堵",
            "每天下午进港拖车排队超过两公里。",
        ),
    );
    assert_eq!(posted.status, 201, "{}", posted.body);
    let new = posted.json()[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    admin.publish(&server, &new);
    admin.publish(&server, &early);

    let all = server.get("/open311/v2/requests.json", &[]).json();
    let all: Vec<(String, DateTime<FixedOffset>)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["service_request_id"].as_str().unwrap().to_owned(),
                instant(r["requested_datetime"].as_str().unwrap()),
            )
        })
        .collect();
    assert!(all.iter().any(|(id, at)| *id == new && *at == instant(NOW)));
    let days: BTreeSet<_> = all.iter().map(|(_, at)| at.date_naive()).collect();
    assert!(
        days.len() >= 3,
        "the seed spreads demands over days: {days:?}"
    );
    let between = |from: Option<&str>, to: Option<&str>| -> Vec<String> {
        all.iter()
            .filter(|(_, at)| from.is_none_or(|f| *at >= instant(f)))
            .filter(|(_, at)| to.is_none_or(|t| *at <= instant(t)))
            .map(|(id, _)| id.clone())
            .collect()
    };

    // A plain date is 00:00 of that day in China time, for either bound.
    assert_eq!(ids(&server, "?start_date=2030-01-01"), Vec::<String>::new());
    assert_eq!(ids(&server, "?end_date=2000-01-01"), Vec::<String>::new());
    let today = ids(&server, "?start_date=2026-11-25");
    assert_eq!(today, between(Some("2026-11-25T00:00:00+08:00"), None));
    assert!(today.contains(&new));
    let before_today = ids(&server, "?end_date=2026-11-25");
    assert_eq!(
        before_today,
        between(None, Some("2026-11-25T00:00:00+08:00"))
    );
    assert!(!before_today.contains(&new) && !before_today.is_empty());
    assert!(today.contains(&early), "03:00 China time is on the 25th");
    assert!(!before_today.contains(&early));
    let mut until_utc_midnight = before_today.clone();
    until_utc_midnight.insert(0, early.clone());
    assert_eq!(
        ids(&server, "?end_date=2026-11-25T00:00:00Z"),
        until_utc_midnight
    );
    assert_eq!(
        ids(&server, "?start_date=2026-11-19&end_date=2026-11-23"),
        between(
            Some("2026-11-19T00:00:00+08:00"),
            Some("2026-11-23T00:00:00+08:00")
        )
    );

    // W3C datetimes, with an offset or Z; both bounds inclusive.
    for (query, from, to) in [
        ("?start_date=2026-11-25T02:00:00Z", Some(NOW), None),
        ("?start_date=2026-11-25T10:00%2B08:00", Some(NOW), None),
        ("?end_date=2026-11-25T10:00:00%2B08:00", None, Some(NOW)),
        (
            "?end_date=2026-11-25T09:59:59.999999999%2B08:00",
            None,
            Some("2026-11-25T09:59:59.999999999+08:00"),
        ),
        (
            "?start_date=2026-11-25T02:00:00.000001Z",
            Some("2026-11-25T10:00:00.000001+08:00"),
            None,
        ),
        (
            "?start_date=2026-11-18T21:00:00-05:00",
            Some("2026-11-19T10:00:00+08:00"),
            None,
        ),
    ] {
        assert_eq!(ids(&server, query), between(from, to), "{query}");
    }
    assert!(ids(&server, "?start_date=2026-11-25T02:00:00Z").contains(&new));
    assert!(!ids(&server, "?start_date=2026-11-25T02:00:00.000001Z").contains(&new));
    assert!(ids(&server, "?end_date=2026-11-25T10:00:00%2B08:00").contains(&new));
    assert!(!ids(&server, "?end_date=2026-11-25T09:59:59.999999999%2B08:00").contains(&new));
}

/// GETs `requests.xml` and `requests.json` with a query that must be
/// refused: 400 in both, the same errors, each naming `parameter`.
fn refused(server: &Server, query: &str, parameter: &str) -> Vec<String> {
    let (status, errors) = twins(server, "/open311/v2/requests", query, "errors");
    assert_eq!(status, 400, "{query}: {errors}");
    let errors = errors.as_array().unwrap();
    assert!(!errors.is_empty());
    let descriptions: Vec<String> = errors
        .iter()
        .map(|e| {
            assert_eq!(e["code"], 400, "{query}");
            e["description"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(
        descriptions
            .iter()
            .any(|d| d.starts_with(&format!("{parameter}:"))),
        "{query}: {descriptions:?}"
    );
    descriptions
}

#[test]
fn malformed_filters_are_refused_never_ignored() {
    let dir = scratch("open311-refusals");
    let server = Server::start(&dir);
    for bad in [
        "2030/01/01",
        "2030-1-1",
        "2030",
        "2030-01",
        "20300101",
        "2030-01-01T00:00:00",
        // An unencoded '+' arrives as a space.
        "2030-01-01T00:00:00+08:00",
        "2030-01-01t00:00:00z",
        "2030-01-01T00:00:60Z",
        "2030-02-30",
        "yesterday",
        "",
        "%E2%80%AE2030-01-01",
    ] {
        for parameter in ["start_date", "end_date"] {
            let descriptions = refused(&server, &format!("?{parameter}={bad}"), parameter);
            if bad.len() > 4 {
                assert!(
                    descriptions.iter().all(|d| !d.contains(bad)),
                    "the value is not echoed: {descriptions:?}"
                );
            }
        }
    }
    refused(
        &server,
        "?start_date=2026-11-25&end_date=2026-11-24",
        "start_date",
    );
    refused(
        &server,
        "?start_date=2026-11-20&start_date=2026-11-21",
        "start_date",
    );
    for bad in ["pending", "Open", "open,", "open;closed", ""] {
        refused(&server, &format!("?status={bad}"), "status");
    }
    refused(&server, "?service_request_id=1,,2", "service_request_id");
    refused(&server, "?service_request_id=", "service_request_id");
    refused(&server, "?service_code=traffic,", "service_code");
    // Everything wrong at once: one error for each problem.
    let all = refused(
        &server,
        "?start_date=soon&status=done&service_code=",
        "start_date",
    );
    assert_eq!(all.len(), 3, "{all:?}");
    // A date error in XML reads like the JSON one.
    let xml = server.get("/open311/v2/requests.xml?end_date=2030/01/01", &[]);
    assert_eq!(xml.status, 400);
    let document = parsed(&xml);
    let error = children(document.root_element())[0];
    assert_eq!(names(error), ["code", "description"]);
    assert_eq!(children(error)[0].text(), Some("400"));
    assert!(children(error)[1].text().unwrap().starts_with("end_date: "));
}

#[test]
fn list_filters_take_comma_separated_and_repeated_values() {
    let dir = scratch("open311-lists");
    let server = Server::start(&dir);
    let every = ids(&server, "");
    assert!(every.len() >= 5);
    let open = ids(&server, "?status=open");
    let closed = ids(&server, "?status=closed");
    assert!(!open.is_empty() && !closed.is_empty());
    assert_eq!(open.len() + closed.len(), every.len());
    assert_eq!(ids(&server, "?status=open,closed"), every);
    assert_eq!(ids(&server, "?status=closed&status=open"), every);
    assert_eq!(ids(&server, "?status=open,%20closed"), every);

    let list = server.get("/open311/v2/requests.json", &[]).json();
    let code_of = |id: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["service_request_id"] == id)
            .unwrap()["service_code"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let codes: BTreeSet<String> = every.iter().map(|id| code_of(id)).collect();
    assert!(codes.len() >= 2, "{codes:?}");
    let two: Vec<&String> = codes.iter().take(2).collect();
    let either = ids(&server, &format!("?service_code={},{}", two[0], two[1]));
    let expected: Vec<String> = every
        .iter()
        .filter(|id| two.contains(&&code_of(id)))
        .cloned()
        .collect();
    assert_eq!(either, expected);
    assert_eq!(
        ids(
            &server,
            &format!("?service_code={}&service_code={}", two[0], two[1])
        ),
        expected
    );

    let picked = [every[0].clone(), every[2].clone()];
    assert_eq!(
        ids(
            &server,
            &format!("?service_request_id={},{}", picked[1], picked[0])
        ),
        picked
    );
    assert_eq!(
        ids(
            &server,
            &format!(
                "?service_request_id={}&service_request_id={}",
                picked[0], picked[1]
            )
        ),
        picked
    );
    assert_eq!(
        ids(&server, "?service_request_id=999999"),
        Vec::<String>::new()
    );
    // Parameters that are no filters are left alone.
    assert_eq!(
        ids(&server, "?jurisdiction_id=yantian&extensions=true"),
        every
    );
}

/// A demand record of the hostile corpus as Open311 form fields (strings
/// only; other JSON types as their JSON text).
fn as_fields(record: &Value) -> Vec<(String, String)> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut fields = Vec::new();
    let Some(record) = record.as_object() else {
        return fields;
    };
    let mut put = |key: &str, value: Option<&Value>| {
        if let Some(value) = value.filter(|v| !v.is_null()) {
            fields.push((key.to_owned(), text(value)));
        }
    };
    put("service_code", record.get("topic"));
    put("description", record.get("description"));
    for code in [
        "kind",
        "title",
        "enterprise_uscc",
        "enterprise_name",
        "chain",
        "urgency",
    ] {
        put(&format!("attribute[{code}]"), record.get(code));
    }
    let contact = record.get("contact");
    put("first_name", contact.and_then(|c| c.get("name")));
    put("phone", contact.and_then(|c| c.get("phone")));
    put("email", contact.and_then(|c| c.get("email")));
    let declarations = record.get("declarations");
    for code in ["not_in_litigation", "no_secrets"] {
        put(
            &format!("attribute[{code}]"),
            declarations.and_then(|d| d.get(code)),
        );
    }
    fields
}

#[test]
fn the_hostile_corpus_posted_for_xml_gets_well_formed_answers() {
    let dir = scratch("open311-hostile-corpus");
    let corpus = dir.join("corpus");
    let status = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/generate.py"))
        .arg(&corpus)
        .status()
        .expect("python3 runs the corpus generator");
    assert!(status.success());
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("cases.json")).unwrap()).unwrap();
    let server = Server::start(&dir);
    let (_, key) = client(&server);
    let (mut created, mut compared) = (0, 0);
    for case in cases.iter().filter(|c| c["kind"] == "demand") {
        let name = case["name"].as_str().unwrap();
        let raw = std::fs::read(corpus.join(case["file"].as_str().unwrap())).unwrap();
        let Ok(record) = serde_json::from_slice::<Value>(&raw) else {
            continue;
        };
        let mut fields = as_fields(&record);
        fields.push(("api_key".to_owned(), key.clone()));
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = form(&pairs);
        let xml = server.post("/open311/v2/requests.xml", &[FORM], &body);
        let document = parsed(&xml);
        let root = document.root_element().tag_name().name();
        match xml.status {
            201 => {
                assert_eq!(root, "service_requests", "{name}");
                created += 1;
            }
            400 | 413 => {
                assert_eq!(root, "errors", "{name}");
                // Refused, so nothing was stored: the JSON twin refuses alike.
                let json = server.post("/open311/v2/requests.json", &[FORM], &body);
                assert_eq!(json.status, xml.status, "{name}");
                same(&json.json(), document.root_element(), name);
                for personal in case["personal"].as_array().unwrap() {
                    let personal = personal.as_str().unwrap();
                    for error in children(document.root_element()) {
                        let description = children(error)[1].text().unwrap_or_default();
                        assert!(!description.contains(personal), "{name}: {description}");
                    }
                }
                compared += 1;
            }
            other => panic!("{name}: {other}: {}", xml.body),
        }
    }
    eprintln!("hostile demands posted for XML: {created} created, {compared} refused and compared");
    assert!(
        created > 0 && compared > 100,
        "{created} created, {compared} refused"
    );
    let list = server.get("/open311/v2/requests.xml", &[]);
    let document = parsed(&list);
    assert_eq!(
        document.root_element().tag_name().name(),
        "service_requests"
    );
    let (status, _) = twins(&server, "/open311/v2/requests", "", "service_requests");
    assert_eq!(status, 200);
    assert!(server.stop().success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn requests_are_public_only_once_accepted_and_reports_keep_their_text_private() {
    let dir = scratch("open311-moderation");
    let server = Server::start(&dir);
    let (admin, key) = client(&server);
    // Posting takes a registered client's key.
    for body in [
        request_form("", "明珠大道高峰期拥堵", "每天下午进港拖车排队超过两公里。"),
        request_form(
            "lj_not-a-key",
            "明珠大道高峰期拥堵",
            "每天下午进港拖车排队超过两公里。",
        ),
    ] {
        for format in ["json", "xml"] {
            let refused = server.post(&format!("/open311/v2/requests.{format}"), &[FORM], &body);
            assert_eq!(refused.status, 403, "{}", refused.body);
            assert!(refused.body.contains("api_key"));
        }
    }
    let posted = server.post(
        "/open311/v2/requests.json",
        &[FORM],
        &request_form(
            &key,
            "明珠大道高峰期拥堵",
            "每天下午进港拖车排队超过两公里。",
        ),
    );
    assert_eq!(posted.status, 201, "{}", posted.body);
    let answer = posted.json();
    let id = answer[0]["service_request_id"].as_str().unwrap().to_owned();
    assert!(answer[0]["service_notice"]
        .as_str()
        .unwrap()
        .contains("public once"));
    // Not public until the district office accepts it.
    assert_eq!(
        server
            .get(&format!("/open311/v2/requests/{id}.json"), &[])
            .status,
        404
    );
    assert!(!ids(&server, "").contains(&id));
    let page = admin.get(&server, &format!("/staff/demands/{id}"));
    assert!(page.body.contains("Not public"));
    admin.publish(&server, &id);
    assert!(ids(&server, "").contains(&id));
    let withdrawn = admin.post(
        &server,
        &format!("/staff/demands/{id}/publication"),
        &[("op", "withdraw")],
    );
    assert_eq!(withdrawn.status, 303);
    assert!(!ids(&server, "").contains(&id));

    // A report naming a third party's phone: public once accepted, its text never.
    let mut report = demand(
        USCC,
        "举报堆场违规占道经营",
        "某物流公司在堆场周边长期违规占道，负责人电话13800138000，请核查。",
    );
    report["kind"] = "report".into();
    let created = server.post_json("/api/demands", &report.to_string());
    assert_eq!(created.status, 201, "{}", created.body);
    let report_id = created.json()["id"].as_str().unwrap().to_owned();
    assert!(!server
        .get("/open311/v2/requests.json", &[])
        .body
        .contains("13800138000"));
    admin.publish(&server, &report_id);
    for format in ["json", "xml"] {
        let shown = server.get(&format!("/open311/v2/requests/{report_id}.{format}"), &[]);
        assert_eq!(shown.status, 200);
        assert!(
            !shown.body.contains("13800138000") && !shown.body.contains("违规占道"),
            "{}",
            shown.body
        );
    }
    assert_eq!(
        server
            .get(&format!("/open311/v2/requests/{report_id}.json"), &[])
            .json()[0]["description"],
        ""
    );
    // A disabled client's key is refused; the log has it all.
    let users = admin.get(&server, "/staff/users");
    let client_id = users
        .body
        .split("/staff/clients/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    admin.post(
        &server,
        &format!("/staff/clients/{client_id}"),
        &[("op", "disable")],
    );
    let refused = server.post(
        "/open311/v2/requests.json",
        &[FORM],
        &request_form(
            &key,
            "明珠大道高峰期拥堵",
            "每天下午进港拖车排队超过两公里。",
        ),
    );
    assert_eq!(refused.status, 403);
    let log = admin.get(&server, "/staff/audit");
    for line in [
        "Client registered",
        "Accepted for publication",
        "Withdrawn from publication",
        "Client disabled",
    ] {
        assert!(log.body.contains(line), "{line}");
    }
}
