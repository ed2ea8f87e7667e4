//! Reading the XML tree: well-formedness and namespace checks, then `leistung` and
//! `organisationseinheit` elements. XÖV code values (`code`, `name` inside a code element)
//! are unqualified in XZuFi, so child lookups accept the XZuFi namespace or none.

use super::{
    ImportedDepartment, ImportedService, OtherText, XZUFI_NAMESPACE, XzufiImport,
    markup::{list_items, plain_text},
    modules::Target,
    tree::{
        append, child, child_ident, children, fill_each, fill_empty, identifier, identifier_of, in_xzufi, is,
        language_of, localized, one_line, one_line_str, plain, text_of,
    },
};
use crate::{CatalogError, LeikaKey, model::Text};
use roxmltree::{Document, Node, ParsingOptions};
use std::collections::{BTreeSet, HashMap};

/// Parses an XZuFi 2.2 file. Fails on malformed XML (with line and column), on a file in
/// another namespace, on a file without any `leistung`, and on a `leistung` without `id`.
pub fn parse_xzufi(xml: &str) -> Result<XzufiImport, CatalogError> {
    let doc = Document::parse_with_options(xml, ParsingOptions::default()).map_err(|e| xml_error(xml, &e))?;
    let line_of = |n: Node<'_, '_>| doc.text_pos_at(n.range().start).row;

    let root = doc.root_element();
    let any_xzufi = doc.descendants().any(|n| n.is_element() && in_xzufi(n));
    if !any_xzufi {
        return Err(wrong_namespace(root, line_of(root)));
    }
    let leistungen: Vec<Node<'_, '_>> = doc.descendants().filter(|n| is(*n, "leistung")).collect();
    if leistungen.is_empty() {
        if let Some(other) = doc.descendants().find(|n| n.is_element() && n.tag_name().name() == "leistung") {
            return Err(wrong_namespace(other, line_of(other)));
        }
        return Err(CatalogError::NoServices);
    }

    let mut import = XzufiImport::default();
    let mut ignored_languages = BTreeSet::new();
    for node in leistungen {
        let line = line_of(node);
        let Some(id) = identifier(node) else {
            return Err(CatalogError::InvalidService {
                line,
                message: "it has no <id>, so a re-import could not find it again".into(),
            });
        };
        if import.services.iter().any(|s| s.xzufi_id == id) {
            import.warnings.push(format!("line {line}: leistung {id} appears twice; the first one is used"));
            continue;
        }
        let service = read_service(node, id, line, &mut import.warnings, &mut ignored_languages);
        if service.name.is_empty() {
            import.warnings.push(format!(
                "line {line}: leistung {} has no Leistungsbezeichnung (text module 02/03) and is skipped",
                service.xzufi_id
            ));
            continue;
        }
        import.services.push(service);
    }

    let mut responsible: Vec<(String, String)> = Vec::new();
    for node in doc.descendants().filter(|n| is(*n, "organisationseinheit")) {
        let Some(id) = identifier(node) else {
            import.warnings.push(format!("line {}: organisationseinheit without <id> is skipped", line_of(node)));
            continue;
        };
        let dept = read_department(node, id, &mut ignored_languages);
        for s in &dept.services {
            responsible.push((s.clone(), dept.xzufi_id.clone()));
        }
        import.departments.push(dept);
    }
    // Responsibilities sent as separate objects.
    for node in doc.descendants().filter(|n| is(*n, "zustaendigkeitTransferObjekt")) {
        if let (Some(s), Some(o)) = (child_ident(node, "leistungID"), child_ident(node, "organisationseinheitID")) {
            responsible.push((s, o));
        }
    }
    assign_departments(&mut import, &responsible);
    for lang in ignored_languages {
        import.warnings.push(format!("texts in language {lang:?} were ignored (only de and en are kept)"));
    }
    Ok(import)
}

fn read_service(
    node: Node<'_, '_>,
    xzufi_id: String,
    line: u32,
    warnings: &mut Vec<String>,
    ignored: &mut BTreeSet<String>,
) -> ImportedService {
    let mut s = ImportedService { xzufi_id, line, ..ImportedService::default() };
    for r in children(node, "referenzLeiKa") {
        let code = child(r, "code").map(text_of).unwrap_or_default();
        match LeikaKey::parse(&code) {
            Ok(key) if s.leika.is_none() => s.leika = Some(key),
            Ok(_) => {}
            Err(_) => warnings.push(format!("line {line}: {code:?} in referenzLeiKa is not a LeiKa key")),
        }
    }
    let mut name = Text::default();
    let mut name2 = Text::default();
    let mut short = Text::default();
    let mut teaser = Text::default();
    for module in children(node, "modulText") {
        let kind = child(module, "leikaTextmodul");
        let code = kind.and_then(|k| child(k, "code")).map(text_of).unwrap_or_default();
        let label = kind.and_then(|k| child(k, "name")).map(text_of).unwrap_or_default();
        let target = Target::from_name(&label).unwrap_or_else(|| Target::from_code(&code));
        let raw = localized(children(module, "inhalt"), ignored);
        match target {
            Target::LeikaKey => {
                if s.leika.is_none() {
                    s.leika = LeikaKey::parse(&plain_text(&raw.de)).ok();
                }
            }
            Target::Name => append(&mut name, &one_line(&raw)),
            Target::NameII => append(&mut name2, &one_line(&raw)),
            Target::Description => append(&mut s.description, &plain(&raw)),
            Target::Documents => {
                s.documents.de.extend(list_items(&raw.de));
                s.documents.en.extend(list_items(&raw.en));
            }
            Target::Eligibility => append(&mut s.eligibility, &plain(&raw)),
            Target::Costs => append(&mut s.costs, &plain(&raw)),
            Target::Procedure => append(&mut s.procedure, &plain(&raw)),
            Target::ProcessingTime => append(&mut s.processing_time, &plain(&raw)),
            Target::Deadlines => append(&mut s.deadlines, &plain(&raw)),
            Target::Notes => append(&mut s.notes, &plain(&raw)),
            Target::LegalBasis => {
                let items = list_items(if raw.de.trim().is_empty() { &raw.en } else { &raw.de });
                s.legal_basis.extend(items);
            }
            Target::ShortText => append(&mut short, &plain(&raw)),
            Target::Teaser => append(&mut teaser, &plain(&raw)),
            Target::Other => {
                let text = plain(&raw);
                if !text.is_empty() {
                    s.other_texts.push(OtherText { code, label, text });
                }
            }
        }
    }
    // Dedicated modules fill what the text modules left empty.
    for (element, target) in [
        ("modulKosten", &mut s.costs),
        ("modulFrist", &mut s.deadlines),
        ("modulBearbeitungsdauer", &mut s.processing_time),
    ] {
        for m in children(node, element) {
            let text = plain(&localized(children(m, "beschreibung"), ignored));
            fill_empty(target, &text);
        }
    }
    for m in children(node, "modulBegriffImKontext") {
        for b in children(m, "begriffImKontext") {
            for term in children(b, "begriff") {
                match language_of(term) {
                    Ok(lang) => {
                        let t = one_line_str(&text_of(term));
                        let list = s.keywords.slot_mut(lang);
                        if !t.is_empty() && !list.iter().any(|k| k.eq_ignore_ascii_case(&t)) {
                            list.push(t);
                        }
                    }
                    Err(other) => {
                        ignored.insert(other);
                    }
                }
            }
        }
    }
    s.name = name;
    fill_each(&mut s.name, &name2, true);
    s.summary = short;
    fill_each(&mut s.summary, &teaser, true);
    s
}

fn read_department(node: Node<'_, '_>, xzufi_id: String, ignored: &mut BTreeSet<String>) -> ImportedDepartment {
    let mut d = ImportedDepartment { xzufi_id, ..ImportedDepartment::default() };
    for n in children(node, "name") {
        // `name` is either the text itself or a wrapper with a `name` child.
        let inner: Vec<Node<'_, '_>> = children(n, "name").collect();
        let texts =
            if inner.is_empty() { localized([n].into_iter(), ignored) } else { localized(inner.into_iter(), ignored) };
        fill_each(&mut d.name, &Text::new(one_line_str(&texts.de), one_line_str(&texts.en)), false);
    }
    for k in node.descendants().filter(|n| is(*n, "kennung")) {
        let value = text_of(k).trim().to_owned();
        if value.contains('@') {
            d.email.get_or_insert(value.trim_start_matches("mailto:").to_owned());
        } else if value.starts_with('+') || value.starts_with('0') {
            d.phone.get_or_insert(value);
        }
    }
    for z in children(node, "zustaendigkeit") {
        for id in children(z, "leistungID").filter_map(identifier_of) {
            if !d.services.contains(&id) {
                d.services.push(id);
            }
        }
    }
    d
}

/// Sets each service's department from the responsibilities. An id matches exactly, or by
/// its bare part when one side lacks the agency qualifier.
fn assign_departments(import: &mut XzufiImport, responsible: &[(String, String)]) {
    let mut claims: HashMap<usize, Vec<String>> = HashMap::new();
    for (service_id, org_id) in responsible {
        let service = import.services.iter().position(|s| same_id(&s.xzufi_id, service_id));
        let org = import.departments.iter().find(|d| same_id(&d.xzufi_id, org_id));
        if let (Some(i), Some(org)) = (service, org) {
            let list = claims.entry(i).or_default();
            if !list.contains(&org.xzufi_id) {
                list.push(org.xzufi_id.clone());
            }
        }
    }
    let mut indices: Vec<_> = claims.into_iter().collect();
    indices.sort();
    for (i, orgs) in indices {
        let s = &mut import.services[i];
        if orgs.len() > 1 {
            import.warnings.push(format!(
                "leistung {} has {} responsible organisations; {} is used",
                s.xzufi_id,
                orgs.len(),
                orgs[0]
            ));
        }
        s.department = orgs.into_iter().next();
    }
}

fn same_id(a: &str, b: &str) -> bool {
    let bare = |s: &str| s.rsplit('/').next().unwrap_or(s).to_owned();
    a == b || ((!a.contains('/') || !b.contains('/')) && bare(a) == bare(b))
}

fn xml_error(xml: &str, e: &roxmltree::Error) -> CatalogError {
    let pos = e.pos();
    // roxmltree appends " at row:col"; the error carries the position in its own words.
    let mut message = e.to_string().trim_end_matches(&format!(" at {pos}")).to_owned();
    if let roxmltree::Error::UnexpectedCloseTag(expected, _, _) = e
        && let Some(opened) = opening_line(xml, expected, pos)
    {
        message.push_str(&format!(" (<{expected}> opened at line {opened} is not closed)"));
    }
    CatalogError::Xml { line: pos.row, column: pos.col, message }
}

/// The line of the last `<name` before `pos`: where the unclosed element was opened.
fn opening_line(xml: &str, name: &str, pos: roxmltree::TextPos) -> Option<usize> {
    let row = pos.row.saturating_sub(1) as usize;
    let line_start: usize = xml.split_inclusive('\n').take(row).map(str::len).sum();
    let in_line: usize =
        xml[line_start.min(xml.len())..].chars().take(pos.col.saturating_sub(1) as usize).map(char::len_utf8).sum();
    let offset = line_start + in_line;
    let needle = format!("<{name}");
    let before = &xml[..offset.min(xml.len())];
    let mut search = before;
    while let Some(at) = search.rfind(&needle) {
        let next = before[at + needle.len()..].chars().next();
        if matches!(next, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            return Some(before[..at].matches('\n').count() + 1);
        }
        search = &before[..at];
    }
    None
}

fn wrong_namespace(n: Node<'_, '_>, line: u32) -> CatalogError {
    CatalogError::WrongNamespace {
        expected: XZUFI_NAMESPACE,
        found: n.tag_name().namespace().unwrap_or("(no namespace)").to_owned(),
        element: n.tag_name().name().to_owned(),
        line,
    }
}
