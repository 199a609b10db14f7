//! Controls: the company kill switch and shadow mode, and the global kill switch.

use super::*;

/// A human's change to a company's switches: what (`None` leaves a switch as it is), who, why.
#[derive(Debug, Clone, Copy)]
pub struct ControlsChange<'a> {
    pub kill_switch: Option<bool>,
    pub shadow_mode: Option<bool>,
    pub by: &'a str,
    pub reason: &'a Reason,
}

impl Service {
    /// The switches in force for a company: its own, with the global kill switch folded in.
    pub async fn controls(&self, company_id: &str) -> ServiceResult<Controls> {
        let company = self.company(company_id).await?;
        self.effective_controls(&company.company_id).await
    }

    pub(super) async fn effective_controls(&self, cid: &CompanyId) -> ServiceResult<Controls> {
        let own = self.store.controls(cid).await?;
        self.with_global(own).await
    }

    /// A company's own switches with the global kill switch folded in.
    pub(super) async fn with_global(&self, mut own: Controls) -> ServiceResult<Controls> {
        own.kill_switch |= self.store.global_kill_switch().await?;
        Ok(own)
    }

    /// The company's own switches after a decision changed the effective ones.
    pub(super) fn own_controls_after(
        own: Controls,
        effective: Controls,
        after: Controls,
    ) -> Option<Controls> {
        let next = Controls {
            kill_switch: if after.kill_switch != effective.kill_switch {
                after.kill_switch
            } else {
                own.kill_switch
            },
            shadow_mode: after.shadow_mode,
        };
        (next != own).then_some(next)
    }

    /// Set the company's kill switch and shadow mode; who and why go to the audit log.
    pub async fn set_controls(
        &self,
        company_id: &str,
        change: &ControlsChange<'_>,
        now: Timestamp,
    ) -> ServiceResult<Controls> {
        let company = self.company(company_id).await?;
        let cid = &company.company_id;
        let mut c = self.store.controls(cid).await?;
        let mut entries = Vec::new();
        for (what, value, slot) in [
            ("kill switch", change.kill_switch, &mut c.kill_switch),
            ("shadow mode", change.shadow_mode, &mut c.shadow_mode),
        ] {
            if let Some(v) = value {
                *slot = v;
                entries.push(audit(
                    AuditKind::Override,
                    format!("company:{}", cid.as_str()),
                    serde_json::to_value(OverrideRecord {
                        at: now,
                        what: format!("{what} {}", if v { "on" } else { "off" }),
                        by: change.by.to_owned(),
                        reason: change.reason.clone(),
                    })
                    .expect("serializes"),
                ));
            }
        }
        self.store.set_controls(cid, c, &entries, now).await?;
        self.effective_controls(cid).await
    }

    /// The global kill switch: no autonomous action for any company while it is on.
    pub async fn set_global_kill_switch(&self, on: bool) -> ServiceResult<()> {
        Ok(self.store.set_global_kill_switch(on).await?)
    }
}
