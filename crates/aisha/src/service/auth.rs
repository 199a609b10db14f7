//! Authentication: company keys (the API) and signed console sessions. Every interface asks
//! the service; none reads key hashes or session secrets itself.

use hmac::{Hmac, Mac};
use subtle::ConstantTimeEq;

use super::*;

/// Console sessions last a working day.
pub const CONSOLE_SESSION_SECS: i64 = 12 * 3600;

/// What a console user may do. Each role can do everything the ones below it can.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// Reads every page; changes nothing.
    Viewer,
    /// Resolves escalations, overrides states, sends messages, uses the controls.
    Operator,
    /// Also changes the configuration, the keys and who has access.
    Owner,
}

/// A signed-in console user of one company.
#[derive(Debug, Clone)]
pub struct ConsoleSession {
    pub company: String,
    /// Who this is, as the audit log records them ("Dana Reyes <dana@acme.example>").
    pub actor: String,
    pub role: Role,
    /// The token every console form carries, derived from the session.
    pub csrf: String,
}

fn sign(secret: &str, data: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(data.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub(super) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

impl Service {
    /// The company a key belongs to. A wrong key and an unknown company are the same error
    /// (no probing another tenant); keys are compared as hashes in constant time.
    pub async fn authenticate(&self, company_id: &str, key: &str) -> ServiceResult<CompanyId> {
        let unknown = || ServiceError::UnknownCompany(company_id.to_owned());
        let cid = CompanyId::parse(company_id).map_err(|_| unknown())?;
        let stored = self.store.api_key_hash(&cid).await?.ok_or_else(unknown)?;
        if constant_time_eq(&hash_key(key), &stored) {
            Ok(cid)
        } else {
            Err(unknown())
        }
    }

    /// Sign an operator in with the company key: the session value for the cookie. The
    /// signature covers the key's hash, so rotating the key ends every session.
    pub async fn open_console_session(
        &self,
        company_id: &str,
        key: &str,
        now: Timestamp,
    ) -> ServiceResult<String> {
        let cid = self.authenticate(company_id, key).await?;
        let secret = self.store.console_secret().await?;
        let key_hash = self.store.api_key_hash(&cid).await?.unwrap_or_default();
        let expires = now.as_second() + CONSOLE_SESSION_SECS;
        let company = cid.as_str();
        let sig = sign(&secret, &format!("{company}|{expires}|{key_hash}"));
        Ok(format!("{company}.{expires}.{sig}"))
    }

    /// The operator a session value stands for, if it is genuine, unexpired and its company's
    /// key has not changed since.
    pub async fn console_session(
        &self,
        value: &str,
        now: Timestamp,
    ) -> ServiceResult<Option<ConsoleSession>> {
        let mut parts = value.splitn(3, '.');
        let (Some(company), Some(expires), Some(sig)) = (parts.next(), parts.next(), parts.next())
        else {
            return Ok(None);
        };
        let Ok(expires_at) = expires.parse::<i64>() else {
            return Ok(None);
        };
        if expires_at < now.as_second() {
            return Ok(None);
        }
        let Ok(cid) = CompanyId::parse(company) else {
            return Ok(None);
        };
        let Some(key_hash) = self.store.api_key_hash(&cid).await? else {
            return Ok(None);
        };
        let secret = self.store.console_secret().await?;
        let expected = sign(&secret, &format!("{company}|{expires}|{key_hash}"));
        if !constant_time_eq(&expected, sig) {
            return Ok(None);
        }
        Ok(Some(ConsoleSession {
            company: company.to_owned(),
            actor: "company API key".to_owned(),
            role: Role::Owner,
            csrf: sign(&secret, &format!("csrf|{value}")),
        }))
    }
}
