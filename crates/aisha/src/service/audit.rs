//! The audit chain: reading it, verifying it (records, head, triggers, checkpoints), signed
//! checkpoints of its head, and sealing a chain written before it was keyed.

use super::*;
use crate::store::{AuditHead, ChainKey, ChainReport, Tamper};
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};

/// The subkey of the server key that keys the chain.
pub(super) fn chain_key(key: &crate::server_key::ServerKey) -> ChainKey {
    ChainKey::of(key)
}

/// A signed statement of a company's chain head, to be kept outside the database: a later
/// verify with it shows whether the log still extends it (nothing removed or rewritten
/// since, even by someone who also rewrote the head).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
    pub company: String,
    /// Records in the chain when it was taken.
    pub count: i64,
    /// The hash of record `count`.
    pub head_hash: String,
    pub at: String,
    /// The ed25519 public key (hex) derived from the server key.
    pub public_key: String,
    /// ed25519 signature (hex) over company, count, head hash and time.
    pub signature: String,
}

impl Checkpoint {
    fn message(company: &str, count: i64, head_hash: &str, at: &str) -> [u8; 32] {
        crate::store::hash_parts(&[
            "aisha-audit-checkpoint",
            company,
            &count.to_string(),
            head_hash,
            at,
        ])
    }
}

/// What verify found, for one company.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerdict {
    pub company: String,
    #[serde(flatten)]
    pub chain: ChainReport,
}

impl AuditVerdict {
    pub fn intact(&self) -> bool {
        self.chain.tampering.is_empty()
    }
}

impl Service {
    pub async fn audit_log(
        &self,
        company_id: &str,
        after_seq: i64,
        limit: i64,
    ) -> ServiceResult<Vec<AuditRecord>> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .audit(&company.company_id, after_seq, limit)
            .await?)
    }

    fn checkpoint_key(&self) -> SigningKey {
        SigningKey::from_bytes(&self.server_key.derive("audit-checkpoint"))
    }

    async fn whole_chain(&self, company: &CompanyId) -> ServiceResult<Vec<AuditRecord>> {
        let mut all = Vec::new();
        loop {
            let after = all.last().map(|r: &AuditRecord| r.seq).unwrap_or(0);
            let page = self.store.audit(company, after, 5_000).await?;
            if page.is_empty() {
                break;
            }
            all.extend(page);
        }
        Ok(all)
    }

    /// Walk a company's whole audit chain with the server key: every record's keyed hash and
    /// link, the head kept in `companies` (count, hash, MAC), the append-only triggers, and,
    /// when given, a checkpoint taken earlier. Every problem found is named.
    pub async fn verify_audit(
        &self,
        company_id: &str,
        checkpoint: Option<&Checkpoint>,
    ) -> ServiceResult<AuditVerdict> {
        let company = self.company(company_id).await?;
        let cid = &company.company_id;
        let records = self.whole_chain(cid).await?;
        let head = self.store.audit_head(cid).await?.unwrap_or(AuditHead {
            seq: 0,
            hash: String::new(),
            mac: String::new(),
        });
        let mut chain =
            crate::store::verify_chain(&chain_key(&self.server_key), cid.as_str(), &records, &head);
        let missing = self.store.missing_audit_triggers().await?;
        if !missing.is_empty() {
            chain
                .tampering
                .insert(0, Tamper::TriggersMissing { triggers: missing });
        }
        if let Some(cp) = checkpoint {
            if let Some(why) = self.checkpoint_problem(cid.as_str(), cp, &records) {
                chain.tampering.push(Tamper::Checkpoint { why });
            }
        }
        Ok(AuditVerdict {
            company: cid.to_string(),
            chain,
        })
    }

    /// Why the log does not extend `cp`, if it does not.
    fn checkpoint_problem(
        &self,
        company: &str,
        cp: &Checkpoint,
        records: &[AuditRecord],
    ) -> Option<String> {
        if cp.company != company {
            return Some(format!("it is for company {:?}", cp.company));
        }
        let ours = self.checkpoint_key().verifying_key();
        let theirs = hex::decode(&cp.public_key)
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .and_then(|b| VerifyingKey::from_bytes(&b).ok());
        let Some(theirs) = theirs else {
            return Some("its public key is malformed".into());
        };
        if theirs != ours {
            return Some("it was signed with another server key".into());
        }
        let signature = hex::decode(&cp.signature)
            .ok()
            .and_then(|b| ed25519_dalek::Signature::from_slice(&b).ok());
        let message = Checkpoint::message(&cp.company, cp.count, &cp.head_hash, &cp.at);
        if signature.is_none_or(|s| ours.verify(&message, &s).is_err()) {
            return Some("its signature does not verify (the file was edited)".into());
        }
        let n = records.len() as i64;
        if n < cp.count {
            return Some(format!(
                "it counts {} records, the log has {n}: records {}–{} are gone",
                cp.count,
                n + 1,
                cp.count
            ));
        }
        let at = usize::try_from(cp.count - 1)
            .ok()
            .and_then(|i| records.get(i));
        match at {
            Some(r) if r.seq == cp.count && r.hash == cp.head_hash => None,
            Some(_) => Some(format!(
                "record {} no longer has the hash it had (the chain was rewritten)",
                cp.count
            )),
            None if cp.count == 0 => None,
            None => Some(format!("record {} is missing", cp.count)),
        }
    }

    /// Sign the company's current head (after verifying the chain: a checkpoint of a broken
    /// chain would vouch for the tampering). `Err` names what is wrong.
    pub async fn audit_checkpoint(
        &self,
        company_id: &str,
        now: Timestamp,
    ) -> ServiceResult<Result<Checkpoint, AuditVerdict>> {
        let verdict = self.verify_audit(company_id, None).await?;
        if !verdict.intact() {
            return Ok(Err(verdict));
        }
        let count = verdict.chain.records as i64;
        let at = now.to_string();
        let key = self.checkpoint_key();
        let message = Checkpoint::message(&verdict.company, count, &verdict.chain.head_hash, &at);
        Ok(Ok(Checkpoint {
            company: verdict.company.clone(),
            count,
            head_hash: verdict.chain.head_hash.clone(),
            at,
            public_key: hex::encode(key.verifying_key().to_bytes()),
            signature: hex::encode(key.sign(&message).to_bytes()),
        }))
    }

    /// Seal every chain written before the chain was keyed: one keyed `audit.keyed` record on
    /// top covers the old records' last hash and count, so from then on they cannot be changed
    /// or removed without the key either. Returns the companies sealed. `serve` runs it at
    /// start; a chain is sealed once (its head then carries a MAC).
    pub async fn seal_audit_chains(&self, now: Timestamp) -> ServiceResult<Vec<CompanyId>> {
        let unsealed = self.store.unsealed_audit_chains().await?;
        for company in &unsealed {
            let head = self.store.audit_head(company).await?;
            let entry = audit(
                AuditKind::AuditKeyed,
                format!("company:{company}"),
                json!({"legacyRecords": head.as_ref().map(|h| h.seq), "legacyHead": head.map(|h| h.hash)}),
            );
            self.store.append_audit(company, &[entry], now).await?;
            tracing::info!(%company, "audit chain sealed with the server key");
        }
        Ok(unsealed)
    }
}
