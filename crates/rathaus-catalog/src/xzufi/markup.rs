//! XZuFi texts arrive as HTML fragments (escaped inside `inhalt`, e.g. `<p>…</p><ul><li>…`)
//! or as plain text. This turns them into the catalogue's plain text (paragraphs separated by
//! a blank line, list items as `- item`) and into item lists for documents and legal bases.
//! It is a small tag stripper, not an HTML parser: good enough for editorial texts.

/// Plain text with paragraphs separated by a blank line.
pub fn plain_text(markup: &str) -> String {
    let mut out = String::new();
    let mut rest = markup;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + len].trim().to_ascii_lowercase();
        let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        match (tag.starts_with('/'), name.as_str()) {
            (false, "li") => out.push_str("\n- "),
            (_, "br") => out.push('\n'),
            (_, "p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "tr") => {
                out.push_str("\n\n")
            }
            _ => {}
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    tidy(&decode_entities(&out))
}

/// The items of a list text: the `<li>` elements if there are any (an introducing sentence is
/// dropped), or else the non-empty lines, without bullets.
pub fn list_items(markup: &str) -> Vec<String> {
    let only_items = markup.to_ascii_lowercase().contains("<li");
    plain_text(markup)
        .lines()
        .filter(|l| !only_items || l.starts_with("- "))
        .map(|l| l.trim().trim_start_matches(['-', '*', '•', '–', '·']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&#160;", " ")
        .replace("&#xa0;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&sect;", "§")
        .replace("&euro;", "€")
        .replace("&amp;", "&")
        .replace('\u{a0}', " ")
}

/// Collapses spaces within lines and runs of blank lines into one paragraph break.
fn tidy(s: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in s.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join("\n"));
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup() {
        let html = "<p>Sie brauchen:</p><ul><li>Ihren&nbsp;Ausweis</li><li>ein Foto</li></ul><p>Kosten &amp; Zeit</p>";
        assert_eq!(plain_text(html), "Sie brauchen:\n\n- Ihren Ausweis\n- ein Foto\n\nKosten & Zeit");
        assert_eq!(list_items(html), vec!["Ihren Ausweis", "ein Foto"]);
        assert_eq!(list_items("- a\n\n* b\n• c"), vec!["a", "b", "c"]);
        assert_eq!(plain_text("  schlicht\n\n\n\n Text "), "schlicht\n\nText");
    }
}
