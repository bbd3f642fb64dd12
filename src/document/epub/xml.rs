//! A small, forgiving view of an XML file (container.xml, the OPF package, the NCX, and
//! `encryption.xml`) through quick-xml: elements by local name (namespace prefixes dropped,
//! lower-cased), attributes by local name, text with the five XML entities and character
//! references resolved. Unknown entities (`&nbsp;` with no DTD) become a space; a syntax error
//! ends the file where it occurs, keeping what was read.

use quick_xml::events::Event;
use quick_xml::Reader;

/// One event of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ev {
    /// A start tag (or an empty-element tag, followed by its `End`).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End {
        name: String,
    },
    Text(String),
}

impl Ev {
    /// The value of attribute `name` (local name) of a start tag.
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Ev::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

fn local(name: &str) -> String {
    let l = name.rsplit(':').next().unwrap_or(name);
    l.to_ascii_lowercase()
}

/// The events of `text`; and whether it ended early on an error.
pub fn events(text: &str) -> (Vec<Ev>, bool) {
    let mut reader = Reader::from_str(text);
    let cfg = reader.config_mut();
    cfg.check_end_names = false;
    cfg.allow_unmatched_ends = true;
    cfg.expand_empty_elements = true;
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let attrs = e
                    .html_attributes()
                    .flatten()
                    .map(|a| {
                        let v = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                            .unwrap_or_else(|_| a.value.to_string());
                        (local(a.key.as_ref()), v)
                    })
                    .collect();
                out.push(Ev::Start {
                    name: local(e.name().as_ref()),
                    attrs,
                });
            }
            Ok(Event::End(e)) => out.push(Ev::End {
                name: local(e.name().as_ref()),
            }),
            Ok(Event::Text(t)) => push_text(&mut out, &t.xml10_content()),
            Ok(Event::CData(t)) => push_text(&mut out, &t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => match r.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => ' ',
                    },
                };
                push_text(&mut out, c.encode_utf8(&mut [0; 4]));
            }
            Ok(Event::Eof) => return (out, false),
            Ok(_) => {}
            Err(_) => return (out, true),
        }
    }
}

fn push_text(out: &mut Vec<Ev>, s: &str) {
    if let Some(Ev::Text(t)) = out.last_mut() {
        t.push_str(s);
    } else {
        out.push(Ev::Text(s.to_string()));
    }
}

/// Text from bytes of an XML file: UTF-8 (a BOM dropped), or the declared/UTF-16 encoding.
pub fn decode(bytes: &[u8]) -> String {
    super::super::html_charset::decode_html(bytes, None).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgiving_events() {
        let (ev, err) = events("<a:b X='1 &amp; 2'><c/>t&#20013;&nbsp;&lt;</a:b>");
        assert!(!err);
        assert_eq!(ev[0].attr("x"), Some("1 & 2"));
        assert_eq!(
            ev[1],
            Ev::Start {
                name: "c".into(),
                attrs: vec![]
            }
        );
        assert_eq!(ev[2], Ev::End { name: "c".into() });
        assert_eq!(ev[3], Ev::Text("t中 <".into()));
        let (ev, err) = events("<a><b>x</a><");
        assert!(err);
        assert!(ev.contains(&Ev::Text("x".into())));
    }
}
