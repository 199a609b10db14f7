//! Console accounts: the people of a company, their roles, invitations and passwords.
//!
//! A company starts with none: its API key signs in to the console as the owner, to invite
//! the first people. From the first account on, the console takes only accounts (the key stays
//! for machines). An invitation is a one-time link; following it sets a password (argon2id).
//! Every change is audited with who made it.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use super::*;
use crate::store::{OperatorRow, OperatorSave, Role};

/// How long an invitation link works.
pub const INVITE_DAYS: i64 = 7;
/// The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for a phrase).
pub const MIN_PASSWORD_CHARS: usize = 12;
const MAX_PASSWORD_CHARS: usize = 256;
const MAX_NAME_CHARS: usize = 100;

/// A new invitation link's token, shown once (only its hash is kept), and whom it is for.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub operator: OperatorRow,
    pub token: String,
}

/// The audit log's name for a person: their name and their email.
pub fn actor_name(op: &OperatorRow) -> String {
    format!("{} <{}>", op.name, op.email)
}

/// Characters that change how text is shown without being seen (bidi overrides, zero-width
/// joiners): a name with them could pass for someone else's in the audit log.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn parse_email(raw: &str) -> ServiceResult<String> {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.chars().all(|c| c.is_ascii_graphic())
        && !email.contains("..")
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(email)
    } else {
        Err(ServiceError::Invalid(format!(
            "email: {:?} is not an email address",
            raw.trim()
        )))
    }
}

fn parse_name(raw: &str) -> ServiceResult<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(ServiceError::Invalid(format!(
            "name: give the person's name (1 to {MAX_NAME_CHARS} characters)"
        )));
    }
    // The audit log shows "Name <email>": a name may not carry an email of its own.
    if name
        .chars()
        .any(|c| c.is_control() || invisible(c) || matches!(c, '<' | '>' | '@'))
    {
        return Err(ServiceError::Invalid(
            "name: letters, spaces and punctuation only (no <, >, @ or invisible characters)"
                .into(),
        ));
    }
    Ok(name)
}

fn check_password(password: &str) -> ServiceResult<()> {
    // Sign-in takes the password exactly as typed; spaces at either end are too easy to
    // type once and not again.
    if password.trim() != password {
        return Err(ServiceError::Invalid(
            "password: it cannot start or end with a space".into(),
        ));
    }
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(ServiceError::Invalid(format!(
            "password: use at least {MIN_PASSWORD_CHARS} characters (a few words are easy to remember)"
        )));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(ServiceError::Invalid(format!(
            "password: at most {MAX_PASSWORD_CHARS} characters"
        )));
    }
    Ok(())
}

/// argon2id with the crate's defaults (OWASP's minimum: 19 MiB, 2 passes), off the async
/// threads: it takes tens of milliseconds on purpose.
async fn hash_password(password: String) -> ServiceResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ServiceError::Invalid(format!("password: {e}")))
    })
    .await
    .map_err(|e| ServiceError::Invalid(format!("password hashing stopped: {e}")))?
}

/// Whether `password` matches `stored`; with no stored hash a dummy one is checked, so an
/// unknown email costs the same time as a wrong password.
async fn verify_password(password: String, stored: Option<String>) -> bool {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$mVBDfO0mG9t1oSCFhrzA2jG4x2pCwO5X1cPRn3sZrjQ";
    let known = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
        && known
}

fn new_token() -> String {
    format!(
        "inv_{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

fn operator_audit(
    kind: AuditKind,
    op: &OperatorRow,
    by: &str,
    extra: serde_json::Value,
) -> AuditEntry {
    let mut payload = json!({
        "by": by,
        "name": op.name,
        "email": op.email,
        "role": op.role.as_str(),
    });
    if let (Some(p), Some(e)) = (payload.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    audit(kind, format!("operator:{}", op.operator_id), payload)
}

impl Service {
    fn require(&self, who: &ConsoleSession, role: Role) -> ServiceResult<()> {
        if who.role >= role {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(format!(
                "{} accounts cannot do this; ask an owner",
                who.role
            )))
        }
    }

    /// The company's accounts, removed ones too (the audit log names them).
    pub async fn operators(&self, who: &ConsoleSession) -> ServiceResult<Vec<OperatorRow>> {
        Ok(self.store.operators(&company_of(&who.company)?).await?)
    }

    /// Whether the company has an account that can sign in (then its key no longer can).
    pub(super) async fn has_accounts(&self, company: &CompanyId) -> ServiceResult<bool> {
        Ok(self
            .store
            .operators(company)
            .await?
            .iter()
            .any(OperatorRow::is_active))
    }

    /// Invite a person (owners only). An email with a removed account gets it back, with the
    /// new role, once the link is followed; an email with a live account is a conflict.
    pub async fn invite_operator(
        &self,
        who: &ConsoleSession,
        email: &str,
        name: &str,
        role: Role,
        now: Timestamp,
    ) -> ServiceResult<Invitation> {
        self.require(who, Role::Owner)?;
        let cid = company_of(&who.company)?;
        let email = parse_email(email)?;
        let name = parse_name(name)?;
        let existing = self
            .store
            .operators(&cid)
            .await?
            .into_iter()
            .find(|o| o.email == email);
        let new = existing.is_none();
        let mut row = match existing {
            Some(o) if o.removed_at.is_none() => {
                return Err(ServiceError::Conflict(format!(
                    "{email} already has an account ({}); make a new sign-in link for them instead",
                    o.role
                )))
            }
            Some(o) => OperatorRow {
                password_hash: None,
                removed_at: None,
                ..o
            },
            None => OperatorRow {
                company_id: cid.as_str().to_owned(),
                operator_id: format!("op_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]),
                email,
                name: String::new(),
                role,
                password_hash: None,
                invite_hash: None,
                invite_expires_at: None,
                created_at: now.to_string(),
                removed_at: None,
                version: 0,
            },
        };
        row.name = name;
        row.role = role;
        self.send_link(who, row, new, json!({}), now).await
    }

    /// A new one-time link for an account (owners only): a pending invitation renewed, or a
    /// way back in for someone who forgot their password (it still works until the link is
    /// used). The previous link stops working.
    pub async fn renew_invitation(
        &self,
        who: &ConsoleSession,
        operator_id: &str,
        now: Timestamp,
    ) -> ServiceResult<Invitation> {
        self.require(who, Role::Owner)?;
        let row = self.live_operator(who, operator_id).await?;
        self.send_link(who, row, false, json!({"renewed": true}), now)
            .await
    }

    /// Gives `row` a fresh one-time link (the previous one stops working), audited with
    /// `detail`, and saves it (`new`: the account did not exist).
    async fn send_link(
        &self,
        who: &ConsoleSession,
        mut row: OperatorRow,
        new: bool,
        detail: serde_json::Value,
        now: Timestamp,
    ) -> ServiceResult<Invitation> {
        let token = new_token();
        row.invite_hash = Some(hash_key(&token));
        row.invite_expires_at = Some(invite_expiry(now));
        let entry = operator_audit(AuditKind::OperatorInvited, &row, &who.actor, detail);
        saved(
            self.store
                .save_operator(&row, new, false, &[entry], now)
                .await?,
        )?;
        Ok(Invitation {
            operator: row,
            token,
        })
    }

    /// Change someone's role (owners only); the last owner stays an owner.
    pub async fn change_role(
        &self,
        who: &ConsoleSession,
        operator_id: &str,
        role: Role,
        now: Timestamp,
    ) -> ServiceResult<()> {
        self.require(who, Role::Owner)?;
        let mut row = self.live_operator(who, operator_id).await?;
        if row.role == role {
            return Ok(());
        }
        let demotes_an_owner = row.is_active_owner();
        let from = row.role;
        row.role = role;
        let entry = operator_audit(
            AuditKind::OperatorChanged,
            &row,
            &who.actor,
            json!({"from": from.as_str()}),
        );
        saved(
            self.store
                .save_operator(&row, false, demotes_an_owner, &[entry], now)
                .await?,
        )
    }

    /// Remove someone's access at once (owners only); their sessions end with it. The last
    /// owner cannot be removed.
    pub async fn remove_operator(
        &self,
        who: &ConsoleSession,
        operator_id: &str,
        now: Timestamp,
    ) -> ServiceResult<()> {
        self.require(who, Role::Owner)?;
        let mut row = self.live_operator(who, operator_id).await?;
        let removes_an_owner = row.is_active_owner();
        row.removed_at = Some(now.to_string());
        row.password_hash = None;
        row.invite_hash = None;
        row.invite_expires_at = None;
        let entry = operator_audit(AuditKind::OperatorRemoved, &row, &who.actor, json!({}));
        saved(
            self.store
                .save_operator(&row, false, removes_an_owner, &[entry], now)
                .await?,
        )
    }

    async fn live_operator(
        &self,
        who: &ConsoleSession,
        operator_id: &str,
    ) -> ServiceResult<OperatorRow> {
        let cid = company_of(&who.company)?;
        match self.store.operator(&cid, operator_id).await? {
            Some(o) if o.removed_at.is_none() => Ok(o),
            _ => Err(ServiceError::Invalid(format!(
                "no account {operator_id:?} at this company"
            ))),
        }
    }

    /// The account an invitation link is for, while the link works.
    pub async fn invitation(
        &self,
        token: &str,
        now: Timestamp,
    ) -> ServiceResult<Option<OperatorRow>> {
        let Some(row) = self.store.operator_by_invite(&hash_key(token)).await? else {
            return Ok(None);
        };
        let live = row.removed_at.is_none()
            && row
                .invite_expires_at
                .as_deref()
                .and_then(|t| t.parse::<Timestamp>().ok())
                .is_some_and(|t| t > now);
        Ok(live.then_some(row))
    }

    /// Follow an invitation link: set the password, spend the link, and sign in (the session
    /// value for the cookie).
    pub async fn accept_invitation(
        &self,
        token: &str,
        password: &str,
        now: Timestamp,
    ) -> ServiceResult<String> {
        check_password(password)?;
        let Some(mut row) = self.invitation(token, now).await? else {
            return Err(ServiceError::Invalid(
                "this link has expired or was already used; ask an owner for a new one".into(),
            ));
        };
        let first = row.password_hash.is_none();
        row.password_hash = Some(hash_password(password.to_owned()).await?);
        row.invite_hash = None;
        row.invite_expires_at = None;
        let entry = operator_audit(
            if first {
                AuditKind::OperatorJoined
            } else {
                AuditKind::OperatorChanged
            },
            &row,
            &actor_name(&row),
            if first {
                json!({})
            } else {
                json!({"passwordReset": true})
            },
        );
        match self
            .store
            .save_operator(&row, false, false, &[entry], now)
            .await?
        {
            OperatorSave::Saved => {}
            // Removed, or the link replaced, while the password was being hashed.
            _ => {
                return Err(ServiceError::Invalid(
                    "this link has expired or was already used; ask an owner for a new one".into(),
                ))
            }
        }
        row.version += 1;
        self.account_session(&row, now).await
    }

    /// Sign in with an email and a password: the session value for the cookie. A wrong
    /// password, an unknown email and an unknown company are the same error.
    pub(super) async fn open_account_session(
        &self,
        company: &CompanyId,
        email: &str,
        password: &str,
        now: Timestamp,
    ) -> ServiceResult<String> {
        let email = email.trim().to_lowercase();
        let row = self
            .store
            .operators(company)
            .await?
            .into_iter()
            .find(|o| o.email == email && o.is_active());
        let stored = row.as_ref().and_then(|r| r.password_hash.clone());
        // Checked on every path (a dummy hash without an account): the time taken says
        // nothing about which emails have one.
        let matches = verify_password(password.to_owned(), stored).await;
        match row {
            Some(row) if matches => self.account_session(&row, now).await,
            _ => Err(ServiceError::UnknownCompany(company.as_str().to_owned())),
        }
    }
}

fn invite_expiry(now: Timestamp) -> String {
    (now + jiff::SignedDuration::from_hours(24 * INVITE_DAYS)).to_string()
}

pub(super) fn company_of(raw: &str) -> ServiceResult<CompanyId> {
    CompanyId::parse(raw).map_err(ServiceError::Invalid)
}

/// A team change the store refused is a conflict the owner can read.
fn saved(outcome: OperatorSave) -> ServiceResult<()> {
    match outcome {
        OperatorSave::Saved => Ok(()),
        OperatorSave::Stale => Err(ServiceError::Conflict(
            "someone changed this account at the same time; reload the page and try again".into(),
        )),
        OperatorSave::EmailTaken => Err(ServiceError::Conflict(
            "another account of this company has that email".into(),
        )),
        OperatorSave::LastOwner => Err(ServiceError::Conflict(
            "the company needs an owner: make someone else an owner first".into(),
        )),
    }
}
