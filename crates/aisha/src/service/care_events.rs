//! C.A.R.E. customers and events: relationships, timelines, and events applied once.

use super::*;

/// A relationship as a decision found it: at `version` (`None`: new, to be written with
/// `created`'s audit entries).
pub(super) struct Read {
    pub rel: Relationship,
    pub version: Option<i64>,
    pub created: Vec<AuditEntry>,
}

impl Service {
    /// Create the relationship if it does not exist (Hands-Off Mode on, as the contract says).
    pub async fn upsert_customer(
        &self,
        company_id: &str,
        mut customer: Customer,
        state: CareState,
        now: Timestamp,
    ) -> ServiceResult<Relationship> {
        CustomerId::parse(&customer.id)?;
        if let Some(tz) = &customer.timezone {
            jiff::tz::TimeZone::get(tz).map_err(|_| {
                ServiceError::Invalid(format!("timezone: unknown time zone {tz:?}"))
            })?;
        }
        let company = self.company(company_id).await?;
        for _ in 0..MAX_RETRIES {
            if let Some((r, _)) = self
                .store
                .relationship(&company.company_id, &customer.id)
                .await?
            {
                return Ok(r);
            }
            // Stored in E.164 (Twilio's To), one customer per number.
            customer.phone = match customer.phone.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(raw) => Some(company.e164(raw).ok_or_else(|| {
                    ServiceError::Invalid(format!("phone: {raw:?} is not a phone number"))
                })?),
            };
            if let Some(phone) = &customer.phone {
                if let Some(other) = self
                    .store
                    .customer_by_phone(&company.company_id, phone)
                    .await?
                {
                    return Err(ServiceError::Conflict(format!(
                        "phone: {phone} already belongs to customer {other:?}"
                    )));
                }
            }
            let rel = Relationship::new(customer.clone(), state, now);
            let due = care::next_due(&rel, &company);
            let entries = [audit(
                AuditKind::CustomerCreated,
                format!("customer:{}", customer.id),
                json!({"customer": customer, "state": state.as_str()}),
            )];
            let saved = self
                .store
                .save_relationship(RelationshipWrite {
                    company: &company.company_id,
                    rel: &rel,
                    expected_version: None,
                    effects: &Effects::default(),
                    next_due: due,
                    controls: None,
                    deliveries: &[],
                    audit: &entries,
                    idempotency: None,
                    now,
                })
                .await;
            let saved = match (saved, &customer.phone) {
                // Another request took the number between the check and the insert: the
                // unique key refused it, and the caller hears who has it.
                (Err(e), Some(phone)) => match self
                    .store
                    .customer_by_phone(&company.company_id, phone)
                    .await?
                {
                    Some(other) if other != customer.id => {
                        return Err(ServiceError::Conflict(format!(
                            "phone: {phone} already belongs to customer {other:?}"
                        )))
                    }
                    _ => return Err(e.into()),
                },
                (saved, _) => saved?,
            };
            if saved == Saved::Applied {
                return Ok(rel);
            }
        }
        Err(ServiceError::Contended)
    }

    pub async fn relationship(
        &self,
        company_id: &str,
        customer_id: &CustomerId,
    ) -> ServiceResult<Relationship> {
        let company = self.company(company_id).await?;
        self.store
            .relationship(&company.company_id, customer_id.as_str())
            .await?
            .map(|(r, _)| r)
            .ok_or_else(|| ServiceError::UnknownCustomer(customer_id.to_string()))
    }

    pub async fn timeline(
        &self,
        company_id: &str,
        customer_id: &CustomerId,
    ) -> ServiceResult<Timeline> {
        let company = self.company(company_id).await?;
        let cid = &company.company_id;
        let relationship = self.relationship(company_id, customer_id).await?;
        let escalations = self
            .store
            .escalations(cid, false)
            .await?
            .into_iter()
            .filter(|e| e.customer_id.as_deref() == Some(customer_id.as_str()))
            .collect();
        Ok(Timeline {
            relationship,
            transitions: self.store.transitions(cid, customer_id.as_str()).await?,
            actions: self.store.actions(cid, customer_id.as_str()).await?,
            escalations,
        })
    }

    /// Apply an event to a customer's relationship at `now`, then run any Hands-Off work due
    /// at that instant. With an idempotency key, a retry returns the first response.
    pub async fn apply_event(
        &self,
        company_id: &str,
        customer_id: &CustomerId,
        event: &Event,
        now: Timestamp,
    ) -> ServiceResult<Effects> {
        Ok(self
            .apply_event_once(company_id, customer_id, event, None, now)
            .await?
            .1)
    }

    pub async fn apply_event_once(
        &self,
        company_id: &str,
        customer_id: &CustomerId,
        event: &Event,
        idempotency_key: Option<&str>,
        now: Timestamp,
    ) -> ServiceResult<(EventResult, Effects)> {
        let company = self.company(company_id).await?;
        let cid = &company.company_id;
        if let Some(key) = idempotency_key {
            check_key("Idempotency-Key", key)?;
            if let Some(first) = self.store.processed_event(cid, key).await? {
                return Ok((duplicate(first), Effects::default()));
            }
        }
        // Asked at most once per event, whatever the retries.
        let mut second_opinion: Option<Option<String>> = None;
        for _ in 0..MAX_RETRIES {
            let (rel, version) = self
                .store
                .relationship(cid, customer_id.as_str())
                .await?
                .ok_or_else(|| ServiceError::UnknownCustomer(customer_id.to_string()))?;
            let d = self
                .decide_event(
                    &company,
                    Read {
                        rel,
                        version: Some(version),
                        created: Vec::new(),
                    },
                    event,
                    idempotency_key,
                    &mut second_opinion,
                    now,
                )
                .await?;
            let saved = self
                .store
                .save_relationship(d.write(cid, idempotency_key, now))
                .await?;
            if saved == Saved::Conflict {
                if let Some(key) = idempotency_key {
                    if let Some(first) = self.store.processed_event(cid, key).await? {
                        return Ok((duplicate(first), Effects::default()));
                    }
                }
                continue;
            }
            let mut all = d.fx;
            // The event is committed: Hands-Off work due now is the scheduler's too, so a
            // failure here must not tell the caller the event failed (a retry would apply it
            // twice).
            match self.run_due(company_id, now).await {
                Ok(fx) => all.extend(fx),
                Err(e) => {
                    tracing::warn!(error = %e, "hands-off run after an event failed; the scheduler retries it")
                }
            }
            return Ok((d.result, all));
        }
        Err(ServiceError::Contended)
    }

    /// Decide an event on a relationship as it was read: everything its write needs,
    /// nothing written yet. An inbound message the detector did not escalate is shown to the
    /// second opinion (asked once per event: `second_opinion` keeps its answer across retries).
    pub(super) async fn decide_event(
        &self,
        company: &Company,
        read: Read,
        event: &Event,
        idempotency_key: Option<&str>,
        second_opinion: &mut Option<Option<String>>,
        now: Timestamp,
    ) -> ServiceResult<Decided> {
        let Read {
            mut rel,
            version,
            created,
        } = read;
        let cid = &company.company_id;
        let customer_id = rel.customer.id.clone();
        let own = self.store.controls(cid).await?;
        let effective = self.with_global(own).await?;
        let mut controls = effective;
        let mut fx = care::apply_event(
            &mut rel,
            &mut care::Ctx {
                company,
                controls: &mut controls,
                now,
            },
            event,
        );
        if let (Event::InboundMessage { text, .. }, Some(reviewer)) = (event, &self.second_opinion)
        {
            if fx.escalations.is_empty() {
                if second_opinion.is_none() {
                    *second_opinion = Some(match reviewer.review(rel.state.as_str(), text).await {
                        Ok(r) => r,
                        Err(e) => {
                            tracing::warn!(error = %e, "second opinion unavailable; the detector's verdict stands");
                            None
                        }
                    });
                }
                if let Some(Some(reason)) = second_opinion {
                    fx.escalations.push(care::EscalationRecord {
                        at: now,
                        trigger: "llm_second_opinion".into(),
                        reason: reason.clone(),
                        evidence: Vec::new(),
                        state: rel.state,
                    });
                }
            }
        }
        let due = care::next_due(&rel, company);
        let deliveries = plan_deliveries(company, &self.channels, &rel, &fx);
        let mut entries = created;
        entries.push(audit(
            AuditKind::Event,
            format!("customer:{customer_id}"),
            json!({"event": event, "idempotencyKey": idempotency_key}),
        ));
        entries.extend(effects_audit(&customer_id, &fx));
        let result = EventResult {
            duplicate: false,
            state: rel.state.as_str().to_owned(),
            effects: serde_json::to_value(&fx).expect("effects serialize"),
        };
        let response = serde_json::to_value(&result).expect("serializes");
        Ok(Decided {
            rel,
            version,
            due,
            controls: Self::own_controls_after(own, effective, controls),
            fx,
            deliveries,
            entries,
            result,
            response,
        })
    }

    pub async fn customers(
        &self,
        company_id: &str,
    ) -> ServiceResult<Vec<crate::store::CustomerRow>> {
        let company = self.company(company_id).await?;
        Ok(self.store.customers(&company.company_id).await?)
    }
}

/// An event decided on a relationship, ready to be written (alone or in a turn's transaction).
pub(super) struct Decided {
    pub rel: Relationship,
    pub version: Option<i64>,
    pub fx: Effects,
    pub due: Option<Timestamp>,
    pub controls: Option<Controls>,
    pub deliveries: Vec<NewDelivery>,
    pub entries: Vec<AuditEntry>,
    pub result: EventResult,
    pub response: serde_json::Value,
}

impl Decided {
    pub fn write<'a>(
        &'a self,
        company: &'a CompanyId,
        idempotency_key: Option<&'a str>,
        now: Timestamp,
    ) -> RelationshipWrite<'a> {
        RelationshipWrite {
            company,
            rel: &self.rel,
            expected_version: self.version,
            effects: &self.fx,
            next_due: self.due,
            controls: self.controls,
            deliveries: &self.deliveries,
            audit: &self.entries,
            idempotency: idempotency_key.map(|k| (k, &self.response)),
            now,
        }
    }
}

fn duplicate(first: serde_json::Value) -> EventResult {
    EventResult {
        duplicate: true,
        state: first
            .get("state")
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_owned(),
        effects: first.get("effects").cloned().unwrap_or_default(),
    }
}
