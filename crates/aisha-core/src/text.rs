//! Small text helpers shared by the extractors and detectors.

/// Lower-case and normalise apostrophes and whitespace so patterns can be written once.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut last_space = true;
    for c in raw.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(c.to_lowercase());
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Whether `phrase` occurs in `haystack` on word boundaries (both already normalised).
/// "sure" is not found in "unsure"; "no" is not found in "know".
pub fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let bytes = haystack.as_bytes();
    let mut start = 0;
    while let Some(pos) = haystack[start..].find(phrase) {
        let begin = start + pos;
        let end = begin + phrase.len();
        let before_ok = begin == 0 || !is_word_byte(bytes[begin - 1]);
        let after_ok = end == bytes.len() || !is_word_byte(bytes[end]);
        if before_ok && after_ok {
            return true;
        }
        start = begin + phrase.len().max(1);
        while start < haystack.len() && !haystack.is_char_boundary(start) {
            start += 1;
        }
        if start >= haystack.len() {
            break;
        }
    }
    false
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\'' || b >= 0x80
}

/// Words of a normalised text: letters, digits and inner apostrophes.
pub fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}

/// Fill `{key}` placeholders; unknown placeholders are left as they are.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in values {
        let needle = format!("{{{key}}}");
        if out.contains(&needle) {
            out = out.replace(&needle, value);
        }
    }
    out
}

/// Join sentences with single spaces, skipping empty parts.
pub fn join_sentences<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// Capitalise a name token: "o'brien" → "O'Brien", "mary-ann" → "Mary-Ann".
pub fn title_case(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut upper_next = true;
    for c in token.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper_next = matches!(c, '-' | '\'' | ' ');
    }
    out
}

/// "apt 2b" → "Apt 2B": the designator title-cased, the identifier upper-cased.
pub fn title_case_unit(unit: &str) -> String {
    let mut parts = unit.split_whitespace();
    let mut out = parts.next().map(title_case).unwrap_or_default();
    for p in parts {
        out.push(' ');
        out.push_str(&p.to_uppercase());
    }
    out
}

/// serde_json messages end with " at line 1 column 42", which means nothing to an operator
/// once the field path is known.
pub fn clean_serde_message(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_respects_word_boundaries() {
        assert!(contains_phrase("yes please", "please"));
        assert!(!contains_phrase("i'm unsure", "sure"));
        assert!(!contains_phrase("i know", "no"));
        assert!(contains_phrase("no, thanks", "no"));
        assert!(contains_phrase("sounds good to me", "sounds good"));
        assert!(!contains_phrase("okayish", "okay"));
        assert!(contains_phrase("café ok", "ok"));
    }

    #[test]
    fn normalize_collapses_and_lowercases() {
        assert_eq!(normalize("  Hi  I\u{2019}M\tthere "), "hi i'm there");
    }

    #[test]
    fn title_case_names() {
        assert_eq!(title_case("o'brien"), "O'Brien");
        assert_eq!(title_case("SMITH"), "Smith");
        assert_eq!(title_case("mary-ann"), "Mary-Ann");
    }
}
