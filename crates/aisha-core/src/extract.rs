//! Slot value extractors: names, phone numbers, addresses, times, yes/no. Pure functions of the
//! text (and, for relative dates, an injected instant and time zone).

use std::sync::LazyLock;

use regex::Regex;

use crate::text;

pub mod address;
pub mod numbers;
pub mod time;

pub use address::{find_address, volunteered_address, Address, AddressFinding};
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
    let spoken;
    let text = if NUMBER_WORD.find_iter(raw).take(3).count() >= 3 {
        spoken = numbers::spoken_digits(&raw.to_lowercase()).replace("+ ", "+");
        spoken.as_str()
    } else {
        raw
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
    let number = phonenumber::parse(Some(phonenumber::country::Id::US), candidate).ok()?;
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

// ---------------------------------------------------------------- name

static NAME_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(my name is|my name's|name is|name's|the name is|this is|it's under|it is under|put it under|you can put it under|under the name|it's|it is|i'm|i am|im|call me|you can call me|last name is|first name is|my last name is|my first name is|surname is)\s+",
    )
});
/// Markers strong enough to capture a name the caller volunteers before it is asked.
static NAME_MARKER_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(my name is|my name's|name is|the name is|call me|you can call me|my last name is|my first name is|last name is|first name is|surname is)\s+",
    )
});
/// Words that are never part of a name: answers, fillers, questions, refusals and the people
/// a caller may name instead of themselves ("the landlord").
static NAME_STOP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(yes|yeah|yep|no|nope|ok|okay|sure|hi|hello|hey|the|and|a|an|um|uh|so|well|my|i|it|its|is|name|please|thanks|thank|you|correct|right|not|what|how|why|when|where|who|whose|just|actually|sorry|wait|here|speaking|having|calling|looking|need|want|good|fine|great|mr|mrs|ms|dr|miss|mister|phone|number|address|street|at|on|in|to|for|with|of|from|this|that|there|they|we|our|your|be|been|do|does|did|have|has|can|could|would|will|shall|should|again|alright|oh|hmm|morning|afternoon|evening|tomorrow|today|asap|soon|possible|as|first|last|hold|hang|sec|second|minute|moment|one|cancel|never|mind|forget|skip|pass|huh|robot|real|person|human|landlord|homeowner|owner|tenant|manager|property|mom|dad|mother|father|wife|husband|whatever|anything|nothing|doesn't|matter|rather|don't|say|tell|null|none|admin|test|nobody|anonymous|unknown|n/a|ignore|system|prompt|instructions|previous|pretend|repeat|already|told|cost|price|hours|open|weekends|company|business|office|agent|assistant|bot|ai|taking|forever|getting|going|ridiculous|crazy|frustrating|annoying|terrible|awful|confusing|complicated|check|look|find|grab|see|think|me|let|give|minute|bear|sure)$",
    )
});
/// Hesitation before an answer ("um", "uh", "well").
static FILLER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(?:um+|uh+|er|erm|well|so|oh|hmm+|okay|ok|alright)\b[\s,.]*)+"));
static TITLES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(mr|mrs|ms|dr|miss|mister)\.?$"));

/// Name tokens (title-cased) from an answer to the name question, e.g. "it's John Smith" →
/// ["John", "Smith"]. `None` when the text does not look like a name.
pub fn extract_name(raw: &str) -> Option<Vec<String>> {
    let raw = FILLER.replace(raw, "");
    let raw = raw.as_ref();
    if let Some(c) = FIRST_AND_LAST.captures(raw) {
        let first = name_tokens(&c[1])?;
        let last = name_tokens(&c[2])?;
        return Some(first.into_iter().chain(last).collect());
    }
    let after_marker = match NAME_MARKER.find(raw) {
        Some(m) if raw[..m.start()].split_whitespace().count() <= 3 => &raw[m.end()..],
        _ => raw,
    };
    name_tokens(after_marker)
}

/// A name the caller volunteers with an explicit marker ("my name is …").
pub fn volunteered_name(raw: &str) -> Option<Vec<String>> {
    let m = NAME_MARKER_STRONG.find(raw)?;
    name_tokens(&raw[m.end()..])
}

fn name_tokens(fragment: &str) -> Option<Vec<String>> {
    // Stop at the end of the name: a comma, "and", digits, or the next clause.
    let end = fragment
        .find(|c: char| matches!(c, ',' | '.' | '!' | '?' | ';' | ':') || c.is_ascii_digit())
        .unwrap_or(fragment.len());
    let mut tokens = Vec::new();
    for word in fragment[..end].split_whitespace() {
        let lower = word.to_lowercase();
        if matches!(
            lower.as_str(),
            "and" | "my" | "here" | "speaking" | "please" | "thanks" | "but" | "from" | "calling"
        ) {
            break;
        }
        if TITLES.is_match(word) {
            continue;
        }
        if !word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
            || word.chars().count() > 30
        {
            return None;
        }
        tokens.push(word);
        if tokens.len() > 4 {
            return None;
        }
    }
    if tokens.is_empty() || tokens.iter().any(|t| NAME_STOP.is_match(t)) {
        return None;
    }
    let n = tokens.len();
    Some(
        tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                // "de la Cruz", "van der Berg": particles stay lower case before a surname.
                if i > 0 && i + 1 < n && is_particle(t) {
                    t.to_lowercase()
                } else {
                    text::title_case(t)
                }
            })
            .collect(),
    )
}

fn is_particle(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "de" | "la"
            | "las"
            | "los"
            | "del"
            | "della"
            | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "das"
            | "dos"
            | "di"
            | "du"
            | "le"
            | "ter"
            | "ten"
            | "bin"
            | "ibn"
    )
}

/// First and last name from the tokens of a full name: the surname is the last word with
/// the particles before it ("Maria de la Cruz" → "Maria", "de la Cruz"). `None` for one token.
pub fn split_full_name(tokens: &[String]) -> Option<(String, String)> {
    if tokens.len() < 2 {
        return None;
    }
    let mut start = tokens.len() - 1;
    while start > 1 && is_particle(&tokens[start - 1]) {
        start -= 1;
    }
    let n = tokens.len();
    let last = tokens[start..]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if start + i + 1 < n && is_particle(t) {
                t.to_lowercase()
            } else {
                t.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some((tokens[..start].join(" "), last))
}

static FIRST_AND_LAST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bfirst name(?: is)?\s+(.+?)\s*,?\s+(?:and\s+)?(?:my\s+|the\s+)?last name(?: is)?\s+(.+)$",
    )
});

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
    }

    #[test]
    fn names() {
        assert_eq!(extract_name("Subach"), Some(vec!["Subach".into()]));
        assert_eq!(
            extract_name("it's john smith"),
            Some(vec!["John".into(), "Smith".into()])
        );
        assert_eq!(
            extract_name("My name is Mary Ann O'Brien."),
            Some(vec!["Mary".into(), "Ann".into(), "O'Brien".into()])
        );
        assert_eq!(
            extract_name("John Smith, my number is 555-222-3333"),
            Some(vec!["John".into(), "Smith".into()])
        );
        assert_eq!(extract_name("yes"), None);
        assert_eq!(extract_name("what are your hours"), None);
        assert_eq!(
            volunteered_name("Hi, my name is Dana Lee and my AC broke"),
            Some(vec!["Dana".into(), "Lee".into()])
        );
        assert_eq!(volunteered_name("I'm having trouble"), None);
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
