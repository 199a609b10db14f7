//! The outbox: which deliveries a decision queues, and the worker's view of them.

use super::*;

pub(super) fn sor_delivery(
    company: &Company,
    event: &str,
    key: &str,
    data: serde_json::Value,
) -> Option<NewDelivery> {
    let sor = company.system_of_record.as_ref()?;
    Some(NewDelivery {
        customer_id: data
            .get("customerId")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        channel: DeliveryChannel::Webhook,
        destination: sor.webhook_url.to_string(),
        payload: json!({"event": event, "companyId": company.company_id, "data": data}),
        idempotency_key: format!("{event}:{key}"),
    })
}

/// The outbox rows for one relationship decision: each delivered message on its channel, and
/// the system-of-record webhooks for transitions and escalations.
pub fn plan_deliveries(
    company: &Company,
    channels: &ChannelConfig,
    rel: &Relationship,
    fx: &Effects,
) -> Vec<NewDelivery> {
    let cid = company.company_id.as_str();
    let customer = rel.customer.id.as_str();
    // Twilio's To is E.164; a relationship stored before numbers were normalized is read in
    // the company's region here.
    let phone = rel
        .customer
        .phone
        .as_deref()
        .map(|p| company.e164(p).unwrap_or_else(|| p.to_owned()));
    let mut out = Vec::new();
    for (i, a) in fx.actions.iter().enumerate().filter(|(_, a)| a.delivered) {
        let (channel, destination) = match a.channel {
            Some(Channel::Sms)
                if company
                    .twilio
                    .as_ref()
                    .is_some_and(|t| t.from_number.is_some()) =>
            {
                (DeliveryChannel::TwilioSms, phone.clone())
            }
            Some(Channel::Email) if channels.smtp_enabled => {
                (DeliveryChannel::Smtp, rel.customer.email.clone())
            }
            Some(Channel::Sms | Channel::Voice) => (DeliveryChannel::Console, phone.clone()),
            Some(Channel::Email) => (DeliveryChannel::Console, rel.customer.email.clone()),
            _ => (DeliveryChannel::Console, None),
        };
        out.push(NewDelivery {
            customer_id: Some(customer.to_owned()),
            channel,
            destination: destination.unwrap_or_else(|| format!("customer:{customer}")),
            payload: json!({
                "customerId": customer,
                "channel": a.channel,
                "kind": a.kind,
                "actionOrigin": a.action_origin,
                "text": a.text,
            }),
            idempotency_key: format!(
                "msg:{}",
                digest(&[
                    cid,
                    customer,
                    &a.at.to_string(),
                    a.kind.as_str(),
                    &i.to_string()
                ])
            ),
        });
    }
    for (i, t) in fx.transitions.iter().enumerate() {
        let key = digest(&[
            cid,
            customer,
            &t.at.to_string(),
            &i.to_string(),
            t.to.as_str(),
        ]);
        out.extend(sor_delivery(
            company,
            "state.changed",
            &key,
            json!({"customerId": customer, "from": t.from, "to": t.to, "rule": t.rule, "explanation": t.explanation, "at": t.at}),
        ));
    }
    for (i, e) in fx.escalations.iter().enumerate() {
        let key = digest(&[cid, customer, &e.at.to_string(), &i.to_string(), &e.trigger]);
        out.extend(sor_delivery(
            company,
            "escalation.opened",
            &key,
            json!({"customerId": customer, "trigger": e.trigger, "reason": e.reason, "evidence": e.evidence, "at": e.at}),
        ));
    }
    out
}

impl Service {
    pub async fn deliveries(
        &self,
        company_id: &str,
        limit: i64,
    ) -> ServiceResult<Vec<crate::store::Delivery>> {
        let company = self.company(company_id).await?;
        Ok(self.store.deliveries(&company.company_id, limit).await?)
    }
}

/// The worker's side of the outbox: claim, then report each delivery's fate.
impl Service {
    /// Claim up to `batch` deliveries whose time has come, leased to `worker` for `lease`.
    pub async fn claim_deliveries(
        &self,
        worker: &str,
        now: Timestamp,
        lease: jiff::SignedDuration,
        batch: i64,
    ) -> ServiceResult<Vec<crate::store::Delivery>> {
        Ok(self
            .store
            .claim_deliveries(
                worker,
                now.as_millisecond(),
                (now + lease).as_millisecond(),
                batch,
            )
            .await?)
    }

    /// Renew `worker`'s leases on claimed deliveries to `now + lease`; returns those it still
    /// holds. The others were taken over by another worker (or are no longer pending) and must
    /// not be sent.
    pub async fn renew_delivery_leases(
        &self,
        ids: &[i64],
        worker: &str,
        now: Timestamp,
        lease: jiff::SignedDuration,
    ) -> ServiceResult<Vec<i64>> {
        Ok(self
            .store
            .renew_delivery_leases(ids, worker, (now + lease).as_millisecond())
            .await?)
    }

    /// Mark the deliveries `worker` sent (with the provider's id for each, if it gave one),
    /// in one transaction.
    pub async fn deliveries_sent(
        &self,
        sent: &[(i64, Option<String>)],
        worker: &str,
        now: Timestamp,
    ) -> ServiceResult<()> {
        Ok(self.store.deliveries_sent(sent, worker, now).await?)
    }

    /// A failed attempt: retry at `retry_at`, or give up (`None`) and keep it visible as failed.
    pub async fn delivery_failed(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> ServiceResult<()> {
        Ok(self
            .store
            .delivery_failed(id, worker, error, retry_at.map(|t| t.as_millisecond()))
            .await?)
    }
}
