//! Extractors and the JSON response type of the API, wrapped so that every rejection is a
//! problem document (`application/problem+json`) instead of axum's plain-text default
//! (see axum's `error-handling` example).
//!
//! * [`ApiJson`] as extractor: wrong or missing `Content-Type` → 415; body over the
//!   configured limit → 413; malformed JSON → 400 with line and column in `detail`; valid
//!   JSON of the wrong shape (wrong type, missing field) → 422 with a [`FieldProblem`]
//!   whose `pointer` names the field. As response: serialised with `application/json`.
//! * [`ApiQuery`] and [`ApiPath`]: a parameter that does not parse → 400 with a
//!   [`FieldProblem`] naming the parameter.

use crate::error::{ApiError, FieldProblem};
use axum::{
    body::Bytes,
    extract::{FromRequest, FromRequestParts, Path, RawPathParams, Request, rejection::PathRejection},
    http::{HeaderMap, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::{Serialize, de::DeserializeOwned};
use serde_path_to_error::{Path as FieldPath, Segment};

/// A JSON request body, or a JSON response.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::unsupported_media_type("Send the body as `Content-Type: application/json`."));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::payload_too_large()
            } else {
                ApiError::bad_request("The request body could not be read.")
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
            Err(e) => ApiError::internal("serialise JSON response", &e).into_response(),
        }
    }
}

/// `application/json`, or any `application/…+json`, with or without parameters.
pub fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Parses a JSON body, telling a syntax error (400) from a shape error (422).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(json_problem)?;
    // Trailing characters after the value are a syntax error, too.
    de.end().map_err(|e| syntax_problem(&e))?;
    Ok(value)
}

fn json_problem(err: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    use serde_json::error::Category;
    match err.inner().classify() {
        Category::Data => {
            let message = without_position(&err.inner().to_string());
            let pointer = pointer_of(err.path(), &message);
            ApiError::validation(vec![FieldProblem { pointer, detail: message }])
                .detail("The request body does not match the expected schema.")
        }
        Category::Syntax | Category::Eof | Category::Io => syntax_problem(err.inner()),
    }
}

fn syntax_problem(err: &serde_json::Error) -> ApiError {
    if err.line() == 0 {
        return ApiError::bad_request("The request body is not valid JSON.");
    }
    ApiError::bad_request(format!(
        "The request body is not valid JSON: {} (line {}, column {}).",
        without_position(&err.to_string()),
        err.line(),
        err.column()
    ))
}

/// serde_json appends " at line L column C" to its messages; we report those separately.
fn without_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((text, pos)) if pos.split(" column ").all(|n| n.bytes().all(|b| b.is_ascii_digit())) => text.to_owned(),
        _ => message.to_owned(),
    }
}

/// The JSON pointer (RFC 6901) of the field an error is about. For a missing or unknown
/// field, serde reports the enclosing object and names the field in the message.
pub fn pointer_of(path: &FieldPath, message: &str) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => push_token(&mut pointer, key),
            Segment::Unknown => pointer.push_str("/?"),
        }
    }
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    if let Some(field) = named {
        push_token(&mut pointer, field);
    }
    pointer
}

fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
}

fn parameter_problem(name: &str, detail: String) -> ApiError {
    let mut pointer = String::new();
    push_token(&mut pointer, name);
    let mut err = ApiError::bad_request(format!("Invalid parameter `{name}`: {detail}."));
    err.errors.push(FieldProblem { pointer, detail });
    err
}

/// Query parameters, deserialised like a URL-encoded form.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map(ApiQuery).map_err(|err| {
            let message = err.inner().to_string();
            let pointer = pointer_of(err.path(), &message);
            parameter_problem(pointer.trim_start_matches('/'), message)
        })
    }
}

/// Path parameters (`/api/v1/staff/{id}`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => {
                // A single value (`ApiPath<i64>`) fails without naming its parameter.
                let raw = RawPathParams::from_request_parts(parts, state).await.ok();
                let mut keys = raw.iter().flat_map(|r| r.iter().map(|(k, _)| k));
                let only_key = match (keys.next(), keys.next()) {
                    (Some(k), None) => Some(k.to_owned()),
                    _ => None,
                };
                Err(path_problem(rejection, only_key))
            }
        }
    }
}

fn path_problem(rejection: PathRejection, only_key: Option<String>) -> ApiError {
    use axum::extract::path::ErrorKind;
    let PathRejection::FailedToDeserializePathParams(failed) = rejection else {
        // No parameters at all: the handler is mounted on the wrong route.
        return ApiError::internal("path parameters", &rejection.body_text());
    };
    let text = failed.body_text();
    match failed.into_kind() {
        ErrorKind::ParseErrorAtKey { key, expected_type, .. } => {
            parameter_problem(&key, format!("expected {expected_type}"))
        }
        ErrorKind::DeserializeError { key, message, .. } => parameter_problem(&key, message),
        ErrorKind::InvalidUtf8InPathParam { key } => parameter_problem(&key, "not valid UTF-8".to_owned()),
        ErrorKind::ParseErrorAtIndex { expected_type, .. } | ErrorKind::ParseError { expected_type, .. } => {
            match only_key {
                Some(key) => parameter_problem(&key, format!("expected {expected_type}")),
                None => ApiError::bad_request(format!("Invalid path parameter: expected {expected_type}.")),
            }
        }
        ErrorKind::Message(message) => ApiError::bad_request(format!("Invalid path parameter: {message}.")),
        // Wrong number of parameters, unsupported types: a programming error, not the client's.
        _ => ApiError::internal("path parameters", &text),
    }
}

#[cfg(test)]
mod tests;
