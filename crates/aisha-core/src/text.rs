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

static NANP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\b(\d{3})-(\d{3})-(\d{4})\b").expect("phone pattern")
});
static E164: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\+(\d{7,15})\b").expect("e164 pattern"));
static UNIT_NUMBER: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"#(\w+)").expect("unit number pattern"));
/// Written abbreviations a voice would misread, after a word (so "St. Louis" at a sentence
/// start is left alone): USPS Publication 28 suffixes and unit designators.
static ABBREVIATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(\w )(St|Ave|Rd|Dr|Ln|Blvd|Ct|Pl|Cir|Pkwy|Hwy|Ter|Trl|Apt|Ste|Bldg|Fl|Rm|N|S|E|W|NE|NW|SE|SW)\b\.?")
        .expect("abbreviation pattern")
});

fn spaced_digits(d: &str) -> String {
    d.chars().map(String::from).collect::<Vec<_>>().join(" ")
}

/// A reply as a voice should say it (TwiML `<Say>`): phone numbers digit by digit in their
/// groups ("5 1 2, 5 5 5, 7 7 8 8"), "Ste 210" as "Suite 210", "#12" as "number 12".
pub fn for_speech(reply: &str) -> String {
    let t = NANP.replace_all(reply, |c: &regex::Captures<'_>| {
        format!(
            "{}, {}, {}",
            spaced_digits(&c[1]),
            spaced_digits(&c[2]),
            spaced_digits(&c[3])
        )
    });
    let t = E164.replace_all(&t, |c: &regex::Captures<'_>| {
        format!("plus {}", spaced_digits(&c[1]))
    });
    let mut t = UNIT_NUMBER.replace_all(&t, "number $1").into_owned();
    // Twice: adjacent abbreviations ("Blvd Ste") share the space between them.
    for _ in 0..2 {
        t = expand_abbreviations(&t);
    }
    t
}

fn expand_abbreviations(t: &str) -> String {
    ABBREVIATION
        .replace_all(t, |c: &regex::Captures<'_>| {
            let word = match &c[2] {
                "St" => "Street",
                "Ave" => "Avenue",
                "Rd" => "Road",
                "Dr" => "Drive",
                "Ln" => "Lane",
                "Blvd" => "Boulevard",
                "Ct" => "Court",
                "Pl" => "Place",
                "Cir" => "Circle",
                "Pkwy" => "Parkway",
                "Hwy" => "Highway",
                "Ter" => "Terrace",
                "Trl" => "Trail",
                "Apt" => "Apartment",
                "Ste" => "Suite",
                "Bldg" => "Building",
                "Fl" => "Floor",
                "Rm" => "Room",
                "N" => "North",
                "S" => "South",
                "E" => "East",
                "W" => "West",
                "NE" => "Northeast",
                "NW" => "Northwest",
                "SE" => "Southeast",
                _ => "Southwest",
            };
            format!("{}{word}", &c[1])
        })
        .into_owned()
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
    fn speech() {
        assert_eq!(
            for_speech("Got it, 512-555-7788. Did I get that right?"),
            "Got it, 5 1 2, 5 5 5, 7 7 8 8. Did I get that right?"
        );
        assert_eq!(
            for_speech("Got it, 500 Commerce Blvd Ste 210, Round Rock."),
            "Got it, 500 Commerce Boulevard Suite 210, Round Rock."
        );
        assert_eq!(
            for_speech("12 N Main St #4"),
            "12 North Main Street number 4"
        );
        assert_eq!(for_speech("+442079460958"), "plus 4 4 2 0 7 9 4 6 0 9 5 8");
    }

    #[test]
    fn title_case_names() {
        assert_eq!(title_case("o'brien"), "O'Brien");
        assert_eq!(title_case("SMITH"), "Smith");
        assert_eq!(title_case("mary-ann"), "Mary-Ann");
    }
}
