//! What the console's lists read: customers by name, conversations and bookings, the outbox,
//! the audit log a page at a time. Reads only; every write goes through the other files.

use super::*;
use crate::store::{ConversationRow, CustomerQuery, CustomerSummary, Delivery};

impl Service {
    /// One page of customers (search by name, id or phone; filter by state), and the total.
    pub async fn customers_page(
        &self,
        company_id: &str,
        q: &CustomerQuery,
    ) -> ServiceResult<(Vec<CustomerSummary>, i64)> {
        let company = self.company(company_id).await?;
        Ok(self.store.customers_page(&company.company_id, q).await?)
    }

    /// How many customers are in each C.A.R.E. state.
    pub async fn state_counts(&self, company_id: &str) -> ServiceResult<Vec<(String, i64)>> {
        let company = self.company(company_id).await?;
        Ok(self.store.state_counts(&company.company_id).await?)
    }

    /// The customer with this phone number, however it is written.
    pub async fn customer_by_phone(
        &self,
        company_id: &str,
        phone: &str,
    ) -> ServiceResult<Option<CustomerId>> {
        let company = self.company(company_id).await?;
        let Some(e164) = company.e164(phone) else {
            return Ok(None);
        };
        self.store
            .customer_by_phone(&company.company_id, &e164)
            .await?
            .map(|id| CustomerId::parse(&id).map_err(Into::into))
            .transpose()
    }

    /// One page of conversations, newest first; `mode` `COMPLETE` gives the bookings.
    pub async fn conversations(
        &self,
        company_id: &str,
        mode: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> ServiceResult<(Vec<ConversationRow>, i64)> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .conversations(&company.company_id, mode, limit, offset)
            .await?)
    }

    /// One page of the outbox, newest first (one customer's, or all).
    pub async fn deliveries_page(
        &self,
        company_id: &str,
        customer: Option<&CustomerId>,
        limit: i64,
        offset: i64,
    ) -> ServiceResult<(Vec<Delivery>, i64)> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .deliveries_page(
                &company.company_id,
                customer.map(CustomerId::as_str),
                limit,
                offset,
            )
            .await?)
    }

    /// The system-of-record hand-off of a completed booking (`None` without a system of
    /// record): the same idempotency key the turn queued it under.
    pub async fn booking_handoff(
        &self,
        company_id: &str,
        conversation_id: &str,
    ) -> ServiceResult<Option<Delivery>> {
        let company = self.company(company_id).await?;
        let key = format!(
            "booking.completed:{}",
            digest(&[company.company_id.as_str(), conversation_id])
        );
        Ok(self
            .store
            .delivery_by_key(&company.company_id, &key)
            .await?)
    }

    /// One page of the audit log, newest first, and how many records there are.
    pub async fn audit_page(
        &self,
        company_id: &str,
        limit: i64,
        offset: i64,
    ) -> ServiceResult<(Vec<AuditRecord>, i64)> {
        let company = self.company(company_id).await?;
        let head = self
            .store
            .audit_head(&company.company_id)
            .await?
            .map_or(0, |h| h.seq);
        let newest = head - offset.max(0);
        if newest <= 0 {
            return Ok((Vec::new(), head));
        }
        let after = (newest - limit.max(0)).max(0);
        let mut page = self
            .store
            .audit(&company.company_id, after, newest - after)
            .await?;
        page.reverse();
        Ok((page, head))
    }
}
