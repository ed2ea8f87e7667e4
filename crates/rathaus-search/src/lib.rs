//! Service search and request routing: a citizen's free text ("mein Perso ist
//! abgelaufen", "fuhrungszeugnis", "I moved to a new flat") → the catalogue's best services,
//! each with its department and a score, and a confidence; below the threshold the answer
//! says so and the caller offers the general enquiry contact instead of guessing.
//!
//! Pure: no I/O, no models. The engine works on its own [`Document`]s; the adapter
//! [`catalog`] converts a `rathaus_catalog::Catalog`.
//!
//! # Pipeline
//!
//! 1. **Analysis** ([`analysis`], the same for catalogue and query): fold to lower case
//!    with `ä`/`ae` → `a`, `ß` → `ss` (one canonical folding), split on punctuation, join
//!    separable verbs ("melde mich an" → `anmelde`), drop German and English stop words,
//!    stem with Snowball German *and* English (a word matches if any stem matches; the
//!    stemmers keep `anmeld`/`abmeld`/`ummeld` apart).
//! 2. **Vocabulary repair** (query only, `query.rs`): an unknown word is split into known
//!    compound parts ("Hundesteueranmeldung" → hundesteuer + anmeldung, with linking
//!    morphemes), or else corrected to the nearest catalogue or lexicon word (OSA distance
//!    ≤ 1 for 4–7 letters, ≤ 2 for longer, SymSpell deletion index), at a reduced weight.
//! 3. **Lexicon** ([`lexicon`], `lexicon/synonyms.txt`): colloquial, English and general
//!    words ("Köter", "Karre", "geklaut", "moved", "mich abmelden") add canonical catalogue
//!    words; a negated word ("noch nicht fertig") triggers no synonym.
//! 4. **Ranking** ([`routing`]): BM25F over name (and slug) > keywords > phrasings >
//!    summary > description > other, with a field-weighted IDF over the catalogue,
//!    precomputed per term and service at build time; compound parts of catalogue words are
//!    credited at a share; bonuses for adjacent query words that are adjacent in a keyword,
//!    phrasing or name, and for a query that equals one.
//! 5. **Confidence** ([`routing`]): a logistic model of the top score, the margin to the
//!    runner-up and the share of the query the top service explains, fitted on the tuning
//!    split of `data/queries.tsv`; `confident` by a calibrated threshold.
//!
//! ```
//! let index = rathaus_search::catalog::demo_index();
//! let routing = index.route("mein Perso ist abgelaufen", 3);
//! assert_eq!(routing.services[0].id, "personalausweis-beantragen");
//! assert_eq!(routing.services[0].department, "buergerbuero");
//! assert!(routing.confident);
//! assert!(!index.route("Wie wird das Wetter morgen?", 3).confident);
//! ```
//!
//! Evaluation and latency: `cargo run --release -p rathaus-search --example evaluate`
//! (figures in `BENCHMARKS.md`); why a query lands where it does:
//! `cargo run -p rathaus-search --example explain -- "Perso weg"` ([`Index::explain`]).

pub mod analysis;
mod batch;
pub mod catalog;
mod document;
pub mod evaluation;
mod explain;
mod index;
pub mod lexicon;
mod params;
mod query;
pub mod routing;

pub use batch::route_batch_line;
pub use document::{Document, Field};
pub use index::Index;
pub use params::{FieldParams, Params};
pub use routing::{Evidence, Hit, Routing};
