//! Hands-Off planner throughput, in process, one core.
//! Run: `cargo bench -p aisha-core --bench planner`
//!
//! An *evaluation* is `next_due`: deciding whether and when a relationship needs Hands-Off
//! work (cadence, caps, quiet hours in the customer's zone). A *run* is `run_due`: the full
//! decision when it has come (transitions, the policy gate, the outbound text, its screening).

use aisha_core::care::{self, CareState, Controls, Customer, Relationship};
use aisha_core::Company;
use divan::counter::ItemsCount;
use jiff::{SignedDuration, Timestamp};

fn main() {
    divan::main();
}

const N: usize = 10_000;

fn company() -> Company {
    Company::from_json(include_str!("../../../companies/demo-hvac.json"))
        .unwrap()
        .company
}

/// A population spread over every state and a few time zones, with some history.
fn population(start: Timestamp) -> Vec<Relationship> {
    let zones = [
        None,
        Some("America/New_York"),
        Some("America/Los_Angeles"),
        Some("Pacific/Honolulu"),
    ];
    (0..N)
        .map(|i| {
            let customer = Customer {
                id: format!("c{i}"),
                first_name: Some("Dana".into()),
                phone: Some("+15551230000".into()),
                timezone: zones[i % zones.len()].map(Into::into),
                ..Customer::default()
            };
            let mut r = Relationship::new(customer, CareState::ALL[i % 10], start);
            r.last_inbound_at = Some(start - SignedDuration::from_hours((i % 200) as i64));
            r.unanswered = (i % 3) as u32;
            r
        })
        .collect()
}

fn start() -> Timestamp {
    "2026-03-02T15:00:00Z".parse().unwrap()
}

#[divan::bench]
fn evaluate_10k_relationships(bencher: divan::Bencher) {
    let company = company();
    let rels = population(start());
    bencher.counter(ItemsCount::new(N)).bench(|| {
        let mut due = 0usize;
        for r in &rels {
            if care::next_due(divan::black_box(r), &company).is_some() {
                due += 1;
            }
        }
        due
    });
}

#[divan::bench]
fn run_due_10k_relationships(bencher: divan::Bencher) {
    let company = company();
    let rels = population(start());
    let at = start() + SignedDuration::from_hours(24 * 60);
    bencher
        .counter(ItemsCount::new(N))
        .with_inputs(|| rels.clone())
        .bench_local_values(|mut rels| {
            let mut controls = Controls::default();
            let mut delivered = 0;
            for r in &mut rels {
                let fx = care::run_due(
                    r,
                    &mut care::Ctx {
                        company: &company,
                        controls: &mut controls,
                        now: at,
                    },
                );
                delivered += fx.delivered();
            }
            delivered
        });
}
