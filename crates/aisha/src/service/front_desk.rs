//! The front desk: turns of a conversation (calls, texts, the playground), and what a
//! completed booking sets off in C.A.R.E.

use super::*;

/// One caller turn: which company and conversation, what was said, by which number, when.
#[derive(Debug, Clone, Copy)]
pub struct Turn<'a> {
    pub company_id: &'a str,
    pub conversation_id: &'a ConversationId,
    pub text: &'a str,
    pub caller_id: Option<&'a str>,
    pub now: Timestamp,
}

impl<'a> Turn<'a> {
    pub fn new(
        company_id: &'a str,
        conversation_id: &'a ConversationId,
        text: &'a str,
        now: Timestamp,
    ) -> Self {
        Self {
            company_id,
            conversation_id,
            text,
            caller_id: None,
            now,
        }
    }

    pub fn caller(self, caller_id: Option<&'a str>) -> Self {
        Self { caller_id, ..self }
    }
}

impl Service {
    /// One caller turn of a conversation; the session survives restarts in the store. A turn
    /// that completes a booking hands it to the system of record and commits the caller's
    /// relationship.
    pub async fn turn(&self, turn: Turn<'_>) -> ServiceResult<TurnResult> {
        let Turn {
            company_id,
            conversation_id,
            text,
            caller_id,
            now,
        } = turn;
        let company = self.company(company_id).await?;
        let mut session = self
            .store
            .session(&company.company_id, conversation_id.as_str())
            .await?
            .unwrap_or_else(Session::new);
        let was_complete = session.mode == Mode::Complete;
        let mut refused: Option<(String, String)> = None;
        let outcome = match frontdesk::begin_turn(
            &company,
            &mut session,
            TurnInput {
                text,
                caller_id,
                now,
            },
        ) {
            TurnStep::Done(o) => o,
            TurnStep::NeedsResponder(turn) => {
                let reply = match &self.speaker {
                    Some(s) => Some(s.reply(&turn.request).await),
                    None => None,
                };
                if let Some(Err(e)) = &reply {
                    tracing::warn!(error = %e, "speaker failed; embedded responder answers");
                }
                let proposed = match &reply {
                    Some(Ok(r)) => Some(r.reply.clone()),
                    _ => None,
                };
                let outcome = frontdesk::finish_turn(&company, &mut session, *turn, reply);
                refused = proposed.zip(outcome.speaker_fallback.clone());
                outcome
            }
        };
        let subject = format!("conversation:{conversation_id}");
        let mut entries = Vec::new();
        // A speaker reply the engine refused never reached the caller: log it, count it, and
        // keep it with the turn (audit row, same transaction) so an operator can see why.
        if let Some((text, reason)) = refused {
            tracing::warn!(conversation = %conversation_id, %reason, "speaker reply refused; embedded responder answered");
            metrics::counter!("aisha_speaker_replies_refused_total").increment(1);
            entries.push(audit(
                AuditKind::SpeakerReplyRefused,
                subject.clone(),
                json!({"reason": reason, "reply": text, "turn": session.turn}),
            ));
        }
        let mut deliveries = Vec::new();
        if outcome.escalated() {
            entries.push(audit(
                AuditKind::Escalation,
                subject.clone(),
                json!({"source": "front_desk", "evidence": outcome.escalation, "text": text}),
            ));
            deliveries.extend(sor_delivery(
                &company,
                "escalation.opened",
                &digest(&[company_id, conversation_id.as_str(), &session.turn.to_string()]),
                json!({"conversationId": conversation_id, "callerId": session.caller_id, "trigger": outcome.escalation.first().map(|d| d.signal.as_str()), "evidence": outcome.escalation, "at": now}),
            ));
        }
        let completed_now = !was_complete && session.mode == Mode::Complete;
        if completed_now {
            entries.push(audit(
                AuditKind::BookingCompleted,
                subject.clone(),
                json!({"booking": session.booking}),
            ));
            deliveries.extend(sor_delivery(
                &company,
                "booking.completed",
                &digest(&[company_id, conversation_id.as_str()]),
                json!({"conversationId": conversation_id, "callerId": session.caller_id, "booking": session.booking, "at": now}),
            ));
        }
        if outcome.booking_cancelled {
            entries.push(audit(
                AuditKind::BookingCancelled,
                subject.clone(),
                json!({"booking": session.booking, "text": text}),
            ));
            deliveries.extend(sor_delivery(
                &company,
                "booking.cancelled",
                &digest(&[company_id, conversation_id.as_str(), &session.turn.to_string()]),
                json!({"conversationId": conversation_id, "callerId": session.caller_id, "booking": session.booking, "text": text, "at": now}),
            ));
        }
        self.store
            .save_turn(TurnWrite {
                company: &company.company_id,
                conversation: conversation_id.as_str(),
                session: &session,
                outcome: &outcome,
                deliveries: &deliveries,
                audit: &entries,
                now,
            })
            .await?;
        if completed_now {
            self.commit_booking(&company, &session, now).await?;
        }
        if outcome.booking_cancelled {
            self.hear_cancellation(&company, &session, conversation_id.as_str(), text, now)
                .await?;
        }
        Ok(TurnResult {
            active_slot: session.booking.active_slot.clone(),
            booking: session.booking.clone(),
            outcome,
        })
    }

    /// The booked caller's relationship moves to Committed (created if new, keyed by phone).
    async fn commit_booking(
        &self,
        company: &Company,
        session: &Session,
        now: Timestamp,
    ) -> ServiceResult<()> {
        let slots = &session.booking.slots;
        let phone = slots.phone.clone().or_else(|| session.caller_id.clone());
        let Some(phone) = phone else {
            return Ok(()); // nobody to follow up with
        };
        let customer = Customer {
            first_name: slots.name.first.clone(),
            last_name: slots.name.last.clone(),
            phone: Some(phone),
            ..Customer::default()
        };
        let customer_id = self
            .customer_for_phone(company, customer, CareState::Engaged, now)
            .await?;
        let cid = company.company_id.as_str();
        let what = [
            slots.address.full.as_deref(),
            slots.time.preference.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        self.apply_event(
            cid,
            &customer_id,
            &Event::BookingCompleted { summary: what },
            now,
        )
        .await?;
        Ok(())
    }

    /// The caller cancelled a booking in progress: C.A.R.E. hears their words on the caller's
    /// relationship (keyed by phone, created if new), so its detector and planner see it.
    async fn hear_cancellation(
        &self,
        company: &Company,
        session: &Session,
        conversation_id: &str,
        text: &str,
        now: Timestamp,
    ) -> ServiceResult<()> {
        let slots = &session.booking.slots;
        let Some(phone) = slots.phone.clone().or_else(|| session.caller_id.clone()) else {
            return Ok(()); // nobody to follow up with
        };
        let customer = Customer {
            first_name: slots.name.first.clone(),
            last_name: slots.name.last.clone(),
            phone: Some(phone),
            ..Customer::default()
        };
        let customer_id = self
            .customer_for_phone(company, customer, CareState::Engaged, now)
            .await?;
        let channel = if conversation_id.starts_with("call-") {
            Channel::Voice
        } else if conversation_id.starts_with("sms-") {
            Channel::Sms
        } else {
            Channel::Chat
        };
        self.apply_event(
            company.company_id.as_str(),
            &customer_id,
            &Event::InboundMessage {
                channel: Some(channel),
                text: format!("(cancelled a booking request) {text}"),
            },
            now,
        )
        .await?;
        Ok(())
    }

    /// The customer with `template.phone`, or a new one from `template` (id `phone-<digits>`,
    /// in `state`) when no customer has that number.
    async fn customer_for_phone(
        &self,
        company: &Company,
        mut template: Customer,
        state: CareState,
        now: Timestamp,
    ) -> ServiceResult<CustomerId> {
        let phone = template.phone.clone().unwrap_or_default();
        if let Some(id) = self
            .store
            .customer_by_phone(&company.company_id, &phone)
            .await?
        {
            return Ok(CustomerId::parse(&id)?);
        }
        let digits = crate::store::phone_digits(Some(&phone)).unwrap_or_default();
        let id = CustomerId::parse(&format!("phone-{digits}"))?;
        template.id = id.to_string();
        self.upsert_customer(company.company_id.as_str(), template, state, now)
            .await?;
        Ok(id)
    }

    /// A text message from a phone: C.A.R.E. hears it (opt-out and HELP included) and the
    /// front desk answers it. Returns the reply to send back, or `None` when the message was
    /// STOP or HELP (the carrier confirms STOP; HELP is answered through the outbox).
    pub async fn inbound_sms(
        &self,
        company_id: &str,
        from: &str,
        text: &str,
        now: Timestamp,
    ) -> ServiceResult<Option<String>> {
        let company = self.company(company_id).await?;
        let Some(digits) = crate::store::phone_digits(Some(from)) else {
            return Err(ServiceError::Invalid("From: not a phone number".into()));
        };
        let customer = Customer {
            phone: Some(from.to_owned()),
            ..Customer::default()
        };
        let customer_id = self
            .customer_for_phone(&company, customer, CareState::Unaware, now)
            .await?;
        let fx = self
            .apply_event(
                company_id,
                &customer_id,
                &Event::InboundMessage {
                    channel: Some(Channel::Sms),
                    text: text.to_owned(),
                },
                now,
            )
            .await?;
        if fx.signals.has(Signal::OptOut) || fx.signals.has(Signal::Help) {
            return Ok(None);
        }
        let r = self
            .turn(Turn {
                company_id,
                conversation_id: &ConversationId::parse(&format!("sms-{digits}"))?,
                text,
                caller_id: Some(from),
                now,
            })
            .await?;
        Ok(Some(r.outcome.reply))
    }

    pub async fn session(
        &self,
        company_id: &str,
        conversation_id: &ConversationId,
    ) -> ServiceResult<Option<Session>> {
        let company = self.company(company_id).await?;
        Ok(self
            .store
            .session(&company.company_id, conversation_id.as_str())
            .await?)
    }
}
