//! Hands-Off scheduling: one decision path for the virtual clock (`run_due`) and the
//! scheduler (`scheduler_tick`).

use super::*;

impl Service {
    /// Plan one due relationship's Hands-Off run at its due instant (read and decide; nothing
    /// is written). `None`: the relationship is gone, or changed since it was claimed at
    /// `claimed` (a worker whose lease had lapsed decided it meanwhile; deciding the new
    /// version at the old instant would decide twice).
    async fn plan_due(
        &self,
        company: &Company,
        mut controls: Controls,
        customer_id: &str,
        due_ms: i64,
        claimed: Option<i64>,
    ) -> ServiceResult<Option<PlannedRun>> {
        let cid = &company.company_id;
        let Some((mut rel, version)) = self.store.relationship(cid, customer_id).await? else {
            return Ok(None);
        };
        if claimed.is_some_and(|v| v != version) {
            return Ok(None);
        }
        let at = Timestamp::from_millisecond(due_ms)
            .map_err(|e| ServiceError::Invalid(e.to_string()))?;
        let fx = care::run_due(
            &mut rel,
            &mut care::Ctx {
                company,
                controls: &mut controls,
                now: at,
            },
        );
        let mut next = care::next_due(&rel, company);
        if next.is_some_and(|n| n <= at) {
            tracing::error!(customer = %rel.customer.id, "planner scheduled work in the past; pushing it a minute");
            next = Some(at + jiff::SignedDuration::from_secs(60));
        }
        let deliveries = plan_deliveries(company, &self.channels, &rel, &fx);
        let audit = effects_audit(customer_id, &fx);
        Ok(Some(PlannedRun {
            company: cid.clone(),
            rel,
            version,
            fx,
            next,
            deliveries,
            audit,
            at,
        }))
    }

    /// Decide one due relationship at its due instant. Returns `None` when another writer got
    /// there first (nothing was written).
    pub async fn decide_due(
        &self,
        company: &Company,
        customer_id: &str,
        due_ms: i64,
    ) -> ServiceResult<Option<Effects>> {
        let controls = self.effective_controls(&company.company_id).await?;
        let Some(p) = self
            .plan_due(company, controls, customer_id, due_ms, None)
            .await?
        else {
            return Ok(None);
        };
        let saved = self.store.save_relationship(p.write()).await?;
        Ok((saved == Saved::Applied).then_some(p.fx))
    }

    /// Hands-Off Mode for one company: run everything due at or before `until`, in time order,
    /// each at its own due instant (the conformance runner's virtual clock).
    pub async fn run_due(&self, company_id: &str, until: Timestamp) -> ServiceResult<Effects> {
        let company = self.company(company_id).await?;
        let mut all = Effects::default();
        // A relationship is never due twice at the same instant (every run moves its
        // last activity), so this loop ends; the cap is a guard against a planner bug.
        for _ in 0..100_000 {
            let Some(due) = self
                .store
                .next_due(&company.company_id, until.as_millisecond())
                .await?
            else {
                break;
            };
            if let Some(fx) = self
                .decide_due(&company, &due.customer_id, due.due_ms)
                .await?
            {
                all.extend(fx);
            }
        }
        Ok(all)
    }

    /// The scheduler's step for every company: claim a batch of due relationships (leased to
    /// `worker`), decide each. Returns how many were decided.
    pub async fn scheduler_tick(
        &self,
        worker: &str,
        now: Timestamp,
        lease: jiff::SignedDuration,
        batch: i64,
    ) -> ServiceResult<usize> {
        let claimed = self
            .store
            .claim_due(
                worker,
                now.as_millisecond(),
                (now + lease).as_millisecond(),
                batch,
            )
            .await?;
        // Decide the whole claimed batch, then save it in one transaction: one commit for the
        // batch instead of one per relationship.
        // Each company (with its switches) is read once per batch.
        let mut companies: std::collections::HashMap<String, (Company, Controls)> =
            Default::default();
        let mut planned = Vec::with_capacity(claimed.len());
        for due in claimed {
            if !companies.contains_key(&due.company_id) {
                let read = match self.company(&due.company_id).await {
                    Ok(c) => self
                        .effective_controls(&c.company_id)
                        .await
                        .map(|controls| (c, controls)),
                    Err(e) => Err(e),
                };
                match read {
                    Ok(entry) => {
                        companies.insert(due.company_id.clone(), entry);
                    }
                    Err(e) => {
                        tracing::warn!(company = %due.company_id, error = %e, "due relationship of an unreadable company");
                        continue;
                    }
                }
            }
            let (company, controls) = &companies[&due.company_id];
            match self
                .plan_due(
                    company,
                    *controls,
                    &due.customer_id,
                    due.due_ms,
                    Some(due.version),
                )
                .await
            {
                Ok(Some(p)) => planned.push(p),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(company = %due.company_id, customer = %due.customer_id, error = %e, "hands-off decision failed; the lease will expire and it is retried");
                }
            }
        }
        if planned.is_empty() {
            return Ok(0);
        }
        let writes: Vec<RelationshipWrite<'_>> = planned.iter().map(PlannedRun::write).collect();
        let saved = self.store.save_relationships(&writes).await?;
        let mut decided = 0;
        for (p, s) in planned.iter().zip(saved) {
            match s {
                Ok(Saved::Applied) => decided += 1,
                Ok(Saved::Conflict) => {}
                // Rolled back alone; its lease lapses and it is decided again.
                Err(e) => {
                    tracing::error!(company = %p.company, customer = %p.rel.customer.id, error = %e, "hands-off decision not saved; the rest of the batch was");
                }
            }
        }
        Ok(decided)
    }
}

/// A Hands-Off run decided but not yet saved.
struct PlannedRun {
    company: CompanyId,
    rel: Relationship,
    version: i64,
    fx: Effects,
    next: Option<Timestamp>,
    deliveries: Vec<NewDelivery>,
    audit: Vec<AuditEntry>,
    at: Timestamp,
}

impl PlannedRun {
    fn write(&self) -> RelationshipWrite<'_> {
        RelationshipWrite {
            company: &self.company,
            rel: &self.rel,
            expected_version: Some(self.version),
            effects: &self.fx,
            next_due: self.next,
            controls: None,
            deliveries: &self.deliveries,
            audit: &self.audit,
            idempotency: None,
            now: self.at,
        }
    }
}
