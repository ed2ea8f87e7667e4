//! Fees as citizens read them: amounts in the language's style ("1.234,50 €" in German,
//! "€1,234.50" in English), ranges, described rules, and the unit a fee is charged per.

use crate::i18n::Tr;
use rathaus_catalog::model::{Fee, FeeAmount, FeeUnit};
use rathaus_domain::Language;

/// An amount in euro cents, formatted for `lang`: de `1.234,50 €`, en `€1,234.50`.
pub fn format_euro(cents: u32, lang: Language) -> String {
    let (thousands, decimal) = match lang {
        Language::De => ('.', ','),
        Language::En => (',', '.'),
    };
    let euros = (cents / 100).to_string();
    let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
    for (i, digit) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    let amount = format!("{grouped}{decimal}{:02}", cents % 100);
    match lang {
        Language::De => format!("{amount} €"),
        Language::En => format!("€{amount}"),
    }
}

/// One fee line ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeLine {
    pub label: String,
    /// The amount ("37,00 €", "27,00 € bis 80,00 €", "kostenlos") or the described rule.
    pub amount: String,
    /// Whether `amount` is a described rule (a sentence) rather than a figure.
    pub is_rule: bool,
    /// "je Dokument", "pro Jahr", … or empty.
    pub per: String,
}

pub fn fee_line(fee: &Fee, tr: Tr) -> FeeLine {
    let lang = tr.lang();
    let (amount, is_rule) = match fee.amount() {
        Some(FeeAmount::Fixed(0)) => (tr.t("catalog-fee-free"), false),
        Some(FeeAmount::Fixed(cents)) => (format_euro(cents, lang), false),
        Some(FeeAmount::Range { min, max }) => {
            (tr.t_with("catalog-fee-range", &[("min", format_euro(min, lang)), ("max", format_euro(max, lang))]), false)
        }
        Some(FeeAmount::Rule(rule)) => (rule.get(lang).to_owned(), true),
        // A malformed line (the import validates against this): show what there is.
        None => (fee.rule.as_ref().map(|r| r.get(lang).to_owned()).unwrap_or_default(), true),
    };
    let per = fee.per.map(|unit| tr.t(&format!("catalog-fee-per-{}", unit_code(unit)))).unwrap_or_default();
    FeeLine { label: fee.label.get(lang).to_owned(), amount, is_rule, per }
}

pub fn unit_code(unit: FeeUnit) -> &'static str {
    match unit {
        FeeUnit::Document => "document",
        FeeUnit::Page => "page",
        FeeUnit::Year => "year",
        FeeUnit::Animal => "animal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_catalog::model::Text;

    #[test]
    fn euro_amounts_in_german_and_english_style() {
        let cases = [
            (0, "0,00 €", "€0.00"),
            (5, "0,05 €", "€0.05"),
            (3700, "37,00 €", "€37.00"),
            (2280, "22,80 €", "€22.80"),
            (99_999, "999,99 €", "€999.99"),
            (100_000, "1.000,00 €", "€1,000.00"),
            (123_450, "1.234,50 €", "€1,234.50"),
            (100_000_000, "1.000.000,00 €", "€1,000,000.00"),
            (u32::MAX, "42.949.672,95 €", "€42,949,672.95"),
        ];
        for (cents, de, en) in cases {
            assert_eq!(format_euro(cents, Language::De), de, "{cents}");
            assert_eq!(format_euro(cents, Language::En), en, "{cents}");
        }
    }

    fn fee(label: &str) -> Fee {
        Fee { label: Text::new(label, format!("{label} (en)")), ..Fee::default() }
    }

    #[test]
    fn fee_lines_cover_fixed_free_ranges_rules_and_units() {
        let (de, en) = (Tr(Language::De), Tr(Language::En));
        let fixed = Fee { fixed_cents: Some(3700), ..fee("Ausweis") };
        assert_eq!(fee_line(&fixed, de).amount, "37,00 €");
        assert_eq!(fee_line(&fixed, en).label, "Ausweis (en)");

        let free = Fee { fixed_cents: Some(0), ..fee("Meldung") };
        assert_eq!(fee_line(&free, de).amount, "kostenlos");
        assert_eq!(fee_line(&free, en).amount, "free of charge");

        let range = Fee { min_cents: Some(2700), max_cents: Some(12_050), ..fee("Zulassung") };
        assert_eq!(fee_line(&range, de).amount, "27,00 € bis 120,50 €");
        assert_eq!(fee_line(&range, en).amount, "€27.00 to €120.50");

        let rule = Fee { rule: Some(Text::new("Nach Aufwand", "By effort")), ..fee("Beratung") };
        let line = fee_line(&rule, en);
        assert!(line.is_rule);
        assert_eq!(line.amount, "By effort");

        let per = Fee { fixed_cents: Some(500), per: Some(FeeUnit::Page), ..fee("Kopie") };
        assert_eq!(fee_line(&per, de).per, "je Seite");
        assert_eq!(fee_line(&per, en).per, "per page");
        assert_eq!(fee_line(&fixed, de).per, "");
    }
}
