#!/usr/bin/env python3
"""Writes the project's own conformance cases (conformance/cases/). Each case is data; the
generator only saves typing. Run it after editing, then commit the YAML."""
import json, os, re
ROOT = os.path.join(os.path.dirname(__file__), "..", "conformance", "cases")
HVAC = "../../../companies/demo-hvac.json"
DENTAL = "../../../companies/dental.json"
SHARED = "../../shared/companies/hvac.json"

def y(v):
    return json.dumps(v, ensure_ascii=False)

def conv(slug, name, turns, company=HVAC, caller_id=None):
    lines = ["kind: conversation", f"name: {y(name)}", f"company: {company}"]
    if caller_id: lines.append(f"caller_id: {y(caller_id)}")
    lines.append("turns:")
    for user, expect in turns:
        lines.append(f"  - user: {y(user)}")
        if expect:
            lines.append("    expect:")
            for k, v in expect.items():
                lines.append(f"      {k}: {y(v)}")
    write("conversation", slug, lines)

def rel(slug, name, customer, start, steps, company=HVAC):
    lines = ["kind: relationship", f"name: {y(name)}", f"company: {company}", f"customer: {y(customer)}", f"start: {y(start)}", "steps:"]
    for step in steps:
        kind, val, expect = step
        if kind == "event":
            lines.append(f"  - event: {y(val)}")
        elif kind == "at":
            at, ev = val
            lines.append(f"  - at: {y(at)}")
            lines.append(f"    event: {y(ev)}")
        else:
            lines.append(f"  - advance_to: {y(val)}")
        if expect:
            lines.append(f"    expect: {y(expect)}")
    write("relationship", slug, lines)

def write(kind, slug, lines):
    path = os.path.join(ROOT, kind, slug + ".yaml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")

# ---- prefixes reused by many cases: discovery to BOOKING
TO_BOOKING = [
    ("My AC stopped working", {"mode": "DISCOVERY", "lastAgentIntent": "OFFER_SCHEDULE"}),
    ("Yes please", {"mode": "BOOKING", "activeSlot": "name", "consentGiven": True}),
]
TO_PHONE = TO_BOOKING + [("John Smith", {"activeSlot": "phone"})]
TO_ADDRESS = TO_PHONE + [("555-123-4567", {"activeSlot": "address"})]
TO_TIME = TO_ADDRESS + [("123 Main Street, Anytown", {"activeSlot": "time"})]

# ================================================================ conversation cases
conv("golden-demo-company", "golden transcript with the demo company's completion sentence", [
    ("Hi I'm having air-conditioning issues today", {"mode": "DISCOVERY", "lastAgentIntent": "DISCOVERY", "consentGiven": False}),
    ("The thermostat is blank and there's water dripping", {"mode": "DISCOVERY", "lastAgentIntent": "OFFER_SCHEDULE"}),
    ("Yes please", {"ai": "Perfect! Let me get your information. May I have your name please?", "llm_used": False}),
    ("Subach", {"ai": "Got it, Subach. Did I get that right?", "slots": {"name": {"first": None, "last": "Subach", "full": None}}, "meta": {"name": {"assumedSingleTokenAs": "last", "source": "assumed"}}}),
    ("yes", {"ai": "And what's your first name?", "meta": {"name": {"lastConfirmed": True, "askedMissingPartOnce": True}}}),
    ("John", {"ai": "Perfect, John Subach. What's the best phone number to reach you?"}),
    ("555-123-4567", {"ai": "Thank you. What's the service address?", "slots": {"phone": "555-123-4567"}}),
    ("123 Main Street, Anytown", {"ai": "Perfect. When works best for you?", "slots": {"address": {"full": "123 Main Street, Anytown", "street": "123 Main Street", "city": "Anytown", "unit": None}}}),
    ("As soon as possible", {"mode": "COMPLETE", "lastAgentIntent": "BOOKING_COMPLETE", "ai": "Great! I have all your information. We'll get a technician out to you as soon as possible.", "slots": {"time": {"preference": "ASAP", "window": None}}, "meta": {"time": {"isAsap": True}}, "activeSlot": None}),
])
conv("consent-unsure-is-not-consent", "\"I'm unsure\" after an offer is not consent (sure inside unsure)", [
    TO_BOOKING[0], ("I'm unsure", {"mode": "DISCOVERY", "consentGiven": False})])
conv("consent-no-thanks", "\"no thanks\" after an offer declines politely", [
    TO_BOOKING[0], ("no thanks", {"mode": "DISCOVERY", "consentGiven": False, "lastAgentIntent": "DISCOVERY", "ai_contains": ["no problem"]})])
conv("consent-not-yet", "\"not yet\" after an offer is not consent", [
    TO_BOOKING[0], ("not yet", {"mode": "DISCOVERY", "consentGiven": False})])
conv("consent-maybe-later", "\"maybe later\" hedges are not consent", [
    TO_BOOKING[0], ("Okay maybe later", {"mode": "DISCOVERY", "consentGiven": False})])
conv("consent-yes-i-know", "a yes that contains \"know\" is still consent (word boundaries)", [
    TO_BOOKING[0], ("Yes, I know it's urgent", {"mode": "BOOKING", "consentGiven": True})])
conv("consent-explicit-phrase-first-turn", "stating the issue and asking to book in one utterance gives consent", [
    ("My furnace is banging, can you send someone out?", {"mode": "BOOKING", "consentGiven": True, "activeSlot": "name", "llm_used": False})])
conv("consent-explicit-without-issue-waits", "asking to book before any issue asks for the issue first, then books", [
    ("I'd like to schedule an appointment", {"mode": "DISCOVERY", "consentGiven": False}),
    ("The AC is blowing warm air", {"mode": "BOOKING", "consentGiven": True, "activeSlot": "name"})])
conv("consent-negated-phrase", "\"I don't want to schedule an appointment\" is not consent", [
    TO_BOOKING[0], ("I don't want to schedule an appointment yet", {"mode": "DISCOVERY", "consentGiven": False})])
conv("consent-yes-not-after-offer", "yes while the agent is still asking about the issue is not consent", [
    ("Hi I'm having air-conditioning issues today", {"lastAgentIntent": "DISCOVERY"}),
    ("yes", {"mode": "DISCOVERY", "consentGiven": False})])
conv("consent-phrase-recorded", "consent records the phrase and the turn", [
    TO_BOOKING[0], ("Sure", {"mode": "BOOKING"})])
conv("discovery-greeting", "a bare greeting is welcomed and asked how to help", [
    ("Hello", {"mode": "DISCOVERY", "lastAgentIntent": "DISCOVERY", "ai_contains": ["how can i help"]})])
conv("discovery-scenario-grounded", "discovery uses the matched scenario's knowledge and offers to schedule", [
    ("The thermostat is blank", {"lastAgentIntent": "OFFER_SCHEDULE", "ai_contains": ["condensate", "Would you like me to schedule an appointment?"], "llm_used": True})])
conv("discovery-vague-asks-more", "a vague problem gets empathy and a question, no offer", [
    ("I've got some problems with my system", {"lastAgentIntent": "DISCOVERY", "ai_contains": ["tell me"], "ai_not_contains": ["schedule"]})])
conv("name-full-name-straight-to-phone", "a full name is captured and the phone is asked next", [
    *TO_BOOKING, ("It's John Smith", {"slots": {"name": {"first": "John", "last": "Smith", "full": "John Smith"}}, "meta": {"name": {"source": "user"}}, "activeSlot": "phone", "ai": "Perfect, John Smith. What's the best phone number to reach you?"})])
conv("name-single-token-no-resets", "\"no\" to the confirm-back resets the name and re-asks", [
    *TO_BOOKING, ("Subach", {"ai": "Got it, Subach. Did I get that right?"}),
    ("no", {"ai": "May I have your name please?", "slots": {"name": {"first": None, "last": None, "full": None}}, "activeSlot": "name"})])
conv("name-no-with-correction", "\"No, it's Subacz\" resets and takes the new name", [
    *TO_BOOKING, ("Subach", {}), ("No, it's Subacz", {"ai": "Got it, Subacz. Did I get that right?", "slots": {"name": {"last": "Subacz"}}})])
conv("name-yes-with-first-name", "\"yes, my first name is John\" answers both questions", [
    *TO_BOOKING, ("Subach", {}), ("Yes, John", {"slots": {"name": {"first": "John", "last": "Subach", "full": "John Subach"}}, "activeSlot": "phone"})])
conv("name-my-name-is", "\"my name is\" prefix is stripped", [
    *TO_BOOKING, ("My name is Mary Ann O'Brien", {"slots": {"name": {"first": "Mary Ann", "last": "O'Brien", "full": "Mary Ann O'Brien"}}})])
conv("name-missing-part-refused", "the missing part is asked once; refusing keeps the partial name", [
    *TO_BOOKING, ("Subach", {}), ("yes", {"ai": "And what's your first name?"}),
    ("I'd rather not say", {"activeSlot": "phone", "slots": {"name": {"last": "Subach", "first": None, "full": None}}})])
conv("name-assume-first-dental", "a dental company assumes a single token is a first name and asks the last", [
    ("I have a toothache", {"lastAgentIntent": "OFFER_SCHEDULE"}), ("yes", {"mode": "BOOKING"}),
    ("Maria", {"ai": "And what's your last name?", "slots": {"name": {"first": "Maria", "last": None}}, "meta": {"name": {"assumedSingleTokenAs": "first", "askedMissingPartOnce": True}}}),
    ("Lopez", {"slots": {"name": {"full": "Maria Lopez"}}, "ai_contains": ["Perfect, Maria."]})], company=DENTAL)
conv("phone-volunteered-with-name", "a phone volunteered with the name is captured and not asked", [
    *TO_BOOKING, ("John Smith, my number is 555-222-3333", {"slots": {"name": {"full": "John Smith"}, "phone": "555-222-3333"}, "activeSlot": "address", "ai_not_contains": ["phone number"]})])
conv("phone-formats", "phone numbers in other formats are stored as 555-123-4567", [
    *TO_PHONE, ("(555) 123 4567", {"slots": {"phone": "555-123-4567"}, "activeSlot": "address"})])
conv("phone-plus-one", "+1 numbers are stored in the national format", [
    *TO_PHONE, ("+1 555.987.6543", {"slots": {"phone": "555-987-6543"}})])
conv("phone-spoken-digits", "spoken digits are understood", [
    *TO_PHONE, ("five five five one two three four five six seven", {"slots": {"phone": "555-123-4567"}})])
conv("phone-too-short-reasked", "an impossible number is asked again", [
    *TO_PHONE, ("555-1234", {"activeSlot": "phone", "slots": {"phone": None}, "ai_contains": ["complete phone number", "What's the best phone number to reach you?"]})])
conv("phone-caller-id-accepted", "the caller ID is offered and accepted", [
    *TO_BOOKING, ("John Smith", {"ai": "Perfect, John Smith. Is 555-123-4567 the best number to reach you?"}),
    ("yes", {"slots": {"phone": "555-123-4567"}, "meta": {"phone": {"usedCallerId": True, "confirmed": True}}, "activeSlot": "address"})], caller_id="+15551234567")
conv("phone-caller-id-declined", "declining the caller ID asks the configured question", [
    *TO_BOOKING, ("John Smith", {}), ("no", {"ai": "What's the best phone number to reach you?", "activeSlot": "phone"}),
    ("555-222-3333", {"slots": {"phone": "555-222-3333"}, "meta": {"phone": {"usedCallerId": False}}})], caller_id="+15551234567")
conv("phone-caller-id-other-number", "answering the caller ID offer with another number takes that number", [
    *TO_BOOKING, ("John Smith", {}), ("use 555-777-8888 instead", {"slots": {"phone": "555-777-8888"}, "activeSlot": "address"})], caller_id="+15551234567")
conv("phone-confirm-back", "a phone slot with confirmBack confirms the number", [
    ("I have a toothache", {}), ("yes", {}), ("Maria Lopez", {"ai": "Perfect, Maria. What number can we reach you at?"}),
    ("212-555-0199", {"ai": "I have 212-555-0199. Is that right?"}),
    ("yes", {"meta": {"phone": {"confirmed": True}}, "activeSlot": "custom_insurance"})], company=DENTAL)
conv("address-unit-and-city", "an address is split into street, unit and city", [
    *TO_ADDRESS, ("456 Oak Ave Apt 2B, Springfield, IL 62704", {"slots": {"address": {"street": "456 Oak Ave", "unit": "Apt 2B", "city": "Springfield"}}, "activeSlot": "time"})])
conv("address-not-an-address", "an answer that is not an address is asked again", [
    *TO_ADDRESS, ("yes", {"activeSlot": "address", "slots": {"address": {"full": None}}})])
conv("time-morning", "morning preference", [*TO_TIME, ("Mornings are best", {"mode": "COMPLETE", "slots": {"time": {"preference": "morning"}}, "ai_contains": ["in the morning"]})])
conv("time-afternoon", "afternoon preference", [*TO_TIME, ("afternoon please", {"mode": "COMPLETE", "slots": {"time": {"preference": "afternoon"}}})])
conv("time-window", "a window between hours is specific", [*TO_TIME, ("between 8 and 10", {"slots": {"time": {"preference": "specific", "window": "8-10"}}})])
conv("time-specific-date", "a date and hour is specific with the date", [*TO_TIME, ("December 20th at 10am", {"slots": {"time": {"preference": "specific", "window": "2026-12-20 10:00"}}, "meta": {"time": {"isAsap": False}}})])
conv("time-unusable", "an unusable time answer is asked again", [*TO_TIME, ("who knows", {"mode": "BOOKING", "activeSlot": "time"})])
conv("interrupt-hours-at-name", "a question at the name slot is answered from scenarios, then the name is re-asked", [
    *TO_BOOKING, ("What are your hours?", {"lastAgentIntent": "INTERRUPT_ANSWER", "ai_contains": ["Monday through Friday", "May I have your name please?"], "activeSlot": "name", "mode": "BOOKING"})])
conv("interrupt-price-at-phone", "a price question mid-booking defers, escalates and resumes", [
    *TO_PHONE, ("How much will this cost?", {"lastAgentIntent": "INTERRUPT_ANSWER", "escalated": True, "signals": ["pricing_question"], "ai_contains": ["What's the best phone number to reach you?"], "ai_not_contains": ["$"], "llm_used": False})])
conv("interrupt-unknown-at-address", "a question without company knowledge is deferred, never invented", [
    *TO_ADDRESS, ("Do you guys service heat pumps?", {"lastAgentIntent": "INTERRUPT_ANSWER", "ai_contains": ["follow", "What's the service address?"], "activeSlot": "address"})])
conv("interrupt-warranty-at-time", "a warranty question at the time slot", [
    *TO_TIME, ("Is there a warranty on the repair?", {"lastAgentIntent": "INTERRUPT_ANSWER", "ai_contains": ["When works best for you?"], "mode": "BOOKING"})])
conv("interrupt-during-confirm", "a question during the name confirm-back repeats the confirm question", [
    *TO_BOOKING, ("Subach", {}), ("What are your hours?", {"lastAgentIntent": "INTERRUPT_ANSWER", "ai_contains": ["Did I get that right?"]})])
conv("correction-phone", "\"actually my number is ...\" updates the phone and resumes", [
    *TO_ADDRESS, ("Actually my number is 555-999-0000", {"slots": {"phone": "555-999-0000"}, "activeSlot": "address", "ai_contains": ["updated", "What's the service address?"]})])
conv("correction-name", "a name correction updates the slot and resumes", [
    *TO_TIME, ("Sorry, my name is Jon Smyth", {"slots": {"name": {"first": "Jon", "last": "Smyth"}}, "activeSlot": "time", "ai_contains": ["When works best for you?"]})])
conv("correction-after-complete", "a correction after COMPLETE updates the booking", [
    *TO_TIME, ("As soon as possible", {"mode": "COMPLETE"}), ("Actually my number is 555-444-1212", {"mode": "COMPLETE", "slots": {"phone": "555-444-1212"}})])
conv("never-reask-captured", "a captured slot is never asked again", [
    *TO_TIME, ("As soon as possible", {"mode": "COMPLETE", "ai_not_contains": ["name please", "phone number"]})])
conv("volunteered-asap", "ASAP said early fills the time slot", [
    *TO_BOOKING, ("John Smith and I need someone as soon as possible", {"slots": {"time": {"preference": "ASAP"}}, "activeSlot": "phone"})])
conv("volunteered-in-discovery", "a phone given in discovery is not asked in booking", [
    ("My AC stopped, call me back at 555-303-4040", {"slots": {"phone": "555-303-4040"}}), ("yes", {"mode": "BOOKING"}), ("John Smith", {"activeSlot": "address"})])
conv("custom-select-and-text-slots", "select and optional text slots work", [
    ("I have a toothache", {}), ("yes", {}), ("Maria Lopez", {}), ("212-555-0199", {}), ("yes", {"activeSlot": "custom_insurance"}),
    ("I have Aetna", {"slots": {"custom_insurance": "Aetna"}, "activeSlot": "custom_notes"}),
    ("I'm nervous about needles", {"slots": {"custom_notes": "I'm nervous about needles"}, "activeSlot": "time"}),
    ("Friday afternoon", {"mode": "COMPLETE", "slots": {"time": {"preference": "specific"}}, "ai_contains": ["You're booked, Maria!"]})], company=DENTAL)
conv("custom-select-unknown-option", "an answer that is not an option is asked again", [
    ("I have a toothache", {}), ("yes", {}), ("Maria Lopez", {}), ("212-555-0199", {}), ("yes", {}),
    ("Blue Cross", {"activeSlot": "custom_insurance", "ai_contains": ["Which insurance"]})], company=DENTAL)
conv("guardrails-replace-technician", "vocabulary guardrails replace forbidden words in every reply", [
    ("I have a toothache", {"ai_not_contains": ["technician"], "ai_contains": ["dentist"]})], company=DENTAL)
conv("disclosure-in-discovery", "asked if it is a real person, it says it is an AI assistant", [
    ("Am I talking to a real person?", {"signals": ["bot_question"], "ai_contains": ["AI assistant"], "ai_not_contains": ["I'm a real person"], "escalated": False})])
conv("disclosure-in-booking", "the disclosure mid-booking re-asks the active slot", [
    *TO_PHONE, ("Wait, are you a robot?", {"ai_contains": ["AI assistant", "phone number"], "activeSlot": "phone", "mode": "BOOKING"})])
conv("disclosure-keeps-offer", "a disclosure right after an offer repeats the offer", [
    TO_BOOKING[0], ("Is this a real person?", {"lastAgentIntent": "OFFER_SCHEDULE", "ai_contains": ["AI assistant", "schedule"]}), ("yes", {"mode": "BOOKING"})])
conv("human-requested-escalates", "asking for a person escalates and promises a callback", [
    ("I want to speak to a human", {"escalated": True, "signals": ["human_requested"], "lastAgentIntent": "HUMAN_HANDOFF", "ai_contains": ["call you back"]})])
conv("human-requested-in-booking", "asking for a person mid-booking escalates and keeps the booking", [
    *TO_PHONE, ("Can I talk to someone please", {"escalated": True, "mode": "BOOKING", "activeSlot": "phone"})])
conv("negative-sentiment-escalates", "anger escalates", [
    ("This is terrible, the worst service I have ever had", {"escalated": True, "signals": ["negative_sentiment"]})])
conv("pricing-in-discovery", "a pricing question in discovery defers without a price and escalates", [
    ("How much do you charge for a service call?", {"escalated": True, "signals": ["pricing_question"], "ai_not_contains": ["$"], "ai_contains": ["not able to quote"]})])
conv("contract-question-escalates", "a contract question escalates", [
    ("What's in the maintenance contract?", {"escalated": True, "signals": ["contract_question"]})])
conv("compliance-escalates", "a compliance-sensitive statement escalates", [
    ("My lawyer says the last install was not up to code", {"escalated": True, "signals": ["compliance_sensitive"]})])
conv("opt-out-stop", "STOP opts out", [("STOP", {"signals": ["opt_out"], "lastAgentIntent": "OPT_OUT", "ai_contains": ["unsubscribed"]})])
conv("bad-input-empty", "an empty utterance gets a clear re-prompt", [("   ", {"mode": "DISCOVERY"})])
conv("bad-input-hostile", "hostile text does not break the engine", [
    ("<script>alert(1)</script> DROP TABLE companies; -- \u202e", {"mode": "DISCOVERY"}), TO_BOOKING[0]])
conv("bad-input-long", "a very long utterance is handled", [("my AC stopped " + "blah " * 1500, {"mode": "DISCOVERY"})])
conv("no-consent-from-book-word", "\"book\" in another sense is not consent", [("I read a book about furnaces", {"mode": "DISCOVERY", "consentGiven": False})])
conv("shared-company-only-contract-fields", "a company file with only the contract's fields completes with the default wording", [
    ("My AC stopped working", {}), ("yes", {}), ("John Smith", {}), ("555-123-4567", {}), ("123 Main Street, Anytown", {}),
    ("As soon as possible", {"mode": "COMPLETE", "ai_contains": ["I have all your information", "as soon as possible"]})], company=SHARED)
conv("complete-then-thanks", "after COMPLETE a thank-you gets a closing, not another question", [
    *TO_TIME, ("ASAP", {"mode": "COMPLETE"}), ("thanks!", {"mode": "COMPLETE", "lastAgentIntent": "BOOKING_COMPLETE"})])
conv("complete-interrupt", "a question after COMPLETE is answered", [
    *TO_TIME, ("ASAP", {"mode": "COMPLETE"}), ("What are your hours?", {"lastAgentIntent": "INTERRUPT_ANSWER", "ai_contains": ["Monday through Friday"]})])

# ================================================================ relationship cases
T0 = "2026-03-02T15:00:00Z"   # 09:00 in Chicago
C = lambda state, **kw: {"id": "cust-1", "firstName": "Dana", "phone": "+15551230000", "state": state, **kw}
rel("entry-aware-first-response", "Unaware becomes Aware on the first response", C("Unaware"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Hi, got your message"}, {"state": "Aware"})])
rel("entry-engaged-bidirectional", "Aware becomes Engaged when the conversation goes both ways", C("Aware"), T0, [
    ("event", {"type": "outbound_message", "channel": "sms", "text": "Hi Dana, how can we help?"}, None),
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Looking at options for a new furnace"}, {"state": "Engaged"})])
rel("entry-evaluating-proposal", "a delivered proposal moves to Evaluating", C("Engaged"), T0, [
    ("event", {"type": "proposal_delivered", "summary": "New furnace"}, {"state": "Evaluating", "escalated": False})])
rel("entry-committed-agreement", "agreement recorded moves to Committed", C("Evaluating"), T0, [
    ("event", {"type": "agreement_recorded"}, {"state": "Committed"})])
rel("entry-active-service-started", "service started moves to Active", C("Committed"), T0, [
    ("event", {"type": "service_started"}, {"state": "Active"})])
rel("entry-lost-rejection-recorded", "a rejection recorded moves to Lost", C("Evaluating"), T0, [
    ("event", {"type": "rejection_recorded", "reason": "went with a competitor"}, {"state": "Lost"})])
rel("entry-lost-explicit-rejection-text", "an explicit rejection in a message moves to Lost", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "We decided to go with another company, not interested"}, {"state": "Lost", "signals": ["explicit_rejection"]})])
rel("silence-engaged-to-dormant", "silence turns an engaged customer at risk, then dormant, with follow-ups", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Thanks, talk next week"}, {"state": "Engaged"}),
    ("advance", "2026-03-05T15:00:00Z", {"state": "Engaged", "actions": [{"kind": "follow_up", "origin": "care_autonomous", "gate": "allowed"}], "delivered": 1}),
    ("advance", "2026-03-12T15:00:00Z", {"state": "At Risk", "actions": [{"kind": "advance_state", "gate": "allowed"}, {"kind": "reengage", "gate": "allowed"}]}),
    ("advance", "2026-06-30T15:00:00Z", {"state": "Dormant", "escalated": True})])
rel("at-risk-recovers", "a reply while At Risk returns to the previous state", C("Evaluating"), T0, [
    ("advance", "2026-03-20T15:00:00Z", {"state": "At Risk"}),
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Sorry, been busy. Still thinking it over."}, {"state": "Evaluating"})])
rel("dormant-reactivated", "a response after dormancy reactivates", C("Dormant"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Hi, are you still doing tune-ups this spring"}, {"state": "Reactivated"})])
rel("dormant-low-frequency", "dormant customers are contacted at low frequency only", C("Dormant"), T0, [
    ("advance", "2026-04-01T15:00:00Z", {"no_actions": True}),
    ("advance", "2026-04-20T15:00:00Z", {"actions": [{"kind": "reengage", "origin": "care_autonomous", "gate": "allowed"}], "delivered": 1})])
rel("lost-never-chased", "Lost relationships are never contacted autonomously", C("Engaged"), T0, [
    ("event", {"type": "rejection_recorded", "reason": "not interested"}, {"state": "Lost"}),
    ("advance", "2026-08-01T15:00:00Z", {"delivered": 0, "no_actions": True})])
rel("lost-reconsideration-escalates", "a scheduled reconsideration goes to a human, never a message", C("Engaged"), T0, [
    ("event", {"type": "rejection_recorded", "reason": "not interested"}, None),
    ("advance", "2026-09-15T15:00:00Z", {"escalated": True, "delivered": 0, "actions": [{"kind": "reengage", "gate": "escalated"}], "state": "Lost"})])
rel("escalate-pricing-evaluating", "pricing question while evaluating escalates", C("Evaluating"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "How much is the install?"}, {"escalated": True, "signals": ["pricing_question"], "state": "Evaluating"})])
rel("escalate-objection-evaluating", "an objection while evaluating escalates", C("Evaluating"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Honestly it seems too expensive for us"}, {"escalated": True, "signals": ["objection"]})])
rel("escalate-negative-sentiment", "negative sentiment escalates in any state", C("Active"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "I'm furious, this is the worst experience ever"}, {"escalated": True, "signals": ["negative_sentiment"]})])
rel("escalate-explicit-question-engaged", "an explicit question while engaged escalates", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "When will the technician arrive?"}, {"escalated": True})])
rel("no-escalation-question-aware", "a question while aware is not a state trigger", C("Aware"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Who is this?"}, {"escalated": False})])
rel("escalate-confusion-committed", "confusion after commitment escalates", C("Committed"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "I'm confused, I thought the install was Tuesday"}, {"escalated": True, "state": "Committed"})])
rel("escalate-service-concern-active", "a service concern while active escalates", C("Active"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "The unit is leaking again"}, {"escalated": True})])
rel("escalate-compliance", "compliance-sensitive messages escalate", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Please send my records to my attorney"}, {"escalated": True, "signals": ["compliance_sensitive"]})])
rel("escalate-contract", "contract questions escalate", C("Committed"), T0, [
    ("event", {"type": "inbound_message", "channel": "email", "text": "Can you send me the terms and conditions of the contract"}, {"escalated": True, "signals": ["contract_question"]})])
rel("user-directed-change-price-escalated", "a user asking to change a price is escalated, never executed", C("Evaluating"), T0, [
    ("event", {"type": "user_directed", "action": "change_price", "text": "Drop it to 900"}, {"escalated": True, "actions": [{"kind": "change_price", "origin": "user_directed", "gate": "escalated"}], "delivered": 0})])
rel("user-directed-prohibited-kinds", "every prohibited kind escalates for a user", C("Evaluating"), T0, [
    ("event", {"type": "user_directed", "action": k, "text": "do it"}, {"escalated": True, "actions": [{"kind": k, "origin": "user_directed", "gate": "escalated"}], "delivered": 0})
    for k in ["offer_discount", "negotiate_terms", "make_commitment", "regulated_action"]])
rel("user-directed-under-kill-switch", "user-directed messages are not blocked by the kill switch", C("Engaged"), T0, [
    ("event", {"type": "kill_switch", "enabled": True}, None),
    ("event", {"type": "user_directed", "action": "send_message", "text": "Hi Dana, your part arrived."}, {"actions": [{"kind": "send_message", "origin": "user_directed", "gate": "allowed"}], "delivered": 1})])
rel("user-directed-under-shadow", "user-directed messages are delivered in shadow mode", C("Engaged"), T0, [
    ("event", {"type": "shadow_mode", "enabled": True}, None),
    ("event", {"type": "user_directed", "action": "follow_up", "text": "Checking in on the quote."}, {"delivered": 1, "actions": [{"origin": "user_directed", "gate": "allowed"}]})])
rel("user-directed-hands-off-off", "user-directed messages go out with hands-off off", C("Engaged"), T0, [
    ("event", {"type": "hands_off", "enabled": False}, None),
    ("event", {"type": "user_directed", "action": "send_message", "text": "We can come Tuesday."}, {"delivered": 1})])
rel("user-directed-discount-in-text", "a discount hidden in a send_message text is escalated", C("Evaluating"), T0, [
    ("event", {"type": "user_directed", "action": "send_message", "text": "Tell her we'll take 20% off"}, {"escalated": True, "delivered": 0, "actions": [{"kind": "send_message", "origin": "user_directed", "gate": "escalated"}]})])
rel("user-directed-unknown-fails-safe", "an unknown user-directed action is treated as autonomous and escalated", C("Engaged"), T0, [
    ("event", {"type": "user_directed", "action": "wire_money", "text": "send it"}, {"escalated": True, "delivered": 0, "actions": [{"origin": "care_autonomous", "gate": "escalated"}]})])
rel("user-directed-after-opt-out", "a user-directed message to an opted-out customer is escalated", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "STOP"}, {"signals": ["opt_out"]}),
    ("event", {"type": "user_directed", "action": "send_message", "text": "Hi again"}, {"escalated": True, "delivered": 0})])
rel("kill-switch-blocks-autonomous", "the kill switch blocks every autonomous action", C("Engaged"), T0, [
    ("event", {"type": "kill_switch", "enabled": True}, None),
    ("advance", "2026-04-01T15:00:00Z", {"delivered": 0, "actions": [{"kind": "follow_up", "origin": "care_autonomous", "gate": "blocked"}], "state": "Engaged"})])
rel("kill-switch-off-resumes", "turning the kill switch off resumes follow-ups", C("Engaged"), T0, [
    ("event", {"type": "kill_switch", "enabled": True}, None),
    ("advance", "2026-03-10T15:00:00Z", {"delivered": 0}),
    ("event", {"type": "kill_switch", "enabled": False}, None),
    ("advance", "2026-03-20T15:00:00Z", {"delivered_at_least": 1})])
rel("shadow-mode-records-never-delivers", "shadow mode decides and records but never delivers", C("Engaged"), T0, [
    ("event", {"type": "shadow_mode", "enabled": True}, None),
    ("advance", "2026-03-10T15:00:00Z", {"delivered": 0, "actions": [{"kind": "follow_up", "origin": "care_autonomous", "gate": "allowed"}]})])
rel("hands-off-off-blocks", "with hands-off off for the customer, autonomous actions are blocked", C("Engaged"), T0, [
    ("event", {"type": "hands_off", "enabled": False, "reason": "owner handles this one"}, None),
    ("advance", "2026-03-10T15:00:00Z", {"delivered": 0, "actions": [{"origin": "care_autonomous", "gate": "blocked"}]})])
rel("opt-out-stops-for-good", "after STOP nothing autonomous is ever sent", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "STOP"}, {"signals": ["opt_out"]}),
    ("advance", "2026-12-01T15:00:00Z", {"delivered": 0, "no_actions": True})])
rel("opt-out-plain-language", "a plain-language opt-out is honoured", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Please stop texting me"}, {"signals": ["opt_out"]}),
    ("advance", "2026-06-01T15:00:00Z", {"delivered": 0})])
rel("help-answered", "HELP is answered", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "HELP"}, {"delivered": 1, "actions": [{"kind": "send_message", "gate": "allowed"}]})])
rel("quiet-hours-chicago", "a follow-up due at night waits for 08:00 local", C("Engaged"), "2026-03-02T03:00:00Z", [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "ok thanks"}, None),
    ("advance", "2026-03-04T13:59:00Z", {"delivered": 0}),
    ("advance", "2026-03-04T14:01:00Z", {"delivered": 1})])
rel("quiet-hours-customer-timezone", "quiet hours use the customer's time zone when known", C("Engaged", timezone="America/Los_Angeles"), "2026-03-02T05:00:00Z", [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "ok"}, None),
    ("advance", "2026-03-04T15:59:00Z", {"delivered": 0}),
    ("advance", "2026-03-04T16:01:00Z", {"delivered": 1})])
rel("quiet-hours-dst-spring-forward", "quiet hours hold across the spring DST change (08:00 CDT is 13:00Z)", C("Engaged"), "2026-03-06T04:00:00Z", [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "ok"}, None),
    ("advance", "2026-03-08T12:59:00Z", {"delivered": 0}),
    ("advance", "2026-03-08T13:01:00Z", {"delivered": 1})])
rel("quiet-hours-dst-fall-back", "quiet hours hold across the autumn DST change (08:00 CST is 14:00Z)", C("Engaged"), "2026-10-30T04:00:00Z", [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "ok"}, None),
    ("advance", "2026-11-01T13:59:00Z", {"delivered": 0}),
    ("advance", "2026-11-01T14:01:00Z", {"delivered": 1})])
rel("sor-wins-over-inference", "a system-of-record agreement wins over an inferred loss", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Not interested"}, {"state": "Lost"}),
    ("event", {"type": "agreement_recorded"}, {"state": "Committed"})])
rel("sor-committed-not-overridden-by-text", "a rejection text does not override a recorded commitment; it escalates", C("Evaluating"), T0, [
    ("event", {"type": "agreement_recorded"}, {"state": "Committed"}),
    ("event", {"type": "inbound_message", "channel": "sms", "text": "We're not interested anymore"}, {"state": "Committed", "escalated": True})])
rel("override-state", "a human can set any state", C("Engaged"), T0, [
    ("event", {"type": "state_override", "state": "Active", "reason": "existing service customer"}, {"state": "Active"}),
    ("event", {"type": "state_override", "state": "At Risk", "reason": "owner is worried"}, {"state": "At Risk"})])
rel("override-unknown-state", "an override to an unknown state changes nothing and escalates", C("Engaged"), T0, [
    ("event", {"type": "state_override", "state": "Happy", "reason": "typo"}, {"state": "Engaged", "escalated": True})])
rel("unaware-initial-outreach", "a new lead gets an initial outreach in contact hours", C("Unaware"), T0, [
    ("event", {"type": "lead_created"}, {"state": "Unaware", "actions": [{"kind": "follow_up", "origin": "care_autonomous", "gate": "allowed"}], "delivered": 1})])
rel("committed-confirmation", "a commitment gets one confirmation message", C("Evaluating"), T0, [
    ("event", {"type": "agreement_recorded"}, None),
    ("advance", "2026-03-10T15:00:00Z", {"actions": [{"kind": "send_message", "gate": "allowed"}], "delivered": 1}),
    ("advance", "2026-04-10T15:00:00Z", {"delivered": 0})])
rel("frequency-cap", "never more than the weekly cap of autonomous messages", C("Engaged"), T0, [
    ("advance", "2026-03-09T15:00:00Z", {"state_in": ["Engaged", "At Risk"]})])
rel("channel-switch-to-email", "re-engagement switches to email when there is one", C("Engaged", email="dana@example.com"), T0, [
    ("advance", "2026-03-20T15:00:00Z", {"state": "At Risk", "actions": [{"kind": "switch_channel", "gate": "allowed"}]})])
rel("reactivated-objection-escalates", "an objection after reactivation escalates", C("Dormant"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Hi again"}, {"state": "Reactivated"}),
    ("event", {"type": "inbound_message", "channel": "sms", "text": "But I'm worried about the cost, it seems too expensive"}, {"escalated": True})])
rel("evaluating-follow-up-no-pressure", "an evaluating follow-up is allowed and carries no pressure", C("Evaluating"), T0, [
    ("advance", "2026-03-06T15:00:00Z", {"actions": [{"kind": "follow_up", "origin": "care_autonomous", "gate": "allowed"}], "delivered": 1})])

# ---- more entries, triggers, gates and switches (session 2)
rel("entry-unaware-lead-created", "lead_created puts a new customer in Unaware with an initial outreach", C("Unaware"), T0, [
    ("event", {"type": "lead_created"}, {"state": "Unaware", "delivered": 1})])
rel("entry-dormant-from-unaware", "a lead that never answers outreach goes Dormant", C("Unaware"), T0, [
    ("event", {"type": "lead_created"}, {"delivered": 1}),
    ("advance", "2026-06-30T15:00:00Z", {"state": "Dormant"})])
rel("entry-at-risk-from-active", "an active customer silent through check-ins becomes At Risk", C("Active"), T0, [
    ("advance", "2027-01-30T15:00:00Z", {"state_in": ["At Risk", "Dormant"], "actions": [{"kind": "follow_up", "origin": "care_autonomous", "gate": "allowed"}]})])
rel("entry-reactivated-then-engaged", "a reactivated customer who keeps talking is engaged again", C("Dormant"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Hi, is the spring tune-up special still on"}, {"state": "Reactivated"}),
    ("event", {"type": "outbound_message", "channel": "sms", "text": "It is! Want a visit?"}, None),
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Yes please, next week works"}, {"state_in": ["Reactivated", "Engaged"]})])
rel("escalate-exception-committed", "an exception after commitment (a cancellation request) escalates", C("Committed"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Something came up, I need to cancel the install"}, {"escalated": True, "state": "Committed"})])
rel("escalate-human-requested", "asking for a person escalates in any state", C("Aware"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Can I talk to a real person please"}, {"escalated": True, "signals": ["human_requested"]})])
rel("escalate-bot-question", "asking whether it is a bot escalates and is never answered as a human", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Am I talking to a robot?"}, {"signals": ["bot_question"], "escalated": True})])
rel("gate-evaluating-no-pressure", "pressure language toward an evaluating customer is escalated, not sent", C("Evaluating"), T0, [
    ("event", {"type": "user_directed", "action": "send_message", "text": "Act now, this offer expires today!"}, {"escalated": True, "delivered": 0, "actions": [{"origin": "user_directed", "gate": "escalated"}]})])
rel("gate-price-in-text", "a price quoted in a user-directed message is escalated for a human", C("Engaged"), T0, [
    ("event", {"type": "user_directed", "action": "send_message", "text": "The new unit is $4,500 installed"}, {"escalated": True, "delivered": 0})])
rel("gate-commitment-in-text", "a binding commitment in a message is escalated", C("Engaged"), T0, [
    ("event", {"type": "user_directed", "action": "send_message", "text": "We guarantee the install will be done by Friday"}, {"escalated": True, "delivered": 0})])
rel("user-directed-prohibited-under-kill-switch", "a prohibited user request under the kill switch is escalated, not blocked", C("Evaluating"), T0, [
    ("event", {"type": "kill_switch", "enabled": True}, None),
    ("event", {"type": "user_directed", "action": "offer_discount", "text": "10% off"}, {"escalated": True, "delivered": 0, "actions": [{"kind": "offer_discount", "origin": "user_directed", "gate": "escalated"}]})])
rel("user-directed-all-switches", "a user-directed message goes out with kill switch, shadow mode and hands-off off all at once", C("Engaged"), T0, [
    ("event", {"type": "kill_switch", "enabled": True}, None),
    ("event", {"type": "shadow_mode", "enabled": True}, None),
    ("event", {"type": "hands_off", "enabled": False}, None),
    ("event", {"type": "user_directed", "action": "send_message", "text": "Hi Dana, the technician is on his way."}, {"delivered": 1, "actions": [{"kind": "send_message", "origin": "user_directed", "gate": "allowed"}]})])
rel("user-directed-at-night", "quiet hours hold autonomous contact, not a user's own message", C("Engaged"), "2026-03-03T06:00:00Z", [
    ("event", {"type": "user_directed", "action": "send_message", "text": "Sorry for the late text, your part shipped."}, {"delivered": 1})])
rel("autonomous-kill-and-shadow", "with kill switch and shadow mode both on, autonomous work is blocked", C("Engaged"), T0, [
    ("event", {"type": "shadow_mode", "enabled": True}, None),
    ("event", {"type": "kill_switch", "enabled": True}, None),
    ("advance", "2026-03-10T15:00:00Z", {"delivered": 0, "actions": [{"origin": "care_autonomous", "gate": "blocked"}]})])
rel("hands-off-resume", "turning hands-off back on resumes follow-ups", C("Engaged"), T0, [
    ("event", {"type": "hands_off", "enabled": False, "reason": "owner call"}, None),
    ("advance", "2026-03-08T15:00:00Z", {"delivered": 0}),
    ("event", {"type": "hands_off", "enabled": True, "reason": "back to normal"}, None),
    ("advance", "2026-03-20T15:00:00Z", {"delivered_at_least": 1})])
rel("shadow-off-resumes", "turning shadow mode off delivers again", C("Engaged"), T0, [
    ("event", {"type": "shadow_mode", "enabled": True}, None),
    ("advance", "2026-03-06T15:00:00Z", {"delivered": 0}),
    ("event", {"type": "shadow_mode", "enabled": False}, None),
    ("advance", "2026-03-20T15:00:00Z", {"delivered_at_least": 1})])
for word in ["STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "stop"]:
    rel(f"opt-out-keyword-{word.lower()}", f"{word} opts out for good", C("Engaged"), T0, [
        ("event", {"type": "inbound_message", "channel": "sms", "text": word}, {"signals": ["opt_out"]}),
        ("advance", "2026-09-01T15:00:00Z", {"delivered": 0})])
rel("opt-out-then-reply-not-resumed", "writing again after STOP does not resume autonomous messages", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "STOP"}, None),
    ("event", {"type": "inbound_message", "channel": "sms", "text": "Actually when is my appointment?"}, None),
    ("advance", "2026-09-01T15:00:00Z", {"delivered": 0})])
rel("opt-out-email-plain-language", "an emailed plain-language opt-out is honoured", C("Evaluating", email="dana@example.com"), T0, [
    ("event", {"type": "inbound_message", "channel": "email", "text": "Please remove me from your list"}, {"signals": ["opt_out"]}),
    ("advance", "2026-09-01T15:00:00Z", {"delivered": 0})])
rel("quiet-hours-honolulu", "Honolulu has no DST: 08:00 HST is 18:00Z all year", C("Engaged", timezone="Pacific/Honolulu"), "2026-03-02T10:00:00Z", [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "ok"}, None),
    ("advance", "2026-03-04T17:59:00Z", {"delivered": 0}),
    ("advance", "2026-03-04T18:01:00Z", {"delivered": 1})])
rel("quiet-hours-london-dst", "quiet hours follow the UK clock change (08:00 BST is 07:00Z)", C("Engaged", timezone="Europe/London"), "2026-03-27T23:30:00Z", [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "ok"}, None),
    ("advance", "2026-03-30T06:59:00Z", {"delivered": 0}),
    ("advance", "2026-03-30T07:01:00Z", {"delivered": 1})])
rel("quiet-hours-evening-cutoff", "nothing autonomous after 21:00 local; it waits for the morning", C("Engaged", timezone="America/New_York"), "2026-03-02T02:30:00Z", [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "thanks"}, None),
    ("advance", "2026-03-04T12:59:00Z", {"delivered": 0}),
    ("advance", "2026-03-04T13:01:00Z", {"delivered": 1})])
rel("sor-proposal-over-inferred-loss", "a proposal from the system of record revives an inferred loss", C("Engaged"), T0, [
    ("event", {"type": "inbound_message", "channel": "sms", "text": "not interested"}, {"state": "Lost"}),
    ("event", {"type": "proposal_delivered", "summary": "revised quote"}, {"state": "Evaluating"})])
rel("sor-service-started-from-at-risk", "service started wins over an inferred At Risk", C("Committed"), T0, [
    ("event", {"type": "state_override", "state": "At Risk", "reason": "worried"}, {"state": "At Risk"}),
    ("event", {"type": "service_started"}, {"state": "Active"})])
rel("sor-active-rejection-text-escalates", "a rejection text while Active (per the record) escalates instead of moving", C("Committed"), T0, [
    ("event", {"type": "service_started"}, {"state": "Active"}),
    ("event", {"type": "inbound_message", "channel": "sms", "text": "We're done with you, not interested anymore"}, {"state": "Active", "escalated": True})])
rel("override-lost-never-chased", "a human setting Lost stops autonomous contact", C("Engaged"), T0, [
    ("event", {"type": "state_override", "state": "Lost", "reason": "moved away"}, {"state": "Lost"}),
    ("advance", "2026-06-01T15:00:00Z", {"delivered": 0})])
rel("override-dormant-low-frequency", "a human setting Dormant gets low-frequency contact only", C("Engaged"), T0, [
    ("event", {"type": "state_override", "state": "Dormant", "reason": "seasonal customer"}, {"state": "Dormant"}),
    ("advance", "2026-04-01T15:00:00Z", {"delivered": 0})])
print("cases written")
