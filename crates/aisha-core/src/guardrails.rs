//! Guardrails on every outgoing text: the company's vocabulary, and screening for what an
//! autonomous agent must never say (prices, discounts, commitments, pressure, a claim to be
//! human).

use std::sync::LazyLock;

use regex::Regex;

use crate::company::VocabularyGuardrails;

/// Apply `replacementMap`, then replace any remaining forbidden word with the first allowed
/// service noun (or "team member"). Matching is case-insensitive on word boundaries, and the
/// replacement keeps a leading capital.
pub fn apply_vocabulary(text: &str, g: &VocabularyGuardrails) -> String {
    if g.replacement_map.is_empty() && g.forbidden_words.is_empty() {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    for (word, replacement) in &g.replacement_map {
        out = replace_word(&out, word, replacement);
    }
    let fallback = g
        .allowed_service_nouns
        .first()
        .map(String::as_str)
        .unwrap_or("team member");
    for word in &g.forbidden_words {
        let replacement = g
            .replacement_map
            .get(word)
            .map(String::as_str)
            .unwrap_or(fallback);
        out = replace_word(&out, word, replacement);
    }
    out
}

/// Case-insensitive whole-word replacement (plural "s" kept) without compiling a regex per
/// call: this runs on every reply.
fn replace_word(text: &str, word: &str, replacement: &str) -> String {
    let word = word.trim();
    if word.is_empty() {
        return text.to_owned();
    }
    let lower = text.to_ascii_lowercase();
    let needle = word.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'\'';
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find(&needle) {
        let at = from + i;
        let mut end = at + needle.len();
        let before_ok = at == 0 || !is_word(bytes[at - 1]);
        let plural = end < bytes.len()
            && bytes[end] == b's'
            && (end + 1 == bytes.len() || !is_word(bytes[end + 1]));
        if plural {
            end += 1;
        }
        let after_ok = end == bytes.len() || !is_word(bytes[end]);
        if before_ok && after_ok {
            out.push_str(&text[last..at]);
            let capital = text[at..].chars().next().is_some_and(char::is_uppercase);
            let mut chars = replacement.chars();
            if capital {
                if let Some(f) = chars.next() {
                    out.extend(f.to_uppercase());
                }
            }
            out.push_str(chars.as_str());
            if plural {
                out.push('s');
            }
            last = end;
        }
        from = end.max(at + 1);
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
        if from >= text.len() {
            break;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// What outgoing-text screening found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Violation {
    Price,
    Discount,
    Commitment,
    Pressure,
    ClaimsHuman,
}

impl Violation {
    pub fn as_str(self) -> &'static str {
        match self {
            Violation::Price => "states a price",
            Violation::Discount => "offers a discount",
            Violation::Commitment => "makes a binding commitment",
            Violation::Pressure => "uses pressure language",
            Violation::ClaimsHuman => "claims to be human",
        }
    }
}

static PRICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\$\s?\d|\b\d+(\.\d+)?\s?(dollars|bucks|usd)\b|\bprice (is|will be)\b|\bcosts? (is|will be|only)\b").expect("price")
});
static DISCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d+\s?(%|percent)\s?(off|discount)|\b(discount|% off|percent off|coupon|promo code|waive (the|your)|price match|cheaper for you|special (price|deal|offer))\b|\b(take|knock)\s+\S+\s+off\b").expect("discount")
});
static COMMITMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(we guarantee|guaranteed|i guarantee|i promise|we promise|we will definitely|we'll definitely|binding|we commit|i commit|locked in|you have my word|no matter what)\b").expect("commitment")
});
static PRESSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(act now|limited time|today only|last chance|expires (today|soon|tonight)|before it's too late|don't miss out|only \d+ (left|spots)|hurry|you must decide|final offer)\b").expect("pressure")
});
static CLAIMS_HUMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(i am|i'm|im) (a |an )?(real |actual |live )?(human|person|real person|human being)\b|\bi'm not (a |an )?(robot|bot|ai|machine)\b|\bi am not (a |an )?(robot|bot|ai|machine)\b").expect("human")
});

/// Screen a text an agent would send. An empty list means it may go out.
pub fn screen_outgoing(text: &str) -> Vec<Violation> {
    let mut v = Vec::new();
    if PRICE.is_match(text) {
        v.push(Violation::Price);
    }
    if DISCOUNT.is_match(text) {
        v.push(Violation::Discount);
    }
    if COMMITMENT.is_match(text) {
        v.push(Violation::Commitment);
    }
    if PRESSURE.is_match(text) {
        v.push(Violation::Pressure);
    }
    if CLAIMS_HUMAN.is_match(text) {
        v.push(Violation::ClaimsHuman);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_replaces_and_keeps_capitals() {
        let mut g = VocabularyGuardrails::default();
        g.replacement_map
            .insert("technician".into(), "team member".into());
        assert_eq!(
            apply_vocabulary("A technician can help. Our technicians are great.", &g),
            "A team member can help. Our team members are great."
        );
        let g = VocabularyGuardrails {
            forbidden_words: vec!["technician".into()],
            replacement_map: Default::default(),
            allowed_service_nouns: vec!["dentist".into()],
        };
        assert_eq!(apply_vocabulary("Technician visit", &g), "Dentist visit");
    }

    #[test]
    fn screening() {
        assert!(screen_outgoing("We'll take 20% off").contains(&Violation::Discount));
        assert!(screen_outgoing("It's $99 for a visit").contains(&Violation::Price));
        assert!(screen_outgoing("I'm a real person, don't worry").contains(&Violation::ClaimsHuman));
        assert!(screen_outgoing("Act now, this offer expires today").contains(&Violation::Pressure));
        assert!(screen_outgoing("We guarantee it will be fixed").contains(&Violation::Commitment));
        assert!(
            screen_outgoing("Hi Dana, this is the AI assistant for Acme. Any questions?")
                .is_empty()
        );
    }
}
