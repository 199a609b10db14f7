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
    let norm = crate::text::normalize(&folded);
    // "its free", "ill beat it", "wont go up": a text typed without apostrophes says the same.
    CONTRACTION
        .replace_all(&norm, |c: &regex::Captures| {
            let w = &c[0];
            match w {
                "its" => "it's",
                "thats" => "that's",
                "theres" => "there's",
                "whats" => "what's",
                "ill" => "i'll",
                "ive" => "i've",
                "im" => "i'm",
                "id" => "i'd",
                "wont" => "won't",
                "dont" => "don't",
                "cant" => "can't",
                "didnt" => "didn't",
                "doesnt" => "doesn't",
                "isnt" => "isn't",
                "arent" => "aren't",
                "wouldnt" => "wouldn't",
                "youre" => "you're",
                "youll" => "you'll",
                "youve" => "you've",
                "lets" => "let's",
                "theyre" => "they're",
                "theyll" => "they'll",
                "itll" => "it'll",
                "weve" => "we've",
                _ => w,
            }
            .to_owned()
        })
        .into_owned()
}

static CONTRACTION: LazyLock<Regex> = LazyLock::new(|| {
    screen_re(
        r"\b(its|thats|theres|whats|ill|ive|im|id|wont|dont|cant|didnt|doesnt|isnt|arent|wouldnt|youre|youll|youve|lets|theyre|theyll|itll|weve)\b",
    )
});

/// Word boundaries are ASCII ones: the text is normalised first, and a Unicode `\b` keeps
/// the regex engine off its fast DFA path (detect is measured in `cargo bench`).
fn screen_re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("screen pattern compiles")
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
    /// A clause that hands the thing it names to a person ("someone who can talk about
    /// discounts", "an agent will go over what's covered").
    deferred: Regex,
    /// A price of nothing stated ("it's free", "there's no charge", "won't cost you"): said
    /// in any clause, negated or not, it is still a price.
    free: Regex,
    /// Someone or something put on a policy ("your son is on the policy now").
    on_policy: Regex,
    /// A clause that asks rather than states ("check what your plan covers").
    asks: Regex,
    honest_ai: Regex,
}

// The third round (issue 12): frames in new words — amounts said as ranges of magnitude, a
// price by comparison or adjective, deals, haggling, promises of outcomes, clinical readings
// and policy changes reported as done, staff roles claimed, urgency. Joined to the rule of the
// same name in `SCREEN`.
const AMOUNT_MORE: &str = r"\b(low|mid|high|upper|lower|the) (hundreds|thousands|four figures|five figures)\b|\b(in|under|over|around|about) the (hundreds|thousands)\b|\b(a|one|two|three|four|five|six|a few|a couple( of)?) (bills|c notes|benjamins)\b|\b(three|four|five|six) figures\b|\bhundred and change\b|\bcouple (hundred|grand)\b";
const PRICE_MORE: &str = r"\b((best|lowest|cheapest|better) (price|prices|rates?|deal) (in town|around|anywhere|in the area)|(our|the|my) (prices|rates) are (the )?(lowest|best|cheapest|better)|(won't|will not|can't|cannot) find (it |anything |anyone )?(cheaper|lower|a better price)|cheaper than|(no|zero|nothing) (out of pocket|out-of-pocket)|(deductible|copay|coinsurance) (won't|will not|doesn't|does not) apply|(won't|will not|don't|do not) (have|need) to pay (anything|a thing|a dime|a cent)|costs? (less|more) than|(very |really |super |pretty |quite |so )?(affordable|inexpensive|cheap|pricey|reasonably priced|budget friendly|budget-friendly|competitively priced|low cost|low-cost)|(save|saves|saving) (you )?(money|a bundle|a lot|big)|as low as|(won't|will not|don't|do not) pay (anything|a thing|a dime|a cent|a penny)|no (trip|diagnostic|service call|call out|call-out|consultation|travel|extra|hidden) (charge|fee)s?)\b";
const DISCOUNT_MORE: &str = r"\b(cut you a (deal|break)|(take care of|hook) you( up)? on the (price|cost|bill|fee)|hook you up|(a|the) (deal|break) on (the|your)|(knock|shave|take) (a bit|a little|some|something) off|(first|next) (month|visit|year|\w+) (is )?(on us|free)|(is|it's|that's|are) on us|waive|(\d+|five|ten|fifteen|twenty|twenty five|fifty) (bucks |dollars )?off\b|(spring|summer|fall|winter|holiday|seasonal|new customer|first time|first-time) (special|sale|promotion|deal)|running a (special|sale|promotion|deal)|(get|have) (that|the|your) (\w+ )?(fee|charge|cost) (removed|dropped|waived|taken off)|take (the \w+|it|that) off (your|the) (bill|invoice)|lower (it|the price|the cost|that|your bill) (a bit|a little|some|for you))\b";
const NEGOTIATION_MORE: &str = r"\b((beat|match) (it|that|their|any|the|your) ?(price|quote|offer|number|rate)?|meet (you )?halfway|(be )?flexible (if|on|with) (you|the price|pricing|the cost|the rate)|(hoping|looking|wanting|willing|planning) to spend|work with (your number|your budget|that price|that number|whatever you)|a number that works|(find|figure out|come to|land on) (a|some) (number|price|deal|arrangement)|(come|go) down (on the price|a bit|a little|some)|counter ?offer|name your price|(what's|what is) your (number|budget)|flexible on (the )?(price|pricing|cost|rate))\b";
const COMMITMENT_MORE: &str = r"\b(for sure|no question|without a doubt|(a )?hundred percent|(will|'ll) be (working|fixed|running|back up|up and running) (by|tonight|today|tomorrow)|honor (the|your|that) (old |original |previous |same )?(rate|price|quote)|(get|getting|give you) (your|you your) money back|(won't|will not|never) happen again|(it'll|it will|you'll|you will|we'll|we will) (definitely|certainly|absolutely|surely) (be|get|have|fix|work|last|pass)|(definitely|certainly|for sure|for certain) (be )?(fixed|done|covered|approved|paid)|satisfaction guaranteed|make sure of it|make sure you get (your|a) (refund|money|credit)|make it right|whatever it costs|fixed for good|(won't|will not|never) (leak|break|fail|happen|come back) again|stand behind (it|our|the|that))\b";
const REGULATED_MORE: &str = r"\b((you're|you are) all set with (the|your) (new )?(coverage|policy|limits|deductible|endorsement)|(booked|processed|made|submitted|completed|finalized) (your|the) (coverage|policy|endorsement) (change|update|changes)|(i've|i have|we've|we have) (switched|moved|put|set|changed) you (to|on|over)|(rates?|premiums?) (won't|will not|shouldn't|should not) (go up|increase|change|be affected)|(won't|will not|doesn't|does not|shouldn't) affect your (premium|rate|rates|coverage|claim)|(dentist|doctor|nurse|hygienist) (says|said|thinks) you (don't|do not|won't|will not) need|(swelling|pain|bleeding|rash|soreness|sensitivity|discharge|fever|bruising|numbness|that|it)('s| is) (totally |completely |perfectly )?(normal|nothing to worry about|expected)|(only|just) owe (the )?(copay|deductible)|(fully|completely|entirely|100%) (paid|covered) by (your )?insurance|insurance (pays|will pay|covers|will cover) (for )?(all|the whole|everything|it)|(x rays?|x-rays?|xrays|results|labs?|scan|mri|tests?|blood work|biopsy) (look|looks|looked|came back|seem|seems|are|is|were|was) (fine|good|normal|clear|great|ok|okay|negative|positive|healthy)|(sounds|looks|seems) like (an? )?(infection|abscess|cavity|sprain|fracture|strep|flu|virus|cracked tooth)|take (some |an? )?(ibuprofen|tylenol|advil|aspirin|antibiotics|motrin|aleve)|(i've|i have|we've|we have) (added|removed|cancell?ed|changed|updated|raised|lowered|bound|filed|submitted|sent|increased|dropped) (your|the) (\w+ )?(policy|coverage|limits|deductible|claim|records|chart|x-rays|driver|vehicle|son|daughter|wife|husband|car|truck)|(policy|plan) (now )?(includes|covers|has) |(is|are) now (listed|added) (on|to)|(listed|added) (on|to) (the|your) (\w+ )?policy|claim (is going to|will|should) (be )?(paid|approved|denied|covered)|(fully|partially|100%) covered|(won't|will not|wouldn't|would not) be covered|(no|don't|do not) need to come in|(just|only|probably) a (cold|bruise|sprain|virus|minor)|(double|halve|increase|lower|up|change|skip) your (dose|dosage|medication|meds))\b";
const PRESSURE_MORE: &str = r"\b(limited (spots|slots|availability|openings|space|time)|(hate|don't want|wouldn't want) (for )?you to miss (out|it|this)|regret (waiting|it|not)|(won't|will not|doesn't|does not) last|(prices?|rates?|premiums?) (go|goes|going|will go|are going) up|(grab|book|lock) (it|this|one|that) (in )?(now|today|before|while)|(should|need to|have to|must|better) (decide|book|sign|act|commit) (today|now|tonight|soon|quickly|asap)|(going|selling|booking) fast|while (supplies|spots|slots|it) lasts?|only today|(deal|offer|special|sale|promo|promotion|discount|price) ends)\b";
const CLAIMS_HUMAN_MORE: &str = r"\b((real|live|actual) (human|person) here|i work (the|at the|in the) (front desk|office|reception)|(i'm|i am) (typing|texting|writing|sitting|working) (from|in|at) (our|the) office|(i'm|i am|im) (one of the|a|the) (receptionists?|front desk (staff|person|team)|office (staff|manager|assistant)|scheduler|coordinator|nurse|hygienist|csr)|(i'm|i am|im) (sitting|right here|here) at the (front )?desk|(i'm|i am|im) (a member|part) of the (office )?(team|staff)|(i'm|i am|im) (a |an )?(live|real) (operator|rep|representative|agent|receptionist))\b";

// The fifth round (issue 12): categories behind the hand-written train lines the screen missed
// — multiples of a rate, money given back or forgiven, flexing on terms, certainty about
// outcomes, coverage and clinical readings stated as fact, urgency from harm or scarcity, and
// humanity implied by a body, a desk, a family or a job. Joined to the rule of the same name.
const AMOUNT_FIFTH: &str = r"\b((one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)([ -]\w+)? ?(percent|per cent)|(half|twice|double|triple) (of )?(what|the price|the cost|as much)|pennies a (day|month)|next to nothing|a fraction of the (cost|price)|time and a half|double time|(\d+(\.\d+)?|one and a half|two|three|twice|double|triple|half) (times )?(our|the|your) (normal |regular |usual |standard |base |hourly )?(rate|price|fee|charge|cost)s?)\b";
const PRICE_FIFTH: &str = r"\b((won't|will not|don't|do not|shouldn't|should not|wouldn't|would not) (owe|pay) (anything|a thing|a dime|a cent|more|extra|nothing)|(premium|rate|price|cost|bill|payment)s? (will |would |is going to |could |should )?(double|triple|halve|doubled|tripled|halved)|set (you|ya) back|ballpark|included in the (price|cost|fee|visit|rate)|same (price|rate|premium|cost|fee) as|(premium|rate|price|cost|bill|payment)s? (will |would |is going to |are going to )?(go|goes|went|going|increase|increases|increased|rise|rises|drop|drops|dropped|decrease|decreases|jump|jumps) (up |down )?by (about |around |roughly |almost |nearly )?(half|a third|a quarter|a tenth|double|\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few)|(won't|will not|wouldn't|would not) be (billed|charged) (for|anything|extra|a)|(give|get|gets|getting|offer|include|includes|including|throw in|comes with)( you)? (a |an |your )?free\b|(a|your) free (\w+ )?(replacement|filter|tune-up|tune up|checkup|check-up|upgrade|month|repair|cleaning|service|visit|inspection))\b";
const DISCOUNT_FIFTH: &str = r"\b(rebates?|toss (in|that in|it in)|(charge|bill|price) (you|it|that) (at|as) (the )?(old|lower|original|standard|regular|member|family|discounted|previous)|(old|original|previous|last year's) (rate|price|pricing)|(it's|that's|this one's|this one is|that one's) on me|comp(ed|ing|ped|ping)|(cover|pick up|take care of|eat|absorb) the (\w+ )?(difference|cost|tab|rest|balance|copay|bill|fee|charge)|credit(ing|ed)? (it |that |this )?(to |toward |towards )?your (account|balance|bill|next)|(forgive|forgiving|forgave|remove|removed|removing|wipe|wiped|wiping|refund|refunded|refunding|reverse|reversed|void|voided|zero out|zeroed out|scratch|scratched|take off|took off|taken off)( the| your| that| this)? ([\w-]+ ){0,3}(fee|charge|copay|co-pay|balance|bill|deductible|interest|penalty)s?|wipe (it|that|this) (out|off)|let (it|that|this) slide|call it (even|square)|(family|friends and family|loyalty|military|senior|neighbor|employee|returning customer|member|preferred customer) (rate|price|pricing|discount)|discounted|mark (this|it|that) as (warranty|goodwill|no charge)|(on|at) our (expense|dime))\b";
const NEGOTIATION_FIFTH: &str = r"\b(if you (sign|book|commit|pay|agree|schedule|decide)\b[^.!?]{0,40}\b(i|we)('ll| can| could| will| would) (do|give|take|knock|drop|lower|throw|waive|match|make|shave|cut)|(willing|able|comfortable) (to pay|paying)|let's (talk|work out|figure out|settle on|agree on) (a|the) (price|number|deal|rate)|(go|come|get) (a (bit|little) )?(lower|as low)|(you've got|it's|that's) a deal|(cut|trim) (you|your|the) (a |some )?(price|rate|bill|break)|what would it take|open to (offers|a lower|negotiat\w*)|work within (your|the) budget|tell you what|(lower|drop|reduce|cut|trim) (the|your|our) (price|rate|premium|quote|estimate|bill|total)|wiggle room|sweeten (the|this|that) (deal|offer|pot)|flex (on|with)|(bring|get|drop|knock|push) (the |your |that )?(total|price|cost|bill|premium|payment|number|quote)s? down|somewhere in the middle|(meet|match|hit|beat) (your|their|that|the) (number|price|budget|quote|offer)|play (with|around with) the numbers|(lower|smaller|reduced|cheaper) (monthly )?(payment|premium|price|rate|number)|rework (your|the|our) (quote|price|estimate|numbers|offer)|(come|comes|coming) in (under|below|lower|cheaper)|come down to|(ours|our price|our quote|our estimate|our number) (is|will be|comes in) (the )?(lowest|cheaper|lower|under)|(a|what|which) price (would|that would|works|makes)|make this a yes)\b";
const COMMITMENT_FIFTH: &str = r"\b((it|that|this|the [\w-]+|your [\w-]+) will (definitely |absolutely |certainly |surely )?be (fixed|approved|covered|paid|resolved|accepted|working|up and running|healed|gone|reimbursed|refunded|cheaper|lower|no problem)|(we|i|you) (can|will|'ll) (get|have) (it|this|that|you|everything|your [\w-]+) (fixed|approved|covered|sorted|resolved|paid|working|reimbursed)|(won't|will not|never) (have|get|see|run into) (any )?(problems|issues|trouble|complaints)|nothing will go wrong|(no|zero) (chance|risk) (of|that|it|they|you)|see to it|(is|are) (basically |pretty much |practically )?(a given|a lock|a slam dunk|in the bag)|(always|never) (approve|approves|covers|pay|pays|deny|denies|reject|rejects|fail|fails)|never have to worry|(last|lasts) (a lifetime|forever|for decades)|(fix|solve|take care of) (it|the problem|the issue|everything) (for good|once and for all|permanently)|(get|getting|give you|have) (your|the) (\w+ )?(deposit|money|payment|fee|refund)s? back|no way (it|they|the \w+) (will|would|can|could|is going to) (deny|fail|reject|break|leak)|(carrier|insurance|insurer|adjuster|insurance company) (will|'ll|is going to) (definitely |certainly )?(cover|pay|approve|reimburse)|without a hitch|without (any|a) (issues?|problems?|hiccups?)|no doubt( about it)?|trust me|never had (one|a|any) (fail|break|leak|problem|issue|complaint)|will heal (perfectly|fine|completely|up fine|just fine)|(i'm|i am|we're|we are) (sure|certain|positive|confident)( that)? (your|it|the|you|this|they|it'll|you'll)\b[^.!?]{0,40}\b(go through|approved?|covered|paid|fixed|work|heal|pass|be fine|come off|arrive|clear)|make sure (you get|you're|you are|your [\w-]+ (is|are|gets|will)|ours|dr\.? \w+ (sees|gets)|[\w. ]{0,25}(ahead of|goes through|approved|covered|paid|refund))|(we'll|we will|i'll|i will|it'll|it will|you'll|you will|they'll|they will) (definitely|certainly|absolutely|surely) (be|get|have|fix|work|last|pass|squeeze|fit|see|approve|cover|pay|heal|arrive|finish|come|go)|(is going to|are going to|will|'ll) approve|(check|payment|reimbursement|refund|money|deposit|funds|settlement) (from [\w ]{1,20} )?(will|is going to|should) (arrive|come|clear|go through|be (there|deposited|in))|(you )?(won't|will not|wouldn't) need (a |an )?(new|replacement|another) \w+)\b";
const REGULATED_FIFTH: &str = r"\b((is|are|'s|'re|will be|would be|should be) (fully |partially |definitely |probably )?(protected|insured|excluded|eligible) (for|under|by|from|as|against)|(policy|plan|coverage|insurance) (includes|handles|takes care of|reimburses|pays for)|(has been|is|was|got) (added to|removed from|taken off|put on) (your|the) ([\w-]+ )?(policy|plan|coverage)|(normal|common|expected|to be expected) (after|with|following) (a|an|the|your) |no need to (come in|see (a|the|your) (doctor|dentist)|go to (the )?(er|urgent care|hospital))|(it|that|this) (doesn't|does not) (sound|look|seem) (serious|bad|like an emergency|infected|urgent)|(not )?contagious|(you|he|she|they) (probably |likely |just |most likely )?(have|has|got) (a |an )?(cold|flu|virus|infection|cavity|sprain|strep|uti|allergy|allergies|ear infection|sinus infection|concussion|fracture|abscess|pink eye|covid|stomach bug)\b|(it's|that's) (just|probably|likely|most likely|definitely) (a |an )?([\w-]+ )?(infection|reaction|virus|bug|strain|sprain|cold|flu)|(i can|i'll|we'll|i will|we will|let me) (add|remove|bind|cancel|change|increase|lower|raise|drop|update|endorse|issue|switch|reinstate|renew) ([\w-]+ ){0,3}(to |from |on |in )?(your|the) ([\w-]+ )?(policy|coverage|plan|deductible|limits)|(you'll|you will|you should|you'd) be (fine|okay|ok|alright)|(it's|that's|this is|is) (probably |likely |totally |completely |most likely )?nothing to worry about|(take|use|try|give (him|her|them)) (some |an? |two |2 )?(benadryl|claritin|zyrtec|pepto|orajel|sudafed|mucinex|acetaminophen|naproxen|amoxicillin|penicillin|tylenol|advil|ibuprofen|motrin|aleve|aspirin)|(try|use|apply|put) (a |an |some )?(ice|heat|heating pad|warm compress|ice pack|salt water)|(rinse|gargle) with (warm )?salt water|(don't|do not|won't|will not) need (a |an |the |any )?(antibiotics|root canal|crown|filling|extraction|surgery|stitches|x-?rays?|mri|referral|tetanus shot|shots?|follow-up|to see (a|the|your) (doctor|dentist|specialist))|(it's|it is|that's) (safe|fine|okay|ok) to (take|drive|eat|exercise|drink|fly|mix|combine)|(is|are|'s) (included|part of|covered)( in| under| by)? (your|the) ([\w-]+ ){0,2}(coverage|policy|plan|insurance)|(policy|plan|coverage|insurance|carrier) (does|will|would|should) (cover|pay)|(issued|bound|added|processed) (the|your) ([\w-]+ )?(endorsement|binder|certificate|rider)|protected as of|(is|are) now (listed|added|included|named|insured|covered)|(double up|double (the|your) (dose|dosage)|skip (a|the|your) (dose|pill|follow-up|follow up|checkup|appointment))|(stop|skip|halve|quit|cut back on|come off) (the|your) (antibiotics|medication|medicine|meds|pills|dose|prescription|inhaler|insulin|blood thinners?)|(ibuprofen|tylenol|advil|benadryl|claritin|zyrtec|antibiotics|motrin|aleve|aspirin|pepto|neosporin|hydrocortisone|ice and rest)\b[^.!?]{0,20}\b(should|will|would|can) (help|take care|clear|fix|do)|(sounds|looks|seems) like (just )?(a |an )?(gingivitis|arthritis|allergic reaction|allergy|cavity|sinus infection|ear infection|migraine|tension headache|uti|pink eye|tendinitis|sciatica|heartburn|reflux|dry socket|cold sore|stomach bug|pulled muscle|bruise|sprain|infection|abscess)|(clear|clears|go|goes|heal|heals) (up |away )?on (its|their) own|manage (it|that|this) at home|(pain|rash|swelling|headaches?|cough|fever|soreness|bleeding|symptoms?|numbness|sensitivity|dizziness|ache)( [\w-]+){0,4} (is|are|'s|isn't|is not) (from|caused by|almost certainly|probably|likely|definitely|just|only|nothing|not serious|totally normal|normal|expected|arthritis|stress)|(isn't|is not|it's not|nothing) (serious|neurological|dangerous|an emergency|concerning)|(you're|you are) (cleared|fine|safe|ok|okay|good) to (go back|return|drive|work|exercise|fly|swim|eat|resume)|(just|only) a cavity)\b";
const PRESSURE_FIFTH: &str = r"\b((someone|somebody|another (customer|patient|family)) (else )?(might|could|will|may|is going to) (take|grab|book|snag|get) (it|that|this|the)|the longer you (wait|put|delay|hold)|(cost|costs|be) (you )?(more|a lot more|way more|twice as much|double) (later|down the road|if you wait|next)|now is the time|today's the day|today is the day|(selling|sell) out|(won't|will not) be (available|around|here) (for long|much longer)|before (they're|it's) (gone|booked|taken)|(you'll|you'd|you will|you) (want|need|have|should|must|better|ought) to (book|sign|decide|schedule|lock|commit|act|grab|move|jump|reserve)\b[^.!?]{0,30}\b(today|now|tonight|asap|right away|immediately|quickly|before)|(while|before) you still can|(only|just) a matter of time|don't delay|(getting|gets) worse (every|each|by the) (day|week|hour|minute)|only hold (it|this|that|the \w+)|(going|filling|booking) (up )?(quickly|fast)|(don't|do not) wait|every (day|week|hour|minute|month) you wait|if you (wait|delay|put (it|this|that) off|hold off)|if you don't (book|sign|act|decide|commit|schedule|replace|fix|start|lock|move|buy|treat|repair)\b[^.!?]{0,40}\b(now|today|this week|this month|right away|soon|tonight)|now or never|(almost|nearly|practically|just about) (full|gone|booked( up)?)|(want|need|have) to (commit|decide|book|sign|act)( \w+)? (today|now|tonight|right now)|could [^.!?]{0,40}\bany (minute|moment|second|day now)|last (shot|chance)|now's (really |honestly )?the time|right now or|(decide|book|sign|commit|act|respond|answer)( \w+)? in the next (hour|few hours|\d+ minutes|few minutes|\d+ hours)|release (the|your|that) (slot|spot|appointment|time|hold)|(others|other (customers|people|patients|folks|families)|someone else) (are|is) (looking at|eyeing|interested in|asking about)|(everyone|all (of )?your neighbors|your neighbors|everybody)[^.!?]{0,30}\b(already|signed up)|be the last one|go(es)? to waste|unless you (sign|book|act|decide|pay|commit)|(lapses?|expires?|ends) at midnight|(only|just) (have |got )?(one|1|two|2|a few|a couple) (\w+ )?(left|remaining))\b";
const CLAIMS_HUMAN_FIFTH: &str = r"\b(\bi('ve| have)? had (my|braces|a root canal|the same)|when i (was|had|got|went) (a |my |in |to )|\bi used to (work|live|have|be)|\bi live (in|near|around|close)|my (desk|glasses|coffee|lunch|car|truck|neighborhood|street|town|family|office|husband's|wife's)|(been|worked) (here|doing this|in this business|at the office)( for)? (\w+ )?(years|decades)|\bi'll (see you|be there|be the one)|\bi work (here|at|in|for|the)|human here|flesh and blood|not a recording|(i'm|i'll be|i will be) (here|in the office|at my desk|at the desk) (until|till|all day)|\bmy (own )?(kids|husband|wife|son|daughter|mom|dad|mother|father|grandkids|boyfriend|girlfriend|dog|cat|teeth|house)|(happened to me|same thing happened to me|i had (the same|one|that) (done|procedure|thing|issue|problem))|(this is|it's|i'm) [a-z]+,? (the|a|one of the|your) (receptionist|hygienist|nurse|dental assistant|office manager|scheduler|dispatcher|licensed agent|agent)s?|as a (mom|dad|mother|father|parent|homeowner|patient|grandma|grandmother|wife|husband|pet owner) myself|(definitely|totally|actually|really|100%|a live|a real) (a )?human\b|(live|real|actual) (human|person) on the (other end|line|phone)|(i was|i'm|i am) (just )?(at|out in|in|on) (the|my) (dentist|doctor|waiting room|lunch|lunch break|break|other line|way back)|(i|i just|i actually) (stepped|walked|drove|ran|went) (back|over|past|out|to)|caught me on my|on my (lunch|coffee|lunch break|break|way)|let me (walk|run|grab|get up|step) (over|back|to|my|out)|grab my (glasses|coffee|phone|keys|notes)|(it's|this is|you're talking to|you've got|my name's|my name is|you reached) [a-z]+,? (from|at|in|the|with) (the )?(dispatch|dispatcher|front desk|office|scheduling|billing|reception|front office|office coordinator|office manager|coordinator)|(i'm|i am|im)( actually| just)? (a|an|the|one of the|on the|part of the|the owner's|the office's) ([\w-]+ ){0,2}(receptionists?|hygienists?|dispatchers?|licensed agents?|agents?|coordinators?|nurses?|techs?|technicians?|owner|daughter|son|wife|husband|manager|secretary|scheduler|csr|producer|adjuster|underwriter)|(i'm|i am) (on|part of) the ([\w-]+ )?(team|staff)|(cover|covering|help out with|helping with|answer|answering|man|manning) the phones|(not|no) (a )?(chatbot|chat bot)|not (talking|speaking|chatting|texting) (to|with) (a |an )?(bot|robot|machine|computer|ai|chatbot)|no (ai|bots?|robots?|machines?|computers?) here|(sitting|standing|working|right here|back) at (the|my) (front )?desk)\b";

static SCREEN: LazyLock<Screen> = LazyLock::new(|| {
    Screen {
    amount: screen_re(&[
        format!(
            r"[$€£¥₹]\s?\d|\b(usd|cad|eur|gbp|aud)\s?\d|\d[\d,.]*\s?k?\s?(usd|cad|eur|gbp|aud|euros?|pounds)\b|\b{NUM}([ -]\w+){{0,3}}[ -](dollars?|bucks|grand)\b|\b(dollars?|bucks?)\b|\b\d+(\.\d+)?k\b|\b(hundred|thousand)\b|\b\d+\s?(%|percent|per cent)|\b(fifteen|twenty|ten|five|fifty|thirty|forty|twenty-five)\s?(percent|per cent)\b|\b(nine|eight|seven|six|five|four|three|two|one) (ninety|forty|fifty|twenty|thirty|sixty|seventy|eighty)[ -](nine|five|four)\b"
        ),
        AMOUNT_MORE.to_string(),
        AMOUNT_FIFTH.to_string(),
    ]
    .join("|")),
    price: screen_re(&[
        r"\b(the )?(estimate|visit|diagnostic|consultation|consultations|first visit|inspection|trip|service call|it|that|this)\b[^.!?]{0,20}\b(is|are|'s|will be) (free|complimentary|on the house|at no cost)|\bno (charge|cost|fee)\b|\bat no (cost|charge)\b|\bcomplimentary\b|\bwon't cost (you )?(anything|a thing|a dime)|\bfor free\b|\bfree of charge\b|\b(price|prices|cost|costs|fee|rate|premium|deductible|copay) (is|are|will be|would be|starts?|start at|runs?|of)\b|\b(prices|rates) start\b|\b(deposit|coinsurance|copay|your share|down payment) (is|would be|will be|runs) (about |around )?(half|a quarter|a third|two thirds)\b|\b(runs|costs|comes to|starting at|starts at) (about|around|roughly|only|just)?\s?(\$|\d)|\bcheaper than\b|\b(the|your) (estimate|visit|consultation|diagnostic|first visit) is free\b|\bfree (estimate|estimates|consultation|consultations|inspection|inspections|diagnostic|diagnostics|quote|quotes|second opinion|exam|exams|visit|visits|cleaning|whitening|x rays|x-rays|service call|trip|installation|install)\b",
        PRICE_MORE,
        PRICE_FIFTH,
    ]
    .join("|")),
    discount: screen_re(&[
        r"\b(discount|discounts|coupon|promo|promo code|use code|waive|waiving|waived|credit your account|price match|match any|better rate|lower rate|better (price|deal|quote|number)|special (price|deal|offer|rate)|loyalty|throw in|on the house|half price|member price|(apply|put|give you) a credit|comp (the|your|it)|skip the [\w ]{0,20}(charge|fee)|(drop|cover|eat) the [\w ]{0,20}(charge|fee))\b|\b(take|knock|give you|get you|save you)\b[^.!?]{0,25}\boff\b|\b(saves?|save you|saving|savings of)\b[^.!?]{0,20}\b(half|a quarter|a third)\b|\boff (the|your) (price|bill|total|invoice|visit)\b|\b\w+ (%|percent|per cent) off\b|\b(half|a quarter|quarter) off\b",
        DISCOUNT_MORE,
        DISCOUNT_FIFTH,
    ]
    .join("|")),
    negotiation: screen_re(&[
        r"\b(lower the price|meet you in the middle|split the difference|your budget|make it work|adjust the (terms|price)|change the (contract )?terms|extend the payment terms|work something out|make me an offer|pay cash|for less|best i can do|what price would|negotiate|do better (on|than) (that|this|the|their|your|price|it)|(can|could|might be able to) do (a little |a bit |slightly |even )?better\b|what i can do (on|about|with) (the |that |your )?(price|pricing|cost|rate|bill|premium|quote)|knock (it|that|some|a bit|a little|something)|come down (a bit|a little|some|on (the )?(price|rate|that))|hoping to pay|sharpen the pencil|beat (that|the|their|any|your) (quote|price|offer|rate)|(number|price|rate|quote|premium) lower|lower price|how low|work with you on (the )?(price|pricing|cost|rate|premium|bill|fee)|match it|(give|name) me a (number|price)|meet you halfway|bend on|price you're comfortable|talk (them|him|her) down|shave|flexib\w* (on|with) (the )?(price|pricing|rate|cost|premium|fee|numbers)|work the numbers|spread the payments)\b",
        NEGOTIATION_MORE,
        NEGOTIATION_FIFTH,
    ]
    .join("|")),
    commitment: screen_re(&[
        r"\b(guarantee|guaranteed|guarantees|i promise|we promise|promise you|you have my word|definitely (have|be|fix|get|finish)|100% (fix|sure|guarantee)|will 100%|locked in|binding|done deal|rest assured|no matter what|will be approved|assure you|we commit|i commit|(will|'ll) absolutely be (approved|covered|fixed|paid|done|there|accepted)|i'm certain|(give you|have) my word|(it's|that's) a sure thing|zero chance|count on it|count on (us|me) to|warrant|warranty covers|consider it done|that's a promise|(claim|it|repair) (gets|will get|will be) paid|make sure (it's|it is|you're|you are|your \w+ (is|gets)) (covered|approved|paid)|(rate|price|premium|bill) (won't|will not|never) (go up|increase|change)|won't (pay|owe|cost) (a penny|a dime|anything) more)\b|\bpromise(s|d)?\b",
        COMMITMENT_MORE,
        COMMITMENT_FIFTH,
    ]
    .join("|")),
    regulated: screen_re(&[
        r"\b((policy|coverage) (is|has been) (bound|cancell?ed|changed|updated|issued)|bound coverage|you're covered|you are covered|(is|are|isn't|is not|are not|aren't) covered|not covered under|is excluded|excluded, so|claim (is|has been) (approved|denied)|approved for (financing|the loan|credit)|results came back|probably just|(stop|start) taking (that|the|your|this)|you don't need the|will do instead|(a|the) filling will do|(i|we)('ve| have)?( just| already| now)?( went ahead and| gone ahead and)? (bound|added|removed|changed|increased|decreased|lowered|raised|filed|issued|cancell?ed|updated|dropped|refilled|endorsed|renewed|reinstated|approved) [^.!?]{0,30}\b(coverage|policy|limits|deductible|liability|sr-22|sr22|certificate|vehicle|driver|beneficiary|claim|prescription|records|chart|proof of insurance|insurance)|(i|we)('ve| have)?( just| already)? (sent|submitted|processed|transferred|released|faxed) (your|the) (\w+ )?(claim|records|chart|x rays|x-rays|prescription|results|proof of insurance|application)|(is|are|'s) (definitely |fully |probably |totally )?covered|has been cancell?ed as requested|claim (is|was|has been|got) (filed|approved|accepted|paid|processed)|(filed|submitted) and approved|approved (your|the) claim|(you're|you are|you'll be|you will be) (bound|insured|approved)|(coverage|policy|insurance|protection) (starts|begins|is effective|takes effect|is active|is in force|kicks in)|in force|(coverage|policy|change|endorsement|cancellation|insurance)[^.!?]{0,20}\beffective (immediately|today|now|as of)|endorsement (is|has been) (done|processed|complete|added)|(excluded|not covered) (from|under|on|by)|(plan|policy|insurance|carrier|coverage) (covers|will cover|pays|will pay|would pay|would cover|won't cover|doesn't cover|excludes)|(application|claim|loan|request) (is|was|has been) approved|pre ?approved|(sr ?22|sr-22|claim|endorsement) (is|has been|was) (filed|submitted|processed)|stop taking|you('ll| will) need (a|an|the) (crown|root canal|filling|extraction|implant|surgery|mri|x ray|antibiotic)|sounds like (a|an) (cracked|infection|abscess|fracture|sprain|cavity)|probably nothing|results (look|are|came back) (normal|fine|good|clear|negative|positive)|(don't|do not) need to see (the|a|your) (doctor|dentist)|covered as of)\b",
        REGULATED_MORE,
        REGULATED_FIFTH,
    ]
    .join("|")),
    pressure: screen_re(&[
        r"\b(act now|limited time|today only|last chance|(offer|deal|promotion|promo|discount|coupon|price|rate|quote|special)s? (expires?|runs out)|before it's too late|don't miss out|only (\d+|one|two|three|four|five|a few|a couple) (\w+ )?(left|remaining)|(spots|slots|openings|appointments) (are )?(filling up|going fast)|spots left|hurry|you must decide|decide (today|soon|now|tonight|by|quickly|fast)|lose the (slot|rate|price|deal|offer)|final offer|(offer|sale|promotion|promo|deal|discount|special) ends|(price|rate|premium|cost)s? (goes|go|will go) up|lock (it|this|that|the \w+) in (before|today|now|while)|lock in (the|this|that|your) (rate|price|deal|offer)|won't last|(to get|to lock in|to keep) (this|that|the) (price|rate|deal|offer)|(prices|rates|premiums|costs) (are )?(going|about to go) up|(spots|slots|openings|availability) (are |is )?limited|(offer|price|rate|quote|deal|promotion|discount|coupon)s? (is |are )?(only )?(good|valid) (until|till|through|for)|or lose|grab (it|one|a spot)|one time offer|one-time offer|last day (for|to get|to lock|of the (sale|promotion|offer))|before (it's|they're) gone|if you wait,? the|book in the next|book now (to|before|and save))\b",
        PRESSURE_MORE,
        PRESSURE_FIFTH,
    ]
    .join("|")),
    claims_human: screen_re(&[
        r"\b(i am|i'm|im|this is) (a |an )?(real |actual |live )?(human|person|human being|real person|live agent|live person|human agent)\b|\b(i am|i'm|im) (not|no) (a |an )?(robot|bot|ai|machine|computer|automated)\b|\byou're (talking|speaking|chatting|texting) (to|with) (a |an )?(real|live|actual) (person|human)\b|\bthis is (a |an )?(real|live|actual) (person|human)|\ba (real |live )?human on (our|the) team\b|\bi'm human\b|\b(i'm|i am) one of the (office )?staff\b|\b(isn't|is not|not|ain't) (a |an )?(bot|robot|machine|automated system|computer|ai)\b|\b(you're|you are) (talking|speaking|chatting|texting) (to|with) (a |an )?(human|person|live agent|real agent)\b|\b(i'm|i am) (real|100% real|totally real)\b|\b(yes|yeah|yep),? (i'm|i am) (real|human|a person)\b|\b(i'm|i am) (definitely|actually|really|totally|100%) (a )?(human|real|a person|person)\b|\b(i'm|i am) (the |one of the |a |an |your )(receptionist|office manager|secretary|dispatcher|hygienist|nurse|agents?|staff member|front desk|manager|scheduler)\b|\bone of the (agents|staff|people|team members) here\b|\b(i'm|i am|this is) [a-z]+ (from|at) (the )?(front desk|office)\b|\b(sitting|working) (right )?here in the office\b|\bno (bots|robots|machines) here\b|\b(a )?(real|live|actual) (person|human) (is )?(typing|texting|writing) (this|these|to you|back)\b",
        CLAIMS_HUMAN_MORE,
        CLAIMS_HUMAN_FIFTH,
    ]
    .join("|")),
    negated: screen_re(
        r"\b(can't|cannot|can not|not able to|unable to|don't|do not|won't|isn't something|aren't able|not allowed to|no way to)\b",
    ),
    deferred: screen_re(
        r"\b(someone|somebody|team member|a person|licensed agent|an agent|(your|our|the) (agent|office|team|billing team|billing department|account manager|manager|doctor|dentist|claims team|adjuster|staff)|a manager|specialist)\b[^.!?]{0,30}\b(can|will|could|would|who|to)( \w+){0,2} (talk|discuss|go over|review|explain|answer|help|call|reach out|follow up|contact|look into|check|confirm|get back|walk you through|speak|go through|tell you|let you know)\b|\b(agent|office|team|manager|billing|staff|department|doctor|dentist)( \w+)? (handles|handle|takes care of|deals with|manages|decides on|is in charge of|are in charge of)\s*$",
    ),
    free: screen_re(
        r"\b(doesn't|does not|won't|will not|wouldn't|would not|shouldn't) (cost|charge) (you )?(anything|a thing|a dime|a penny|extra|for|nothing)\b|\bno[ -](extra |additional |added )?(charge|cost|fee)s?\b|\bcosts? (you )?nothing\b|\b(it|that|this|which)('s| is| will be| would be) (totally |completely |absolutely |always |also )?(free|complimentary)\b|\b(?P<subject>[a-z-]+) (is|are|will be) (totally |completely |absolutely |always |also )?(free|complimentary)\b|\b(is|are|'s|be) on us\b|\b(on the house|for free|free of charge|at no (extra |additional )?(cost|charge))\b",
    ),
    on_policy: screen_re(
        r"\b(is|are) (now )?on (your|the) (\w+ )?policy( now| as of \w+| effective \w+)?([.!,;]|$)",
    ),
    // "whether that's covered", "if it's included": the clause asks about the cue.
    asks: screen_re(
        r"\b(what|whether|if|which|how much|how)( your| the| my| our| that| it| this| they| you're| you)?\s*$|\b(you'd like|you would like|you want|you're looking for|you are looking for|you asked for|you asked about|you mentioned|you're hoping for|you're interested in)( a| an| the| to| some| any)?\s*$|\b(whether|asked if|asking if|ask if|how much)\b[^.!?,;]{0,40}$|\b(questions?|asking|asked|ask) about( the| your| our| any| a)?\s*$|\b(bring|show|mention|have)( in)? (your|the|a|that|any)\s*$",
    ),
    honest_ai: screen_re(
        r"\b(i'm|i am) (an? |the |your )?(ai|automated|virtual|digital)\b|\bthis is (an automated|the ai|an ai|the virtual)\b",
    ),
}
});

/// Whether the cue at `start` sits in a clause that says AiSHA can't or won't do it, or that
/// hands it to a person.
fn excused_clause(s: &Screen, text: &str, start: usize) -> bool {
    let clause_start = text[..start]
        .rfind(['.', '!', '?', ';', ','])
        .map_or(0, |i| i + 1);
    let clause_start = text[clause_start..start]
        .rfind(" but ")
        .map_or(clause_start, |i| clause_start + i + 5);
    let before = &text[clause_start..start];
    s.negated.is_match(before) || s.deferred.is_match(before) || s.asks.is_match(before)
}

/// Whether a match of `re` is stated, not excused.
fn stated(s: &Screen, re: &Regex, text: &str) -> bool {
    re.find_iter(text)
        // "I promise to pass your message along" commits to nothing but a message.
        .filter(|m| !(m.as_str().contains("promise") && promise_to_pass(&text[m.end()..])))
        .any(|m| !excused_clause(s, text, m.start()))
}

fn promise_to_pass(after: &str) -> bool {
    [
        " to pass",
        " to let",
        " to forward",
        " to share",
        " to note",
        " to tell",
        " to get your",
    ]
    .iter()
    .any(|p| after.starts_with(p))
}

/// "It's free" / "parking is free": the subject decides whether "free" is a price. People
/// ("you're free at 2") and amenities are not.
fn free_stated(s: &Screen, text: &str) -> bool {
    s.free.captures_iter(text).any(|c| {
        // "Thursday morning is free", "is that time free": a free slot is not a price.
        let m = c.get(0).map_or(0..0, |m| m.range());
        let clause_start = text[..m.start]
            .rfind(['.', '!', '?', ';'])
            .map_or(0, |i| i + 1);
        let clause_end = text[m.end..]
            .find(['.', '!', '?', ';'])
            .map_or(text.len(), |i| m.end + i);
        let clause = &text[clause_start..clause_end];
        if clause
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| TIME_WORDS.contains(&w) || SLOT_WORDS.contains(&w))
        {
            return false;
        }
        // The subject of "X is free" (the group was counted wrong before: parking was a price).
        c.name("subject").is_none_or(|subject| {
            !matches!(
                subject.as_str(),
                "you"
                    | "we"
                    | "i"
                    | "they"
                    | "he"
                    | "she"
                    | "who"
                    | "parking"
                    | "wifi"
                    | "everyone"
                    | "anyone"
                    | "someone"
                    | "calendar"
                    | "schedule"
                    | "line"
                    | "lot"
                    | "day"
            )
        })
    })
}

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
];

/// Words in a clause that make any bare number in it a price.
const PRICE_CUES: &[&str] = &[
    "cost",
    "costs",
    "price",
    "prices",
    "priced",
    "pricing",
    "fee",
    "fees",
    "fee's",
    "charge",
    "charges",
    "rate",
    "rates",
    "premium",
    "premiums",
    "deductible",
    "copay",
    "co-pay",
    "coinsurance",
    "total",
    "flat",
    "owe",
    "pay",
    "paying",
    "payment",
    "payments",
    "deposit",
    "labor",
    "bill",
    "billed",
    "tax",
    "pocket",
    "monthly",
    "per",
    "quote",
    "quoted",
    "estimate",
    "figure",
    "dollars",
    "bucks",
    // "15 a month", "95 an hour": a rate is a price.
    "month",
    "hour",
];
/// Words right before a number that state it as what something is or costs ("it's 129",
/// "flat 75", "you'll owe 99").
const STATES_A_VALUE: &[&str] = &[
    "is",
    "are",
    "be",
    "was",
    "it's",
    "that's",
    "just",
    "only",
    "flat",
    "pay",
    "owe",
    "runs",
    "run",
    "costs",
    "cost",
    "about",
    "around",
    "roughly",
    "approximately",
    "under",
    "over",
    // "in for 89", "we can do 300", "what if we did 200": an amount offered.
    "for",
    "do",
    "did",
];
/// Units a rate is given per ("2,040 a year", "45 per visit").
const RATE_UNITS: &[&str] = &[
    "year",
    "month",
    "week",
    "day",
    "hour",
    "visit",
    "unit",
    "foot",
    "square",
    "sq",
    "room",
    "person",
    "head",
    "tooth",
    "window",
    "mile",
    "session",
    "treatment",
    "vehicle",
    "car",
    "policy",
    "line",
    "outlet",
    "fixture",
    "zone",
];
/// Words after a number that keep it an amount ("129 for the visit", "75 a month").
const AMOUNT_TAIL: &[&str] = &[
    // "1500 to 2200 installed", "going for about 230 right now", "99 apiece".
    "installed",
    "right",
    "now",
    "apiece",
    "annually",
    "yearly",
    "out-of-pocket",
    // "120 together", "200 instead", "how does 150 sound", "25 off".
    "together",
    "instead",
    "sound",
    "sounds",
    "off",
    "extra",
    "for",
    "plus",
    "per",
    "a",
    "an",
    "each",
    "flat",
    "even",
    "total",
    "after",
    "without",
    "with",
    "out",
    "up",
    "upfront",
    "and",
    "or",
    "to",
    "before",
    "payable",
    "including",
    "all",
    "if",
    "down",
    "this",
    "so",
    "but",
    "then",
    "which",
    "at",
    "on",
    "in",
    "due",
    "when",
    "upon",
];
/// A number after these is an identifier, not an amount ("suite 249", "the gate code is 1129").
const ID_WORDS: &[&str] = &[
    "code",
    "number",
    "#",
    "no",
    "suite",
    "ste",
    "unit",
    "apt",
    "apartment",
    "room",
    "ext",
    "extension",
    "route",
    "highway",
    "hwy",
    "floor",
    "case",
    "confirmation",
    "zip",
    "id",
    "pin",
    "model",
    "size",
    "box",
    "building",
    "gate",
    "lot",
    "space",
    "door",
    "exit",
    "press",
    "reply",
    "dial",
    "option",
    "ends",
    "starts",
    "year",
    "interstate",
];
/// Words of scheduling: "free" beside them is a free slot.
const SLOT_WORDS: &[&str] = &[
    "slot",
    "slots",
    "time",
    "times",
    "day",
    "days",
    "calendar",
    "schedule",
    "opening",
    "openings",
    "spot",
    "available",
    "availability",
    "week",
    "weekend",
    "date",
    "hour",
    "hours",
    "tech",
    "technician",
    "doctor",
    "dentist",
    "agent",
    "hygienist",
];
/// A number before these, or with a clock word in its clause, is a time.
const TIME_WORDS: &[&str] = &[
    "am",
    "pm",
    "a.m",
    "p.m",
    "o'clock",
    "oclock",
    "noon",
    "sharp",
    "tonight",
    "tomorrow",
    "today",
    "appointment",
    "arrive",
    "arrival",
    "time",
    "scheduled",
    "window",
    "morning",
    "afternoon",
    "evening",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A number said without a currency in a price context: "flat 129", "it's 59", "the trip
/// charge is 129", "the visit runs one fifty". Times, counts ("3 openings"), addresses and
/// identifiers ("suite 249", "code 1129") are not amounts.
fn bare_amount(text: &str) -> bool {
    // Tokens, with the clause each belongs to (a clause ends at . , ! ? ; after a word).
    let mut tokens: Vec<(&str, usize)> = Vec::new();
    let mut clause = 0;
    for raw in text.split_whitespace() {
        let end = raw.trim_end_matches(['.', ',', '!', '?', ';', ':', '"']);
        // "(555) 010-2020": a parenthesised number is an area code.
        let word = if end.starts_with('(') {
            "(…)"
        } else {
            end.trim_start_matches('"')
        };
        if !word.is_empty() {
            tokens.push((word, clause));
        }
        if end.len() < raw.len() {
            clause += 1;
        }
    }
    let number_word = |w: &str| {
        let mut value = 0;
        for part in w.split('-') {
            value += NUMBER_WORDS.iter().find(|(n, _)| *n == part)?.1;
        }
        Some((value, w.split('-').count()))
    };
    let digits = |w: &str| {
        let w = w.trim_start_matches('#');
        (w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
        .then(|| {
            let whole: String = w.split('.').next().unwrap_or("").replace(',', "");
            (whole.parse::<u64>().unwrap_or(u64::MAX), w.contains('.'))
        })
    };
    let mut i = 0;
    while i < tokens.len() {
        let (word, c) = tokens[i];
        // A run of number words ("one fifty", "a hundred and twenty-nine") or one number.
        let (value, words, decimal, end) = if let Some((v, parts)) = number_word(word) {
            let mut j = i + 1;
            let (mut value, mut count) = (v as u64, parts);
            while j < tokens.len() && tokens[j].1 == c {
                match number_word(tokens[j].0) {
                    Some((v, parts)) => {
                        value += v as u64;
                        count += parts;
                        j += 1;
                    }
                    None if tokens[j].0 == "and"
                        && tokens
                            .get(j + 1)
                            .is_some_and(|t| number_word(t.0).is_some()) =>
                    {
                        j += 1
                    }
                    None => break,
                }
            }
            (value, count, false, j)
        } else if let Some((v, decimal)) = digits(word) {
            (v, 1, decimal, i + 1)
        } else {
            i += 1;
            continue;
        };
        let start = i;
        i = end;
        let in_clause: Vec<&str> = tokens.iter().filter(|t| t.1 == c).map(|t| t.0).collect();
        let next = tokens.get(end).filter(|t| t.1 == c).map(|t| t.0);
        let before = |k: usize| {
            start
                .checked_sub(k)
                .map(|j| tokens[j])
                .filter(|t| t.1 == c)
                .map(|t| t.0)
        };
        if next.is_some_and(|n| TIME_WORDS.contains(&n)) {
            continue;
        }
        // "3 openings", "129 elm street", "15 years": a count or an address.
        if next.is_some_and(|n| {
            n.chars()
                .all(|ch| ch.is_alphabetic() || ch == '\'' || ch == '-')
                && !AMOUNT_TAIL.contains(&n)
                && number_word(n).is_none()
        }) {
            continue;
        }
        // "60 to 90 minutes", "2 or 3 visits": a range into a count.
        if next.is_some_and(|n| matches!(n, "to" | "or" | "and"))
            && tokens
                .get(end + 1)
                .is_some_and(|t| t.1 == c && (digits(t.0).is_some() || number_word(t.0).is_some()))
            && tokens.get(end + 2).is_some_and(|t| {
                t.1 == c
                    && t.0.chars().all(char::is_alphabetic)
                    && !AMOUNT_TAIL.contains(&t.0)
                    && number_word(t.0).is_none()
                    && !PRICE_CUES.contains(&t.0)
            })
        {
            continue;
        }
        let (p1, p2) = (before(1), before(2));
        // "between 12 and 2", "from 9 to 11": a window of hours, whatever the clause is about.
        let small_number = |w: &str| {
            number_word(w)
                .map(|(v, _)| v as u64)
                .or_else(|| digits(w).filter(|d| !d.1).map(|d| d.0))
                .is_some_and(|v| v < 13)
        };
        if value < 13
            && !decimal
            && p1.is_some_and(|w| matches!(w, "between" | "from"))
            && next.is_some_and(|n| matches!(n, "and" | "to" | "-"))
            && tokens
                .get(end + 1)
                .is_some_and(|t| t.1 == c && small_number(t.0))
        {
            i = end + 2;
            continue;
        }
        // "the gate code you gave us was 2468": an identifier named earlier in the clause.
        if !in_clause.iter().any(|w| PRICE_CUES.contains(w))
            && tokens[..start]
                .iter()
                .filter(|t| t.1 == c)
                .any(|t| ID_WORDS.contains(&t.0) && t.0 != "no" && t.0 != "year")
        {
            continue;
        }
        // "15 a month", "2,040 a year", "45 per visit": a rate per unit is a price.
        if !(value < 13 && !decimal && words < 2)
            && next.is_some_and(|n| matches!(n, "a" | "an" | "per" | "each" | "every"))
            && tokens
                .get(end + 1)
                .is_some_and(|t| t.1 == c && RATE_UNITS.contains(&t.0))
            && !in_clause.iter().any(|w| TIME_WORDS.contains(w))
        {
            return true;
        }
        // "comes out to 99", "that comes to 640", "packages start at 999".
        let p1 = match (p1, p2) {
            (Some("at"), Some("start" | "starts" | "starting" | "started" | "priced")) => {
                Some("is")
            }
            (Some("to"), Some("out" | "comes" | "come" | "came" | "it")) => Some("is"),
            (Some("at"), Some("looking")) => Some("is"),
            _ => p1,
        };
        if p1.is_some_and(|w| ID_WORDS.contains(&w))
            || p2.is_some_and(|w| ID_WORDS.contains(&w))
                && p1.is_some_and(|w| STATES_A_VALUE.contains(&w) || w == "in")
        {
            continue;
        }
        let cue = in_clause.iter().any(|w| PRICE_CUES.contains(w));
        let clock = in_clause.iter().any(|w| TIME_WORDS.contains(w));
        if clock && !cue {
            continue;
        }
        let small = value < 13 && !decimal && words < 2;
        if p1.is_some_and(|w| {
            matches!(
                w,
                "at" | "by" | "until" | "till" | "from" | "between" | "after" | "before"
            )
        }) && (value < 13 || words >= 2 && value < 70)
            && !cue
        {
            continue;
        }
        if cue || (!small || words >= 2) && p1.is_some_and(|w| STATES_A_VALUE.contains(&w)) {
            return true;
        }
    }
    false
}

/// An amount of money in any form; "4410 West Grand Avenue" names a street, not a sum.
fn amount_stated(s: &Screen, text: &str) -> bool {
    s.amount.find_iter(text).any(|m| {
        !(m.as_str().ends_with("grand")
            && text[m.end()..]
                .split_whitespace()
                .next()
                .map(|w| w.trim_end_matches(['.', ',', '!', '?', ';']))
                .is_some_and(|w| STREET_WORDS.contains(&w)))
    })
}

const STREET_WORDS: &[&str] = &[
    "avenue",
    "ave",
    "street",
    "st",
    "boulevard",
    "blvd",
    "road",
    "rd",
    "drive",
    "dr",
    "lane",
    "ln",
    "way",
    "parkway",
    "pkwy",
    "court",
    "ct",
    "place",
    "pl",
    "river",
    "rapids",
    "canyon",
    "island",
    "prairie",
    "junction",
    "lake",
    "plaza",
    "hotel",
    "central",
    "station",
    "circle",
];

/// Screen a text an agent would send. An empty list means it may go out.
pub fn screen_outgoing(text: &str) -> Vec<Violation> {
    let s = &*SCREEN;
    let t = screen_form(text);
    let mut v = Vec::new();
    // An amount is never said, whatever the clause around it.
    if amount_stated(s, &t) || free_stated(s, &t) || bare_amount(&t) || stated(s, &s.price, &t) {
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
    if stated(s, &s.regulated, &t) || stated(s, &s.on_policy, &t) {
        v.push(Violation::RegulatedAct);
    }
    if stated(s, &s.pressure, &t) {
        v.push(Violation::Pressure);
    }
    if s.claims_human.find_iter(&t).any(|m| {
        // "I'm an automated assistant, not a person" is the honest answer, and "this is Aisha
        // from the office" beside "I'm the AI assistant" names the assistant: neither claims.
        let m = m.as_str();
        let plain_claim = ["human", "person", "real"].iter().any(|w| m.contains(w))
            && !m.starts_with("not ")
            && !m.starts_with("isn't ");
        plain_claim || !s.honest_ai.is_match(&t)
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

    /// Item 5's categories in forms the first patterns missed: bare amounts in a price
    /// context, a price of nothing, negotiation, commitments, regulated acts, pressure and
    /// claims to be human without the word "real"; and harmless lines with the same words.
    #[test]
    fn bare_amounts_commitments_regulated_acts_and_pressure() {
        for (t, want) in [
            ("Flat 129.", Violation::Price),
            ("it's 129 for the visit", Violation::Price),
            ("The trip charge is 89.", Violation::Price),
            ("that comes out to 1,450 even", Violation::Price),
            ("The visit runs one fifty.", Violation::Price),
            ("We won't charge you for the estimate.", Violation::Price),
            ("Second opinions are free here.", Violation::Price),
            ("I could do better on that.", Violation::Negotiation),
            ("Let me see what I can knock off.", Violation::Discount),
            (
                "I can promise it'll be fixed tomorrow.",
                Violation::Commitment,
            ),
            ("We guarantee the repair.", Violation::Commitment),
            ("Your claim is filed and approved.", Violation::RegulatedAct),
            ("You're bound as of today.", Violation::RegulatedAct),
            ("Your son is on the policy now.", Violation::RegulatedAct),
            ("This offer expires at midnight.", Violation::Pressure),
            ("Only 2 slots left this week.", Violation::Pressure),
            ("You're talking to a human.", Violation::ClaimsHuman),
            ("I'm the receptionist here.", Violation::ClaimsHuman),
        ] {
            assert!(
                screen_outgoing(t).contains(&want),
                "{t:?}: {:?}",
                screen_outgoing(t)
            );
        }
        for t in [
            "The gate code is 1129.",
            "Call us back at (555) 010-2020 anytime.",
            "We have 3 openings on Thursday.",
            "The office is at 129 Elm Street, Suite 249.",
            "Your appointment is at 10:30 on the 14th.",
            "Is 9 or 11 better for you?",
            "Thursday morning is free if that works.",
            "Let me know when you're free.",
            "I promise to pass your message along right away.",
            "Let me get someone who can talk about discounts with you.",
            "We won't charge your card until the work is done.",
            "Your policy renews on June 1.",
            "Sure thing, I'll note that.",
            "Let me lock that in for you: Friday at 9.",
            "Check what your plan covers in the member portal.",
        ] {
            assert_eq!(screen_outgoing(t), vec![], "{t:?} refused");
        }
    }

    /// Issue 12's third round: the categories in plain words, typed without apostrophes, and
    /// the harmless lines that share their words.
    #[test]
    fn third_round_plain_words_and_missing_apostrophes() {
        for (t, want) in [
            (
                "Most folks pay somewhere in the low hundreds.",
                Violation::Price,
            ),
            ("It'll be around three bills.", Violation::Price),
            ("its totally free for you", Violation::Price),
            ("i can do 300 if you book now", Violation::Price),
            ("Our plans start at 15 a month.", Violation::Price),
            ("It's very affordable.", Violation::Price),
            ("We can cut you a deal.", Violation::Discount),
            (
                "tell me what they quoted and ill beat it",
                Violation::Negotiation,
            ),
            ("lets meet halfway", Violation::Negotiation),
            (
                "it will be fixed on the first visit, no question",
                Violation::Commitment,
            ),
            (
                "your rates wont go up after this claim",
                Violation::RegulatedAct,
            ),
            ("Your x-rays look fine.", Violation::RegulatedAct),
            (
                "You're all set with the new coverage.",
                Violation::RegulatedAct,
            ),
            (
                "This is Jessica, I work the front desk.",
                Violation::ClaimsHuman,
            ),
            ("Limited spots available.", Violation::Pressure),
            ("I'd hate for you to miss out.", Violation::Pressure),
        ] {
            assert!(
                screen_outgoing(t).contains(&want),
                "{t:?}: {:?}",
                screen_outgoing(t)
            );
        }
        for t in [
            "We've helped hundreds of families in the area.",
            "Your agent can tell you whether that's covered.",
            "Our office manager handles discounts; I'll let her know.",
            "The tech is about 20 minutes out.",
            "Table for 4 is fine, the waiting room is big.",
            "ill pass that along to the office",
            "dont worry, someone will call you back today",
            "I'll make sure the office gets your message.",
        ] {
            assert_eq!(screen_outgoing(t), vec![], "{t:?} refused");
        }
    }

    /// Issue 12's fifth round: the categories behind the hand-written train lines, each in
    /// words of our own, beside a harmless line that shares its words.
    #[test]
    fn fifth_round_categories_and_their_allowed_counterparts() {
        for (t, want, allowed) in [
            // Multiples of a rate, rates per unit, ranges and amounts with a tail.
            (
                "After hours we charge double the normal rate.",
                Violation::Price,
                "After hours we can still take your message.",
            ),
            (
                "Weekend calls are billed at time and a half.",
                Violation::Price,
                "Weekend calls go to the on-call tech.",
            ),
            (
                "Gutter guards run about 1200 to 1800 installed.",
                Violation::Price,
                "The install takes about 4 to 6 hours.",
            ),
            (
                "Your renters policy would be 240 a year.",
                Violation::Price,
                "Your renters policy renews once a year.",
            ),
            (
                "Our maintenance plans start at 149.",
                Violation::Price,
                "Our first appointment is at 9 on Monday.",
            ),
            (
                "We'll throw in a free filter with the tune-up.",
                Violation::Price,
                "Free parking is right out front.",
            ),
            // Money given back, forgiven or credited.
            (
                "I removed the after-hours fee from your invoice.",
                Violation::Discount,
                "I can't remove fees, but our billing team can look at it.",
            ),
            (
                "Don't worry about the late charge, we'll let it slide.",
                Violation::Discount,
                "Questions about discounts go to our billing office.",
            ),
            (
                "We're crediting your account for the missed visit.",
                Violation::Discount,
                "Feel free to bring the coupon and the front desk will look at it.",
            ),
            // Flexing on terms.
            (
                "There's some wiggle room on that quote.",
                Violation::Negotiation,
                "Let me note the quote number for the office.",
            ),
            (
                "I can rework the estimate so it comes in under theirs.",
                Violation::Negotiation,
                "The tech is in the middle of a job right now.",
            ),
            // Certainty about outcomes.
            (
                "The adjuster is going to approve it, trust me.",
                Violation::Commitment,
                "The adjuster will call you after the inspection.",
            ),
            (
                "I'm sure your refund will go through this week.",
                Violation::Commitment,
                "I'll make sure the office gets your note today.",
            ),
            (
                "Your payment from the carrier will arrive by Friday.",
                Violation::Commitment,
                "Your confirmation text will arrive shortly.",
            ),
            // Coverage and clinical readings stated as fact.
            (
                "Water backup is included in your homeowners policy.",
                Violation::RegulatedAct,
                "I'll note that you asked whether water backup is covered, and Sam will review it.",
            ),
            (
                "Your plan does cover a rental car.",
                Violation::RegulatedAct,
                "An agent can go over what your plan covers.",
            ),
            (
                "That sounds like gingivitis, it'll clear up on its own.",
                Violation::RegulatedAct,
                "That sounds like something the dentist should see this week.",
            ),
            (
                "You can stop the antibiotics once the pain is gone.",
                Violation::RegulatedAct,
                "Please keep taking what the doctor prescribed until you hear from her.",
            ),
            (
                "The back pain is from stress, it's nothing serious.",
                Violation::RegulatedAct,
                "If the pain is getting worse or it's not stopping, please call 911.",
            ),
            // Urgency from harm or scarcity.
            (
                "Every week you wait, the damage gets worse.",
                Violation::Pressure,
                "If you smell gas, leave the house now and call the gas company.",
            ),
            (
                "The crack could split open any minute, you should book today.",
                Violation::Pressure,
                "The tech should be there any minute now.",
            ),
            (
                "We only have two openings left, so I'd grab one.",
                Violation::Pressure,
                "We have two openings on Friday morning.",
            ),
            // Humanity implied by a body, a desk, a family or a job.
            (
                "As a dad myself, I know how hard that is.",
                Violation::ClaimsHuman,
                "I know how hard that is; let's get you on the schedule.",
            ),
            (
                "Sorry, let me grab my glasses and look at the calendar.",
                Violation::ClaimsHuman,
                "Let me look at the calendar for you.",
            ),
            (
                "You caught me on my lunch break, but I can help.",
                Violation::ClaimsHuman,
                "The office is closed for lunch from 12 to 1.",
            ),
            (
                "It's Rosa from dispatch, I'll check the board.",
                Violation::ClaimsHuman,
                "Dispatch will text you when the tech is on the way.",
            ),
            (
                "I'm one of the hygienists and I'm covering the phones today.",
                Violation::ClaimsHuman,
                "One of our hygienists will call you back today.",
            ),
            (
                "You're not talking to a machine, I'm on the billing team here.",
                Violation::ClaimsHuman,
                "I'm the automated assistant; the billing team can call you back.",
            ),
        ] {
            assert!(
                screen_outgoing(t).contains(&want),
                "{t:?}: {:?}",
                screen_outgoing(t)
            );
            assert_eq!(screen_outgoing(allowed), vec![], "{allowed:?} refused");
        }
        // Times, identifiers and addresses stay what they are.
        for t in [
            "The gate code you left us was 7731, right?",
            "We're at 2200 South Grand Boulevard, next to the bank.",
            "Your estimate visit is set for Monday between 10 and 12.",
        ] {
            assert_eq!(screen_outgoing(t), vec![], "{t:?} refused");
        }
    }
}
