//! Which date/time parser reads callers best? Each candidate gets the caller's words and the
//! same clock; its answer is mapped to the date and clock time it names and compared with the
//! label. `temps` is not measured: it reads the system clock (no reference instant), so its
//! answers cannot be resolved against the call's time.

use jiff::{civil, tz::TimeZone, Timestamp, Zoned};
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    text: String,
    ctx: Ctx,
    expected: Label,
}
#[derive(Deserialize)]
struct Ctx {
    now: String,
    tz: String,
}
#[derive(Deserialize)]
struct Label {
    window: Option<String>,
}

/// What a reading names: a date and, when given, a clock time ("HH:MM").
#[derive(PartialEq, Debug)]
struct Reading {
    date: Option<civil::Date>,
    time: Option<String>,
}

fn label_reading(window: &Option<String>) -> Reading {
    let Some(w) = window else {
        return Reading { date: None, time: None };
    };
    let mut it = w.split(' ');
    let first = it.next().unwrap_or("");
    let date = first.parse::<civil::Date>().ok();
    let rest = if date.is_some() { it.next() } else { Some(first) };
    let time = rest.filter(|r| r.contains(':')).map(str::to_owned);
    Reading { date, time }
}

fn main() {
    let corpus = std::fs::read_to_string("corpus/frontdesk/time.jsonl")
        .expect("run from the repository root");
    let examples: Vec<Example> = corpus
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("corpus line"))
        .collect();
    // whichtime resolves against chrono's `Local` zone, so only the examples in the process's
    // zone (TZ) are scored.
    let zone = std::env::var("TZ").unwrap_or_else(|_| "America/Chicago".into());
    let examples: Vec<Example> = examples.into_iter().filter(|e| e.ctx.tz == zone).collect();
    let wt = whichtime::WhichTime::new();
    // (name, dated labels right, timed labels right, anything read)
    let mut score = vec![("aisha extract_time", 0, 0, 0), ("whenparse 0.1", 0, 0, 0), ("whichtime 0.1", 0, 0, 0)];
    let (mut dated, mut timed) = (0, 0);
    for ex in &examples {
        let now: Timestamp = ex.ctx.now.parse().unwrap();
        let tz = TimeZone::get(&ex.ctx.tz).unwrap();
        let zoned: Zoned = now.to_zoned(tz.clone());
        let want = label_reading(&ex.expected.window);
        let norm = aisha_core::text::normalize(&ex.text);
        let ours = aisha_core::extract::extract_time(&norm, now, &tz).map(|t| label_reading(&t.window));
        let wp = match whenparse::parse_with(&norm, &zoned) {
            Ok(whenparse::When::DateTime(z)) => Some(Reading {
                date: Some(z.date()),
                time: Some(z.time().strftime("%H:%M").to_string()),
            }),
            Ok(whenparse::When::Date(d)) => Some(Reading { date: Some(d), time: None }),
            Ok(whenparse::When::Range { start, .. }) => Some(Reading { date: Some(start.date()), time: None }),
            _ => None,
        };
        let reference = chrono::DateTime::from_timestamp(now.as_second(), 0)
            .map(|d| d.with_timezone(&chrono::Local));
        let wh = wt.parse_date(&norm, reference).ok().flatten().map(|d| {
            let z: Zoned = Timestamp::from_second(d.timestamp()).unwrap().to_zoned(tz.clone());
            Reading {
                date: Some(z.date()),
                time: Some(z.time().strftime("%H:%M").to_string()),
            }
        });
        if want.date.is_some() {
            dated += 1;
        }
        if want.time.is_some() {
            timed += 1;
        }
        for (i, got) in [ours, wp, wh].into_iter().enumerate() {
            let Some(got) = got else { continue };
            score[i].3 += 1;
            if want.date.is_some() && got.date == want.date {
                score[i].1 += 1;
            }
            if want.time.is_some() && got.time == want.time && got.date == want.date {
                score[i].2 += 1;
            }
        }
    }
    let n = examples.len();
    println!("{n} examples; {dated} with a date, {timed} with an exact time (TZ={})", std::env::var("TZ").unwrap_or_default());
    println!("| parser | date right (of {dated}) | date and time right (of {timed}) | read anything (of {n}) |");
    println!("| --- | --- | --- | --- |");
    for (name, d, t, a) in score {
        println!(
            "| {name} | {:.1}% | {:.1}% | {:.1}% |",
            100.0 * d as f64 / dated as f64,
            100.0 * t as f64 / timed as f64,
            100.0 * a as f64 / n as f64
        );
    }
}
