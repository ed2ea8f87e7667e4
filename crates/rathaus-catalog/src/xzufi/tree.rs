//! Helpers over the roxmltree tree: XZuFi-namespaced lookups (XÖV code values such as
//! `code` and `name` are unqualified, so children match in the XZuFi namespace or none),
//! identifiers, languages of multilingual elements, and joining texts per language.

use super::{XZUFI_NAMESPACE, markup::plain_text};
use crate::model::Text;
use rathaus_domain::Language;
use roxmltree::Node;
use std::collections::BTreeSet;

pub(super) fn in_xzufi(n: Node<'_, '_>) -> bool {
    n.tag_name().namespace() == Some(XZUFI_NAMESPACE)
}

pub(super) fn is(n: Node<'_, '_>, local: &str) -> bool {
    n.is_element() && in_xzufi(n) && n.tag_name().name() == local
}

/// Child elements named `local` in the XZuFi namespace or unqualified.
pub(super) fn children<'a, 'i: 'a>(n: Node<'a, 'i>, local: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| {
        c.is_element()
            && c.tag_name().name() == local
            && matches!(c.tag_name().namespace(), None | Some(XZUFI_NAMESPACE))
    })
}

pub(super) fn child<'a, 'i: 'a>(n: Node<'a, 'i>, local: &'static str) -> Option<Node<'a, 'i>> {
    children(n, local).next()
}

/// All text below `n` (text and CDATA), untrimmed.
pub(super) fn text_of(n: Node<'_, '_>) -> String {
    n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect()
}

pub(super) fn identifier(n: Node<'_, '_>) -> Option<String> {
    child(n, "id").and_then(identifier_of)
}

pub(super) fn child_ident(n: Node<'_, '_>, local: &'static str) -> Option<String> {
    child(n, local).and_then(identifier_of)
}

/// An identifier element's value, qualified as `schemeAgencyID/value` when the agency is set.
pub(super) fn identifier_of(n: Node<'_, '_>) -> Option<String> {
    let value = text_of(n).trim().to_owned();
    if value.is_empty() {
        return None;
    }
    Some(match n.attribute("schemeAgencyID").map(str::trim).filter(|a| !a.is_empty()) {
        Some(agency) => format!("{agency}/{value}"),
        None => value,
    })
}

/// The language of a multilingual element: `languageCode`, `sprache` or `xml:lang`; German
/// when none is given. `Err` carries an unsupported language code.
pub(super) fn language_of(n: Node<'_, '_>) -> Result<Language, String> {
    let code = n
        .attribute("languageCode")
        .or_else(|| n.attribute("sprache"))
        .or_else(|| n.attribute(("http://www.w3.org/XML/1998/namespace", "lang")))
        .or_else(|| child(n, "languageCode").and_then(|c| c.text()))
        .map(str::trim)
        .filter(|c| !c.is_empty());
    match code {
        None => Ok(Language::De),
        Some(c) => Language::parse(c).map_err(|_| c.to_owned()),
    }
}

/// The raw texts of multilingual elements, joined per language.
pub(super) fn localized<'a, 'i: 'a>(nodes: impl Iterator<Item = Node<'a, 'i>>, ignored: &mut BTreeSet<String>) -> Text {
    let mut t = Text::default();
    for n in nodes {
        match language_of(n) {
            Ok(lang) => {
                let slot = t.slot_mut(lang);
                if !slot.is_empty() {
                    slot.push_str("\n\n");
                }
                slot.push_str(&text_of(n));
            }
            Err(other) => {
                ignored.insert(other);
            }
        }
    }
    t
}

pub(super) fn plain(raw: &Text) -> Text {
    Text::new(plain_text(&raw.de), plain_text(&raw.en))
}

pub(super) fn one_line(raw: &Text) -> Text {
    Text::new(one_line_str(&raw.de), one_line_str(&raw.en))
}

pub(super) fn one_line_str(raw: &str) -> String {
    plain_text(raw).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds `more` to `target` per language, as a further paragraph.
pub(super) fn append(target: &mut Text, more: &Text) {
    for lang in Language::ALL {
        let add = more.slot(lang);
        if add.is_empty() {
            continue;
        }
        let slot = target.slot_mut(lang);
        if !slot.is_empty() {
            slot.push_str("\n\n");
        }
        slot.push_str(add);
    }
}

/// Replaces languages of `target` with those of `preferred` that are present (`replace`),
/// or fills only the empty ones.
pub(super) fn fill_each(target: &mut Text, preferred: &Text, replace: bool) {
    for lang in Language::ALL {
        let value = preferred.slot(lang);
        if !value.is_empty() && (replace || target.slot(lang).is_empty()) {
            *target.slot_mut(lang) = value.clone();
        }
    }
}

pub(super) fn fill_empty(target: &mut Text, value: &Text) {
    fill_each(target, value, false);
}
