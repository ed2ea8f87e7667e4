//! The batch routing format of the command line: `rathaus route --demo --batch` reads one
//! query per line from standard input and prints one JSON object per line,
//! `{"query": "…", "services": [{"slug": "…", "score": 0.93}, …]}`, built by
//! [`route_batch_line`].

use crate::index::Index;
use serde_json::{Value, json};

/// One output line of `rathaus route --demo --batch` (which reads one query per line from
/// stdin and prints one such JSON line per query): the query as given and at most `limit`
/// services, best first, each with its slug and its score (0..1, two decimals).
pub fn route_batch_line(index: &Index, query: &str, limit: usize) -> Value {
    let routing = index.route(query, limit);
    let services: Vec<Value> = routing
        .services
        .iter()
        .map(|hit| json!({ "slug": hit.id, "score": (f64::from(hit.score) * 100.0).round() / 100.0 }))
        .collect();
    json!({ "query": query, "services": services })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Field};

    #[test]
    fn prints_query_and_ranked_slugs() {
        let docs = [
            Document {
                id: "hund".into(),
                department: "steueramt".into(),
                fields: vec![(Field::Name, "Hundesteuer".into())],
            },
            Document {
                id: "pass".into(),
                department: "buergerbuero".into(),
                fields: vec![(Field::Name, "Reisepass".into())],
            },
        ];
        let index = Index::build(&docs);
        let line = route_batch_line(&index, "Hundesteuer", 3);
        assert_eq!(line["query"], "Hundesteuer");
        let services = line["services"].as_array().unwrap();
        assert_eq!(services.len(), 1);
        assert_eq!(services[0]["slug"], "hund");
        let score = services[0]["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert_eq!(route_batch_line(&index, "asdfgh", 3)["services"].as_array().unwrap().len(), 0);
    }
}
