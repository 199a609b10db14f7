//! Values of a company's integration settings, parsed so that none can hold an invalid value:
//! Twilio account SIDs and auth tokens, E.164 numbers, webhook URLs, signing secrets.
//!
//! Secrets ([`TwilioAuthToken`], [`SigningSecret`]) implement neither `Serialize` nor
//! `Display`, and their `Debug` is redacted: a company can be serialized (stored, audited,
//! returned by the API) or logged without its secrets, by construction. The `aisha` crate
//! seals them apart, encrypted.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};

macro_rules! string_value {
    ($name:ident) => {
        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(value: String) -> Result<Self, String> {
                Self::parse(&value)
            }
        }
        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(raw: &str) -> Result<Self, String> {
                Self::parse(raw)
            }
        }
    };
}

fn is_hex(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A Twilio account SID: `AC` and 32 hexadecimal digits.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TwilioAccountSid(String);

impl TwilioAccountSid {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.strip_prefix("AC") {
            Some(rest) if rest.len() == 32 && is_hex(rest) => Ok(Self(raw.to_owned())),
            _ => Err("must be \"AC\" followed by 32 hexadecimal digits".into()),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
string_value!(TwilioAccountSid);
impl From<TwilioAccountSid> for String {
    fn from(value: TwilioAccountSid) -> Self {
        value.0
    }
}
impl fmt::Display for TwilioAccountSid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Twilio auth token: 32 hexadecimal digits. It keys the webhook signatures, so an empty or
/// short one would let anyone forge them. Write-only: no `Serialize`, no `Display`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct TwilioAuthToken(String);

impl TwilioAuthToken {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.len() == 32 && is_hex(raw) {
            Ok(Self(raw.to_owned()))
        } else {
            Err("must be 32 hexadecimal digits (the account's auth token)".into())
        }
    }
    /// The token itself, for signing and for Twilio's API; never for output.
    pub fn expose(&self) -> &str {
        &self.0
    }
}
string_value!(TwilioAuthToken);
impl fmt::Debug for TwilioAuthToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TwilioAuthToken(<redacted>)")
    }
}

/// The secret that signs webhooks to a system of record: 32 to 256 printable ASCII characters
/// without spaces (at least 128 bits even as hex). Write-only like [`TwilioAuthToken`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct SigningSecret(String);

impl SigningSecret {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if !(32..=256).contains(&raw.len()) || !raw.bytes().all(|b| b.is_ascii_graphic()) {
            return Err("must be 32 to 256 printable ASCII characters without spaces".into());
        }
        Ok(Self(raw.to_owned()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}
string_value!(SigningSecret);
impl fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningSecret(<redacted>)")
    }
}

/// A phone number in E.164 (`+` and the country code). North American numbers need ten
/// national digits whose area code and exchange do not start with 0 or 1 (as for callers'
/// numbers, assignment is not checked: 555 numbers are fiction's); others must be valid per
/// libphonenumber.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct E164(String);

impl E164 {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let bad = || {
            format!("{raw:?} is not a phone number in E.164 form (+ and 8 to 15 digits, like +15125550100)")
        };
        let digits = raw.strip_prefix('+').ok_or_else(bad)?;
        if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let number = phonenumber::parse(None, raw).map_err(|_| bad())?;
        if number.code().value() == 1 {
            let national = number.national().value().to_string();
            let b = national.as_bytes();
            if b.len() != 10 || matches!(b[0], b'0' | b'1') || matches!(b[3], b'0' | b'1') {
                return Err(bad());
            }
        } else if !phonenumber::is_valid(&number) {
            return Err(bad());
        }
        Ok(Self(
            number.format().mode(phonenumber::Mode::E164).to_string(),
        ))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
string_value!(E164);
impl From<E164> for String {
    fn from(value: E164) -> Self {
        value.0
    }
}
impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A URL AiSHA posts to on a tenant's behalf: http or https with a host, no user name or
/// password, no fragment. Whether http and private addresses are allowed is the deployment's
/// call (`WebhookUrl::check`), and where the host resolves is checked again at send time.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "https://crm.example.com/aisha"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebhookUrl(url::Url);

impl WebhookUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let url = url::Url::parse(raw).map_err(|e| format!("not a URL ({e})"))?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err("must be an https:// URL".into());
        }
        if url.host().is_none() {
            return Err("must name a host".into());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                "must not carry a user name or password (sign with the signingSecret)".into(),
            );
        }
        if url.fragment().is_some() {
            return Err("must not have a #fragment".into());
        }
        Ok(Self(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// The deployment's rule: https, and an IP literal must be public; with
    /// `allow_private` (local development, tests) anything [`WebhookUrl::parse`] accepts.
    /// A host name still has to be resolved and every address checked with [`is_public_ip`].
    pub fn check(&self, allow_private: bool) -> Result<(), String> {
        if allow_private {
            return Ok(());
        }
        if self.0.scheme() != "https" {
            return Err("must be an https:// URL".into());
        }
        if let Some(ip) = self.literal_ip() {
            if !is_public_ip(ip) {
                return Err(format!("{ip} is not a public address"));
            }
        }
        Ok(())
    }

    /// The host when it is an IP address literal.
    pub fn literal_ip(&self) -> Option<IpAddr> {
        match self.0.host()? {
            url::Host::Ipv4(ip) => Some(IpAddr::V4(ip)),
            url::Host::Ipv6(ip) => Some(IpAddr::V6(ip)),
            url::Host::Domain(_) => None,
        }
    }

    /// The host name to resolve (none for an IP literal) and the port.
    pub fn host_and_port(&self) -> (Option<&str>, u16) {
        let port = self.0.port_or_known_default().unwrap_or(443);
        match self.0.host() {
            Some(url::Host::Domain(d)) => (Some(d), port),
            _ => (None, port),
        }
    }
}
string_value!(WebhookUrl);
impl From<WebhookUrl> for String {
    fn from(value: WebhookUrl) -> Self {
        value.0.into()
    }
}
impl fmt::Display for WebhookUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// Whether a tenant's webhook may reach `ip`: not loopback, private (RFC 1918), link-local
/// (cloud metadata lives at 169.254.169.254), CGNAT, unique-local, unspecified, multicast,
/// broadcast, documentation or reserved, and the same for IPv4 inside IPv6 (mapped, NAT64).
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments 192.0.0/24
        || (a == 198 && (b == 18 || b == 19)) // benchmarking 198.18/15
        || a >= 240) // reserved 240/4
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits, 6to4 (2002::/16)
    // the one in bits 16..48.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        return is_public_v4(v4);
    }
    if s[0] == 0x2002 {
        let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        return is_public_v4(v4);
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique-local fc00::/7
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated, still routed privately)
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x2001 && s[1] == 0) // Teredo: the peer is whatever the tunnel says
        || (s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1) // local-use NAT64 64:ff9b:1::/48
        || s[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible ::a.b.c.d (deprecated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twilio_sid_and_token_formats() {
        assert!(TwilioAccountSid::parse("AC0123456789abcdef0123456789abcdef").is_ok());
        for bad in [
            "",
            "AC1",
            "AC123",
            "SK0123456789abcdef0123456789abcdef",
            "AC0123456789abcdef0123456789abcdeg",
        ] {
            assert!(TwilioAccountSid::parse(bad).is_err(), "{bad}");
        }
        let token = TwilioAuthToken::parse("0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(format!("{token:?}"), "TwilioAuthToken(<redacted>)");
        for bad in [
            "",
            "t",
            "twilio-auth-token",
            "0123456789abcdef0123456789abcdeZ",
        ] {
            assert!(TwilioAuthToken::parse(bad).is_err(), "{bad}");
        }
        assert!(SigningSecret::parse("whsec").is_err());
        assert!(SigningSecret::parse("whsec_0123456789abcdef0123456789abcdef").is_ok());
        assert!(SigningSecret::parse("whsec 0123456789abcdef0123456789abcdef").is_err());
    }

    #[test]
    fn e164_numbers() {
        assert_eq!(
            E164::parse("+15125550100").unwrap().as_str(),
            "+15125550100"
        );
        // Exchange 000 is not a North American number.
        assert!(E164::parse("+15550001111").unwrap_err().contains("E.164"));
        assert!(E164::parse("+15555550101").is_ok());
        assert!(E164::parse("+442071838750").is_ok());
        for bad in [
            "",
            "5125550100",
            "+1512555010",
            "+1 512 555 0100",
            "+15125550100x",
            "+10125550100",
            "+4400000",
        ] {
            assert!(E164::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn webhook_urls() {
        let ok = WebhookUrl::parse("https://sor.example.com/hooks/aisha").unwrap();
        assert!(ok.check(false).is_ok());
        assert_eq!(ok.host_and_port(), (Some("sor.example.com"), 443));
        for (bad, why) in [
            ("file:///etc/passwd", "https"),
            ("ftp://example.com/x", "https"),
            ("https://user:pw@example.com/x", "user name"),
            ("https://example.com/x#frag", "fragment"),
            ("not a url", "not a URL"),
        ] {
            let e = WebhookUrl::parse(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
        let http = WebhookUrl::parse("http://sor.example.com/x").unwrap();
        assert!(http.check(false).unwrap_err().contains("https"));
        assert!(http.check(true).is_ok());
        for private in [
            "https://127.0.0.1/x",
            "https://169.254.169.254/latest/meta-data",
            "https://10.1.2.3/x",
            "https://[::1]/x",
            "https://[::ffff:10.0.0.1]/x",
            "https://0.0.0.0/x",
            "https://100.64.0.1/x",
        ] {
            let u = WebhookUrl::parse(private).unwrap();
            assert!(u.check(false).unwrap_err().contains("public"), "{private}");
            assert!(u.check(true).is_ok());
        }
        assert!(WebhookUrl::parse("https://93.184.216.34/x")
            .unwrap()
            .check(false)
            .is_ok());
    }

    #[test]
    fn public_and_private_addresses() {
        for private in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "::7f00:1",
            "2002:7f00:1::1",
            "2002:a9fe:a9fe::1",
            "2001:0:4136:e378::1",
        ] {
            let ip: IpAddr = private.parse().unwrap();
            assert!(!is_public_ip(ip), "{private} is not public");
        }
        for public in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            let ip: IpAddr = public.parse().unwrap();
            assert!(is_public_ip(ip), "{public} is public");
        }
    }
}
