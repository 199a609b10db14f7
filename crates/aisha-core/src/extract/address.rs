//! Service addresses, read with the grammar of USPS Publication 28 (and Canada Post's):
//! house number, optional pre-directional, street name, street suffix (Appendix C1),
//! optional post-directional, secondary unit designator (Appendix C2) and identifier, then
//! city, state or province (Appendix B / Canada Post codes) and ZIP or postal code. Filler
//! around it ("so we're at …", "… it's the blue house") and a phone number said in the same
//! breath are left out. PO boxes are not service addresses and are refused.

use std::sync::LazyLock;

use regex::Regex;

use super::{numbers, re};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    /// Street, unit, city, state and ZIP as one line ("500 Commerce Blvd Suite 210, Round Rock").
    pub full: String,
    pub street: Option<String>,
    pub unit: Option<String>,
    pub city: Option<String>,
    /// Two-letter USPS state or Canada Post province code.
    pub state: Option<String>,
    pub zip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressFinding {
    Found(Address),
    /// A post office box: mail goes there, a visit cannot.
    PoBox,
}

/// USPS Publication 28, Appendix C1: primary street suffix names and their abbreviations
/// (the common ones), plus Canada Post's. Strong suffixes are rarely a street's own name.
const STRONG_SUFFIXES: &[&str] = &[
    "street",
    "st",
    "str",
    "avenue",
    "ave",
    "av",
    "road",
    "rd",
    "drive",
    "dr",
    "lane",
    "ln",
    "boulevard",
    "blvd",
    "court",
    "ct",
    "way",
    "wy",
    "place",
    "pl",
    "circle",
    "cir",
    "parkway",
    "pkwy",
    "terrace",
    "ter",
    "trail",
    "trl",
    "highway",
    "hwy",
    "crescent",
    "cres",
    "expressway",
    "expy",
    "freeway",
    "fwy",
    "turnpike",
    "tpke",
    "causeway",
    "cswy",
    "plaza",
    "plz",
    "square",
    "sq",
    "loop",
    "alley",
    "aly",
    "pike",
    "close",
    "crossing",
    "xing",
    "cove",
    "cv",
    "path",
    "row",
    "trace",
    "trce",
    "walk",
    "run",
    "pass",
    "bypass",
    "byp",
    "mews",
    "gate",
    "line",
    "sideroad",
    "concession",
    "landing",
    "lndg",
];
/// Suffixes that are also common street names ("Lake", "Park", "Ridge"): a suffix only when
/// no strong suffix follows.
const WEAK_SUFFIXES: &[&str] = &[
    "bend", "bnd", "grove", "grv", "heights", "hts", "hollow", "holw", "meadows", "mdws", "meadow",
    "mdw", "view", "vw", "point", "pt", "ridge", "rdg", "park", "lake", "lk", "hill", "hl",
    "hills", "hls", "creek", "crk", "valley", "vly", "glen", "gln", "green", "grn", "commons",
    "cmns", "center", "ctr", "crest", "knoll", "knl", "springs", "spgs", "spring", "estates",
    "ests", "village", "vlg", "vista", "vis", "oval", "harbor", "hbr", "station", "sta", "manor",
    "mnr", "mill", "canyon", "cyn", "court", "gardens", "gdns", "ranch", "shores", "summit",
    "junction", "jct", "route", "rte",
];
/// USPS Publication 28, Appendix C2: secondary unit designators (and how callers say them).
const UNIT_DESIGNATORS: &[&str] = &[
    "apt",
    "apartment",
    "suite",
    "ste",
    "unit",
    "building",
    "bldg",
    "floor",
    "fl",
    "room",
    "rm",
    "lot",
    "trailer",
    "trlr",
    "space",
    "spc",
    "dept",
    "department",
    "office",
    "ofc",
    "hangar",
    "hngr",
    "pier",
    "slip",
    "basement",
    "bsmt",
    "penthouse",
    "ph",
    "rear",
    "front",
    "upper",
    "lower",
    "side",
    // Canada Post's French designators.
    "app",
    "appt",
    "appartement",
    "bureau",
];
/// Street types that come before the name in French ("rue Saint-Denis", "chemin du Lac").
const FRENCH_TYPES: &[&str] = &[
    "rue",
    "boulevard",
    "boul",
    "chemin",
    "avenue",
    "av",
    "rang",
    "montée",
    "côte",
    "promenade",
    "allée",
    "impasse",
    "ruelle",
    "place",
    "croissant",
    "carré",
    "terrasse",
];
/// Particles inside a French name ("de la Gauchetière", "du Lac", "Sainte-Agathe-des-Monts").
const FRENCH_PARTICLES: &[&str] = &["de", "du", "des", "la", "le", "les", "d'", "l'", "sur"];
/// Post-directionals in French ("Sherbrooke Ouest").
const FRENCH_DIRECTIONALS: &[&str] = &["ouest", "est", "nord", "sud"];
/// Region codes that are also everyday words ("in", "or", "ok", "oh" for zero, "me"): read
/// as a region only where a region stands (after the city, before the code), or typed in
/// capitals.
const AMBIGUOUS_CODES: &[&str] = &[
    "in", "or", "ok", "oh", "me", "hi", "pa", "la", "al", "de", "co", "ma", "id", "mi", "ne", "on",
    "mo", "ms", "wa", "va",
];
/// How callers shorten a region's name.
const REGION_ALIASES: &[(&str, &str)] = &[
    ("MA", "mass"),
    ("CA", "calif"),
    ("PE", "pei"),
    ("NL", "newfoundland"),
    ("NL", "labrador"),
];
/// Words around a place said before the street: lead-ins, fillers and the names of fields.
const LEAD_WORDS: &[&str] = &[
    "ok", "okay", "so", "yeah", "yes", "ya", "yep", "sure", "hi", "hello", "well", "oh", "its",
    "it's", "it", "is", "in", "i'm", "im", "i", "we're", "were", "we", "are", "at", "the", "and",
    "address", "street", "zip", "code", "postal", "postcode", "my", "our", "located", "mean",
    "sorry", "no", "service", "property", "that's", "thats", "that", "this", "out", "up", "down",
    "over", "from", "on", "a", "an", "like", "just", "based", "province", "state",
];
/// Words that never start a street name after a house number ("4b and the building is …").
const NOT_A_STREET: &[&str] = &[
    "and", "is", "i", "i'm", "it's", "its", "the", "or", "no", "so", "yeah", "yes", "to", "for",
    "at", "of", "a", "an", "minutes", "mins", "hours", "years", "is", "was", "sorry", "mean",
    "wait", "actually", "ok", "okay",
];
/// Designators that need no identifier (Pub. 28 C2: "Basement", "Rear").
const BARE_DESIGNATORS: &[&str] = &[
    "basement", "bsmt", "rear", "front", "upper", "lower", "side",
];
const DIRECTIONALS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "n",
    "s",
    "e",
    "w",
    "ne",
    "nw",
    "se",
    "sw",
];
/// USPS state and territory codes, Canada Post province codes, with their names.
const REGIONS: &[(&str, &str)] = &[
    ("AL", "alabama"),
    ("AK", "alaska"),
    ("AZ", "arizona"),
    ("AR", "arkansas"),
    ("CA", "california"),
    ("CO", "colorado"),
    ("CT", "connecticut"),
    ("DE", "delaware"),
    ("DC", "district of columbia"),
    ("FL", "florida"),
    ("GA", "georgia"),
    ("HI", "hawaii"),
    ("ID", "idaho"),
    ("IL", "illinois"),
    ("IN", "indiana"),
    ("IA", "iowa"),
    ("KS", "kansas"),
    ("KY", "kentucky"),
    ("LA", "louisiana"),
    ("ME", "maine"),
    ("MD", "maryland"),
    ("MA", "massachusetts"),
    ("MI", "michigan"),
    ("MN", "minnesota"),
    ("MS", "mississippi"),
    ("MO", "missouri"),
    ("MT", "montana"),
    ("NE", "nebraska"),
    ("NV", "nevada"),
    ("NH", "new hampshire"),
    ("NJ", "new jersey"),
    ("NM", "new mexico"),
    ("NY", "new york"),
    ("NC", "north carolina"),
    ("ND", "north dakota"),
    ("OH", "ohio"),
    ("OK", "oklahoma"),
    ("OR", "oregon"),
    ("PA", "pennsylvania"),
    ("RI", "rhode island"),
    ("SC", "south carolina"),
    ("SD", "south dakota"),
    ("TN", "tennessee"),
    ("TX", "texas"),
    ("UT", "utah"),
    ("VT", "vermont"),
    ("VA", "virginia"),
    ("WA", "washington"),
    ("WV", "west virginia"),
    ("WI", "wisconsin"),
    ("WY", "wyoming"),
    ("PR", "puerto rico"),
    ("GU", "guam"),
    ("VI", "virgin islands"),
    ("AB", "alberta"),
    ("BC", "british columbia"),
    ("MB", "manitoba"),
    ("NB", "new brunswick"),
    ("NL", "newfoundland and labrador"),
    ("NS", "nova scotia"),
    ("NT", "northwest territories"),
    ("NU", "nunavut"),
    ("ON", "ontario"),
    ("PE", "prince edward island"),
    ("QC", "quebec"),
    ("SK", "saskatchewan"),
    ("YT", "yukon"),
];

static PO_BOX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(p\.?\s?o\.?\s?box|post office box|po box|pobox|p o box)\b"));
static PHONE_SPAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b"));
static PHONE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:and\s+)?(?:my\s+|the\s+)?(?:cell|cell phone|number|phone|phone number)(?:\s+number)?\s+is\b",
    )
});
static ADDRESS_IS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\baddress\s+is\b"));
/// Where a caller's remark after the address begins.
static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|\s+)(?:it's|it is|that's|that is|thanks|thank you|please|the (?:blue|red|white|green|yellow|gray|grey|brown|gate|side|back|front|door|house|code|buzzer|dog) |we're|we are|i'm|i am|i'll|we'll|i work|near|next to|across from|by the|behind|and (?:i|we|my|our|it|the|there|you|someone|somebody|he|she|they)\b|but|so|just|if|you can|you'll|there's|there is|call|text|ring|knock|whenever|anytime|any time|gate code|code is)\b.*$",
    )
});
static ZIP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|\s)(\d{5}(?:-\d{4})?|[abceghjklmnprstvxy]\d[abceghj-nprstv-z]\s?\d[abceghj-nprstv-z]\d)(?:\s|,|$)",
    )
});

/// Mail addresses that are no place to visit: General Delivery, and rural-route boxes ("RR 2
/// Box 45", "box 14 site 3 rr 2"). A civic address that also names its rural route ("2201
/// Township Road 540, RR 1") names no box and is kept.
static NON_CIVIC: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bgeneral\s+delivery\b|\b(?:rural\s+route|r\.?\s?r\.?)\s*#?\s*\d+[\s,]*(?:box|site)\b|\b(?:box|site)\s*#?\s*\d+[\s,]*(?:(?:site|box|comp)\s*#?\s*\d+[\s,]*)?(?:rural\s+route|r\.?\s?r\.?)\s*#?\s*\d",
    )
});
/// Highway-contract and star-route boxes ("HC 65 Box 40"): mail drops, like rural-route boxes.
static CONTRACT_BOX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:h\.?\s?c\.?|highway\s+contract(?:\s+route)?|star\s+route)[\s#]*(?:[a-z0-9]+\s+){1,3}box(?-u:\b)",
    )
});
/// Sounds that carry no words: "uh", "um".
static FILLER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:u+h+|u+m+|e+r+m+|h+m+)(?-u:\b)[,.]?"));
/// A house number said digit by digit and typed with spaces: "6 1 2 5 northwest highway".
static SPACED_DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)\d(?: \d){2,5}(?-u:\b)"));
/// ZIP+4: the service address keeps the five-digit ZIP.
static ZIP_PLUS_FOUR: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)(\d{5})-\d{4}(?-u:\b)"));
/// A correction said after a place: "in regina no sorry saskatoon".
static TAIL_CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?:^|\s)(?:no,?\s+sorry|oh,?\s+sorry|sorry|i mean|i meant|no wait|actually)(?:\s|,|$)")
});
/// A Canadian postal code as two words: "k1p 5g4".
static POSTAL_PAIR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^[abceghjklmnprstvxy]\d[abceghj-nprstv-z] \d[abceghj-nprstv-z]\d$"));
/// A code named as one after other words: "… and the zip plus four is 19711".
static NAMED_CODE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:zip|postal)(?:\s+code)?(?:\s+plus\s+four)?(?:\s+is)?\s+(\d{5}|[abceghjklmnprstvxy]\d[abceghj-nprstv-z]\s?\d[abceghj-nprstv-z]\d)(?-u:\b)",
    )
});
static AS_IN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bas in\s+[a-z]+\b"));
static HOUSE_CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b\d{1,6}[\s,]+(?:no[\s,]+sorry|no[\s,]+wait|sorry|i mean|actually|wait|no)[\s,]+(\d{1,6}\s)",
    )
});
/// How a caller leads into the city after the street: "that's in", "over in", "out in".
static CITY_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:and\s+)?(?:that's|that is|thats|it's|it is|its|which is|we're|we are|i'm|located)\s+)?(?:(?:over|out|up|down|right|just|located)\s+)?in\s+",
    )
});
/// "zip", "zip code", "postal code" said before the code.
static ZIP_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:zip\s+code|zip|postal\s+code|postcode|post\s+code)\b"));
/// Roads named by a number after their kind: "Highway 7", "Township Road 540", "FM 1960".
const NUMBERED_ROAD_HEADS: &[&str] = &[
    "highway",
    "hwy",
    "route",
    "rte",
    "fm",
    "cr",
    "sr",
    "interstate",
    "sideroad",
    "concession",
];
const NUMBERED_ROAD_SUFFIXES: &[&str] = &[
    "road",
    "rd",
    "highway",
    "hwy",
    "route",
    "rte",
    "line",
    "sideroad",
    "concession",
    "trail",
];
/// Cities whose name starts with a directional: after a street suffix the directional is the
/// city's, not the street's ("… Trail West Des Moines").
const DIRECTIONAL_CITIES: &[&str] = &[
    "north versailles",
    "north bergen",
    "west orange",
    "south orange",
    "east cleveland",
    "north olmsted",
    "south euclid",
    "west bloomfield",
    "north tonawanda",
    "west seneca",
    "east meadow",
    "north haven",
    "west haven",
    "east haven",
    "north andover",
    "north adams",
    "south hadley",
    "east greenwich",
    "west warwick",
    "north kingstown",
    "south burlington",
    "west lafayette",
    "east chicago",
    "north chicago",
    "west allis",
    "south milwaukee",
    "west bend",
    "east peoria",
    "north platte",
    "south sioux",
    "west fargo",
    "west linn",
    "north bend",
    "east wenatchee",
    "west sacramento",
    "south pasadena",
    "south el",
    "north highlands",
    "north port",
    "north lauderdale",
    "south daytona",
    "west melbourne",
    "north augusta",
    "west columbia",
    "north myrtle",
    "west monroe",
    "east point",
    "north lake",
    "north bay",
    "east gwillimbury",
    "west kelowna",
    "north battleford",
    "south brunswick",
    "east brunswick",
    "north brunswick",
    "west new",
    "north plainfield",
    "south plainfield",
    "east windsor",
    "west windsor",
    "east lyme",
    "west des",
    "north little",
    "east lansing",
    "south bend",
    "west palm",
    "north las",
    "east orange",
    "west chester",
    "north vancouver",
    "west vancouver",
    "south jordan",
    "west valley",
    "north charleston",
    "east st",
    "north york",
    "east york",
    "south padre",
    "west hollywood",
    "north miami",
    "south gate",
    "west jordan",
    "north richland",
    "west covina",
    "east hartford",
    "west hartford",
    "north providence",
    "east providence",
    "south portland",
    "west springfield",
];

fn is(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Parse an answer to the address question: a house number and a street, or a rural route.
pub fn find_address(raw: &str) -> Option<AddressFinding> {
    if PO_BOX.is_match(raw) || NON_CIVIC.is_match(raw) || CONTRACT_BOX.is_match(raw) {
        return Some(AddressFinding::PoBox);
    }
    let text = normalize(raw);
    match house_number_in_words(&text) {
        Some(text) => parse(&text, false),
        None => parse(&text, false),
    }
    .map(AddressFinding::Found)
}

/// What the recogniser adds that no address holds: "uh" and "um", a house number typed a
/// digit at a time ("3 3 0 0"), the four digits of a ZIP+4.
fn normalize(raw: &str) -> String {
    let text = FILLER.replace_all(raw, " ");
    let text = SPACED_DIGITS.replace_all(&text, |c: &regex::Captures| c[0].replace(' ', ""));
    ZIP_PLUS_FOUR.replace_all(&text, "$1").into_owned()
}

/// The answer with a house number said in words written in digits ("three oh five maple
/// street" → "305 maple street"). Only a run of number words that starts the address (no
/// digits before it) and is followed by a street within a few words: "give me one second"
/// stays as it is.
fn house_number_in_words(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let clean = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase()
    };
    let lower: Vec<String> = words.iter().map(|w| clean(w)).collect();
    let mut from = 0;
    // Each run of number words in turn: "fort worth texas seven six one oh two and the street
    // is nine oh one west seventh street" — the code is not followed by a street, the number is.
    while let Some(offset) = lower[from..].iter().position(|w| {
        numbers::is_number_word(w) && !matches!(w.as_str(), "hundred" | "thousand" | "oh")
    }) {
        let start = from + offset;
        // A house number in digits (a five-digit code is not one) or a unit before the run:
        // the run is something else ("apt four b").
        if words[..start].iter().zip(&lower).any(|(w, l)| {
            (w.chars().any(|c| c.is_ascii_digit())
                && w.chars().filter(char::is_ascii_digit).count() < 5)
                || is(UNIT_DESIGNATORS, l)
        }) {
            return None;
        }
        let mut end = start;
        while end < words.len() {
            let w = &lower[end];
            let joins = w == "and"
                && end > start
                && lower[end - 1] == "hundred"
                && lower
                    .get(end + 1)
                    .is_some_and(|n| numbers::is_number_word(n));
            if !(numbers::is_number_word(w) || joins) {
                break;
            }
            end += 1;
            // A comma ends a spoken group: "zip one oh oh oh oh, springfield".
            if words[end - 1].ends_with(',') {
                break;
            }
        }
        from = end;
        // "twenty twenty twenty second avenue": the last tens word belongs to the ordinal.
        if end - start >= 2
            && lower.get(end).is_some_and(|w| numbers::is_ordinal_word(w))
            && numbers::small(&lower[end - 1]).is_some_and(|v| v >= 20 && v % 10 == 0)
        {
            end -= 1;
        }
        // After a pause only a street makes the run a house number ("three oh five, maple
        // street"); a code named as one never is ("zip one oh oh oh oh, springfield").
        let paused = words[end - 1].ends_with(',');
        let named_code = lower[..start]
            .iter()
            .rev()
            .find(|w| !matches!(w.as_str(), "is" | "code" | ""))
            .is_some_and(|w| matches!(w.as_str(), "zip" | "postal" | "postcode"));
        if named_code {
            continue;
        }
        let Some(first_after) = lower.get(end) else {
            continue;
        };
        let street_follows = lower[end..].iter().take(5).any(|w| {
            is(STRONG_SUFFIXES, w)
                || is(WEAK_SUFFIXES, w)
                || is(NUMBERED_ROAD_HEADS, w)
                || is(FRENCH_TYPES, w)
        });
        // "four four four four kingsway": a number said digit by digit is a house number even
        // before a street without a suffix.
        let digit_by_digit = !paused
            && end - start >= 3
            && lower[start..end]
                .iter()
                .all(|w| w == "oh" || numbers::small(w).is_some_and(|v| v < 10));
        if !(street_follows || digit_by_digit)
            || !first_after.chars().next().is_some_and(char::is_alphabetic)
            || is(UNIT_DESIGNATORS, first_after)
            || is(NOT_A_STREET, first_after)
        {
            continue;
        }
        let run: Vec<&str> = lower[start..end].iter().map(String::as_str).collect();
        let Some(n) = numbers::house_number(&run) else {
            continue;
        };
        let mut out: Vec<String> = words[..start].iter().map(|w| (*w).to_owned()).collect();
        out.push(n.to_string());
        out.extend(words[end..].iter().map(|w| (*w).to_owned()));
        return Some(out.join(" "));
    }
    None
}

/// An address stated in passing while answering something else: it needs a street suffix.
pub fn volunteered_address(raw: &str) -> Option<Address> {
    if PO_BOX.is_match(raw) || NON_CIVIC.is_match(raw) || CONTRACT_BOX.is_match(raw) {
        return None;
    }
    parse(&normalize(raw), true)
}

fn parse(raw: &str, need_suffix: bool) -> Option<Address> {
    if raw.len() > 300 {
        return None;
    }
    // One breath with a phone number: the number and its "my cell is" go.
    let mut text = PHONE_SPAN.replace_all(raw, " , ").into_owned();
    text = PHONE_CLAUSE.replace_all(&text, " , ").into_owned();
    let mut lead = String::new();
    if let Some(m) = ADDRESS_IS.find_iter(&text).last() {
        lead = text[..m.start()].to_owned();
        text = text[m.end()..].to_owned();
    }
    // "123, no sorry, 132 Main St": the corrected house number.
    let text = HOUSE_CORRECTION.replace_all(&text, "$1");
    // "unit b as in boy": the spelling aside goes.
    let text = AS_IN.replace_all(&text, " ");
    let text = text.replace(['.', ';', '!', '?', ':'], " ");
    let mut tokens: Vec<String> = text
        .replace(',', " , ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut start = street_start(&tokens, 0)?;
    road_words(&mut tokens, start);
    // A street said again after a correction: a new house number starts over ("3 mill road
    // no sorry 3 mill pond road"); a name alone keeps the number ("northwest expressway i
    // mean northwest highway").
    let (street_len, had_suffix) = loop {
        let (len, suffix) = street_extent(&tokens[start..])?;
        let mut k = start + len;
        while tokens.get(k).is_some_and(|t| t == ",") {
            k += 1;
        }
        let Some(used) = correction_at(&tokens[k..]) else {
            break (len, suffix);
        };
        let j = k + used;
        if let Some(again) = street_start(&tokens, j).filter(|s| *s == j) {
            start = again;
            road_words(&mut tokens, start);
            continue;
        }
        let renamed: Vec<String> = std::iter::once(tokens[start].clone())
            .chain(tokens[j..].iter().cloned())
            .collect();
        let first = renamed.get(1).map_or("", String::as_str);
        match street_extent(&renamed) {
            Some((_, true))
                if first.chars().next().is_some_and(char::is_alphabetic)
                    && !is(UNIT_DESIGNATORS, first)
                    && !is(NOT_A_STREET, first) =>
            {
                tokens.splice(start + 1..j, std::iter::empty());
                continue;
            }
            _ => break (len, suffix),
        }
    };
    if need_suffix && !had_suffix {
        return None;
    }
    let toks = &tokens[start..];
    let street_words = &toks[..street_len];
    let mut i = street_len;
    let mut unit = None;
    let mut rest: Vec<&str> = Vec::new();
    let mut correcting = false;
    while i < toks.len() {
        let t = toks[i].as_str();
        if t == "," || (t == "in" && rest.is_empty()) {
            i += 1;
            continue;
        }
        if rest.is_empty() {
            // The rural route of a civic address ("…, RR 1, Lacombe") is not the city.
            let rr_words = match (t, toks.get(i + 1).map(String::as_str)) {
                ("rr", _) => 1,
                ("rural", Some("route")) => 2,
                _ => 0,
            };
            if rr_words > 0
                && toks
                    .get(i + rr_words)
                    .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            {
                i += rr_words + 1;
                continue;
            }
            // "apt 4 no sorry apt 5": the corrected unit replaces the first.
            if unit.is_some()
                && matches!(
                    t,
                    "no" | "sorry"
                        | "wait"
                        | "actually"
                        | "i"
                        | "mean"
                        | "meant"
                        | "or"
                        | "rather"
                        | "oh"
                )
            {
                correcting = true;
                i += 1;
                continue;
            }
        }
        if (unit.is_none() || correcting) && rest.is_empty() {
            if let Some((u, used)) = unit_at(&toks[i..]) {
                unit = Some(u);
                correcting = false;
                i += used;
                continue;
            }
            if let Some(u) = unit.as_mut().filter(|_| correcting) {
                // "suite 200, sorry, 210": the identifier alone.
                if t.len() <= 5 && t.chars().any(|c| c.is_ascii_digit()) {
                    let designator = u.rsplit_once(' ').map_or("", |(d, _)| d).to_owned();
                    *u = if designator.is_empty() {
                        format!("#{}", t.to_uppercase())
                    } else {
                        format!("{designator} {}", t.to_uppercase())
                    };
                    correcting = false;
                    i += 1;
                    continue;
                }
            }
        }
        if unit.is_none()
            && !rest.is_empty()
            && (t == "#" || is(UNIT_DESIGNATORS, t))
            // "Tampa, FL 33681": a region code, not "floor".
            && !REGIONS.iter().any(|(code, _)| code.eq_ignore_ascii_case(t))
        {
            // "…, Springfield IL, apt 4": the unit said after the city (with its number: "the
            // side door" is not a unit).
            if let Some((u, used)) =
                unit_at(&toks[i..]).filter(|(u, _)| u.chars().any(|c| c.is_ascii_digit()))
            {
                unit = Some(u);
                i += used;
                continue;
            }
        }
        rest.push(t);
        i += 1;
    }
    let rest = rest.join(" ");
    let rest = CITY_INTRO.replace(&rest, "");
    let tail = TRAILING.replace(&rest, "").into_owned();
    let (mut city, mut state, mut zip) = corrected_place(&tail);
    if zip.is_none() && (rest.contains("zip") || rest.contains("postal")) {
        // "… and the zip plus four is 19711": a code named as one, after the chatter.
        zip = NAMED_CODE
            .captures_iter(&spoken_codes(&rest))
            .last()
            .map(|c| postal_format(&c[1]));
    }
    // What was said before the street: a place ("we're in Round Rock, Texas, at …", "ZIP
    // 97204, Portland, and it's …") and a unit ("the unit is 4b and the building is …").
    let before: Vec<String> = lead
        .replace(',', " , ")
        .replace(['.', ';', '!', '?', ':'], " ")
        .split_whitespace()
        .map(str::to_lowercase)
        .chain(tokens[..start].iter().cloned())
        .collect();
    if unit.is_none() {
        unit = unit_before(&before);
    }
    if city.is_none() || state.is_none() || zip.is_none() {
        let (c, st, z) = lead_place(&before, raw);
        city = city.or(c);
        state = state.or(st);
        zip = zip.or(z);
    }
    let street = title_words(street_words);
    let mut full = street.clone();
    if let Some(u) = &unit {
        full.push(' ');
        full.push_str(u);
    }
    if let Some(c) = &city {
        full.push_str(", ");
        full.push_str(c);
    }
    match (&state, &zip) {
        (Some(s), Some(z)) => full.push_str(&format!(", {s} {z}")),
        (Some(s), None) => full.push_str(&format!(", {s}")),
        (None, Some(z)) => full.push_str(&format!(" {z}")),
        (None, None) => {}
    }
    Some(Address {
        full,
        street: Some(street),
        unit,
        city,
        state,
        zip,
    })
}

/// Where the street starts in `tokens`, at `from` or later: a house number followed by a
/// street's name ("1420 lakeshore", "13450 104 ave", "455 e 500 s"), or a rural route.
fn street_start(tokens: &[String], from: usize) -> Option<usize> {
    (from..tokens.len()).find(|&i| {
        let t = tokens[i].as_str();
        let next = tokens.get(i + 1).map_or("", String::as_str);
        let next_is_word = next.chars().next().is_some_and(char::is_alphabetic)
            && !is(NOT_A_STREET, next)
            && !is(UNIT_DESIGNATORS, next);
        let next_is_ordinal = next.chars().next().is_some_and(|c| c.is_ascii_digit())
            && ["th", "st", "nd", "rd"].iter().any(|s| next.ends_with(s));
        // A street named by a number: "104 ave", "8 ave sw", "101 st nw".
        let numbered_name = road_number(next)
            && tokens
                .get(i + 2)
                .is_some_and(|a| is(STRONG_SUFFIXES, a) || is(DIRECTIONALS, a));
        // "zip code 53703 madison and it's …": a code named as one is not a house number.
        let named_code = tokens[..i]
            .iter()
            .rev()
            .find(|w| !matches!(w.as_str(), "is" | "code" | ","))
            .is_some_and(|w| matches!(w.as_str(), "zip" | "postal" | "postcode"));
        (house_number(t) && !named_code && (next_is_word || next_is_ordinal || numbered_name))
            || (t == "rural" && next == "route")
            || t == "rr"
    })
}

/// Words that take back what was just said, at the start of `toks`: how many.
fn correction_at(toks: &[String]) -> Option<usize> {
    let w = |k: usize| toks.get(k).map_or("", String::as_str);
    let used = match (w(0), w(1), w(2)) {
        ("oh", "sorry", "no") | ("no", "sorry", "no") => 3,
        ("no", "sorry" | "wait", _) | ("i", "mean" | "meant", _) | ("or", "rather", _) => 2,
        ("sorry" | "actually" | "no" | "wait", _, _) => 1,
        _ => return None,
    };
    let mut n = used;
    while toks.get(n).is_some_and(|t| t == ",") {
        n += 1;
    }
    Some(n)
}

/// Number words written as a road's number ("county road forty four" → "county road 44",
/// "fm nineteen sixty" → "fm 1960") and ordinals as a street sign writes them ("ninth street"
/// → "9th street", "twenty second avenue" → "22nd avenue"), in the street from `start`.
fn road_words(tokens: &mut Vec<String>, start: usize) {
    let mut i = start + 1;
    while i < tokens.len() && i < start + 8 {
        let prev = tokens[i - 1].as_str();
        if is(NUMBERED_ROAD_HEADS, prev) || is(NUMBERED_ROAD_SUFFIXES, prev) {
            let run = tokens[i..]
                .iter()
                .take_while(|t| numbers::is_number_word(t))
                .count();
            let words: Vec<&str> = tokens[i..i + run].iter().map(String::as_str).collect();
            if let Some(n) = (run > 0).then(|| numbers::house_number(&words)).flatten() {
                tokens.splice(i..i + run, std::iter::once(n.to_string()));
            }
        }
        let words: Vec<&str> = tokens[i..].iter().take(2).map(String::as_str).collect();
        if let Some((ord, used)) = numbers::ordinal_numeral(&words) {
            let named = tokens
                .get(i + used)
                .is_some_and(|n| is(STRONG_SUFFIXES, n) || is(WEAK_SUFFIXES, n));
            if named {
                tokens.splice(i..i + used, std::iter::once(ord));
            }
        }
        i += 1;
    }
}

/// A unit named before the street: "the unit is 4b and the building is …", "it's the
/// basement at …", "the upstairs unit at …".
fn unit_before(before: &[String]) -> Option<String> {
    const PLACES: &[&str] = &[
        "upstairs",
        "downstairs",
        "upper",
        "lower",
        "front",
        "back",
        "rear",
        "basement",
    ];
    for k in 0..before.len() {
        let t = before[k].as_str();
        if !(is(UNIT_DESIGNATORS, t) || t.starts_with('#')) {
            continue;
        }
        if k > 0
            && is(PLACES, &before[k - 1])
            && matches!(t, "unit" | "apartment" | "apt" | "suite" | "floor")
        {
            return Some(format!("{} {}", title(&before[k - 1]), title(t)));
        }
        let said: Vec<String> = before[k..].iter().filter(|w| *w != "is").cloned().collect();
        if let Some((u, _)) = unit_at(&said) {
            return Some(u);
        }
    }
    None
}

/// The city, region and code said before the street: "texas round rock …", "ZIP 97204,
/// Portland, and it's …", "its in st johns newfoundland a one c five m two and it's …".
/// A region code that is also a word counts only typed in capitals ("In Nashville TN").
fn lead_place(before: &[String], raw: &str) -> (Option<String>, Option<String>, Option<String>) {
    if before.is_empty() {
        return (None, None, None);
    }
    let joined = spoken_codes(&before.join(" "));
    let words: Vec<&str> = joined.split_whitespace().collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Word,
        Stop,
        Place,
    }
    let mut marks = vec![Mark::Word; words.len()];
    let (mut state, mut zip) = (None, None);
    let upper_in_raw = |code: &str| {
        raw.split(|c: char| !c.is_alphanumeric())
            .any(|w| w == code.to_uppercase())
    };
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w == "," || is(LEAD_WORDS, w) {
            marks[i] = Mark::Stop;
        }
        // A postal code (two tokens) or a ZIP.
        let pair = words.get(i + 1).map(|n| format!("{w} {n}"));
        if let Some(p) = pair.filter(|p| POSTAL_PAIR.is_match(p)) {
            zip = Some(p.to_uppercase());
            marks[i] = Mark::Place;
            marks[i + 1] = Mark::Place;
            i += 2;
            continue;
        }
        if w.len() == 5 && w.chars().all(|c| c.is_ascii_digit()) {
            zip = Some(w.to_owned());
            marks[i] = Mark::Place;
            i += 1;
            continue;
        }
        // A region: its name (longest first), an alias, or a code ("b c", "p e i" joined).
        let letters = words[i..]
            .iter()
            .take(3)
            .take_while(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
            .count();
        let spelled = (letters >= 2).then(|| words[i..i + letters].concat());
        let mut found = None;
        for (code, name) in REGIONS.iter().chain(REGION_ALIASES) {
            if !name.starts_with(w) {
                continue;
            }
            let n = name.split(' ').count();
            if words.get(i..i + n).is_some_and(|ws| ws.join(" ") == *name) {
                found = Some((*code, n));
                break;
            }
        }
        if found.is_none() {
            found = REGIONS
                .iter()
                .find(|(code, _)| {
                    spelled
                        .as_deref()
                        .is_some_and(|s| s.eq_ignore_ascii_case(code))
                        || (w.eq_ignore_ascii_case(code)
                            && (!is(AMBIGUOUS_CODES, w)
                                || upper_in_raw(code)
                                || (i > 0
                                    && marks[i - 1] == Mark::Word
                                    && words.get(i + 1).is_none_or(|n| {
                                        matches!(*n, "at" | "," | "the" | "and")
                                            || (n.len() == 5
                                                && n.chars().all(|c| c.is_ascii_digit()))
                                    }))))
                })
                .map(|(code, _)| {
                    let used = if spelled
                        .as_deref()
                        .is_some_and(|s| s.eq_ignore_ascii_case(code))
                    {
                        letters
                    } else {
                        1
                    };
                    (*code, used)
                });
        }
        if let Some((code, n)) = found {
            // "Kansas City", "Oklahoma City": a state's name that starts a city's.
            if !words
                .get(i + n)
                .is_some_and(|a| matches!(*a, "city" | "beach"))
            {
                state = Some(code.to_owned());
                for m in &mut marks[i..i + n] {
                    *m = Mark::Place;
                }
                i += n;
                continue;
            }
        }
        i += 1;
    }
    // The city: the last run of words next to the region or the code, or after "in".
    let mut city = None;
    let mut k = 0;
    while k < words.len() {
        if marks[k] != Mark::Word {
            k += 1;
            continue;
        }
        let end = (k..words.len())
            .find(|&e| marks[e] != Mark::Word)
            .unwrap_or(words.len());
        let next_place = |from: usize| {
            (from..words.len())
                .find(|&e| words[e] != ",")
                .is_some_and(|e| marks[e] == Mark::Place)
        };
        let prev_place = (0..k)
            .rev()
            .find(|&e| words[e] != ",")
            .is_some_and(|e| marks[e] == Mark::Place);
        let after_in = k > 0 && words[k - 1] == "in";
        let run = &words[k..end];
        if (next_place(end) || prev_place || after_in)
            && run.len() <= 4
            && run.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
            })
        {
            city = Some(
                run.iter()
                    .map(|w| title_place(w))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        k = end;
    }
    (city, state, zip)
}

/// The place after the street, with a correction said in it ("regina no sorry saskatoon"):
/// what is said after the correction replaces what it names.
fn corrected_place(tail: &str) -> (Option<String>, Option<String>, Option<String>) {
    let Some(m) = TAIL_CORRECTION.find_iter(tail).last() else {
        return city_state_zip(tail);
    };
    let (c0, s0, z0) = city_state_zip(&tail[..m.start()]);
    let (c1, s1, z1) = city_state_zip(&tail[m.end()..]);
    (c1.or(c0), s1.or(s0), z1.or(z0))
}

fn house_number(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=6).contains(&digits)
        && t[digits..]
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '/')
        && t.len() - digits <= 2
        && !matches!(&t[digits..], "st" | "nd" | "rd" | "th")
}

/// How many tokens the street takes (house number through suffix and post-directional), and
/// whether a suffix ended it.
fn street_extent(toks: &[String]) -> Option<(usize, bool)> {
    if toks.first().is_some_and(|t| t == "rural" || t == "rr") {
        // "rural route 2 box 14"
        let mut n = if toks[0] == "rr" { 1 } else { 2 };
        while n < toks.len()
            && n < 6
            && (toks[n].chars().all(|c| c.is_ascii_digit()) || toks[n] == "box")
        {
            n += 1;
        }
        return (n > 2).then_some((n, true));
    }
    let mut name_start = 1;
    // "455 E 500 S", "1111 E Street NW": a directional before a street's name, unless the
    // suffix follows it at once (then the letter is the name).
    if toks.get(1).is_some_and(|t| is(DIRECTIONALS, t))
        && toks.len() > 3
        && !toks.get(2).is_some_and(|t| is(STRONG_SUFFIXES, t))
    {
        name_start = 2;
    }
    // A grid address: "455 E 500 S", "10235 101 St NW" (the suffix is read below).
    if toks.get(name_start).is_some_and(|t| road_number(t))
        && toks
            .get(name_start + 1)
            .is_some_and(|t| t.len() <= 2 && is(DIRECTIONALS, t))
    {
        return Some((name_start + 2, true));
    }
    // "4410 Highway 7", "12 US Highway 290 West": the road's kind, then its number.
    let head = name_start + usize::from(toks.get(name_start).is_some_and(|t| t == "us"));
    if toks.get(head).is_some_and(|t| is(NUMBERED_ROAD_HEADS, t))
        && toks.get(head + 1).is_some_and(|t| road_number(t))
    {
        return Some((post_directional(toks, head + 2), true));
    }
    // The region the street can span: up to a comma, "in", a unit designator or a number.
    let end = toks
        .iter()
        .enumerate()
        .skip(name_start)
        .find(|(_, t)| *t == "," || *t == "in" || t.starts_with('#') || is(UNIT_DESIGNATORS, t))
        .map(|(i, _)| i)
        .unwrap_or(toks.len());
    if end <= name_start {
        return None;
    }
    // "rue de la Gauchetière Ouest", "chemin du Lac": the type first, then the name.
    if toks.get(name_start).is_some_and(|t| is(FRENCH_TYPES, t)) && end > name_start + 1 {
        let bounded = end < toks.len();
        let mut n = name_start + 1;
        while n < end && is(FRENCH_PARTICLES, &toks[n]) {
            n += 1;
        }
        if n < end {
            let saint = matches!(toks[n].as_str(), "saint" | "sainte" | "st" | "ste");
            n += 1 + usize::from(saint && n + 1 < end);
            if n < end && is(FRENCH_DIRECTIONALS, &toks[n]) {
                n += 1;
            }
            // Said up to a comma, "in" or a unit: all of it is the street.
            return Some((if bounded { end } else { n }, true));
        }
    }
    let candidates = &toks[name_start..end];
    let pos = |list: &[&str]| {
        candidates
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, t)| is(list, t))
            .map(|(i, _)| i)
    };
    let suffix_at = match pos(STRONG_SUFFIXES) {
        Some(i) => Some(i),
        None => pos(WEAK_SUFFIXES).map(|i| {
            // "Silver Lake Cove": a weak suffix followed by another suffix ends there.
            if candidates
                .get(i + 1)
                .is_some_and(|n| is(WEAK_SUFFIXES, n) || is(STRONG_SUFFIXES, n))
            {
                i + 1
            } else {
                i
            }
        }),
    };
    let Some(s) = suffix_at else {
        // No suffix: the whole region is the street ("123 Broadway, …"); without a comma, one
        // name when a region or a code follows it ("4444 kingsway burnaby b c v5h 2a9").
        if end == toks.len() && end > name_start + 1 {
            let after = toks[name_start + 1..].join(" ");
            let (_, state, zip) = city_state_zip(&spoken_codes(&after));
            if state.is_some() || zip.is_some() {
                return Some((post_directional(toks, name_start + 1), false));
            }
        }
        return Some((end, false));
    };
    let mut len = name_start + s + 1;
    // "Deer Run St", "Fox Hollow Row": a name word that is also a suffix, then the suffix.
    if toks.get(len).is_some_and(|t| is(STRONG_SUFFIXES, t)) {
        len += 1;
    }
    // "Township Road 540", "County Road 12": a numbered road.
    if is(NUMBERED_ROAD_SUFFIXES, &toks[len - 1]) && toks.get(len).is_some_and(|t| road_number(t)) {
        len += 1;
    }
    Some((post_directional(toks, len), true))
}

fn road_number(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=4).contains(&digits) && t.len() - digits <= 1
}

/// The street's length with a post-directional after `len` ("Queen Street West", "Ave NW").
/// A letter form is always the street's; a word is, unless it starts the city's name ("West
/// Des Moines").
fn post_directional(toks: &[String], len: usize) -> usize {
    if toks.get(len).is_some_and(|t| is(FRENCH_DIRECTIONALS, t)) {
        return len + 1;
    }
    let Some(d) = toks.get(len).filter(|t| is(DIRECTIONALS, t)) else {
        return len;
    };
    let after = toks.get(len + 1).map(String::as_str);
    if d.len() <= 2 {
        return len + 1;
    }
    let starts_city = after.is_some_and(|a| {
        let pair = format!("{d} {a}");
        DIRECTIONAL_CITIES.contains(&pair.as_str())
    });
    if starts_city {
        len
    } else {
        len + 1
    }
}

/// A secondary unit at the start of `toks`: "suite 210", "apt number 4", "#12", "unit b".
fn unit_at(toks: &[String]) -> Option<(String, usize)> {
    let first = toks.first()?.as_str();
    if let Some(id) = first.strip_prefix('#') {
        if !id.is_empty() {
            return Some((format!("#{}", id.to_uppercase()), 1));
        }
        let id = toks.get(1)?;
        return Some((format!("#{}", id.to_uppercase()), 2));
    }
    if first == "number" {
        let id = toks
            .get(1)
            .filter(|t| t.chars().any(|c| c.is_ascii_digit()))?;
        return Some((format!("#{}", id.to_uppercase()), 2));
    }
    if !is(UNIT_DESIGNATORS, first) {
        return None;
    }
    let mut used = 1;
    if toks
        .get(1)
        .is_some_and(|t| t == "number" || t == "no" || t == "#")
    {
        used = 2;
    }
    // "apartment four b": the identifier in words.
    let run = toks[used..]
        .iter()
        .take_while(|t| numbers::is_number_word(t))
        .count();
    if run > 0 {
        let words: Vec<&str> = toks[used..used + run].iter().map(String::as_str).collect();
        if let Some(n) = numbers::house_number(&words) {
            let mut id = n.to_string();
            let mut taken = used + run;
            if let Some(letter) = toks
                .get(taken)
                .filter(|t| t.len() == 1 && t.chars().all(|c| c.is_ascii_alphabetic()))
            {
                id.push_str(&letter.to_uppercase());
                taken += 1;
            }
            return Some((format!("{} {id}", title(first)), taken));
        }
    }
    match toks.get(used) {
        Some(id)
            if id.len() <= 6
                && (id.chars().any(|c| c.is_ascii_digit()) || id.len() == 1)
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
        {
            // "apartment 2 b": a letter said apart from the number is the same identifier.
            let letter = toks.get(used + 1).filter(|l| {
                id.chars().all(|c| c.is_ascii_digit())
                    && l.len() == 1
                    && l.chars().all(|c| c.is_ascii_alphabetic())
                    && !toks
                        .get(used + 2)
                        .is_some_and(|a| a.len() == 1 && a.chars().all(|c| c.is_ascii_alphabetic()))
            });
            match letter {
                Some(l) => Some((
                    format!("{} {}{}", title(first), id.to_uppercase(), l.to_uppercase()),
                    used + 2,
                )),
                None => Some((format!("{} {}", title(first), id.to_uppercase()), used + 1)),
            }
        }
        _ if is(BARE_DESIGNATORS, first) => Some((title(first), 1)),
        _ => None,
    }
}

fn city_state_zip(tail: &str) -> (Option<String>, Option<String>, Option<String>) {
    // The ZIP or postal code ends the address wherever it is said; what follows is chatter.
    let without_words = spoken_codes(&ZIP_WORD.replace_all(tail, " "));
    let mut t = without_words.trim().trim_matches(',').trim().to_owned();
    let mut zip = None;
    let mut after_zip = String::new();
    if let Some(c) = ZIP.captures_iter(&t).last() {
        after_zip = t[c.get(1).map_or(t.len(), |m| m.end())..]
            .trim_start_matches([' ', ','])
            .to_lowercase();
        let z: String = c[1].to_uppercase().chars().take(7).collect();
        let z = z.split('-').next().unwrap_or_default().to_owned();
        zip = Some(
            if z.len() == 6
                && !z.contains(' ')
                && z.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            {
                format!("{} {}", &z[..3], &z[3..])
            } else {
                z
            },
        );
        t = t[..c.get(0).map_or(t.len(), |m| m.start())]
            .trim()
            .trim_end_matches(',')
            .trim()
            .to_owned();
    }
    // "B.C.", "n y", "P E I": a region code said or typed letter by letter.
    let words: Vec<&str> = t.split_whitespace().collect();
    let letters = words
        .iter()
        .rev()
        .take_while(|w| w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .count();
    if (2..=3).contains(&letters) && words.len() > letters {
        let code: String = words[words.len() - letters..].concat();
        t = format!("{} {code}", words[..words.len() - letters].join(" "));
    }
    let mut state = None;
    // The province as typed with its accent ("…, Québec"); a city keeps its own ("Montréal").
    if let Some(head) = t
        .strip_suffix("Québec")
        .or_else(|| t.strip_suffix("québec"))
    {
        t = format!("{head}quebec");
    }
    let lower = t.to_lowercase();
    // The region ends the text, as a whole word: its name or its code.
    let ends_with_word = |form: &str| {
        let Some(cut) = lower.len().checked_sub(form.len()) else {
            return false;
        };
        // `get`: a cut inside a multi-byte character is simply not a match.
        lower
            .get(cut..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(form))
            && lower.get(..cut).is_some_and(|head| {
                head.chars()
                    .next_back()
                    .is_none_or(|c| c == ' ' || c == ',')
            })
    };
    for (code, name) in REGIONS.iter().chain(REGION_ALIASES) {
        let alias = REGION_ALIASES.contains(&(*code, *name));
        for form in [*name, *code].into_iter().take(if alias { 1 } else { 2 }) {
            if ends_with_word(form) {
                state = Some((*code).to_owned());
                t = t
                    .len()
                    .checked_sub(form.len())
                    .and_then(|cut| t.get(..cut))
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches(',')
                    .trim()
                    .to_owned();
                break;
            }
        }
        if state.is_some() {
            break;
        }
    }
    if state.is_none() && zip.is_none() {
        // "77 orchard lane wisconsin way out past the lake": a region's name, then chatter.
        let words: Vec<&str> = lower.split_whitespace().collect();
        let hit = (0..words.len()).rev().find_map(|i| {
            REGIONS
                .iter()
                .chain(REGION_ALIASES)
                .find_map(|(code, name)| {
                    if !name.starts_with(words[i].trim_end_matches(',')) {
                        return None;
                    }
                    let n = name.split(' ').count();
                    let said = words.get(i..i + n)?.join(" ");
                    let next = words.get(i + n).copied().unwrap_or("");
                    (said.trim_end_matches(',') == *name
                        && n < words.len() - i
                        && !matches!(next, "city" | "beach"))
                    .then_some((i, *code))
                })
        });
        if let Some((i, code)) = hit {
            state = Some(code.to_owned());
            t = t.split_whitespace().take(i).collect::<Vec<_>>().join(" ");
        }
    }
    if state.is_none() {
        // "Austin 78701, Texas": the region said after the code.
        state = REGIONS
            .iter()
            .find(|(code, name)| {
                [*name, *code].iter().any(|form| {
                    after_zip
                        .get(..form.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(form))
                        && after_zip
                            .get(form.len()..)
                            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
                })
            })
            .map(|(code, _)| (*code).to_owned());
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take_while(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        })
        .collect();
    let city = (!words.is_empty() && words.len() <= 4).then(|| {
        words
            .iter()
            .map(|w| title_place(w))
            .collect::<Vec<_>>()
            .join(" ")
    });
    (city, state, zip)
}

/// A code as the address keeps it: five digits, or "K1P 5G4".
fn postal_format(code: &str) -> String {
    let z: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let z = z.to_uppercase();
    if z.len() == 6 && z.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("{} {}", &z[..3], &z[3..])
    } else {
        z
    }
}

/// ZIP and postal codes said a character at a time, as digits: "seven eight seven oh one" →
/// "78701", "k one p five g four" → "K1P 5G4".
fn spoken_codes(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let digit = |w: &str| -> Option<char> {
        let w = w.trim_matches(',');
        match w {
            "oh" | "o" | "zero" => Some('0'),
            _ if w.len() == 1 && w.chars().all(|c| c.is_ascii_digit()) => w.chars().next(),
            _ => numbers::small(w)
                .filter(|v| *v < 10)
                .and_then(|v| char::from_digit(v, 10)),
        }
    };
    let letter = |w: &str| -> Option<char> {
        let mut c = w.trim_matches(',').chars();
        match (c.next(), c.next()) {
            (Some(l), None) if l.is_ascii_alphabetic() => Some(l.to_ascii_uppercase()),
            _ => None,
        }
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let postal: Option<String> = (0..6)
            .map(|k| {
                let w = words.get(i + k)?;
                if k % 2 == 0 {
                    letter(w)
                } else {
                    digit(w)
                }
            })
            .collect();
        if let Some(p) = postal {
            out.push(format!("{} {}", &p[..3], &p[3..]));
            i += 6;
            continue;
        }
        let zip: Option<String> = (0..5)
            .map(|k| words.get(i + k).and_then(|w| digit(w)))
            .collect();
        if let Some(z) = zip.filter(|_| words.get(i + 5).and_then(|w| digit(w)).is_none()) {
            out.push(z);
            i += 5;
            continue;
        }
        out.push(words[i].to_owned());
        i += 1;
    }
    out.join(" ")
}

fn title(w: &str) -> String {
    crate::text::title_case(w)
}

/// A place's name title-cased, the particles inside a French compound in lower case
/// ("sainte-agathe-des-monts" → "Sainte-Agathe-des-Monts").
fn title_place(w: &str) -> String {
    if !w.contains('-') {
        return title(w);
    }
    w.split('-')
        .enumerate()
        .map(|(k, part)| {
            if k > 0 && is(FRENCH_PARTICLES, &part.to_lowercase()) {
                part.to_lowercase()
            } else {
                title(part)
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// "1420 n lakeshore drive" → "1420 N Lakeshore Drive": directional abbreviations upper case,
/// ordinals ("5th") and house numbers as said, road kinds said as letters upper case ("FM
/// 1960"), French particles after the street's type lower case ("Rue de la Gauchetière").
fn title_words(words: &[String]) -> String {
    let french = words.get(1).is_some_and(|t| is(FRENCH_TYPES, t))
        || words.get(2).is_some_and(|t| is(FRENCH_TYPES, t));
    words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                w.to_lowercase()
            } else if (w.len() <= 2 && is(DIRECTIONALS, w))
                || matches!(w.as_str(), "fm" | "cr" | "sr" | "us")
            {
                w.to_uppercase()
            } else if french && k > 1 && is(FRENCH_PARTICLES, w) {
                w.to_lowercase()
            } else if french && k > 1 {
                title_place(w)
            } else {
                title(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(raw: &str) -> (Option<String>, Option<String>, Option<String>) {
        match find_address(raw) {
            Some(AddressFinding::Found(a)) => (a.street, a.unit, a.city),
            other => panic!("{raw}: {other:?}"),
        }
    }
    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn addresses() {
        assert_eq!(
            parts("123 Main Street, Anytown"),
            (s("123 Main Street"), None, s("Anytown"))
        );
        assert_eq!(
            parts("it's 456 Oak Ave Apt 2B, Springfield, IL 62704"),
            (s("456 Oak Ave"), s("Apt 2B"), s("Springfield"))
        );
        assert_eq!(
            parts("77 Elm Road Shelbyville"),
            (s("77 Elm Road"), None, s("Shelbyville"))
        );
        assert_eq!(
            parts("my cell is 512-555-7788 and the address is 500 Commerce Blvd Suite 210, Round Rock"),
            (s("500 Commerce Blvd"), s("Suite 210"), s("Round Rock"))
        );
        assert_eq!(
            parts("so we're at 1420 Lakeshore Drive in Evanston"),
            (s("1420 Lakeshore Drive"), None, s("Evanston"))
        );
        assert_eq!(
            parts("55 queen street west unit 1204 toronto ontario m5h 2m9"),
            (s("55 Queen Street West"), s("Unit 1204"), s("Toronto"))
        );
        // A rural-route box is a mail address, not a place to visit.
        for raw in [
            "rural route 2 box 14 millbrook",
            "rr 3 box 45",
            "box 14 site 3 rr 2 lacombe",
            "general delivery, millbrook ontario",
        ] {
            assert_eq!(find_address(raw), Some(AddressFinding::PoBox), "{raw}");
        }
        assert_eq!(
            find_address("po box 1234 austin texas"),
            Some(AddressFinding::PoBox)
        );
        assert_eq!(
            find_address("Never mind, I want to cancel, I'll call back later"),
            None
        );
        assert_eq!(find_address("near the walmart"), None);
        assert_eq!(find_address("yes"), None);
        assert!(volunteered_address("and I'm at 42 Elm Street, Springfield").is_some());
    }

    fn all(raw: &str) -> Address {
        match find_address(raw) {
            Some(AddressFinding::Found(a)) => a,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn callers_phrasings() {
        // Post-directionals as words or letters, "that's in" before the city.
        let a = all("1200 kingsway road east that's in calgary alberta");
        assert_eq!(
            (a.street, a.city, a.state),
            (s("1200 Kingsway Road East"), s("Calgary"), s("AB"))
        );
        assert_eq!(all("88 Queen St E, Toronto").street, s("88 Queen St E"));
        assert_eq!(
            all("410 pine ave nw over in albuquerque").city,
            s("Albuquerque")
        );
        // Numbered roads, a civic address with its rural route.
        let a = all("2201 township road 540, rr 1, lacombe");
        assert_eq!(
            (a.street, a.city),
            (s("2201 Township Road 540"), s("Lacombe"))
        );
        assert_eq!(
            all("4410 highway 7 west in kelowna").street,
            s("4410 Highway 7 West")
        );
        assert_eq!(
            all("12 county road 9 springfield").street,
            s("12 County Road 9")
        );
        // House numbers in words.
        assert_eq!(
            all("three oh five maple street").street,
            s("305 Maple Street")
        );
        assert_eq!(
            all("it's twelve forty birch lane").street,
            s("1240 Birch Lane")
        );
        assert_eq!(
            all("four hundred and twelve elm court").street,
            s("412 Elm Court")
        );
        assert_eq!(find_address("give me one second"), None);
        // A pause after the number: a street still makes it a house number.
        assert_eq!(
            all("three oh five, maple street").street,
            s("305 Maple Street")
        );
        // Multi-byte text around the codes never splits a character.
        let _ = find_address("12 main st austin 78701 é texas");
        let _ = find_address("12 main st austin éé");
        let _ = find_address("12 main st austin \u{212A}s");
        // Chatter after the city or the code, a unit corrected, codes anywhere.
        let a = all("77 elm road springfield illinois 62704 and i'm home all day");
        assert_eq!(
            (a.city, a.state, a.zip),
            (s("Springfield"), s("IL"), s("62704"))
        );
        let a = all("500 commerce blvd apt 4 no sorry apt 5 round rock");
        assert_eq!((a.unit, a.city), (s("Apt 5"), s("Round Rock")));
        let a = all("9 oak st austin zip seven eight seven oh one");
        assert_eq!(a.zip, s("78701"));
        let a = all("22 bay st toronto m five h two n two");
        assert_eq!(a.zip, s("M5H 2N2"));
        let a = all("123 no sorry 132 main st unit b as in boy springfield");
        assert_eq!(
            (a.street, a.unit, a.city),
            (s("132 Main St"), s("Unit B"), s("Springfield"))
        );
        assert_eq!(
            all("44 elm st apartment four b austin").unit,
            s("Apartment 4B")
        );
        let a = all("12 main st, springfield il, apt 4");
        assert_eq!(
            (a.unit, a.city, a.state),
            (s("Apt 4"), s("Springfield"), s("IL"))
        );
        let a = all("800 burrard st vancouver b c");
        assert_eq!((a.city, a.state), (s("Vancouver"), s("BC")));
        let a = all("1 main st, montréal, québec h2x 1y4");
        assert_eq!((a.city, a.state), (s("Montréal"), s("QC")));
        let a = all("we're in round rock texas at 500 commerce blvd");
        assert_eq!((a.city, a.state), (s("Round Rock"), s("TX")));
    }
    #[test]
    fn place_and_code_before_the_street() {
        // The region, the city and the code may all come first, in any order.
        let a = all("nevada henderson 2210 sunset road");
        assert_eq!(
            (a.street, a.city, a.state),
            (s("2210 Sunset Road"), s("Henderson"), s("NV"))
        );
        let a = all("zip code 53703 madison and it's 14 state street");
        assert_eq!(
            (a.street, a.city, a.zip),
            (s("14 State Street"), s("Madison"), s("53703"))
        );
        let a = all("postal code k two p one l four and the address is 90 elgin street ottawa");
        assert_eq!((a.city, a.zip), (s("Ottawa"), s("K2P 1L4")));
        // A code that is also a word counts before the street only where a region stands.
        let a = all("ok zip is 73102 and it's 5 main st norman");
        assert_eq!((a.state, a.zip), (None, s("73102")));
        let a = all("In Portland OR 97201, 3 Elm St");
        assert_eq!((a.city, a.state), (s("Portland"), s("OR")));
        let a = all("bloomington in 47401 at 77 kirkwood ave");
        assert_eq!(a.state, s("IN"));
        // A region corrected before the street.
        let a = all("its in nb i mean nova scotia truro 8 prince st");
        assert_eq!((a.city, a.state), (s("Truro"), s("NS")));
    }

    #[test]
    fn region_names_codes_and_aliases() {
        let a = all("12 main street worcester mass oh one six oh eight");
        assert_eq!((a.state, a.zip), (s("MA"), s("01608")));
        let a = all("4 queen street charlottetown p e i");
        assert_eq!(a.state, s("PE"));
        let a = all("90 water street in st johns newfoundland");
        assert_eq!(a.state, s("NL"));
        // A state's name followed by chatter, and one that starts a city's name.
        let a = all("15 birch lane vermont way up the hill");
        assert_eq!((a.city, a.state), (None, s("VT")));
        assert_eq!(all("15 birch lane kansas city").city, s("Kansas City"));
        // ZIP+4 keeps five digits, wherever the code is named.
        assert_eq!(all("8 oak st dover de 19901-4321").zip, s("19901"));
        assert_eq!(
            all("8 oak st dover delaware and the zip plus four is 19901-4321").zip,
            s("19901")
        );
    }

    #[test]
    fn french_streets() {
        let a = all("300 rue du Petit-Champlain, Québec, QC G1K 4H4");
        assert_eq!(a.street, s("300 Rue du Petit-Champlain"));
        let a = all("c'est 200 chemin de la montagne ouest gatineau");
        assert_eq!(
            (a.street, a.city),
            (s("200 Chemin de la Montagne Ouest"), s("Gatineau"))
        );
        let a = all("45 boulevard saint laurent montreal quebec");
        assert_eq!(
            (a.street, a.city, a.state),
            (s("45 Boulevard Saint Laurent"), s("Montreal"), s("QC"))
        );
        let a = all("8 rue des érables app 4 saint-jean-sur-richelieu");
        assert_eq!(
            (a.street, a.unit, a.city),
            (
                s("8 Rue des Érables"),
                s("App 4"),
                s("Saint-Jean-sur-Richelieu")
            )
        );
    }

    #[test]
    fn numbered_and_grid_streets() {
        assert_eq!(
            all("1320 e 2100 s salt lake city ut").street,
            s("1320 E 2100 S")
        );
        assert_eq!(
            all("10235 101 st nw edmonton alberta").street,
            s("10235 101 St NW")
        );
        assert_eq!(all("4 5 1 2 w 7th ave denver").street, s("4512 W 7th Ave"));
        assert_eq!(
            all("six oh one state route twenty two").street,
            s("601 State Route 22")
        );
        assert_eq!(
            all("three hundred west fourth street austin").street,
            s("300 West 4th Street")
        );
        assert_eq!(
            all("forty forty thirty first avenue").street,
            s("4040 31st Avenue")
        );
        assert_eq!(all("1200 fm one nine eight four").street, s("1200 FM 1984"));
        assert_eq!(
            all("22 e street se washington dc").street,
            s("22 E Street SE")
        );
        // A number said digit by digit before a street without a suffix.
        let a = all("two two one one broadway vancouver b c");
        assert_eq!((a.street, a.city), (s("2211 Broadway"), s("Vancouver")));
    }

    #[test]
    fn corrections_and_units() {
        assert_eq!(
            all("40 lake road no wait 40 lake shore road").street,
            s("40 Lake Shore Road")
        );
        assert_eq!(
            all("9 western avenue sorry western parkway boston").street,
            s("9 Western Parkway")
        );
        assert_eq!(
            all("9 elm st in dayton no sorry kettering ohio").city,
            s("Kettering")
        );
        assert_eq!(all("12 oak st apartment 3 c reno").unit, s("Apartment 3C"));
        assert_eq!(all("12 oak st number 14 reno").unit, s("#14"));
        assert_eq!(
            all("the apartment is 7 and the building is 55 pine street").unit,
            s("Apartment 7")
        );
        assert_eq!(
            all("it's the downstairs apartment at 5 vine st").unit,
            s("Downstairs Apartment")
        );
        assert_eq!(
            all("88 king st unit 2 oh sorry no unit 3 hamilton").unit,
            s("Unit 3")
        );
        // Highway-contract boxes are mail drops.
        assert_eq!(
            find_address("hc 3 box 12 marfa texas"),
            Some(AddressFinding::PoBox)
        );
        // Fillers and a spaced house number.
        let a = all("uh um 1 2 3 4 maple dr uh topeka");
        assert_eq!((a.street, a.city), (s("1234 Maple Dr"), s("Topeka")));
    }

    mod round_trip {
        use super::super::*;
        use proptest::prelude::*;

        const NAMES: &[&str] = &["maple", "cedar", "lakeview", "hawthorne", "kingsley"];
        const SUFFIXES: &[(&str, &str)] = &[
            ("street", "Street"),
            ("ave", "Ave"),
            ("road", "Road"),
            ("drive", "Drive"),
        ];
        const CITIES: &[&str] = &["springfield", "round rock", "oak park", "red deer"];
        const STATES: &[(&str, &str)] = &[
            ("TX", "texas"),
            ("OH", "ohio"),
            ("IN", "indiana"),
            ("OR", "oregon"),
            ("NY", "new york"),
        ];
        const DIGITS: &[&str] = &[
            "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        ];

        fn spoken(digits: &str) -> String {
            digits
                .chars()
                .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
                .collect::<Vec<_>>()
                .join(" ")
        }
        fn title_all(s: &str) -> String {
            s.split(' ')
                .map(crate::text::title_case)
                .collect::<Vec<_>>()
                .join(" ")
        }

        proptest! {
            /// Street, city, state and ZIP come back whatever order they are said in and
            /// however the numbers are said.
            #[test]
            fn any_order_any_form(
                house in 1u32..99_999,
                name in 0..NAMES.len(),
                suffix in 0..SUFFIXES.len(),
                city in 0..CITIES.len(),
                state in 0..STATES.len(),
                zip in 10_000u32..99_999,
                order in 0..4usize,
                words in any::<bool>(),
                code_said in any::<bool>(),
            ) {
                let (sfx, sfx_title) = SUFFIXES[suffix];
                let (code, state_name) = STATES[state];
                let number = if words { spoken(&house.to_string()) } else { house.to_string() };
                let zip_said = if words { spoken(&zip.to_string()) } else { zip.to_string() };
                let region = if code_said { code.to_owned() } else { state_name.to_owned() };
                let street = format!("{number} {} {sfx}", NAMES[name]);
                let text = match order {
                    0 => format!("it's {street} {} {region} {zip_said}", CITIES[city]),
                    1 => format!("{region} {} {zip_said} and it's {street}", CITIES[city]),
                    2 => format!("zip {zip_said}, {}, {region}, {street}", CITIES[city]),
                    _ => format!("we're in {}, {region}, at {street}", CITIES[city]),
                };
                let Some(AddressFinding::Found(a)) = find_address(&text) else {
                    return Err(TestCaseError::fail(format!("not read: {text}")));
                };
                prop_assert_eq!(
                    a.street,
                    Some(format!("{house} {} {sfx_title}", crate::text::title_case(NAMES[name]))),
                    "{}", text
                );
                prop_assert_eq!(a.city, Some(title_all(CITIES[city])), "{}", text);
                prop_assert_eq!(a.state.as_deref(), Some(code), "{}", text);
                if order != 3 {
                    prop_assert_eq!(a.zip, Some(zip.to_string()), "{}", text);
                }
            }

            /// Ordinal street names said in words come back as a sign writes them.
            #[test]
            fn ordinals(n in 1u32..99) {
                const UNITS: &[&str] = &["", "first", "second", "third", "fourth", "fifth",
                    "sixth", "seventh", "eighth", "ninth"];
                const TEENS: &[&str] = &["tenth", "eleventh", "twelfth", "thirteenth",
                    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
                    "nineteenth"];
                const TENS: &[&str] = &["", "", "twenty", "thirty", "forty", "fifty", "sixty",
                    "seventy", "eighty", "ninety"];
                const TENTHS: &[&str] = &["", "", "twentieth", "thirtieth", "fortieth",
                    "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];
                let said = match n {
                    1..=9 => UNITS[n as usize].to_owned(),
                    10..=19 => TEENS[n as usize - 10].to_owned(),
                    _ if n % 10 == 0 => TENTHS[n as usize / 10].to_owned(),
                    _ => format!("{} {}", TENS[n as usize / 10], UNITS[n as usize % 10]),
                };
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                let a = find_address(&format!("500 {said} street tulsa"));
                let Some(AddressFinding::Found(a)) = a else {
                    return Err(TestCaseError::fail(said));
                };
                prop_assert_eq!(a.street, Some(format!("500 {n}{suffix} Street")));
            }
        }
    }
}
