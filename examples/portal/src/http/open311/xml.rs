//! Open311 GeoReport v2 answers in XML, the specification's required format:
//! the declaration `<?xml version="1.0" encoding="utf-8"?>`, then the
//! specification's elements in its order, carrying the same values as the
//! JSON answer (a test reads both and compares them).
//!
//! Written with quick-xml's writer; text goes through quick-xml's `escape`
//! (`<`, `>`, `&`, `'`, `"`, and `\r` as `&#13;` so that it survives a
//! parser's end-of-line normalisation). The few characters XML 1.0 cannot
//! carry at all, even escaped (C0 controls other than tab, line feed and
//! carriage return; U+FFFE, U+FFFF), are written as U+FFFD. A JSON `null`
//! is an empty element (`<account_id/>`), as in the specification's examples;
//! a field the JSON answer leaves out is left out here too.

use std::borrow::Cow;
use std::io;

use lianjian::demand::open311::{Service, ServiceDefinition, ServiceRequest};
use quick_xml::escape::escape;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::{ErrorEntry, Posted};

/// The media type of every XML answer (the specification's `text/xml`; the
/// charset is said again in the header for clients that ignore the declaration).
pub const CONTENT_TYPE: &str = "text/xml; charset=utf-8";

type Out = Writer<Vec<u8>>;

/// `GET services.xml`: `<services><service>…</service>…</services>`.
pub fn services(list: &[Service]) -> Vec<u8> {
    document("services", |w| {
        for s in list {
            w.create_element("service").write_inner_content(|w| {
                text(w, "service_code", &s.service_code)?;
                text(w, "service_name", &s.service_name)?;
                text(w, "description", &s.description)?;
                flag(w, "metadata", s.metadata)?;
                text(w, "type", s.kind)?;
                text(w, "keywords", &s.keywords)?;
                text(w, "group", s.group)
            })?;
        }
        Ok(())
    })
}

/// `GET services/{code}.xml`: `<service_definition>` with
/// `<attributes><attribute>…` and, for a list, `<values><value><key/><name/>`.
pub fn definition(definition: &ServiceDefinition) -> Vec<u8> {
    document("service_definition", |w| {
        text(w, "service_code", &definition.service_code)?;
        w.create_element("attributes").write_inner_content(|w| {
            for a in &definition.attributes {
                w.create_element("attribute").write_inner_content(|w| {
                    flag(w, "variable", a.variable)?;
                    text(w, "code", a.code)?;
                    text(w, "datatype", a.datatype)?;
                    flag(w, "required", a.required)?;
                    text(w, "datatype_description", a.datatype_description)?;
                    text(w, "order", &a.order.to_string())?;
                    text(w, "description", &a.description)?;
                    if let Some(values) = &a.values {
                        w.create_element("values").write_inner_content(|w| {
                            for v in values {
                                w.create_element("value").write_inner_content(|w| {
                                    text(w, "key", &v.key)?;
                                    text(w, "name", &v.name)
                                })?;
                            }
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
        Ok(())
    })
}

/// `GET requests.xml`, `GET requests/{id}.xml`:
/// `<service_requests><request>…</request>…</service_requests>`.
pub fn requests(list: &[ServiceRequest]) -> Vec<u8> {
    document("service_requests", |w| {
        for r in list {
            w.create_element("request").write_inner_content(|w| {
                text(w, "service_request_id", &r.service_request_id)?;
                text(w, "status", r.status)?;
                text(w, "status_notes", &r.status_notes)?;
                text(w, "service_name", &r.service_name)?;
                text(w, "service_code", &r.service_code)?;
                text(w, "description", &r.description)?;
                optional(w, "agency_responsible", r.agency_responsible.as_deref())?;
                text(w, "requested_datetime", &r.requested_datetime)?;
                text(w, "updated_datetime", &r.updated_datetime)?;
                optional(w, "expected_datetime", r.expected_datetime.as_deref())
            })?;
        }
        Ok(())
    })
}

/// `POST requests.xml` accepted: `<service_requests><request>` with the new
/// `service_request_id`, `service_notice` and `account_id`.
pub fn posted(posted: &Posted) -> Vec<u8> {
    document("service_requests", |w| {
        w.create_element("request").write_inner_content(|w| {
            text(w, "service_request_id", &posted.service_request_id)?;
            text(w, "service_notice", posted.service_notice)?;
            optional(w, "account_id", posted.account_id.as_deref())
        })?;
        Ok(())
    })
}

/// Any refusal: `<errors><error><code/><description/></error>…</errors>`,
/// plus `<finding>` (the core's finding code) where the JSON has it.
pub fn errors(list: &[ErrorEntry]) -> Vec<u8> {
    document("errors", |w| {
        for e in list {
            w.create_element("error").write_inner_content(|w| {
                text(w, "code", &e.code.to_string())?;
                text(w, "description", &e.description)?;
                if let Some(finding) = e.finding {
                    text(w, "finding", finding)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })
}

/// The declaration, then `root` with what `body` writes in it, indented by
/// two spaces.
fn document(root: &str, body: impl FnOnce(&mut Out) -> io::Result<()>) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .and_then(|()| w.create_element(root).write_inner_content(body))
        .map(|_| ());
    // Writing into a Vec<u8> cannot fail; the closures only pass errors on.
    written.expect("an in-memory XML document is always written");
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// `<name>text</name>`, escaped.
fn text(w: &mut Out, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::from_escaped(escape(xml_chars(value))))?;
    Ok(())
}

/// `<name>true</name>` or `<name>false</name>`.
fn flag(w: &mut Out, name: &str, value: bool) -> io::Result<()> {
    text(w, name, if value { "true" } else { "false" })
}

/// The text, or an empty element for `None`.
fn optional(w: &mut Out, name: &str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(value) => text(w, name, value),
        None => w.create_element(name).write_empty().map(|_| ()),
    }
}

/// The text with every character XML 1.0 cannot carry (its `Char`
/// production) replaced by U+FFFD.
fn xml_chars(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(description: &str) -> String {
        let entry = ErrorEntry {
            code: 400,
            description: description.to_owned(),
            finding: None,
        };
        String::from_utf8(errors(&[entry])).unwrap()
    }

    #[test]
    fn escapes_markup_and_keeps_every_other_character() {
        let hostile = "<b>&amp; \"quoted\" 'single' ]]> 盐田 😀\r\n\tend";
        let xml = error(hostile);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors>"));
        assert!(xml.contains(
            "<description>&lt;b&gt;&amp;amp; &quot;quoted&quot; &apos;single&apos; ]]&gt; \
             盐田 😀&#13;\n\tend</description>"
        ));
    }

    #[test]
    fn characters_xml_cannot_carry_become_replacement_characters() {
        assert_eq!(
            xml_chars("a\u{0}b\u{1F}c\u{FFFE}d\u{FFFF}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}"
        );
        assert!(matches!(xml_chars("tab\tline\nok 😀"), Cow::Borrowed(_)));
        assert!(error("bell\u{7}").contains("<description>bell\u{FFFD}</description>"));
    }

    #[test]
    fn none_is_an_empty_element() {
        let posted = Posted {
            service_request_id: "42".into(),
            service_notice: "",
            account_id: None,
        };
        let xml = String::from_utf8(super::posted(&posted)).unwrap();
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests>\n  <request>\n    \
             <service_request_id>42</service_request_id>\n    <service_notice></service_notice>\n    \
             <account_id/>\n  </request>\n</service_requests>\n"
        );
    }
}
