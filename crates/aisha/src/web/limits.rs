//! Rate limits on the public routes that need no key to reach: the Twilio webhooks (a flood of
//! unsigned requests costs a company lookup each) per IP and per company, so one tenant's flood
//! cannot starve the others; console sign-in (guessing company keys) per IP only, since a
//! per-company count would let anyone lock a tenant's operators out. governor's keyed GCRA, as
//! for web chat; 429 with `Retry-After`. The client address is web chat's
//! (`ChatLimits::client_ip`: the peer, or `--client-ip-header`); an IPv6 client is counted by
//! its /64.

use std::net::IpAddr;
use std::num::NonZeroU32;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};

use super::{AppError, AppState};

/// Keyed limiters forget a key once its bucket is full again; sweep when this many are kept.
const SWEEP_AT: usize = 10_000;

/// Requests one key (an IP address, a company) may make per minute on one kind of route,
/// allowed in a burst.
pub struct KeyedLimiter<K: std::hash::Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
    /// "webhook requests from this address", "webhook requests for this company"
    what: &'static str,
}

/// Per IP address (an IPv6 client by its /64).
pub type IpLimiter = KeyedLimiter<IpAddr>;
/// Per company, by the id in the path.
pub type CompanyLimiter = KeyedLimiter<String>;

impl<K: std::hash::Hash + Eq + Clone> KeyedLimiter<K> {
    pub fn per_minute(n: NonZeroU32, what: &'static str) -> Self {
        Self {
            limiter: DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)),
            what,
        }
    }

    fn check_key(&self, key: &K) -> Result<(), AppError> {
        if self.limiter.len() > SWEEP_AT {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.limiter.clock().now());
            let secs = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
            AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many {}; try again in {secs} s", self.what),
            )
            .retry_after(secs)
        })
    }
}

impl IpLimiter {
    pub fn check(&self, ip: IpAddr) -> Result<(), AppError> {
        self.check_key(&bucket(ip))
    }
}

impl CompanyLimiter {
    pub fn check(&self, company: &str) -> Result<(), AppError> {
        self.check_key(&company.to_owned())
    }
}

/// The key an address is counted under: an IPv4 address, or an IPv6 address's /64 (one
/// customer's network; a client can pick any address inside it).
fn bucket(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// Route layer for the Twilio webhooks (`/twilio/{company_id}/…`): per IP, then per company.
pub async fn limit_webhooks(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let company = req.uri().path().split('/').nth(2).unwrap_or_default();
    let checked = match state.chat.client_ip(&req) {
        Some(ip) => state.chat.webhooks.check(ip),
        None => Ok(()),
    }
    .and_then(|()| state.chat.webhooks_per_company.check(company));
    if let Err(e) = checked {
        metrics::counter!("aisha_rate_limited_total", "route" => "twilio").increment(1);
        return e.into_response();
    }
    next.run(req).await
}

/// Route layer for console sign-in.
pub async fn limit_sign_in(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(ip) = state.chat.client_ip(&req) {
        if let Err(e) = state.chat.sign_in.check(ip) {
            metrics::counter!("aisha_rate_limited_total", "route" => "sign_in").increment(1);
            return e.into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companies_are_counted_apart() {
        let limiter = CompanyLimiter::per_minute(NonZeroU32::new(1).unwrap(), "requests");
        assert!(limiter.check("acme-hvac").is_ok());
        let e = limiter.check("acme-hvac").unwrap_err();
        assert_eq!(e.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(limiter.check("smile-dental").is_ok());
    }

    #[test]
    fn an_ipv6_network_shares_one_bucket() {
        let limiter = IpLimiter::per_minute(NonZeroU32::new(2).unwrap(), "attempts");
        for a in ["2001:db8:1:2::1", "2001:db8:1:2::2"] {
            assert!(limiter.check(a.parse().unwrap()).is_ok());
        }
        let e = limiter
            .check("2001:db8:1:2:ffff::9".parse().unwrap())
            .unwrap_err();
        assert_eq!(e.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(e.retry_after.is_some_and(|s| s >= 1));
        // Another /64, and IPv4, have their own.
        assert!(limiter.check("2001:db8:1:3::1".parse().unwrap()).is_ok());
        assert!(limiter.check("192.0.2.1".parse().unwrap()).is_ok());
        assert_eq!(
            bucket("::ffff:192.0.2.1".parse().unwrap()),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
    }
}
