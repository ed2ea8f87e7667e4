//! Templates with the placeholders `{{to}}`, `{{text}}` and `{{sender}}`, rendered with
//! the escaping of the place they go to (JSON string, form field, URL, or as is).
//!
//! A template is checked when the configuration is read: an unknown placeholder or an
//! unclosed `{{` is an error then, not when the first message goes out.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    To,
    Text,
    Sender,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Field(Field),
}

/// A parsed template.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

impl std::fmt::Debug for Template {
    /// Shows the placeholders and the size of the literal text, which may hold an API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<Field> =
            self.parts.iter().filter_map(|p| if let Part::Field(x) = p { Some(*x) } else { None }).collect();
        f.debug_struct("Template").field("fields", &fields).field("literal_bytes", &self.literal_len()).finish()
    }
}

/// How values are written into the rendered template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escaping {
    /// Inside a JSON string: quotes, backslashes and control characters escaped; the
    /// template writes the quotes (`"{{text}}"`).
    Json,
    /// `application/x-www-form-urlencoded` (space as `+`), for form bodies and GET queries.
    Form,
    /// Percent-encoded except for the unreserved characters, for the URL itself.
    Url,
    /// As is.
    Raw,
}

/// The values of the placeholders for one message.
#[derive(Clone, Copy)]
pub(crate) struct Values<'a> {
    pub to: &'a str,
    pub text: &'a str,
    pub sender: &'a str,
}

/// Characters kept as they are in URLs: RFC 3986's unreserved set.
const URL_KEEP: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Why a template cannot be used; names the placeholder, never a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholder {{{{{0}}}}} (use {{{{to}}}}, {{{{text}}}} or {{{{sender}}}})")]
    Unknown(String),
    #[error("a placeholder opened with {{{{ is not closed with }}}}")]
    Unclosed,
}

impl Template {
    pub(crate) fn parse(source: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = source;
        while let Some(start) = rest.find("{{") {
            if start > 0 {
                parts.push(Part::Literal(rest[..start].to_owned()));
            }
            let after = &rest[start + 2..];
            let end = after.find("}}").ok_or(TemplateError::Unclosed)?;
            let field = match after[..end].trim() {
                "to" => Field::To,
                "text" => Field::Text,
                "sender" => Field::Sender,
                other => return Err(TemplateError::Unknown(other.to_owned())),
            };
            parts.push(Part::Field(field));
            rest = &after[end + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(Template { parts })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    pub(crate) fn uses(&self, field: Field) -> bool {
        self.parts.contains(&Part::Field(field))
    }

    /// The template with the values written in, each escaped with `escaping`.
    pub(crate) fn render(&self, values: Values<'_>, escaping: Escaping) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Field(field) => {
                    let value = match field {
                        Field::To => values.to,
                        Field::Text => values.text,
                        Field::Sender => values.sender,
                    };
                    escape_into(&mut out, value, escaping);
                }
            }
        }
        out
    }

    /// Length of the template's literal text, for `Debug` without showing the text.
    pub(crate) fn literal_len(&self) -> usize {
        self.parts.iter().map(|p| if let Part::Literal(s) = p { s.len() } else { 0 }).sum()
    }
}

fn escape_into(out: &mut String, value: &str, escaping: Escaping) {
    match escaping {
        Escaping::Raw => out.push_str(value),
        Escaping::Form => out.extend(url::form_urlencoded::byte_serialize(value.as_bytes())),
        Escaping::Url => out.extend(utf8_percent_encode(value, URL_KEEP)),
        Escaping::Json => {
            let quoted = serde_json::Value::String(value.to_owned()).to_string();
            // A JSON string always starts and ends with a quote.
            out.push_str(&quoted[1..quoted.len() - 1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALUES: Values<'static> = Values { to: "+4917012345678", text: "Ä \"1\" & 2+3\n\\", sender: "Rathaus" };

    fn render(template: &str, escaping: Escaping) -> String {
        Template::parse(template).unwrap().render(VALUES, escaping)
    }

    #[test]
    fn json_escapes_inside_the_quotes() {
        let out = render(r#"{"to":"{{to}}","text":"{{ text }}","from":"{{sender}}"}"#, Escaping::Json);
        assert_eq!(out, r#"{"to":"+4917012345678","text":"Ä \"1\" & 2+3\n\\","from":"Rathaus"}"#);
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["text"], VALUES.text);
    }

    #[test]
    fn form_and_url_encode() {
        assert_eq!(
            render("to={{to}}&msg={{text}}", Escaping::Form),
            "to=%2B4917012345678&msg=%C3%84+%221%22+%26+2%2B3%0A%5C"
        );
        assert_eq!(
            render("/send/{{to}}?t={{text}}", Escaping::Url),
            "/send/%2B4917012345678?t=%C3%84%20%221%22%20%26%202%2B3%0A%5C"
        );
        assert_eq!(render("{{text}}", Escaping::Raw), VALUES.text);
    }

    #[test]
    fn templates_are_checked() {
        assert_eq!(Template::parse("{{phone}}"), Err(TemplateError::Unknown("phone".into())));
        assert_eq!(Template::parse("x {{to"), Err(TemplateError::Unclosed));
        let t = Template::parse("{ \"a\": 1 } {{sender}}").unwrap();
        assert!(t.uses(Field::Sender) && !t.uses(Field::To));
        assert!(Template::parse("").unwrap().is_empty());
        assert_eq!(
            TemplateError::Unknown("x".into()).to_string(),
            "unknown placeholder {{x}} (use {{to}}, {{text}} or {{sender}})"
        );
    }
}
