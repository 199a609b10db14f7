//! Server-side request forgery: a company's webhook URL is the tenant's choice, so AiSHA must
//! not let it point at the cloud metadata service, loopback or the private network. The URL
//! is checked when the company is configured and again when a delivery is sent: the host is
//! resolved, every address must be public (`aisha_core::company::is_public_ip`), and the
//! request goes to the address that was checked (pinned with `ClientBuilder::resolve`), so a
//! DNS answer that changes in between (rebinding) cannot swap it. Redirects are not followed.

use std::net::SocketAddr;
use std::time::Duration;

use aisha_core::company::{is_public_ip, WebhookUrl};

/// How long resolving a webhook's host may take.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a webhook may not be called (now).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub reason: String,
    /// The name did not resolve: worth another try later, unlike a private address.
    pub transient: bool,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

fn refused(reason: String) -> Refused {
    Refused {
        reason,
        transient: false,
    }
}

/// Resolve `url`'s host and check every address is public. Returns the host name and the
/// address to pin (none for an IP literal, which is checked as written).
pub async fn resolve_public(url: &WebhookUrl) -> Result<Option<(String, SocketAddr)>, Refused> {
    if let Some(ip) = url.literal_ip() {
        return if is_public_ip(ip) {
            Ok(None)
        } else {
            Err(refused(format!("{ip} is not a public address")))
        };
    }
    let (Some(host), port) = url.host_and_port() else {
        return Err(refused("must name a host".into()));
    };
    let unresolved = |reason: String| Refused {
        reason,
        transient: true,
    };
    let addrs: Vec<SocketAddr> =
        tokio::time::timeout(RESOLVE_TIMEOUT, tokio::net::lookup_host((host, port)))
            .await
            .map_err(|_| unresolved(format!("{host} did not resolve in time")))?
            .map_err(|e| unresolved(format!("{host} does not resolve ({e})")))?
            .collect();
    // Every address, not just the first: a client may try them all.
    if let Some(bad) = addrs.iter().find(|a| !is_public_ip(a.ip())) {
        return Err(refused(format!(
            "{host} resolves to {}, which is not a public address",
            bad.ip()
        )));
    }
    let first = addrs
        .first()
        .copied()
        .ok_or_else(|| unresolved(format!("{host} has no address")))?;
    Ok(Some((host.to_owned(), first)))
}

/// An HTTP client for one webhook request: no redirects, and (unless `allow_private`) the
/// host pinned to the public address just checked.
pub async fn client_for(
    url: &WebhookUrl,
    allow_private: bool,
    timeout: Duration,
) -> Result<reqwest::Client, Refused> {
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none());
    if !allow_private {
        url.check(false).map_err(refused)?;
        if let Some((host, addr)) = resolve_public(url).await? {
            builder = builder.resolve(&host, addr);
        }
    }
    builder.build().map_err(|e| Refused {
        reason: format!("HTTP client: {e}"),
        transient: true,
    })
}
