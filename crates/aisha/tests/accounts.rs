//! Console accounts over real HTTP on both stores: the company key signs in only until the
//! first person has an account; invitations are one-time links; roles decide what each person
//! may change; removal ends a session at once; the audit log names the person.

mod common;

use common::{spawn_app, spawn_app_with, Backend, TestApp};
use jiff::Timestamp;
use reqwest::redirect::Policy;
use serde_json::json;

/// One browser: its own cookie, no redirects followed (the tests read them).
struct Browser<'a> {
    app: &'a TestApp,
    http: reqwest::Client,
    cookie: Option<String>,
}

impl<'a> Browser<'a> {
    fn new(app: &'a TestApp) -> Self {
        let http = reqwest::Client::builder()
            .redirect(Policy::none())
            .build()
            .unwrap();
        Browser {
            app,
            http,
            cookie: None,
        }
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> (u16, String, String) {
        let req = match &self.cookie {
            Some(c) => req.header("cookie", c),
            None => req,
        };
        let resp = req.send().await.unwrap();
        if let Some(set) = resp.headers().get("set-cookie") {
            let pair = set.to_str().unwrap().split(';').next().unwrap().to_owned();
            self.cookie = Some(pair);
        }
        let status = resp.status().as_u16();
        let location = resp
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, location, resp.text().await.unwrap())
    }

    async fn get(&mut self, path: &str) -> (u16, String, String) {
        let req = self.http.get(format!("{}{path}", self.app.base));
        self.send(req).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> (u16, String, String) {
        let req = self
            .http
            .post(format!("{}{path}", self.app.base))
            .form(form);
        self.send(req).await
    }

    /// Post one of the page's forms: the CSRF token is read from the page first.
    async fn submit(&mut self, page: &str, action: &str, form: &[(&str, &str)]) -> (u16, String) {
        let (status, _, html) = self.get(page).await;
        assert_eq!(status, 200, "{page}: {html}");
        let csrf = between(&html, "name=\"csrf\" value=\"", "\"").expect("a CSRF field");
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(form);
        let (status, location, body) = self.post(action, &all).await;
        (status, if location.is_empty() { body } else { location })
    }

    /// A change to someone on the Team page (`role`, `remove`, `link`).
    async fn team(
        &mut self,
        operator_id: &str,
        action: &str,
        form: &[(&str, &str)],
    ) -> (u16, String) {
        let action = format!("/console/team/{operator_id}/{action}");
        self.submit("/console/team", &action, form).await
    }

    async fn sign_in(&mut self, email: &str, secret: &str) -> u16 {
        self.cookie = None;
        self.post(
            "/console/login",
            &[("company", "acme-hvac"), ("email", email), ("key", secret)],
        )
        .await
        .0
    }
}

/// Signs in through the service as the console does (`email` empty: the company key) and
/// returns the session's operator.
async fn signed_in(
    svc: &aisha::service::Service,
    company: &str,
    email: &str,
    secret: &str,
    now: Timestamp,
) -> aisha::service::ConsoleSession {
    let s = svc
        .open_console_session(company, email, secret, now)
        .await
        .unwrap();
    svc.console_session(&s, now).await.unwrap().unwrap()
}

async fn operator_id(app: &TestApp, email: &str) -> String {
    app.store
        .operators(&aisha_core::CompanyId::parse("acme-hvac").unwrap())
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.email == email)
        .unwrap()
        .operator_id
}

fn between(html: &str, start: &str, end: &str) -> Option<String> {
    let from = html.find(start)? + start.len();
    let to = html[from..].find(end)? + from;
    Some(html[from..to].replace("&amp;", "&"))
}

/// Invite someone from the Team page; the one-time link's path.
async fn invite(owner: &mut Browser<'_>, name: &str, email: &str, role: &str) -> String {
    let (status, html) = owner
        .submit(
            "/console/team",
            "/console/team",
            &[("name", name), ("email", email), ("role", role)],
        )
        .await;
    assert_eq!(status, 200, "{html}");
    let link = between(&html, "<code id=\"invite-link\">", "</code>").expect("the link");
    link.split_once("/console/invite/")
        .map(|(_, t)| format!("/console/invite/{t}"))
        .unwrap()
}

async fn accept<'a>(app: &'a TestApp, link: &str, password: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let (status, _, html) = b.get(link).await;
    assert_eq!(status, 200, "{html}");
    let (status, location, html) = b
        .post(link, &[("password", password), ("confirm", password)])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/console/escalations"),
        "{html}"
    );
    b
}

async fn accounts_story(backend: Backend) {
    // Many sign-ins from one address: above the default limit (which security.rs tests).
    let n = std::num::NonZeroU32::new(1000).unwrap();
    let limits = aisha::web::chat::ChatLimits::default().with_public_limits(n, n);
    let app = spawn_app_with(backend, limits).await;
    let key = app.company("acme-hvac", json!({})).await;

    // No accounts yet: the key signs in, as the owner who invites the first people.
    let mut key_holder = Browser::new(&app);
    assert_eq!(key_holder.sign_in("", &key).await, 303);
    let (_, _, team) = key_holder.get("/console/team").await;
    assert!(
        team.contains("signed in with the company API key"),
        "{team}"
    );

    let owner_link = invite(
        &mut key_holder,
        "Olivia Owner",
        "Olivia@Acme.example",
        "owner",
    )
    .await;
    // A link that is not followed yet changes nothing: the key still signs in.
    assert_eq!(Browser::new(&app).sign_in("", &key).await, 303);
    // A password too short is refused and the link still works.
    let mut b = Browser::new(&app);
    let (status, _, html) = b
        .post(&owner_link, &[("password", "short"), ("confirm", "short")])
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("at least 12 characters"), "{html}");
    let mut owner = accept(&app, &owner_link, "correct horse battery").await;
    let (_, _, page) = owner.get("/console/escalations").await;
    assert!(
        page.contains("Olivia Owner &lt;olivia@acme.example&gt; · owner"),
        "{page}"
    );

    // The link worked once; the key signs in no more, and its open session has ended.
    let (status, _, _) = Browser::new(&app).get(&owner_link).await;
    assert_eq!(status, 404);
    let (status, location, _) = key_holder.get("/console/escalations").await;
    assert_eq!((status, location.as_str()), (303, "/console/login"));
    let mut b = Browser::new(&app);
    assert_eq!(b.sign_in("", &key).await, 401);
    // Wrong password, unknown email: the same answer.
    assert_eq!(
        b.sign_in("olivia@acme.example", "wrong password!!").await,
        401
    );
    assert_eq!(
        b.sign_in("nobody@acme.example", "correct horse battery")
            .await,
        401
    );
    // The email is read as the person typed it, any case.
    assert_eq!(
        b.sign_in(" OLIVIA@acme.example", "correct horse battery")
            .await,
        303
    );

    // An operator and a read-only viewer.
    let op_link = invite(
        &mut owner,
        "Oscar Operator",
        "oscar@acme.example",
        "operator",
    )
    .await;
    let view_link = invite(&mut owner, "Vera Viewer", "vera@acme.example", "viewer").await;
    let (status, html) = owner
        .submit(
            "/console/team",
            "/console/team",
            &[
                ("name", "Oscar Again"),
                ("email", "oscar@acme.example"),
                ("role", "viewer"),
            ],
        )
        .await;
    assert_eq!(status, 409, "an email has one account: {html}");
    let mut oscar = accept(&app, &op_link, "oscar's long password").await;
    let mut vera = accept(&app, &view_link, "vera's long password").await;

    // The viewer reads every page and changes nothing; her page shows no forms that would.
    for page in [
        "/console/escalations",
        "/console/customers",
        "/console/controls",
        "/console/config",
        "/console/team",
        "/console/audit",
    ] {
        let (status, _, html) = vera.get(page).await;
        assert_eq!(status, 200, "{page}");
        assert!(html.contains("class=\"role-viewer\""), "{page}");
    }
    let (status, html) = vera
        .submit(
            "/console/controls",
            "/console/controls",
            &[("kill_switch", "true"), ("reason", "test")],
        )
        .await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains("Your account is viewer"), "{html}");
    assert!(!app.service.controls("acme-hvac").await.unwrap().kill_switch);

    // The operator acts, and the audit log says who; configuration and the team are the owners'.
    let (status, _) = oscar
        .submit(
            "/console/controls",
            "/console/controls",
            &[
                ("kill_switch", "true"),
                ("reason", "storm: pausing follow-ups"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    assert!(app.service.controls("acme-hvac").await.unwrap().kill_switch);
    let (status, _) = oscar
        .submit(
            "/console/team",
            "/console/team",
            &[
                ("name", "X"),
                ("email", "x@acme.example"),
                ("role", "owner"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = oscar
        .submit(
            "/console/config",
            "/console/config/web-chat",
            &[("reason", "new site")],
        )
        .await;
    assert_eq!(status, 403);
    let (records, _) = app.service.audit_page("acme-hvac", 50, 0).await.unwrap();
    let kill = records
        .iter()
        .find(|r| r.payload.contains("storm: pausing follow-ups"))
        .expect("the kill switch is audited");
    assert!(
        kill.payload.contains("Oscar Operator <oscar@acme.example>"),
        "{}",
        kill.payload
    );
    for kind in ["operator.invited", "operator.joined"] {
        assert!(records.iter().any(|r| r.kind == kind), "{kind}");
    }
    let invited = records
        .iter()
        .find(|r| r.kind == "operator.invited")
        .unwrap();
    assert!(
        !invited.payload.contains("inv_"),
        "the audit log never holds a link: {}",
        invited.payload
    );

    // The owner makes Vera an operator: her next request may act.
    let vera_id = operator_id(&app, "vera@acme.example").await;
    let (status, _) = owner.team(&vera_id, "role", &[("role", "operator")]).await;
    assert_eq!(status, 200);
    let (_, _, page) = vera.get("/console/controls").await;
    assert!(page.contains("class=\"role-operator\""));

    // Removing Oscar ends his session at once; he cannot sign in again.
    let oscar_id = operator_id(&app, "oscar@acme.example").await;
    let (status, _) = owner.team(&oscar_id, "remove", &[]).await;
    assert_eq!(status, 200);
    let (status, location, _) = oscar.get("/console/escalations").await;
    assert_eq!((status, location.as_str()), (303, "/console/login"));
    assert_eq!(
        oscar
            .sign_in("oscar@acme.example", "oscar's long password")
            .await,
        401
    );

    // The last owner can be neither demoted nor removed.
    let olivia_id = operator_id(&app, "olivia@acme.example").await;
    for (action, form) in [
        ("role", vec![("role", "viewer")]),
        ("remove", Vec::<(&str, &str)>::new()),
    ] {
        let (status, html) = owner.team(&olivia_id, action, &form).await;
        assert_eq!(status, 409, "{action}: {html}");
        assert!(html.contains("needs an owner"), "{html}");
    }

    // A forgotten password: a new sign-in link; the old password works until it is used.
    let (status, html) = owner.team(&olivia_id, "link", &[]).await;
    assert_eq!(status, 200);
    let reset = between(&html, "<code id=\"invite-link\">", "</code>").unwrap();
    let reset = format!(
        "/console/invite/{}",
        reset.split_once("/console/invite/").unwrap().1
    );
    let (_, _, page) = owner.get("/console/escalations").await;
    assert!(page.contains("Olivia Owner"));
    let _olivia = accept(&app, &reset, "a brand new passphrase").await;
    // The new password ends the sessions made with the old one.
    let (status, location, _) = owner.get("/console/escalations").await;
    assert_eq!((status, location.as_str()), (303, "/console/login"));
    assert_eq!(
        owner
            .sign_in("olivia@acme.example", "correct horse battery")
            .await,
        401
    );
    assert_eq!(
        owner
            .sign_in("olivia@acme.example", "a brand new passphrase")
            .await,
        303
    );
}

#[tokio::test]
async fn accounts_on_sqlite() {
    accounts_story(Backend::Sqlite).await;
}

#[tokio::test]
async fn accounts_on_postgres() {
    accounts_story(Backend::Postgres).await;
}

/// Invitations expire after a week (the clock is the caller's); an expired link shows a page
/// that says so, and a new one works.
#[tokio::test]
async fn an_invitation_expires_after_a_week() {
    let app = spawn_app(Backend::Sqlite).await;
    let key = app.company("acme-hvac", json!({})).await;
    let now: Timestamp = "2026-12-07T15:00:00Z".parse().unwrap();
    let owner = signed_in(&app.service, "acme-hvac", "", &key, now).await;
    let inv = app
        .service
        .invite_operator(
            &owner,
            "ana@acme.example",
            "Ana",
            aisha::service::Role::Owner,
            now,
        )
        .await
        .unwrap();
    let day = jiff::SignedDuration::from_hours(24);
    assert!(app
        .service
        .invitation(&inv.token, now + day * 6)
        .await
        .unwrap()
        .is_some());
    assert!(app
        .service
        .invitation(&inv.token, now + day * 7)
        .await
        .unwrap()
        .is_none());
    let err = app
        .service
        .accept_invitation(&inv.token, "long enough password", now + day * 8)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("expired"), "{err}");
    let again = app
        .service
        .renew_invitation(&owner, &inv.operator.operator_id, now + day * 8)
        .await
        .unwrap();
    assert!(app
        .service
        .invitation(&inv.token, now + day * 8)
        .await
        .unwrap()
        .is_none());
    app.service
        .accept_invitation(&again.token, "long enough password", now + day * 8)
        .await
        .unwrap();
    // Bad input is a clear error, never a stored account.
    for (email, name) in [
        ("not an email", "Bo"),
        ("bo@acme.example", "  "),
        ("bo@@x.com", "Bo"),
    ] {
        let later = now + day * 9;
        let ana = signed_in(
            &app.service,
            "acme-hvac",
            "ana@acme.example",
            "long enough password",
            later,
        )
        .await;
        let err = app
            .service
            .invite_operator(&ana, email, name, aisha::service::Role::Viewer, later)
            .await
            .unwrap_err();
        assert!(
            matches!(err, aisha::service::ServiceError::Invalid(_)),
            "{err}"
        );
    }
}

/// Two owners who remove each other at the same moment: one of them stays. A removal and a
/// role change at once: one wins, the other is refused, never both applied. An account saved
/// from an old read is refused. Both stores.
#[tokio::test]
async fn team_changes_made_at_once_never_undo_each_other() {
    use aisha::service::{Role, ServiceError};
    use aisha::store::OperatorSave;
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = spawn_app(backend).await;
        let svc = &app.service;
        let now: Timestamp = "2026-12-07T15:00:00Z".parse().unwrap();
        for round in 0..4 {
            let company = format!("co-{round}");
            let key = app.company(&company, json!({})).await;
            let key_holder = signed_in(svc, &company, "", &key, now).await;
            let mut owners = Vec::new();
            for name in ["Ann", "Bea"] {
                let email = format!("{}@{company}.example", name.to_lowercase());
                let inv = svc
                    .invite_operator(&key_holder, &email, name, Role::Owner, now)
                    .await
                    .unwrap();
                let s = svc
                    .accept_invitation(&inv.token, "a long enough password", now)
                    .await
                    .unwrap();
                owners.push(svc.console_session(&s, now).await.unwrap().unwrap());
            }
            let (a, b) = (&owners[0], &owners[1]);
            let (a_id, b_id) = (
                a.operator_id.clone().unwrap(),
                b.operator_id.clone().unwrap(),
            );
            let (ra, rb) = tokio::join!(
                svc.remove_operator(a, &b_id, now),
                svc.remove_operator(b, &a_id, now)
            );
            assert!(ra.is_ok() != rb.is_ok(), "{backend:?}: {ra:?} {rb:?}");
            let refused = ra.err().or(rb.err()).unwrap();
            assert!(
                matches!(&refused, ServiceError::Conflict(m) if m.contains("needs an owner")),
                "{refused}"
            );
            let cid = aisha_core::CompanyId::parse(&company).unwrap();
            let people = app.store.operators(&cid).await.unwrap();
            assert_eq!(people.iter().filter(|o| o.is_active_owner()).count(), 1);

            // The survivor invites Cy; removing Cy and promoting Cy at once: one of the two.
            let survivor = if owners[0].operator_id.as_deref()
                == people
                    .iter()
                    .find(|o| o.is_active_owner())
                    .map(|o| o.operator_id.as_str())
            {
                &owners[0]
            } else {
                &owners[1]
            };
            let inv = svc
                .invite_operator(
                    survivor,
                    &format!("cy@{company}.example"),
                    "Cy",
                    Role::Viewer,
                    now,
                )
                .await
                .unwrap();
            svc.accept_invitation(&inv.token, "a long enough password", now)
                .await
                .unwrap();
            let cy = &inv.operator.operator_id;
            let (removed, promoted) = tokio::join!(
                svc.remove_operator(survivor, cy, now),
                svc.change_role(survivor, cy, Role::Owner, now)
            );
            let row = app.store.operator(&cid, cy).await.unwrap().unwrap();
            // Each change applies to what the other left, or is refused: promoted then
            // removed is removed (a removed account is never promoted); never neither.
            match (removed.is_ok(), promoted.is_ok()) {
                (true, false) => assert!(row.removed_at.is_some() && row.role == Role::Viewer),
                (false, true) => assert!(row.removed_at.is_none() && row.role == Role::Owner),
                (true, true) => assert!(row.removed_at.is_some() && row.role == Role::Owner),
                other => panic!("{backend:?}: neither applied: {other:?} {row:?}"),
            }
        }

        // A row saved from a read older than the last change is refused and writes nothing.
        let cid = aisha_core::CompanyId::parse("co-0").unwrap();
        let mut stale = app
            .store
            .operators(&cid)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Cy")
            .unwrap();
        stale.version -= 1;
        stale.name = "Mallory".into();
        assert_eq!(
            app.store
                .save_operator(&stale, false, false, &[], now)
                .await
                .unwrap(),
            OperatorSave::Stale
        );
    }
}

/// Passwords are taken exactly as typed, so one with a space at either end is refused when
/// it is set; names cannot pose as someone else's "Name <email>" in the audit log.
#[tokio::test]
async fn passwords_and_names_that_would_mislead_are_refused() {
    use aisha::service::{Role, ServiceError};
    let app = spawn_app(Backend::Sqlite).await;
    let svc = &app.service;
    let key = app.company("acme-hvac", json!({})).await;
    let now: Timestamp = "2026-12-07T15:00:00Z".parse().unwrap();
    let owner = signed_in(svc, "acme-hvac", "", &key, now).await;
    for (email, name) in [
        ("ann@acme.example", "Olivia Owner <owner@acme.example>"),
        ("ann@acme.example", "Ann\u{202E}nnA"),
        ("ann@acme.example", "Ann\u{200B}"),
        ("ann@x..example", "Ann"),
        ("ánn@acme.example", "Ann"),
    ] {
        let err = svc
            .invite_operator(&owner, email, name, Role::Viewer, now)
            .await
            .unwrap_err();
        assert!(
            matches!(err, ServiceError::Invalid(_)),
            "{email} {name}: {err}"
        );
    }
    let inv = svc
        .invite_operator(
            &owner,
            "ann@acme.example",
            "Ann O'Neil-Díaz",
            Role::Viewer,
            now,
        )
        .await
        .unwrap();
    for bad in [
        "  a long enough password",
        "a long enough password\t",
        "            ",
    ] {
        let err = svc
            .accept_invitation(&inv.token, bad, now)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("password"), "{bad:?}: {err}");
    }
    svc.accept_invitation(&inv.token, "a long  enough password", now)
        .await
        .unwrap();
    assert!(svc
        .open_console_session(
            "acme-hvac",
            "ann@acme.example",
            "a long  enough password",
            now
        )
        .await
        .is_ok());
    assert!(svc
        .open_console_session(
            "acme-hvac",
            "ann@acme.example",
            "a long enough password",
            now
        )
        .await
        .is_err());
}
