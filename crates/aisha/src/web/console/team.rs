//! Team: the company's console accounts. Owners invite people with a one-time link, change
//! their roles, make new sign-in links and remove them; everyone sees who has access.

use axum::extract::{Path, State};
use axum::handler::Handler;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use jiff::Timestamp;
use maud::{html, Markup};
use serde::Deserialize;

use super::{bare, check_csrf, csrf_field, layout, parse_form, signed_in, view, Page, PageResult};
use crate::service::{Invitation, Role, ServiceError, INVITE_DAYS, MIN_PASSWORD_CHARS};
use crate::store::OperatorRow;
use crate::web::{AppError, AppState, ConsoleSession};

const ROLES: [(Role, &str); 3] = [
    (
        Role::Owner,
        "Owner: everything, including configuration and the team",
    ),
    (
        Role::Operator,
        "Operator: escalations, customers, messages, controls",
    ),
    (Role::Viewer, "Read-only: sees every page, changes nothing"),
];

/// The pages behind the console layer (which lets only owners post to them).
pub fn signed_in_routes() -> Router<AppState> {
    Router::new()
        .route("/console/team", get(team).post(invite))
        .route("/console/team/{operator_id}/{action}", post(change))
}

/// The invitation link's pages are public: the token is the credential.
pub fn invitation_routes(state: &AppState) -> Router<AppState> {
    Router::new().route(
        "/console/invite/{token}",
        get(invitation_page).post(accept.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::web::limits::limit_sign_in,
        ))),
    )
}

fn status(o: &OperatorRow) -> Markup {
    if o.removed_at.is_some() {
        html! { span.pill.bad-pill { "removed" } }
    } else if o.password_hash.is_none() {
        html! {
            span.pill.warn-pill { "invited" }
            @if let Some(t) = &o.invite_expires_at { " " span.small.muted { "link expires " (view::when(t)) } }
        }
    } else {
        html! {
            span.pill.ok-pill { "active" }
            @if o.invite_hash.is_some() { " " span.small.muted { "(a sign-in link is pending)" } }
        }
    }
}

fn role_select(id: &str, selected: Role) -> Markup {
    html! {
        select id=(id) name="role" {
            @for (role, label) in ROLES {
                option value=(role.as_str()) selected[role == selected] { (label) }
            }
        }
    }
}

async fn team_page(
    op: &ConsoleSession,
    state: &AppState,
    message: Option<Markup>,
) -> Result<Markup, Page> {
    let people = state.service.operators(op).await?;
    let owner = op.role >= Role::Owner;
    Ok(layout(
        op,
        "Team",
        html! {
            @if let Some(m) = message { (m) }
            @if op.operator_id.is_none() {
                div.card role="note" {
                    p { "You are signed in with the company API key. Invite yourself and your team as people: "
                        "once the first of them has set a password, the console takes only accounts, and the key is for machines." }
                }
            }
            @if people.is_empty() {
                p.muted { "No accounts yet." }
            } @else {
                table.list #team {
                    thead { tr { th { "Name" } th { "Email" } th { "Role" } th { "Status" } @if owner { th { "Change" } } } }
                    tbody { @for o in &people {
                        tr data-email=(o.email) {
                            td { (o.name) @if op.operator_id.as_deref() == Some(o.operator_id.as_str()) { " " span.small.muted { "(you)" } } }
                            td { (o.email) }
                            td { (o.role) }
                            td { (status(o)) }
                            @if owner && o.removed_at.is_none() {
                                td {
                                    form.inline method="post" action={"/console/team/" (o.operator_id) "/role"} {
                                        (csrf_field(op))
                                        label.small for={"role-" (o.operator_id)} { "Role" }
                                        (role_select(&format!("role-{}", o.operator_id), o.role))
                                        button type="submit" { "Change role" }
                                    }
                                    " "
                                    form.inline method="post" action={"/console/team/" (o.operator_id) "/link"} {
                                        (csrf_field(op))
                                        button type="submit" { (if o.password_hash.is_some() { "New sign-in link" } else { "New invitation link" }) }
                                    }
                                    " "
                                    form.inline method="post" action={"/console/team/" (o.operator_id) "/remove"} {
                                        (csrf_field(op))
                                        button.danger type="submit" { "Remove" }
                                    }
                                }
                            } @else if owner { td {} }
                        }
                    } }
                }
            }
            @if owner {
                form.card #invite method="post" action="/console/team" {
                    (csrf_field(op))
                    h2 { "Invite someone" }
                    p.muted { "They get a link that works once, for " (INVITE_DAYS) " days, to set their password. Send it to them yourself." }
                    label for="invite-name" { "Name" }
                    input id="invite-name" name="name" type="text" required;
                    label for="invite-email" { "Email" }
                    input id="invite-email" name="email" type="email" required;
                    label for="invite-role" { "Role" }
                    (role_select("invite-role", Role::Operator))
                    button type="submit" { "Make an invitation link" }
                }
            }
        },
    ))
}

async fn team(State(state): State<AppState>, op: ConsoleSession) -> PageResult {
    Ok(team_page(&op, &state, None).await?.into_response())
}

/// Where links point: the public URL when set, else the host the owner is using.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(u) = &state.public_url {
        return u.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080");
    format!("http://{host}")
}

fn link_message(state: &AppState, headers: &HeaderMap, inv: &Invitation, what: &str) -> Markup {
    let link = format!("{}/console/invite/{}", base_url(state, headers), inv.token);
    html! {
        div.card role="status" {
            p.ok { (what) " for " (inv.operator.name) " (" (inv.operator.role) "). Send them this link (shown once; it works once, for " (INVITE_DAYS) " days):" }
            pre { code #invite-link { (link) } }
        }
    }
}

/// What the owner can fix (a bad email, the last owner) is shown on the page; the rest is an
/// error page.
fn shown(result: Result<Markup, ServiceError>) -> Result<(StatusCode, Markup), Page> {
    match result {
        Ok(m) => Ok((StatusCode::OK, m)),
        Err(e @ (ServiceError::Invalid(_) | ServiceError::Conflict(_))) => Ok((
            crate::web::error::status_of(&e),
            html! { div.card role="alert" { p.error { "Not done: " (e.to_string()) } } },
        )),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct InviteForm {
    csrf: String,
    name: String,
    email: String,
    role: String,
}

fn parse_role(raw: &str) -> Result<Role, Page> {
    raw.parse().map_err(|_| {
        Page::from(AppError::bad_request(format!(
            "role: {raw:?} is not owner, operator or viewer"
        )))
    })
}

async fn invite(
    State(state): State<AppState>,
    op: ConsoleSession,
    headers: HeaderMap,
    body: String,
) -> PageResult {
    let f: InviteForm = parse_form(&body)?;
    check_csrf(&op, &f.csrf)?;
    let role = parse_role(&f.role)?;
    let result = state
        .service
        .invite_operator(&op, &f.email, &f.name, role, Timestamp::now())
        .await
        .map(|inv| link_message(&state, &headers, &inv, "Invitation made"));
    let (status, message) = shown(result)?;
    Ok((status, team_page(&op, &state, Some(message)).await?).into_response())
}

#[derive(Deserialize)]
struct ChangeForm {
    csrf: String,
    #[serde(default)]
    role: Option<String>,
}

async fn change(
    State(state): State<AppState>,
    Path((operator_id, action)): Path<(String, String)>,
    op: ConsoleSession,
    headers: HeaderMap,
    body: String,
) -> PageResult {
    let f: ChangeForm = parse_form(&body)?;
    check_csrf(&op, &f.csrf)?;
    let now = Timestamp::now();
    let s = &state.service;
    let result = match action.as_str() {
        "role" => {
            let role = parse_role(f.role.as_deref().unwrap_or(""))?;
            s.change_role(&op, &operator_id, role, now)
                .await
                .map(|()| html! { p.ok role="status" { "Role changed." } })
        }
        "link" => s
            .renew_invitation(&op, &operator_id, now)
            .await
            .map(|inv| link_message(&state, &headers, &inv, "New link made")),
        "remove" => s.remove_operator(&op, &operator_id, now).await.map(
            |()| html! { p.ok role="status" { "Removed: they are signed out and cannot sign in." } },
        ),
        _ => {
            return Err(AppError::not_found("No such form.")
                .titled("Not found")
                .into())
        }
    };
    let (status, message) = shown(result)?;
    // Someone who removed or demoted themselves sees what they may see now.
    match s.refresh_console_session(&op).await? {
        Some(fresh) => {
            Ok((status, team_page(&fresh, &state, Some(message)).await?).into_response())
        }
        None => Ok(Redirect::to("/console/login").into_response()),
    }
}

fn expired() -> Response {
    (
        StatusCode::NOT_FOUND,
        bare(
            "Invitation",
            html! {
                p.error role="alert" { "This link has expired or was already used. Ask an owner of your company for a new one." }
                p { a href="/console/login" { "Sign in" } }
            },
        ),
    )
        .into_response()
}

fn password_form(token: &str, o: &OperatorRow, error: Option<&str>) -> Markup {
    let first = o.password_hash.is_none();
    bare(
        if first {
            "Welcome to AiSHA"
        } else {
            "Choose a new password"
        },
        html! {
            @if let Some(e) = error { p.error role="alert" { (e) } }
            p { (o.name) " · " (o.email) " · " (o.role) " at " strong { (o.company_id) } }
            form method="post" action={"/console/invite/" (token)} {
                label for="password" { "Password (at least " (MIN_PASSWORD_CHARS) " characters)" }
                input id="password" name="password" type="password" required minlength=(MIN_PASSWORD_CHARS) autocomplete="new-password";
                label for="confirm" { "The same password again" }
                input id="confirm" name="confirm" type="password" required autocomplete="new-password";
                button type="submit" { (if first { "Set my password and sign in" } else { "Change my password and sign in" }) }
            }
            p.muted { "You will sign in with company " code { (o.company_id) } ", your email and this password." }
        },
    )
}

async fn invitation_page(State(state): State<AppState>, Path(token): Path<String>) -> PageResult {
    match state.service.invitation(&token, Timestamp::now()).await? {
        Some(o) => Ok(password_form(&token, &o, None).into_response()),
        None => Ok(expired()),
    }
}

#[derive(Deserialize)]
struct AcceptForm {
    password: String,
    confirm: String,
}

async fn accept(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: String,
) -> PageResult {
    let f: AcceptForm = parse_form(&body)?;
    let now = Timestamp::now();
    let Some(o) = state.service.invitation(&token, now).await? else {
        return Ok(expired());
    };
    if f.password != f.confirm {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            password_form(&token, &o, Some("The two passwords differ.")),
        )
            .into_response());
    }
    match state
        .service
        .accept_invitation(&token, &f.password, now)
        .await
    {
        Ok(session) => Ok(signed_in(&state, &session)),
        Err(ServiceError::Invalid(m)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            password_form(&token, &o, Some(&m)),
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}
