//! Time answers: "as soon as possible", "tomorrow morning", "the 12th at 3:45", "quarter to
//! four in the afternoon", "thursday next week", "between 1 and 3". Relative dates resolve in
//! the company's zone from the injected instant; a date or time already past is never chosen.

use std::sync::LazyLock;

use jiff::{civil, tz::TimeZone, Timestamp, ToSpan};
use regex::Regex;

use super::numbers;
use super::re;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeAnswer {
    /// "ASAP" | "morning" | "afternoon" | "specific"
    pub preference: &'static str,
    pub window: Option<String>,
}

impl TimeAnswer {
    fn specific(window: String) -> Self {
        Self {
            preference: "specific",
            window: Some(window),
        }
    }
    fn asap() -> Self {
        Self {
            preference: "ASAP",
            window: None,
        }
    }
}

static ASAP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(asap|a\.s\.a\.p|as soon as (possible|you can|you guys can)|right now if (possible|you can)|soonest|earliest|right away|immediately|first (available|opening)|next (available|opening)|whenever you can|as early as (possible|you can)|emergency|urgent|urgently|today if (possible|you can)|same day|sooner the better|first opening)\b",
    )
});
/// "Any time": no preference, so the soonest.
static ANYTIME: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(anytime|any time|whenever|flexible|doesn't matter when)\b"));
static CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(no wait|wait no|actually|sorry i mean|i mean|no actually|scratch that|or rather|make that|no sorry|sorry|no no|no)\b",
    )
});
static AMPM: LazyLock<Regex> = LazyLock::new(|| re(r"\b([ap])\.?\s?m\b\.?|\bo'?\s?clock\b"));
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:between|from)\s+(\d{1,2}|noon)(?::\d\d)?\s*(am|pm)?\s+(?:and|to|until|till|-)\s+(\d{1,2}|noon)(?::\d\d)?\s*(am|pm)?|\b(\d{1,2})(?::00)?\s*(am|pm)?\s*(?:-|to|till|til|until|through|thru)\s*(\d{1,2})(?::00)?(?:\s*(am|pm))?\b(?:\s+(\w+))?",
    )
});
static CLOCK_HM: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2}):(\d\d)\s*(am|pm)?"));
static CLOCK_H_AMPM: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})\s*(am|pm|oclock)\b"));
static CLOCK_H_PART: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s)(\d{1,2})\s+(?:in the (?:morning|afternoon|evening)|this (?:morning|afternoon|evening)|tonight|at night)\b",
    )
});
static NOON: LazyLock<Regex> = LazyLock::new(|| re(r"\b(noon|midday)\b"));
/// "at 3", "around 10": a bare hour after a preposition (not "in 5 days", not "the 12th").
static CLOCK_AT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:at|around|about|by|say|for|do|is|until|before|like|maybe|probably|roughly|approximately|after)\s+(\d{1,2})(?:\s+(\w+))?(?:$|[\s,.!?])",
    )
});
static PART: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(mornings?|first thing|afternoons?|after lunch|evenings?|after work|tonight)\b")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(next week on |next )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)( of next week| next week)?\b",
    )
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b|\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+of\s+(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b|\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b",
    )
});
static DAY_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| re(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b"));
static IN_DAYS: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bin\s+(\d{1,2}|a)\s+(days?|weeks?)\b|\ba week from (today|now)\b"));

/// The month number of a month name or abbreviation.
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let m = match &w[..3] {
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
        "dec" => 12,
        _ => return None,
    };
    // Only the name or its usual abbreviation ("marching" is not March).
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][m as usize - 1];
    (full.starts_with(w) || w == "sept").then_some(m)
}

fn weekday(word: &str) -> Option<civil::Weekday> {
    use civil::Weekday::*;
    Some(match word {
        "monday" => Monday,
        "tuesday" => Tuesday,
        "wednesday" => Wednesday,
        "thursday" => Thursday,
        "friday" => Friday,
        "saturday" => Saturday,
        "sunday" => Sunday,
        _ => return None,
    })
}

/// Parse a time preference. Relative dates resolve in `tz` from `now`; `None` when the text
/// names no time, or only one already past.
pub fn extract_time(norm: &str, now: Timestamp, tz: &TimeZone) -> Option<TimeAnswer> {
    // A self-correction: what follows the last "no wait" / "actually" is the answer.
    if let Some(m) = CORRECTION.find_iter(norm).last() {
        if let Some(t) = parse(&norm[m.end()..], now, tz) {
            return Some(t);
        }
    }
    parse(norm, now, tz)
}

fn clean(norm: &str) -> String {
    let t: String = norm
        .chars()
        .map(|c| {
            if matches!(c, ',' | '?' | '!' | ';' | '"') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let t = AMPM.replace_all(&t, |c: &regex::Captures<'_>| match c.get(1) {
        Some(ap) => format!("{}m", ap.as_str()),
        None => "oclock".to_owned(),
    });
    let t = t.replace("o clock", "oclock");
    let t: String = t.trim_end_matches('.').replace(". ", " ");
    let t = ABBREVIATION.replace_all(&t, |c: &regex::Captures<'_>| {
        full_word(&c[1]).unwrap_or(&c[1]).to_owned()
    });
    let t = GLUED_ISH.replace_all(&t, "$1 ish");
    let t = numbers::time_words_to_digits(&t);
    // "9ish", "nine ish", "noonish": about that time, an hour even without "at".
    ISH.replace_all(&t, "at $1").into_owned()
}

/// Weekday and day abbreviations callers type or a recogniser writes ("Sat", "Thurs", "tmrw").
static ABBREVIATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|tmrw|tmr|tmw|tmrow|tomorow|tommorow|tommorrow|tomorrw|2morrow|2moro|2mrw|tonite|2nite|aft|arvo|mornin|evenin)\b\.?",
    )
});
static GLUED_ISH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)ish\b")
});
static ISH: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2}(?::\d\d)?|noon)\s*-?\s*ish\b"));

fn full_word(abbreviation: &str) -> Option<&'static str> {
    Some(match abbreviation {
        "mon" => "monday",
        "tue" | "tues" => "tuesday",
        "wed" | "weds" => "wednesday",
        "thu" | "thur" | "thurs" => "thursday",
        "fri" => "friday",
        "sat" => "saturday",
        "sun" => "sunday",
        "tonite" | "2nite" => "tonight",
        "aft" | "arvo" => "afternoon",
        "mornin" => "morning",
        "evenin" => "evening",
        _ => "tomorrow",
    })
}

fn parse(norm: &str, now: Timestamp, tz: &TimeZone) -> Option<TimeAnswer> {
    let t = clean(norm);
    if ASAP.is_match(&t) || ASAP.is_match(norm) {
        return Some(TimeAnswer::asap());
    }
    let zoned = now.to_zoned(tz.clone());
    let today = zoned.date();
    let date = resolve_date(&t, today);
    let part = PART.captures(&t).map(|c| match &c[1] {
        "morning" | "mornings" | "first thing" => "morning",
        "afternoon" | "afternoons" | "after lunch" => "afternoon",
        _ => "evening",
    });
    let pm_hint = match part {
        Some("morning") => Some(false),
        Some(_) => Some(true),
        None => None,
    };
    // "2 to 3 days" is a length, not a range of hours.
    let not_hours = [
        "days", "day", "weeks", "week", "hours", "hour", "minutes", "people", "years", "of",
    ];
    if let Some(c) = RANGE
        .captures_iter(&t)
        .find(|c| c.get(9).is_none_or(|w| !not_hours.contains(&w.as_str())))
    {
        let (a, am_a, b, am_b) = if c.get(1).is_some() {
            (1, 2, 3, 4)
        } else {
            (5, 6, 7, 8)
        };
        let ap = |i: usize| c.get(i).map(|m| m.as_str() == "pm");
        let end_pm = ap(am_b).or(pm_hint);
        let start_pm = ap(am_a)
            .or(end_pm.filter(|_| c.get(am_b).is_some()))
            .or(pm_hint);
        let e = hour24(&c[b], end_pm)?;
        let mut s = hour24(&c[a], start_pm)?;
        if s >= e {
            // "between 11 and 1 pm": the pm belongs to the end only.
            s = hour24(&c[a], None)?;
        }
        if s < e && e <= 24 {
            return match date {
                Some(d) if d == today && e <= zoned.hour() as u32 => None,
                Some(d) => Some(TimeAnswer::specific(format!("{d} {s}-{e}"))),
                None => Some(TimeAnswer::specific(format!("{s}-{e}"))),
            };
        }
    }
    if let Some((hour, minute)) = clock(&t, pm_hint) {
        if hour >= 24 || minute >= 60 {
            return None;
        }
        let time = civil::time(hour as i8, minute as i8, 0, 0);
        let date = match date {
            Some(d) if d == today && time <= zoned.time() => return None,
            Some(d) => d,
            None if zoned.time() < time => today,
            None => today.tomorrow().ok()?,
        };
        return Some(TimeAnswer::specific(format!(
            "{date} {}",
            time.strftime("%H:%M")
        )));
    }
    let window = |p: &str| match p {
        "morning" => "8-12",
        "afternoon" => "12-17",
        _ => "17-20",
    };
    let ends = |p: &str| match p {
        "morning" => 12,
        "afternoon" => 17,
        _ => 20,
    };
    match (date, part) {
        (Some(d), Some(p)) => {
            if d == today && zoned.hour() >= ends(p) {
                return None;
            }
            Some(TimeAnswer {
                preference: match p {
                    "morning" => "morning",
                    "afternoon" => "afternoon",
                    _ => "specific",
                },
                window: Some(format!("{d} {}", window(p))),
            })
        }
        (Some(d), None) => Some(TimeAnswer::specific(d.to_string())),
        (None, Some("morning")) => Some(TimeAnswer {
            preference: "morning",
            window: None,
        }),
        (None, Some("afternoon")) => Some(TimeAnswer {
            preference: "afternoon",
            window: None,
        }),
        (None, Some(_)) => Some(TimeAnswer::specific("17-20".into())),
        (None, None) => ANYTIME.is_match(&t).then(TimeAnswer::asap),
    }
}

/// The clock time the caller names, if any, on the 24-hour clock.
fn clock(t: &str, pm_hint: Option<bool>) -> Option<(u32, u32)> {
    if let Some(c) = CLOCK_HM.captures(t) {
        let pm = c.get(3).map(|m| m.as_str() == "pm").or(pm_hint);
        return Some((hour24(&c[1], pm)?, c[2].parse().ok()?));
    }
    if let Some(c) = CLOCK_H_AMPM.captures(t) {
        let pm = match &c[2] {
            "pm" => Some(true),
            "am" => Some(false),
            _ => pm_hint,
        };
        return Some((hour24(&c[1], pm)?, 0));
    }
    if let Some(c) = CLOCK_H_PART.captures(t) {
        return Some((hour24(&c[1], pm_hint)?, 0));
    }
    if NOON.is_match(t) {
        return Some((12, 0));
    }
    let not_an_hour = [
        "days", "day", "weeks", "week", "of", "people", "minutes", "hours", "years",
    ];
    if let Some(c) = CLOCK_AT
        .captures_iter(t)
        .find(|c| c.get(2).is_none_or(|w| !not_an_hour.contains(&w.as_str())))
    {
        return Some((hour24(&c[1], pm_hint)?, 0));
    }
    let bare = t.trim();
    if bare.len() <= 2 && bare.chars().all(|c| c.is_ascii_digit()) {
        return Some((hour24(bare, pm_hint)?, 0));
    }
    None
}

/// An hour as said, on the 24-hour clock. `pm`: what the caller said (am/pm, or a part of the
/// day); without it a bare hour means business hours (1–6 the afternoon, 7–11 the morning).
fn hour24(h: &str, pm: Option<bool>) -> Option<u32> {
    if h == "noon" {
        return Some(12);
    }
    let h: u32 = h.parse().ok()?;
    Some(match (h, pm) {
        (13..=24, _) | (0, _) => h,
        (12, Some(false)) => 0,
        (12, _) => 12,
        (_, Some(true)) => h + 12,
        (_, Some(false)) => h,
        (1..=6, None) => h + 12,
        _ => h,
    })
}

fn resolve_date(t: &str, today: civil::Date) -> Option<civil::Date> {
    if text::contains_phrase(t, "day after tomorrow") {
        return today.checked_add(2.days()).ok();
    }
    if text::contains_phrase(t, "tomorrow") {
        return today.tomorrow().ok();
    }
    if text::contains_phrase(t, "today")
        || text::contains_phrase(t, "tonight")
        || text::contains_phrase(t, "this morning")
        || text::contains_phrase(t, "this afternoon")
        || text::contains_phrase(t, "this evening")
    {
        return Some(today);
    }
    if let Some(c) = IN_DAYS.captures(t) {
        if c.get(3).is_some() {
            return today.checked_add(7.days()).ok();
        }
        let n: i64 = if &c[1] == "a" { 1 } else { c[1].parse().ok()? };
        let days = if c[2].starts_with("week") { n * 7 } else { n };
        return today.checked_add(days.days()).ok();
    }
    if let Some(c) = MONTH_DAY.captures(t) {
        let (month, day, year) = if let Some(m) = c.get(1) {
            (month_number(m.as_str())?, c[2].parse().ok()?, None)
        } else if let Some(d) = c.get(3) {
            (month_number(&c[4])?, d.as_str().parse().ok()?, None)
        } else {
            let y = c.get(7).and_then(|y| y.as_str().parse::<i16>().ok());
            (c[5].parse().ok()?, c[6].parse().ok()?, y)
        };
        if let Some(y) = year {
            let y = if y < 100 { 2000 + y } else { y };
            return civil::Date::new(y, month, day).ok().filter(|d| *d >= today);
        }
        let this_year = civil::Date::new(today.year(), month, day).ok()?;
        return if this_year >= today {
            Some(this_year)
        } else {
            this_year.checked_add(1.year()).ok()
        };
    }
    if let Some(c) = WEEKDAY.captures(t) {
        let wd = weekday(&c[2])?;
        if c.get(1).is_some() || c.get(3).is_some() {
            // The given day of next week (weeks start on Monday).
            let monday = today
                .checked_add((7 - today.weekday().to_monday_zero_offset() as i64).days())
                .ok()?;
            return monday
                .checked_add((wd.to_monday_zero_offset() as i64).days())
                .ok();
        }
        return today.nth_weekday(1, wd).ok();
    }
    if let Some(c) = DAY_OF_MONTH.captures(t) {
        let day: i8 = c[1].parse().ok()?;
        let mut first = today.first_of_month();
        for _ in 0..3 {
            if let Ok(d) = civil::Date::new(first.year(), first.month(), day) {
                if d >= today {
                    return Some(d);
                }
            }
            first = first.checked_add(1.month()).ok()?;
        }
    }
    None
}

/// The time preference in words for the completion message and read-backs.
pub fn time_phrase(preference: &str, window: Option<&str>, asap_phrase: &str) -> String {
    let on_day = |w: &str| -> Option<(String, Option<String>)> {
        let mut it = w.splitn(2, ' ');
        let d = it.next()?.parse::<civil::Date>().ok()?;
        Some((
            d.strftime("%A, %B %-d").to_string(),
            it.next().map(str::to_owned),
        ))
    };
    match (preference, window) {
        ("ASAP", _) => asap_phrase.to_owned(),
        ("morning" | "afternoon", Some(w)) => match on_day(w) {
            Some((day, _)) => format!("on {day} in the {preference}"),
            None => format!("in the {preference}"),
        },
        ("morning", None) => "in the morning".to_owned(),
        ("afternoon", None) => "in the afternoon".to_owned(),
        (_, Some(w)) => match on_day(w) {
            Some((day, Some(rest))) => format!("on {day} {}", clock_words(&rest)),
            Some((day, None)) => format!("on {day}"),
            None => clock_words(w),
        },
        _ => "at the time you asked for".to_owned(),
    }
}

/// "14:30" → "at 2:30 PM", "13-15" → "between 1 PM and 3 PM", "17-20" → "in the evening".
fn clock_words(part: &str) -> String {
    let twelve = |h: u32, m: u32| {
        let (h12, ap) = match h {
            0 => (12, "AM"),
            1..=11 => (h, "AM"),
            12 => (12, "PM"),
            _ => (h - 12, "PM"),
        };
        if m == 0 {
            format!("{h12} {ap}")
        } else {
            format!("{h12}:{m:02} {ap}")
        }
    };
    if let Some((h, m)) = part.split_once(':') {
        if let (Ok(h), Ok(m)) = (h.parse(), m.parse()) {
            return format!("at {}", twelve(h, m));
        }
    }
    if part == "17-20" {
        return "in the evening".to_owned();
    }
    if let Some((a, b)) = part.split_once('-') {
        if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
            return format!("between {} and {}", twelve(a, 0), twelve(b, 0));
        }
    }
    format!("({part})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callers_phrasings() {
        // Sunday 2026-11-22, 09:00 in Chicago.
        let now: Timestamp = "2026-11-22T15:00:00Z".parse().unwrap();
        let tz = TimeZone::get("America/Chicago").unwrap();
        let w = |s: &str| extract_time(&text::normalize(s), now, &tz).and_then(|a| a.window);
        // Abbreviations, approximations, questions.
        assert_eq!(w("Sat morning?").as_deref(), Some("2026-11-28 8-12"));
        assert_eq!(w("thurs like 9 ish").as_deref(), Some("2026-11-26 09:00"));
        assert_eq!(w("tmrw tenish").as_deref(), Some("2026-11-23 10:00"));
        assert_eq!(
            w("can you guys do thursday at two").as_deref(),
            Some("2026-11-26 14:00")
        );
        // Today is Sunday: "Sunday" is the next one.
        assert_eq!(
            w("Sunday around noon?").as_deref(),
            Some("2026-11-29 12:00")
        );
        // Ranges with a day; a length is not a range.
        assert_eq!(w("wednesday 1 to 3").as_deref(), Some("2026-11-25 13-15"));
        assert_eq!(
            w("saturday 9 to 11 works").as_deref(),
            Some("2026-11-28 9-11")
        );
        assert_eq!(w("in 2 to 3 days"), None);
        // Later today, and a day corrected.
        assert_eq!(w("this evening").as_deref(), Some("2026-11-22 17-20"));
        assert_eq!(w("tonight if you can").as_deref(), Some("2026-11-22 17-20"));
        assert_eq!(w("thursday, no, friday").as_deref(), Some("2026-11-27"));
    }

    #[test]
    fn times() {
        // Sunday 2026-11-22, 09:00 in Chicago.
        let now: Timestamp = "2026-11-22T15:00:00Z".parse().unwrap();
        let tz = TimeZone::get("America/Chicago").unwrap();
        let t = |s: &str| extract_time(&text::normalize(s), now, &tz);
        let w = |s: &str| t(s).and_then(|a| a.window);
        assert_eq!(t("As soon as possible").unwrap().preference, "ASAP");
        assert_eq!(t("mornings are best").unwrap().preference, "morning");
        assert_eq!(t("afternoon").unwrap().preference, "afternoon");
        assert_eq!(w("tomorrow at 10am").as_deref(), Some("2026-11-23 10:00"));
        assert_eq!(w("between 8 and 10").as_deref(), Some("8-10"));
        assert_eq!(w("between 1 and 3").as_deref(), Some("13-15"));
        let monday = t("monday morning").unwrap();
        assert_eq!(
            (monday.preference, monday.window.as_deref()),
            ("morning", Some("2026-11-23 8-12"))
        );
        assert_eq!(w("12/20 at 2pm").as_deref(), Some("2026-12-20 14:00"));
        assert_eq!(w("the 8th").as_deref(), Some("2026-12-08"));
        assert_eq!(
            w("It will be on 14th of March").as_deref(),
            Some("2027-03-14")
        );
        assert_eq!(w("18:00").as_deref(), Some("2026-11-22 18:00"));
        assert_eq!(w("Time is 11:30").as_deref(), Some("2026-11-22 11:30"));
        assert_eq!(w("At five pm please").as_deref(), Some("2026-11-22 17:00"));
        assert_eq!(w("How about one pm?").as_deref(), Some("2026-11-22 13:00"));
        assert_eq!(
            w("10:30 in the morning").as_deref(),
            Some("2026-11-22 10:30")
        );
        assert_eq!(
            w("quarter to 4 in the afternoon").as_deref(),
            Some("2026-11-22 15:45")
        );
        // Weeks start on Monday: on a Sunday, next week begins tomorrow.
        assert_eq!(w("Thursday next week").as_deref(), Some("2026-11-26"));
        assert_eq!(w("day after tomorrow").as_deref(), Some("2026-11-24"));
        assert_eq!(
            w("at 7 in the evening").as_deref(),
            Some("2026-11-22 19:00")
        );
        assert_eq!(w("the 12th at 3:45").as_deref(), Some("2026-12-12 15:45"));
        assert_eq!(
            w("tuesday no wait wednesday").as_deref(),
            Some("2026-11-25")
        );
        assert_eq!(t("today at 8am"), None, "already past");
        assert_eq!(t("who knows"), None);
    }
}
