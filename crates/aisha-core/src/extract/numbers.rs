//! Numbers as callers say them and speech-to-text writes them: "five five five", "double
//! five", "oh" for zero, "seventy seven eighty eight", "three thirty", "the eighth".
//!
//! Written here rather than taken from a number-words crate: what matters on the phone is
//! digit-group speech ("five twelve" is 512, "oh" is 0, "double five" is 55), which general
//! number parsers read as arithmetic ("five twelve" is not a number to them).

/// The value of a number word below 100 that stands alone ("seven", "twelve", "forty").
pub fn small(word: &str) -> Option<u32> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return tens(word),
    })
}

fn tens(word: &str) -> Option<u32> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn ordinal(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        _ => return None,
    })
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A number below 100 starting at `words[i]` ("twenty five", "seven"): value and words used.
fn number_at(words: &[&str], i: usize) -> Option<(u32, usize)> {
    let w = *words.get(i)?;
    if let Some(t) = tens(w) {
        if let Some(u) = words
            .get(i + 1)
            .and_then(|n| small(n))
            .filter(|u| *u < 10 && *u > 0)
        {
            return Some((t + u, 2));
        }
        return Some((t, 1));
    }
    small(w).map(|v| (v, 1))
}

/// An ordinal starting at `words[i]` ("eighth", "twenty first"): value and words used.
fn ordinal_at(words: &[&str], i: usize) -> Option<(u32, usize)> {
    let w = *words.get(i)?;
    if let (Some(t), Some(o)) = (tens(w), words.get(i + 1).and_then(|n| ordinal(n))) {
        if o < 10 {
            return Some((t + o, 2));
        }
    }
    ordinal(w).map(|v| (v, 1))
}

/// An ordinal said in words at the start of `words` ("ninth", "twenty second"), written the
/// way a street sign writes it ("9th", "22nd"), with the words it used.
pub fn ordinal_numeral(words: &[&str]) -> Option<(String, usize)> {
    let (n, used) = ordinal_at(words, 0)?;
    Some((format!("{n}{}", ordinal_suffix(n)), used))
}

/// Whether `word` is an ordinal word ("ninth", "twentieth").
pub fn is_ordinal_word(word: &str) -> bool {
    ordinal(word).is_some()
}

/// A house number said in words, the way people say them: digit groups ("three oh five" →
/// 305, "twelve forty" → 1240, "one twenty three" → 123, "ten ten" → 1010) or a cardinal
/// with "hundred" / "thousand" ("four hundred and twelve" → 412, "twenty one hundred" →
/// 2100). `words` is the whole run of number words; `None` when it is not one number.
pub fn house_number(words: &[&str]) -> Option<u64> {
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    if words.iter().any(|w| matches!(*w, "hundred" | "thousand")) {
        let (mut total, mut current) = (0u64, 0u64);
        let mut i = 0;
        while i < words.len() {
            match words[i] {
                "hundred" => current = current.max(1) * 100,
                "thousand" => {
                    total += current.max(1) * 1000;
                    current = 0;
                }
                "and" => {}
                _ => {
                    let (v, used) = number_at(words, i)?;
                    current += u64::from(v);
                    i += used;
                    continue;
                }
            }
            i += 1;
        }
        return Some(total + current);
    }
    let mut digits = String::new();
    let mut i = 0;
    while i < words.len() {
        if matches!(words[i], "oh" | "o") {
            digits.push('0');
            i += 1;
            continue;
        }
        let (v, used) = number_at(words, i)?;
        digits.push_str(&v.to_string());
        i += used;
    }
    if digits.len() > 6 {
        return None;
    }
    digits.parse().ok()
}

/// Whether a word can be part of a number said in words.
pub fn is_number_word(w: &str) -> bool {
    small(w).is_some() || matches!(w, "oh" | "hundred" | "thousand")
}

/// Times and dates with their number words as digits: "three thirty" → "3:30", "ten oh
/// five" → "10:05", "quarter to four" → "3:45", "half past two" → "2:30", "the eighth" →
/// "the 8th", "in two days" → "in 2 days". Ordinals are read only where they name a day
/// (after "the" or a month, before "of"), so "first thing" and "first available" stay words.
pub fn time_words_to_digits(norm: &str) -> String {
    let words: Vec<&str> = norm.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        // quarter past / half past / quarter to / quarter after
        let q = if w == "a" && words.get(i + 1) == Some(&"quarter") {
            1
        } else {
            0
        };
        if matches!(words[i + q], "quarter" | "half")
            && matches!(
                words.get(i + q + 1),
                Some(&"past") | Some(&"to") | Some(&"after") | Some(&"til")
            )
        {
            let hour_at = i + q + 2;
            let hour = words
                .get(hour_at)
                .and_then(|h| h.parse::<u32>().ok().or_else(|| small(h)))
                .filter(|h| (1..=12).contains(h));
            if let Some(h) = hour {
                let (hh, mm) = match (words[i + q], words[i + q + 1]) {
                    ("half", _) => (h, 30),
                    ("quarter", "to" | "til") => (if h == 1 { 12 } else { h - 1 }, 45),
                    _ => (h, 15),
                };
                out.push(format!("{hh}:{mm:02}"));
                i = hour_at + 1;
                continue;
            }
        }
        let prev = out.last().map(String::as_str).unwrap_or("");
        let day_context = prev == "the" || crate::extract::time::month_number(prev).is_some();
        if let Some((v, used)) = ordinal_at(&words, i) {
            let next = words.get(i + used).copied();
            let next_is_of = next == Some("of");
            // "the third time I've called" is not a date.
            let not_a_day = matches!(
                next,
                Some(
                    "time"
                        | "times"
                        | "one"
                        | "thing"
                        | "call"
                        | "person"
                        | "floor"
                        | "step"
                        | "option"
                        | "try"
                )
            );
            if (day_context || next_is_of) && !not_a_day && (1..=31).contains(&v) {
                out.push(format!("{v}{}", ordinal_suffix(v)));
                i += used;
                continue;
            }
        }
        if let Some((h, used)) = number_at(&words, i) {
            // An hour followed by minutes: "three thirty", "ten oh five", "one forty five".
            let j = i + used;
            let minutes = match words.get(j) {
                Some(&"oh") | Some(&"o") => words
                    .get(j + 1)
                    .and_then(|m| small(m))
                    .filter(|m| *m < 10)
                    .map(|m| (m, 2)),
                _ => number_at(&words, j).filter(|(m, _)| *m >= 10 && *m < 60),
            };
            if (1..=12).contains(&h) {
                if let Some((m, mused)) = minutes {
                    out.push(format!("{h}:{m:02}"));
                    i = j + mused;
                    continue;
                }
            }
            out.push(h.to_string());
            i = j;
            continue;
        }
        out.push(w.to_owned());
        i += 1;
    }
    out.join(" ")
}

/// Phone digits spoken as words, as digits: "five one two, five five five, seventy seven
/// eighty eight" → "512 555 7788", "double five" → "55", "oh" → "0", "plus four four" → "+44".
/// Other words are kept.
pub fn spoken_digits(norm: &str) -> String {
    // A comma is kept as a word so that "five thirty, five five five" does not read "thirty
    // five" across it; it is dropped from the output.
    let spaced = norm.replace(',', " , ");
    let words: Vec<&str> = spaced
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let digit = |w: Option<&&str>| match w.copied() {
        Some("oh" | "o") => Some(0),
        Some(d) => small(d).filter(|v| *v < 10),
        None => None,
    };
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let repeat = match w {
            "double" => 2,
            "triple" => 3,
            _ => 1,
        };
        if repeat > 1 {
            if let Some(d) = digit(words.get(i + 1)) {
                out.push(d.to_string().repeat(repeat));
                i += 2;
                continue;
            }
        }
        if let Some(d) = digit(words.get(i)) {
            out.push(d.to_string());
            i += 1;
            if words.get(i) == Some(&"hundred") {
                out.push("00".into());
                i += 1;
            }
            continue;
        }
        if let Some((v, used)) = number_at(&words, i) {
            out.push(v.to_string());
            i += used;
            continue;
        }
        if w == "," {
            i += 1;
            continue;
        }
        out.push(if w == "plus" {
            "+".to_owned()
        } else {
            w.to_owned()
        });
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_words() {
        assert_eq!(time_words_to_digits("at three thirty"), "at 3:30");
        assert_eq!(
            time_words_to_digits("ten oh five in the morning"),
            "10:05 in the morning"
        );
        assert_eq!(time_words_to_digits("quarter to four"), "3:45");
        assert_eq!(time_words_to_digits("a quarter to 4 pm"), "3:45 pm");
        assert_eq!(time_words_to_digits("half past two"), "2:30");
        assert_eq!(time_words_to_digits("at five pm please"), "at 5 pm please");
        assert_eq!(time_words_to_digits("the eighth"), "the 8th");
        assert_eq!(time_words_to_digits("march twenty first"), "march 21st");
        assert_eq!(time_words_to_digits("first thing"), "first thing");
        assert_eq!(time_words_to_digits("in two days"), "in 2 days");
    }

    #[test]
    fn phone_words() {
        assert_eq!(
            spoken_digits("five five five, two two two, one one one one"),
            "5 5 5 2 2 2 1 1 1 1"
        );
        assert_eq!(spoken_digits("double five"), "55");
        assert_eq!(spoken_digits("seventy seven eighty eight"), "77 88");
        assert_eq!(spoken_digits("oh four"), "0 4");
        assert_eq!(spoken_digits("plus four four"), "+ 4 4");
        assert_eq!(spoken_digits("five hundred"), "5 00");
    }
}
