//! The front desk: turns of a conversation (calls, texts, the playground), and what a
//! completed booking sets off in C.A.R.E.

use super::care_events::Read;
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

/// One inbound text: which company, Twilio's id for it, from which number, what it says.
#[derive(Debug, Clone, Copy)]
pub struct InboundSms<'a> {
    pub company_id: &'a str,
    pub message_sid: &'a str,
    pub from: &'a str,
    pub text: &'a str,
    pub now: Timestamp,
}

/// How a webhook renders a turn's result as its answer (TwiML).
pub type RenderTurn<'a> = dyn Fn(&TurnResult) -> String + Sync + 'a;

/// What a turn tells C.A.R.E. about the caller.
#[derive(Debug, Clone)]
enum CareFollowUp {
    Booked,
    /// The caller cancelled the booking request, in these words, on this channel.
    Cancelled {
        channel: Channel,
        words: String,
    },
}

impl CareFollowUp {
    fn cancelled(conversation_id: &str, words: &str) -> Self {
        CareFollowUp::Cancelled {
            channel: conversation_channel(conversation_id).unwrap_or(Channel::Chat),
            words: words.to_owned(),
        }
    }
}

/// The channel a conversation came in on, from its id's prefix (`call-…` from Twilio Voice,
/// `sms-…` from Twilio Messaging, `chat-…` from the web chat); `None` for the playground and
/// ids of no known channel.
pub fn conversation_channel(conversation_id: &str) -> Option<Channel> {
    match conversation_id.split(['-', ':']).next().unwrap_or("") {
        "call" => Some(Channel::Voice),
        "sms" => Some(Channel::Sms),
        "chat" => Some(Channel::Chat),
        _ => None,
    }
}

/// A turn's answer: made now, or the one given before to the same provider request.
enum Answered {
    Fresh(Box<TurnResult>, String),
    Replayed(String),
}

impl Service {
    /// One caller turn of a conversation; the session survives restarts in the store. A turn
    /// that completes a booking hands it to the system of record and commits the caller's
    /// relationship.
    pub async fn turn(&self, turn: Turn<'_>) -> ServiceResult<TurnResult> {
        match self.turn_once(turn, None).await? {
            Answered::Fresh(r, _) => Ok(*r),
            // Without a provider request id a turn is never a replay.
            Answered::Replayed(_) => Err(ServiceError::Invalid("turn replayed".into())),
        }
    }

    /// A voice webhook's turn, answered at most once per provider request id (`CallSid` and
    /// step): `render` turns the result into the answer (TwiML), which is saved in the turn's
    /// transaction; a retry of the same request gets that answer back and changes nothing.
    pub async fn webhook_turn(
        &self,
        turn: Turn<'_>,
        provider_id: &str,
        render: &RenderTurn<'_>,
    ) -> ServiceResult<String> {
        check_key("provider request id", provider_id)?;
        Ok(
            match self.turn_once(turn, Some((provider_id, render))).await? {
                Answered::Fresh(_, answer) | Answered::Replayed(answer) => answer,
            },
        )
    }

    async fn turn_once(
        &self,
        turn: Turn<'_>,
        webhook: Option<(&str, &RenderTurn<'_>)>,
    ) -> ServiceResult<Answered> {
        let Turn {
            company_id,
            conversation_id,
            text,
            caller_id,
            now,
        } = turn;
        let company = self.company(company_id).await?;
        if let Some((id, _)) = webhook {
            if let Some(answer) = self.store.webhook_reply(&company.company_id, id).await? {
                return Ok(Answered::Replayed(answer));
            }
        }
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
        let result = TurnResult {
            active_slot: session.booking.active_slot.clone(),
            booking: session.booking.clone(),
            outcome,
        };
        let answer = webhook
            .map(|(_, render)| render(&result))
            .unwrap_or_default();
        // The turn and what it decided on the caller's relationship (a completed booking, a
        // cancellation heard) commit together: a failure leaves neither, so a retry of the
        // turn makes both. A concurrent change of the relationship is decided again.
        // An escalation names the known customer on the line, so the inbox can link to them.
        let customer = match (result.outcome.escalated(), &session.caller_id) {
            (true, Some(caller)) => match company.e164(caller) {
                Some(e164) => {
                    self.store
                        .customer_by_phone(&company.company_id, &e164)
                        .await?
                }
                None => None,
            },
            _ => None,
        };
        let mut second_opinion = None;
        for _ in 0..MAX_RETRIES {
            let decided: Vec<_> = [
                completed_now.then_some(CareFollowUp::Booked),
                result
                    .outcome
                    .booking_cancelled
                    .then(|| CareFollowUp::cancelled(conversation_id.as_str(), text)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let mut decisions = Vec::new();
            for follow_up in decided {
                decisions.extend(
                    self.follow_up(&company, &session, follow_up, &mut second_opinion, now)
                        .await?,
                );
            }
            let writes: Vec<_> = decisions
                .iter()
                .map(|d| d.write(&company.company_id, None, now))
                .collect();
            let saved = self
                .store
                .save_turn(TurnWrite {
                    company: &company.company_id,
                    conversation: conversation_id.as_str(),
                    customer: customer.as_deref(),
                    session: &session,
                    outcome: &result.outcome,
                    deliveries: &deliveries,
                    audit: &entries,
                    webhook: webhook.map(|(id, _)| (id, answer.as_str())),
                    relationships: &writes,
                    now,
                })
                .await?;
            if saved == Saved::Conflict {
                // A concurrent retry of the same provider request was saved first, or the
                // caller's relationship changed under this turn (decided again).
                if let Some((id, _)) = webhook {
                    if let Some(stored) = self.store.webhook_reply(&company.company_id, id).await? {
                        return Ok(Answered::Replayed(stored));
                    }
                }
                continue;
            }
            if !decisions.is_empty() {
                // Hands-Off work now due is the scheduler's too: the turn stands either way.
                if let Err(e) = self.run_due(company_id, now).await {
                    tracing::warn!(error = %e, "hands-off run after a turn failed; the scheduler retries it");
                }
            }
            return Ok(Answered::Fresh(Box::new(result), answer));
        }
        Err(ServiceError::Contended)
    }

    /// The stored answer to a provider request saved by someone else.
    async fn replayed(&self, company: &Company, id: Option<&str>) -> ServiceResult<Answered> {
        let stored = match id {
            Some(id) => self.store.webhook_reply(&company.company_id, id).await?,
            None => None,
        };
        stored
            .map(Answered::Replayed)
            .ok_or(ServiceError::Contended)
    }

    /// What a turn tells C.A.R.E. about the caller (keyed by phone, created if new): a
    /// completed booking commits their relationship; a cancelled one is heard in their words,
    /// so the detector and planner see it. `None`: nobody to follow up with.
    async fn follow_up(
        &self,
        company: &Company,
        session: &Session,
        follow_up: CareFollowUp,
        second_opinion: &mut Option<Option<String>>,
        now: Timestamp,
    ) -> ServiceResult<Option<super::care_events::Decided>> {
        let slots = &session.booking.slots;
        // Customers are kept by their number in E.164 (one per number): the caller's spelling
        // ("555-123-4567") finds the customer who has it; a non-number follows nobody up.
        let said = slots.phone.as_deref().or(session.caller_id.as_deref());
        let Some(phone) = said.and_then(|p| company.e164(p)) else {
            return Ok(None);
        };
        let customer = Customer {
            first_name: slots.name.first.clone(),
            last_name: slots.name.last.clone(),
            phone: Some(phone.clone()),
            ..Customer::default()
        };
        let cid = &company.company_id;
        let existing = match self.store.customer_by_phone(cid, &phone).await? {
            Some(id) => self.store.relationship(cid, &id).await?,
            None => None,
        };
        let read = match existing {
            Some((rel, version)) => Read {
                rel,
                version: Some(version),
                created: Vec::new(),
            },
            None => {
                let digits = crate::store::phone_digits(Some(&phone)).unwrap_or_default();
                let id = CustomerId::parse(&format!("phone-{digits}"))?;
                let customer = Customer {
                    id: id.to_string(),
                    ..customer
                };
                let entry = audit(
                    AuditKind::CustomerCreated,
                    format!("customer:{id}"),
                    json!({"customer": customer, "state": CareState::Engaged.as_str()}),
                );
                Read {
                    rel: Relationship::new(customer, CareState::Engaged, now),
                    version: None,
                    created: vec![entry],
                }
            }
        };
        let event = match follow_up {
            CareFollowUp::Booked => {
                let summary = [
                    slots.address.full.as_deref(),
                    slots.time.preference.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                Event::BookingCompleted { summary }
            }
            CareFollowUp::Cancelled { channel, words } => Event::InboundMessage {
                channel: Some(channel),
                text: format!("(cancelled a booking request) {words}"),
            },
        };
        Ok(Some(
            self.decide_event(company, read, &event, None, second_opinion, now)
                .await?,
        ))
    }

    /// The customer with `template.phone`, or a new one from `template` (id `phone-<digits>`,
    /// in `state`) when no customer has that number; `None` when it is not a phone number.
    async fn customer_for_phone(
        &self,
        company: &Company,
        mut template: Customer,
        state: CareState,
        now: Timestamp,
    ) -> ServiceResult<Option<CustomerId>> {
        let Some(phone) = template.phone.as_deref().and_then(|p| company.e164(p)) else {
            return Ok(None);
        };
        if let Some(id) = self
            .store
            .customer_by_phone(&company.company_id, &phone)
            .await?
        {
            return Ok(Some(CustomerId::parse(&id)?));
        }
        let digits = crate::store::phone_digits(Some(&phone)).unwrap_or_default();
        let id = CustomerId::parse(&format!("phone-{digits}"))?;
        template.id = id.to_string();
        template.phone = Some(phone.clone());
        match self
            .upsert_customer(company.company_id.as_str(), template, state, now)
            .await
        {
            Ok(_) => Ok(Some(id)),
            // A concurrent first message from the same number (a Twilio retry racing the
            // original) created the customer a moment ago: that is the one.
            Err(ServiceError::Conflict(_)) => match self
                .store
                .customer_by_phone(&company.company_id, &phone)
                .await?
            {
                Some(existing) => Ok(Some(CustomerId::parse(&existing)?)),
                None => Err(ServiceError::Contended),
            },
            Err(e) => Err(e),
        }
    }

    /// A text message from a phone (Twilio's SMS webhook), answered at most once per
    /// `MessageSid`: a retry gets the first answer back and changes nothing. C.A.R.E. hears it
    /// (under the same id as its idempotency key) and the front desk answers it, except:
    /// STOP and its synonyms opt out with one confirmation, after which texts get no answer
    /// until START / UNSTOP / YES opts back in (confirmed once too); HELP is answered by
    /// C.A.R.E. through the outbox with the company's help text. `render` turns the reply to
    /// send (if any) into the answer (TwiML).
    pub async fn inbound_sms(
        &self,
        sms: InboundSms<'_>,
        render: &(dyn Fn(Option<&str>) -> String + Sync),
    ) -> ServiceResult<String> {
        let InboundSms {
            company_id,
            message_sid,
            from,
            text,
            now,
        } = sms;
        check_key("MessageSid", message_sid)?;
        let company = self.company(company_id).await?;
        let key = format!("twilio-sms:{message_sid}");
        if let Some(answer) = self.store.webhook_reply(&company.company_id, &key).await? {
            return Ok(answer);
        }
        let Some(digits) = crate::store::phone_digits(Some(from)) else {
            return Err(ServiceError::Invalid("From: not a phone number".into()));
        };
        let customer = Customer {
            phone: Some(from.to_owned()),
            ..Customer::default()
        };
        let customer_id = self
            .customer_for_phone(&company, customer, CareState::Unaware, now)
            .await?
            .ok_or_else(|| ServiceError::Invalid("From: not a phone number".into()))?;
        let opted_out = |rel: Option<(Relationship, i64)>| rel.is_some_and(|(r, _)| r.opted_out);
        let before = opted_out(
            self.store
                .relationship(&company.company_id, customer_id.as_str())
                .await?,
        );
        let (_, fx) = self
            .apply_event_once(
                company_id,
                &customer_id,
                &Event::InboundMessage {
                    channel: Some(Channel::Sms),
                    text: text.to_owned(),
                },
                Some(&key),
                now,
            )
            .await?;
        let after = opted_out(
            self.store
                .relationship(&company.company_id, customer_id.as_str())
                .await?,
        );
        let templates = &company.care.templates;
        let fill = |t: &str| aisha_core::text::fill(t, &[("company", company.display_name())]);
        let reply = match (before, after) {
            (false, true) => Some(fill(&templates.opt_out_confirmation)),
            (true, false) => Some(fill(&templates.opt_in_confirmation)),
            (true, true) => None,
            (false, false) if fx.signals.has(Signal::Help) => None,
            (false, false) => {
                let turn = Turn {
                    company_id,
                    conversation_id: &ConversationId::parse(&format!("sms-{digits}"))?,
                    text,
                    caller_id: Some(from),
                    now,
                };
                let render_turn = |r: &TurnResult| render(Some(&r.outcome.reply));
                return Ok(
                    match self.turn_once(turn, Some((&key, &render_turn))).await? {
                        Answered::Fresh(_, answer) | Answered::Replayed(answer) => answer,
                    },
                );
            }
        };
        let answer = render(reply.as_deref());
        match self
            .store
            .save_webhook_reply(&company.company_id, &key, &answer, now)
            .await?
        {
            Saved::Applied => Ok(answer),
            Saved::Conflict => match self.replayed(&company, Some(&key)).await? {
                Answered::Fresh(_, answer) | Answered::Replayed(answer) => Ok(answer),
            },
        }
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
