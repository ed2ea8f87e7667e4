//! Import of XZuFi 2.2 (`http://xoev.de/schemata/xzufi/2_2_0`) service descriptions, as
//! published by the Länder's editorial systems (Redaktionssysteme) and the PVOG.
//!
//! [`parse_xzufi`] reads every `leistung` element wherever it is nested (inside a
//! `transfer.*` message, a `schreibe` block or a `leistungen` list) and every
//! `organisationseinheit` with its `zustaendigkeit` entries. It never touches a catalogue;
//! [`crate::merge_into`] applies the result, so a file that fails to parse changes nothing.
//!
//! Each [`ImportedService`] carries a stable identity – the XZuFi `id` (qualified by its
//! `schemeAgencyID` when given) and the LeiKa key – which the merge and the database layer
//! use as the upsert key, so a re-import updates instead of duplicating.

mod markup;
mod modules;
mod read;
mod tree;

pub use modules::Target;
pub use read::parse_xzufi;

use crate::{LeikaKey, model::Text, model::TextList};

/// The XZuFi 2.2 namespace.
pub const XZUFI_NAMESPACE: &str = "http://xoev.de/schemata/xzufi/2_2_0";

/// Everything read from one XZuFi file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XzufiImport {
    pub services: Vec<ImportedService>,
    pub departments: Vec<ImportedDepartment>,
    /// Things that were skipped or guessed, for the administrator.
    pub warnings: Vec<String>,
}

/// One `leistung`, with its texts already turned into the catalogue's plain text. Empty
/// texts mean "not in the file" and leave the catalogue's value alone when merged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedService {
    /// `id`, as `schemeAgencyID/id` when the agency is given.
    pub xzufi_id: String,
    pub leika: Option<LeikaKey>,
    /// Line of the `leistung` element in the file.
    pub line: u32,
    pub name: Text,
    pub summary: Text,
    pub description: Text,
    pub eligibility: Text,
    pub documents: TextList,
    pub costs: Text,
    pub legal_basis: Vec<String>,
    pub processing_time: Text,
    pub procedure: Text,
    pub deadlines: Text,
    pub notes: Text,
    /// From `modulBegriffImKontext` (synonyms, search terms).
    pub keywords: TextList,
    /// Text modules without a catalogue field (forms, remedies, contact…).
    pub other_texts: Vec<OtherText>,
    /// `xzufi_id` of the responsible `organisationseinheit`, if the file names one.
    pub department: Option<String>,
}

/// A text module kept as is, e.g. "Formulare" or "Rechtsbehelf".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OtherText {
    pub code: String,
    pub label: String,
    pub text: Text,
}

/// One `organisationseinheit`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedDepartment {
    pub xzufi_id: String,
    pub name: Text,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// `xzufi_id`s of the services it is responsible for (`zustaendigkeit`).
    pub services: Vec<String>,
}
