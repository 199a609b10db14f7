//! Companies: configuration (validated, cached for a moment) and API keys.

use super::*;

impl Service {
    /// Create or update a company from its JSON. Returns the API key when it was created.
    /// `by` (who saved it) goes to the audit log with the configuration.
    pub async fn put_company_json(
        &self,
        raw: &str,
        by: &str,
        now: Timestamp,
    ) -> ServiceResult<(Company, Option<String>)> {
        let loaded = Company::from_json(raw)?;
        for field in &loaded.ignored_fields {
            tracing::warn!(company = %loaded.company.company_id, field, "company configuration field is not used");
        }
        self.put_company(loaded.company, by, now).await
    }

    pub async fn put_company(
        &self,
        company: Company,
        by: &str,
        now: Timestamp,
    ) -> ServiceResult<(Company, Option<String>)> {
        let mut company = company.validated()?;
        company.check_webhook(self.allow_private_webhooks)?;
        if !self.allow_private_webhooks {
            if let Some(sor) = &company.system_of_record {
                crate::ssrf::resolve_public(&sor.webhook_url)
                    .await
                    .map_err(|r| ConfigError {
                        field: "systemOfRecord.webhookUrl".into(),
                        reason: r.reason,
                    })?;
            }
        }
        // Secrets are write-only: what this request leaves out is kept from the stored one.
        let previous = self.stored_company(&company.company_id, false).await?;
        let changed = company.keep_secrets(previous.as_ref());
        company.require_secrets()?;
        let secrets = CompanySecrets {
            sealed: self.secrets.seal(&company),
            changed,
        };
        let key = new_key();
        let created = self
            .store
            .put_company(&company, &secrets, Some(&hash_key(&key)), by, now)
            .await?;
        self.companies
            .write()
            .expect("company cache lock")
            .remove(company.company_id.as_str());
        Ok((company, created.then_some(key)))
    }

    /// The company as stored, its secrets opened (none when there is no such company).
    /// Secrets that do not open (another server key) are an error, unless `strict` is off:
    /// a configuration update then proceeds without them, so new secrets can be given.
    async fn stored_company(
        &self,
        cid: &CompanyId,
        strict: bool,
    ) -> ServiceResult<Option<Company>> {
        let Some(mut company) = self.store.company(cid).await? else {
            return Ok(None);
        };
        match self.store.company_secrets(cid).await? {
            Some(sealed) => {
                if let Err(e) = self.secrets.open_into(&mut company, &sealed) {
                    if strict {
                        return Err(ServiceError::Store(crate::store::StoreError::Corrupt(e)));
                    }
                    tracing::warn!(company = %cid, error = %e, "stored secrets do not open; they must be given again");
                }
            }
            // Written before secrets were sealed: they are still in the configuration, and
            // the next save of the company seals them (and drops them from it).
            None if company
                .twilio
                .as_ref()
                .is_some_and(|t| t.auth_token.is_some())
                || company
                    .system_of_record
                    .as_ref()
                    .is_some_and(|s| s.signing_secret.is_some()) =>
            {
                tracing::warn!(company = %cid, "secrets stored in the clear by an older version; save the company's configuration again to seal them");
            }
            None => {}
        }
        Ok(Some(company))
    }

    /// Give the company a new API key: the old one stops working at once, and so does every
    /// console session signed in with it. Who asked and why go to the audit log (never the key).
    pub async fn rotate_key(
        &self,
        company_id: &str,
        by: &str,
        reason: &Reason,
        now: Timestamp,
    ) -> ServiceResult<String> {
        self.replace_key(company_id, CompanyKey::Api, by, reason, now)
            .await
    }

    /// A new key of `kind` for the company, its hash stored and the change audited (who and
    /// why, never the key) in one transaction; the old key stops working at once.
    pub(super) async fn replace_key(
        &self,
        company_id: &str,
        kind: CompanyKey,
        by: &str,
        reason: &Reason,
        now: Timestamp,
    ) -> ServiceResult<String> {
        let unknown = || ServiceError::UnknownCompany(company_id.to_owned());
        let cid = CompanyId::parse(company_id).map_err(|_| unknown())?;
        let (key, kind_audited) = match kind {
            CompanyKey::Api => (new_key(), AuditKind::CompanyKeyRotated),
            CompanyKey::Publishable => (
                super::web_chat::new_publishable_key(&cid),
                AuditKind::PublishableKeyRotated,
            ),
        };
        let entry = audit(
            kind_audited,
            format!("company:{company_id}"),
            json!({"by": by, "reason": reason}),
        );
        if !self
            .store
            .set_key_hash(&cid, kind, &hash_key(&key), &[entry], now)
            .await?
        {
            return Err(unknown());
        }
        Ok(key)
    }

    pub async fn company(&self, id: &str) -> ServiceResult<Company> {
        if let Some((read_at, c)) = self.companies.read().expect("company cache lock").get(id) {
            if read_at.elapsed() < COMPANY_TTL {
                return Ok(Company::clone(c));
            }
        }
        let cid = CompanyId::parse(id).map_err(|_| ServiceError::UnknownCompany(id.to_owned()))?;
        let company = self
            .stored_company(&cid, true)
            .await?
            .ok_or_else(|| ServiceError::UnknownCompany(id.to_owned()))?;
        self.companies.write().expect("company cache lock").insert(
            id.to_owned(),
            (std::time::Instant::now(), Arc::new(company.clone())),
        );
        Ok(company)
    }
}

/// A fresh company key: 128 random bits, shown once and stored only as a hash.
fn new_key() -> String {
    format!("ak_{}", uuid::Uuid::new_v4().simple())
}
