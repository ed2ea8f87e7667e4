//! Evaluation and latency benchmark of the request routing on the Musterstadt demo
//! catalogue and `data/queries.tsv`:
//!
//! ```text
//! cargo run --release -p rathaus-search --example evaluate            # both splits + latency
//! cargo run --release -p rathaus-search --example evaluate -- --tune  # tuning split only
//! cargo run --release -p rathaus-search --example evaluate -- --fit   # refit the confidence model on `tune`
//! cargo run --release -p rathaus-search --example evaluate -- --tune --set bigram=1.0 --set k1=1.5
//! ```

use rathaus_search::catalog::documents_from_catalog;
use rathaus_search::evaluation::{QUERIES, Report, Split, evaluate, fit_confidence, parse_queries};
use rathaus_search::{Index, Params};
use std::time::Instant;

const LATENCY_RUNS: usize = 10_000;

fn main() {
    let queries = match parse_queries(QUERIES) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("data/queries.tsv: {e}");
            std::process::exit(1);
        }
    };
    let docs = documents_from_catalog(&rathaus_catalog::demo_catalog());
    let params = params_from_args();
    let started = Instant::now();
    let index = Index::build_with(&docs, params, &rathaus_search_rules());
    let build = started.elapsed();
    println!("index: {} services, built in {:.1} ms", index.len(), build.as_secs_f64() * 1e3);

    if std::env::args().any(|a| a == "--fit") {
        fit(&index, &queries, &docs);
        return;
    }

    let splits: &[Split] =
        if std::env::args().any(|a| a == "--tune") { &[Split::Tune] } else { &[Split::Tune, Split::Test] };
    for &split in splits {
        let report = evaluate(&index, &queries, split);
        print_report(split, &report);
    }
    latency(&index, &queries);
}

fn print_report(split: Split, r: &Report) {
    println!();
    println!("== split {} ==", split.name());
    println!(
        "in scope: {}   top-1: {:.1} %   top-3: {:.1} %",
        r.in_scope,
        100.0 * r.top1_rate(),
        100.0 * r.top3_rate()
    );
    println!(
        "confident on in-scope: {:.1} % ({} of {}, of which {} wrong)",
        100.0 * r.confident_in_scope_rate(),
        r.confident_in_scope,
        r.in_scope,
        r.confident_wrong
    );
    println!(
        "out of scope: {}   confident (false alarms): {:.1} % ({})",
        r.out_of_scope,
        100.0 * r.confident_out_of_scope_rate(),
        r.confident_out_of_scope
    );
    for (query, first, conf) in &r.false_alarms {
        println!("  false alarm: {query:?} → {first} ({conf:.2})");
    }
    for (query, conf) in &r.unsure {
        println!("  right but not confident: {query:?} ({conf:.2})");
    }
    println!("misses (expected → got, confidence):");
    for m in &r.misses {
        println!("  {:?}: {} → {} ({:.2})", m.query, m.expected, m.got.join(", "), m.confidence);
    }
}

fn latency(index: &Index, queries: &[rathaus_search::evaluation::LabelledQuery]) {
    let texts: Vec<&str> = queries.iter().map(|q| q.text.as_str()).collect();
    let mut micros = Vec::with_capacity(LATENCY_RUNS);
    let mut sink = 0usize;
    for i in 0..LATENCY_RUNS {
        let text = texts[i % texts.len()];
        let started = Instant::now();
        let routing = index.route(text, 5);
        micros.push(started.elapsed().as_secs_f64() * 1e6);
        sink += routing.services.len();
    }
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros[((micros.len() - 1) as f64 * q).round() as usize];
    println!();
    println!(
        "latency over {LATENCY_RUNS} routings (µs): median {:.1}   p90 {:.1}   p99 {:.1}   max {:.1}   (hits {sink})",
        at(0.5),
        at(0.9),
        at(0.99),
        micros[micros.len() - 1]
    );
}

fn fit(index: &Index, queries: &[rathaus_search::evaluation::LabelledQuery], docs: &[rathaus_search::Document]) {
    let samples: Vec<([f32; 3], bool)> = queries
        .iter()
        .filter(|q| q.split == Split::Tune)
        .map(|q| {
            let evidence = index.evidence(&q.text);
            let first = index.route(&q.text, 1).services.first().map(|h| h.id.clone());
            let right = q.expected.is_some() && first == q.expected;
            (evidence.features(), right)
        })
        .collect();
    let weights = fit_confidence(&samples);
    println!("fitted confidence model (ln top score, margin, coverage, intercept): {weights:?}");
    for threshold in [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let params = Params { confidence: weights, threshold, ..params_from_args() };
        let index = Index::build_with(docs, params, &rathaus_search_rules());
        let r = evaluate(&index, queries, Split::Tune);
        println!(
            "threshold {threshold:.1}: confident in scope {:.1} % ({} wrong), confident out of scope {}/{}",
            100.0 * r.confident_in_scope_rate(),
            r.confident_wrong,
            r.confident_out_of_scope,
            r.out_of_scope
        );
    }
}

fn rathaus_search_rules() -> Vec<rathaus_search::lexicon::Rule> {
    rathaus_search::lexicon::parse_lexicon(rathaus_search::lexicon::BUILTIN).unwrap_or_default()
}

/// The default parameters with `--set name=value` overrides (for tuning on `tune` only).
fn params_from_args() -> Params {
    let mut params = Params::default();
    let args: Vec<String> = std::env::args().collect();
    for pair in args.windows(2).filter(|w| w[0] == "--set") {
        let Some((name, value)) = pair[1].split_once('=') else { continue };
        let Ok(v) = value.parse::<f32>() else { continue };
        match name {
            "k1" => params.k1 = v,
            "compound_part" => params.compound_part = v,
            "query_part" => params.query_part = v,
            "typo1" => params.typo[0] = v,
            "typo2" => params.typo[1] = v,
            "synonym" => params.synonym = v,
            "negated" => params.negated = v,
            "bigram" => params.bigram = v,
            "exact" => params.exact = v,
            "unknown_word" => params.unknown_word = v,
            "threshold" => params.threshold = v,
            field => {
                let Some((kind, index)) = field.split_once('.').and_then(|(k, i)| Some((k, i.parse::<usize>().ok()?)))
                else {
                    eprintln!("unknown parameter {name}");
                    continue;
                };
                match kind {
                    "w" => params.fields[index].weight = v,
                    "b" => params.fields[index].b = v,
                    _ => eprintln!("unknown parameter {name}"),
                }
            }
        }
    }
    params
}
