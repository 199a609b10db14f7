//! Authentication: company keys (the API) and signed console sessions. Every interface asks
//! the service; none reads key hashes or session secrets itself.

use base64::Engine;
use hmac::{Hmac, Mac};
use subtle::ConstantTimeEq;

use super::accounts::actor_name;
use super::*;
use crate::store::{OperatorRow, Role};

/// Console sessions last a working day.
pub const CONSOLE_SESSION_SECS: i64 = 12 * 3600;

/// A signed-in console user of one company.
#[derive(Debug, Clone)]
pub struct ConsoleSession {
    pub company: String,
    /// Who this is, as the audit log records them ("Dana Reyes <dana@acme.example>").
    pub actor: String,
    pub role: Role,
    /// The account, or none when signed in with the company key.
    pub operator_id: Option<String>,
    /// The token every console form carries, derived from the session.
    pub csrf: String,
}

fn sign(secret: &str, data: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(data.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A session value's signature: over the (encoded) company, who, the expiry and the hash of
/// the credential they signed in with, so that a new key or password ends the session.
fn session_signature(
    secret: &str,
    company: &str,
    who: &str,
    expires: impl std::fmt::Display,
    credential_hash: &str,
) -> String {
    sign(
        secret,
        &format!("{company}|{who}|{expires}|{credential_hash}"),
    )
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
        let stored = self
            .store
            .key_hash(&cid, CompanyKey::Api)
            .await?
            .ok_or_else(unknown)?;
        if constant_time_eq(&hash_key(key), &stored) {
            Ok(cid)
        } else {
            Err(unknown())
        }
    }

    /// Sign in to the console: with an email and password, or, while the company has no
    /// accounts yet, with its API key (`email` empty) as the owner who invites the first
    /// people. The session value for the cookie.
    pub async fn open_console_session(
        &self,
        company_id: &str,
        email: &str,
        secret: &str,
        now: Timestamp,
    ) -> ServiceResult<String> {
        if !email.trim().is_empty() {
            let cid = CompanyId::parse(company_id)
                .map_err(|_| ServiceError::UnknownCompany(company_id.to_owned()))?;
            return self.open_account_session(&cid, email, secret, now).await;
        }
        let cid = self.authenticate(company_id, secret).await?;
        if self.has_accounts(&cid).await? {
            return Err(ServiceError::Forbidden(
                "this company signs in with accounts: use your email and password (the API key is for machines)".into(),
            ));
        }
        let key_hash = self
            .store
            .key_hash(&cid, CompanyKey::Api)
            .await?
            .unwrap_or_default();
        self.signed_session(&cid, KEY_HOLDER, &key_hash, now).await
    }

    pub(super) async fn account_session(
        &self,
        row: &OperatorRow,
        now: Timestamp,
    ) -> ServiceResult<String> {
        let cid = super::accounts::company_of(&row.company_id)?;
        let password = row.password_hash.as_deref().unwrap_or_default();
        self.signed_session(&cid, &row.operator_id, password, now)
            .await
    }

    /// `company.who.expires.signature`, the company base64url-encoded (its id may hold dots).
    async fn signed_session(
        &self,
        cid: &CompanyId,
        who: &str,
        credential_hash: &str,
        now: Timestamp,
    ) -> ServiceResult<String> {
        let secret = self.store.console_secret().await?;
        let expires = now.as_second() + CONSOLE_SESSION_SECS;
        let company = B64.encode(cid.as_str());
        let sig = session_signature(&secret, &company, who, expires, credential_hash);
        Ok(format!("{company}.{who}.{expires}.{sig}"))
    }

    /// The person a session value stands for, if it is genuine and unexpired and their
    /// credential has not changed since: an account still active (its role read now), or the
    /// company key while the company has no accounts.
    pub async fn console_session(
        &self,
        value: &str,
        now: Timestamp,
    ) -> ServiceResult<Option<ConsoleSession>> {
        let mut parts = value.splitn(4, '.');
        let (Some(company), Some(who), Some(expires), Some(sig)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Ok(None);
        };
        let Ok(expires_at) = expires.parse::<i64>() else {
            return Ok(None);
        };
        if expires_at < now.as_second() {
            return Ok(None);
        }
        let Some(cid) = B64
            .decode(company)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|c| CompanyId::parse(&c).ok())
        else {
            return Ok(None);
        };
        let (credential, actor, role) = if who == KEY_HOLDER {
            if self.has_accounts(&cid).await? {
                return Ok(None);
            }
            let Some(key_hash) = self.store.key_hash(&cid, CompanyKey::Api).await? else {
                return Ok(None);
            };
            (key_hash, "company API key".to_owned(), Role::Owner)
        } else {
            match self.store.operator(&cid, who).await? {
                Some(row) if row.is_active() => (
                    row.password_hash.clone().unwrap_or_default(),
                    actor_name(&row),
                    row.role,
                ),
                _ => return Ok(None),
            }
        };
        let secret = self.store.console_secret().await?;
        let expected = session_signature(&secret, company, who, expires, &credential);
        if !constant_time_eq(&expected, sig) {
            return Ok(None);
        }
        Ok(Some(ConsoleSession {
            company: cid.as_str().to_owned(),
            actor,
            role,
            operator_id: (who != KEY_HOLDER).then(|| who.to_owned()),
            csrf: sign(&secret, &format!("csrf|{value}")),
        }))
    }
}

impl Service {
    /// Whoever runs `aisha invite` on the server: an owner of the company (they hold the
    /// database and its key already), named so in the audit log.
    pub async fn command_line_owner(&self, company_id: &str) -> ServiceResult<ConsoleSession> {
        let cid = super::accounts::company_of(company_id)?;
        if self.store.company(&cid).await?.is_none() {
            return Err(ServiceError::UnknownCompany(company_id.to_owned()));
        }
        Ok(ConsoleSession {
            company: cid.as_str().to_owned(),
            actor: "server command line (aisha invite)".to_owned(),
            role: Role::Owner,
            operator_id: None,
            csrf: String::new(),
        })
    }

    /// The same person as they are now (their role may have changed), or none when they may
    /// no longer sign in.
    pub async fn refresh_console_session(
        &self,
        who: &ConsoleSession,
    ) -> ServiceResult<Option<ConsoleSession>> {
        let cid = super::accounts::company_of(&who.company)?;
        let Some(id) = &who.operator_id else {
            return Ok((!self.has_accounts(&cid).await?).then(|| who.clone()));
        };
        Ok(match self.store.operator(&cid, id).await? {
            Some(row) if row.is_active() => Some(ConsoleSession {
                actor: actor_name(&row),
                role: row.role,
                ..who.clone()
            }),
            _ => None,
        })
    }
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;
/// The session's `who` for the company key (account ids start with `op_`).
const KEY_HOLDER: &str = "key";
