//! Slot value extractors: names, phone numbers, addresses, times, yes/no. Pure functions of the
//! text (and, for relative dates, an injected instant and time zone).

use std::sync::LazyLock;

use regex::Regex;

pub mod address;
pub mod name;
pub mod numbers;
pub mod time;

pub use address::{find_address, volunteered_address, Address, AddressFinding};
pub use name::{extract_name, split_full_name, volunteered_name};
pub use time::{extract_time, time_phrase, TimeAnswer};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("extractor pattern compiles")
}

// ---------------------------------------------------------------- yes / no

static YES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(yes|yeah|yea|yep|yup|ya|yah|correct|right|that's right|that is right|that's correct|sure|exactly|uh huh|uh-huh|mhm|affirmative|you got it|perfect|ok|okay|sounds good|absolutely|definitely|of course|that works|please do|go ahead|it is|that's it|yes please)\b",
    )
});
static NO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(no|nope|nah|not quite|not really|wrong|incorrect|that's wrong|that's not right|that is not right|negative|not correct|no it's not|no thanks|no thank you)\b",
    )
});

/// The caller's yes or no at the start of an answer; `None` when it is neither.
pub fn yes_no(norm: &str) -> Option<bool> {
    let t = norm.trim_start_matches(|c: char| !c.is_alphanumeric());
    let t = t
        .strip_prefix("oh ")
        .or_else(|| t.strip_prefix("um "))
        .or_else(|| t.strip_prefix("uh "))
        .unwrap_or(t);
    if NO.is_match(t) {
        Some(false)
    } else if YES.is_match(t) {
        Some(true)
    } else {
        None
    }
}

/// The text after a leading yes/no word and punctuation ("No, it's Smith" → "it's Smith").
pub fn after_yes_no(raw: &str) -> &str {
    let norm_prefix = [
        "no", "nope", "nah", "yes", "yeah", "yep", "yup", "correct", "right", "sorry",
    ];
    let t = raw.trim();
    let lower = t.to_lowercase();
    for p in norm_prefix {
        if lower.starts_with(p) {
            let rest = &t[p.len()..];
            if rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()) {
                return rest.trim_start_matches(|c: char| !c.is_alphanumeric());
            }
        }
    }
    t
}

// ---------------------------------------------------------------- phone

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneFinding {
    /// A possible number, in the schema's format.
    Valid(String),
    /// Digits that cannot be a phone number (too short, too long, unknown country).
    Invalid(String),
}

static PLUS_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bplus\s+(\d)"));
static EXIT_CODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[A-Za-z:,]\s*)(?:00|011)[\s-]?([1-9]\d)"));
static WORD_HYPHEN: LazyLock<Regex> = LazyLock::new(|| re(r"([a-z])-([a-z])"));
static PHONE_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| re(r"\+?\(?\d[\d\s().-]{5,}\d"));
static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|double|triple|hundred)\b",
    )
});

/// Find a phone number in free text, parsed with libphonenumber's metadata (US by default).
/// Spoken digits ("five five five, two two two …", "double five", "oh") are read as digits;
/// when the caller corrects themselves, the last possible number wins.
pub fn find_phone(raw: &str) -> Option<PhoneFinding> {
    // "plus 49 30 …", "0044 20 …", "011 52 …" and the trunk "(0)" of "+44 (0) 20 …": the
    // international forms callers say and type, as E.164 digits. An exit code only starts a
    // number ("200 200 0010" ends with a line number, not with "00").
    let raw = PLUS_WORD.replace_all(raw, "+$1");
    let raw = EXIT_CODE.replace_all(&raw, "$1+$2");
    let mut raw = raw.replace("(0)", " ");
    if let Some(at) = raw.to_lowercase().find("area code") {
        // "area code 512, then 555 0147": the words between the groups go.
        let (head, tail) = raw.split_at(at);
        let tail: String = tail
            .split_whitespace()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORD.is_match(w))
            .collect::<Vec<_>>()
            .join(" ");
        raw = format!("{head}{tail}");
    }
    let spoken;
    let text = if NUMBER_WORD.find_iter(&raw).take(3).count() >= 3 {
        // "five fifty-five": a hyphen between number words is a space.
        let words = WORD_HYPHEN.replace_all(&raw, "$1 $2").to_lowercase();
        spoken = numbers::spoken_digits(&words).replace("+ ", "+");
        spoken.as_str()
    } else {
        raw.as_str()
    };
    let mut invalid = None;
    let mut valid = None;
    for m in PHONE_CANDIDATE.find_iter(text) {
        let candidate = m.as_str().trim();
        match parse_phone(candidate) {
            Some(p) => valid = Some(p),
            None if invalid.is_none() => invalid = Some(candidate.to_owned()),
            None => {}
        }
    }
    valid
        .map(PhoneFinding::Valid)
        .or(invalid.map(PhoneFinding::Invalid))
}

/// Parse one phone number into the schema's format: `555-123-4567` for North American
/// numbers, E.164 otherwise. North American numbers need exactly ten national digits (the
/// contract's own example, 555-123-4567, is possible but not assigned, so only the length is
/// checked there); other countries must be valid per libphonenumber.
pub fn parse_phone(candidate: &str) -> Option<String> {
    let digits: String = candidate.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    // With a "+" the country code decides; the US default would strip a leading "1" from the
    // national number as if it were the US trunk prefix ("+353 1 …", "+49 151 …").
    let region = (!candidate.trim_start().starts_with('+')).then_some(phonenumber::country::Id::US);
    let number = phonenumber::parse(region, candidate).ok()?;
    let national = number.national().value().to_string();
    if number.code().value() == 1 {
        if national.len() != 10 || national.starts_with('0') || national.starts_with('1') {
            return None;
        }
        return Some(format!(
            "{}-{}-{}",
            &national[..3],
            &national[3..6],
            &national[6..]
        ));
    }
    if !phonenumber::is_valid(&number) {
        return None;
    }
    Some(number.format().mode(phonenumber::Mode::E164).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(
            find_phone("555-123-4567"),
            Some(PhoneFinding::Valid("555-123-4567".into()))
        );
        assert_eq!(
            find_phone("my number is (555) 222-3333 thanks"),
            Some(PhoneFinding::Valid("555-222-3333".into()))
        );
        assert_eq!(
            find_phone("+1 555 222 3333"),
            Some(PhoneFinding::Valid("555-222-3333".into()))
        );
        assert_eq!(
            find_phone("five five five one two three four five six seven"),
            Some(PhoneFinding::Valid("555-123-4567".into()))
        );
        assert!(matches!(
            find_phone("555-1234"),
            Some(PhoneFinding::Invalid(_))
        ));
        assert!(matches!(
            find_phone("123-456-7890"),
            Some(PhoneFinding::Invalid(_))
        ));
        assert_eq!(
            find_phone("+44 20 7946 0958"),
            Some(PhoneFinding::Valid("+442079460958".into()))
        );
        assert_eq!(find_phone("no digits here"), None);
        // Numbers abroad as callers space, type and say them.
        for (said, e164) in [
            ("+33 1 23 45 67 89", "+33123456789"),
            ("plus 49 30 901820", "+4930901820"),
            ("0044 20 7946 0958", "+442079460958"),
            ("+44 (0) 20 7946 0958", "+442079460958"),
            ("+353 1 679 3311", "+35316793311"),
            ("+49 151 23456789", "+4915123456789"),
            (
                "plus five two five five five one two eight oh double oh oh",
                "+525551280000",
            ),
        ] {
            assert_eq!(
                find_phone(said),
                Some(PhoneFinding::Valid(e164.into())),
                "{said}"
            );
        }
        for said in [
            "five thirty, five five five, ninety-two thirty-two",
            "area code 530 then 555 9232",
            "(530) 555-9232 ext. 14",
        ] {
            assert_eq!(
                find_phone(said),
                Some(PhoneFinding::Valid("530-555-9232".into())),
                "{said}"
            );
        }
    }

    #[test]
    fn yes_and_no() {
        assert_eq!(yes_no("yes"), Some(true));
        assert_eq!(yes_no("yeah that's right"), Some(true));
        assert_eq!(yes_no("no, it's smith"), Some(false));
        assert_eq!(yes_no("nope"), Some(false));
        assert_eq!(yes_no("john"), None);
        assert_eq!(after_yes_no("No, it's Smith"), "it's Smith");
    }
}
