//! What the gateway's answer means: the status decides between sent, try again and give
//! up, and a JSON body may carry the provider's message id. Plain functions, no I/O.

use crate::gateway::SmsError;

/// The verdict on an HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    Sent,
    Failed(SmsError),
}

/// 2xx: sent. 408, 429 and 5xx: transient. Other 4xx: permanent. 1xx and 3xx (redirects
/// are not followed): permanent too, since the configuration points at the wrong place.
pub(crate) fn classify(status: u16) -> Verdict {
    match status {
        200..=299 => Verdict::Sent,
        408 | 429 | 500..=599 => Verdict::Failed(SmsError::Transient(format!("gateway answered HTTP {status}"))),
        400..=499 => Verdict::Failed(SmsError::Permanent(format!("gateway refused the message with HTTP {status}"))),
        _ => Verdict::Failed(SmsError::Permanent(format!("gateway answered unexpected HTTP {status}"))),
    }
}

/// A dotted path into a JSON answer: object keys, and array indexes as numbers
/// (`messages.0.id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IdPath(Vec<String>);

impl IdPath {
    pub(crate) fn parse(path: &str) -> Option<IdPath> {
        let segments: Vec<String> = path.trim().split('.').map(str::to_owned).collect();
        segments.iter().all(|s| !s.is_empty()).then_some(IdPath(segments))
    }

    /// The string or number at the path, if the body is JSON and has one there.
    pub(crate) fn find(&self, body: &[u8]) -> Option<String> {
        // Not JSON, or not shaped as expected: the provider gave no id we can read.
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
            return None;
        };
        let mut at = &json;
        for segment in &self.0 {
            at = match at {
                serde_json::Value::Array(items) => match segment.parse::<usize>() {
                    Ok(index) => items.get(index)?,
                    Err(_) => return None,
                },
                other => other.get(segment)?,
            };
        }
        match at {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_classified() {
        assert_eq!(classify(200), Verdict::Sent);
        assert_eq!(classify(202), Verdict::Sent);
        for transient in [408, 429, 500, 502, 503, 599] {
            assert!(matches!(classify(transient), Verdict::Failed(SmsError::Transient(_))), "{transient}");
        }
        for permanent in [301, 400, 401, 403, 404, 422, 100] {
            assert!(matches!(classify(permanent), Verdict::Failed(SmsError::Permanent(_))), "{permanent}");
        }
        assert_eq!(classify(503), Verdict::Failed(SmsError::Transient("gateway answered HTTP 503".into())));
    }

    #[test]
    fn ids_are_found_by_path() {
        let body = br#"{"id": 7, "messages": [{"id": "m-1"}, {"id": "m-2"}], "ok": true}"#;
        let find = |p: &str| IdPath::parse(p).unwrap().find(body);
        assert_eq!(find("id"), Some("7".into()));
        assert_eq!(find("messages.1.id"), Some("m-2".into()));
        assert_eq!(find("messages.5.id"), None);
        assert_eq!(find("messages.x.id"), None);
        assert_eq!(find("ok"), None);
        assert_eq!(IdPath::parse("id").unwrap().find(b"not json"), None);
        assert_eq!(IdPath::parse("a..b"), None);
        assert_eq!(IdPath::parse(""), None);
    }
}
