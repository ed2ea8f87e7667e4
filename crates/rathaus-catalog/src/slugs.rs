//! Deriving a slug from a German name: `Hundesteuer – An- und Abmeldung` becomes
//! `hundesteuer-an-und-abmeldung` (umlauts transliterated, everything else that is not a
//! letter or digit becomes a single hyphen, at most 64 characters cut at a hyphen).

/// A slug for `name` that satisfies `rathaus_domain::Slug::parse`.
pub fn slug_from_name(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match ch {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ù' | 'ú' | 'û' => "u",
            'ý' | 'ÿ' => "y",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if mapped == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(mapped);
        }
    }
    let mut slug = out.trim_end_matches('-').to_owned();
    if slug.len() > 64 {
        let cut = slug[..64].rfind('-').filter(|&i| i >= 2).unwrap_or(64);
        slug.truncate(cut);
    }
    if slug.len() < 2 {
        slug = format!("leistung-{slug}").trim_end_matches('-').to_owned();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;
    use rathaus_domain::Slug;

    #[test]
    fn transliterates_and_hyphenates() {
        assert_eq!(slug_from_name("Hundesteuer – An- und Abmeldung"), "hundesteuer-an-und-abmeldung");
        assert_eq!(slug_from_name("Führungszeugnis beantragen"), "fuehrungszeugnis-beantragen");
        assert_eq!(slug_from_name("  Größe & Maß (Straße)  "), "groesse-mass-strasse");
        assert_eq!(slug_from_name("!"), "leistung");
        let long = slug_from_name(&"Verwaltungsleistung ".repeat(10));
        assert!(long.len() <= 64 && Slug::parse(&long).is_ok(), "{long}");
    }
}
