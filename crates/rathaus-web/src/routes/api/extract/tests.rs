//! The extractors' rejections, through a small router.

use super::*;
use axum::{Router, body::Body, extract::DefaultBodyLimit, routing::post};
use http_body_util::BodyExt;
use serde::Deserialize;
use serde_json::{Value, json};
use tower::ServiceExt;

#[derive(Debug, Deserialize, Serialize)]
struct Thing {
    name: String,
    tags: Vec<Tag>,
}

#[derive(Debug, Deserialize, Serialize)]
struct Tag {
    #[serde(rename = "a/b")]
    weight: u8,
}

#[derive(Debug, Deserialize)]
struct Paging {
    page: u32,
}

fn app() -> Router {
    Router::new()
        .route("/json", post(|ApiJson(t): ApiJson<Thing>| async move { ApiJson(t) }))
        .route("/query", post(|ApiQuery(p): ApiQuery<Paging>| async move { p.page.to_string() }))
        .route("/path/{id}", post(|ApiPath(id): ApiPath<u32>| async move { id.to_string() }))
        .layer(DefaultBodyLimit::max(64))
}

async fn call(uri: &str, content_type: Option<&str>, body: &str) -> (StatusCode, String, Value) {
    let mut req = Request::post(uri);
    if let Some(ct) = content_type {
        req = req.header(header::CONTENT_TYPE, ct);
    }
    let res = app().oneshot(req.body(Body::from(body.to_owned())).unwrap()).await.unwrap();
    let status = res.status();
    let ct = res.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, ct, value)
}

const JSON: Option<&str> = Some("application/json");

#[tokio::test]
async fn accepts_and_answers_json() {
    let (status, ct, body) = call("/json", Some("application/json; charset=utf-8"), r#"{"name":"x","tags":[]}"#).await;
    assert_eq!((status, ct.as_str()), (StatusCode::OK, "application/json"));
    assert_eq!(body, json!({"name": "x", "tags": []}));
    assert_eq!(
        call("/json", Some("application/merge-patch+json"), r#"{"name":"x","tags":[]}"#).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn content_type_and_size_are_checked_first() {
    for ct in [None, Some("text/plain"), Some("application/x-www-form-urlencoded")] {
        let (status, content_type, body) = call("/json", ct, r#"{"name":"x","tags":[]}"#).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(body["status"], 415);
    }
    let big = format!(r#"{{"name":"{}","tags":[]}}"#, "x".repeat(100));
    let (status, content_type, body) = call("/json", JSON, &big).await;
    assert_eq!((status, content_type.as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "application/problem+json"));
    assert_eq!(body["type"], "/api/v1/problems/payload-too-large");
}

#[tokio::test]
async fn syntax_errors_say_where() {
    let (status, _, body) = call("/json", JSON, "{\n  \"name\": \"x\",,\n}").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("line 2, column 15"), "{detail}");
    for broken in ["", "{", r#"{"name":"x","tags":[]} trailing"#] {
        assert_eq!(call("/json", JSON, broken).await.0, StatusCode::BAD_REQUEST, "{broken:?}");
    }
}

#[tokio::test]
async fn shape_errors_point_at_the_field() {
    let cases = [
        (r#"{"name": 5, "tags": []}"#, "/name"),
        (r#"{"tags": []}"#, "/name"),
        (r#"{"name": "x", "tags": [{"a/b": 1}, {"a/b": "heavy"}]}"#, "/tags/1/a~1b"),
        (r#"{"name": "x", "tags": [{}]}"#, "/tags/0/a~1b"),
        ("[]", ""),
    ];
    for (input, pointer) in cases {
        let (status, ct, body) = call("/json", JSON, input).await;
        assert_eq!((status, ct.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "application/problem+json"), "{input}");
        assert_eq!(body["errors"][0]["pointer"], pointer, "{input}: {body}");
        assert!(!body["errors"][0]["detail"].as_str().unwrap().contains(" at line "), "{body}");
    }
}

#[tokio::test]
async fn query_and_path_parameters_are_problems_too() {
    assert_eq!(call("/query?page=3", None, "").await.0, StatusCode::OK);
    for uri in ["/query?page=x", "/query"] {
        let (status, ct, body) = call(uri, None, "").await;
        assert_eq!((status, ct.as_str()), (StatusCode::BAD_REQUEST, "application/problem+json"), "{uri}");
        assert_eq!(body["errors"][0]["pointer"], "/page", "{uri}: {body}");
    }
    assert_eq!(call("/path/7", None, "").await.0, StatusCode::OK);
    let (status, ct, body) = call("/path/seven", None, "").await;
    assert_eq!((status, ct.as_str()), (StatusCode::BAD_REQUEST, "application/problem+json"));
    assert_eq!(body["errors"][0]["pointer"], "/id", "{body}");
}
