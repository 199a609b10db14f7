//! The go-live path of docs/DEPLOY.md: key rotation over HTTP (both stores), and `aisha serve`
//! run as a process: `sqlite://` URLs, a missing directory named, no demo company on a
//! database of one's own unless `--demo`.

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::*;
use jiff::Timestamp;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, BufReader};

async fn rotation(backend: Backend) {
    let app = spawn_app(backend).await;
    let old = app.company("acme-hvac", json!({})).await;
    let session = app
        .service
        .open_console_session("acme-hvac", "", &old, Timestamp::now())
        .await
        .unwrap();
    let path = "/v1/admin/companies/acme-hvac/api-key";

    // Only the admin token rotates, and only with a reason.
    let (status, _) = app
        .call("POST", path, &old, Some(json!({"reason": "leaked"})))
        .await;
    assert_eq!(status, 401);
    let (status, body) = app.call("POST", path, ADMIN, Some(json!({}))).await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = app
        .call("POST", path, ADMIN, Some(json!({"reason": " "})))
        .await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = app
        .call(
            "POST",
            "/v1/admin/companies/nobody/api-key",
            ADMIN,
            Some(json!({"reason": "x"})),
        )
        .await;
    assert_eq!(status, 404);

    let (status, body) = app
        .call(
            "POST",
            path,
            ADMIN,
            Some(json!({"reason": "the key was pasted in a ticket"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let new = body["apiKey"].as_str().unwrap().to_owned();
    assert_ne!(new, old);

    // The old key and its console session stop working at once; the new key works.
    let (status, _) = app.call("GET", "/v1/companies/acme-hvac", &old, None).await;
    assert_eq!(status, 404);
    let (status, _) = app.call("GET", "/v1/companies/acme-hvac", &new, None).await;
    assert_eq!(status, 200);
    assert!(app
        .service
        .console_session(&session, Timestamp::now())
        .await
        .unwrap()
        .is_none());

    // Audited with who and why, never the key itself.
    let (_, log) = app
        .call("GET", "/v1/companies/acme-hvac/audit?limit=100", &new, None)
        .await;
    let text = log.to_string();
    assert!(text.contains("company.key_rotated"), "{text}");
    assert!(text.contains("the key was pasted in a ticket"), "{text}");
    assert!(
        !text.contains(&new) && !text.contains(&old),
        "a key in the audit log"
    );
    let (_, v) = app
        .call("GET", "/v1/companies/acme-hvac/audit/verify", &new, None)
        .await;
    assert_eq!(v["intact"], true, "{v}");
}

#[tokio::test]
async fn key_rotation_sqlite() {
    rotation(Backend::Sqlite).await;
}

#[tokio::test]
async fn key_rotation_postgres() {
    rotation(Backend::Postgres).await;
}

fn serve_command(args: &[&str]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_aisha"));
    command
        .args(["serve", "--bind", "127.0.0.1:0", "--tick-ms", "3600000"])
        .args(args)
        .env("AISHA_LOG", "error")
        .env_remove("AISHA_DATABASE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

fn serve(args: &[&str]) -> tokio::process::Child {
    serve_command(args)
        .spawn()
        .expect("the aisha binary starts")
}

/// Stdout up to and including the first line that starts with `until`.
async fn stdout_until(child: &mut tokio::process::Child, until: &str) -> String {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    let read = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            seen.push_str(&line);
            seen.push('\n');
            if line.starts_with(until) {
                return;
            }
        }
    };
    // A bound on a hang, not a timed assertion.
    tokio::time::timeout(Duration::from_secs(60), read)
        .await
        .expect("serve printed its banner");
    seen
}

#[tokio::test]
async fn serve_takes_sqlite_urls_and_keeps_the_demo_out_of_production() {
    let dir = tempfile::tempdir().unwrap();

    // A missing directory is an error that names it.
    let missing = dir.path().join("no-such-dir");
    let out = serve(&[
        "--database",
        &format!("sqlite://{}/aisha.db", missing.display()),
    ])
    .wait_with_output()
    .await
    .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&missing.display().to_string()) && err.contains("does not exist"),
        "{err}"
    );

    // A database of one's own (here a sqlite:/// URL) gets no demo company...
    let db = dir.path().join("prod.db");
    let url = format!("sqlite://{}", db.display());
    let mut child = serve(&["--database", &url]);
    let banner = stdout_until(&mut child, "No demo company").await;
    assert!(!banner.contains("acme-hvac"), "{banner}");
    child.kill().await.unwrap();
    let store = aisha::store::open(&url).await.unwrap();
    let service = aisha::service::Service::new(store, None);
    assert!(service.company("acme-hvac").await.is_err());
    assert!(!dir.path().join("prod.demo-key").exists());

    // ...unless asked for, and its key is kept beside the file for the next start.
    let mut child = serve(&["--database", &url, "--demo"]);
    let banner = stdout_until(&mut child, "Demo company").await;
    child.kill().await.unwrap();
    let key = std::fs::read_to_string(dir.path().join("prod.demo-key")).unwrap();
    assert!(banner.contains(key.trim()), "{banner}");
    assert!(service.authenticate("acme-hvac", key.trim()).await.is_ok());
}

#[tokio::test]
async fn the_server_key_lives_beside_sqlite_and_postgres_must_be_given_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keyed.db");
    let mut child = serve(&["--database", &db.display().to_string(), "--no-demo"]);
    stdout_until(&mut child, "No demo company").await;
    child.kill().await.unwrap();
    let key = std::fs::read_to_string(dir.path().join("keyed.secret-key")).unwrap();
    assert!(aisha::server_key::ServerKey::parse_hex(&key, "file").is_ok());

    // PostgreSQL is shared by processes: no silent per-process key, a clear error instead.
    let database = fresh_postgres().await;
    let out = serve_command(&["--database", &database])
        .env_remove("AISHA_SECRET_KEY")
        .env_remove("AISHA_SECRET_KEY_FILE")
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("AISHA_SECRET_KEY"), "{err}");

    // A malformed key is named, not half-used.
    let out = serve_command(&["--database", &database])
        .env("AISHA_SECRET_KEY", "not-hex")
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("64 hex"));
}

/// `aisha invite` on the server: the first owner of a company made without the console (or a
/// way back in for an owner who lost their password). The printed link works once.
#[tokio::test]
async fn aisha_invite_prints_a_one_time_link_for_an_owner() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.display().to_string();
    let mut child = serve(&["--database", &db_arg, "--demo"]);
    stdout_until(&mut child, "Demo company").await;
    child.kill().await.unwrap();

    let invite = |email: &'static str| {
        let db_arg = db_arg.clone();
        async move {
            tokio::process::Command::new(env!("CARGO_BIN_EXE_aisha"))
                .args(["invite", "--database", &db_arg, "--company", "acme-hvac"])
                .args(["--email", email, "--name", "Pat Owner"])
                .args(["--public-url", "https://aisha.example.com/"])
                .env("AISHA_LOG", "error")
                .env_remove("AISHA_DATABASE")
                .env_remove("AISHA_PUBLIC_URL")
                .output()
                .await
                .unwrap()
        }
    };
    let out = invite("pat@acme.example").await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let token = printed
        .trim()
        .split_once("https://aisha.example.com/console/invite/")
        .expect("the link")
        .1
        .to_owned();
    assert!(printed.contains("pat@acme.example, owner"), "{printed}");

    let key = aisha::server_key::ServerKey::read_file(&db.with_extension("secret-key")).unwrap();
    let store = aisha::store::open(&db_arg)
        .await
        .unwrap()
        .keyed(aisha::store::ChainKey::of(&key));
    let service = aisha::service::Service::new(store, None).with_server_key(key);
    let now = jiff::Timestamp::now();
    service
        .accept_invitation(&token, "a long owner password", now)
        .await
        .unwrap();
    assert!(service
        .accept_invitation(&token, "a long owner password", now)
        .await
        .is_err());
    let session = service
        .open_console_session(
            "acme-hvac",
            "PAT@acme.example",
            "a long owner password",
            now,
        )
        .await
        .unwrap();
    let who = service
        .console_session(&session, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(who.actor, "Pat Owner <pat@acme.example>");

    // Run again for the same person: a new link, the account kept; an unknown company fails.
    let again = invite("pat@acme.example").await;
    assert!(again.status.success());
    assert_eq!(service.operators(&who).await.unwrap().len(), 1);
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_aisha"))
        .args(["invite", "--database", &db_arg, "--company", "nope"])
        .args(["--email", "x@y.example", "--name", "X"])
        .env("AISHA_LOG", "error")
        .output()
        .await
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}
