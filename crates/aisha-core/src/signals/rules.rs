//! The detector's rules: phrase patterns that read a cue in its context (is it asked, requested,
//! negated, about the business or about the weather?) rather than a bare keyword.
//!
//! Patterns run on [`clean`] text: lower case, punctuation gone, speech-to-text fillers ("um",
//! "uh") and SMS shorthand ("u", "pls") undone, so one pattern covers chat, SMS and transcripts.

use std::sync::LazyLock;

use regex::Regex;

/// Lower-cased, normalised text for the rules (see the module comment).
pub fn clean(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len() + 8);
    for c in norm.chars() {
        let c = match c {
            c if c.is_alphanumeric() || matches!(c, '\'' | '$' | '%' | '€' | '£') => c,
            '-' | '/' => ' ',
            _ => ' ',
        };
        out.push(c);
    }
    let mut words: Vec<&str> = Vec::with_capacity(16);
    let raw: Vec<&str> = out.split_whitespace().collect();
    for (i, &w) in raw.iter().enumerate() {
        let prev = if i > 0 { raw[i - 1] } else { "" };
        let next = raw.get(i + 1).copied().unwrap_or("");
        let w = w.trim_matches('\'');
        let w = match w {
            "um" | "umm" | "uh" | "uhh" | "erm" | "uhm" | "hmm" | "mm" => continue,
            // "yeah" inside a sentence is a transcript filler; first, it is an answer.
            "yeah" if i > 0 => continue,
            "like" | "so" if i > 0 && is_filler(w, prev, next) => continue,
            "u" => "you",
            "r" => "are",
            "ur" => "your",
            "pls" | "plz" => "please",
            "thx" => "thanks",
            "dont" => "don't",
            "cant" => "can't",
            "wont" => "won't",
            "im" => "i'm",
            "whats" => "what's",
            "didnt" => "didn't",
            "doesnt" => "doesn't",
            "isnt" => "isn't",
            "ive" => "i've",
            "youre" => "you're",
            "w" => "with",
            // Apostrophes SMS and speech-to-text drop ("thats too much", "its not worth it"):
            // possessive "its" reads the same to every pattern.
            "its" => "it's",
            "thats" => "that's",
            "theres" => "there's",
            "wouldnt" => "wouldn't",
            "couldnt" => "couldn't",
            "shouldnt" => "shouldn't",
            "havent" => "haven't",
            "hasnt" => "hasn't",
            "wasnt" => "wasn't",
            "werent" => "weren't",
            "arent" => "aren't",
            "theyre" => "they're",
            "weve" => "we've",
            "youve" => "you've",
            "hes" => "he's",
            "shes" => "she's",
            "lets" => "let's",
            "iv" => "i've",
            // SMS shorthand spelled out.
            "idk" => "i don't know",
            "lmk" => "let me know",
            "rn" => "right now",
            "tbh" => "honestly",
            "srsly" => "seriously",
            "rly" => "really",
            "ppl" => "people",
            "bc" | "cuz" | "bcuz" => "because",
            "thru" => "through",
            "sry" => "sorry",
            "txt" | "txts" => "text",
            "msg" | "msgs" => "messages",
            "ya" | "yu" => "you",
            "yall" => "y'all",
            "wat" | "wut" => "what",
            "prob" | "prolly" => "probably",
            "b4" => "before",
            "tmrw" | "tmr" | "tmrow" => "tomorrow",
            "ty" => "thank you",
            "k" | "kk" => "ok",
            "gonna" => "going to",
            "wanna" => "want to",
            "kinda" => "kind of",
            w => w,
        };
        if !w.is_empty() {
            words.push(w);
        }
    }
    words.join(" ")
}

/// "like" and "so" as transcript fillers ("why would i like need", "increase so my coverage")
/// rather than words ("i'd like", "looks like", "so much", "so done").
fn is_filler(w: &str, prev: &str, next: &str) -> bool {
    match w {
        "like" => {
            let keep_prev = [
                "i",
                "you",
                "we",
                // "treated me like", "talks to us like": a comparison, not a filler.
                "me",
                "us",
                "they",
                "would",
                "i'd",
                "you'd",
                "we'd",
                "feel",
                "feels",
                "looks",
                "look",
                "sounds",
                "sound",
                "seems",
                "seem",
                "really",
                "don't",
                "didn't",
                "not",
                "also",
                "more",
                "much",
                "something",
                "anything",
                "nothing",
                "just",
                "would",
                "it's",
                "that's",
                "is",
                "was",
            ];
            let verb_next = [
                "need",
                "want",
                "have",
                "get",
                "go",
                "do",
                "know",
                "totally",
                "literally",
            ];
            !keep_prev.contains(&prev) || verb_next.contains(&next)
        }
        "so" => ![
            "much",
            "many",
            "far",
            "long",
            "sorry",
            "glad",
            "happy",
            "good",
            "bad",
            "frustrating",
            "frustrated",
            "annoyed",
            "done",
            "mad",
            "upset",
            "tired",
            "sick",
            "excited",
            "fun",
            "i",
            "we",
            "that",
            "it",
            "if",
            "what",
        ]
        .contains(&next),
        _ => false,
    }
}

/// Word boundaries are ASCII ones: the text is normalised first, and a Unicode `\b` keeps
/// the regex engine off its fast DFA path (detect is measured in `cargo bench`).
/// Word characters are ASCII ones too: a Unicode `\w` multiplies the lazy DFA's states in
/// patterns this large until its cache thrashes (measured: milliseconds a message).
fn re(pattern: &str) -> Regex {
    let ascii = pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"[\w ]", "[0-9A-Za-z_ ]")
        .replace(r"\w", "[0-9A-Za-z_]");
    regex::RegexBuilder::new(&ascii)
        .dfa_size_limit(32 << 20)
        .build()
        .expect("detector pattern compiles")
}

pub struct Rules {
    pub question: Regex,
    pub question_inner: Regex,
    pub pricing: Regex,
    pub pricing_any: Regex,
    pub pricing_not: Regex,
    pub contract: Regex,
    pub contract_any: Regex,
    pub request: Regex,
    pub objection: Regex,
    pub objection_more: Regex,
    pub objection_not: Regex,
    pub negative: Regex,
    pub negative_more: Regex,
    /// Complaints in plain words (fifth round): heard only about the business.
    pub negative_plain: Regex,
    pub negative_not: Regex,
    pub complaint_target: Regex,
    pub compliance: Regex,
    pub compliance_more: Regex,
    pub compliance_not: Regex,
    pub rejection: Regex,
    pub rejection_more: Regex,
    pub opt_out_keyword: Regex,
    pub opt_out: Regex,
    pub human: Regex,
    pub human_alone: Regex,
    /// A person calling who is waited for or expected, not asked for.
    pub human_not: Regex,
    pub bot: Regex,
    /// "Is there a human I can talk to?" asks for a person, not whether AiSHA is one.
    pub bot_not: Regex,
    pub contract_not: Regex,
    /// A competitor's price set against ours (an objection, not a pricing question).
    pub competitor: Regex,
    pub competitor_not: Regex,
    /// Cues that count only when asked about (results of a test, what a record shows).
    pub compliance_asked: Regex,
    pub help: Regex,
    pub confusion: Regex,
    pub exception: Regex,
    pub service: Regex,
    pub service_not: Regex,
}

const PEOPLE: &str = r"(real |live |actual |a real |an actual |some )?(person|human|human being|someone|somebody|representative|rep|agent|manager|supervisor|operator|owner|staff|office|front desk|dispatch|dispatcher|dentist|doctor|nurse|hygienist|technician|tech|plumber|electrician|adjuster|account manager|producer|office manager|billing)";

const VISIT: &str = r"(appointment|appt|visit|install|installation|cleaning|checkup|check up|tune up|consult|consultation|exam|physical|service call|inspection|repair|extraction|root canal|booking|job|project|start date|effective date|renewal|closing|review|call|whitening|follow up|blood work|maintenance)";

use super::frames::*;

pub static RULES: LazyLock<Rules> = LazyLock::new(|| {
    Rules {
    question: re(
        r"^((hi|hey|hello|ok|okay|so|and|but|also|wait|sorry|oh|well|honestly|be honest|hold on|quick question|just curious|one more thing|btw|then|yeah|yes|no)\s)*(what|what's|whats|when|where|where's|why|how|how's|who|who's|which|can|could|do|does|did|is|are|am|will|would|should|was|were|have|has|any chance|anything else|isn't|aren't|r|whos)\b",
    ),
    question_inner: re(
        r"\b(what|why|how|where|when|which) (is|are|was|were|do|does|did|can|could|would|will|should|am)\b|\b(is that (right|correct|true|ok|okay)|which is it|or not|or a (bot|person|human|computer))$|\b(right|correct)$|\b(can|could|would|will|do|does|are) (we|you|i|someone|anyone)\b|\bis (there|it|that|this) (a|an|any|the|still|ok|okay|covered|included|possible|available|necessary|free|true|right)\b",
    ),
    // A price asked about (the message is a question or a request): `pricing_any` holds the
    // cues that are a pricing question on their own.
    pricing: re(
        r"\b(price|prices|pricing|priced|cost|costs|costly|pricey|expensive|cheap|cheaper|afford|quote|quotes|estimate|estimates|rate|rates|fee|fees|premium|premiums|charge|charges|charged|financing|finance|payment plans?|installments|care credit|monthly|a month|per month|per year|discount|discounts|coupon|coupons|special|specials|deal|deals|ballpark|roughly|out of pocket|self pay|owe|bill|billed|invoice|pay for it|do i pay|would i pay|will i pay|save|savings|run me|set me back|for less|best price|wiggle room)\b|[$€£]\s?\d|\b(dollars|bucks)\b",
    ),
    pricing_any: re(
        &[r"\b(how much|what('s| is| are| would be)? (the|your|my)? ?(cost|price|rate|rates|fee|premium|charge|copay|out of pocket)|what do you charge|what would (a|an|it|that|this|the)\b.{0,40}\b(cost|run)|what does (a|an|it|the)\b.{0,40}\bcost|do you (charge|offer financing|finance|do financing)|(do you|offer|have|any|on a) payment plans?|lower (my|the|our) payments?|(my|the|our) monthly payments?|pay (this|it) off|overcharged|charged me|(is|are) (it|that|this|the \w+|\w+) free|split the payment|what kind of (money|price|cost)|(price|cost) wise|will it be (a lot|expensive|pricey|costly)|(need|want|like|get) (a|an|the) (quote|estimate|price)|(quote|estimate) (on|for)|price (out|it)|(give|send|get) me (a|an) (quote|estimate|price)|premium (go|went|going|gone) up|do (it|this|that) for less|(any|some) wiggle room|match (a|the|their|any) (lower )?(price|quote)|(your|the) best price|bring the (cost|price) down|cheaper option|(why|how) (is it )?so much|what would i owe|military discounts?|senior discounts?|discount for)\b", PRICING_FRAMES].join("|"),
    ),
    // A price mentioned, not asked about.
    pricing_not: re(
        &[r"\b(no charge|free (estimate|parking)|(the|great|fair|good) price (was|is)?\s?(fair|great|good|reasonable)?|worth every penny|coupon book|(i|we) (already )?(paid|sent|pay|will pay|'ll pay)|payment went through|receipt says|charge my phone|charging|in charge|cancellation fee|no show fee|termination fee|(price|quote|estimate) you sent|(they|they'd|he|she|he'd|she'd) (would |will |could |can )?do it for less|quote appointment|payment plan,? i|(cancel|out of) (my|the) payment plan|(charge|bill) (it to |this to )?(my|the|our) (card|account|insurance|visa|mastercard|amex)|(card|account) on file|bill it to|(send|email|text|resend|forward|mail) (me |us )?(the|my|a copy of the|a copy of my|our) (invoice|bill|receipt|statement)|(went|go|goes|going) through on autopay)\b", PRICING_NOT_FRAMES].join("|"),
    ),
    contract: re(
        r"\b(warranty|warranties|guarantee|guaranteed|contract|contracts|agreement|terms|fine print|cancellation policy|refund policy|no show fee|cancellation fee|termination fee|cancel (the \w+ |it )?anytime|auto renew\w*|locked in|commitment|deductible|deductibles|coverage|covered|cover|covers|limits|liability|uninsured motorist|replacement cost|actual cash value|grace period|penalty|renew|renews|included|include|includes|benefits|my plan|back out|excluded|exclusion|after insurance)\b",
    ),
    request: re(
        r"\b(i need|i'd like|i would like|i want|can you|could you|please|send me|give me|get me|looking for|need a|want a|tell me|wondering|curious|want to know|need to know|let me know|find out|any idea)\b",
    ),
    contract_any: re(
        r"\b(terms and conditions|read the fine print|send me the terms|(do|would) i (have to|need to) sign|sign (a|the) contract|what('s| is) (my|the) deductible|if i cancel)\b",
    ),
    objection_more: re(&[OBJECTION_FRAMES, OBJECTION_FRAMES_5].join("|")),
    objection: re(
        r"\b(already (have|use|got|work with|using|see|go to|do business with) (a |an |our |my |the |someone|somebody|one)?(\w+ )?(guy|company|plumber|agent|dentist|doctor|provider|contractor|electrician|hvac|carrier|insurance|coverage|someone|somebody|one|tech|technician|office|practice|agency|person)\b|(happy|satisfied) with (our|my) (current |own |regular |usual |family )?(\w+ )?(company|guy|provider|dentist|doctor|agent|plumber|electrician|carrier|contractor|practice|agency|insurance)|(happy|satisfied) with the (company|guy|one|people|person|agent|dentist|doctor|plumber|provider|carrier) (we|i) (use|have|see|go to)|(happy|satisfied) with (who|what) (we|i) (have|use)|(same|current|regular|usual|own) (\w+ )?(guy|company|provider|dentist|doctor|agent|plumber|electrician|carrier|contractor|tech|practice|agency) (for years|takes|does|handles)|stick with (who|our current|my current|our|my) ?(\w+ )?(guy|company|provider|dentist|doctor|agent|carrier|plumber|insurance|policy|plan|people|we've been|i've been)|(loyal|committed) to (my|our)|(been|stayed) with (\w+ ){1,2}for (years|\w+ years|a long time|ages)|keep (my|our) (policy|plan|coverage|dentist|doctor|agent|provider|carrier) (where|with|as)|keep going where|my (current |old |regular )?(agent|dentist|doctor|guy|plumber|company|provider|carrier) (takes|has taken|has always taken) (good |great )?care of (me|us)|(don't|do not) (really )?want to switch|switching (\w+ )?(sounds like|is|would be) (a|such a) (hassle|pain)|already does our|(isn't|is not|'s not|not) (the )?(right|best|ideal) time|not this year|maybe next (year|season|spring|summer|fall|winter)|(maybe|wait (until|till)) after the holidays|(revisit|circle back (to|on)|come back to) (this|it)|circle back in|ask me again|back burner|wait and see|not in (any|a|much of a) (rush|hurry) to (do|decide|commit|sign|buy|replace|switch|move forward|make|spend)|(run|running) (it|this|that) by my|(talk|speak) to my (wife|husband|spouse|partner|son|daughter|mom|dad|mother|father|roommate|landlord|family|boss) (first|before (i|we) (decide|commit|sign|book|say yes|agree)|about (it|this|that|the (price|quote|cost|plan|offer|estimate|policy)))|my (wife|husband|spouse|partner|son|daughter|mom|dad|mother|father|roommate|landlord|family|boss|fiance|girlfriend|boyfriend|other half|better half) (makes|decides|handles) (those|the|these|all|that|our|all the|all our) ?(decisions|money|finances|bills|insurance|stuff|things|calls)|my (wife|husband|spouse|partner|son|daughter|mom|dad|mother|father|roommate|landlord|family|boss) (isn't|is not|wasn't|is not really|isn't really) (sold|sure|convinced|on board|a fan)|my (wife|husband|spouse|partner|son|daughter|mom|dad|mother|father|roommate|landlord|family|boss) (thinks|wants|says) (we|i) (should|need to|ought to) (wait|hold off|pass|think|not)|not in (the|our|my) budget|money('s| is) (tight|short)|(can't|cannot|couldn't) (swing|justify|stomach|manage) (that|it|this)|more than (i|we) can (handle|afford|pay|spend|swing)|(can't|cannot) pay (more|that)|not paying (that|so) much|(a lot|way) more than (i|we) (expected|thought|wanted|planned)|that's a lot of money|(don't|do not) (really )?see (why|the need|the point)|upsell|not sold|skeptical|(never|haven't ever|have never) needed (it|that|this|one|roadside|umbrella|rental|gap|extra|more|that much|coverage|\w+ coverage|\w+ insurance|a warranty|an extended \w+)|(rather|prefer) not (to )?(do|get|have|go with) (the|a|an|it|that|this|any) ?(\w+ )?(crown|procedure|treatment|work|replacement|install|policy|coverage|plan|upgrade|root canal|surgery|x rays|it|that|this)?$|if (i|we) can avoid it|cheaper (somewhere|elsewhere|online|down the street)|(another|other|different) (company|guys|guy|place|agency|carrier|office|dentist|shop|plumber|contractor|provider|practice) (quoted|offered|charges|came in)|competitor|came in (lower|cheaper|under|less)|(quoted|offered) me (a lot |way |much )?(less|lower|cheaper)|(were|was|are|is) (way |a lot |much )?cheaper|think it over|mull (it|this|that) over|time to (think|decide|consider|mull)|(a couple|some|a few) (more|other) (quotes|estimates|opinions)|we've got (a|someone|somebody)|(we|i) (have|got) a (guy|company|plumber|agent|dentist|provider|contractor)|(brother|sister|father|cousin|friend|neighbor|son|uncle)( in law)? (does|handles|takes care of)|(not|isn't|is not|'s not) a good time|timing (just )?(isn't|is not|'s not|is not) right|later in the year|(doesn't|does not|don't|do not) (think|agree|believe) (we|i|it|that|this|the)|(doesn't|does not) want (it|this|that|to)|(talk|check|discuss|run) (it |this |that )?(over )?with my|(wants|want) to wait|better (quote|price|rate|deal|offer)|(quoted|offered|charges|charged) me less|(is|are|was) cheaper|lower (premium|price|rate|quote)|more than (i|we) (wanted|want|planned|expected|thought)|out of (our|my) budget|over (our|my) budget|can't afford|cannot afford|too (expensive|much|high|pricey|steep)|seems (high|steep|like a lot|expensive)|that's (a lot|steep)|is steep|not sure (it's|its|it is|if it's) worth|(not|n't) worth|(don't|do not) (really )?see the value|not convinced|overkill|(don't|do not) think (i|we) need|do (i|we) (really|actually|even) need|(actually|really|even) necessary|unnecessary|state minimum|why would i (need|switch|change)|think about it|sleep on it|shop around|other quotes|couple (other|more) quotes|second opinion|(rather|prefer to) (just )?(patch|repair|fix)|could be (fixed|repaired)|don't want to replace|bad reviews|worried about|concerns? about|hesitant|nervous|why should i|what makes you better|what do you (do|offer) that|on the fence|undecided|not ready to (commit|decide|sign)|(leaning|thinking) (towards|toward|about) (holding|waiting)|maybe (later|next year|next month))\b",
    ),
    objection_not: re(
        &[r"\b(now that i think about it|(don't|do not|doesn't) want to wait|thinking about it|come to think of it|think about it,? (thursday|monday|tuesday|wednesday|friday|mornings|afternoons)|(talk|check|discuss|ask) (it |this |that )?(over )?with my \w+ (about|on) (the |a |our )?(gate|code|key|keys|time|times|day|days|date|schedule|address|dog|parking|access|availability|calendar|door|alarm)|(check|talk) with my \w+ (about )?(when|what time|which day|if (she|he|they))|(just|not) in a (rush|hurry)|(my \w+ (says|thinks|wants) (we|i) (should|need to|ought to) )?(wait|hold off) (until|till) (she|he|they|i|we)('s|'re| is| are| get| gets| can be)? ?(home|back|here|off|there|around)|maybe (next month|later) (for|on) (the|my|our) \w+|maybe (next month|later),? (is that|would that|does that|how about|can)|already have (a|an|the) (ladder|key|code|ticket|number|appointment|account|part|parts)|(been|stayed) with (you|you guys|your \w+|y'all|this \w+) for [\w ]+|already (have|got) (a|an|the) [\w ]{0,20}(with you|with your|through you|from you|here)|(drive|driveway|hill|stairs|roof|road|ramp|steps) is (kind of |pretty |really )?steep|(not|never) worried about|(we've|we have|i've|i have) got a (baby|dog|dogs|cat|puppy|newborn|toddler) )\b", OBJECTION_NOT_FRAMES].join("|"),
    ),
    negative_more: re(NEGATIVE_FRAMES),
    negative_plain: re(NEGATIVE_FRAMES_5),
    negative: re(
        r"\b(rude|disrespectful|condescending|useless|worst|terrible|horrible|horrendous|awful|pathetic|ridiculous|unacceptable|unprofessional|incompetent|frustrat\w*|furious|angry|livid|pissed|upset|disappointed|disappointing|annoyed|annoying|fed up|so done|done with (you|this|your)|sick (of|and tired of) (you|your|waiting|being|calling|this company|this place|dealing)|scam|scammers|a joke|what a joke|wasting my time|waste of (my )?(time|money)|(nothing but a|such a|what a|been a) headache|nightmare|(nobody|no one) (there )?(cares|apologized|listens|ever answers|answers)|never (listen|answers|call back|calls back)|ripped off|rip off|outrageous|overcharged|harass\w*|for nothing|hurt me|didn't (even )?care|doesn't care|thanks for nothing|love that for me|so much fun|(great|fantastic|wonderful|perfect|wow),? (another|you lost|you forgot|you missed|thanks for nothing)|lost my (paperwork|file|documents)|don't bother|can't believe you|beyond (annoyed|frustrated)|not happy|unhappy|fed up|shameful|disgusted|disgusting|for the last time|asked (you )?(\w+ )?(two|three|four|several|many|multiple|so many) times|enough with|how many times|(second|third|fourth|fifth|sixth|\w+th) time (i've|i have|we've|we have|i|we) (had to )?(call|called|ask|asked|text|texted|write|written|come|came|reach|reached)|(you|you guys|y'all|your office|your people|they) keep (dropping the ball|messing (this |it )?up|screwing (this |it )?up|forgetting|losing|missing)|dropping the ball|runaround|(sick|tired) of (getting|being|waiting|calling|dealing)|(love|loving|great|perfect|fantastic|wonderful|awesome|thanks a lot|just great|oh good|nice),? [^.!?]{0,30}\b(waiting all day|waiting for nobody|for nobody|billed (twice|again)|charged (twice|again)|(another|a third) (missed|no show|late|cancell?ed))|billed twice\b[^.!?]{0,10}\b(fantastic|great|perfect|wonderful|awesome|nice))\b",
    ),
    negative_not: re(
        &[r"\b(weather|traffic|rain|snow|heat|cold|commute|roads|game|movie|music|flight|dog|dogs|cat|puppy|kids|kid|baby|toddler|neighbor|neighbors|parking|internet|wifi|signal|reception|show|book|team|ref|refs) (is|was|are|'s|has been|were) \w*\s?(terrible|awful|brutal|horrible|bad|crazy|killing|a nightmare|nightmare|the worst|ridiculous|insane|annoying)|\bnot (disappointed|upset|frustrated|annoyed|a problem|unhappy)\b|\b(worst|horrible|terrible|awful|brutal) (storm|weather|traffic|winter|summer|heat wave|cold|flu|week|day|movie|game|commute|drive|flight|hair day)\b|\b(frustrated|annoyed|upset|fed up) with (my|the) (car|kids|kid|traffic|weather|phone|computer|job|boss|dog|neighbor|neighbors|bank|airline|cable company)\b", NEGATIVE_NOT_FRAMES].join("|"),
    ),
    complaint_target: re(
        r"\b(you|your|you're|yall|company|service|office|agency|team|technician|tech|staff|guy|people|appointment|bill|claim)\b",
    ),
    compliance_more: re(COMPLIANCE_FRAMES),
    compliance: re(
        r"\b((delete|erase|remove|wipe) (all )?(of )?my (personal )?(data|information|info|details)|what (personal )?(data|information) do you (have|keep)|copy of (all )?(the )?(data|information)|do not call (list|registry)|tcpa|(never|didn't|did not|don't|do not) (consent|agree)\w*|lawyer|attorney|legal action|lawsuit|\bsue\b|suing|(take|see) (you|them) (to|in) court|small claims|attorney general|bbb|better business bureau|licensing board|consumer protection|insurance commissioner|report(ing)? (you|this|them) to|fil(e|ing|ed) (a|an) (formal )?(complaint|report) (with|against)|hipaa|privacy|bind (the|my|it|coverage|a|this|that|today|now)|bound (before|today|by)|binder|(add|remove|put|take) (my |a |the |our )?(\w+ )?(\w+ )?(to|on|from|off) (the|my|our) (\w+ )?(policy|coverage|insurance)|add (a|another|my|the) (vehicle|car|truck|driver|teen|teenager)|(change|update) the (address|name|beneficiary|vin|garaging) on|(raise|increase|lower|drop|switch|change|reduce|bump) (my |the |our )?(\w+ )?(coverage|limits|liability|collision|comprehensive|deductible|dwelling|limit)|sr ?22|certificate of insurance|proof of insurance|declarations page (to|for)|needs the declarations|(file|open|start|report|make) (a|an|the|my) (\w+ )?claim|claim for|(was|were|got) in an accident|need to report|broke into|(send|fax|transfer|forward|release) (my |the )?(\w+ )?(x rays|xrays|records|chart|files|results)|records transferred|medical records|my diagnosis|diagnosis (from|results)|test results|biopsy|lab results over|(call in|refill) (a |my )?prescription|prescription for me|credit card number|card number|social security|my social is|\bssn\b|routing number|bank account|\d{4} \d{4} \d{4} \d{4}|\d{3} \d{2} \d{4}|gas leak|smell gas|carbon monoxide|\bco alarm|sparks (coming|from)|recording (this|the|our|my)|being recorded|be recorded|to recording|cancel(l?ing)? (my|the|our) (\w+ )?(policy|homeowners|coverage)|cancel my \w+ policy)\b",
    ),
    // Asking what a change would cost is not asking for the change.
    compliance_not: re(
        &[r"\b((cost|costs|more|price|charge) to (raise|add|increase|lower|drop|remove|change|switch) [\w ]+|raise my [\w ]+ (cost|price)|(premium|cost|price|rate|payment|charge) [\w ]{0,30}\bif (i|we) (add|remove|raise|drop|lower|change|switch|increase) [\w ]+)", COMPLIANCE_NOT_FRAMES].join("|"),
    ),
    rejection_more: re(&[REJECTION_FRAMES, REJECTION_FRAMES_5].join("|")),
    rejection: re(
        r"\b(not (moving|going) forward|not (going to|gonna) (move|go) forward|won't be moving forward|(decided|deciding|chose|chosen) to pass|(going|gonna) (to )?pass on (it|this|that|the \w+)|(decided|decide|deciding) (not to|against)|won't be needing|no longer need|(don't|do not) need (you|your services?|your help) anymore|close (out )?(my|our) (account|file)|(went|going|go|gone) with (another|someone else|a different|a competitor|the other)|(hired|chose|signed with|picked) (another|someone else|a different|a competitor|a new)|found (someone else|another|a new (dentist|doctor|agent|provider|company|practice|plumber))|not interested|no longer interested|cancel(l?ing)? (my|the|our) (\w+ )?(policy|plan|membership|service|account|contract|agreement|subscription|homeowners|coverage)|please cancel,? (we're|we are|i'm|i am) not|(switching|switched|moving|moved) (to|our|my) (\w+ )?(carrier|carriers|agency|provider|providers|insurance|business)|switching to \w+|switched carriers|taking my business elsewhere|going elsewhere|transferring to (a|another) (different )?(practice|office|agency|provider)|(we'll|we will|we're going to|i'll|going to) pass( on (it|this|that|the \w+|your \w+)| thanks| but|$)|going (a|in a) different direction|the answer is no|it's a no|we're done|not doing (it|this|business)|want out of|(don't|do not) want (it|your|the|this|any) (service|services|plan|anymore|help)|don't want your service|(switched|changed) providers)\b",
    ),
    opt_out_keyword: re(
        r"^(stop|stopall|stop all|unsubscribe|cancel|end|quit|revoke|optout|opt out|stop stop stop|stop please|please stop)$",
    ),
    opt_out: re(&[
        r"\b(stop (texting|messaging|calling|contacting|sending|emailing|reaching out|all texts|the texts)|stop all (texts|messages|calls)|quit (texting|calling|messaging)|(don't|do not|dont) (text|call|message|contact|email|send|reach out to) (me|us|this number|any more|anymore|again)|(don't|do not) (text|call|message|contact) me|(remove|delete) (me|my number|this number|my email|my info) (from|off)?|remove (me|my number|this number)|take (me|this number|my number) off|unsubscribe|opt (me )?out|no more (texts|messages|calls|emails|marketing)|(don't|do not) send me any more|(don't|do not) want (any )?(more )?(texts|messages|calls|emails) (from you|anymore)|leave me alone|lose my number|do not call (list|registry)|enough with the (texts|calls|messages)|stop contacting|please stop (texting|calling|messaging|contacting|reaching out))\b",
        OPT_OUT_FRAMES,
    ]
    .join("|")),
    human: re(&[
        format!(
            r"\b((talk|speak|chat) (to|with) (a |an |the |some |your |my )?{PEOPLE}|(let me|can i|could i|may i|i want to|i'd like to|i would like to|i need to|i wanna) (talk|speak|chat) (to|with) \w+|(have|get|can|could|would|will) (someone|somebody|a person|a human|a real person|the office|the owner|the manager|my agent|my account manager|your manager|dispatch|the \w+|\w+) (from the office |from your office |there )?((call|ring|phone) me|reach out|give me a (call|ring))( back)?|call back from a|call from a (live|real|person|human)|a (live|real) agent|transfer me|connect me (to|with)|put me through|put (your|the) (manager|supervisor|owner) on|get me a (manager|person|human|supervisor|real person)|is there (a person|anyone|someone|a human) (i can|to|there i can) (call|talk|speak)|(discuss|talk about) this with a person|with somebody in person|someone who can actually help|(anyone|someone|somebody|a person) (there )?i can (actually )?(talk|speak) to|i need a (human|person|real person)|(get|need|want|like|request) a call back|(someone|somebody|a person|a human|the manager|the office|my agent|the doctor|the dentist) to (call|phone|ring|contact|text) (me|us)|put (a|the|your) (human|person|manager|supervisor|someone|somebody|owner) on|get me (your|the|a) (supervisor|manager|person|human|owner|agent|boss)|get (a|the) (human|person|real person|manager|supervisor|someone|somebody) on the (line|phone)|(want|need|prefer) (a|an) (real |actual |live )?(person|human|agent) to (handle|help|look|deal|take|call)|(discuss|talk about|go over|talk through) (this|it|that) with (someone|somebody|a person|a human|an agent)|(is|isn't) (there )?(anyone|anybody|someone|somebody) (there )?who can (actually )?help|(someone|somebody) (call|phone) me|please have (someone|somebody|the \w+( \w+)?) (call|reach out|contact))"
        ),
        HUMAN_FRAMES.to_string(),
    ]
    .join("|")),
    human_not: re(
        &[r"\b(((let me|can i|could i|may i|i want to|i'd like to|i would like to|i need to|i wanna|i'll|i will|i have to|i gotta) )?(talk|speak|chat) (to|with) (you|my (wife|husband|spouse|partner|son|daughter|mom|dad|mother|father|roommate|landlord|family|boss|kids))\b[\w ]*|(do|should) i call you or (will|would|does|should) (someone|somebody|you) call me|(waiting|waited|wait) (\w+ ){0,3}for (someone|somebody|a person|the \w+|your \w+) to (call|phone|contact|text|get back)[\w ]*|(got|had|received) a call back from [\w ]+)", HUMAN_NOT_FRAMES].join("|"),
    ),
    human_alone: re(
        r"^(agent|representative|rep|operator|human|a human|a person|real person|live person|person)( please)?$",
    ),
    bot: re(
        r"\b((are|r) (you|u)|is (this|it|that|there|someone|a real)|am i|who am i|is a (real|live))\b.{0,40}?\b(bot|robot|chatbot|ai|a i|machine|computer|automated|auto reply|recording|program|chatgpt|virtual assistant|real person|real human|actual person|actual human|live person|human|person typing|actually typing|reading these|reading this)\b|\bare you one\b|\b(ai|bot|robot|automated) or (human|a human|person|a person|real)\b|\bor (a |an )?(bot|robot|computer|automated|ai)\b|\bsound like a (robot|bot)\b",
    ),
    bot_not: re(BOT_NOT),
    contract_not: re(CONTRACT_NOT),
    competitor: re(COMPETITOR),
    competitor_not: re(COMPETITOR_NOT),
    compliance_asked: re(COMPLIANCE_ASKED),
    help: re(r"^(help|info)( please| me| me please)?$"),
    confusion: re(
        r"\b(confused|confusing|(don't|do not|didn't) understand|don't get it|what do you mean|not what i was told|that's not what|i thought (the|it|you|we|my|i had|i was|that)|(never|didn't|did not|haven't|have not) (got|get|gotten|receive|received)|where's the (confirmation|paperwork|email)|which (address|office|one is it|is it|policy|bill|visit|appointment|\w+ is this)|(no idea|don't know) what (this|you|that)|didn't sign up|what is this (for|regarding|about)|is this for me|(nobody|no one) (said|told)|supposed to (do|pay|sign|go|bring)|i'm lost|wrong (date|time|address|amount)|why (is|was|were) my|why was i|without asking|what's going on|\bhuh\b|(the|this) (bill|invoice|charge) (is|for|on)|is that right)\b",
    ),
    exception: re(&format!(
        r"\b((need|have|want|going) to cancel|cancel (my|the|our|tomorrow's|\w+'s) {VISIT}|(my|the|our) (\w+ )?{VISIT} (was|got|has been) (cancelled|canceled|moved|changed)|changed my appointment|postpone|push (it|the \w+( \w+)?|things) back|push it|move (it|the \w+|my \w+|our \w+) (to|back|up|out)|can we move it|bump (it|the)|reschedule|different (day|time|date)|change the (time|date|day|effective date)|(can't|cannot|won't be able to) make it|can't make (it|the)|won't be (home|there|around)|something came up|conflict|called me in|delay|hold off on|pause the|wait until|out of town|(didn't|did not|never) show|(no one|nobody) (came|is here|showed|has shown)|missed (the|our|my) {VISIT}|(wasn't|weren't) home|date change|wrong date)\b"
    )),
    service: re(&[
        r"\b(not working|stopped working|(won't|doesn't|isn't|wont|will not) (turn on|start|work|stop|drain|flush|heat|cool|working|right)|broken|broke|leak|leaks|leaking|backing up|clogged|tripping|keeps (resetting|tripping|running|shutting|turning|going|beeping)|making a (\w+ )?(noise|sound)|(grinding|clicking|banging|rattling|buzzing|squealing|humming|weird) (noise|sound)|burning smell|smell from|no (heat|hot water|cooling|cold air|power)|blowing (warm|hot|cold) air|water (all over|on the floor)|is dead|still (isn't|not|doesn't|hurts|having|hurt)|fell out|hurts|hurt|pain|bothering|swelling|side effects|(wasn't|not) done right|without finishing|crack in|no update|never showed|wrong (vehicle|name|car)|didn't go through|late notice|only lasts|rude|disrespectful|condescending|mud|waited an hour|(nobody|no one) showed|isn't fixed|same (\w+ )?(problem|issue)|problem with|issue with|horrible since|handled|for weeks|callback|call me back about|acting up|cuts (out|off)|won't (kick|come|turn) on|pooling|(a |the )?drip (under|from|in)|keeps (popping|flickering|dripping|leaking|cycling|clicking|freezing|failing)|runs out (after|fast|quickly)|blowing (lukewarm|warm|room temperature)|runs all (night|day)|flicker\w*|(still )?aches|(feels|feel) (loose|off|weird|wrong|tight|high|sharp|sore)|(still )?bleeding|came (off|loose)|(doesn't|does not|don't|won't) fit (right|well|anymore|any more|properly)|dizzy|(hasn't|has not|haven't|have not) (gone away|cleared up|gotten better|improved|called (me )?back)|(still )?(hasn't|has not|haven't|have not|never) (arrived|come through|gone through|shown up)|(is|are|feels|got|gotten|getting) worse (than|since)|never went through|wrong (address|name|info|information|date|amount|birthday|vin) on|same thing (it did|as before|again)|never gets (warm|cool|cold|hot)|makes? (a |an )?(\w+ )?(rattl\w*|grind\w*|click\w*|bang\w*|buzz\w*|squeal\w*|whistl\w*|noise|sound))\b",
        SERVICE_FRAMES,
    ]
    .join("|")),
    service_not: re(
        r"\b(no problems?|not a problem|no complaints|can't complain|killing (me|time)|feet are|working (great|fine|well)|running fine|no issues|gas leak|broke into|timing (just )?(isn't|is not) right|(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|that|that time|that day|this week|next week|morning|mornings|afternoon|afternoons|evening|evenings|noon) (just )?(doesn't|does not|won't|isn't going to) work|doorbell (is )?broken)\b",
    ),
}
});
