//! A human-readable account of how a query was analysed and scored, for catalogue editors
//! ("why does this request land there?") and for tuning. Not for end users.

use crate::index::Index;
use crate::query::Clause;

impl Index {
    /// Lines describing the query's clauses (with their terms) and the top `limit` services
    /// with each clause's contribution.
    pub fn explain(&self, query: &str, limit: usize) -> Vec<String> {
        let analysed = self.analyse_query(query);
        let names = self.term_names();
        let mut lines = vec![format!("coverage units (matched, total weight): {:?}", analysed.units)];
        for (i, clause) in analysed.clauses.iter().enumerate() {
            lines.push(format!("clause {i} covers {:?}: {}", clause.covers, describe(clause, &names)));
        }
        for bigram in &analysed.bigrams {
            let pairs: Vec<String> =
                bigram.pairs.iter().map(|&(a, b)| format!("{}+{}", names[a as usize], names[b as usize])).collect();
            lines.push(format!("bigram ×{:.2}: {}", bigram.weight, pairs.join(" | ")));
        }
        let routing = self.route(query, limit);
        let evidence = self.evidence(query);
        lines.push(format!(
            "evidence: top {:.2}, second {:.2}, coverage {:.2} → confidence {:.2} (confident: {})",
            evidence.top_score, evidence.second_score, evidence.coverage, routing.confidence, routing.confident
        ));
        let mut scratch = vec![0.0f32; self.docs.len()];
        for hit in &routing.services {
            let doc = self.docs.iter().position(|d| d.id == hit.id).unwrap_or_default();
            let parts: Vec<String> = analysed
                .clauses
                .iter()
                .enumerate()
                .map(|(i, clause)| {
                    self.score_clause(clause, &mut scratch);
                    format!("c{i}={:.2}", scratch[doc])
                })
                .collect();
            lines.push(format!("{} ({:.2}): {}", hit.id, hit.score, parts.join(" ")));
        }
        lines
    }

    fn term_names(&self) -> Vec<&str> {
        let mut names = vec![""; self.terms.len()];
        for (name, &id) in &self.terms {
            names[id as usize] = name;
        }
        names
    }
}

fn describe(clause: &Clause, names: &[&str]) -> String {
    clause
        .readings
        .iter()
        .map(|r| {
            let groups: Vec<String> = r
                .groups
                .iter()
                .map(|g| g.iter().map(|&(t, w)| format!("{}×{w:.1}", names[t as usize])).collect::<Vec<_>>().join("|"))
                .collect();
            format!("[{:.2}: {}]", r.weight, groups.join(" + "))
        })
        .collect::<Vec<_>>()
        .join(" or ")
}
