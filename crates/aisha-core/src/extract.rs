//! Slot value extractors: names, phone numbers, addresses, times, yes/no. Pure functions of the
//! text (and, for relative dates, an injected instant and time zone).

use std::sync::LazyLock;

use jiff::{civil, tz::TimeZone, Timestamp, ToSpan};
use regex::Regex;

use crate::text;

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
static DIGIT_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b"));

/// Speech recognisers sometimes spell digits out ("five five five one two three …").
fn spoken_digits_to_numerals(raw: &str) -> std::borrow::Cow<'_, str> {
    if DIGIT_WORD.find_iter(raw).count() < 7 {
        return std::borrow::Cow::Borrowed(raw);
    }
    let replaced = DIGIT_WORD.replace_all(raw, |c: &regex::Captures<'_>| {
        match c[1].to_lowercase().as_str() {
            "zero" | "oh" => "0",
            "one" => "1",
            "two" => "2",
            "three" => "3",
            "four" => "4",
            "five" => "5",
            "six" => "6",
            "seven" => "7",
            "eight" => "8",
            _ => "9",
        }
        .to_owned()
    });
    // "5 5 5 1 2 3" → "555123"
    let mut out = String::with_capacity(replaced.len());
    let chars: Vec<char> = replaced.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == ' '
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        }
        out.push(*c);
    }
    std::borrow::Cow::Owned(out)
}

/// Find a phone number in free text, parsed with libphonenumber's metadata (US by default).
pub fn find_phone(raw: &str) -> Option<PhoneFinding> {
    let text = spoken_digits_to_numerals(raw);
    let candidate = PHONE_CANDIDATE.find(&text)?.as_str().trim();
    Some(match parse_phone(candidate) {
        Some(p) => PhoneFinding::Valid(p),
        None => PhoneFinding::Invalid(candidate.to_owned()),
    })
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
        r"(?i)\b(my name is|my name's|name is|name's|the name is|this is|it's|it is|i'm|i am|im|call me|you can call me|last name is|first name is|my last name is|my first name is|surname is)\s+",
    )
});
/// Markers strong enough to capture a name the caller volunteers before it is asked.
static NAME_MARKER_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(my name is|my name's|name is|the name is|call me|you can call me|my last name is|my first name is|last name is|first name is|surname is)\s+",
    )
});
static NAME_STOP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(yes|yeah|yep|no|nope|ok|okay|sure|hi|hello|hey|the|and|a|an|um|uh|so|well|my|i|it|its|is|name|please|thanks|thank|you|correct|right|not|what|how|why|when|where|just|actually|sorry|wait|here|speaking|having|calling|looking|need|want|good|fine|great|mr|mrs|ms|dr|miss|mister|phone|number|address|street|at|on|in|to|for|with|of|from|this|that|there|they|we|our|your|be|been|do|does|did|have|has|can|could|would|will|shall|should|again|okay|alright|oh|hmm|morning|afternoon|evening|tomorrow|today|asap|soon|possible|as|first|last)$",
    )
});
static TITLES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(mr|mrs|ms|dr|miss|mister)\.?$"));

/// Name tokens (title-cased) from an answer to the name question, e.g. "it's John Smith" →
/// ["John", "Smith"]. `None` when the text does not look like a name.
pub fn extract_name(raw: &str) -> Option<Vec<String>> {
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
    Some(tokens.iter().map(|t| text::title_case(t)).collect())
}

// ---------------------------------------------------------------- address

static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(apt|apartment|unit|suite|ste|#|building|bldg|floor|fl)\.?\s*#?\s*[a-z0-9-]+\b|#\s*[a-z0-9-]+",
    )
});
static STREET_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|way|place|pl|circle|cir|parkway|pkwy|highway|hwy|terrace|ter|trail|trl|square|sq|loop|pike|row)\b\.?",
    )
});
static ADDRESS_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(it's|it is|the address is|address is|my address is|the service address is|i'm at|i am at|we're at|we are at|i live at|that's|that would be|sure|yes|yeah|ok|okay|um)[,:]?\s+",
    )
});
static ADDRESS_VOLUNTEERED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b\d{1,6}\s+[a-z0-9.' -]{1,40}?\b(street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|way|place|pl|circle|cir|parkway|pkwy|highway|hwy|terrace|trail)\b\.?(\s*,?\s*(apt|apartment|unit|suite|ste|#)\.?\s*#?\s*[a-z0-9-]+)?(\s*,\s*[a-z .'-]{2,30})?",
    )
});

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    pub full: String,
    pub street: Option<String>,
    pub unit: Option<String>,
    pub city: Option<String>,
}

/// Parse an answer to the address question. It must look like an address: a street number
/// and a word, or at least three words.
pub fn extract_address(raw: &str) -> Option<Address> {
    let mut s = raw.trim();
    while let Some(m) = ADDRESS_PREFIX.find(s) {
        s = &s[m.end()..];
    }
    let s = s.trim().trim_end_matches(['.', '!']).trim();
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let word_count = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if s.len() > 200 || word_count == 0 || (!has_digit && word_count < 3) || s.ends_with('?') {
        return None;
    }
    Some(split_address(s))
}

/// An address stated in passing ("… and I'm at 42 Elm Street, Springfield").
pub fn volunteered_address(raw: &str) -> Option<Address> {
    ADDRESS_VOLUNTEERED
        .find(raw)
        .map(|m| split_address(m.as_str().trim().trim_end_matches(',')))
}

fn split_address(s: &str) -> Address {
    let parts: Vec<&str> = s
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut street = None;
    let mut unit = None;
    let mut city = None;
    for (i, part) in parts.iter().enumerate() {
        let mut part = part.to_string();
        if let Some(m) = UNIT.find(&part) {
            if unit.is_none() {
                unit = Some(text::title_case_unit(m.as_str()));
            }
            part = format!("{} {}", &part[..m.start()], &part[m.end()..])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
        if part.is_empty() {
            continue;
        }
        if street.is_none() && i == 0 {
            // "123 Main Street Anytown" (no comma): split after the street suffix.
            if parts.len() == 1 {
                if let Some(m) = STREET_SUFFIX.find_iter(&part).last() {
                    let rest = part[m.end()..].trim();
                    if !rest.is_empty() && !rest.chars().any(|c| c.is_ascii_digit()) {
                        city = Some(rest.to_owned());
                        part = part[..m.end()].trim().to_owned();
                    }
                }
            }
            street = Some(part);
        } else if city.is_none()
            && part.chars().any(char::is_alphabetic)
            && !looks_like_state_zip(&part)
        {
            city = Some(part);
        }
    }
    Address {
        full: s.to_owned(),
        street,
        unit,
        city,
    }
}

fn looks_like_state_zip(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 2
        && words[0].len() == 2
        && words[0].chars().all(|c| c.is_ascii_uppercase())
        && words
            .get(1)
            .is_none_or(|z| z.chars().all(|c| c.is_ascii_digit() || c == '-'))
}

// ---------------------------------------------------------------- time

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeAnswer {
    /// "ASAP" | "morning" | "afternoon" | "specific"
    pub preference: &'static str,
    pub window: Option<String>,
}

static ASAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(asap|a\.s\.a\.p|as soon as (possible|you can)|soonest|earliest|right away|immediately|right now|first available|next available|whenever you can|as early as possible|emergency|urgent|urgently|today if possible|same day)\b",
    )
});
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:between|from)\s+(\d{1,2})(?::\d\d)?\s*(am|pm)?\s+(?:and|to|-)\s+(\d{1,2})(?::\d\d)?\s*(am|pm)?\b|\b(\d{1,2})\s*(am|pm)?\s*-\s*(\d{1,2})\s*(am|pm)?\b",
    )
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:at\s+)?(\d{1,2})(?::(\d\d))?\s*(am|pm|a\.m\.|p\.m\.|o'clock)|\bat\s+(\d{1,2})(?::(\d\d))?\b|\b(noon|midday)\b",
    )
});
static DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b|\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b",
    )
});

static PART_OF_DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(morning|afternoon|evening|tonight)s?\b"));

/// Parse a time preference. Relative dates resolve in `tz` from `now`.
pub fn extract_time(norm: &str, now: Timestamp, tz: &TimeZone) -> Option<TimeAnswer> {
    if ASAP.is_match(norm) {
        return Some(TimeAnswer {
            preference: "ASAP",
            window: None,
        });
    }
    let today = now.to_zoned(tz.clone()).date();
    let day = DAY.captures(norm).and_then(|c| resolve_day(&c, today));
    let part = PART_OF_DAY.captures(norm).map(|c| match &c[1] {
        "morning" | "am" => "morning",
        "afternoon" | "pm" => "afternoon",
        _ => "evening",
    });
    if let Some(c) = BETWEEN.captures(norm) {
        let (a, am_a, b, am_b) = if c.get(1).is_some() {
            (1, 2, 3, 4)
        } else {
            (5, 6, 7, 8)
        };
        let start: u32 = c[a].parse().ok()?;
        let end: u32 = c[b].parse().ok()?;
        let to24 = |h: u32, ampm: Option<&str>| match ampm {
            Some("pm") if h < 12 => h + 12,
            Some("am") if h == 12 => 0,
            _ => h,
        };
        let end_ampm = c.get(am_b).map(|m| m.as_str());
        let start_ampm = c.get(am_a).map(|m| m.as_str()).or(end_ampm);
        let (s, e) = (to24(start, start_ampm), to24(end, end_ampm));
        if s < 24 && e <= 24 && s < e {
            let window = match day {
                Some(d) => format!("{d} {s}-{e}"),
                None => format!("{s}-{e}"),
            };
            return Some(TimeAnswer {
                preference: "specific",
                window: Some(window),
            });
        }
    }
    if let Some(c) = CLOCK.captures(norm) {
        let (hour, minute) = if c.get(6).is_some() {
            (12, 0)
        } else if let Some(h) = c.get(1) {
            let mut h: i8 = h.as_str().parse().ok()?;
            let ampm = c.get(3).map(|m| m.as_str()).unwrap_or("");
            if ampm.starts_with('p') && h < 12 {
                h += 12;
            } else if ampm.starts_with('a') && h == 12 {
                h = 0;
            } else if ampm == "o'clock" && h < 7 {
                h += 12;
            }
            (
                h,
                c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
            )
        } else {
            let mut h: i8 = c.get(4)?.as_str().parse().ok()?;
            if h < 7 {
                h += 12; // "at 3" during business hours means the afternoon
            }
            (
                h,
                c.get(5).and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
            )
        };
        if !(0..24).contains(&hour) || !(0..60).contains(&minute) {
            return None;
        }
        let time = civil::time(hour, minute, 0, 0);
        let date = day.unwrap_or_else(|| {
            let now_local = now.to_zoned(tz.clone());
            if now_local.time() < time {
                today
            } else {
                today.tomorrow().unwrap_or(today)
            }
        });
        return Some(TimeAnswer {
            preference: "specific",
            window: Some(format!("{date} {}", time.strftime("%H:%M"))),
        });
    }
    match (day, part) {
        (Some(d), Some("morning")) => Some(TimeAnswer {
            preference: "specific",
            window: Some(format!("{d} 8-12")),
        }),
        (Some(d), Some("afternoon")) => Some(TimeAnswer {
            preference: "specific",
            window: Some(format!("{d} 12-17")),
        }),
        (Some(d), Some(_)) => Some(TimeAnswer {
            preference: "specific",
            window: Some(format!("{d} 17-20")),
        }),
        (Some(d), None) => Some(TimeAnswer {
            preference: "specific",
            window: Some(d.to_string()),
        }),
        (None, Some("morning")) => Some(TimeAnswer {
            preference: "morning",
            window: None,
        }),
        (None, Some("afternoon")) => Some(TimeAnswer {
            preference: "afternoon",
            window: None,
        }),
        (None, Some(_)) => Some(TimeAnswer {
            preference: "specific",
            window: Some("17-20".into()),
        }),
        (None, None) => {
            if text::contains_phrase(norm, "anytime")
                || text::contains_phrase(norm, "any time")
                || text::contains_phrase(norm, "whenever")
            {
                Some(TimeAnswer {
                    preference: "ASAP",
                    window: None,
                })
            } else {
                None
            }
        }
    }
}

fn resolve_day(c: &regex::Captures<'_>, today: civil::Date) -> Option<civil::Date> {
    if let Some(word) = c.get(1) {
        let target = match word.as_str() {
            "today" | "tonight" => return Some(today),
            "tomorrow" => return today.tomorrow().ok(),
            "monday" => civil::Weekday::Monday,
            "tuesday" => civil::Weekday::Tuesday,
            "wednesday" => civil::Weekday::Wednesday,
            "thursday" => civil::Weekday::Thursday,
            "friday" => civil::Weekday::Friday,
            "saturday" => civil::Weekday::Saturday,
            _ => civil::Weekday::Sunday,
        };
        return today.nth_weekday(1, target).ok();
    }
    let (month, day): (i8, i8) = if let Some(m) = c.get(2) {
        (m.as_str().parse().ok()?, c.get(3)?.as_str().parse().ok()?)
    } else {
        let month = match &c.get(5)?.as_str()[..3] {
            "jan" => 1,
            "feb" => 2,
            "mar" => 3,
            "apr" => 4,
            "may" => 5,
            "jun" => 6,
            "jul" => 7,
            "aug" => 8,
            "sep" => 9,
            "oct" => 10,
            "nov" => 11,
            _ => 12,
        };
        (month, c.get(6)?.as_str().parse().ok()?)
    };
    let this_year = civil::Date::new(today.year(), month, day).ok()?;
    if this_year >= today {
        Some(this_year)
    } else {
        this_year.checked_add(1.year()).ok()
    }
}

/// The time preference in words for the completion message.
pub fn time_phrase(preference: &str, window: Option<&str>, asap_phrase: &str) -> String {
    match (preference, window) {
        ("ASAP", _) => asap_phrase.to_owned(),
        ("morning", _) => "in the morning".to_owned(),
        ("afternoon", _) => "in the afternoon".to_owned(),
        (_, Some(w)) => {
            let mut it = w.splitn(2, ' ');
            let first = it.next().unwrap_or(w);
            match first.parse::<civil::Date>() {
                Ok(d) => {
                    let day = d.strftime("%A, %B %-d").to_string();
                    match it.next() {
                        Some(rest) => format!("on {day} ({rest})"),
                        None => format!("on {day}"),
                    }
                }
                Err(_) => format!("between {}", w.replace('-', " and ")),
            }
        }
        _ => "at the time you asked for".to_owned(),
    }
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
    fn addresses() {
        let a = extract_address("123 Main Street, Anytown").unwrap();
        assert_eq!(
            (a.street.as_deref(), a.city.as_deref(), a.unit.as_deref()),
            (Some("123 Main Street"), Some("Anytown"), None)
        );
        let a = extract_address("it's 456 Oak Ave Apt 2B, Springfield, IL 62704").unwrap();
        assert_eq!(a.street.as_deref(), Some("456 Oak Ave"));
        assert_eq!(a.unit.as_deref(), Some("Apt 2B"));
        assert_eq!(a.city.as_deref(), Some("Springfield"));
        let a = extract_address("77 Elm Road Shelbyville").unwrap();
        assert_eq!(
            (a.street.as_deref(), a.city.as_deref()),
            (Some("77 Elm Road"), Some("Shelbyville"))
        );
        assert_eq!(extract_address("yes"), None);
        assert!(volunteered_address("and I'm at 42 Elm Street, Springfield").is_some());
    }

    #[test]
    fn times() {
        let now: Timestamp = "2026-11-22T15:00:00Z".parse().unwrap();
        let tz = TimeZone::get("America/Chicago").unwrap();
        let t = |s: &str| extract_time(&text::normalize(s), now, &tz);
        assert_eq!(t("As soon as possible").unwrap().preference, "ASAP");
        assert_eq!(t("mornings are best").unwrap().preference, "morning");
        assert_eq!(t("afternoon").unwrap().preference, "afternoon");
        assert_eq!(
            t("tomorrow at 10am").unwrap().window.as_deref(),
            Some("2026-11-23 10:00")
        );
        assert_eq!(
            t("between 8 and 10").unwrap().window.as_deref(),
            Some("8-10")
        );
        assert_eq!(
            t("monday morning").unwrap().window.as_deref(),
            Some("2026-11-23 8-12")
        );
        assert_eq!(
            t("12/20 at 2pm").unwrap().window.as_deref(),
            Some("2026-12-20 14:00")
        );
        assert_eq!(t("who knows"), None);
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
