//! Issue 13: what someone with database access (but not the server key) does to the audit
//! log, on SQLite and PostgreSQL, with the append-only triggers dropped first. Every tampering
//! is detected and named by verify; a checkpoint kept outside the database catches the one
//! thing a database alone cannot show (the log and its head rewound together to an earlier,
//! genuine state). The CLI reads the same key as `serve` and exits 1 on tampering.

mod common;

use aisha::service::Checkpoint;
use aisha::store::{legacy_audit_hash, AuditRecord, Tamper};
use aisha_core::CompanyId;
use common::*;
use jiff::Timestamp;
use sqlx::AnyPool;

/// A company with `updates` configuration changes after its creation (one record each).
async fn company_with_records(app: &TestApp, id: &str, updates: usize) {
    let raw = COMPANY.replace("acme-hvac", id);
    for _ in 0..=updates {
        app.service
            .put_company_json(&raw, "test", Timestamp::now())
            .await
            .unwrap();
    }
}

async fn records(app: &TestApp, id: &str) -> Vec<AuditRecord> {
    let cid = CompanyId::parse(id).unwrap();
    app.store.audit(&cid, 0, 10_000).await.unwrap()
}

async fn problems(app: &TestApp, id: &str) -> Vec<Tamper> {
    app.service
        .verify_audit(id, None)
        .await
        .unwrap()
        .chain
        .tampering
}

/// A second connection to the same database, as an administrator would open one.
async fn admin(app: &TestApp, backend: Backend) -> AnyPool {
    sqlx::any::install_default_drivers();
    let url = match backend {
        Backend::Sqlite => format!("sqlite://{}", app.database),
        Backend::Postgres => app.database.clone(),
    };
    AnyPool::connect(&url).await.unwrap()
}

async fn exec(db: &AnyPool, sql: &str) {
    sqlx::query(sql).execute(db).await.unwrap();
}

/// Point the head in `companies` at what the log now ends with, as a careful attacker would.
async fn fix_head(db: &AnyPool, app: &TestApp, id: &str) {
    let rs = records(app, id).await;
    let last = rs.last().map(|r| r.hash.clone()).unwrap_or_default();
    sqlx::query("UPDATE companies SET audit_seq = $1, audit_hash = $2 WHERE company_id = $3")
        .bind(rs.len() as i64)
        .bind(last)
        .bind(id)
        .execute(db)
        .await
        .unwrap();
}

/// Rewrite records `from..` of a company with unkeyed hashes that chain correctly.
async fn recompute_unkeyed(db: &AnyPool, app: &TestApp, id: &str, from: i64) {
    let rs = records(app, id).await;
    let mut prev = rs
        .iter()
        .find(|r| r.seq == from - 1)
        .map(|r| r.hash.clone())
        .unwrap_or_default();
    for r in rs.iter().filter(|r| r.seq >= from) {
        let hash = legacy_audit_hash(&prev, r.seq, &r.at, &r.kind, &r.subject, &r.payload);
        sqlx::query(
            "UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE company_id = $3 AND seq = $4",
        )
        .bind(&prev)
        .bind(&hash)
        .bind(id)
        .bind(r.seq)
        .execute(db)
        .await
        .unwrap();
        prev = hash;
    }
}

fn has(found: &[Tamper], want: impl Fn(&Tamper) -> bool, what: &str) {
    assert!(found.iter().any(want), "{what} not named in {found:?}");
}

async fn tampering(backend: Backend) {
    let app = spawn_app(backend).await;
    for id in [
        "c-last",
        "c-ten",
        "c-append",
        "c-modify",
        "c-rewrite",
        "c-head",
        "c-cp",
    ] {
        company_with_records(&app, id, 14).await; // 15 records each
    }
    let db = admin(&app, backend).await;

    // 0. Intact before anything is done, and a checkpoint of c-cp is taken.
    assert_eq!(problems(&app, "c-last").await, vec![]);
    let checkpoint = app
        .service
        .audit_checkpoint("c-cp", Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(checkpoint.count, 15);
    company_with_records(&app, "c-cp", 1).await; // records 16, 17
                                                 // The attacker saves the head (with its MAC) while the log has 17 records.
    let old_mac: String = {
        use sqlx::Row;
        sqlx::query("SELECT audit_head_mac FROM companies WHERE company_id = 'c-cp'")
            .fetch_one(&db)
            .await
            .unwrap()
            .get(0)
    };
    company_with_records(&app, "c-cp", 0).await; // record 18
    let later = app
        .service
        .audit_checkpoint("c-cp", Timestamp::now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(later.count, 18);

    // 1. Triggers dropped: named on every company (the log is no longer append-only).
    match backend {
        Backend::Sqlite => {
            exec(&db, "DROP TRIGGER audit_log_no_update").await;
            exec(&db, "DROP TRIGGER audit_log_no_delete").await;
        }
        Backend::Postgres => {
            exec(&db, "DROP TRIGGER audit_log_no_update ON audit_log").await;
            exec(&db, "DROP TRIGGER audit_log_no_truncate ON audit_log").await;
        }
    }
    let found = problems(&app, "c-last").await;
    assert!(
        matches!(&found[..], [Tamper::TriggersMissing { triggers }] if triggers.len() == 2),
        "{found:?}"
    );

    // 2. The last record deleted.
    exec(
        &db,
        "DELETE FROM audit_log WHERE company_id = 'c-last' AND seq = 15",
    )
    .await;
    has(
        &problems(&app, "c-last").await,
        |t| {
            *t == Tamper::RemovedAtEnd {
                from_seq: 15,
                to_seq: 15,
            }
        },
        "the last record removed",
    );
    // ... and the head rewound to match: its MAC gives it away.
    fix_head(&db, &app, "c-last").await;
    has(
        &problems(&app, "c-last").await,
        |t| matches!(t, Tamper::Head { why } if why.contains("MAC")),
        "a rewound head",
    );

    // 3. The last ten deleted.
    exec(
        &db,
        "DELETE FROM audit_log WHERE company_id = 'c-ten' AND seq > 5",
    )
    .await;
    has(
        &problems(&app, "c-ten").await,
        |t| {
            *t == Tamper::RemovedAtEnd {
                from_seq: 6,
                to_seq: 15,
            }
        },
        "the last ten removed",
    );

    // 4. A record appended with a correctly computed (unkeyed) hash, head moved on.
    let rs = records(&app, "c-append").await;
    let last = rs.last().unwrap();
    let payload = r#"{"note":"all fine"}"#;
    let hash = legacy_audit_hash(
        &last.hash,
        16,
        &last.at,
        "company.updated",
        "company:c-append",
        payload,
    );
    sqlx::query("INSERT INTO audit_log (company_id, seq, at, kind, subject, payload, prev_hash, hash) VALUES ('c-append', 16, $1, 'company.updated', 'company:c-append', $2, $3, $4)")
        .bind(&last.at)
        .bind(payload)
        .bind(&last.hash)
        .bind(&hash)
        .execute(&db)
        .await
        .unwrap();
    has(
        &problems(&app, "c-append").await,
        |t| {
            *t == Tamper::BeyondHead {
                from_seq: 16,
                to_seq: 16,
            }
        },
        "a record beyond the head",
    );
    fix_head(&db, &app, "c-append").await;
    let found = problems(&app, "c-append").await;
    has(
        &found,
        |t| *t == Tamper::Unkeyed { seq: 16 },
        "an unkeyed record",
    );
    has(
        &found,
        |t| matches!(t, Tamper::Head { .. }),
        "the head's MAC",
    );

    // 5. A record changed and the chain recomputed from there (without the key).
    exec(&db, "UPDATE audit_log SET payload = '{\"displayName\":\"Someone else\"}' WHERE company_id = 'c-modify' AND seq = 7").await;
    has(
        &problems(&app, "c-modify").await,
        |t| *t == Tamper::Changed { seq: 7 },
        "a changed record",
    );
    recompute_unkeyed(&db, &app, "c-modify", 7).await;
    fix_head(&db, &app, "c-modify").await;
    has(
        &problems(&app, "c-modify").await,
        |t| *t == Tamper::Unkeyed { seq: 7 },
        "a recomputed chain",
    );

    // 6. The whole chain recomputed unkeyed and the head's MAC cleared: it poses as a
    //    database from before the key, which the service would have sealed.
    exec(&db, "UPDATE audit_log SET payload = '{\"displayName\":\"Someone else\"}' WHERE company_id = 'c-rewrite' AND seq = 1").await;
    recompute_unkeyed(&db, &app, "c-rewrite", 1).await;
    fix_head(&db, &app, "c-rewrite").await;
    exec(
        &db,
        "UPDATE companies SET audit_head_mac = '' WHERE company_id = 'c-rewrite'",
    )
    .await;
    has(
        &problems(&app, "c-rewrite").await,
        |t| {
            *t == Tamper::UnsealedLegacy {
                from_seq: 1,
                to_seq: 15,
            }
        },
        "a chain rewritten without the key",
    );

    // 7. The head in companies changed.
    exec(
        &db,
        "UPDATE companies SET audit_hash = 'hmac:00' WHERE company_id = 'c-head'",
    )
    .await;
    has(
        &problems(&app, "c-head").await,
        |t| matches!(t, Tamper::Head { why } if why.contains("last record")),
        "a changed head",
    );

    // 8. The checkpoint: c-cp is rewound to an earlier genuine state (log and head as they
    //    were at 17 records). Without the checkpoint nothing shows; with the one taken at 18
    //    records it is named.
    exec(
        &db,
        "DELETE FROM audit_log WHERE company_id = 'c-cp' AND seq = 18",
    )
    .await;
    let genuine_17 = records(&app, "c-cp").await[16].hash.clone();
    sqlx::query("UPDATE companies SET audit_seq = 17, audit_hash = $1, audit_head_mac = $2 WHERE company_id = 'c-cp'")
        .bind(genuine_17)
        .bind(old_mac)
        .execute(&db)
        .await
        .unwrap();
    let without = problems(&app, "c-cp").await;
    assert!(
        matches!(&without[..], [Tamper::TriggersMissing { .. }]),
        "a rewind to a genuine earlier state is invisible without a checkpoint: {without:?}"
    );
    let with = app
        .service
        .verify_audit("c-cp", Some(&later))
        .await
        .unwrap()
        .chain
        .tampering;
    has(
        &with,
        |t| matches!(t, Tamper::Checkpoint { why } if why.contains("18")),
        "a log that no longer extends the checkpoint",
    );
    // The earlier checkpoint (15) is still extended; an edited checkpoint is refused.
    let ok = app
        .service
        .verify_audit("c-cp", Some(&checkpoint))
        .await
        .unwrap();
    assert!(
        !ok.chain
            .tampering
            .iter()
            .any(|t| matches!(t, Tamper::Checkpoint { .. })),
        "{ok:?}"
    );
    let forged = Checkpoint {
        count: 3,
        ..checkpoint.clone()
    };
    has(
        &app.service
            .verify_audit("c-cp", Some(&forged))
            .await
            .unwrap()
            .chain
            .tampering,
        |t| matches!(t, Tamper::Checkpoint { why } if why.contains("signature")),
        "an edited checkpoint",
    );

    // 9. TRUNCATE (SQLite has none: DELETE without WHERE does the same).
    match backend {
        Backend::Sqlite => exec(&db, "DELETE FROM audit_log").await,
        Backend::Postgres => exec(&db, "TRUNCATE audit_log").await,
    }
    has(
        &problems(&app, "c-head").await,
        |t| *t == Tamper::Emptied { head_count: 15 },
        "an emptied log",
    );
    // Even with the head zeroed too: every company's log starts with its creation.
    exec(&db, "UPDATE companies SET audit_seq = 0, audit_hash = '', audit_head_mac = '' WHERE company_id = 'c-ten'").await;
    has(
        &problems(&app, "c-ten").await,
        |t| *t == Tamper::Emptied { head_count: 0 },
        "an emptied log with its head zeroed",
    );
}

#[tokio::test]
async fn tampering_is_named_on_sqlite() {
    tampering(Backend::Sqlite).await;
}

#[tokio::test]
async fn tampering_is_named_on_postgres() {
    tampering(Backend::Postgres).await;
}

/// PostgreSQL: a trigger disabled (not dropped) counts as missing too.
#[tokio::test]
async fn a_disabled_trigger_is_named_on_postgres() {
    let app = spawn_app(Backend::Postgres).await;
    company_with_records(&app, "c1", 0).await;
    let db = admin(&app, Backend::Postgres).await;
    exec(
        &db,
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate",
    )
    .await;
    assert_eq!(
        problems(&app, "c1").await,
        vec![Tamper::TriggersMissing {
            triggers: vec!["audit_log_no_truncate".into()]
        }]
    );
}

/// A database from before the chain was keyed: its records verify as a prefix once `serve`
/// (here the same service call) seals them with one keyed record, and stay protected after.
#[tokio::test]
async fn an_unkeyed_chain_is_sealed_once() {
    let app = spawn_app(Backend::Sqlite).await;
    company_with_records(&app, "old", 4).await;
    let db = admin(&app, Backend::Sqlite).await;
    exec(&db, "DROP TRIGGER audit_log_no_update").await;
    // What the old code wrote: unkeyed hashes, no head MAC.
    recompute_unkeyed(&db, &app, "old", 1).await;
    fix_head(&db, &app, "old").await;
    exec(&db, "UPDATE companies SET audit_head_mac = ''").await;
    exec(
        &db,
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    )
    .await;
    assert!(matches!(
        &problems(&app, "old").await[..],
        [Tamper::UnsealedLegacy { .. }]
    ));
    let sealed = app
        .service
        .seal_audit_chains(Timestamp::now())
        .await
        .unwrap();
    assert_eq!(sealed.len(), 1);
    assert!(app
        .service
        .seal_audit_chains(Timestamp::now())
        .await
        .unwrap()
        .is_empty());
    let v = app.service.verify_audit("old", None).await.unwrap();
    assert!(v.intact(), "{v:?}");
    assert_eq!((v.chain.records, v.chain.legacy), (6, 5));
    // A sealed legacy record changed later is caught by the keyed record after it.
    exec(&db, "DROP TRIGGER audit_log_no_update").await;
    exec(
        &db,
        "UPDATE audit_log SET payload = '{}' WHERE company_id = 'old' AND seq = 2",
    )
    .await;
    recompute_unkeyed(&db, &app, "old", 2).await;
    has(
        &problems(&app, "old").await,
        |t| {
            *t == Tamper::UnsealedLegacy {
                from_seq: 1,
                to_seq: 6,
            }
        },
        "a rewritten sealed prefix",
    );
}

/// The CLI reads the key the way `serve` does (here `<db>.secret-key` beside SQLite), prints
/// a checkpoint, and names the tampering with exit status 1.
#[tokio::test]
async fn the_cli_checkpoints_and_names_tampering() {
    let app = spawn_app(Backend::Sqlite).await;
    company_with_records(&app, "acme", 3).await;
    let key_file = std::path::Path::new(&app.database).with_extension("secret-key");
    std::fs::write(&key_file, app.key.to_hex()).unwrap();
    let aisha = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_aisha"))
            .args(args)
            .args(["--company", "acme", "--database", &app.database])
            .env_remove(aisha::server_key::ENV_KEY)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = aisha(&["audit", "verify"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("4 records, intact"), "{out}");
    let (code, cp) = aisha(&["audit", "checkpoint"]);
    assert_eq!(code, Some(0), "{cp}");
    let parsed: Checkpoint = serde_json::from_str(&cp).unwrap();
    assert_eq!(parsed.count, 4);
    let cp_file = std::path::Path::new(&app.database).with_extension("checkpoint.json");
    std::fs::write(&cp_file, &cp).unwrap();

    let db = admin(&app, Backend::Sqlite).await;
    exec(&db, "DROP TRIGGER audit_log_no_delete").await;
    exec(
        &db,
        "DELETE FROM audit_log WHERE company_id = 'acme' AND seq = 4",
    )
    .await;
    let (code, out) = aisha(&[
        "audit",
        "verify",
        "--checkpoint",
        &cp_file.display().to_string(),
    ]);
    assert_eq!(code, Some(1), "{out}");
    for named in [
        "TAMPERED",
        "triggers dropped or disabled: audit_log_no_delete",
        "records 4–4 removed from the end",
        "checkpoint: it counts 4 records, the log has 3",
    ] {
        assert!(out.contains(named), "{named:?} not in {out}");
    }
    // Another key verifies nothing.
    std::fs::write(&key_file, aisha::server_key::ServerKey::generate().to_hex()).unwrap();
    let (code, out) = aisha(&["audit", "verify"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("record 1 changed"), "{out}");
}
