//! Escalations: the inbox a human works through.

use super::*;

impl Service {
    pub async fn escalations(
        &self,
        company_id: &str,
        open_only: bool,
    ) -> ServiceResult<Vec<crate::store::EscalationRow>> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .escalations(&company.company_id, open_only)
            .await?)
    }

    pub async fn resolve_escalation(
        &self,
        company_id: &str,
        id: EscalationId,
        by: &str,
        note: &str,
        now: Timestamp,
    ) -> ServiceResult<()> {
        let company = self.company(company_id).await?;
        if note.trim().is_empty() {
            return Err(ServiceError::Invalid(
                "note: say how it was resolved".into(),
            ));
        }
        let entries = [audit(
            AuditKind::EscalationResolved,
            format!("escalation:{id}"),
            json!({"by": by, "note": note}),
        )];
        if self
            .store
            .resolve_escalation(&company.company_id, id.0, by, note, &entries, now)
            .await?
        {
            Ok(())
        } else {
            Err(ServiceError::UnknownEscalation(id))
        }
    }
}
