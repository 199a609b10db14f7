//! Types at the edge: a human's change without a reason, an id that is not one, are refused
//! with a 4xx JSON body naming the problem, on every interface that takes them.

mod common;

use common::{spawn_app, Backend, ADMIN};
use serde_json::json;

#[tokio::test]
async fn a_change_without_a_reason_is_refused_and_nothing_changes() {
    let app = spawn_app(Backend::Sqlite).await;
    let key = app.company("acme-hvac", json!({})).await;
    let c = "/v1/companies/acme-hvac";
    let (status, _) = app
        .call(
            "PUT",
            &format!("{c}/customers/dana"),
            &key,
            Some(json!({"firstName": "Dana"})),
        )
        .await;
    assert_eq!(status, 200);
    let events = format!("{c}/customers/dana/events");
    for (event, why) in [
        (
            json!({"type": "kill_switch", "enabled": true}),
            "missing field `reason`",
        ),
        (
            json!({"type": "kill_switch", "enabled": true, "reason": "  "}),
            "say why",
        ),
        (
            json!({"type": "shadow_mode", "enabled": true, "reason": ""}),
            "say why",
        ),
        (
            json!({"type": "hands_off", "enabled": false}),
            "missing field `reason`",
        ),
        (
            json!({"type": "state_override", "state": "Active", "reason": ""}),
            "say why",
        ),
        // States are `CareState`s where the event is read: an unknown one never reaches C.A.R.E.
        (
            json!({"type": "state_override", "state": "Happy", "reason": "typo"}),
            "unknown state \"Happy\"",
        ),
    ] {
        let (status, body) = app.call("POST", &events, &key, Some(event.clone())).await;
        assert_eq!(status, 400, "{event}: {body}");
        assert!(
            body["error"].as_str().unwrap().contains(why),
            "{event}: {body}"
        );
    }
    for (method, path, body) in [
        (
            "PUT",
            format!("{c}/customers/dana/hands-off"),
            json!({"enabled": false, "reason": " "}),
        ),
        (
            "PUT",
            format!("{c}/customers/dana/state"),
            json!({"state": "Active", "reason": ""}),
        ),
        (
            "PUT",
            format!("{c}/controls"),
            json!({"killSwitch": true, "reason": ""}),
        ),
    ] {
        let (status, resp) = app.call(method, &path, &key, Some(body)).await;
        assert_eq!(status, 400, "{method} {path}: {resp}");
        assert!(resp["error"].as_str().unwrap().contains("reason"), "{resp}");
    }
    let (status, resp) = app
        .call(
            "PUT",
            "/v1/admin/kill-switch",
            ADMIN,
            Some(json!({"enabled": true, "reason": ""})),
        )
        .await;
    assert_eq!(status, 400, "{resp}");

    // Nothing changed: the customer is where it was and the switches are off.
    let (_, rel) = app
        .call("GET", &format!("{c}/customers/dana"), &key, None)
        .await;
    assert_eq!(rel["relationship"]["state"], "Unaware", "{rel}");
    assert_eq!(rel["relationship"]["handsOff"], true, "{rel}");
    let (_, controls) = app.call("GET", &format!("{c}/controls"), &key, None).await;
    assert_eq!(controls["killSwitch"], false, "{controls}");

    // With a reason, the same change goes through and the reason is kept (trimmed).
    let (status, body) = app
        .call(
            "POST",
            &events,
            &key,
            Some(json!({"type": "state_override", "state": "Active", "reason": "  existing customer "})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "Active");
    assert_eq!(
        body["effects"]["overrides"][0]["reason"],
        "existing customer"
    );
}

#[tokio::test]
async fn ids_that_are_not_ids_are_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    let key = app.company("acme-hvac", json!({})).await;
    let c = "/v1/companies/acme-hvac";
    let long = "x".repeat(129);
    let (status, body) = app
        .call(
            "PUT",
            &format!("{c}/customers/{long}"),
            &key,
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("customerId"),
        "{body}"
    );
    let (status, body) = app
        .call(
            "POST",
            &format!("{c}/conversations/{long}/turns"),
            &key,
            Some(json!({"text": "hi"})),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("conversationId"),
        "{body}"
    );
    // An escalation id that is not a number is no escalation of this company.
    let (status, body) = app
        .call(
            "POST",
            &format!("{c}/escalations/abc/resolve"),
            &key,
            Some(json!({"note": "done"})),
        )
        .await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = app
        .call(
            "POST",
            &format!("{c}/escalations/999/resolve"),
            &key,
            Some(json!({"note": "done"})),
        )
        .await;
    assert_eq!(status, 404, "{body}");
}
