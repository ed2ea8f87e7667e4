//! Which catalogue field an XZuFi text module (`modulText`) feeds, by its LeiKa text-module
//! code (`leikaTextmodul/code`) – or, more reliably, by the module's name
//! (`leikaTextmodul/name`) when the file carries it.
//!
//! Code list used (LeiKa/FIM "Textmodul" code list as used by XZuFi 2.x):
//!
//! | code | module                        | catalogue field                          |
//! |------|-------------------------------|------------------------------------------|
//! | 01   | Leistungsschlüssel            | LeiKa key, if `referenzLeiKa` is absent  |
//! | 02   | Leistungsbezeichnung          | `name` (unless 03 is present)            |
//! | 03   | Leistungsbezeichnung II       | `name` (the citizen-friendly wording)    |
//! | 04   | Volltext                      | `description`                            |
//! | 05   | Erforderliche Unterlagen      | `documents` (one item per list entry)    |
//! | 06   | Voraussetzungen               | `eligibility`                            |
//! | 07   | Kosten (Gebühren, Auslagen)   | `fees` (one `rule` line)                 |
//! | 08   | Verfahrensablauf              | `procedure`                              |
//! | 09   | Bearbeitungsdauer             | `processing_time`                        |
//! | 10   | Frist                         | `deadlines`                              |
//! | 11   | Weiterführende Informationen  | kept as other text                       |
//! | 12   | Hinweise (Besonderheiten)     | `notes`                                  |
//! | 13   | Rechtsgrundlage(n)            | `legal_basis` (one item per entry)       |
//! | 14   | Rechtsbehelf                  | kept as other text                       |
//! | 15   | Kurztext                      | `summary` (unless a teaser exists)       |
//! | 16   | Ansprechpunkt                 | kept as other text                       |
//! | 17   | Zuständige Stelle             | kept as other text                       |
//! | 18   | Formulare                     | kept as other text                       |
//! | 19   | Teaser                        | `summary` (one or two sentences)         |
//!
//! The numbering could not be checked against the published code list from here (see
//! FORMAT.md); names win over codes, so a file that carries names maps correctly either way.

/// The catalogue field a text module feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    LeikaKey,
    Name,
    NameII,
    Description,
    Documents,
    Eligibility,
    Costs,
    Procedure,
    ProcessingTime,
    Deadlines,
    Notes,
    LegalBasis,
    ShortText,
    Teaser,
    Other,
}

impl Target {
    pub fn from_code(code: &str) -> Target {
        match code.trim() {
            "01" => Target::LeikaKey,
            "02" => Target::Name,
            "03" => Target::NameII,
            "04" => Target::Description,
            "05" => Target::Documents,
            "06" => Target::Eligibility,
            "07" => Target::Costs,
            "08" => Target::Procedure,
            "09" => Target::ProcessingTime,
            "10" => Target::Deadlines,
            "12" => Target::Notes,
            "13" => Target::LegalBasis,
            "15" => Target::ShortText,
            "19" => Target::Teaser,
            _ => Target::Other,
        }
    }

    /// By the module's name as given in the file, e.g. "Erforderliche Unterlagen".
    pub fn from_name(name: &str) -> Option<Target> {
        let n = name.trim().to_lowercase();
        let t = match n.as_str() {
            "leistungsschlüssel" => Target::LeikaKey,
            "leistungsbezeichnung" | "leistungsbezeichnung i" => Target::Name,
            "leistungsbezeichnung ii" => Target::NameII,
            "volltext" | "beschreibung" => Target::Description,
            "erforderliche unterlagen" | "unterlagen" => Target::Documents,
            "voraussetzungen" => Target::Eligibility,
            _ if n.starts_with("kosten") || n.starts_with("gebühren") => Target::Costs,
            "verfahrensablauf" => Target::Procedure,
            "bearbeitungsdauer" => Target::ProcessingTime,
            "frist" | "fristen" => Target::Deadlines,
            _ if n.starts_with("hinweise") || n == "besonderheiten" => Target::Notes,
            _ if n.starts_with("rechtsgrundlage") => Target::LegalBasis,
            "kurztext" => Target::ShortText,
            "teaser" => Target::Teaser,
            "" => return None,
            _ => Target::Other,
        };
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        assert_eq!(Target::from_code("02"), Target::Name);
        assert_eq!(Target::from_code("05"), Target::Documents);
        assert_eq!(Target::from_code("99"), Target::Other);
        assert_eq!(Target::from_name("Rechtsgrundlage(n)"), Some(Target::LegalBasis));
        assert_eq!(Target::from_name("Kosten (Gebühren, Auslagen, etc.)"), Some(Target::Costs));
        assert_eq!(Target::from_name("Formulare"), Some(Target::Other));
        assert_eq!(Target::from_name(" "), None);
    }
}
