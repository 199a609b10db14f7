//! What every console page shares: the company's zone and region for times and phones, the
//! banner while the kill switch or shadow mode is on, paging links.
//!
//! The context is read once per request by [`with_context`] (a layer inside the console's
//! session layer) and kept in a task-local, so every page's `layout` shows the banner without
//! each handler having to fetch it.

use std::sync::Arc;

use aisha_core::Company;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use maud::{html, Markup};

use crate::web::{AppState, ConsoleSession};

/// The company a console request is for, read once per request.
#[derive(Clone)]
pub struct Context {
    pub company: Arc<Company>,
    pub tz: TimeZone,
    pub kill_switch: bool,
    pub shadow_mode: bool,
    pub now: Timestamp,
}

tokio::task_local! {
    static CONTEXT: Context;
}

/// The request's context; outside a console request (never, in practice) UTC and no banner.
pub fn ctx() -> Option<Context> {
    CONTEXT.try_with(Context::clone).ok()
}

/// Read the company and its switches for the page, then run the handler with them.
pub async fn with_context(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(op) = req.extensions().get::<ConsoleSession>().cloned() else {
        return next.run(req).await;
    };
    let company = state.service.company(&op.company).await;
    let controls = state.service.controls(&op.company).await;
    match (company, controls) {
        (Ok(company), Ok(controls)) => {
            let tz = TimeZone::get(&company.timezone).unwrap_or(TimeZone::UTC);
            let context = Context {
                company: Arc::new(company),
                tz,
                kill_switch: controls.kill_switch,
                shadow_mode: controls.shadow_mode,
                now: Timestamp::now(),
            };
            CONTEXT.scope(context, next.run(req)).await
        }
        // The page itself reports the store's error the usual way.
        _ => next.run(req).await,
    }
}

/// The banner shown on every page while AiSHA is stopped or only pretending.
pub fn banner() -> Markup {
    let Some(c) = ctx() else { return html! {} };
    html! {
        @if c.kill_switch {
            div.banner.stop #banner-kill-switch role="alert" {
                strong { "Kill switch is on." } " AiSHA takes no action on its own: no follow-ups, no reminders. "
                a href="/console/controls" { "Controls" }
            }
        }
        @if c.shadow_mode {
            div.banner.shadow #banner-shadow-mode role="status" {
                strong { "Shadow mode is on." } " AiSHA decides and records, but nothing it decides is sent. "
                a href="/console/controls" { "Controls" }
            }
        }
    }
}

/// A stored instant (RFC 3339) in the company's zone, in words, with how long ago or until:
/// "Tue 24 Nov, 8:00 AM CST · in 3 hours". Unparseable text is shown as stored.
pub fn when(at: &str) -> Markup {
    match at.parse::<Timestamp>() {
        Ok(t) => when_ts(t),
        Err(_) => html! { (at) },
    }
}

pub fn when_ts(t: Timestamp) -> Markup {
    let (tz, now) = ctx().map(|c| (c.tz, c.now)).unwrap_or((TimeZone::UTC, t));
    html! {
        time datetime=(t.to_string()) title=(t.to_string()) {
            (local(t, &tz, now)) span.muted { " · " (relative(t, now)) }
        }
    }
}

/// "Tue 24 Nov, 8:00 AM CST" (the year too when it is not this year).
pub fn local(t: Timestamp, tz: &TimeZone, now: Timestamp) -> String {
    let z: Zoned = t.to_zoned(tz.clone());
    let this_year = now.to_zoned(tz.clone()).year() == z.year();
    let fmt = if this_year {
        "%a %-d %b, %-I:%M %p %Z"
    } else {
        "%a %-d %b %Y, %-I:%M %p %Z"
    };
    z.strftime(fmt).to_string()
}

/// "just now", "5 minutes ago", "in 3 hours", "2 days ago", "in 6 weeks".
pub fn relative(t: Timestamp, now: Timestamp) -> String {
    let secs = t.as_second() - now.as_second();
    let (n, unit) = match secs.unsigned_abs() {
        s if s < 60 => return "just now".into(),
        s if s < 3_600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3_600, "hour"),
        s if s < 14 * 86_400 => (s / 86_400, "day"),
        s if s < 60 * 86_400 => (s / (7 * 86_400), "week"),
        s if s < 730 * 86_400 => (s / (30 * 86_400), "month"),
        s => (s / (365 * 86_400), "year"),
    };
    let plural = if n == 1 { "" } else { "s" };
    if secs > 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

/// A stored phone number as a person reads it, in the company's national format.
pub fn phone(raw: &str) -> String {
    let region = ctx()
        .map(|c| c.company.phone_region())
        .unwrap_or_else(|| aisha_core::phone::region(None));
    match aisha_core::phone::to_e164(raw, region) {
        Some(e164) => aisha_core::phone::display(&e164, region),
        None => raw.to_owned(),
    }
}

/// A path segment with everything but unreserved characters percent-encoded: ids may hold
/// any printable character (`?`, `#`, `/`).
pub fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~+".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The link to a customer's page.
pub fn customer_href(id: &str) -> String {
    format!("/console/customers/{}", segment(id))
}

/// Rows per page on every list.
pub const PAGE: i64 = 25;

/// "Showing 26–50 of 3,000" and Previous / Next links that keep the other query parameters.
pub fn pager(path: &str, params: &[(&str, &str)], page: i64, shown: usize, total: i64) -> Markup {
    let first = (page - 1) * PAGE + 1;
    let last = (page - 1) * PAGE + shown as i64;
    let link = |p: i64| {
        let mut q: Vec<(&str, String)> = params
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect();
        if p > 1 {
            q.push(("page", p.to_string()));
        }
        let qs = serde_urlencoded::to_string(&q).unwrap_or_default();
        if qs.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{qs}")
        }
    };
    html! {
        nav.pager aria-label="Pages" {
            @if total == 0 {
                span.muted #pager-status { "Nothing to show." }
            } @else {
                span #pager-status { "Showing " (thousands(first)) "–" (thousands(last)) " of " (thousands(total)) }
            }
            @if page > 1 { a rel="prev" href=(link(page - 1)) { "← Previous" } }
            @if last < total { a rel="next" href=(link(page + 1)) { "Next →" } }
        }
    }
}

/// 3000 → "3,000".
pub fn thousands(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The page number from a query (1 when absent or nonsense), and its offset.
pub fn page_of(page: Option<&str>) -> (i64, i64) {
    let p = page
        .and_then(|p| p.trim().parse::<i64>().ok())
        .filter(|p| *p >= 1 && *p <= 1_000_000)
        .unwrap_or(1);
    (p, (p - 1) * PAGE)
}

/// The channel a conversation came in on, from its id's prefix.
pub fn channel_of(conversation_id: &str) -> &'static str {
    use aisha_core::care::Channel;
    match crate::service::conversation_channel(conversation_id) {
        Some(Channel::Voice) => "Call",
        Some(Channel::Sms) => "Text",
        Some(Channel::Chat) => "Web chat",
        _ if conversation_id.split(['-', ':']).next() == Some("playground") => "Playground",
        _ => "Conversation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_the_company_zone() {
        let tz = TimeZone::get("America/Chicago").unwrap();
        let t: Timestamp = "2026-11-24T14:00:00Z".parse().unwrap();
        let now: Timestamp = "2026-11-24T11:00:00.123456789Z".parse().unwrap();
        assert_eq!(local(t, &tz, now), "Tue 24 Nov, 8:00 AM CST");
        assert_eq!(relative(t, now), "in 3 hours");
        assert_eq!(relative(now, t), "3 hours ago");
        let later: Timestamp = "2026-11-24T13:59:00Z".parse().unwrap();
        assert_eq!(
            relative(later, now),
            "in 2 hours",
            "whole hours, rounded down"
        );
        assert_eq!(
            relative(now + jiff::SignedDuration::from_secs(90), now),
            "in 1 minute"
        );
        let last_year: Timestamp = "2025-07-04T17:30:00Z".parse().unwrap();
        assert_eq!(local(last_year, &tz, now), "Fri 4 Jul 2025, 12:30 PM CDT");
        assert_eq!(relative(now, now), "just now");
        assert_eq!(
            relative("2026-11-25T11:00:00Z".parse().unwrap(), now),
            "in 1 day"
        );
        assert_eq!(
            relative("2026-11-21T11:00:00Z".parse().unwrap(), now),
            "3 days ago"
        );
    }

    #[test]
    fn counts_and_pages() {
        assert_eq!(thousands(3000), "3,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(page_of(None), (1, 0));
        assert_eq!(page_of(Some("3")), (3, 50));
        assert_eq!(page_of(Some("-1")), (1, 0));
        assert_eq!(page_of(Some("x")), (1, 0));
        assert_eq!(channel_of("call-CA123"), "Call");
        assert_eq!(channel_of("sms-5551234567"), "Text");
        assert_eq!(channel_of("chat-abc"), "Web chat");
        assert_eq!(customer_href("c1"), "/console/customers/c1");
        assert_eq!(
            customer_href("a/b?c#d é"),
            "/console/customers/a%2Fb%3Fc%23d%20%C3%A9"
        );
        assert_eq!(segment("+15551234567"), "+15551234567");
    }
}
