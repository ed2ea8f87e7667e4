//! Applying an XZuFi import to a catalogue: update what exists, add what is new, and be
//! idempotent (merging the same import twice changes nothing the second time).
//!
//! Matching: a service is found by XZuFi id, then by LeiKa key, then by the slug derived
//! from its German name (the last two only among services not yet bound to another XZuFi
//! id); a department by XZuFi id, then by the key derived from its name, then by its German
//! name. Each existing item is matched at most once per import.
//!
//! Ownership: the import owns the texts it carries – name, summary, description,
//! eligibility, documents, legal basis, processing time, procedure, deadlines, notes – per
//! language, so a German-only file replaces German texts and keeps the English ones. Local
//! fields stay untouched: slug, topic, channels, counter time, persons, online URL, and
//! structured fees (the import's cost text becomes a fee `rule` only when a service has no
//! fees). Imported keywords are added to the local ones, never replacing them.

use crate::{
    Catalog,
    model::{Department, Fee, Service, Text, TextList},
    slugs::slug_from_name,
    xzufi::{ImportedDepartment, ImportedService, XzufiImport},
};
use rathaus_domain::Language;
use std::collections::{HashMap, HashSet};

/// What a merge did, by slug (services) and key (departments).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: Vec<String>,
    pub departments_added: Vec<String>,
    pub departments_updated: Vec<String>,
}

/// Merges `import` into `catalog`; see the module documentation for the rules.
pub fn merge_into(catalog: &mut Catalog, import: &XzufiImport) -> MergeReport {
    let mut report = MergeReport::default();
    let department_keys = merge_departments(catalog, &import.departments, &mut report);
    let mut matched = HashSet::new();
    for imported in &import.services {
        let department = imported.department.as_ref().and_then(|id| department_keys.get(id)).cloned();
        match find_service(catalog, imported, &matched) {
            Some(i) => {
                matched.insert(i);
                let before = catalog.services[i].clone();
                apply(&mut catalog.services[i], imported, department);
                let slug = catalog.services[i].slug.clone();
                if catalog.services[i] == before {
                    report.unchanged.push(slug);
                } else {
                    report.updated.push(slug);
                }
            }
            None => {
                let slug = unique_slug(catalog, &slug_from_name(&imported.name.de));
                let mut service = Service {
                    slug: slug.clone(),
                    // New from XZuFi: incomplete (no channels, often no English) until an
                    // admin completes and publishes it.
                    draft: true,
                    department: department.clone().unwrap_or_default(),
                    ..Service::default()
                };
                apply(&mut service, imported, department);
                catalog.services.push(service);
                matched.insert(catalog.services.len() - 1);
                report.added.push(slug);
            }
        }
    }
    report
}

fn find_service(catalog: &Catalog, s: &ImportedService, taken: &HashSet<usize>) -> Option<usize> {
    let free = |i: &usize| !taken.contains(i);
    let services = &catalog.services;
    let unbound = |i: &usize| services[*i].xzufi_id.is_none();
    let by_id =
        (0..services.len()).filter(free).find(|&i| services[i].xzufi_id.as_deref() == Some(s.xzufi_id.as_str()));
    let by_leika = || {
        let key = s.leika.as_ref()?;
        (0..services.len()).filter(free).filter(unbound).find(|&i| services[i].leika_key().as_ref() == Some(key))
    };
    let by_slug = || {
        let slug = slug_from_name(&s.name.de);
        (0..services.len()).filter(free).filter(unbound).find(|&i| services[i].slug == slug)
    };
    by_id.or_else(by_leika).or_else(by_slug)
}

fn apply(service: &mut Service, s: &ImportedService, department: Option<String>) {
    service.xzufi_id = Some(s.xzufi_id.clone());
    if let Some(key) = &s.leika {
        service.leika = Some(key.as_str().to_owned());
    }
    if let Some(d) = department {
        service.department = d;
    }
    overlay(&mut service.name, &s.name);
    overlay(&mut service.summary, &s.summary);
    overlay(&mut service.description, &s.description);
    overlay(&mut service.eligibility, &s.eligibility);
    overlay_list(&mut service.documents, &s.documents);
    if !s.legal_basis.is_empty() {
        service.legal_basis = s.legal_basis.clone();
    }
    overlay_optional(&mut service.processing_time, &s.processing_time);
    overlay_optional(&mut service.procedure, &s.procedure);
    overlay_optional(&mut service.deadlines, &s.deadlines);
    overlay_optional(&mut service.notes, &s.notes);
    if service.fees.is_empty() && !s.costs.is_empty() {
        service.fees.push(Fee { label: Text::new("Gebühren", "Fees"), rule: Some(s.costs.clone()), ..Fee::default() });
    }
    for lang in Language::ALL {
        let list = service.keywords.slot_mut(lang);
        for k in s.keywords.slot(lang) {
            if !list.iter().any(|e| e.to_lowercase() == k.to_lowercase()) {
                list.push(k.clone());
            }
        }
    }
}

/// Replaces each language that the import carries.
fn overlay(target: &mut Text, source: &Text) {
    for lang in Language::ALL {
        let value = source.slot(lang);
        if !value.trim().is_empty() {
            *target.slot_mut(lang) = value.clone();
        }
    }
}

fn overlay_optional(target: &mut Option<Text>, source: &Text) {
    if !source.is_empty() {
        overlay(target.get_or_insert_with(Text::default), source);
    }
}

/// Lists are translations entry by entry: when the file changes the German list but
/// brings no English one, the old English list no longer matches and is dropped (pages then
/// show the German list) rather than kept stale.
fn overlay_list(target: &mut TextList, source: &TextList) {
    let german_changed = !source.de.is_empty() && source.de != target.de;
    for lang in Language::ALL {
        if !source.slot(lang).is_empty() {
            *target.slot_mut(lang) = source.slot(lang).clone();
        }
    }
    if german_changed && source.en.is_empty() {
        target.en.clear();
    }
}

fn unique_slug(catalog: &Catalog, base: &str) -> String {
    let taken = |s: &str| catalog.services.iter().any(|x| x.slug == s);
    if !taken(base) {
        return base.to_owned();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|s| !taken(s)).unwrap_or_else(|| base.to_owned())
}

/// Merges departments and returns XZuFi id → department key.
fn merge_departments(
    catalog: &mut Catalog,
    imported: &[ImportedDepartment],
    report: &mut MergeReport,
) -> HashMap<String, String> {
    let mut keys = HashMap::new();
    let mut matched = HashSet::new();
    for d in imported {
        let derived = slug_from_name(&d.name.de);
        let departments = &catalog.departments;
        let free = |i: &usize| !matched.contains(i);
        let found = (0..departments.len())
            .filter(free)
            .find(|&i| departments[i].xzufi_id.as_deref() == Some(d.xzufi_id.as_str()))
            .or_else(|| {
                (0..departments.len()).filter(free).filter(|&i| departments[i].xzufi_id.is_none()).find(|&i| {
                    departments[i].key == derived
                        || (!d.name.de.trim().is_empty()
                            && departments[i].name.de.trim().to_lowercase() == d.name.de.trim().to_lowercase())
                })
            });
        let i = match found {
            Some(i) => i,
            None => {
                let mut key = derived.clone();
                let mut n = 2;
                while catalog.departments.iter().any(|x| x.key == key) {
                    key = format!("{derived}-{n}");
                    n += 1;
                }
                catalog.departments.push(Department { key: key.clone(), ..Department::default() });
                report.departments_added.push(key);
                catalog.departments.len() - 1
            }
        };
        matched.insert(i);
        let before = catalog.departments[i].clone();
        let target = &mut catalog.departments[i];
        target.xzufi_id = Some(d.xzufi_id.clone());
        overlay(&mut target.name, &d.name);
        if d.email.is_some() {
            target.email.clone_from(&d.email);
        }
        if d.phone.is_some() {
            target.phone.clone_from(&d.phone);
        }
        let key = target.key.clone();
        if found.is_some() && *target != before {
            report.departments_updated.push(key.clone());
        }
        keys.insert(d.xzufi_id.clone(), key);
    }
    keys
}
