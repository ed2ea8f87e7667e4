//! Reading an OpenAPI 3.1 document (as JSON) into what the documentation page shows:
//! operations with their parameters, bodies and responses, and the named schemas.
//! Pure functions, no I/O.

use serde_json::Value;

/// What the documentation page lists.
#[derive(Debug, Default)]
pub struct Reference {
    pub title: String,
    pub version: String,
    pub operations: Vec<OperationDoc>,
    pub schemas: Vec<SchemaDoc>,
}

#[derive(Debug)]
pub struct OperationDoc {
    /// The operation's first tag: operations are listed in the order of the tags.
    pub tag: String,
    /// Fragment id of the operation's heading.
    pub anchor: String,
    pub method: String,
    pub path: String,
    pub summary: RichText,
    pub description: RichText,
    pub needs_session: bool,
    pub parameters: Vec<ParameterDoc>,
    pub request_body: Option<BodyDoc>,
    pub responses: Vec<ResponseDoc>,
}

#[derive(Debug)]
pub struct ParameterDoc {
    pub name: String,
    /// Translation key of where the parameter goes (`api-docs-in-path`, …).
    pub location_key: String,
    pub required: bool,
    pub ty: TypeLabel,
    pub description: RichText,
}

#[derive(Debug)]
pub struct BodyDoc {
    pub content_type: String,
    pub ty: TypeLabel,
}

#[derive(Debug)]
pub struct ResponseDoc {
    pub status: String,
    pub description: RichText,
    pub content_type: String,
    pub ty: Option<TypeLabel>,
    pub headers: Vec<String>,
}

/// Text from the document, where `backticks` mark code (as in Markdown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RichText {
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub code: bool,
}

impl RichText {
    pub fn parse(text: &str) -> Self {
        // Between an odd and the next even backtick is code; an unpaired one stays text.
        let parts: Vec<&str> = text.split('`').collect();
        let paired = parts.len() % 2 == 1;
        let mut spans = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let code = i % 2 == 1 && (paired || i + 1 < parts.len());
            let text = if i % 2 == 1 && !code { format!("`{part}") } else { (*part).to_owned() };
            if !text.is_empty() {
                spans.push(Span { text, code });
            }
        }
        RichText { spans }
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// A type in a notation that needs no translation (`StaffMember[]`, `string | null`),
/// linking to the named schema it is about, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeLabel {
    pub text: String,
    pub anchor: Option<String>,
}

#[derive(Debug)]
pub struct SchemaDoc {
    pub name: String,
    pub anchor: String,
    pub description: RichText,
    pub ty: TypeLabel,
    pub values: Vec<String>,
    pub fields: Vec<FieldDoc>,
}

#[derive(Debug)]
pub struct FieldDoc {
    pub name: String,
    pub ty: TypeLabel,
    pub required: bool,
    pub description: RichText,
    /// The allowed values, if the field is an enumeration.
    pub values: Vec<String>,
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

pub fn read(doc: &Value) -> Reference {
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            if let Some(op) = item.get(method).filter(|op| op.is_object()) {
                operations.push(operation(path, method, op));
            }
        }
    }
    // In the order of the document's tags (what the API is about first), then by path.
    let tags: Vec<&str> = doc["tags"].as_array().into_iter().flatten().filter_map(|t| t["name"].as_str()).collect();
    let rank = |op: &OperationDoc| tags.iter().position(|t| *t == op.tag).unwrap_or(tags.len());
    operations.sort_by_key(rank);
    let schemas = doc["components"]["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, schema)| SchemaDoc {
            name: name.clone(),
            anchor: schema_anchor(name),
            description: rich(&schema["description"]),
            ty: type_label(schema),
            values: enum_values(schema),
            fields: fields(schema),
        })
        .collect();
    Reference { title: text(&doc["info"]["title"]), version: text(&doc["info"]["version"]), operations, schemas }
}

fn operation(path: &str, method: &str, op: &Value) -> OperationDoc {
    let parameters = op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| ParameterDoc {
            name: text(&p["name"]),
            location_key: format!("api-docs-in-{}", p["in"].as_str().unwrap_or("query")),
            required: p["required"].as_bool().unwrap_or(false),
            ty: type_label(&p["schema"]),
            description: rich(&p["description"]),
        })
        .collect();
    let request_body = op["requestBody"]["content"]
        .as_object()
        .and_then(|c| c.iter().next())
        .map(|(content_type, media)| BodyDoc { content_type: content_type.clone(), ty: type_label(&media["schema"]) });
    let responses = op["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(status, r)| {
            let media = r["content"].as_object().and_then(|c| c.iter().next());
            ResponseDoc {
                status: status.clone(),
                description: rich(&r["description"]),
                content_type: media.map(|(ct, _)| ct.clone()).unwrap_or_default(),
                ty: media.map(|(_, m)| &m["schema"]).filter(|s| s.is_object()).map(type_label),
                headers: r["headers"].as_object().map(|h| h.keys().cloned().collect()).unwrap_or_default(),
            }
        })
        .collect();
    OperationDoc {
        tag: text(&op["tags"][0]),
        anchor: format!("op-{}", op["operationId"].as_str().unwrap_or(method).replace('_', "-")),
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        summary: RichText::parse(op["summary"].as_str().unwrap_or("").trim_end_matches('.')),
        description: rich(&op["description"]),
        needs_session: op["security"].as_array().is_some_and(|s| !s.is_empty()),
        parameters,
        request_body,
        responses,
    }
}

fn fields(schema: &Value) -> Vec<FieldDoc> {
    let required: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, prop)| FieldDoc {
            name: name.clone(),
            ty: type_label(prop),
            required: required.contains(&name.as_str()),
            description: rich(&prop["description"]),
            values: enum_values(prop),
        })
        .collect()
}

fn enum_values(schema: &Value) -> Vec<String> {
    schema["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect()
}

fn rich(v: &Value) -> RichText {
    RichText::parse(v.as_str().unwrap_or(""))
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or("").to_owned()
}

pub fn schema_anchor(name: &str) -> String {
    format!("schema-{name}")
}

/// `{"$ref": "#/components/schemas/X"}` → `X`; arrays → `X[]`; nullable → `X | null`.
pub fn type_label(schema: &Value) -> TypeLabel {
    if let Some(target) = schema["$ref"].as_str() {
        let name = target.rsplit('/').next().unwrap_or(target).to_owned();
        return TypeLabel { anchor: Some(schema_anchor(&name)), text: name };
    }
    for combinator in ["oneOf", "anyOf", "allOf"] {
        if let Some(parts) = schema[combinator].as_array() {
            let labels: Vec<TypeLabel> = parts.iter().map(type_label).collect();
            let separator = if combinator == "allOf" { " & " } else { " | " };
            return TypeLabel {
                text: labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(separator),
                anchor: labels.into_iter().find_map(|l| l.anchor),
            };
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let mut anchor = None;
    let names: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "array" => {
                let item = type_label(&schema["items"]);
                anchor = item.anchor;
                format!("{}[]", item.text)
            }
            "string" | "integer" | "number" => match schema["format"].as_str() {
                Some(format) => format!("{t} ({format})"),
                None => (*t).to_owned(),
            },
            other => other.to_owned(),
        })
        .collect();
    let text = if names.is_empty() { "any".to_owned() } else { names.join(" | ") };
    TypeLabel { text, anchor }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn backticks_mark_code() {
        let t = RichText::parse("Send `Content-Type: application/json` or `x");
        let spans: Vec<(&str, bool)> = t.spans.iter().map(|s| (s.text.as_str(), s.code)).collect();
        assert_eq!(spans, [("Send ", false), ("Content-Type: application/json", true), (" or ", false), ("`x", false)]);
        assert!(RichText::parse("").is_empty());
    }

    #[test]
    fn labels_types_in_a_neutral_notation() {
        let staff = TypeLabel { text: "StaffMember".into(), anchor: Some("schema-StaffMember".into()) };
        assert_eq!(type_label(&json!({"$ref": "#/components/schemas/StaffMember"})), staff);
        let list = type_label(&json!({"type": "array", "items": {"$ref": "#/components/schemas/StaffMember"}}));
        assert_eq!(list, TypeLabel { text: "StaffMember[]".into(), anchor: staff.anchor.clone() });
        assert_eq!(
            type_label(&json!({"type": ["string", "null"], "format": "date-time"})).text,
            "string (date-time) | null"
        );
        let nullable = type_label(&json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Logo"}]}));
        assert_eq!(nullable.text, "null | Logo");
        assert_eq!(type_label(&json!({})).text, "any");
    }

    #[test]
    fn reads_operations_and_schemas() {
        let doc = json!({
            "info": {"title": "T", "version": "1"},
            "paths": {"/a/{id}": {"get": {
                "operationId": "get_a", "summary": "Get", "security": [{"c": []}],
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}},
                                      "headers": {"Location": {}}},
                              "404": {"description": "gone"}}
            }}},
            "components": {"schemas": {"A": {"type": "object", "required": ["x"],
                "properties": {"x": {"type": "string", "enum": ["p", "q"]}, "y": {"type": "boolean"}}}}}
        });
        let r = read(&doc);
        let op = &r.operations[0];
        assert_eq!((op.method.as_str(), op.path.as_str(), op.anchor.as_str()), ("GET", "/a/{id}", "op-get-a"));
        assert!(op.needs_session);
        assert_eq!(op.parameters[0].location_key, "api-docs-in-path");
        assert_eq!(op.parameters[0].ty.text, "integer (int64)");
        assert_eq!(op.responses[0].headers, ["Location"]);
        assert_eq!(op.responses[1].ty, None);
        let a = &r.schemas[0];
        assert_eq!((a.fields[0].name.as_str(), a.fields[0].required, a.fields[1].required), ("x", true, false));
        assert_eq!(a.fields[0].values, ["p", "q"]);
    }

    #[test]
    fn lists_operations_in_the_order_of_their_tags() {
        let doc = json!({
            "tags": [{"name": "town"}, {"name": "meta"}],
            "paths": {
                "/a": {"get": {"tags": ["meta"], "responses": {}}},
                "/b": {"get": {"tags": ["town"], "responses": {}}, "post": {"tags": ["town"], "responses": {}}}
            }
        });
        let order: Vec<String> = read(&doc).operations.iter().map(|o| format!("{} {}", o.method, o.path)).collect();
        assert_eq!(order, ["GET /b", "POST /b", "GET /a"]);
    }
}
