//! The pages a dispatcher lives in: bookings, conversations (with transcripts), the outbox and
//! the audit log. Each is a page of rows with counts and Previous / Next links; every time is
//! in the company's zone and every phone in its national format.

use aisha_core::session::{Session, Speaker};
use aisha_core::{ConversationId, Mode};
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use maud::{html, Markup};
use serde::Deserialize;

use super::view::{
    channel_of, customer_href, page_of, pager, phone, segment, thousands, when, PAGE,
};
use super::{layout, PageResult};
use crate::store::{Delivery, DeliveryStatus};
use crate::web::{AppState, ConsoleSession};

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<String>,
}

/// "Jane Doe", or "—".
fn booked_name(s: &Session) -> String {
    let n = &s.booking.slots.name;
    n.full
        .clone()
        .or_else(|| n.first.clone())
        .or_else(|| n.last.clone())
        .unwrap_or_else(|| "—".into())
}

/// A conversation is live when it is not finished and someone spoke in the last 15 minutes.
fn is_live(s: &Session, updated_at: &str, now: jiff::Timestamp) -> bool {
    s.mode != Mode::Complete
        && updated_at
            .parse::<jiff::Timestamp>()
            .is_ok_and(|t| (now - t).get_seconds() < 15 * 60)
}

fn now() -> jiff::Timestamp {
    super::view::ctx()
        .map(|c| c.now)
        .unwrap_or_else(jiff::Timestamp::now)
}

fn conversation_href(id: &str) -> String {
    format!("/console/conversations/{}", segment(id))
}

fn delivery_status(d: &Delivery) -> Markup {
    let (class, word) = match d.status {
        DeliveryStatus::Sent => ("pill ok-pill", "sent"),
        DeliveryStatus::Failed => ("pill bad-pill", "failed"),
        DeliveryStatus::Pending if d.attempts > 0 => ("pill warn-pill", "retrying"),
        DeliveryStatus::Pending => ("pill", "queued"),
    };
    html! { span class=(class) { (word) } }
}

// ---------------------------------------------------------------- bookings

pub async fn bookings(
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
    op: ConsoleSession,
) -> PageResult {
    let (page, offset) = page_of(q.page.as_deref());
    let (rows, total) = state
        .service
        .conversations(&op.company, Some(Mode::Complete.as_str()), PAGE, offset)
        .await?;
    let mut items = Vec::new();
    for r in &rows {
        let handoff = state
            .service
            .booking_handoff(&op.company, &r.conversation_id)
            .await?;
        items.push((r, handoff));
    }
    Ok(layout(&op, "Bookings", html! {
        p.muted { "Every booking the front desk completed, newest first, and whether it reached your system of record." }
        @if items.is_empty() { p #no-bookings { "No bookings yet. A caller who gives their name, number, address and time shows up here." } }
        div.cards {
            @for (r, handoff) in &items {
                @let slots = &r.session.booking.slots;
                article.card.booking {
                    h2 { (booked_name(&r.session)) " " span.pill { (channel_of(&r.conversation_id)) } }
                    dl.facts {
                        dt { "Booked" } dd { (when(&r.updated_at)) }
                        dt { "Phone" } dd { (slots.phone.as_deref().map(phone).unwrap_or_else(|| "—".into())) }
                        dt { "Address" } dd { (slots.address.full.as_deref().unwrap_or("—")) }
                        dt { "When" } dd { (slots.time.preference.as_deref().unwrap_or("—")) @if let Some(w) = &slots.time.window { " (" (w) ")" } }
                        dt { "Issue" } dd { (r.session.discovery.issue_summary.as_deref().unwrap_or("—")) }
                        @for (k, v) in &slots.custom { @if let Some(v) = v { dt { (k.trim_start_matches("custom_").replace('_', " ")) } dd { (v) } } }
                        dt { "Hand-off" } dd.handoff {
                            @match handoff {
                                Some(d) => {
                                    (delivery_status(d)) " to your system of record"
                                    @if d.attempts > 1 { " after " (d.attempts) " attempts" }
                                    @if let Some(e) = &d.last_error { br; span.error { (e) } }
                                },
                                None => span.muted { "No system of record configured" },
                            }
                        }
                    }
                    a href=(conversation_href(&r.conversation_id)) { "Conversation" }
                }
            }
        }
        (pager("/console/bookings", &[], page, items.len(), total))
    }).into_response())
}

// ---------------------------------------------------------------- conversations

pub async fn conversations(
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
    op: ConsoleSession,
) -> PageResult {
    let (page, offset) = page_of(q.page.as_deref());
    let (rows, total) = state
        .service
        .conversations(&op.company, None, PAGE, offset)
        .await?;
    let now = now();
    // Who: the name they booked under, else the customer their number belongs to.
    let mut who = Vec::with_capacity(rows.len());
    for r in &rows {
        let booked = booked_name(&r.session);
        let known = match (&r.session.caller_id, booked.as_str()) {
            (Some(caller), "—") => {
                match state.service.customer_by_phone(&op.company, caller).await? {
                    Some(id) => {
                        let rel = state.service.relationship(&op.company, &id).await?;
                        super::customer_name(&rel.customer)
                    }
                    None => None,
                }
            }
            _ => None,
        };
        who.push(known.unwrap_or(booked));
    }
    // Live ones first on the page; otherwise most recent first.
    let mut rows: Vec<_> = rows
        .iter()
        .zip(who)
        .map(|(r, who)| (is_live(&r.session, &r.updated_at, now), r, who))
        .collect();
    rows.sort_by_key(|(live, _, _)| !*live);
    Ok(layout(&op, "Conversations", html! {
        p.muted { "Calls, texts and chats the front desk handled, live ones first. Open one for its transcript." }
        div #conversations-live data-live="5" {
        table.list {
            thead { tr { th { "Who" } th { "Channel" } th { "Last message" } th { "Status" } th { "When" } } }
            tbody {
                @for (live, r, who) in &rows {
                    @let last = r.session.transcript.iter().rev().find(|t| t.speaker == Speaker::Caller);
                    tr {
                        td { a href=(conversation_href(&r.conversation_id)) { (who) }
                             @if let Some(c) = &r.session.caller_id { br; span.muted { (phone(c)) } } }
                        td { (channel_of(&r.conversation_id)) }
                        td { (last.map(|t| t.text.chars().take(120).collect::<String>()).unwrap_or_default()) }
                        td { @if *live { span.pill.live { "live" } " " } (mode_words(r.session.mode)) }
                        td { (when(&r.updated_at)) }
                    }
                }
            }
        }
        @if rows.is_empty() { p { "No conversations yet." } }
        (pager("/console/conversations", &[], page, rows.len(), total))
        }
    }).into_response())
}

fn mode_words(m: Mode) -> &'static str {
    match m {
        Mode::Discovery => "talking",
        Mode::Booking => "booking",
        Mode::Complete => "booked",
    }
}

pub async fn conversation(
    State(state): State<AppState>,
    Path(id): Path<String>,
    op: ConsoleSession,
) -> PageResult {
    let cid = ConversationId::parse(&id)?;
    let Some(s) = state.service.session(&op.company, &cid).await? else {
        return Err(
            crate::web::AppError::not_found(format!("There is no conversation {id:?}."))
                .titled("Conversation not found")
                .into(),
        );
    };
    let customer = match &s.caller_id {
        Some(c) => state.service.customer_by_phone(&op.company, c).await?,
        None => None,
    };
    let handoff = if s.mode == Mode::Complete {
        state
            .service
            .booking_handoff(&op.company, cid.as_str())
            .await?
    } else {
        None
    };
    let slots = &s.booking.slots;
    Ok(layout(&op, &format!("{} · {}", channel_of(&id), booked_name(&s)), html! {
        p { a href="/console/conversations" { "← All conversations" } }
        dl.facts {
            dt { "Status" } dd #conversation-mode { (mode_words(s.mode)) }
            @if let Some(c) = &s.caller_id { dt { "From" } dd { (phone(c)) } }
            @if let Some(c) = &customer { dt { "Customer" } dd { a href=(customer_href(c.as_str())) { "Customer page" } } }
            @if let Some(i) = &s.discovery.issue_summary { dt { "Issue" } dd { (i) } }
            @if s.mode == Mode::Complete {
                dt { "Booked" } dd {
                    (booked_name(&s)) " · " (slots.phone.as_deref().map(phone).unwrap_or_default())
                    " · " (slots.address.full.as_deref().unwrap_or("")) " · " (slots.time.preference.as_deref().unwrap_or(""))
                }
                dt { "Hand-off" } dd { @match &handoff { Some(d) => { (delivery_status(d)) }, None => span.muted { "No system of record configured" } } }
            }
        }
        h2 { "Transcript" }
        // A conversation still going refreshes itself; a finished one does not change.
        ol.transcript #transcript data-live=[(s.mode != Mode::Complete).then_some("3")] {
            @for t in &s.transcript {
                li class=(if t.speaker == Speaker::Caller { "caller" } else { "agent" }) {
                    span.who { (if t.speaker == Speaker::Caller { "Caller" } else { "AiSHA" }) }
                    " " span.muted.small { (super::view::when_ts(t.at)) }
                    p { (t.text) }
                }
            }
        }
    }).into_response())
}

// ---------------------------------------------------------------- outbox

pub async fn outbox(
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
    op: ConsoleSession,
) -> PageResult {
    let (page, offset) = page_of(q.page.as_deref());
    let (rows, total) = state
        .service
        .deliveries_page(&op.company, None, PAGE, offset)
        .await?;
    Ok(layout(&op, "Outbox", html! {
        p.muted { "Everything AiSHA sent or tried to send: texts, emails, webhooks to your system of record. "
                  "“Console only” means nothing left AiSHA: no text or email provider is set up for that channel." }
        (deliveries_table(&rows))
        (pager("/console/outbox", &[], page, rows.len(), total))
    }).into_response())
}

/// The outbox rows as a table (also on a customer's page).
pub fn deliveries_table(rows: &[Delivery]) -> Markup {
    html! {
        @if rows.is_empty() { p.muted { "Nothing sent yet." } } @else {
        table.list #outbox {
            thead { tr { th { "When" } th { "To" } th { "Channel" } th { "What" } th { "Status" } th { "Attempts" } th { "Provider id" } } }
            tbody { @for d in rows {
                tr {
                    td { (when(&d.created_at)) }
                    td { @match &d.customer_id { Some(c) => a href=(customer_href(c)) { (destination(d)) }, None => (destination(d)) } }
                    td { (channel_words(d)) }
                    td { (what(d)) }
                    td { (delivery_status(d)) @if let Some(at) = &d.sent_at { br; span.muted.small { (when(at)) } }
                         @if let Some(e) = &d.last_error { br; span.error { (e) } } }
                    td { (d.attempts) }
                    td { @match &d.provider_id { Some(id) => code.provider-id { (id) }, None => span.muted { "—" } } }
                }
            } }
        }
        }
    }
}

fn destination(d: &Delivery) -> String {
    if d.destination.starts_with('+') {
        phone(&d.destination)
    } else {
        d.destination.clone()
    }
}

fn channel_words(d: &Delivery) -> Markup {
    use crate::store::DeliveryChannel::*;
    let asked = d.payload["channel"].as_str().unwrap_or("");
    html! {
        @match d.channel {
            TwilioSms => "Text (Twilio)",
            Smtp => "Email",
            Webhook => "Webhook",
            Console => { span.pill.warn-pill title="No provider for this channel: the message was only recorded here." { "Console only" } @if !asked.is_empty() { " (" (asked) " not set up)" } },
        }
    }
}

fn what(d: &Delivery) -> Markup {
    let p = &d.payload;
    html! {
        @if let Some(text) = p["text"].as_str() {
            "“" (text) "”"
        } @else if let Some(event) = p["event"].as_str() {
            code { (event) }
        } @else {
            (p["kind"].as_str().unwrap_or(""))
        }
    }
}

// ---------------------------------------------------------------- audit log

pub async fn audit(
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
    op: ConsoleSession,
) -> PageResult {
    let (page, offset) = page_of(q.page.as_deref());
    let verified = state.service.verify_audit(&op.company, None).await?;
    let (rows, total) = state.service.audit_page(&op.company, PAGE, offset).await?;
    Ok(layout(&op, "Audit log", html! {
        @if verified.intact() {
            p.ok #audit-verdict { "Chain intact: " (thousands(verified.chain.records as i64)) " records verified." }
        } @else {
            div.error #audit-verdict role="alert" {
                "Chain tampered with:"
                ul { @for t in &verified.chain.tampering { li { (t.to_string()) } } }
            }
        }
        (audit_table(&rows))
        (pager("/console/audit", &[], page, rows.len(), total))
    }).into_response())
}

/// Audit records in words: who or what, what happened, why.
pub fn audit_table(rows: &[crate::store::AuditRecord]) -> Markup {
    html! {
        table.list #audit {
            thead { tr { th { "#" } th { "When" } th { "What" } th { "About" } th { "Details" } } }
            tbody { @for r in rows {
                @let payload: serde_json::Value = serde_json::from_str(&r.payload).unwrap_or_default();
                tr {
                    td { (r.seq) }
                    td { (when(&r.at)) }
                    td { (r.kind.replace(['.', '_'], " ")) }
                    td { (subject(&r.subject)) }
                    td { (audit_details(&r.kind, &payload)) }
                }
            } }
        }
    }
}

fn subject(s: &str) -> Markup {
    match s.split_once(':') {
        Some(("customer", id)) => {
            html! { a href=(customer_href(id)) { "customer " (id) } }
        }
        Some(("conversation", id)) => {
            html! { a href=(conversation_href(id)) { (channel_of(id).to_lowercase()) " " (id) } }
        }
        Some((kind, id)) => html! { (kind) " " (id) },
        None => html! { (s) },
    }
}

/// The payload of one audit record as sentences and labelled values, never raw JSON.
fn audit_details(kind: &str, p: &serde_json::Value) -> Markup {
    let s = |k: &str| p[k].as_str().unwrap_or("").to_owned();
    match kind {
        "override" => html! { (s("what")) " — by " (s("by")) ": “" (s("reason")) "”" },
        "transition" => html! { (s("from")) " → " (s("to")) ": " (s("explanation")) },
        "action" => html! {
            (s("kind").replace('_', " ")) " (" (s("policy_gate_result")) ")"
            @if !s("text").is_empty() { ": “" (s("text")) "”" }
            @if !s("reason").is_empty() { br; span.muted { (s("reason")) } }
        },
        "escalation" => html! {
            @if let Some(t) = p["trigger"].as_str() { (t.replace('_', " ")) ": " (s("reason")) }
            @else { "front desk" @if let Some(t) = p["text"].as_str() { ": “" (t) "”" } }
        },
        "escalation.resolved" => html! { "by " (s("by")) ": “" (s("note")) "”" },
        "event" => {
            let e = &p["event"];
            let name = e["type"]
                .as_str()
                .or_else(|| {
                    e.as_object()
                        .and_then(|o| o.keys().next().map(String::as_str))
                })
                .unwrap_or("event");
            html! {
                (name.replace('_', " "))
                @if let Some(t) = e["text"].as_str().or_else(|| e.get(name).and_then(|x| x["text"].as_str())) { ": “" (t) "”" }
            }
        }
        "booking.completed" | "booking.cancelled" => {
            let slots = &p["booking"]["slots"];
            html! {
                (slots["name"]["full"].as_str().or(slots["name"]["first"].as_str()).unwrap_or("—"))
                " · " (slots["phone"].as_str().map(phone).unwrap_or_default())
                " · " (slots["address"]["full"].as_str().unwrap_or(""))
                " · " (slots["time"]["preference"].as_str().unwrap_or(""))
            }
        }
        "company.created" | "company.updated" => html! {
            "configuration saved"
            // Records from before saves named who made them have no `by`.
            @if !s("by").is_empty() { " by " (s("by")) }
            @if let Some(changed) = p["secretsChanged"].as_array() {
                " · new secret: " (changed.iter().filter_map(|c| c.as_str()).collect::<Vec<_>>().join(", "))
            }
        },
        "customer.created" => {
            let c = &p["customer"];
            html! {
                (c["firstName"].as_str().unwrap_or("")) " " (c["lastName"].as_str().unwrap_or(""))
                @if let Some(ph) = c["phone"].as_str() { " · " (phone(ph)) }
                " · " (s("state"))
            }
        }
        "operator.invited" | "operator.joined" | "operator.changed" | "operator.removed" => {
            let person = html! { (s("name")) " <" (s("email")) ">" };
            match kind {
                "operator.invited" if p["renewed"].as_bool() == Some(true) => {
                    html! { "a new sign-in link for " (person) ", by " (s("by")) }
                }
                "operator.invited" => {
                    html! { (person) " invited as " (s("role")) " by " (s("by")) }
                }
                "operator.joined" => {
                    html! { (person) " set a password and joined as " (s("role")) }
                }
                "operator.removed" => html! { (person) " removed by " (s("by")) },
                _ if p["passwordReset"].as_bool() == Some(true) => {
                    html! { (person) " chose a new password" }
                }
                _ => html! { (person) ": " (s("from")) " → " (s("role")) ", by " (s("by")) },
            }
        }
        _ => flat(p),
    }
}

/// Top-level fields as "key: value" pairs, nested values shortened.
fn flat(p: &serde_json::Value) -> Markup {
    let Some(obj) = p.as_object() else {
        return html! { (p.to_string()) };
    };
    html! {
        @for (k, v) in obj {
            @let text = match v { serde_json::Value::String(s) => s.clone(), other => other.to_string() };
            span.kv { b { (k) ": " } (text.chars().take(160).collect::<String>()) } " "
        }
    }
}
