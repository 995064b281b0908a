//! A small element tree over quick-xml, enough to walk the parts of a `.docx`.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// An element with its local name (`w:p` → `p`), attributes by local name, and children.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of the attribute with this local name (`w:val` → `val`).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|element| element.name == name)
    }

    /// Every descendant element with this name, in document order, not looking inside a match.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for element in self.elements() {
            if element.name == name {
                out.push(element);
            } else {
                element.find_all(name, out);
            }
        }
    }

    /// The text content of the element and its descendants.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.text_into(&mut out);
        out
    }

    fn text_into(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element(element) => element.text_into(out),
            }
        }
    }

    /// A toggle property such as `<w:i/>` or `<w:i w:val="0"/>`: `Some(true)` when present and
    /// not switched off.
    pub fn toggle(&self, name: &str) -> Option<bool> {
        self.child(name).map(|element| {
            !matches!(
                element.attribute("val"),
                Some("0" | "false" | "off" | "none")
            )
        })
    }
}

fn local(name: &[u8]) -> String {
    let local = match name.iter().rposition(|&byte| byte == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

/// Parse a whole XML part into its root element.
pub fn parse(xml: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut buffer = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|error| {
            format!(
                "malformed XML at byte {}: {error}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(start) => {
                let mut element = Element {
                    name: local(start.name().as_ref()),
                    ..Element::default()
                };
                for attribute in start.attributes().flatten() {
                    let value = attribute
                        .decoded_and_normalized_value(
                            quick_xml::XmlVersion::Implicit1_0,
                            reader.decoder(),
                        )
                        .map(|value| value.into_owned())
                        .unwrap_or_default();
                    element
                        .attributes
                        .push((local(attribute.key.as_ref()), value));
                }
                stack.push(element);
            }
            Event::End(_) => {
                let Some(element) = stack.pop() else {
                    return Err("malformed XML: an end tag with no start".to_string());
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => return Err("malformed XML: an end tag with no start".to_string()),
                }
            }
            Event::Text(text) => {
                let decoded = text
                    .decode()
                    .map_err(|error| format!("malformed XML text: {error}"))?;
                push_text(&mut stack, &decoded);
            }
            Event::CData(data) => {
                let decoded = String::from_utf8_lossy(&data.into_inner()).into_owned();
                push_text(&mut stack, &decoded);
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(character)) => character.to_string(),
                    _ => match reference.decode().as_deref() {
                        Ok("amp") => "&".to_string(),
                        Ok("lt") => "<".to_string(),
                        Ok("gt") => ">".to_string(),
                        Ok("quot") => "\"".to_string(),
                        Ok("apos") => "'".to_string(),
                        _ => String::new(),
                    },
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    let mut root = stack.into_iter().next().unwrap_or_default();
    root.children
        .drain(..)
        .find_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "the XML part is empty".to_string())
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(last)) = parent.children.last_mut() {
            last.push_str(text);
        } else {
            parent.children.push(Node::Text(text.to_string()));
        }
    }
}
