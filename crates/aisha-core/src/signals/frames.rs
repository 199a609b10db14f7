//! The third round of frames (issue 12): each signal's frames written as structures over word
//! forms — who decides, what is doubted, who is the target — rather than as the phrases of a
//! corpus. Each constant is one alternation joined to the rule of the same name in `rules.rs`
//! and runs on [`super::rules::clean`] text.

/// The people who can hold up a decision besides the customer (a macro: `concat!` takes
/// only literals).
macro_rules! deciders {
    () => {
        r"(wife|husband|spouse|partner|son|daughter|mom|dad|mother|father|parents|roommate|landlord|landlady|property manager|hoa|board|boss|accountant|family|fiance|fiancee|other half|better half|business partner|co owner|co signer|management|building manager)"
    };
}

pub(super) const OBJECTION_FRAMES: &str = concat!(
    // an existing provider: a relative in the trade, a provider "for that", insured elsewhere
    r"\b((my|our) (brother|sister|cousin|uncle|aunt|dad|father|son|friend|neighbor|buddy|brother in law|sister in law|father in law|son in law)( in law)? (is|'s) (a|an|my|our) (plumber|electrician|contractor|handyman|dentist|doctor|agent|broker|hvac tech|tech|roofer|nurse)",
    r"|(we|i) (use|have|'ve got|got) (a |an |the |our |my )?[\w ]{0,20}\b(company|guy|service|plumber|electrician|contractor|handyman|warranty) for (all|everything|that|this|those)\b|(we|i) use \w+( \w+)? for (all (of )?(our|my)|everything)",
    r"|(have|has|got) (a|an|our own) [\w ]{0,15}\b(contractor|guy|company|handyman|plumber|electrician|service|dentist|agent) (that|who) (handles|does|takes care of|covers)",
    r"|already (insured|established|a patient) (with|through|at|somewhere)|already (a patient|established|insured) (with|at) (a|an|another|a different)|(currently|already) (insured|covered) (through|with|by) (my|our|another|a different)",
    r"|(insured|covered|coverage|insurance) (through|from|at) (my|our|his|her) (\w+ )?(job|work|employer|union)",
    r"|(get|gets|have) (our|my) (coverage|insurance|dental|policy) (through|from|at)",
    r"|can't beat (them|their (price|prices|rates|service))|(i'll|we'll|i will|we will|gonna|going to) (stay|stick) with (her|him|them)$",
    r"|(we|i) (already |usually |always )?go to (the|a) (clinic|dentist|doctor|practice) (near|by|across|close to)",
    r"|(kids|family|son|daughter) (already )?(have|has) (a|an|their|his|her) (own )?(dentist|doctor|pediatric|pediatrician|orthodontist)",
    // timing
    r"|(now's|now is) not (great|good|ideal|a good time|the time)",
    r"|bad timing|(table|shelve) (this|it|that)",
    r"|(hold|holding) off (for now|for the moment|for a while|on (it|this|that|the \w+)$|until (tax season|the new year|next|after|spring|summer|fall|winter|january|february|march|april|may|june|july|august|september|october|november|december|we))",
    r"|(wait|waiting) (until|till) (after (we|the|i|our)|tax season|the new year|next (year|month|season|spring|summer|fall|winter)|we (close|move|sell|refinance|get paid|hear|save))",
    r"|check back (with (me|us) )?(in|next|after|around|later)|(call|ping|text|reach out to|contact) (me|us) (back )?(in|next|after|around) (january|february|march|april|may|june|july|august|september|october|november|december|the (spring|summer|fall|winter|new year)|a (few|couple) (months|weeks)|next (year|month|season|spring|summer|fall|winter)|six months|a month)",
    r"|reach out when (i'm|we're|i am|we are) ready|(i'm|we're|i am|we are) not ready (to (do|commit|decide|sign|buy|go|move)|for (that|this|it))|not at this (point|time|moment|stage)|(maybe|possibly|someday|eventually) down the road|give (me|us) (a few|a couple|some) (more )?(months|weeks)",
    // a third party decides
    r"|(my|our|the) (\w+ )?",
    deciders!(),
    r" (would|will|has to|needs to|need to|would need to|would have to|must|have to|gets to) (approve|sign off|okay|ok|decide|agree|say yes)",
    r"|(that's|it's|that is|it is|that's really|it's really) (up to|on) (my|our|the) (\w+ )?",
    deciders!(),
    r"|(need|needs|get|have to get|has to get|gotta get) (my|our|the) (\w+ )?",
    deciders!(),
    r"('s)? (ok|okay|approval|permission|blessing|sign off|go ahead|say so|input)",
    r"|(approved|signed off|okayed|ok'd) by (my|our|the) (\w+ )?",
    deciders!(),
    r"|(it's|its|it is) (my|our) \w+('s)? (house|place|car|home|property|policy|building|money|call|decision) (so )?(she|he|they) (decides|decide|makes the call|has the final say|have the final say)",
    r"|so (she|he|they) (decides|decide|makes the call|has the final say|have the final say)|(final say|the final word|call the shots)",
    // budget
    r"|(out of|outside|above|beyond|over) (my|our) (price range|budget|means|range)|fixed income|(spent|spend|spending|dropped) (a fortune|a ton|a lot|a bunch|so much|too much) (on|already|last)",
    r"|(don't|do not|didn't) have (that kind of|that much|the|enough) (money|cash|funds)|(more|higher) than (the \w+|it|that) (is|'s) (even )?worth",
    r"|(pricier|more expensive|higher|steeper) than (i|we) (was |were |am |are |had )?(hoping|hoped|figured|thought|expected|budgeted|planned|wanted)",
    r"|(wasn't|weren't|was not|were not) expecting (it|that|the \w+) to be (that|so|this) (high|much|expensive|pricey|steep)",
    r"|(hard|tough|difficult) to justify|(big|huge) chunk of (change|money)|(we're|i'm|we are|i am) (kind of |kinda |pretty |a bit |a little |really )?(strapped|broke|tapped out|stretched thin)|save up (for|first)",
    // doubt of need
    r"|(old one|the old \w+) still (works|runs)|(it|that|this) still (works|runs) (fine|ok|okay|just fine) (though|so|honestly)|(just )?live with it (for now|a while|a bit longer)|can't (i|we) just live with|(it's|it is) not (that|so|really that) bad( honestly)?$",
    r"|padding (the|my|your) (bill|invoice|quote|estimate)|(just |only )?(trying to )?(sell|selling|upsell|upselling) me|ain't broke|take (my|our) chances|(gotten|got|get|getting|gone) (by|along) (just )?(fine )?without",
    r"|why (would|should) (i|we) (pay|spend|buy|need|bother)|so why (pay|bother|spend)|why pay for",
    r"|(never|didn't|did not|never once) (said|say|told me|tell me|mentioned|mention) (i|we) (needed|need)|(told|said) (me |us )?(that )?(i|we) (don't|didn't|do not|did not) need",
    r"|(doubt|don't think|do not think) (i'd|i would|we'd|we would|i'll|we'll) (ever )?(use|need)|seems? (pointless|unnecessary|excessive|like overkill|like a waste)|pointless",
    r"|(is|are) (this|that|it|all this|all that) (really|actually|even) (needed|necessary|required)",
    // a competitor
    r"|(better|lower|cheaper) (rate|price|quote|deal|offer) (online|elsewhere|somewhere else|down the street)|(saw|found|seen|got) (a )?(better|lower|cheaper) (rate|price|quote|deal|offer)",
    r"|(they|he|she|they'll|they'd|he'd|she'd|guy|company|competitor|place|someone|somebody) (\w+ )?(will |would |can |could )?do it for (half|less|way less|a lot less|cheaper)|down the street (does|charges|quoted|will)",
    r"|(other|another|different) (place|dentist|doctor|company|guy|office|shop|agent|agency|carrier|plumber|contractor|clinic|practice)( i| we)?( \w+)? (quoted|offered|charges|gave (me|us) (a )?(better|lower|cheaper))",
    r"|(current|old|other) (company|carrier|agent|provider|dentist|plumber) (gave|offered|quoted) (me|us) (a )?(better|lower|cheaper)",
    // deliberation
    r"|get back to you (on|about) (that|this|it)$|time to (process|digest|look into|research)|weigh(ing)? (my|our|the) options|(do|doing) (some|my|a little|more|a bit of) research",
    r"|(haven't|have not|not) (made up|decided) (my|our) (mind|minds)|(haven't|have not) decided( yet)?$|still (deciding|thinking (it|this) (over|through)|on the fence|undecided)",
    r"|(a|one|another) (week|few days|couple (of )?(days|weeks)) to (decide|think|consider)",
    // more frames in everyday words
    r"|not sure (if )?(we|i) (really |even |actually )?(need|want) (it|that|this|one|all that|all this|the (plan|service|upgrade|coverage|policy|treatment|procedure|membership|warranty|crown|cleaning|x rays|extra \w+)|a new \w+|\w+ coverage|to (spend|replace|upgrade|switch))\b|(check|look at|see|think about) (my|our) (budget|finances|bank account)|(found|saw|got|can get|get) (it|one|that|the same thing) (cheaper|for less)|cheaper (on|at|from|through) \w+",
    r"|(other|another|the other) (guy|company|place|shop|agent|agency|dentist|office|carrier|contractor|plumber) (was|were|is|came in) (lower|cheaper|less)",
    r"|(that's|thats|that is|it's|its) (kind of |kinda |a bit |a little |pretty |really |way |super |so )?(steep|pricey)|(kinda|kind of|a bit|a little|pretty|really|way) (high|much)$",
    r"|(by|with|from) (someone|somebody) else",
    r"|wait (till|until|for) it (breaks|dies|goes|stops|quits|gets worse|actually breaks)|maybe (another|some other) time|(i'm|we're|i am|we are) not ready to (make|commit|decide|pull)",
    r"|timing (just )?(isn't|is not|'s not|is not) (great|good|right|ideal)|(over|above|more than) what (we|i) (budgeted|planned|can spend|wanted to spend|had in mind)",
    r"|(i'd|i would|i'll|i will|we'd|i|we|gotta|got to) (have|need|got) to ask (my|our) ",
    deciders!(),
    r"|\bdiy\b|(do|fix|handle) (it|that|this) (myself|ourselves)|(said|says) (he|she|they) (can|could) (fix|do|handle|take care of) (it|that|this)",
    r"|(good|fine|all set|set|ok|okay) with (our|my) (current|regular|usual|own|old) (\w+ )?(guy|company|provider|dentist|doctor|agent|plumber|electrician|carrier|contractor|insurance|practice|agency|people)",
    r"|(makes|decides|handles|takes care of) all (that|those|this|the) (stuff|decisions|money stuff)?|(makes|decides|handles) (that|those) (stuff|decisions|things)|(makes|decides|handles|takes care of) (all )?(that|those|this)$",
    r"|(stick|stay) with what (i|we) (have|got|already have)|(just )?getting (some )?quotes|comparing (quotes|prices|options|rates)|shopping (around|rates)",
    // price shock: the amount heard and refused
    r"|(crazy|nuts|insane|wild) (for|to pay|to charge|money|expensive|pricey|high)|(price|prices|cost|quote|estimate|number|premium|rate|bill) (is|was|seems) (just |kind of |pretty |a little |so |totally )?(crazy|nuts|insane|wild|ridiculous)|highway robbery|a rip ?off|too rich for|no way (i'm|i am|we're|we are|i'd|we'd) (paying|going to pay|spending)|(not|never) (going to )?(pay|paying|spend|spending) (that|that much|so much|\w+ (hundred|thousand|grand|bucks|dollars))",
    r"|(more|higher) than (my|our) (car payment|mortgage|rent)|(yikes|whoa|woah|jeez|geez|wow|oof|ouch|holy cow|dang|damn)[\w ]{0,12}\b(that's|its|it's|that is) (a lot|steep|high|pricey|expensive|more than)|(pass|hold off) for now",
    // the same frames with the hedges people put inside them ("don't really have the money")
    r"|(coverage|insurance|plan|warranty|something|stuff|things|extras) (i|we) (won't|don't|will never|never|wouldn't|probably won't) (use|need)",
    r"|(i'll|we'll|i will|we will|i'd rather|we'd rather|i want to|we want to|going to|gonna) (just )?(keep|stay with|stick with) (my|our) (current|existing|old|own|regular) ",
    r"|(i'd|we'd|i would|we would) rather (just )?(pull|patch|repair|fix|extract|keep|go with|do a)|(just )?(patch|repair|fix) it instead|patch it (up )?(for now|instead)",
    r"|(can|could) (i|we) (just )?wait (on|with|a bit|a while|until|till)|(going to|i'll|we'll|want to|i want to|i'd like to|i'm going to|we're going to) (just )?wait (on|with) (that|this|it\b|the (crown|filling|install|installation|replacement|upgrade|repair|treatment|procedure|plan|policy|new \w+))",
    r"|(don't|do not) have (dental |health |any |home |auto )?insurance so|only \d+ years old|(shouldn't|should not) need (replacing|to be replaced|a new)",
    r"|(sounds|seems|looks) (kind of |kinda |a bit |a little |pretty |really |way )?(expensive|pricey|steep|like a lot|high|much)|a bit much",
    r"|(talk|discuss|run|check) (it |this |that )?(over )?with (my|the) (wife|husband|missus|mrs|old lady|old man|boss|family|partner|spouse|landlord)",
    r"|get back to you (next|in a|in|after|tomorrow|later|once)|second (quote|estimate|bid)|(last|other|previous) (guy|tech|company|dentist|doctor|plumber|electrician|contractor|agent) (said|told me|told us) (it was|it's|it is|they were|we were|it looked|everything was) (fine|ok|okay|good|alright)",
    r"|(don't|do not|didn't) (really |even |actually )?have (the|that kind of|that much|enough|the extra) (money|cash|funds)|tight budget|on a budget|budget (is|'s) tight",
    r"|(your|the) (prices?|rates?|quote|estimate) (are|is|seem|seems|was) (way |a lot |much )?(higher|more|steeper) than|(you|you guys|y'all) are (too |really |so |kind of )?(expensive|pricey|the most expensive)|heard (you|you guys|y'all) (are|were) (expensive|pricey)",
    r"|not sure about (this|that|it)( honestly)?$|(don't|do not) (really )?want to (commit|sign|be locked|get locked|be tied)|(locked|tied) (into|in to|down)",
    r"|worried (it'll|it will|that it|it might|it's going to)|(afraid|scared) (it'll|it will|that it)|(don't|do not) trust (these|those|this|that|extended|warranties|your|you|the)|sales (pitch|tactic|tactics)",
    r"|(see|read|check) (the |some |your )?reviews (first|before)|(don't|do not) (really )?need (a|the|this|that|your|any) (\w+ )?(plan|warranty|membership|coverage|upgrade|policy|insurance)",
    r"|(my|our) (agent|guy|plumber|dentist|company|brother|friend|cousin|uncle|dad) can do it (cheaper|for less)|can get it (done )?(for less|cheaper)|(it's|it is) cheaper to (just )?(buy|get|replace|do)",
    r"|(see|check|find out) what (my|the) insurance (covers|will cover|pays)( first)?|check with my insurance first",
    // a bad past experience
    r"|ripped (us|me) off|(got|been|was|were|get) burned (before|on|by|last)|bad experience (with|last)|(heard|read|seen) (mixed|bad|not great|some bad|terrible|not good|mixed things|bad things)",
    r"|reviews (aren't|are not|weren't|were not) (great|good|the best)|reviews are (mixed|bad|not great|terrible)|(mixed|bad) reviews|(so|which is why|that's why) (i'm|i am|we're|we are) (careful|cautious|hesitant|wary|skeptical|leery|gun shy)|\bwary\b|leery|gun shy)\b",
);

pub(super) const OBJECTION_NOT_FRAMES: &str = r"\b(((going to|gonna|i'll|we'll|i will|we will|probably|i think i'll) (just )?)?wait (on|in|at|outside|by) the (driveway|porch|curb|street|front|car|lobby|door|corner)|(nervous|worried|hesitant|anxious|scared) about [\w ]{1,30} but (i'll|i will|we'll|we will|i'm|we're|i am|we are) (be there|come|do it|go ahead|still)|on the fence (thing|line|issue|project|repair|install|quote|post|posts|gate|job|boards)|(use|used|have) (the|our|a) (side|back|front) (door|gate|entrance) for|live with (my|our|his|her) (mom|dad|parents|family|son|daughter)|not that bad (of a|a) (drive|walk)|still works (fine|great|perfect)[\w ]{0,10}(thanks|since|after)|give (me|us) (a few|a couple|some) (minutes|mins|min|seconds|hours)|((i'd|i would|i'll|i will|we'd|i|we|got to) (have|need|got) to )?ask my \w+ (about |for )?(when|what time|which day|what day|the code|the gate|if (she|he|they) (can|could|will|is|are)))\b";

pub(super) const NEGATIVE_FRAMES: &str = concat!(
    // contempt for the business or its people
    r"\b((you|you guys|you people|y'all|yall|your (\w+ )?(people|staff|office|company|team|service|work|techs|crew)|this (company|place|office|agency|practice)) (are|is|was|were) [\w ]{0,20}(clowns|amateurs|idiots|morons|crooks|liars|thieves|con artists|a joke|garbage|trash|a mess|a total mess|a disaster|hopeless|clueless|a disgrace|crap|crappy|lousy|shady|sketchy|a scam)",
    r"|bunch of (amateurs|idiots|clowns|crooks|liars|morons|thieves)|clueless|crooks|\bshady\b|garbage (service|work|company)|(service|work|job) (is|was) (garbage|trash|crap)",
    // exasperation
    r"|are you (kidding|serious|joking)|(you've|you have)? ?(got|gotta) to be kidding|kidding me|losing my patience|lost my patience|(had|have had|i've had) it with|(at|at the) (my|the) wits end|wits end|(this|that) is getting old|absurd|unbelievable|ridiculous",
    r"|(been|i've been|we've been|have been) waiting (all day|all morning|all afternoon|for hours|hours|forever|over an hour|since|(\w+ )?(hours|days|weeks))|why (is|isn't|is there) (nobody|no one|anyone|not anyone) (answering|picking up|calling|responding|here)",
    r"|(nobody|no one) (is|'s) (coming|showing up|answering)( then)?$",
    // disappointment
    r"|(let|letting) (me|us) down|let down by|(really|very|so|feel|felt) let down|expected (a lot |much |way |so much )?better|not (impressed|satisfied|pleased|happy)|unimpressed|dissatisfied|sloppy|shoddy|sub ?par|mediocre",
    r"|(poor|bad|lousy|shoddy|terrible|awful) (quality|service|work|job|communication|customer service|workmanship)|(quality|workmanship|communication) (was|is|has been) (poor|bad|lousy|terrible|awful|lacking)",
    // complaints about staff
    r"|hung up on (me|us|my)|(short|rude|snippy|snotty|curt|nasty|impatient) with (me|us|my)|dismissive|(treated|talked to|spoke to|looked at) (me|us) like (i|we) (was|were|am|are) (stupid|an idiot|dumb|a child|idiots|nothing|garbage|trash|a number|crazy)|(treated|talked to) (me|us) like (an idiot|a child|garbage|dirt|a number|crap|trash)|(lied|lying) to (me|us)|(flat out|straight up|outright) lied",
    r"|(didn't|never|nobody|no one|not one person) (even )?(bothered|bother|cared enough) to|(nobody|no one) (even )?(apologized|bothered)|(nobody|no one) (ever|even) (called|followed up|got back)",
    // threats to leave or to review
    r"|(one|1|zero|0) star|(bad|negative|scathing|honest|terrible) review|(post|posting|put|putting) (this|it) on (facebook|yelp|social media|twitter|instagram|nextdoor|reddit|tiktok)|going on (facebook|yelp|nextdoor|reddit|social media) (about|with)",
    r"|\b(sucks|suck|smh|wtf|bullshit|bs)\b|not cool|(want|need|give me|demand) (my|a) (money back|refund)|(so|really|very) (mad|angry|upset)|mad (at|about) (you|this|your|how)|never again|(messed|screwed) (up|this up|it up)",
    r"|(you|your \w+|the \w+|they|he|she) (ruined|damaged|scratched|stained|wrecked) (my|our|the)|(left|made) (a|such a|a huge|a big) mess|no call no show|no show no call|(lost|losing) (a|my|our|another) (day|whole day|morning|afternoon) (of work|waiting)",
    r"|^seriously\b|(didn't|did not|never) (even )?(apologize|apologise|say sorry)|(thanks for|you're|you are|stop) wasting|wast(ed|ing) my (whole |entire )?(day|saturday|sunday|morning|afternoon|time|weekend|money)",
    r"|on hold (for )?(\d+|an|over|almost|nearly|like|forty|thirty|twenty|fifty|sixty|\w+ty)|can't believe how (bad|rude|long|slow|terrible|awful|unprofessional)|(was|were) (so |really |very |way too )?rough (with|on)|so rough|(hygienist|tech|technician|dentist|doctor|nurse|assistant|he|she|they) (was|were) (\w+ )?rough",
    r"|(feel|felt|feeling) (so |really |totally )?(cheated|scammed|misled|ignored|disrespected|taken advantage of|lied to|ripped off)|(leave|write|post|leaving|writing|posting) (a |an )?review (about|on) (this|you|your|how)",
    r"|(complete|total|absolute|utter) (disaster|mess|joke|nightmare|waste)|never (coming|going|using|calling|recommending) (back|you|here|with you|your)|(this|that|it) is not (ok|okay|acceptable|right|fair)",
    r"|how hard is it to|is it (that|so|really that) hard to|too much to ask|what('s| is) wrong with (you|your|y'all)|are you (even )?listening|(sick|tired) of (this|it|you|your|the|waiting|\w+ing)",
    r"|(i'm|i am|we're|we are) (so |really |very |pretty |super |getting )?(mad|angry|upset|irritated|aggravated|fuming|heated|ticked off|ticked|pissed)|irritated|aggravated|fuming|ticked off",
    r"|just what i needed|(oh|wow|gee|great|perfect) (great|perfect|wonderful|fantastic|lovely|awesome|thanks|cool)[\w ]{0,6}\b(another|so|now|more|they|nobody|no one|again|for nothing)|(love|loving) (that|how|it when) (nobody|no one|you|i have|i had|i get|the|your|y'all)|gee thanks|wow thanks",
    r"|lost (a|my|our|yourself a) (customer|client|patient)|(warn|warning) (everyone|everybody|all my|my friends|the neighborhood|people)|(everyone|everybody) (i know )?(hears|will hear|is going to hear) about|never (using|use|coming|come|going) (you|back|here|with you) again|real professional",
    r")\b",
);

pub(super) const NEGATIVE_NOT_FRAMES: &str = r"\b((sick|tired) of being sick|(love|loving) (that|how) (you|y'all|your)[\w' ]{0,60} (nice|great|helpful|thoughtful|sweet|kind)|killed it|no worries|is (a|such a) (real |huge |big )?pain|((i'm|i am|we're|we are) )?(so |really |kind of )?(mad|angry|upset|annoyed|frustrated|irritated) (at|with) (myself|my (dog|dogs|kids|kid|husband|wife|car|phone|son|daughter))|(sick|tired) of (this|the|all this|all the) (rain|cold|heat|snow|weather|wind|traffic|winter|summer|humidity|storm|storms|flu)|unbelievable (deal|job|work|service|price)|(not|never) (been )?(disappointed|let down)|absolutely unbelievable how (quick|fast|good|great|nice)|(review|reviews) (were|are) (great|good|amazing)|(leave|leaving|write|writing) (a|an|you a) (good|great|five star|5 star|positive) review|five star|5 star)\b";

pub(super) const COMPLIANCE_FRAMES: &str = concat!(
    // data and privacy
    r"\b((how|where) did (you|y'all|your company) (even )?(get|find) my (number|info|information|email|address|name)|(who|whom|what companies) (did|do|have) you (share|sell|sold|give|given|shared)",
    r"|(share|sell|sold|shared|give out|selling|sharing) (my|our) (info|information|data|number|details|records|email)|(everything|all|what) you have (on file )?(about|on) me|erase (my|our) (account|profile|records|file)",
    r"|(ccpa|gdpr)|(delete|erase|wipe) my (account|profile)|data sharing|(share|sharing|sell|selling) my data|(dispute|disputing) (it|this|the|a) ?(charge)?|chargeback|charged without my (permission|consent|authorization|ok)|unauthorized (charge|transaction)",
    r"|(i need to|want to|have to|got to|i'd like to|gotta) file( (a|an) (\w+ )?(claim|report))?$|prescribe|refill (on |of |for )?(my |the )?(meds|medication|medicine|prescription|pills|inhaler)|(never|didn't|did not) (gave|give|given) (you )?(my )?(permission|consent)|(take|get|remove) my (personal )?(info|information|data|details|number) (out of|off|from) (your|the) (system|database|records|list|file|files)|what (personal )?(info|information|data) do (you|y'all) have (on|about) me",
    // recording consent
    r"|(is|are) (this|the|this call|the call|you|this conversation|calls) (being )?(recorded|recording)|recording (me|this call|the call|our call|this conversation|our conversation)|consent to (being |be )?record",
    // legal and regulators
    r"|(getting|get|involve|involving|bring|bringing in) (legal|a lawyer|lawyers|an attorney|attorneys)|legal (department|team) involved|(state|dental|medical|licensing|nursing|contractor|contractors) (licensing )?board|department of insurance|insurance department|consumer affairs|\b(ftc|fcc|cfpb)\b|class action",
    // regulated acts in insurance
    r"|(swap|switch|replace|substitute|change) (it|the car|my car|the vehicle|the truck|my truck|\w+) (on|onto|to) (the|my|our) (\w+ )?(policy|insurance)|(traded|trade|trading) in (my|the|our) (car|truck|vehicle|suv|van)",
    r"|(coverage|limits?|liability|deductible|dwelling) (\w+ )?(bumped|raised|lowered|increased|decreased|dropped|changed|reduced) (to|up|down)",
    r"|(get|start|make|have|put) (my |the |our )?(coverage|policy|change|changes|it|this|insurance) (started|effective|active|bound|in force|in place)( today| now| right away| immediately)?|(start|begin) (my |the |our )?(coverage|policy) (today|now|tomorrow|right away)",
    r"|(change|update|add|remove) (my|the|our) (beneficiary|beneficiaries|named insured|lienholder|mortgagee|loss payee)|\bcoi\b|additional insured|named insured|(add|remove|drop) (my|a|the|our) (\w+ )?(driver|vehicle|car|truck)\b|take (my|the|our) (\w+ )?(driver|vehicle|car|truck) off",
    // health records and clinical acts
    r"|(send|email|fax|forward|transfer|release|mail|share|get) (a copy of )?(my |the |our |his |her )?(\w+ )?(records|chart|x rays|xrays|results|files|images|scans)\b",
    r"|copy of (my|the|his|her) (chart|records|file|x rays|xrays|results)|(up|raise|increase|lower|change|adjust|double) (my|the|his|her) (dosage|dose|medication|meds|prescription)",
    r")\b",
);

/// Only when asked: "did my biopsy come back?" asks for health information AiSHA may not give.
pub(super) const COMPLIANCE_ASKED: &str = r"\b((biopsy|blood test|blood work|bloodwork|labs?|tests?|mri|ct scan|scan|x rays?|pathology|culture|panel) (come|came|comes) back|what (did |does |do )?(my|the) (test|tests|labs?|results|biopsy|scan|mri|x rays?|blood work|bloodwork|blood test|chart|records|report|pathology)( \w+)? (show|showed|say|said)|my (\w+ )?results)\b";

pub(super) const COMPLIANCE_NOT_FRAMES: &str = r"\b(if (i|we) (file|make|open|report|put in) (a|an) (\w+ )?claim|(how much|what) (would|will|does|is) it (be|cost) to (add|remove|raise|lower|change|switch|increase|drop) [\w ]+|(my|our) (lawyer|attorney)('s)? (office|building|place) (is|next|across|by|near|on)|(results|it|they) came back (fine|good|great|normal|clear)|(share|send|email|forward) (my|the|our) (\w+ )?(photos|pictures|address|schedule|calendar|location)|(friend|friend's|dad|dad's|mom|mom's|brother|sister|wife|husband|neighbor|cousin|uncle|aunt)( \w+){0,2} (is |'s )?a (retired )?(lawyer|attorney)|(my|our|the) (lawyer|attorney) (has|had|reviewed|asked|read|said|needs|wants) (the|a|for|it)|(received|receipt of|confirmed|sent over|turnaround on|helping w|helping with|forwarded|thanks for|thank you for|thank u for) (the |a )?(\w+ )?(binder|coi|proof of insurance|dec page|declarations page)|binder (you sent|was (perfect|fine|great|good))|picked up (the|my) prescription|(right|correct) (bank )?routing number)\b";

pub(super) const REJECTION_FRAMES: &str = concat!(
    r"\b((end|terminate|discontinue|stop|close) (my|our|the) (\w+ )?(membership|service|services|subscription|plan|agreement|contract|policy|coverage|account)",
    r"|hard pass|(that's|it's|this is|that is|this isn't|that isn't) (not )?(really )?for (us|me)( thanks| thank you|$)|not for (us|me),? (thanks|thank you)",
    r"|(found|got|hired|went with|chose|picked|going with) (somebody|someone|a company|a guy|a place|an agent|a dentist) (cheaper|else|better|closer|local)",
    r"|(won't|will not|not going to|no longer) (be )?renew(ing)?|(don't|do not|please don't) renew|not renewing",
    r"|(go|going|gone|went|head|heading) (a|in a) different (way|direction|route)",
    r"|(don't|do not|no longer|won't) need (the|your|this|our|my) (\w+ )?(plan|service|services|policy|membership|coverage|help|contract) (anymore|any more|now)|sold (the|our|my) (house|home|car|business|property)",
    r"|cancel (everything|it all|all of it)|(moving|switching|going|changing|switched|moved|went) (over )?to (progressive|state farm|geico|allstate|usaa|liberty mutual|farmers|nationwide|travelers|safeco|lemonade|erie|amica)",
    r"|(i'm|we're|i am|we are) (cancell?ing|canceling)( (it|this|everything|the (service|plan|policy|membership|contract|subscription|account)|my (service|plan|policy|membership|contract|subscription|account)))?$|no longer want (the|your|this|our|my) (\w+ )?(service|services|plan|policy|membership|coverage|help)",
    r"|found (a|an) (cheaper|better|different|new) (company|guy|provider|plumber|agent|dentist|doctor|option|carrier|place|agency|practice)|(we're|i'm|we are|i am) switching (dentists|doctors|carriers|companies|agencies|providers|plumbers|practices|offices)",
    r"|(won't|will not|not going to|aren't going to|are not going to|not) (be )?(continuing|continue|proceed|proceeding)\b|(we're|i'm|we are|i am) moving on$",
    r"|(stay|stick) with (our|my) (current|existing) \w+ no thanks|decided to (stay|stick|keep|remain|go) (with|where|put|elsewhere)|want out of (this|the|my|our)|(take|taking) (our|my) business (elsewhere|somewhere else)",
    r")\b",
);

pub(super) const PRICING_FRAMES: &str = concat!(
    r"\b(payment options|(make|making|do|set up) (monthly )?payments|sliding scale|(is|would|will) (that|it|this|the \w+) (be )?(extra|additional)|cost (extra|more|anything)|(charge|fee) (extra|more) for",
    r"|what's the damage$|what (would|will|does|do|did) [\w ]{1,40} (run|go for|set me back|come to|come out to)$|(what's|what does|what do|what is|what are) [\w ]{1,30} go(ing)? for( these days| now)?$",
    r"|(any|are there|is there a|what are the|what's the) (hidden )?(fees|fee|charges|charge)|(is there|any|what's the) (a )?(trip|diagnostic|service call|call out|callout) (charge|fee)",
    r"|(what|how) (do|does|would) (you|y'all|you guys) (charge|bill)|ballpark (figure|number|price|estimate)",
    r")\b",
);

pub(super) const PRICING_NOT_FRAMES: &str = r"\b((do|should|can|would) (i|we) pay (the tech|the office|the front desk|at the|by card|online|with|in cash|when|there)|(is|was|has) (my|the|our) (\w+ )?(bill|invoice|balance|payment|premium) (been )?(paid|received|processed|through)|(estimate|quote) (said|says) [\w ]{0,12}(hours?|minutes|days|weeks)|(when|where|how) (is|do|does|can|should) (i |we )?(my|the|our)? ?(\w+ )?(bill|premium|payment|invoice|balance)( \w+)? (due|paid|sent|go|send)|(pay|paying) (my|the|this|our) (\w+ )?(bill|premium|invoice|balance)|bill (my |the |our )?insurance|(is|are) (my|the|our) (\w+ )?(premium|bill|payment|invoice) due|(the|your) (estimate|quote|price|proposal) (looked|looks|was|is|sounds|seemed|seems) (good|great|fine|fair|reasonable|ok|okay)|why (would|should|do) (i|we) (pay|spend)|(they|he|she|they'd|he'd|she'd|competitor|company|guys?) (said )?(they|he|she|they'd|he'd|she'd)? ?(would |will |could |can )?do it for less|(did|does|do|would) it for (half|less))\b";

pub(super) const HUMAN_FRAMES: &str = concat!(
    r"\b((please |can you |could you |can someone |somebody |someone |just )?(call|ring|phone) (me|us) (back\b|(back )?(when you get this|when you can|asap|as soon as|today|tomorrow|right away|please|now|directly))|^(please )?(call|ring|phone) me( please| asap)?$",
    r"|give (me|us) a (call|ring|buzz)( back)?|(ring|buzz) me\b|(like|want|need|request|get|schedule|set up|have) a callback|callback (please|request)",
    r"|(is there|are there|any) (a |an )?(human|person|real person|actual person|live person|agent|representative|rep|someone|somebody|anyone|anybody|manager)( there)? (i|that i|who i|we) (can|could) (talk|speak|chat) (to|with)",
    r"|(what|which) (number|phone number|line|extension) (can|do|should|could) (i|we) call|(number|line) (i can|to) call (to )?(reach|get|talk|speak)",
    r"|(don't|do not) want (to (talk|speak|chat|deal) (to|with) )?(a|the|this|your) (bot|robot|machine|computer|automated|ai)",
    r"|(rather|prefer to|prefer|rather just) (talk|speak|deal|chat|work|go over (this|it)) (to|with) (a|an|some|the) (real |live |actual )?(person|human|someone|somebody|agent|representative)",
    r"|(give|send|text) me (the|your) (office|direct|main|manager's|agent's) (number|line|phone)|(someone|somebody)( \w+){0,4} (reach out|get in touch|get back to me)|who (do|should|can|could) (i|we) call",
    r"|(can|could|may) i get (someone|somebody|a person|a human|a manager|an agent|a real person) on the (phone|line)|(want|like|need) a (call|phone call|callback) from|need (a|an) (human|real person|person|live person|actual person)",
    r"|(is )?(anyone|someone|somebody|anybody) (there )?(available|around|free) to (talk|chat|speak|take (my|a) call)",
    r"|(is there|what's|what is) (a|the|another) (number|phone number|line|direct line) (i|we) (can|could|should) call|put me (on )?(with|through to) |get (\w+ ){1,3}on the (phone|line)",
    r"|have (dr|doctor|the|my|your|our) ?(\w+ ){0,2}(call|ring|phone|reach out to|contact) (me|us)|(can|could|may) i (get|have|talk to) (a|an) (real |live |actual )?(person|human|agent|representative|manager)\b",
    r"|(a|an) (real |live |actual )?(human|person|agent|representative) (help|assist|handle|look at|take care of)|(is )?(anyone|anybody) (there|out there|home)( at all)?$",
    r"|escalate (this|it|me|my)|(who|whom) (can|do|should|could) (i|we) (speak|talk) (to|with)",
    r"|(someone|somebody|a person|a human|anyone|anybody)( \w+){1,4} (call|ring|phone|contact) (me|us)( back)?",
    r")\b",
);

pub(super) const HUMAN_NOT_FRAMES: &str = r"\b((call|ring|phone|reach) (me|us) (back )?(at|on) (\d|my|this|the|our)[\w ]*|(call|text|ring|phone) (me|us) (when|once|before|if) (you're|you are|you|they're|they are|they|he's|he|she's|she|the \w+)( \w+){0,2} (on (the|your|their|his|her) way|close|here|outside|leaving|heading|nearby|almost|in the area|arrive|arrives|come|comes|get here|gets here|leave|leaves|head)|(will|would|does|do) (someone|somebody)( \w+){0,3} (call|text) (me|us) (before|when|ahead)|(already|just) (called|texted) (me|us))\b";

pub(super) const BOT_NOT: &str = r"\b(is there|are there|any) (a |an )?(real |actual |live )?(person|human|human being|someone|somebody|anyone|anybody)( there)? (i|that i|who i|we) (can|could) (talk|speak|chat|call)\b";

/// Paying a bill that names a term is logistics, not a question about the terms.
pub(super) const CONTRACT_NOT: &str = r"\b((pay|paying|paid) (my|the|our|your) (\w+ )?(deductible|premium|copay)|covered (parking|patio|porch|area|garage|spot|entrance))\b";

/// A competitor's price set against ours: an objection, not a pricing question (the corpus
/// convention), whatever amount or "can you beat that" it carries.
pub(super) const COMPETITOR: &str = concat!(
    r"\b(quoted (me|us)|(was|were|got|been) quoted|(can|could|will|would) you (guys )?(beat|match|top|do better than) (that|this|it|their|what|his|her|the|\d+k?)",
    r"|beat (their|that|the|his|her|a) (price|quote|rate|offer|deal)|(i'm|we're|i am|we are) (only |currently |already )?paying (\d+k?|\w+ (hundred|dollars|bucks)|less)",
    r"|(paying|pay|charges|charged|charging|gives me|giving me|is giving me) [\w ]{0,15}\b(with|at|from|through) (geico|progressive|state farm|allstate|usaa|liberty mutual|farmers|nationwide|travelers|safeco|lemonade|erie|amica|my (current|old|other) \w+)",
    r"|(my current|my old|my regular|my other|the other|another) (\w+ )?(dentist|doctor|agent|plumber|company|carrier|guy|office|place|contractor|electrician) (only )?(charges|charged|quoted|gets|got|gave)",
    r"|(quote|estimate|bid|price) (for|of) [\w ]{1,20}\b(from|by|with) (another|a different|the other|other|\w+ (heating|plumbing|electric|dental|insurance|company))|(have|got) a (quote|estimate|bid) from",
    r"|(they'd|they would|they will|they'll|he'd|she'd|he will|she will|someone else|somebody else|another \w+|other \w+) (\w+ )?(will |would |could |can )?do it for (\d+k?|\w+ (hundred|grand)|less|cheaper|half)",
    r"|(down the (road|street)|across town|next door) (charges|is charging|quoted|does it)|charges? (way |a lot |much )?less",
    r")\b",
);

pub(super) const COMPETITOR_NOT: &str =
    r"\b(you|you guys|y'all|your \w+|the tech|your office) (quoted|charged|charges|gave) (me|us)\b";

// The fifth round (issue 12): frames read off the train split of the independently written
// messages (`corpus/signals/written.jsonl`), written as structures — a delay with its reason, a
// price set against a budget, a decision deferred to someone, a repair that failed again, a
// person asked for by role — not as the lines they came from.

/// Indirect objections: budget, timing, a third party, an existing provider, doubt, a
/// competitor, deliberation.
pub(super) const OBJECTION_FRAMES_5: &str = concat!(
    // budget set against the price
    r"\b(money('s| is)? (kind of |kinda |pretty |really |a bit |a little |so )?(tight|short)|(more|over|above) (than )?(what )?(i|we) (budgeted|can do|can swing|can spend|were hoping|was hoping|had hoped)( for| to spend)?",
    r"|(can't|cannot|couldn't|not sure (i|we) can) (swing|justify) (another|that|it|this|the)|(is|that's|that is|it's) (kind of |kinda |pretty |a bit |a little |just )?(a lot|too much) (for us|for me|right now|of money)",
    r"|(that's|thats|that is|it's|its) (a |kind of a |pretty |such a )?(big|huge|high|large) (number|price|bill|amount)|(number|price|quote|estimate) is (kind of |kinda |pretty |a bit |a little )?(a lot|high|steep|much)",
    r"|(hoping|hoped) (for|to spend|to pay) (something )?(closer|less|lower|more like|around)|double what (i|we) (paid|pay)|why (is|are) (yours|your \w+|it|that|this|you) so (much|expensive|high)|(why|how) so much( more)?$",
    r"|(is that|is this|that's) (really )?(the )?best (you|u) can do",
    // timing: the decision put off, with or without a reason
    r"|(going to|gonna|i'll|we'll|i will|we will|i think i'll|we might|i might|probably|prob|might just|we'd rather) (just )?(wait|hold off|ride it out|put (it|this|that) off|skip|pass on) (on|with|til|till|until|the|this|it|after|a bit|a while)",
    r"|(can|could) wait (til|till|until) (after|next|the|we|i)|(wait|waiting) (til|till) (after|my|our|the|it|i|we|next)|(not|won't be) (deciding|decide|deciding anything) (til|till|until|before)",
    r"|(skip|skipping|pass on) (the|my|our) [\w ]{1,20} this (year|time|season)|(is|are) (gonna|going to) have to wait|(have|has) to wait (a bit|a while|till|until)|ride it out|(might|may|could|we'll|we're going to) (be )?(move|moving|sell|selling) (next|this|in)",
    r"|(doesn't|does not|don't|wouldn't) (really )?make sense (for|right now)|(not|isn't|isn't really) (a |the )?(great|good|right) time|in the middle of (refinancing|moving|a move|selling|buying|a remodel)|(next|this) (yr|year) (for|maybe)|maybe next (yr|year)",
    r"|(want to|going to|gonna|i'll|i want to) (look into|check out|explore) (other|some other|a few) (options|places|offices)",
    // a third party decides or weighs in
    r"|(run|running|ask) (it|this|that) (by|past) (her|him|them)|(see|ask|hear) what (my|our) (\w+ )?",
    deciders!(),
    r" (says|thinks|wants)|(my|our) (\w+ )?",
    deciders!(),
    r" (thinks|says|wants|will want|would want) (we|i|he|she|to|that|it)|(talk|talked|check|speak) (to|with|w) my (\w+ )?",
    deciders!(),
    r" (first|tonight|before (we|i) (decide|commit|sign|agree))|(need|have|got|gotta) to (talk|speak|check) (to|with|w) my (\w+ )?",
    deciders!(),
    r"|before (we|i) (commit|decide|move forward|sign off)|(not|isn't|i'm not) (really )?comfortable (signing|committing|moving|going)",
    r"|(waiting|wait) (to see|on) (if|whether) (the|my|our) (landlord|insurance|hoa|home warranty|warranty)",
    // an existing provider, a relative or friend in the trade, doing it ourselves
    r"|((we've|we have|we|i've|i) (had|used|got|have) (the same|a|our|one) \w+ (for|we've used|i've used|for like) )|(got|have|we've got|we got) a guy( already)?\b|(my|our) (\w+ ){0,2}(guy|agent|cousin|brother|sister|nephew|friend|son in law|brother in law|sister in law)( \w+){0,2} (at|with|from) (state farm|farm bureau|allstate|geico|progressive|nationwide|\w+ insurance)",
    r"|(handles|does|takes care of) all (of )?(our|my) (insurance|\w+ work|plumbing|electrical|stuff)|been (w|with) (allstate|state farm|geico|progressive|nationwide|farmers|usaa|them|the same \w+)( \w+)? (\d+|twenty|ten|fifteen|for) ?(yrs|years)?",
    r"|(old|current|other|existing) (company|agent|carrier|provider|dentist|plumber|guy) (matched|beat|never|has been|offered)|(stick|stay|staying) (with|put)[\w ]{0,20}(company|agent|carrier|guy|people) (we|i) (have|use|know)|staying put",
    r"|(company|guy|plumber|agent|place) my (\w+ ){0,2}(works for|uses|goes to|recommended)|(sells|does|is in) (insurance|hvac|plumbing|roofing|electrical)\w*( for \w+| on the side)?|(is|'s) an? (agent|plumber|electrician|roofer|contractor) now",
    r"|(keep|keeping) doing (it|the [\w ]{1,15}) (ourselves|myself)|(can|could|will|'ll|gonna|going to) (just )?(fix|patch|do|handle|treat) (it|that|this)( \w+)? (himself|herself|ourselves|myself|themselves)",
    // a competitor's price, or shopping around
    r"|(got|get|found|gets|getting) (hers|his|theirs|it|one|them|mine)? ?(online|elsewhere|somewhere else|at \w+) for (like |about |around |only )?\$?\d+|(clinic|place|shop|company|office) (that|who) (does|do|charges) [\w ]{1,25} for \$?\d+",
    r"|(cheaper|lower|better) (quote|one|option|bid|price|rate) (we|i|they) (got|found|have)|go(ing)? with the cheaper|(a good bit|way|much|a lot|quite a bit|well) (under|below|less than|cheaper than) (yours|you|what you)",
    r"|(says|said|thinks) (he|she|they) can beat|(couple|few|some) (of )?other (places|companies|agencies|shops|offices|quotes|bids|guys)|other (agencies|companies)' quotes|(another|second|other) (quote|estimate|bid|opinion) first",
    r"|(start|starting|i'll start|i might start|going to start) (shopping|to shop|looking around|to look around)|shopping (it|this|that) around|(look|looking) around (tbh|honestly|for|at other)|compare (it|them|quotes|prices|rates|to|with)\b|wants to compare",
    r"|(across town|down the street|online) first|(go|just go) online and find|(more|another) (year|few years|couple years|couple of years) (out of|in) (it|the \w+)",
    // doubt
    r"|(do|does|would) (i|we) (honestly|really|even|actually|really even) (even )?need|what's the point (of|in)|(rarely|never|don't|do not) pay for themselves|(not|i'm not) (really )?sure i trust|warranty was worthless",
    r"|what makes (yours|you|your \w+) (any )?different",
    r")\b",
);

/// Complaints in plain words: repetition, being ignored, lateness, damage, threats of action,
/// sarcasm.
pub(super) const NEGATIVE_FRAMES_5: &str = concat!(
    r"\b((the|my) (\d+(st|nd|rd|th)|second|third|fourth|fifth) (text|call|message|email)|(\d+(st|nd|rd|th)|second|third|fourth|fifth) (call|text|message|email)s? (this|in|now|today)|(\d+(st|nd|rd|th)|second|third|fourth|fifth) time (now|this week|calling|texting|asking|in a row|the|that|you|i've (called|asked|texted|had|written|reached))",
    r"|(nobody|no one|not one person)( there| here)? (even |ever )?(called|returned|reads|seems|knows|answered|bothered|got back|can give)|(nobody's|no one's|nobody has) (gonna |going to )?(come|called|call|gotten back)",
    r"|not (ok|okay|cool|acceptable|a great look|what i (expect|expected|was promised))\b|(is|was|that's) not (ok|okay)$|(losing|lost) (my )?patience|(i've|i have) been patient|patience is",
    r"|(showed|showing|show|shows) up (an hour|\d+ \w+|two hours|three hours|hours|half an hour) late|(hour|hours|hrs|days) late (and|with) no|(didn't|did not|never) even (call|bother|bring)|(didn't|did not) (call|bother) (first|ahead)|without (even )?(calling first|asking (me|first|us)|a call|saying a word|telling (me|us))",
    r"|(never|won't|will not|not) (be )?(using|use|calling|call|coming back to) (you|your \w+|y'all)( \w+)? again|after (how|the mess|what happened|that last|the last (visit|job))[\w ]{0,20}(we're|we'll|i'm|i'll|we are|no thanks|done|won't)",
    r"|(the|what a) mess (your|you|they)|(ghosted|brushed|blew) (me|us) off|ghosted|hanging up on me|talked down to|(never|not) been treated like|knock it off|hounding|(why do you|why do u|you|y'all|you guys|they) keep (texting|calling|hanging up|sending)|keeps hanging up",
    r"|(asked|told) (you|your \w+|y'all)( people)? (twice|\w+ times)|(wrong|the wrong) (day|date|time) (twice|again)",
    r"|reported (you|your)|privacy violation",
    r"|(you|your \w+|they|he|she|the tech|the crew|the guy|the installer) (cracked|broke|damaged|scratched|ruined|dented|stained) (my|the|our)|absurd|(is|was|are) (total |absolute |just )?garbage|done with (these|this|you|y'all)|(cancelled|canceled) on (me|us) again|took (the day|off work|a day) (off )?(for (this|nothing|you)|every)",
    r"|starting to wonder|(what am i|what im|what i'm) paying (you )?for|for absolutely nothing|(really|super) (top notch|helpful that|appreciate being)|appreciate the updates|(rate|premium|bill) went up again",
    r"|straight answer|(was|felt) (rushed|sloppy)|(still|already) (chipped|cracked|broken)|expected better|disappointed|not happy|unhappy|frustrat\w*|worth way more|this is ridiculous",
    r")\b",
);

/// Equipment, work or care that failed, and a claim that stalled, said in plain words.
pub(super) const SERVICE_FRAMES: &str = concat!(
    r"\b((jammed|quit|froze|frozen|stuck|stopped|broke|tripping|clogged|acting up|went out|died|failed|leaking|leaks|dripping|drips|running|draining slow|backing up|reversing|slipping)( up| out)? again",
    r"|(the (leak|noise|problem|smell|rash|fever|clog|issue|drip|sound|rattle|pain|infection|swelling|bleeding|roaches|ants|mice)|it) (is|'s|came|come) back|(same|exact same) (thing|problem|issue) (as|again)|(already|just) (chipped|cracked|broke|drips|leaks|leaking|pulling|loose|fell|failed)",
    r"|(chipped|wobbles|wobbly|crooked|rattles|oozing|swollen|coming apart|pulling away|falling off)|(isn't|is not|not|won't|wont) (kicking|coming|turning) on|(are|is) (now )?dead\b|(warm|hot) to the touch",
    r"|(doesn't|does not|don't|won't) fit (at all|anymore|properly|well|right)|(keeps|is) slipping|(super |really |very )?sensitive (now|since)|bad taste|(made|making) (the|my|me) (\w+ )?(feel )?worse|(is|are|got|feels?) (way )?worse (today|now|since)",
    r"|failed (a|after|within)|(still|yet) (blow|blows|blowing|sitting|oozing|drips|leaks|hasn't|hasn't come|no)",
    r"|(left|leaving) (the \w+ (off|open|running)|out the|a mess|dust)|dust everywhere|(check|payment|money) (from|for) the claim|(no|still no) (check|word|update|payment|call)( \w+)? (from|on|about) (the|my) (claim|\w+)",
    r"|(check|payment|rental)( \w+){0,4} (hasn't|has not|never|still hasn't) (come|arrived|shown)|(nobody's|nobody has|no one has|no one's) (come|been) out|(it's|it has|its) been (\d+|a|two|three|four|five) (wks|weeks|days|months)",
    r"|stopped paying|(won't|will not|wouldn't) cash|(only )?giving me|still reviewing|sent the same|(policy|coverage) lapsed|left out the|(waiting|waited) on (you|your)|took (four|three|two|\d+|six|several) (months|weeks)",
    r"|(more|worse) (roaches|ants|pests|bugs|mice|leaking|water)|(seeing|see|found) [\w ]{0,15} again|didn't (bring|finish|fix|clean)|(is|are) (still )?sitting (on|in)|not what i expect",
    r")\b",
);

/// A decision made against the business, in its many everyday forms.
pub(super) const REJECTION_FRAMES_5: &str = concat!(
    r"\b((another|a different) (direction|way)|all set with (a different|another|someone|somebody)|(we|i)? ?switched (dentists|practices|pediatricians|doctors|clinics|offices)|i'm switching$",
    r"|(transferring|moving|moved|switching|transfer) (my care |our care )?to (a|another|the new|a new) (dentist|doctor|clinic|practice|office|provider)|(they're|that's|she's|he's) (my|our) new (dentist|doctor|office|practice|clinic|provider)",
    r"|(won't|will not|don't|do not) need (anybody|anyone|it|you|the new one|the repair|the \w+ (anymore|after all))|no need for the (new|reminders|\w+ anymore)|no need to book",
    r"|(not|aren't|won't be|not gonna be|not going to be) (doing|going ahead with) (the|it)|not going ahead|(not gonna|not going to) do it|changed (our|my) mind|say no to (the|it)|(won't|will not) be (coming back|back)( so| and| again|$)",
    r"|no longer a (patient|customer|client)|(take|remove) (me|us) off (of )?everything|remove (us|me|our family) from your patient (list|records)|(moving|moved) (away|out of state)|let (the \w+|it) lapse",
    r"|(keep|keeping) everything with|(finding|find) (a different|another) (company|dentist|doctor|office|agent|practice|provider|plumber|roofer|place)|(finding|find) someone else|(go|going|gonna go) elsewhere|(gonna|going to) diy|(fixed|fixing|did|do) it ourselves|(had|got) it (fixed|looked at|done)( already)? by (someone|somebody)",
    r"|by (someone|somebody) else|(my|our) (brother in law|brother|dad|son|neighbor|cousin) did it|close (it|them) out|close out (our|my|the)|close (our|my) accounts|not (using|use) you guys",
    r"|(moving|moving my|taking my|move everything) (business )?(elsewhere|somewhere else|over to)|(went|going|go|gonna go) (w|with) (progressive|geico|state farm|allstate|a different \w+|another \w+|\w+ (roofing|plumbing|electric|dental|heating))",
    r")\b",
);

/// Opt-outs beyond the keywords: lists, reminders, follow-ups, a number taken off.
pub(super) const OPT_OUT_FRAMES: &str = concat!(
    r"\b(no more (reminder |promo |marketing |seasonal )?(texts|messages|calls|reminders|emails|contact)\b|no (reminder|promo|marketing) (texts|messages|calls|emails)|^no texts|(don't|do not|never) (text|call|message) this (number )?(anymore|any more|again)|(stop|quit) (txting|hounding|sending|the (\w+ )?(calls|texts|reminders|reminder calls|visits|promos))",
    r"|(remove|rmv) (me|us|our family|my number|this number|this email|my phone number)( \w+)?( off| from|$| pls| please)|(take|taken) (me|us|my number|this number|my #)( \w+)? off (your|the|this) (\w+ )?(list|mailing|texts|marketing|call)|off (your|the|this) (mailing|text|marketing|patient|call|contact|email) list|off your list",
    r"|\bunsub\b|(don't|do not) need to keep (calling|texting|contacting)|no need to (keep )?(follow up|following up)|(don't|do not) need to follow up|(turn|turning) off the (\w+ )?notifications|find someone else to text",
    r"|done with (these|the) (texts|calls|messages)|why (am i still getting|do (you|u) keep (texting|calling))|no more contact|take this number off",
    r")\b",
);
