//! Per-IP rate limits on the public routes that need no key to reach: the Twilio webhooks
//! (a flood of unsigned requests costs a company lookup each) and console sign-in (guessing
//! company keys). governor's keyed GCRA, as for web chat; 429 with `Retry-After`. The client
//! address is web chat's (`ChatLimits::client_ip`: the peer, or `--client-ip-header`); an
//! IPv6 client is counted by its /64.

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

/// Requests one IP address may make per minute on one kind of route, allowed in a burst.
pub struct IpLimiter {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    what: &'static str,
}

impl IpLimiter {
    pub fn per_minute(n: NonZeroU32, what: &'static str) -> Self {
        Self {
            limiter: DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)),
            what,
        }
    }

    pub fn check(&self, ip: IpAddr) -> Result<(), AppError> {
        if self.limiter.len() > SWEEP_AT {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&bucket(ip)).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.limiter.clock().now());
            let secs = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
            AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many {} from this address; try again in {secs} s",
                    self.what
                ),
            )
            .retry_after(secs)
        })
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

/// Route layer for the Twilio webhooks.
pub async fn limit_webhooks(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(ip) = state.chat.client_ip(&req) {
        if let Err(e) = state.chat.webhooks.check(ip) {
            metrics::counter!("aisha_rate_limited_total", "route" => "twilio").increment(1);
            return e.into_response();
        }
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
