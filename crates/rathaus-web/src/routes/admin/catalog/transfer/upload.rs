//! `POST /admin/catalog/transfer`: reads the upload, imports it (or tries it in a dry run)
//! and shows the result: the counts per kind of item, the problems with their paths, or the
//! reader's error with its line. Only a successful import that is not a dry run commits.
//!
//! XZuFi files carry no English texts, channels or search phrasings, so a service that is
//! new to the catalogue usually has problems until someone completes it by hand. "Only
//! update existing services" imports the updates of such a file and leaves its new services
//! out (they are listed), so the updates need not wait for them.

use super::read::{self, Contents, Format, Unreadable};
use super::{MAX_FILE_BYTES, refuse};
use crate::routes::admin::catalog::{admin_tenant, catalog_changed, overview::ProblemRow};
use crate::{
    AppState,
    auth::Staff,
    csrf,
    error::PageError,
    i18n::Tr,
    page::{Page, render},
};
use askama::Template;
use axum::{
    extract::{FromRequest, Multipart, Request, State},
    http::StatusCode,
    response::Response,
};
use rathaus_catalog::{MergeReport, merge_into};
use rathaus_catalog_store::{ImportError, ImportReport, Tally};
use rathaus_db::{StoreError, TenantId, begin_write};

/// The submitted form.
struct Upload {
    csrf: Option<String>,
    file: Option<Vec<u8>>,
    too_large: bool,
    dry_run: bool,
    only_existing: bool,
}

async fn read_form(multipart: &mut Multipart) -> Result<Upload, StatusCode> {
    let mut upload = Upload { csrf: None, file: None, too_large: false, dry_run: false, only_existing: false };
    while let Some(mut field) = multipart.next_field().await.map_err(|e| e.status())? {
        match field.name() {
            Some("csrf") => upload.csrf = Some(field.text().await.map_err(|e| e.status())?),
            Some("dry_run") => upload.dry_run = true,
            Some("only_existing") => upload.only_existing = true,
            Some("file") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| e.status())? {
                    if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                        upload.too_large = true;
                        break;
                    }
                    bytes.extend_from_slice(&chunk);
                }
                upload.file = (!bytes.is_empty()).then_some(bytes);
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// What merging an XZuFi file did, and the new services "only existing" left out.
struct Merged {
    report: MergeReport,
    left_out: Vec<String>,
}

struct TallyRow {
    label: String,
    tally: Tally,
}

/// What the result page shows.
#[derive(Template)]
#[template(path = "admin/catalog/transfer_result.html")]
struct ResultPage {
    page: Page,
    format: String,
    dry_run: bool,
    /// `imported`, `problems`, `unreadable` or `refused`.
    outcome: &'static str,
    tallies: Vec<TallyRow>,
    /// XZuFi: the services the merge added, updated and (with "only existing") left out.
    merged_added: Vec<String>,
    merged_updated: Vec<String>,
    left_out: Vec<String>,
    warnings: Vec<String>,
    problems: Vec<ProblemRow>,
    /// "line 105, column 9" of an unreadable file.
    position: Option<String>,
    message: String,
    detail: String,
}

impl ResultPage {
    fn new(page: Page, format: Option<Format>, dry_run: bool, outcome: &'static str) -> Self {
        let format = format.map(|f| page.t(&format!("admin-catalog-format-{}", f.code()))).unwrap_or_default();
        ResultPage {
            page,
            format,
            dry_run,
            outcome,
            tallies: Vec::new(),
            merged_added: Vec::new(),
            merged_updated: Vec::new(),
            left_out: Vec::new(),
            warnings: Vec::new(),
            problems: Vec::new(),
            position: None,
            message: String::new(),
            detail: String::new(),
        }
    }
}

fn tallies(tr: Tr, report: ImportReport) -> Vec<TallyRow> {
    [
        ("departments", report.departments),
        ("topics", report.topics),
        ("services", report.services),
        ("places", report.places),
    ]
    .into_iter()
    .map(|(kind, tally)| TallyRow { label: tr.t(&format!("admin-catalog-count-{kind}")), tally })
    .collect()
}

/// The store conflicts an import can run into, as messages.
fn refusal(tr: Tr, err: &ImportError) -> Option<String> {
    match err {
        ImportError::Store(StoreError::Conflict(code)) => {
            let known = ["service-slug-taken", "place-type-fixed", "service-leika-taken", "department-key-taken"];
            let key = if known.contains(code) {
                format!("admin-catalog-import-{code}")
            } else {
                "admin-catalog-import-conflict".into()
            };
            Some(tr.t(&key))
        }
        ImportError::Unrepresentable(_) => Some(tr.t("admin-catalog-import-conflict")),
        _ => None,
    }
}

#[tracing::instrument(skip_all, fields(tenant = staff.tenant().0))]
pub(super) async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    req: Request,
) -> Result<Response, PageError> {
    let tenant = admin_tenant(&staff)?;
    let (parts, body) = req.into_parts();
    let mut multipart = Multipart::from_request(Request::from_parts(parts.clone(), body), &state)
        .await
        .map_err(|_| PageError::bad_request())?;
    let upload = match read_form(&mut multipart).await {
        Ok(upload) => upload,
        Err(StatusCode::PAYLOAD_TOO_LARGE) => return refuse(page, "admin-catalog-file-too-large"),
        Err(_) => return Err(PageError::bad_request()),
    };
    csrf::verify(&parts, upload.csrf.as_deref())?;
    if upload.too_large {
        return refuse(page, "admin-catalog-file-too-large");
    }
    let Some(bytes) = upload.file else { return refuse(page, "admin-catalog-file-missing") };
    let (format, contents) = match read::read(&bytes) {
        Ok(read) => read,
        Err(Unreadable::NotText) => {
            let mut result = ResultPage::new(page, None, upload.dry_run, "unreadable");
            result.message = result.page.t("admin-catalog-file-not-text");
            return render(&result);
        }
        Err(Unreadable::Syntax(format, err)) => {
            let mut result = ResultPage::new(page, Some(format), upload.dry_run, "unreadable");
            result.message = result.page.t(&format!("admin-catalog-unreadable-{}", format.code()));
            result.position = read::position(&err).map(|(line, column)| match column {
                Some(c) => result
                    .page
                    .tr
                    .t_with("admin-catalog-line-column", &[("line", line.to_string()), ("column", c.to_string())]),
                None => result.page.t_with("admin-catalog-line", "line", &line.to_string()),
            });
            result.detail = err.to_string();
            return render(&result);
        }
    };
    let result = import(&state, &staff, tenant, page, format, contents, (upload.dry_run, upload.only_existing)).await?;
    render(&result)
}

/// Runs the import in a write transaction: committed only when it succeeds and is not a
/// dry run. XZuFi contents are merged into the catalogue read inside the same transaction.
async fn import(
    state: &AppState,
    staff: &Staff,
    tenant: TenantId,
    page: Page,
    format: Format,
    contents: Contents,
    (dry_run, only_existing): (bool, bool),
) -> Result<ResultPage, PageError> {
    let tx = begin_write(&state.db).await?;
    let (catalog, merged, warnings) = match contents {
        Contents::Catalog(c) => (c, None, Vec::new()),
        Contents::Xzufi(x) => {
            let mut catalog = rathaus_catalog_store::export(&tx, tenant).await?;
            let report = merge_into(&mut catalog, &x);
            let mut left_out = Vec::new();
            if only_existing {
                left_out.clone_from(&report.added);
                catalog.services.retain(|s| !report.added.contains(&s.slug));
            }
            (catalog, Some(Merged { report, left_out }), x.warnings)
        }
    };
    let outcome = rathaus_catalog_store::import(&tx, tenant, &catalog, &staff.audit_entry("catalog.imported")).await;
    let mut result = ResultPage::new(page, Some(format), dry_run, "imported");
    result.warnings = warnings;
    if let Some(Merged { report, left_out }) = merged {
        result.merged_added = report.added.into_iter().filter(|s| !left_out.contains(s)).collect();
        result.merged_updated = report.updated;
        result.left_out = left_out;
    }
    match outcome {
        Ok(report) => {
            result.tallies = tallies(result.page.tr, report);
            if dry_run {
                drop(tx);
            } else {
                tx.commit().await?;
                catalog_changed(state, tenant);
                tracing::info!(format = format.code(), "catalogue imported");
            }
        }
        Err(ImportError::Invalid(problems)) => {
            result.outcome = "problems";
            result.problems = problems.iter().map(|p| ProblemRow::of(&result.page, p)).collect();
        }
        Err(err) => match refusal(result.page.tr, &err) {
            Some(message) => {
                result.outcome = "refused";
                result.message = message;
                result.detail = err.to_string();
            }
            None => return Err(PageError::internal("catalogue import", &err)),
        },
    }
    Ok(result)
}
