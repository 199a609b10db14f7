//! In-process front-desk turns: one deterministic BOOKING turn, and the whole golden transcript.
//! Run: `cargo bench -p aisha-core --bench turns`

use aisha_core::{frontdesk, Company, Session, TurnInput};

fn main() {
    divan::main();
}

const GOLDEN: [&str; 9] = [
    "Hi I'm having air-conditioning issues today",
    "The thermostat is blank and there's water dripping",
    "Yes please",
    "Subach",
    "yes",
    "John",
    "555-123-4567",
    "123 Main Street, Anytown",
    "As soon as possible",
];

fn company() -> Company {
    Company::from_json(include_str!(
        "../../../conformance/shared/companies/hvac.json"
    ))
    .unwrap()
    .company
}

fn now() -> jiff::Timestamp {
    "2026-03-02T15:00:00Z".parse().unwrap()
}

/// A session waiting at the address slot; the measured turn answers it.
#[divan::bench]
fn booking_turn_address(bencher: divan::Bencher) {
    let company = company();
    let mut at_address = Session::new();
    for t in &GOLDEN[..7] {
        frontdesk::turn_embedded(
            &company,
            &mut at_address,
            TurnInput {
                text: t,
                caller_id: None,
                now: now(),
            },
        );
    }
    bencher
        .with_inputs(|| at_address.clone())
        .bench_local_refs(|s| {
            frontdesk::turn_embedded(
                &company,
                s,
                TurnInput {
                    text: "123 Main Street, Anytown",
                    caller_id: None,
                    now: now(),
                },
            )
        });
}

/// A session waiting at the name slot; the measured turn is the single-token name.
#[divan::bench]
fn booking_turn_name(bencher: divan::Bencher) {
    let company = company();
    let mut at_name = Session::new();
    for t in &GOLDEN[..3] {
        frontdesk::turn_embedded(
            &company,
            &mut at_name,
            TurnInput {
                text: t,
                caller_id: None,
                now: now(),
            },
        );
    }
    bencher
        .with_inputs(|| at_name.clone())
        .bench_local_refs(|s| {
            frontdesk::turn_embedded(
                &company,
                s,
                TurnInput {
                    text: "Subach",
                    caller_id: None,
                    now: now(),
                },
            )
        });
}

#[divan::bench]
fn golden_transcript(bencher: divan::Bencher) {
    let company = company();
    bencher.bench_local(|| {
        let mut s = Session::new();
        for t in GOLDEN {
            divan::black_box(frontdesk::turn_embedded(
                &company,
                &mut s,
                TurnInput {
                    text: t,
                    caller_id: None,
                    now: now(),
                },
            ));
        }
        s
    });
}

#[divan::bench]
fn detect_signals(bencher: divan::Bencher) {
    bencher.bench(|| {
        aisha_core::signals::detect(divan::black_box(
            "Can you do it for less? That quote seems high.",
        ))
    });
}

/// A neutral message: no rule fires, so VADER runs too (the slowest path).
#[divan::bench]
fn detect_signals_neutral(bencher: divan::Bencher) {
    bencher.bench(|| {
        aisha_core::signals::detect(divan::black_box(
            "I'm at the Washington Court Hotel this week, can we do next week instead?",
        ))
    });
}

/// A speech-to-text transcript: fillers, no punctuation.
#[divan::bench]
fn detect_signals_transcript(bencher: divan::Bencher) {
    bencher.bench(|| {
        aisha_core::signals::detect(divan::black_box(
            "um so the ac is making a uh grinding noise again since your visit last week and i'm not happy about it",
        ))
    });
}

#[divan::bench]
fn screen_outgoing_reply(bencher: divan::Bencher) {
    bencher.bench(|| {
        aisha_core::guardrails::screen_outgoing(divan::black_box(
            "I'm sorry to hear that. A technician can take a look; would mornings or afternoons work better?",
        ))
    });
}
