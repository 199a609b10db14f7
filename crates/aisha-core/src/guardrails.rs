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
    Negotiation,
    Commitment,
    RegulatedAct,
    Pressure,
    ClaimsHuman,
}

impl Violation {
    pub fn as_str(self) -> &'static str {
        match self {
            Violation::Price => "states a price",
            Violation::Discount => "offers a discount",
            Violation::Negotiation => "negotiates terms",
            Violation::Commitment => "makes a binding commitment",
            Violation::RegulatedAct => "performs a regulated act",
            Violation::Pressure => "uses pressure language",
            Violation::ClaimsHuman => "claims to be human",
        }
    }
}

/// The form every screen pattern is written against: compatibility-normalised (NFKC folds
/// full-width letters and digits, ligatures and the like), invisible characters dropped,
/// typographic apostrophes, quotes, dashes and unusual spaces made plain, lower case.
pub fn screen_form(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text
        .nfkc()
        .filter_map(|c| match c {
            // Zero-width and other format characters hide nothing from a reader, so they may
            // not hide anything from the screen either.
            '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{034F}' => None,
            '\u{201B}' | '\u{2032}' | '\u{00B4}' | '\u{02BC}' => Some('\''),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
            c => Some(c),
        })
        .collect();
    crate::text::normalize(&folded)
}

fn screen_re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("screen pattern compiles")
}

const NUM: &str = r"(\d[\d,.]*|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|couple|few)";

struct Screen {
    /// An amount of money in any form.
    amount: Regex,
    /// Price words that state (not defer) a price.
    price: Regex,
    discount: Regex,
    negotiation: Regex,
    commitment: Regex,
    regulated: Regex,
    pressure: Regex,
    claims_human: Regex,
    /// A clause that says AiSHA cannot or will not do the thing it names.
    negated: Regex,
    honest_ai: Regex,
}

static SCREEN: LazyLock<Screen> = LazyLock::new(|| Screen {
    amount: screen_re(&format!(
        r"[$€£¥₹]\s?\d|\b(usd|cad|eur|gbp|aud)\s?\d|\d[\d,.]*\s?k?\s?(usd|cad|eur|gbp|aud|euros?|pounds)\b|\b{NUM}([ -]\w+){{0,3}}[ -](dollars?|bucks|grand)\b|\b(dollars?|bucks)\b|\b\d+(\.\d+)?k\b|\b(hundred|thousand)\b|\b\d+\s?(%|percent|per cent)|\b(fifteen|twenty|ten|five|fifty|thirty|forty|twenty-five)\s?(percent|per cent)\b|\b(nine|eight|seven|six|five|four|three|two|one) (ninety|forty|fifty|twenty|thirty|sixty|seventy|eighty)[ -](nine|five|four)\b"
    )),
    price: screen_re(
        r"\b(the )?(estimate|visit|diagnostic|consultation|consultations|first visit|inspection|trip|service call|it|that|this)\b[^.!?]{0,20}\b(is|are|'s|will be) (free|complimentary|on the house|at no cost)|\bno (charge|cost|fee)\b|\bat no (cost|charge)\b|\bcomplimentary\b|\bwon't cost (you )?(anything|a thing|a dime)|\bfor free\b|\bfree of charge\b|\b(price|prices|cost|costs|fee|rate|premium|deductible|copay) (is|are|will be|would be|starts?|start at|runs?|of)\b|\b(prices|rates) start\b|\b(runs|costs|comes to|starting at|starts at) (about|around|roughly|only|just)?\s?(\$|\d)|\bcheaper than\b|\b(the|your) (estimate|visit|consultation|diagnostic|first visit) is free\b|\bis free[.!]?$|\bfree!?$",
    ),
    discount: screen_re(
        r"\b(discount|discounts|coupon|promo|promo code|use code|waive|waiving|waived|credit your account|price match|match any|better rate|special (price|deal|offer|rate)|loyalty|throw in|on the house)\b|\b(take|knock|give you|get you|save you)\b[^.!?]{0,25}\boff\b|\boff (the|your) (price|bill|total|invoice|visit)\b|\b\w+ (%|percent|per cent) off\b|\b(half|a quarter|quarter) off\b",
    ),
    negotiation: screen_re(
        r"\b(lower the price|meet you in the middle|split the difference|your budget|make it work|adjust the (terms|price)|change the (contract )?terms|extend the payment terms|work something out|make me an offer|pay cash|for less|best i can do|what price would|negotiate)\b",
    ),
    commitment: screen_re(
        r"\b(guarantee|guaranteed|guarantees|i promise|we promise|promise you|you have my word|definitely (have|be|fix|get|finish)|100% (fix|sure|guarantee)|will 100%|locked in|binding|done deal|rest assured|no matter what|will be approved|i assure you|we assure you|we commit|i commit)\b",
    ),
    regulated: screen_re(
        r"\b((policy|coverage) (is|has been) (bound|cancell?ed|changed|updated|issued)|bound coverage|you're covered|you are covered|(is|are|isn't|is not|are not|aren't) covered|not covered under|is excluded|excluded, so|claim (is|has been) (approved|denied)|approved for (financing|the loan|credit)|results came back|probably just|(stop|start) taking (that|the|your|this)|you don't need the|will do instead|(a|the) filling will do|i('ve| have)? (bound|added|removed|changed|increased|decreased|lowered|raised|filed|issued|cancell?ed|updated|dropped) [^.!?]{0,30}\b(coverage|policy|limits|deductible|liability|sr-22|certificate|vehicle|driver|beneficiary)|has been cancell?ed as requested)\b",
    ),
    pressure: screen_re(
        r"\b(act now|limited time|today only|last chance|expires (today|soon|tonight)|before it's too late|don't miss out|only \d+ (left|spots)|spots left|hurry|you must decide|decide today|lose the slot|final offer|ends tonight)\b",
    ),
    claims_human: screen_re(
        r"\b(i am|i'm|im|this is) (a |an )?(real |actual |live )?(human|person|human being|real person|live agent|live person|human agent)\b|\b(i am|i'm|im) (not|no) (a |an )?(robot|bot|ai|machine|computer|automated)\b|\byou're (talking|speaking|chatting|texting) (to|with) (a |an )?(real|live|actual) (person|human)\b|\bthis is (a |an )?(real|live|actual) (person|human)|\ba (real |live )?human on (our|the) team\b|\bi'm human\b|\b(i'm|i am) one of the (office )?staff\b|\bnot (a |an )?(bot|robot|machine|automated system)\b",
    ),
    negated: screen_re(
        r"\b(can't|cannot|can not|not able to|unable to|don't|do not|won't|isn't something|aren't able|not allowed to|no way to)\b",
    ),
    honest_ai: screen_re(
        r"\b(i'm|i am) (an? |the )?(ai|automated|virtual|digital)\b|\bthis is an automated\b",
    ),
});

/// Whether the cue at `start` sits in a clause that says AiSHA can't or won't do it.
fn negated_clause(s: &Screen, text: &str, start: usize) -> bool {
    let clause_start = text[..start]
        .rfind(['.', '!', '?', ';', ','])
        .map_or(0, |i| i + 1);
    let clause_start = text[clause_start..start]
        .rfind(" but ")
        .map_or(clause_start, |i| clause_start + i + 5);
    s.negated.is_match(&text[clause_start..start])
}

/// The first match of `re` not in a negated clause.
fn stated(s: &Screen, re: &Regex, text: &str) -> bool {
    re.find_iter(text)
        .any(|m| !negated_clause(s, text, m.start()))
}

/// Screen a text an agent would send. An empty list means it may go out.
pub fn screen_outgoing(text: &str) -> Vec<Violation> {
    let s = &*SCREEN;
    let t = screen_form(text);
    let mut v = Vec::new();
    // An amount is never said, whatever the clause around it.
    if s.amount.is_match(&t) || stated(s, &s.price, &t) {
        v.push(Violation::Price);
    }
    if stated(s, &s.discount, &t) {
        v.push(Violation::Discount);
    }
    if stated(s, &s.negotiation, &t) {
        v.push(Violation::Negotiation);
    }
    if stated(s, &s.commitment, &t) {
        v.push(Violation::Commitment);
    }
    if stated(s, &s.regulated, &t) {
        v.push(Violation::RegulatedAct);
    }
    if s.pressure.is_match(&t) {
        v.push(Violation::Pressure);
    }
    if s.claims_human.find_iter(&t).any(|m| {
        // "I'm an automated assistant, not a person" is the honest answer, not a claim.
        !(m.as_str().starts_with("not ") && s.honest_ai.is_match(&t))
    }) {
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

    /// The replies issue 12 saw reach a caller, and lines that must still go out.
    #[test]
    fn amounts_in_any_form_and_unicode_tricks() {
        for t in [
            "Our diagnostic visit is eighty-nine dollars",
            "It's an 89 dollar diagnostic fee",
            "That usually runs around a hundred dollars",
            "USD 79",
            "between four and six thousand",
            "I\u{2019}m a real person",
            "I'm a re\u{200B}al person",
            "I'm a \u{FF52}\u{FF45}\u{FF41}\u{FF4C} person",
            "The estimate is free.",
            "We'll waive the trip fee.",
            "Your policy is bound, you're covered as of today.",
            "I've added your son to the auto policy.",
        ] {
            assert!(!screen_outgoing(t).is_empty(), "{t:?} passed");
        }
        for t in [
            "We have openings on Tuesday between 8 and 10 am.",
            "I'm not able to offer discounts, but I can have a team member call you.",
            "I can't bind coverage, but I'll have a licensed agent reach out today.",
            "I'm an automated assistant, not a person. Would you like a call from our team?",
            "Free parking is available behind the building.",
            "Our office is at 1200 Main Street, Suite 200.",
        ] {
            assert_eq!(screen_outgoing(t), vec![], "{t:?} refused");
        }
    }
}
