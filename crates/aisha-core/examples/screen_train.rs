//! Lists the outbound screen's mistakes on the `train` split only (corpus/README.md, "Fifth
//! round (outbound)"): prohibited lines that pass and allowed lines refused, with the reason.
//! Held-out lines are skipped before they are read into anything printed.
//!
//!     cargo run -p aisha-core --example screen_train -- corpus/outbound/written.jsonl

use aisha_core::guardrails::screen_outgoing;

fn main() {
    // `-- --text "..."`: screen one line of one's own and print the reasons.
    if std::env::args().nth(1).as_deref() == Some("--text") {
        for t in std::env::args().skip(2) {
            let found: Vec<&str> = screen_outgoing(&t).iter().map(|v| v.as_str()).collect();
            println!("{found:?}\t{t}");
        }
        return;
    }
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus/outbound/written.jsonl".into());
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let (mut passed, mut refused, mut bad, mut good) = (0, 0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        if v["split"].as_str() != Some("train") {
            continue;
        }
        let t = v["text"].as_str().unwrap_or_default();
        let prohibited = v["prohibited"].as_bool().unwrap_or(false);
        let found = screen_outgoing(t);
        if prohibited {
            bad += 1;
            if found.is_empty() {
                passed += 1;
                println!("PASSED\t{}\t{t}", v["category"].as_str().unwrap_or("?"));
            }
        } else {
            good += 1;
            if let Some(f) = found.first() {
                refused += 1;
                println!("REFUSED\t{}\t{t}", f.as_str());
            }
        }
    }
    println!("train: {passed} of {bad} prohibited passed, {refused} of {good} allowed refused");
}
