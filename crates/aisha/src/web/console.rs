//! The operator console: server-rendered HTML (maud) from the same binary, no JavaScript
//! needed. People sign in with their accounts (the company key only until the first account
//! exists); sessions are HMAC-signed cookies bound to the credential's hash (a new password or
//! key ends them); every form carries a CSRF token derived from the session; what a role may
//! change is decided once, in the console layer.
//! Every page and form goes through the service layer, like the API.

mod config;
mod lists;
mod team;
mod view;

use std::collections::BTreeMap;

use aisha_core::care::{CareState, Event};
use axum::extract::{Path, Query, State};
use axum::handler::Handler;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use jiff::Timestamp;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::auth::{console_layer, COOKIE};
use super::{AppError, AppState, ConsoleSession};
use crate::service::{ControlsChange, ServiceError, Turn, CONSOLE_SESSION_SECS};
use crate::store::EscalationStatus;
use aisha_core::{ConversationId, CustomerId, EscalationId, InvalidValue, Reason};

/// The console's rendering of [`AppError`]: a page that says what went wrong, never a stack
/// trace, with the status every interface uses.
pub struct Page(AppError);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let AppError {
            status,
            message,
            title,
            ..
        } = self.0;
        // Every error page offers a way back.
        let body = html! {
            p.error { (message) }
            p { a href="/console/escalations" { "Back to the console" } }
        };
        (status, bare(title, body)).into_response()
    }
}

impl From<AppError> for Page {
    fn from(e: AppError) -> Self {
        Page(e)
    }
}

impl From<InvalidValue> for Page {
    fn from(e: InvalidValue) -> Self {
        Page(e.into())
    }
}

impl From<ServiceError> for Page {
    fn from(e: ServiceError) -> Self {
        Page(e.into())
    }
}

type PageResult = Result<Response, Page>;

/// Check the form's CSRF token against the session.
fn check_csrf(op: &ConsoleSession, given: &str) -> Result<(), Page> {
    if bool::from(op.csrf.as_bytes().ct_eq(given.as_bytes())) {
        Ok(())
    } else {
        Err(AppError::new(
            StatusCode::FORBIDDEN,
            "This form is stale or did not come from the console. Go back, reload and try again.",
        )
        .titled("Form expired")
        .into())
    }
}

fn parse_form<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, Page> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(body).unwrap_or_default();
    super::input::check_pairs(&pairs).map_err(|e| Page::from(e.titled("Bad form")))?;
    serde_urlencoded::from_str(body).map_err(|e| {
        AppError::bad_request(format!("The form could not be read: {e}"))
            .titled("Bad form")
            .into()
    })
}

const STYLE: &str = r#"
:root { color-scheme: light; --ink:#1d2733; --muted:#5b6776; --line:#d9dee4; --accent:#2e86c1; --warn:#c0392b; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--ink); margin: 0; }
header { background: #10324a; color: white; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
header a { color: white; }
header strong { margin-right: auto; }
main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
nav a { margin-right: .8rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
form.inline { display: inline; }
label { display: block; margin: .4rem 0 .1rem; font-weight: 600; }
input[type=text], input[type=password], input[type=email], textarea, select { width: 100%; max-width: 40rem; padding: .4rem; font: inherit; border: 1px solid var(--line); border-radius: 4px; }
textarea { font-family: ui-monospace, monospace; font-size: 14px; }
button { font: inherit; padding: .4rem .9rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: white; cursor: pointer; margin-top: .4rem; }
button.danger { background: var(--warn); border-color: var(--warn); }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin: .8rem 0; }
.muted { color: var(--muted); }
.error { color: var(--warn); font-weight: 600; }
.ok { color: #1e8449; font-weight: 600; }
.pill { display: inline-block; padding: 0 .5rem; border-radius: 1rem; background: #eef2f6; font-size: .9em; }
.chat p { margin: .2rem 0; }
.chat .caller { font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure { margin: 0; } figure svg { width: 100%; max-width: 34rem; height: auto; }
td code { word-break: break-all; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; }
.banner { padding: .6rem 1rem; font-weight: 500; }
.banner a { color: inherit; }
.banner.stop { background: #fdecea; color: #7b1d12; border-bottom: 2px solid var(--warn); }
.banner.shadow { background: #fff6e0; color: #6b4a00; border-bottom: 2px solid #d4a017; }
.pager { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
.ok-pill { background: #e3f4e8; color: #1e6b39; } .bad-pill { background: #fdecea; color: #7b1d12; } .warn-pill { background: #fff6e0; color: #6b4a00; }
.pill.live { background: #1e8449; color: white; }
.small { font-size: .85em; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
form.filters label { margin: 0; } form.filters input, form.filters select { max-width: 18rem; }
ol.transcript { list-style: none; padding: 0; }
ol.transcript li { margin: .5rem 0; padding: .4rem .7rem; border-radius: 8px; max-width: 40rem; }
ol.transcript li.caller { background: #eef2f6; } ol.transcript li.agent { background: #e8f3fb; margin-left: 2rem; }
ol.transcript p { margin: .1rem 0 0; }
.who { font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 0 1rem; }
.kv { display: inline-block; margin-right: .6rem; }
ul.evidence { margin: 0; padding-left: 1.1rem; }
/* A read-only account sees no forms that change anything (the server refuses them too). */
.role-viewer main form[method=post] { display: none; }
@media (max-width: 40rem) {
  table.list thead { display: none; }
  th, td { display: block; }
  table.list tr { display: block; border-bottom: 2px solid var(--line); padding: .3rem 0; }
  table.list td { border: 0; padding: .1rem .3rem; }
  dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .3rem; }
  header { padding: .4rem .7rem; gap: .3rem .8rem; }
  header nav { order: 3; width: 100%; overflow-x: auto; white-space: nowrap; padding-bottom: .2rem; }
  header button { margin-top: 0; padding: .25rem .7rem; }
  nav a { display: inline-block; margin: .15rem .6rem .15rem 0; }
  ol.transcript li.agent { margin-left: .8rem; }
}
"#;

fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · AiSHA" }
                style { (PreEscaped(STYLE)) }
            }
            body { main { h1 { (title) } (body) } }
        }
    }
}

fn layout(op: &ConsoleSession, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · AiSHA" }
                style { (PreEscaped(STYLE)) }
            }
            body class={"role-" (op.role)} {
                header {
                    strong { "AiSHA · " (op.company) }
                    nav aria-label="Console" {
                        a href="/console/escalations" { "Escalations" }
                        a href="/console/bookings" { "Bookings" }
                        a href="/console/conversations" { "Conversations" }
                        a href="/console/customers" { "Customers" }
                        a href="/console/outbox" { "Outbox" }
                        a href="/console/controls" { "Controls" }
                        a href="/console/audit" { "Audit log" }
                        a href="/console/playground" { "Playground" }
                        a href="/console/config" { "Configuration" }
                        a href="/console/team" { "Team" }
                    }
                    span #signed-in-as.small { (op.actor) " · " (op.role) }
                    form.inline.signout method="post" action="/console/logout" {
                        input type="hidden" name="csrf" value=(op.csrf);
                        button type="submit" { "Sign out" }
                    }
                }
                (view::banner())
                main { h1 { (title) } (body) }
                script src="/console/live.js" defer {}
            }
        }
    }
}

fn csrf_field(op: &ConsoleSession) -> Markup {
    html! { input type="hidden" name="csrf" value=(op.csrf); }
}

// ---------------------------------------------------------------- sign in

async fn login_page() -> Markup {
    bare(
        "Sign in",
        html! {
            form method="post" action="/console/login" {
                label for="company" { "Company ID" }
                input id="company" name="company" type="text" required autocomplete="organization";
                label for="email" { "Email" }
                input id="email" name="email" type="email" autocomplete="username";
                label for="key" { "Password" }
                input id="key" name="key" type="password" required autocomplete="current-password";
                button type="submit" { "Sign in" }
            }
            p.muted { "A new company has no accounts yet: leave Email empty and use the company API key (" code { "aisha serve" } " prints it) to invite your team under Team. From the first account on, everyone signs in with their email." }
        },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    company: String,
    #[serde(default)]
    email: String,
    key: String,
}

async fn login(State(state): State<AppState>, body: String) -> PageResult {
    let f: LoginForm = parse_form(&body)?;
    let company = f.company.trim();
    // A key has no spaces; a password is taken exactly as it was set.
    let secret = if f.email.trim().is_empty() {
        f.key.trim()
    } else {
        f.key.as_str()
    };
    let session = match state
        .service
        .open_console_session(company, &f.email, secret, Timestamp::now())
        .await
    {
        Ok(s) => s,
        Err(e @ (ServiceError::UnknownCompany(_) | ServiceError::Forbidden(_))) => {
            let message = match e {
                ServiceError::Forbidden(m) => m,
                _ if f.email.trim().is_empty() => "That company ID and key do not match.".into(),
                _ => "That company, email and password do not match.".into(),
            };
            return Ok((
                StatusCode::UNAUTHORIZED,
                bare(
                    "Sign in",
                    html! {
                        p.error role="alert" { (message) }
                        a href="/console/login" { "Try again" }
                    },
                ),
            )
                .into_response());
        }
        Err(e) => return Err(e.into()),
    };
    Ok(signed_in(&state, &session))
}

/// The redirect into the console that sets the session cookie.
fn signed_in(state: &AppState, session: &str) -> Response {
    // Behind https the cookie never travels over plain http.
    let secure = if secure_cookies(state) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{COOKIE}={session}; Path=/console; HttpOnly; SameSite=Strict; Max-Age={CONSOLE_SESSION_SECS}{secure}"
    );
    (
        [(header::SET_COOKIE, cookie)],
        Redirect::to("/console/escalations"),
    )
        .into_response()
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

/// Whether the public URL is https (the session cookie is then `Secure`).
fn secure_cookies(state: &AppState) -> bool {
    state
        .public_url
        .as_deref()
        .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://"))
}

async fn logout(State(state): State<AppState>, op: ConsoleSession, body: String) -> PageResult {
    let f: CsrfOnly = parse_form(&body)?;
    check_csrf(&op, &f.csrf)?;
    let secure = if secure_cookies(&state) {
        "; Secure"
    } else {
        ""
    };
    Ok((
        [(
            header::SET_COOKIE,
            format!("{COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
        )],
        Redirect::to("/console/login"),
    )
        .into_response())
}

async fn home(_op: ConsoleSession) -> PageResult {
    Ok(Redirect::to("/console/escalations").into_response())
}

// ---------------------------------------------------------------- escalations

/// A customer as a link with their name. Front-desk escalations once stored the caller's
/// number in place of the customer id; such a number is looked up, and shown as a number when
/// no customer has it.
async fn customer_link(state: &AppState, op: &ConsoleSession, raw: &str) -> Result<Markup, Page> {
    let s = &state.service;
    let id = match CustomerId::parse(raw) {
        Ok(id) => match s.relationship(&op.company, &id).await {
            Ok(_) => Some(id),
            Err(ServiceError::UnknownCustomer(_)) => s.customer_by_phone(&op.company, raw).await?,
            Err(e) => return Err(e.into()),
        },
        Err(_) => None,
    };
    let Some(id) = id else {
        return Ok(html! { (view::phone(raw)) " " span.muted { "(not a customer yet)" } });
    };
    let rel = s.relationship(&op.company, &id).await?;
    let name = customer_name(&rel.customer).unwrap_or_else(|| id.to_string());
    Ok(html! {
        a.customer-link href=(view::customer_href(id.as_str())) { (name) }
        @if let Some(p) = &rel.customer.phone { " " span.muted { (view::phone(p)) } }
    })
}

fn customer_name(c: &aisha_core::care::Customer) -> Option<String> {
    let name = [c.first_name.as_deref(), c.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.trim().is_empty()).then_some(name)
}

/// The detections behind an escalation, as "signal: the words".
fn evidence(v: &serde_json::Value) -> Markup {
    let items: Vec<(String, String)> = v
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["signal"].as_str().unwrap_or("").replace('_', " "),
                        d["evidence"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        @if items.is_empty() { span.muted { "—" } } @else {
            ul.evidence { @for (signal, words) in &items { li { (signal) @if !words.is_empty() { ": “" (words) "”" } } } }
        }
    }
}

async fn escalations(State(state): State<AppState>, op: ConsoleSession) -> PageResult {
    let s = &state.service;
    let all = s.escalations(&op.company, false).await?;
    let (open, resolved): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|e| e.status == EscalationStatus::Open);
    let mut cards = Vec::new();
    for e in open.iter().rev() {
        let session = match e.conversation_id.as_deref().map(ConversationId::parse) {
            Some(Ok(conv)) => s.session(&op.company, &conv).await?,
            _ => None,
        };
        let around = session
            .as_ref()
            .map(|sess| {
                let n = sess.transcript.len();
                sess.transcript[n.saturating_sub(6)..]
                    .iter()
                    .map(|t| (format!("{:?}", t.speaker), t.text.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        // A caller who is not a customer yet is still someone to call back.
        let who = match (
            e.customer_id.as_deref(),
            session.as_ref().and_then(|s| s.caller_id.as_deref()),
        ) {
            (Some(c), _) | (None, Some(c)) => Some(customer_link(&state, &op, c).await?),
            (None, None) => None,
        };
        cards.push(html! {
            article.card id={"escalation-" (e.id)} {
                h2 { (e.trigger.replace('_', " ")) " " span.pill { "#" (e.id) } }
                p { (e.reason) }
                dl.facts {
                    dt { "When" } dd { (view::when(&e.at)) }
                    @if let Some(w) = &who { dt { "Customer" } dd { (w) } }
                    @if let Some(c) = &e.conversation_id { dt { "Conversation" } dd { a href={"/console/conversations/" (c)} { (view::channel_of(c)) " transcript" } } }
                    dt { "Evidence" } dd { (evidence(&e.evidence)) }
                }
                @if !around.is_empty() {
                    div.chat aria-label="Conversation around it" {
                        @for (who, text) in &around {
                            p { span class=(if who == "Caller" { "caller" } else { "agent" }) { (who) ": " } (text) }
                        }
                    }
                }
                form method="post" action={"/console/escalations/" (e.id) "/resolve"} {
                    (csrf_field(&op))
                    label for={"note-" (e.id)} { "Resolution note" }
                    input id={"note-" (e.id)} name="note" type="text" required;
                    button type="submit" { "Resolve" }
                }
            }
        });
    }
    Ok(layout(&op, "Escalations", html! {
        p { (open.len()) " open · " (resolved.len()) " resolved" }
        @if open.is_empty() { p.ok { "Nothing needs a human right now." } }
        @for c in &cards { (c) }
        @if !resolved.is_empty() {
            h2 { "Resolved" }
            table.list {
                thead { tr { th { "#" } th { "Raised" } th { "Trigger" } th { "Resolved by" } th { "Note" } } }
                tbody { @for e in resolved.iter().rev().take(50) {
                    tr { td { (e.id) } td { (view::when(&e.at)) } td { (e.trigger.replace('_', " ")) } td { (e.resolved_by.as_deref().unwrap_or("")) } td { (e.resolution_note.as_deref().unwrap_or("")) } }
                } }
            }
        }
    }).into_response())
}

#[derive(Deserialize)]
struct ResolveForm {
    csrf: String,
    note: String,
}

async fn resolve(
    State(state): State<AppState>,
    Path(id): Path<String>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let id = EscalationId::parse(&id)?;
    let f: ResolveForm = parse_form(&body)?;
    check_csrf(&op, &f.csrf)?;
    state
        .service
        .resolve_escalation(&op.company, id, &op.actor, &f.note, Timestamp::now())
        .await?;
    Ok(Redirect::to("/console/escalations").into_response())
}

// ---------------------------------------------------------------- customers

#[derive(Deserialize, Default)]
struct CustomersQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

async fn customers(
    State(state): State<AppState>,
    Query(q): Query<CustomersQuery>,
    op: ConsoleSession,
) -> PageResult {
    // A search longer than any name or number finds nothing anyway.
    let search: String =
        q.q.as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(100)
            .collect();
    // Only the ten states filter; anything else shows everyone.
    let filter = q
        .state
        .as_deref()
        .and_then(CareState::parse)
        .map(|s| s.as_str().to_owned());
    let (page, offset) = view::page_of(q.page.as_deref());
    let (rows, total) = state
        .service
        .customers_page(
            &op.company,
            &crate::store::CustomerQuery {
                search: search.clone(),
                state: filter.clone(),
                limit: view::PAGE,
                offset,
            },
        )
        .await?;
    let mut counts = [0u64; 10];
    let mut everyone = 0i64;
    for (name, n) in state.service.state_counts(&op.company).await? {
        if let Some(i) = CareState::parse(&name).map(CareState::index) {
            counts[i] += n as u64;
        }
        everyone += n;
    }
    let filter_str = filter.clone().unwrap_or_default();
    Ok(layout(&op, "Customers", html! {
        figure {
            (PreEscaped(crate::chart::state_bars_svg(&counts)))
            figcaption.muted { (view::thousands(everyone)) " customers by C.A.R.E. state" }
        }
        form.filters method="get" action="/console/customers" role="search" {
            div {
                label for="q" { "Search" }
                input id="q" name="q" type="search" value=(search) placeholder="Name, phone or id";
            }
            div {
                label for="state-filter" { "State" }
                select id="state-filter" name="state" {
                    option value="" { "All states" }
                    @for (i, st) in CareState::ALL.iter().enumerate() {
                        option value=(st.as_str()) selected[filter.as_deref() == Some(st.as_str())] { (st.as_str()) " (" (counts[i]) ")" }
                    }
                }
            }
            button type="submit" { "Show" }
            @if !search.is_empty() || filter.is_some() { a href="/console/customers" { "Clear" } }
        }
        table.list #customers {
            thead { tr { th { "Name" } th { "Phone" } th { "State" } th { "Next Hands-Off step" } } }
            tbody { @for r in &rows {
                tr {
                    td { a href=(view::customer_href(&r.customer_id)) { (r.name.clone().unwrap_or_else(|| r.customer_id.clone())) }
                         @if r.name.is_some() { br; span.muted.small { (r.customer_id) } } }
                    td { (r.phone.as_deref().map(view::phone).unwrap_or_else(|| "—".into())) }
                    td { span.pill { (r.state) } }
                    td { @match r.next_due_ms.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok()) {
                        Some(t) => (view::when_ts(t)),
                        None => span.muted { "none scheduled" },
                    } }
                }
            } }
        }
        @if rows.is_empty() { p #no-customers { "No customer matches." } }
        (view::pager("/console/customers", &[("q", search.as_str()), ("state", filter_str.as_str())], page, rows.len(), total))
    }).into_response())
}

async fn customer(
    State(state): State<AppState>,
    Path(id): Path<String>,
    op: ConsoleSession,
) -> PageResult {
    let cid = CustomerId::parse(&id)?;
    let t = match state.service.timeline(&op.company, &cid).await {
        Ok(t) => t,
        // Links made from a caller's number (older escalations, a pasted number) find them.
        Err(ServiceError::UnknownCustomer(_)) => {
            match state.service.customer_by_phone(&op.company, &id).await? {
                Some(found) if found != cid => {
                    return Ok(Redirect::to(&view::customer_href(found.as_str())).into_response())
                }
                _ => {
                    return Err(AppError::not_found(format!(
                        "There is no customer {id:?}. Search the customers list by name or phone."
                    ))
                    .titled("Customer not found")
                    .into())
                }
            }
        }
        Err(e) => return Err(e.into()),
    };
    let (sent, _) = state
        .service
        .deliveries_page(&op.company, Some(&cid), 50, 0)
        .await?;
    let rel = &t.relationship;
    let name = [
        rel.customer.first_name.as_deref(),
        rel.customer.last_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let mut events: Vec<(String, Markup)> = Vec::new();
    for tr in &t.transitions {
        let r = &tr.record;
        events.push((r["at"].as_str().unwrap_or("").to_owned(), html! {
            strong { "Transition " (r["from"].as_str().unwrap_or("")) " → " (r["to"].as_str().unwrap_or("")) }
            " " span.pill { (r["rule"].as_str().unwrap_or("")) }
            p { (r["explanation"].as_str().unwrap_or("")) }
        }));
    }
    for a in &t.actions {
        let r = &a.record;
        events.push((
            r["at"].as_str().unwrap_or("").to_owned(),
            html! {
                strong { "Action " (r["kind"].as_str().unwrap_or("")) }
                " " span.pill { (r["action_origin"].as_str().unwrap_or("")) }
                " " span.pill { "gate: " (r["policy_gate_result"].as_str().unwrap_or("")) }
                @if r["delivered"].as_bool() == Some(true) { " " (delivered_where(r, &sent)) }
                p { (r["reason"].as_str().unwrap_or("")) }
                @if let Some(text) = r["text"].as_str() { p.muted { "“" (text) "”" } }
                @if let Some(reasons) = r["gate_reasons"].as_array() { @if !reasons.is_empty() {
                    ul { @for g in reasons { li.muted { (g.as_str().unwrap_or("")) } } }
                } }
            },
        ));
    }
    for e in &t.escalations {
        events.push((
            e.at.clone(),
            html! {
                strong { "Escalation: " (e.trigger) } " " span.pill { (e.status) }
                p { (e.reason) }
            },
        ));
    }
    events.sort_by(|a, b| b.0.cmp(&a.0));
    let states: Vec<&str> = CareState::ALL.iter().map(|s| s.as_str()).collect();
    let title = if name.is_empty() {
        format!("Customer {id}")
    } else {
        name.clone()
    };
    Ok(layout(&op, &title, html! {
        p { a href="/console/customers" { "← All customers" } " " span.muted { "id " (id) } }
        dl.facts {
            dt { "Name" } dd { (if name.is_empty() { "—".to_owned() } else { name }) }
            dt { "State" } dd { span.pill #state { (rel.state.as_str()) } }
            dt { "Hands-Off Mode" } dd #hands-off { (if rel.hands_off { "on" } else { "off" }) }
            dt { "Next Hands-Off step" } dd #next-step {
                @match view::ctx().and_then(|c| aisha_core::care::next_due(rel, &c.company)) {
                    Some(t) => (view::when_ts(t)),
                    None => span.muted { "none scheduled" },
                }
            }
            dt { "Opted out" } dd { (if rel.opted_out { "yes" } else { "no" }) }
            dt { "Phone" } dd #customer-phone { (rel.customer.phone.as_deref().map(view::phone).unwrap_or_else(|| "—".into())) }
            dt { "Email" } dd { (rel.customer.email.as_deref().unwrap_or("—")) }
        }
        div.card {
            h2 { "Steer" }
            form method="post" action={(view::customer_href(&id)) "/hands-off"} {
                (csrf_field(&op))
                input type="hidden" name="enabled" value=(if rel.hands_off { "false" } else { "true" });
                label for="ho-reason" { "Reason" }
                input id="ho-reason" name="reason" type="text" required;
                button type="submit" { (if rel.hands_off { "Pause Hands-Off Mode" } else { "Resume Hands-Off Mode" }) }
            }
            form method="post" action={(view::customer_href(&id)) "/state"} {
                (csrf_field(&op))
                label for="new-state" { "Set state" }
                select id="new-state" name="state" { @for s in &states { option value=(s) selected[*s == rel.state.as_str()] { (s) } } }
                label for="st-reason" { "Reason" }
                input id="st-reason" name="reason" type="text" required;
                button type="submit" { "Set state" }
            }
            form method="post" action={(view::customer_href(&id)) "/message"} {
                (csrf_field(&op))
                label for="msg" { "Send a message (user-directed)" }
                textarea id="msg" name="text" rows="2" required {}
                button type="submit" { "Send" }
            }
        }
        h2 { "Timeline" }
        ol reversed {
            @for (at, item) in &events { li.card { span.muted { (view::when(at)) } br; (item) } }
        }
        h2 { "Messages and webhooks" }
        (lists::deliveries_table(&sent))
    }).into_response())
}

/// Where a delivered action really went: a text or email, or only this console (no provider
/// for that channel), matched to its outbox row by kind and text.
fn delivered_where(action: &serde_json::Value, sent: &[crate::store::Delivery]) -> Markup {
    use crate::store::DeliveryChannel;
    let row = sent
        .iter()
        .find(|d| d.payload["kind"] == action["kind"] && d.payload["text"] == action["text"]);
    match row.map(|d| d.channel) {
        Some(DeliveryChannel::TwilioSms) => html! { span.pill.ok-pill { "sent by text" } },
        Some(DeliveryChannel::Smtp) => html! { span.pill.ok-pill { "sent by email" } },
        Some(DeliveryChannel::Console) => html! {
            span.pill.warn-pill title="No text or email provider for this channel: nothing left AiSHA." { "console only: not sent" }
        },
        _ => html! { span.pill { "queued" } },
    }
}

/// The customer page's three forms: pause/resume Hands-Off, set a state, send a message.
async fn customer_form(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let form: BTreeMap<String, String> = parse_form(&body)?;
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    check_csrf(&op, &field("csrf"))?;
    let by = Some(op.actor.clone());
    let event = match action.as_str() {
        "hands-off" => Event::HandsOff {
            enabled: field("enabled") == "true",
            reason: Reason::parse(&field("reason"))?,
            by,
        },
        "state" => Event::StateOverride {
            state: CareState::parse(&field("state")).ok_or_else(|| InvalidValue {
                field: "state",
                reason: format!("unknown state {:?}", field("state")),
            })?,
            reason: Reason::parse(&field("reason"))?,
            by,
        },
        "message" => Event::UserDirected {
            action: "send_message".into(),
            text: field("text"),
            by,
        },
        _ => {
            return Err(AppError::not_found("No such form.")
                .titled("Not found")
                .into())
        }
    };
    state
        .service
        .apply_event(
            &op.company,
            &CustomerId::parse(&id)?,
            &event,
            Timestamp::now(),
        )
        .await?;
    Ok(Redirect::to(&view::customer_href(&id)).into_response())
}

// ---------------------------------------------------------------- controls and audit

async fn controls(State(state): State<AppState>, op: ConsoleSession) -> PageResult {
    let s = &state.service;
    let c = s.controls(&op.company).await?;
    let verified = s.verify_audit(&op.company, None).await?;
    let (recent, _) = s.audit_page(&op.company, 10, 0).await?;
    let switch = |name: &str, field: &str, on: bool| {
        html! {
            form.card method="post" action="/console/controls" {
                (csrf_field(&op))
                h2 { (name) ": " span #{(field) "-state"} { (if on { "ON" } else { "off" }) } }
                input type="hidden" name=(field) value=(if on { "false" } else { "true" });
                label for={(field) "-reason"} { "Reason" }
                input id={(field) "-reason"} name="reason" type="text" required;
                button type="submit" class=(if on { "" } else { "danger" }) { (if on { "Turn off" } else { "Turn on" }) }
            }
        }
    };
    Ok(layout(&op, "Controls", html! {
        p.muted { "The kill switch stops every autonomous action; shadow mode decides and records but never delivers. User-directed actions are not affected." }
        (switch("Kill switch", "kill_switch", c.kill_switch))
        (switch("Shadow mode", "shadow_mode", c.shadow_mode))
        h2 { "Audit log" }
        @if verified.intact() {
            p.ok #audit-verdict { "Chain intact: " (verified.chain.records) " records verified." }
        } @else {
            div.error #audit-verdict role="alert" {
                "Chain tampered with:"
                ul { @for t in &verified.chain.tampering { li { (t.to_string()) } } }
            }
        }
        (lists::audit_table(&recent))
        p { a href="/console/audit" { "The whole audit log" } }
    }).into_response())
}

#[derive(Deserialize)]
struct ControlsForm {
    csrf: String,
    #[serde(default)]
    kill_switch: Option<bool>,
    #[serde(default)]
    shadow_mode: Option<bool>,
    reason: String,
}

async fn set_controls(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let f: ControlsForm = parse_form(&body)?;
    check_csrf(&op, &f.csrf)?;
    state
        .service
        .set_controls(
            &op.company,
            &ControlsChange {
                kill_switch: f.kill_switch,
                shadow_mode: f.shadow_mode,
                by: &op.actor,
                reason: &Reason::parse(&f.reason)?,
            },
            Timestamp::now(),
        )
        .await?;
    Ok(Redirect::to("/console/controls").into_response())
}

// ---------------------------------------------------------------- playground

#[derive(Deserialize)]
struct PlaygroundQuery {
    #[serde(default)]
    c: Option<String>,
    /// Start over instead of going back to the last playground conversation.
    #[serde(default)]
    new: Option<String>,
}

/// The cookie that brings the operator back to their playground conversation.
const PLAYGROUND_COOKIE: &str = "aisha_playground";

fn playground_cookie(headers: &axum::http::HeaderMap) -> Option<ConversationId> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == PLAYGROUND_COOKIE)
        .and_then(|(_, v)| ConversationId::parse(v).ok())
        .filter(|c| c.as_str().starts_with("playground-"))
}

async fn playground(
    State(state): State<AppState>,
    Query(q): Query<PlaygroundQuery>,
    headers: axum::http::HeaderMap,
    op: ConsoleSession,
) -> PageResult {
    let remembered = q
        .new
        .is_none()
        .then(|| playground_cookie(&headers))
        .flatten();
    let conversation = match (q.c.as_deref().map(ConversationId::parse), remembered) {
        (Some(Ok(c)), _) | (None, Some(c)) => c,
        _ => ConversationId::parse(&format!("playground-{}", uuid::Uuid::new_v4().simple()))?,
    };
    let session = state.service.session(&op.company, &conversation).await?;
    let booking = session.as_ref().map(|s| &s.booking);
    Ok(layout(&op, "Front desk playground", html! {
        p.muted { "Talk to the receptionist as a caller would. Each message is a real turn through the same engine as calls and texts." }
        div.chat #transcript aria-live="polite" {
            @if let Some(s) = &session {
                @for t in &s.transcript {
                    p { span class=(if format!("{:?}", t.speaker) == "Caller" { "caller" } else { "agent" }) { (format!("{:?}", t.speaker)) ": " } (t.text) }
                }
            } @else { p.muted { "No messages yet." } }
        }
        form method="post" action="/console/playground" {
            (csrf_field(&op))
            input type="hidden" name="conversation" value=(conversation);
            label for="say" { "You say" }
            input id="say" name="text" type="text" required autofocus autocomplete="off";
            label for="caller" { "Caller ID (optional)" }
            input id="caller" name="caller_id" type="text" value=(session.as_ref().and_then(|s| s.caller_id.clone()).unwrap_or_default());
            button type="submit" { "Send" }
        }
        @if let Some(s) = &session {
            @if s.mode == aisha_core::Mode::Complete {
                @let slots = &s.booking.slots;
                div.card #booked role="status" {
                    h2 { "Booked" }
                    dl.facts {
                        dt { "Name" } dd { (slots.name.full.as_deref().or(slots.name.first.as_deref()).unwrap_or("—")) }
                        dt { "Phone" } dd { (slots.phone.as_deref().map(view::phone).unwrap_or_else(|| "—".into())) }
                        dt { "Address" } dd { (slots.address.full.as_deref().unwrap_or("—")) }
                        dt { "When" } dd { (slots.time.preference.as_deref().unwrap_or("—")) }
                    }
                    a href="/console/bookings" { "All bookings" }
                }
            }
            dl.facts #state {
                dt { "Mode" } dd #mode { (s.mode.as_str()) }
                dt { "Last agent intent" } dd #intent { (s.last_agent_intent.map(|i| i.as_str()).unwrap_or("—")) }
                dt { "Active slot" } dd #active-slot { (booking.and_then(|b| b.active_slot.as_deref()).unwrap_or("—")) }
                dt { "Consent" } dd { (booking.map(|b| b.consent_given).unwrap_or(false)) }
            }
            h2 { "session.booking" }
            pre #booking { (serde_json::to_string_pretty(&s.booking).unwrap_or_default()) }
        }
        p { a #new-conversation href="/console/playground?new=1" { "Start a new conversation" } }
    }).into_response())
}

#[derive(Deserialize)]
struct PlaygroundForm {
    csrf: String,
    conversation: String,
    text: String,
    #[serde(default)]
    caller_id: Option<String>,
}

async fn playground_turn(
    State(state): State<AppState>,
    op: ConsoleSession,
    body: String,
) -> PageResult {
    let f: PlaygroundForm = parse_form(&body)?;
    check_csrf(&op, &f.csrf)?;
    let caller = f
        .caller_id
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    state
        .service
        .turn(Turn {
            company_id: &op.company,
            conversation_id: &ConversationId::parse(&f.conversation)?,
            text: &f.text,
            caller_id: caller,
            now: Timestamp::now(),
        })
        .await?;
    let q = serde_urlencoded::to_string([("c", f.conversation.as_str())]).unwrap_or_default();
    let back = Redirect::to(&format!("/console/playground?{q}"));
    // Remembered only when it is one the playground made (letters and digits after the
    // prefix), so nothing from the form reaches the cookie header.
    let ours = f
        .conversation
        .strip_prefix("playground-")
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ours {
        return Ok(back.into_response());
    }
    let cookie = format!(
        "{PLAYGROUND_COOKIE}={}; Path=/console; HttpOnly; SameSite=Strict; Max-Age={CONSOLE_SESSION_SECS}",
        f.conversation
    );
    Ok(([(header::SET_COOKIE, cookie)], back).into_response())
}

/// The console's only script: live refresh of the elements marked `data-live`.
async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        include_str!("console/live.js"),
    )
        .into_response()
}

/// The sign-in page is public; every other console page sits under the console layer.
pub fn router(state: &AppState) -> Router<AppState> {
    let signed_in = Router::new()
        .route("/console", get(home))
        .route("/console/", get(home))
        .route("/console/logout", post(logout))
        .route("/console/escalations", get(escalations))
        .route("/console/escalations/{id}/resolve", post(resolve))
        .route("/console/live.js", get(live_js))
        .route("/console/bookings", get(lists::bookings))
        .route("/console/conversations", get(lists::conversations))
        .route("/console/conversations/{id}", get(lists::conversation))
        .route("/console/outbox", get(lists::outbox))
        .route("/console/audit", get(lists::audit))
        .route("/console/customers", get(customers))
        .route("/console/customers/{id}", get(customer))
        .route("/console/customers/{id}/{action}", post(customer_form))
        .route("/console/controls", get(controls).post(set_controls))
        .route("/console/playground", get(playground).post(playground_turn))
        .merge(config::routes())
        .merge(team::signed_in_routes())
        // Inside the session layer: the page's company, its zone and its switches.
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            view::with_context,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            console_layer,
        ));
    Router::new()
        .route(
            "/console/login",
            get(login_page).post(login.layer(axum::middleware::from_fn_with_state(
                state.clone(),
                super::limits::limit_sign_in,
            ))),
        )
        .merge(team::invitation_routes(state))
        .merge(signed_in)
}
