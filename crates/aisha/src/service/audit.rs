//! The audit chain: reading it and verifying it.

use super::*;

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

    /// Walk a company's whole audit chain. `Ok(n)`: n records, intact; `Err((seq, why))`:
    /// the first broken record.
    pub async fn verify_audit(
        &self,
        company_id: &str,
    ) -> ServiceResult<Result<usize, (i64, String)>> {
        let company = self.company(company_id).await?;
        let mut all = Vec::new();
        loop {
            let after = all.last().map(|r: &AuditRecord| r.seq).unwrap_or(0);
            let page = self.store.audit(&company.company_id, after, 5_000).await?;
            if page.is_empty() {
                break;
            }
            all.extend(page);
        }
        Ok(crate::store::verify_chain(&all))
    }
}
