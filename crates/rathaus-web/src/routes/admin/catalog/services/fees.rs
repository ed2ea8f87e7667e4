//! The fee rows of the service form (pure): a small repeating group without JavaScript.
//! Each row is a label (German and English) and exactly one of a fixed amount, a range
//! (from–to) or a described rule, optionally charged per unit. Rows left blank are ignored;
//! the form always shows at least [`MIN_ROWS`] rows and one blank row more than filled.

use super::super::{
    money::{AmountError, format_cents, parse_cents},
    problems::{explain, field_label},
    values::{Pairs, optional_text, text},
};
use crate::{forms::FormErrors, i18n::Tr, routes::admin::Choice};
use rathaus_catalog::model::{Fee, FeeUnit};
use rathaus_domain::Language;

pub(super) const MIN_ROWS: usize = 3;
/// Rows read from a submitted form; more are ignored (no real service has that many fees).
const MAX_ROWS: usize = 30;

const UNITS: [(&str, FeeUnit); 4] =
    [("document", FeeUnit::Document), ("page", FeeUnit::Page), ("year", FeeUnit::Year), ("animal", FeeUnit::Animal)];

/// One row as entered (or as stored).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(in crate::routes::admin::catalog) struct FeeInput {
    pub label_de: String,
    pub label_en: String,
    pub fixed: String,
    pub min: String,
    pub max: String,
    pub rule_de: String,
    pub rule_en: String,
    /// Unit code, empty for "once".
    pub per: String,
}

impl FeeInput {
    fn is_blank(&self) -> bool {
        [&self.label_de, &self.label_en, &self.fixed, &self.min, &self.max, &self.rule_de, &self.rule_en, &self.per]
            .iter()
            .all(|v| v.trim().is_empty())
    }

    pub(super) fn from_fee(fee: &Fee, lang: Language) -> Self {
        let cents = |c: Option<u32>| c.map(|c| format_cents(c, lang)).unwrap_or_default();
        FeeInput {
            label_de: fee.label.de.clone(),
            label_en: fee.label.en.clone(),
            fixed: cents(fee.fixed_cents),
            min: cents(fee.min_cents),
            max: cents(fee.max_cents),
            rule_de: fee.rule.as_ref().map(|r| r.de.clone()).unwrap_or_default(),
            rule_en: fee.rule.as_ref().map(|r| r.en.clone()).unwrap_or_default(),
            per: UNITS.iter().find(|(_, u)| Some(*u) == fee.per).map(|(c, _)| (*c).to_owned()).unwrap_or_default(),
        }
    }
}

/// The rows of a submitted form (`fee0_label_de`, `fee0_fixed`, …), trailing blank ones dropped.
pub(super) fn rows_from_pairs(pairs: &Pairs<'_>) -> Vec<FeeInput> {
    let mut rows: Vec<FeeInput> = (0..MAX_ROWS)
        .map(|i| {
            let get = |part: &str| pairs.get(&format!("fee{i}_{part}"));
            FeeInput {
                label_de: get("label_de"),
                label_en: get("label_en"),
                fixed: get("fixed"),
                min: get("min"),
                max: get("max"),
                rule_de: get("rule_de"),
                rule_en: get("rule_en"),
                per: get("per"),
            }
        })
        .collect();
    while rows.last().is_some_and(FeeInput::is_blank) {
        rows.pop();
    }
    rows
}

/// The fees of the filled rows and, for each, its row number in the form.
pub(super) fn parse_rows(tr: Tr, rows: &[FeeInput], errors: &mut FormErrors) -> (Vec<Fee>, Vec<usize>) {
    let mut fees = Vec::new();
    let mut positions = Vec::new();
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let field = |part: &str| format!("fee{i}_{part}");
        let amount = |part: &str, value: &str, errors: &mut FormErrors| match value.trim() {
            "" => None,
            v => match parse_cents(v) {
                Ok(c) => Some(c),
                Err(e) => {
                    let key = match e {
                        AmountError::Format => "admin-catalog-invalid-amount",
                        AmountError::TooLarge => "admin-catalog-invalid-amount-too-large",
                    };
                    errors.add(&field(part), format!("{}: {}", field_label(tr, &field(part)), tr.t(key)));
                    None
                }
            },
        };
        let fixed = amount("fixed", &row.fixed, errors);
        let min = amount("min", &row.min, errors);
        let max = amount("max", &row.max, errors);
        let label = text(&row.label_de, &row.label_en);
        for (part, value) in [("label_de", &label.de), ("label_en", &label.en)] {
            if value.is_empty() {
                errors.add(&field(part), format!("{}: {}", field_label(tr, &field(part)), explain(tr, "missing-text")));
            }
        }
        let rule = optional_text(&row.rule_de, &row.rule_en);
        if let Some(r) = &rule {
            for (part, value) in [("rule_de", &r.de), ("rule_en", &r.en)] {
                if value.is_empty() {
                    let message = format!("{}: {}", field_label(tr, &field(part)), explain(tr, "missing-text"));
                    errors.add(&field(part), message);
                }
            }
        }
        let has_range = !row.min.trim().is_empty() || !row.max.trim().is_empty();
        let forms = [!row.fixed.trim().is_empty(), has_range, rule.is_some()].iter().filter(|b| **b).count();
        if forms != 1 {
            errors.add(&field("fixed"), tr.t_with("admin-catalog-invalid-fee-form", &[("n", (i + 1).to_string())]));
        } else if has_range && (row.min.trim().is_empty() || row.max.trim().is_empty()) {
            let missing = if row.min.trim().is_empty() { "min" } else { "max" };
            errors.add(&field(missing), tr.t_with("admin-catalog-invalid-fee-range", &[("n", (i + 1).to_string())]));
        } else if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            errors.add(&field("max"), tr.t_with("admin-catalog-invalid-fee-order", &[("n", (i + 1).to_string())]));
        }
        let per = match row.per.trim() {
            "" => None,
            code => match UNITS.iter().find(|(c, _)| *c == code) {
                Some((_, unit)) => Some(*unit),
                None => {
                    errors.add(
                        &field("per"),
                        format!("{}: {}", field_label(tr, &field("per")), tr.t("invalid-required")),
                    );
                    None
                }
            },
        };
        fees.push(Fee { label, fixed_cents: fixed, min_cents: min, max_cents: max, rule, per });
        positions.push(i);
    }
    (fees, positions)
}

/// A row ready for the template: its field ids and the unit choices.
pub(in crate::routes::admin::catalog) struct FeeRow {
    pub legend: String,
    pub prefix: String,
    pub input: FeeInput,
    unit_choices: Vec<Choice>,
}

impl FeeRow {
    /// The id (and name) of one of the row's fields, e.g. `fee2_fixed`.
    pub fn id(&self, part: &str) -> String {
        format!("{}_{part}", self.prefix)
    }

    /// The choices of the unit select.
    pub fn units(&self) -> &[Choice] {
        &self.unit_choices
    }
}

/// The rows to show: the given ones, then blank ones up to [`MIN_ROWS`] and one more.
pub(super) fn rows_to_show(tr: Tr, rows: &[FeeInput]) -> Vec<FeeRow> {
    let count = rows.len().max(MIN_ROWS - 1) + 1;
    (0..count)
        .map(|i| {
            let input = rows.get(i).cloned().unwrap_or_default();
            let mut units = vec![Choice {
                value: String::new(),
                label: tr.t("admin-catalog-fee-per-once"),
                selected: input.per.is_empty(),
            }];
            units.extend(UNITS.iter().map(|(code, _)| Choice {
                value: (*code).to_owned(),
                label: tr.t(&format!("admin-catalog-fee-per-{code}")),
                selected: input.per == *code,
            }));
            let legend = tr.t_with("admin-catalog-fee-row", &[("n", (i + 1).to_string())]);
            FeeRow { legend, prefix: format!("fee{i}"), input, unit_choices: units }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, fixed: &str) -> FeeInput {
        FeeInput { label_de: label.into(), label_en: label.into(), fixed: fixed.into(), ..FeeInput::default() }
    }

    fn parse(rows: &[FeeInput]) -> (Vec<Fee>, Vec<usize>, Vec<String>) {
        let mut errors = FormErrors::new();
        let (fees, positions) = parse_rows(Tr(Language::De), rows, &mut errors);
        (fees, positions, errors.items.into_iter().map(|e| e.field).collect())
    }

    #[test]
    fn blank_rows_are_ignored_and_amounts_parsed() {
        let rows = [FeeInput::default(), row("Gebühr", "37,00"), FeeInput::default(), row("Ersatz", "5.50")];
        let (fees, positions, errors) = parse(&rows);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(positions, [1, 3]);
        assert_eq!(fees.iter().map(|f| f.fixed_cents).collect::<Vec<_>>(), [Some(3700), Some(550)]);
    }

    #[test]
    fn a_row_is_exactly_one_kind_of_amount() {
        let both = FeeInput { min: "1".into(), max: "2".into(), ..row("Gebühr", "3") };
        assert_eq!(parse(&[both]).2, ["fee0_fixed"]);
        let none = row("Gebühr", "");
        assert_eq!(parse(&[none]).2, ["fee0_fixed"]);
        let half_range = FeeInput { min: "10".into(), ..row("Gebühr", "") };
        assert_eq!(parse(&[half_range]).2, ["fee0_max"]);
        let reversed = FeeInput { min: "20".into(), max: "10".into(), ..row("Gebühr", "") };
        assert_eq!(parse(&[reversed]).2, ["fee0_max"]);
        let rule = FeeInput { rule_de: "nach Aufwand".into(), per: "page".into(), ..row("Gebühr", "") };
        let (fees, _, errors) = parse(&[rule]);
        assert_eq!(errors, ["fee0_rule_en"]);
        assert_eq!(fees[0].per, Some(FeeUnit::Page));
    }

    #[test]
    fn bad_amounts_and_labels_are_named() {
        let rows = [FeeInput { label_en: String::new(), ..row("Gebühr", "37,0,0") }];
        assert_eq!(parse(&rows).2, ["fee0_fixed", "fee0_label_en"]);
    }

    #[test]
    fn shows_at_least_three_rows_and_one_blank_more() {
        let tr = Tr(Language::De);
        assert_eq!(rows_to_show(tr, &[]).len(), MIN_ROWS);
        let four = vec![row("a", "1"); 4];
        let shown = rows_to_show(tr, &four);
        assert_eq!((shown.len(), shown[4].prefix.as_str()), (5, "fee4"));
        let fee = Fee { label: rathaus_catalog::model::Text::new("a", "b"), fixed_cents: Some(2280), ..Fee::default() };
        assert_eq!(FeeInput::from_fee(&fee, Language::De).fixed, "22,80");
        let pairs = [("fee0_fixed".to_owned(), "1".to_owned()), ("fee2_label_de".to_owned(), "x".to_owned())];
        assert_eq!(rows_from_pairs(&Pairs(&pairs)).len(), 3);
    }
}
