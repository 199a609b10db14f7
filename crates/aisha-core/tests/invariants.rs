//! The domain crate's two architecture invariants, checked rather than promised: it depends
//! on no I/O crate (per `cargo metadata`, transitively, normal dependencies only), and its
//! source never reads a clock (the instant is always passed in).

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Crates that do I/O or pull in an async runtime; none may reach `aisha-core`.
const IO_CRATES: &[&str] = &[
    "tokio",
    "mio",
    "async-std",
    "smol",
    "sqlx",
    "reqwest",
    "hyper",
    "axum",
    "tower",
    "tower-http",
    "lettre",
    "rusqlite",
    "postgres",
    "tokio-postgres",
    "ureq",
    "isahc",
    "surf",
];

/// Ways to read the clock; the domain takes `now` as an argument instead.
const CLOCK_READS: &[&str] = &[
    "Timestamp::now",
    "SystemTime::now",
    "Instant::now",
    "Zoned::now",
    "Utc::now",
    "Local::now",
    "UNIX_EPOCH.elapsed",
];

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

/// Every package `root` depends on at run time (not dev- or build-dependencies).
fn runtime_closure(meta: &Value, root: &str) -> HashSet<String> {
    let names: HashMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let start = names
        .iter()
        .find(|(_, name)| **name == root)
        .map(|(id, _)| *id)
        .expect("the root package is in the workspace");
    let mut seen = HashSet::new();
    let mut stack = vec![start];
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null());
            if normal {
                stack.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    seen.into_iter()
        .filter(|id| *id != start)
        .map(|id| names[id].to_owned())
        .collect()
}

#[test]
fn the_domain_crate_depends_on_no_io_crate() {
    let meta = metadata();
    let deps = runtime_closure(&meta, "aisha-core");
    assert!(
        deps.contains("jiff"),
        "the walk found the dependencies: {deps:?}"
    );
    let mut io: Vec<&str> = IO_CRATES
        .iter()
        .copied()
        .filter(|c| deps.contains(*c))
        .collect();
    io.sort();
    assert!(io.is_empty(), "aisha-core depends on I/O crates: {io:?}");
    // The check itself can fail: the I/O crate does reach the edge crate.
    assert!(runtime_closure(&meta, "aisha").contains("tokio"));
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Clock reads in `source`, one `(line, what)` each, whitespace ignored. Comments count too:
/// simpler than parsing Rust, and a doc example in the domain should not read a clock either.
fn clock_reads(source: &str) -> Vec<(usize, &'static str)> {
    let squeezed: Vec<String> = source
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let mut found = Vec::new();
    for (i, line) in squeezed.iter().enumerate() {
        for read in CLOCK_READS {
            if line.contains(read) {
                found.push((i + 1, *read));
            }
        }
    }
    found
}

#[test]
fn the_domain_crate_never_reads_the_clock() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10, "found the sources: {files:?}");
    let mut reads = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (line, what) in clock_reads(&text) {
            reads.push(format!("{}:{line}: {what}", f.display()));
        }
    }
    assert!(
        reads.is_empty(),
        "aisha-core reads the clock:\n{}",
        reads.join("\n")
    );
}

#[test]
fn the_clock_check_sees_a_clock_read() {
    let src = "fn f() {\n    let t = jiff::Timestamp :: now();\n    let i = std::time::Instant::now();\n}";
    assert_eq!(
        clock_reads(src),
        vec![(2, "Timestamp::now"), (3, "Instant::now")]
    );
}
