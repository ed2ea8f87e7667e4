//! Import: makes the database hold what a catalogue file says, as an idempotent upsert.
//!
//! * **Validate first.** A catalogue with any [`Problem`] is refused with the whole list and
//!   nothing is written.
//! * **All or nothing.** The import runs inside the caller's write transaction (open it with
//!   `rathaus_db::begin_write`, or use [`import_catalog`]) under a savepoint of its own: if
//!   any step fails, everything it wrote is rolled back, and the caller's transaction stays
//!   usable.
//! * **Identity.** Departments match by `xzufi_id`, then key; topics and places by key
//!   (places share one key space; a key cannot change its place type: `place-type-fixed`);
//!   services by `xzufi_id`, then LeiKa key, then slug – each pass over all services before
//!   the next, and each row matched once. A service found by `xzufi_id` or LeiKa under
//!   another slug is renamed (it keeps its id, so appointments keep pointing at it).
//!   Updates run before inserts, so a slug freed by a rename can be taken by a new service;
//!   two rows that swap slugs fail with `service-slug-taken` (and nothing changes).
//! * **Idempotent.** An item whose stored form ([`crate::export`]) equals its canonical form
//!   in the file is `unchanged` and not written; importing the same file twice reports
//!   nothing added or updated the second time.
//! * **Nothing is deleted.** Departments, topics, services and places that are not in the
//!   file stay as they are and are reported as `not_in_file` (a partial file must not wipe a
//!   catalogue; deleting is an explicit admin action). A service is active (shown to
//!   citizens) unless the file marks it `draft: true`; export writes inactive services as
//!   drafts, so export → import keeps the state.
//! * **A place in the file is described completely by it:** its weekly hours, exceptions,
//!   offered services, sessions, schedule and cancellations are replaced. Its counters are
//!   matched by key; counters no longer listed are deactivated, not deleted, because queue
//!   tickets and appointments refer to them.
//! * The import appends one `catalog.imported` audit entry with the counts, in the same
//!   transaction.

use crate::export::canonical;
use crate::from_store::{self, CatalogPlace, Keys};
use crate::to_store::{self, Unrepresentable};
use rathaus_catalog::Problem;
use rathaus_catalog::model::{Catalog, Counter};
use rathaus_db::audit::{self, AuditEntry};
use rathaus_db::catalog::places::PlaceType;
use rathaus_db::catalog::{counters, departments, hours, mobile, offerings, places, services, topics};
use rathaus_db::{DatabaseConnection, DatabaseTransaction, DbErr, StoreError, TenantId, begin_write};
use sea_orm::TransactionTrait;
use serde::Serialize;
use std::collections::HashMap;

/// Why an import changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The catalogue does not validate; every problem is listed.
    #[error("the catalogue has {} problem(s), the first: {}", .0.len(), first_problem(.0))]
    Invalid(Vec<Problem>),
    #[error(transparent)]
    Unrepresentable(#[from] Unrepresentable),
    /// A storage failure, including conflicts the file cannot resolve (`service-slug-taken`
    /// for swapped slugs, `place-type-fixed`).
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn first_problem(problems: &[Problem]) -> String {
    problems.first().map(ToString::to_string).unwrap_or_default()
}

impl From<DbErr> for ImportError {
    fn from(e: DbErr) -> Self {
        ImportError::Store(e.into())
    }
}

/// What an import did with one kind of item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Keys (slugs for services) in the database but not in the file; left as they are.
    pub not_in_file: Vec<String>,
}

/// What an import did. Places are locations, mobile sites and virtual offices together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub departments: Tally,
    pub topics: Tally,
    pub services: Tally,
    pub places: Tally,
}

impl ImportReport {
    fn tallies(&self) -> [&Tally; 4] {
        [&self.departments, &self.topics, &self.services, &self.places]
    }

    pub fn added(&self) -> u32 {
        self.tallies().iter().map(|t| t.added).sum()
    }

    pub fn updated(&self) -> u32 {
        self.tallies().iter().map(|t| t.updated).sum()
    }

    pub fn unchanged(&self) -> u32 {
        self.tallies().iter().map(|t| t.unchanged).sum()
    }

    /// The counts for the audit entry (keys are left out to keep it small).
    fn audit_details(&self) -> serde_json::Value {
        let tally = |t: &Tally| {
            serde_json::json!({
                "added": t.added, "updated": t.updated, "unchanged": t.unchanged, "not_in_file": t.not_in_file.len()
            })
        };
        serde_json::json!({
            "departments": tally(&self.departments),
            "topics": tally(&self.topics),
            "services": tally(&self.services),
            "places": tally(&self.places),
        })
    }
}

/// Imports `catalog` into `tenant` inside `tx` (see the module documentation). `actor` is
/// the caller's audit prototype (who); action, target and details are set here.
pub async fn import(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    catalog: &Catalog,
    actor: &AuditEntry,
) -> Result<ImportReport, ImportError> {
    let problems = catalog.validate();
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    let wanted = canonical(catalog);
    // A savepoint: dropped without commit on any error, it undoes exactly this import.
    let tx = tx.begin().await?;
    let mut report = ImportReport::default();
    import_departments(&tx, tenant, &wanted, &mut report.departments).await?;
    import_topics(&tx, tenant, &wanted, &mut report.topics).await?;
    import_services(&tx, tenant, &wanted, &mut report.services).await?;
    import_places(&tx, tenant, &wanted, &mut report.places).await?;
    let mut entry = actor.clone().target("catalog", tenant.0).details(report.audit_details());
    entry.action = "catalog.imported".to_owned();
    audit::append_in(&tx, tenant, entry).await?;
    tx.commit().await?;
    Ok(report)
}

/// [`import`] in a write transaction of its own.
pub async fn import_catalog(
    db: &DatabaseConnection,
    tenant: TenantId,
    catalog: &Catalog,
    actor: &AuditEntry,
) -> Result<ImportReport, ImportError> {
    let tx = begin_write(db).await?;
    let report = import(&tx, tenant, catalog, actor).await?;
    tx.commit().await?;
    Ok(report)
}

type Pass<'a, W, E> = &'a dyn Fn(&W, &E) -> bool;

/// For each wanted item, the index of the existing row it becomes. Passes go from the
/// strongest identity to the weakest; each runs over all items before the next, and a row
/// is matched at most once.
fn match_rows<W, E>(wanted: &[W], existing: &[E], passes: &[Pass<'_, W, E>]) -> Vec<Option<usize>> {
    let mut matched = vec![None; wanted.len()];
    let mut claimed = vec![false; existing.len()];
    for pass in passes {
        for (i, w) in wanted.iter().enumerate() {
            if matched[i].is_some() {
                continue;
            }
            if let Some(j) = (0..existing.len()).find(|&j| !claimed[j] && pass(w, &existing[j])) {
                matched[i] = Some(j);
                claimed[j] = true;
            }
        }
    }
    matched
}

/// The keys of existing rows that no wanted item matched.
fn unmatched<E>(existing: &[E], matches: &[Option<usize>], key: impl Fn(&E) -> String) -> Vec<String> {
    let mut out: Vec<String> =
        existing.iter().enumerate().filter(|(j, _)| !matches.contains(&Some(*j))).map(|(_, e)| key(e)).collect();
    out.sort();
    out
}

async fn import_departments(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    wanted: &Catalog,
    tally: &mut Tally,
) -> Result<(), ImportError> {
    let wanted = &wanted.departments;
    let existing = departments::list(tx, tenant).await?;
    let matches = match_rows(
        wanted,
        &existing,
        &[&|w, e| w.xzufi_id.is_some() && w.xzufi_id == e.xzufi_id, &|w, e| w.key == e.key],
    );
    for (w, m) in wanted.iter().zip(&matches) {
        if let Some(j) = *m {
            if from_store::department(&existing[j]) == *w {
                tally.unchanged += 1;
            } else {
                departments::update(tx, tenant, existing[j].id, &to_store::department(w)?).await?;
                tally.updated += 1;
            }
        }
    }
    for (w, m) in wanted.iter().zip(&matches) {
        if m.is_none() {
            departments::create(tx, tenant, &to_store::department(w)?).await?;
            tally.added += 1;
        }
    }
    tally.not_in_file = unmatched(&existing, &matches, |e| e.key.clone());
    Ok(())
}

async fn import_topics(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    wanted: &Catalog,
    tally: &mut Tally,
) -> Result<(), ImportError> {
    let wanted = &wanted.topics;
    let existing = topics::list(tx, tenant).await?;
    let matches = match_rows(wanted, &existing, &[&|w, e| w.key == e.key]);
    for (w, m) in wanted.iter().zip(&matches) {
        match *m {
            Some(j) if from_store::topic(&existing[j]) == *w => tally.unchanged += 1,
            Some(j) => {
                topics::update(tx, tenant, existing[j].id, &to_store::topic(w)?).await?;
                tally.updated += 1;
            }
            None => {
                topics::create(tx, tenant, &to_store::topic(w)?).await?;
                tally.added += 1;
            }
        }
    }
    tally.not_in_file = unmatched(&existing, &matches, |e| e.key.clone());
    Ok(())
}

async fn import_services(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    wanted: &Catalog,
    tally: &mut Tally,
) -> Result<(), ImportError> {
    let department_rows = departments::list(tx, tenant).await?;
    let topic_rows = topics::list(tx, tenant).await?;
    let keys = Keys {
        departments: department_rows.iter().map(|d| (d.id, d.key.clone())).collect(),
        topics: topic_rows.iter().map(|t| (t.id, t.key.clone())).collect(),
    };
    let department_ids: HashMap<&str, i64> = department_rows.iter().map(|d| (d.key.as_str(), d.id)).collect();
    let topic_ids: HashMap<&str, i64> = topic_rows.iter().map(|t| (t.key.as_str(), t.id)).collect();
    let fields = |s: &rathaus_catalog::model::Service| {
        // Validation guarantees the references; a missing one would be refused by the store.
        let department = department_ids.get(s.department.as_str()).copied().unwrap_or_default();
        let topic = s.topic.as_deref().map(|t| topic_ids.get(t).copied().unwrap_or_default());
        to_store::service(s, department, topic)
    };

    let wanted = &wanted.services;
    let existing = services::list(tx, tenant).await?;
    let matches = match_rows(
        wanted,
        &existing,
        &[
            &|w, e| w.xzufi_id.is_some() && w.xzufi_id == e.xzufi_id,
            &|w, e| w.leika.is_some() && w.leika == e.leika,
            &|w, e| w.slug == e.slug,
        ],
    );
    for (w, m) in wanted.iter().zip(&matches) {
        if let Some(j) = *m {
            let stored = from_store::service(&existing[j], &keys).ok();
            if stored.as_ref() == Some(w) {
                tally.unchanged += 1;
            } else {
                services::update(tx, tenant, existing[j].id, &fields(w)?).await?;
                if existing[j].active == w.draft {
                    services::set_active(tx, tenant, existing[j].id, !w.draft).await?;
                }
                tally.updated += 1;
            }
        }
    }
    for (w, m) in wanted.iter().zip(&matches) {
        if m.is_none() {
            let created = services::create(tx, tenant, &fields(w)?).await?;
            if w.draft {
                services::set_active(tx, tenant, created.id, false).await?;
            }
            tally.added += 1;
        }
    }
    tally.not_in_file = unmatched(&existing, &matches, |e| e.slug.clone());
    Ok(())
}

impl CatalogPlace {
    fn key(&self) -> &str {
        match self {
            CatalogPlace::Location(l) => &l.key,
            CatalogPlace::MobileSite(m) => &m.key,
            CatalogPlace::VirtualOffice(v) => &v.key,
        }
    }

    fn place_type(&self) -> PlaceType {
        match self {
            CatalogPlace::Location(_) => PlaceType::Location,
            CatalogPlace::MobileSite(_) => PlaceType::MobileSite,
            CatalogPlace::VirtualOffice(_) => PlaceType::VirtualOffice,
        }
    }

    fn fields(&self) -> Result<places::PlaceFields, Unrepresentable> {
        match self {
            CatalogPlace::Location(l) => to_store::location(l),
            CatalogPlace::MobileSite(m) => to_store::mobile_site(m),
            CatalogPlace::VirtualOffice(v) => to_store::virtual_office(v),
        }
    }
}

async fn import_places(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    wanted: &Catalog,
    tally: &mut Tally,
) -> Result<(), ImportError> {
    let wanted: Vec<CatalogPlace> = (wanted.locations.iter().cloned().map(CatalogPlace::Location))
        .chain(wanted.mobile_sites.iter().cloned().map(CatalogPlace::MobileSite))
        .chain(wanted.virtual_offices.iter().cloned().map(CatalogPlace::VirtualOffice))
        .collect();
    let service_rows = services::list(tx, tenant).await?;
    let slugs: HashMap<i64, String> = service_rows.iter().map(|s| (s.id, s.slug.clone())).collect();
    let service_ids: HashMap<&str, i64> = service_rows.iter().map(|s| (s.slug.as_str(), s.id)).collect();

    let existing = places::list_all(tx, tenant).await?;
    let matches = match_rows(&wanted, &existing, &[&|w: &CatalogPlace, e: &places::Place| w.key() == e.key]);
    for (w, m) in wanted.iter().zip(&matches) {
        let id = match *m {
            Some(j) => {
                let e = &existing[j];
                if e.place_type()? != w.place_type() {
                    return Err(StoreError::Conflict("place-type-fixed").into());
                }
                if from_store::place(tx, tenant, e, &slugs).await.ok().as_ref() == Some(w) {
                    tally.unchanged += 1;
                    continue;
                }
                places::update(tx, tenant, e.id, &w.fields()?).await?;
                tally.updated += 1;
                e.id
            }
            None => {
                tally.added += 1;
                places::create(tx, tenant, &w.fields()?).await?.id
            }
        };
        write_place_children(tx, tenant, id, w, &service_ids).await?;
    }
    tally.not_in_file = unmatched(&existing, &matches, |e| e.key.clone());
    Ok(())
}

/// Replaces what hangs off a place with what the file says.
async fn write_place_children(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    place_id: i64,
    place: &CatalogPlace,
    service_ids: &HashMap<&str, i64>,
) -> Result<(), ImportError> {
    let (offered, opening_hours, counter_list) = match place {
        CatalogPlace::Location(l) => (&l.services, Some(&l.opening_hours), &l.counters[..]),
        CatalogPlace::VirtualOffice(v) => (&v.services, Some(&v.opening_hours), &v.counters[..]),
        CatalogPlace::MobileSite(m) => {
            mobile::replace_schedule(tx, tenant, place_id, &to_store::schedule(m)?).await?;
            mobile::replace_sessions(tx, tenant, place_id, &to_store::sessions(m)?).await?;
            mobile::replace_cancellations(tx, tenant, place_id, &m.cancelled).await?;
            (&m.services, None, &m.counters[..])
        }
    };
    let ids: Vec<i64> = offered.iter().filter_map(|slug| service_ids.get(slug.as_str()).copied()).collect();
    if ids.len() != offered.len() {
        // Validation guarantees that offered services exist in the file, hence by now here.
        return Err(StoreError::Conflict("service-not-found").into());
    }
    offerings::replace(tx, tenant, place_id, &ids).await?;
    if let Some(h) = opening_hours {
        hours::set_weekly(tx, tenant, place_id, &to_store::weekly(h)?).await?;
        hours::replace_exceptions(tx, tenant, place_id, &to_store::exceptions(h)?).await?;
    }
    sync_counters(tx, tenant, place_id, counter_list).await
}

/// Counters by key: listed ones exist, are active and carry the file's name; the others are
/// deactivated (kept for the tickets and appointments that refer to them).
async fn sync_counters(
    tx: &DatabaseTransaction,
    tenant: TenantId,
    place_id: i64,
    wanted: &[Counter],
) -> Result<(), ImportError> {
    let existing = counters::list(tx, tenant, place_id).await?;
    for w in wanted {
        match existing.iter().find(|e| e.key == w.key) {
            Some(e) if e.active && e.name == w.name => {}
            Some(e) => {
                counters::update(tx, tenant, e.id, &w.name, true).await?;
            }
            None => {
                counters::create(tx, tenant, place_id, &to_store::key(&w.key)?, &w.name).await?;
            }
        }
    }
    for e in existing.iter().filter(|e| e.active && !wanted.iter().any(|w| w.key == e.key)) {
        counters::update(tx, tenant, e.id, &e.name, false).await?;
    }
    Ok(())
}
