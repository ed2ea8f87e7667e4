//! The problems `Catalog::validate` finds, as people read them: a localised sentence per
//! problem code, and for the forms the field a problem's path belongs to (pure).

use crate::{forms::FormErrors, i18n::Tr};
use rathaus_catalog::Problem;

/// Every code `Catalog::validate` reports; each has `admin-catalog-problem-<code>`.
const CODES: &[&str] = &[
    "channel-without-place",
    "duplicate-entry",
    "duplicate-key",
    "duplicate-leika",
    "empty-entry",
    "invalid-coordinates",
    "invalid-email",
    "invalid-fee",
    "invalid-hours",
    "invalid-key",
    "invalid-leika",
    "invalid-phone",
    "invalid-postal-code",
    "invalid-schedule",
    "invalid-url",
    "missing-channel",
    "missing-reference",
    "missing-text",
    "missing-value",
    "out-of-range",
    "place-without-channel",
    "translation-mismatch",
    "unknown-reference",
    "unsupported-format",
];

/// The field id of problems that no field of a form shows; the form element carries it.
pub(super) const FORM: &str = "catalog-form";

/// The localised explanation of a problem code (the English `message` has the specifics).
pub(super) fn explain(tr: Tr, code: &str) -> String {
    if CODES.contains(&code) {
        tr.t(&format!("admin-catalog-problem-{code}"))
    } else {
        tr.t("admin-catalog-problem-other")
    }
}

/// The problems inside the item at `prefix` (`services[28]`), with the rest of their path
/// (`name.de`; empty for the item itself).
pub(super) fn within<'a>(problems: &'a [Problem], prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a Problem)> {
    problems.iter().filter_map(move |p| {
        let rest = p.path.strip_prefix(prefix)?;
        if rest.is_empty() { Some(("", p)) } else { rest.strip_prefix('.').map(|r| (r, p)) }
    })
}

/// Adds problems to a form's errors as "<field label>: <explanation>", one per field and
/// never over an error the form's own checks found. `field_of` names the field of a path;
/// problems it returns `None` for belong to other pages and are skipped.
pub(super) fn add_to_form<'a>(
    tr: Tr,
    errors: &mut FormErrors,
    problems: impl Iterator<Item = (&'a str, &'a Problem)>,
    field_of: impl Fn(&str) -> Option<String>,
) {
    for (rest, problem) in problems {
        let Some(field) = field_of(rest) else { continue };
        if errors.for_field(&field).is_some() {
            continue;
        }
        let message = if field == FORM {
            format!("{} ({}): {}", explain(tr, problem.code), problem.path, problem.message)
        } else {
            format!("{}: {}", field_label(tr, &field), explain(tr, problem.code))
        };
        errors.add(&field, message);
    }
}

/// Orders the errors as the fields appear in the form (`order`), so the summary reads like
/// the page. A fee field (`fee2_max`) sorts at `fee` by row, then by its place in `order`
/// (as `fee_max`); the form as a whole comes first, unknown fields last.
pub(super) fn sort_like_form(errors: &mut FormErrors, order: &[&str]) {
    let position = |name: &str| order.iter().position(|f| *f == name).unwrap_or(order.len());
    let key = |field: &str| -> (usize, usize, usize) {
        if field == FORM {
            return (0, 0, 0);
        }
        if let Some(rest) = field.strip_prefix("fee")
            && let Some((row, part)) = rest.split_once('_')
            && let Ok(row) = row.parse::<usize>()
        {
            return (position("fee") + 1, row, position(&format!("fee_{part}")));
        }
        (position(field) + 1, 0, 0)
    };
    errors.items.sort_by_key(|e| key(&e.field));
}

/// The visible label of a form field, for messages: `admin-catalog-field-<id>`; a fee row's
/// fields (`fee2_label_de`) are named with their row.
pub(super) fn field_label(tr: Tr, field: &str) -> String {
    if let Some(rest) = field.strip_prefix("fee")
        && let Some((row, part)) = rest.split_once('_')
        && let Ok(row) = row.parse::<usize>()
    {
        let label = tr.t(&format!("admin-catalog-field-fee-{part}"));
        return format!("{} – {label}", tr.t_with("admin-catalog-fee-row", &[("n", (row + 1).to_string())]));
    }
    tr.t(&format!("admin-catalog-field-{field}"))
}

/// The first segment of a path (`documents` of `documents.de[2]`) and the language it
/// mentions, if any.
fn head_and_language(rest: &str) -> (&str, Option<&'static str>) {
    let head = rest.split(['.', '[']).next().unwrap_or("");
    let language = if rest.contains(".en") {
        Some("en")
    } else if rest.contains(".de") {
        Some("de")
    } else {
        None
    };
    (head, language)
}

/// The field of the service form for a path inside `services[i]`; unknown paths go to
/// the form as a whole, because the service form edits the whole service.
pub(super) fn service_field(rest: &str) -> Option<String> {
    let (head, language) = head_and_language(rest);
    Some(match head {
        "slug" | "leika" | "department" | "topic" | "minutes_per_person" | "max_persons" | "online_url"
        | "legal_basis" | "channels" => head.to_owned(),
        "name" | "summary" | "description" | "eligibility" | "processing_time" | "procedure" | "deadlines"
        | "notes" => format!("{head}_{}", language.unwrap_or("de")),
        // A list without a language in its path has a different length in English.
        "documents" | "keywords" | "phrasings" => format!("{head}_{}", language.unwrap_or("en")),
        "fees" => {
            let row = rest.trim_start_matches("fees[").split(']').next().unwrap_or("0");
            let part = if rest.contains(".rule") { "rule" } else { "label" };
            format!("fee{row}_{part}_{}", language.unwrap_or("de"))
        }
        _ => FORM.to_owned(),
    })
}

/// The field of the place form for a path inside a place; counters, services, hours and
/// sessions have pages of their own (`None`).
pub(super) fn place_field(rest: &str) -> Option<String> {
    let (head, language) = head_and_language(rest);
    let field = match head {
        "key" | "phone" | "email" => head.to_owned(),
        "name" | "transport" | "description" => format!("{head}_{}", language.unwrap_or("de")),
        "requirements" => format!("requirements_{}", language.unwrap_or("en")),
        "accessibility" => format!("accessibility_{}", language.unwrap_or("de")),
        "address" => rest.trim_start_matches("address.").to_owned(),
        "coordinates" if rest.ends_with(".lon") => "longitude".to_owned(),
        "coordinates" => "latitude".to_owned(),
        _ => return None,
    };
    Some(field)
}

/// The field of the department form for a path inside `departments[i]`.
pub(super) fn department_field(rest: &str) -> Option<String> {
    let (head, language) = head_and_language(rest);
    Some(match head {
        "name" => format!("name_{}", language.unwrap_or("de")),
        "key" | "email" | "phone" => head.to_owned(),
        _ => FORM.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_domain::Language;

    #[test]
    fn service_paths_name_their_fields() {
        for (path, field) in [
            ("name.de", "name_de"),
            ("summary.en", "summary_en"),
            ("documents", "documents_en"),
            ("documents.de[2]", "documents_de"),
            ("keywords.en", "keywords_en"),
            ("channels[1]", "channels"),
            ("legal_basis[0]", "legal_basis"),
            ("fees[2].label.en", "fee2_label_en"),
            ("fees[0].rule.de", "fee0_rule_de"),
            ("fees[1]", "fee1_label_de"),
            ("xzufi_id", FORM),
        ] {
            assert_eq!(service_field(path).as_deref(), Some(field), "{path}");
        }
    }

    #[test]
    fn place_paths_name_their_fields_or_other_pages() {
        for (path, field) in [
            ("address.postal_code", Some("postal_code")),
            ("coordinates.lat", Some("latitude")),
            ("coordinates.lon", Some("longitude")),
            ("accessibility.notes.en", Some("accessibility_en")),
            ("requirements", Some("requirements_en")),
            ("transport.de", Some("transport_de")),
            ("opening_hours.weekly.tue[0]", None),
            ("counters", None),
            ("services[3]", None),
        ] {
            assert_eq!(place_field(path).as_deref(), field, "{path}");
        }
    }

    #[test]
    fn problems_become_messages_at_their_fields() {
        let problem = |path: &str, code: &'static str| Problem {
            path: path.to_owned(),
            item: None,
            code,
            message: "detail".to_owned(),
        };
        let found = [
            problem("services[3].name.en", "missing-text"),
            problem("services[3].name.en", "empty-entry"),
            problem("services[30].name.de", "missing-text"),
            problem("services[3].xzufi_id", "empty-entry"),
        ];
        let tr = Tr(Language::De);
        let mut errors = FormErrors::new();
        add_to_form(tr, &mut errors, within(&found, "services[3]"), service_field);
        let fields: Vec<&str> = errors.items.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name_en", FORM], "one message per field, other items ignored");
        assert!(errors.items[0].message.starts_with(&tr.t("admin-catalog-field-name_en")));
        assert!(errors.items[1].message.contains("services[3].xzufi_id"));
    }

    #[test]
    fn errors_are_sorted_like_the_form() {
        let mut errors = FormErrors::new();
        for field in ["minutes_per_person", "fee1_label_de", "name_de", "fee0_max", "fee1_fixed", FORM, "other"] {
            errors.add(field, String::new());
        }
        let order = ["name_de", "fee", "fee_label_de", "fee_fixed", "fee_max", "minutes_per_person"];
        sort_like_form(&mut errors, &order);
        let fields: Vec<&str> = errors.items.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, [FORM, "name_de", "fee0_max", "fee1_label_de", "fee1_fixed", "minutes_per_person", "other"]);
    }

    #[test]
    fn every_code_is_explained_in_both_languages() {
        for lang in [Language::De, Language::En] {
            for code in CODES {
                let key = format!("admin-catalog-problem-{code}");
                assert_ne!(Tr(lang).t(&key), key);
            }
        }
        assert_eq!(
            field_label(Tr(Language::De), "fee1_label_en"),
            format!("Gebühr 2 – {}", Tr(Language::De).t("admin-catalog-field-fee-label_en"))
        );
    }
}
