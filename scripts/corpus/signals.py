#!/usr/bin/env python3
"""Writes corpus/signals/messages.jsonl: customer messages labeled with the signals they carry.

Every message is written by hand as a *family* of phrasings that carry the same labels; a
phrasing is rendered for a business (its placeholders filled) and a channel (chat as written,
SMS shorthand, or a speech-to-text transcript: lower case, no punctuation, fillers, amounts in
words). The split is fixed by a hash of the family's key, so a held-out family's wording was
never seen while tuning, only its meaning.

A phrasing that is a question ends with "?" as written; its `question` label comes from that
(the transcript loses the mark, not the label).

Run: python3 scripts/corpus/signals.py   (deterministic: same output every run)
"""

import hashlib
import json
import random
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "corpus" / "signals" / "messages.jsonl"

CODES = {
    "O": "objection",
    "P": "pricing_question",
    "C": "contract_question",
    "N": "negative_sentiment",
    "L": "compliance_sensitive",
    "R": "explicit_rejection",
    "X": "opt_out",
    "H": "human_requested",
    "B": "bot_question",
    "F": "confusion",
    "E": "exception",
    "S": "service_concern",
    "Y": "help",
}

FILL = {
    "home": {
        "thing": ["AC", "furnace", "heat pump", "water heater", "thermostat", "boiler", "garbage disposal",
                  "sump pump", "breaker panel", "ceiling fan", "toilet", "kitchen sink", "sewer line", "mini split"],
        "visit": ["tune-up", "service call", "install", "inspection", "repair visit", "maintenance visit"],
        "pro": ["technician", "tech", "plumber", "electrician", "installer", "crew"],
        "plan": ["maintenance plan", "service agreement", "membership", "comfort club plan"],
    },
    "dental": {
        "thing": ["crown", "filling", "implant", "bridge", "retainer", "night guard", "tooth"],
        "visit": ["cleaning", "checkup", "root canal", "whitening appointment", "consult", "extraction"],
        "pro": ["hygienist", "dentist", "Dr. Patel", "assistant", "front desk"],
        "plan": ["membership plan", "payment plan", "treatment plan", "dental plan"],
    },
    "medical": {
        "thing": ["lab results", "referral", "prescription refill", "knee", "back", "test results"],
        "visit": ["physical", "follow-up visit", "annual exam", "blood work appointment", "consult"],
        "pro": ["doctor", "nurse", "Dr. Nguyen", "PA", "front desk"],
        "plan": ["payment plan", "care plan", "wellness plan"],
    },
    "ins": {
        "thing": ["auto policy", "homeowners policy", "renters policy", "umbrella policy", "life policy",
                  "business policy", "condo policy", "boat policy"],
        "visit": ["policy review", "renewal call", "quote appointment", "coverage review"],
        "pro": ["agent", "producer", "account manager", "CSR"],
        "plan": ["policy", "coverage", "auto policy", "home policy"],
    },
}
COMMON = {
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "the 14th", "next week"],
    "time": ["9", "10:30", "noon", "2", "3:15", "4", "8am", "1pm"],
    "name": ["Dana", "Luis", "Priya", "Mike", "Tasha", "Greg", "Mei", "Omar", "Karen", "Jo"],
    "carrier": ["Progressive", "State Farm", "Travelers", "Safeco", "Allstate", "Geico", "Liberty Mutual"],
    "rel": ["wife", "husband", "son", "daughter", "mom", "dad", "partner", "roommate"],
    "amount": ["$130", "$89", "$2,400", "$45", "$300", "$1,150", "$79.99", "$600"],
    "co": ["you guys", "your company", "your office", "your team"],
}
BIZ = {"home": ["home"], "dental": ["dental"], "medical": ["medical"], "ins": ["ins"],
       "care": ["dental", "medical"], "any": ["home", "dental", "ins", "medical", "home", "ins"],
       "svc": ["home", "dental", "medical"]}

FAMILIES = []


def F(codes, biz, *phrasings, n=2, note=None, state=None, train=False):
    """A family: phrasings sharing `codes` (letters of CODES), for businesses `biz`. A `train`
    family (the second round, see below) is training material only."""
    labels = sorted(CODES[c] for c in codes)
    # Neutral and thinly covered families are rendered once more, in another channel.
    if n == 2 and (not codes or set(codes) & set("BFEHRY")):
        n = 3
    FAMILIES.append(dict(labels=labels, biz=BIZ[biz], phrasings=list(phrasings), n=n, note=note, state=state,
                         train=train))


# ---------------------------------------------------------------- pricing questions
F("P", "home", "Is there a charge to come out and look at it?", "Do you charge for the diagnostic?",
  "Is there a trip fee if the {pro} just looks at the {thing}?", "whats the service call fee?")
F("P", "any", "Do you offer financing?", "Can I pay this off monthly?", "Do you have payment plans?",
  "Is there a way to split the payment up?")
F("P", "any", "Is it pricey?", "Is it costly?", "Is that expensive?", "Would that be a lot of money?")
F("P", "home", "How much to replace a {thing}?", "what would a new {thing} run me?",
  "Ballpark, what does a {visit} cost?", "Roughly what do you get for a {visit}?")
F("P", "home", "Can you give me a quote for a new {thing}?", "I'd like an estimate on replacing the {thing}",
  "Could someone price out a {thing} replacement for me?", "I need a quote for the {thing} please")
F("P", "dental", "How much is a {visit} without insurance?", "What do you charge for a {visit}?",
  "What's the out of pocket for a {thing}?", "Do you take Delta Dental and what would I owe?")
F("P", "medical", "What's the self-pay rate for a {visit}?", "How much is a {visit} if I'm uninsured?",
  "Will I get a bill for the {visit}?")
F("PC", "care", "Is the {visit} covered or do I pay for it?", "Would I owe anything for the {visit} after insurance?")
F("P", "ins", "How much would it be to add a teenage driver?", "What's my premium going to be at renewal?",
  "Why did my premium go up?", "Can you tell me what an auto policy would cost for a 2019 Camry?")
F("P", "ins", "Can you get me a quote on a {thing}?", "I'd like a quote for renters insurance",
  "Could you shop my {thing} and see what the rate is?", "Need a quote on bundling home and auto")
F("P", "any", "Are there any specials running right now?", "Do you have any coupons?",
  "Is there a discount for seniors?", "Do you do military discounts?")
F("P", "any", "What are your rates?", "What's your hourly rate?", "Do you charge by the hour or by the job?",
  "Is it a flat fee or hourly?")
F("P", "svc", "Is the estimate free?", "Do you charge for estimates?", "Are consultations free?",
  "Is there a cost for the first visit?")
F("P", "any", "What would I be paying per month?", "How much is it a month?", "What's the monthly cost on that?",
  "How much per year?")
F("P", "ins", "What does it cost to raise my liability limits?", "How much more to add roadside assistance?",
  "Would a higher deductible lower my payment?", "How much would I save if I bundle?")
F("PF", "any", "Wait, why is my bill {amount}?", "I don't understand the charge on my statement, what is it for?",
  "Why was I charged twice this month?", "The invoice says {amount}, is that right?")
F("P", "home", "Can you do it for less?", "Any wiggle room on the price?", "Can you match a lower price?",
  "Is that your best price?")
F("PO", "any", "That seems like a lot, can you do better on the price?", "Is there any way to bring the cost down? it's more than I expected",
  "That's steep. Any cheaper option?", "{amount} seems high for that, why so much?")
F("", "any", "Do you take credit cards?", "Can I pay with a card over the phone?", "Do you accept Venmo?",
  "What forms of payment do you take?")

# ---------------------------------------------------------------- contract questions
F("C", "home", "What does the warranty cover exactly?", "Is the {thing} under warranty still?",
  "How long is the warranty on labor?", "Does the warranty cover parts and labor?")
F("C", "home", "What's included in the {plan}?", "Can I cancel the {plan} anytime?",
  "Does the {plan} auto-renew?", "How long is the {plan} commitment?")
F("C", "ins", "Am I covered if a tree falls on my roof?", "Does my {thing} cover water damage from a burst pipe?",
  "Would my policy cover a rental car while mine's in the shop?", "Is flood covered under my homeowners?")
F("C", "ins", "What's my deductible?", "How high is my deductible on collision?",
  "Do I have a separate deductible for hail?", "what is my comprehensive deductible")
F("C", "ins", "What are my liability limits?", "Do I have uninsured motorist coverage?",
  "Does my policy include replacement cost or actual cash value?", "Am I covered if my friend drives my car?")
F("C", "ins", "When does my {thing} renew?", "What's the grace period if I pay late?",
  "Is there a penalty for cancelling mid-term?", "What happens to my coverage if I miss a payment?")
F("C", "any", "Can you send me the terms and conditions?", "I want to read the fine print before I agree",
  "Is there a cancellation fee?", "What are the terms if I back out?")
F("C", "any", "Do I have to sign a contract?", "Is this a long term contract?", "Am I locked in for a year?",
  "Is there an early termination fee?")
F("C", "care", "Does my insurance cover the {visit}?", "Is a {thing} covered under my plan?",
  "Will my insurance pay for the {visit}?", "Do you know if my benefits cover this?")
F("C", "svc", "What's your cancellation policy?", "Is there a no-show fee?", "What's the refund policy?",
  "If I cancel the day before am I charged?")
F("C", "ins", "Does the umbrella sit on top of both home and auto?", "Is my jewelry covered under the {thing}?",
  "Does my renters cover my laptop if it's stolen from my car?", "Is my dog covered for liability?")

# ---------------------------------------------------------------- objections
F("O", "any", "We already have a guy who does this", "We already use someone for that",
  "We've got a company we've used for years", "My brother in law does this kind of work for us")
F("O", "any", "Now isn't a good time for us", "The timing just isn't right", "Maybe later in the year, not now",
  "It's not a good time right now")
F("O", "any", "My {rel} doesn't think we need it", "I need to talk it over with my {rel} first",
  "My {rel} wants to wait on this", "I have to check with my {rel} before committing")
F("O", "ins", "I got a better quote from another carrier", "{carrier} quoted me less for the same coverage",
  "My current carrier is cheaper", "I found a lower premium online")
F("O", "any", "That's more than I wanted to spend", "It's out of our budget right now",
  "We can't afford that at the moment", "That's too expensive for us")
F("O", "any", "I'm not sure it's worth it", "I don't really see the value", "I'm not convinced we need this",
  "Seems like overkill for what we need")
F("O", "any", "I need to think about it", "Let me sleep on it", "I want to shop around first",
  "I'm going to get a couple other quotes")
F("O", "home", "I don't think the {thing} needs replacing, it just needs a repair",
  "The last company said it could be fixed, not replaced", "I'd rather just patch it for now",
  "I don't want to replace the whole system")
F("O", "any", "I've read bad reviews about {co}", "I'm worried about the quality",
  "I'm hesitant after what happened last time", "I have some concerns about how this works")
F("O", "care", "I'm nervous about the {visit}, do I really need it?", "Is the {visit} actually necessary?",
  "My last dentist never said I needed a {thing}", "I'd like a second opinion before the {visit}")
F("O", "ins", "I don't think I need that much coverage", "Why would I need an umbrella policy?",
  "Full coverage seems unnecessary on an old car", "I'm fine with state minimum")
F("O", "any", "Why should I go with {co} over anyone else?", "What makes you better than the other guys?",
  "Why would I switch?", "What do you do that my current provider doesn't?")
F("O", "any", "I'm on the fence about it", "Still undecided honestly", "Not ready to commit yet",
  "I'm leaning towards holding off")

# ---------------------------------------------------------------- negative sentiment
F("NS", "home", "Your {pro} was rude to my {rel}", "The {pro} who came out was really disrespectful",
  "Your guy tracked mud all over my carpet and didn't care", "The {pro} was condescending and rushed")
F("N", "any", "You people are useless", "This is the worst company I've ever dealt with",
  "Absolutely terrible experience", "I'm so done with you guys")
F("N", "any", "I'm really frustrated with how this has gone", "This is so frustrating",
  "I am furious right now", "I'm very disappointed")
F("NS", "home", "It's been three weeks and the {thing} still isn't fixed, this is ridiculous",
  "Nobody showed up today and nobody called, unacceptable", "I took a day off work for nothing, no one came",
  "Third time I've called about the same {thing}. Fed up")
F("N", "any", "Oh great, another robocall from {co}. Love that for me", "Wow, thanks for nothing",
  "Fantastic, you lost my paperwork again", "Sure, because waiting on hold for an hour is so much fun",
  note="sarcasm")
F("NS", "care", "I waited an hour past my appointment time and nobody apologized",
  "The {pro} hurt me during the {visit} and didn't even stop", "Your office has been nothing but a headache",
  "I'm upset about how I was treated at my {visit}")
F("NS", "ins", "I've been waiting weeks for someone to call me back about my claim, this is awful",
  "Your service has been horrible since I switched", "I'm beyond annoyed with how my {thing} was handled",
  "Nobody at your agency ever answers, it's pathetic")
F("N", "any", "Stop wasting my time", "What a joke", "This is a scam", "Don't bother, you people never listen")
F("N", "any", "I feel like nobody there cares", "I'm disappointed in how you handled this",
  "Honestly I'm pretty upset", "I'm angry about this whole situation")
F("NP", "any", "You overcharged me and I'm not happy about it", "That bill is outrageous, what is this for?",
  "I can't believe you charged me {amount} for that", "Ripped off. How is that {amount}?")

# ---------------------------------------------------------------- compliance-sensitive
F("L", "any", "I want you to delete all my personal data", "Please erase my information from your system",
  "What personal data do you have on me?", "I want a copy of all the data you keep on me")
F("LX", "any", "You're violating the do not call list", "I'm on the do not call registry, why are you calling?",
  "This is a TCPA violation", "I never consented to these texts")
F("L", "any", "I'm talking to my lawyer about this", "My attorney will be in touch", "I'm going to sue",
  "I'll be filing a complaint with the attorney general")
F("L", "ins", "Can you bind the policy today?", "Can you bind coverage on my new car right now?",
  "I need the policy bound before closing on Friday", "Please bind it, I'm ready to go")
F("L", "ins", "Can you add my {rel} to the auto policy?", "I need to add a vehicle to my {thing}",
  "Please remove my {rel} from the policy", "Can you change the address on my {thing}?")
F("L", "ins", "I need to file a claim, a tree fell on my car", "How do I start a claim for hail damage?",
  "I was in an accident this morning and need to report it", "Someone broke into my car, I need to open a claim")
F("L", "ins", "Can you raise my liability limits to 250/500?", "Please increase my coverage on the dwelling",
  "Drop collision on the old truck please", "Switch my deductible to 1000")
F("L", "ins", "Can you send proof of insurance to my lender?", "I need an SR-22 filed",
  "Can you issue a certificate of insurance for a job site?", "My mortgage company needs the declarations page")
F("L", "care", "Can you send my x-rays to my new dentist?", "I need my records transferred to another office",
  "Can you fax my chart to my specialist?", "Please send my medical records to Dr. Lee")
F("L", "care", "What was my diagnosis from last week?", "Can you tell me my test results over text?",
  "Can you call in a prescription for me?", "Is my biopsy back?")
F("L", "any", "Here's my credit card number 4111 1111 1111 1111", "My social is 123-45-6789",
  "Can I just text you my card number?", "Do you need my SSN for this?")
F("L", "home", "I smell gas in the basement", "The carbon monoxide alarm is going off",
  "There are sparks coming from the breaker panel", "I think there's a gas leak by the water heater")
F("L", "any", "Are you recording this call?", "I did not agree to be recorded", "Is this conversation being recorded?",
  "I don't consent to recording")
F("L", "any", "I'm filing a complaint with the BBB", "I'm reporting you to the state licensing board",
  "I'm contacting consumer protection about this", "I'll report this to the insurance commissioner")

# ---------------------------------------------------------------- explicit rejection
F("R", "any", "Please cancel, we're not moving forward", "We're not going to move forward with this",
  "We've decided not to go ahead", "We're going to pass on this")
F("R", "any", "We won't be needing your services anymore", "We no longer need your services",
  "We don't need you anymore, thanks", "You can close out our account")
F("R", "any", "We went with another company", "We decided to go with someone else", "We hired a different company",
  "Already signed with a competitor")
F("R", "any", "Not interested", "I'm not interested, thanks", "No longer interested", "Not interested anymore")
F("RL", "ins", "I want to cancel my {thing}", "Please cancel my policy effective today", "Cancel my auto policy, I sold the car",
  "I'm cancelling my homeowners, I moved my coverage to {carrier}")
F("R", "ins", "I'm switching to {carrier}", "We moved our insurance to another agency",
  "I'm taking my business elsewhere", "I already switched carriers")
F("R", "svc", "Please cancel my {plan}", "Cancel my membership please", "I want out of the {plan}",
  "Go ahead and cancel the {plan}, I don't want it")
F("R", "any", "We're done, don't bother following up", "I've made my decision, it's a no", "The answer is no. We're not doing it",
  "We're not doing business with you")
F("R", "care", "I'm transferring to a different practice", "We found a new dentist closer to home",
  "Please close my file, I'm going elsewhere", "I've switched providers")

# ---------------------------------------------------------------- opt-out
F("X", "any", "STOP", "Stop", "stop", "STOP!", "Stop.", n=1)
F("X", "any", "UNSUBSCRIBE", "Unsubscribe", "unsubscribe please", "STOPALL", "END", "QUIT", "CANCEL", n=1)
F("X", "any", "Stop texting me", "Please stop texting me", "Stop sending me these messages",
  "please stop contacting me")
F("X", "any", "Take me off your list", "Remove me from your list", "Remove my number", "Take this number off your list")
F("X", "any", "Don't text me again", "Do not call me anymore", "Don't contact me", "no more texts please")
F("X", "any", "Lose my number", "Leave me alone", "Quit calling me", "Stop calling this number")
F("XN", "any", "Stop texting me, this is harassment", "For the last time stop messaging me",
  "I've asked three times, STOP contacting me", "Enough with the texts. Stop")
F("X", "any", "Opt me out", "opt out", "I want to opt out of texts", "Unsubscribe me from everything")
F("X", "any", "wrong number, stop texting", "I'm not {name}, please stop messaging this number",
  "You have the wrong person, take me off", "This isn't {name}. Please remove this number")

# ---------------------------------------------------------------- human requested
F("H", "any", "Can you have someone from the office call me?", "Have somebody call me back please",
  "I'd like a call back from a person", "Can a real person give me a ring?")
F("H", "any", "I want to talk to a human", "Let me speak to a real person", "Can I talk to someone please?",
  "I need to speak with a person")
F("H", "any", "Get me a manager", "I want to speak to your supervisor", "Can I talk to the owner?",
  "Put your manager on")
F("H", "ins", "Can I talk to my agent?", "I want to speak with {name}, my agent", "Have my account manager call me",
  "Transfer me to an agent please")
F("H", "any", "Representative", "agent", "operator please", "Human please", n=2)
F("H", "any", "Transfer me please", "Connect me with someone in the office", "Put me through to the front desk",
  "Is there anyone there I can actually talk to?")
F("H", "care", "Can the {pro} call me?", "I'd like to talk to the {pro} directly", "Can someone from the office call me back?",
  "Please have the office manager reach out")
F("H", "home", "Can the owner call me?", "I'd rather discuss this with a person on the phone",
  "Have the {pro} call me when he's free", "Can dispatch give me a call?")

# ---------------------------------------------------------------- bot questions
F("B", "any", "Are you a bot?", "Is this a robot?", "Am I talking to a real person?", "Are you a real person?")
F("B", "any", "Is this automated?", "Is this an automated message?", "Is this AI?", "Are you AI or human?")
F("B", "any", "r u a bot", "is this a computer", "am i texting a machine?", "Is this ChatGPT?")
F("B", "any", "Who am I talking to, a person or a computer?", "Is there a human reading these?",
  "Is this message from a real person?", "Wait are you a real human?")
F("BH", "any", "Are you a robot? I want to speak to a human", "Is this a bot? Get me a real person",
  "If you're a bot please transfer me to a person", "Are you automated? I need a human")

# ---------------------------------------------------------------- confusion
F("F", "any", "I thought the appointment was at {time}?", "I'm confused, I thought you said {day}",
  "Wait, I thought we were booked for {day}?", "That's not what I was told on the phone")
F("F", "any", "I'm confused about what I'm supposed to do next", "I don't understand what this text means",
  "What do you mean?", "I don't get it, what is this for?")
F("F", "any", "I never got the confirmation", "I didn't receive the paperwork you mentioned",
  "I haven't gotten the email with the documents", "Where's the confirmation you said you'd send?")
F("F", "svc", "The reminder says {day} but my calendar says {time} on a different day, which is it?",
  "Which address am I supposed to go to?", "Is it the office on Main or the new one?",
  "Do I need to bring anything? nobody told me")
F("F", "ins", "I'm confused about which policy this bill is for", "I thought my policy already included that?",
  "Wait, I thought I had full coverage?", "I don't understand why I got a cancellation notice")
F("F", "any", "Huh? I didn't sign up for anything", "I don't know what you're talking about",
  "I have no idea what this is about", "Sorry, what is this regarding?")

# ---------------------------------------------------------------- exceptions (changes to what was agreed)
F("E", "any", "Something came up, I need to push the {visit} back", "Can we postpone to next week?",
  "I need to move the {visit} to {day}", "Can we delay the start by a few days?")
F("E", "any", "I can't make it {day}", "I won't be home for the {visit}", "Need to cancel my appointment",
  "I have to cancel {day}'s {visit}")
F("E", "any", "Can I reschedule?", "I need to reschedule", "Can we pick a different day?", "I'd like to change the time")
F("E", "home", "The {pro} didn't show up for the {visit}", "Our {visit} was today and nobody came",
  "It's {time} and no one is here yet", "We missed the {visit}, we weren't home")
F("E", "ins", "I need to push the start date of the new policy", "The closing got moved, can the effective date change?",
  "We're delaying the purchase of the car, hold off on the policy", "Can the renewal wait until I get back?")
F("EF", "any", "I got a message that my {visit} was cancelled but I didn't cancel it?",
  "Why was my {visit} moved without asking me?", "Someone changed my appointment and I don't know why",
  "The confirmation shows the wrong date?")

# ---------------------------------------------------------------- service concerns
F("S", "home", "The AC is making a grinding noise again since your visit last week", "The {thing} is leaking again",
  "It's blowing warm air again after the repair", "The {thing} you installed keeps tripping the breaker",
  state="Active")
F("S", "home", "The {thing} stopped working", "My {thing} is broken", "There's water all over the floor from the {thing}",
  "The {thing} won't turn on")
F("S", "home", "The new thermostat keeps resetting", "There's a weird burning smell from the vents",
  "The drain is backing up again", "The {thing} is making a clicking sound")
F("S", "care", "My {thing} fell out", "The {thing} you put in is bothering me", "My gums still hurt after the {visit}",
  "I've had pain since the {visit}", state="Active")
F("S", "medical", "I'm still having side effects from the new medication", "The pain hasn't gotten better since my visit",
  "My {thing} still hurts", "The swelling is worse", state="Active")
F("S", "ins", "My claim has been open for a month with no update", "The adjuster never showed up",
  "My ID cards have the wrong vehicle on them", "My auto-pay didn't go through and now there's a late notice",
  state="Active")
F("S", "home", "The {pro} left without finishing the job", "The work wasn't done right", "There's a crack in the drywall they patched",
  "The {thing} still isn't right after two visits", state="Active")
F("S", "home", "hot water only lasts five minutes", "no heat upstairs", "Toilet keeps running",
  "The outlet in the kitchen is dead")

# ---------------------------------------------------------------- help keyword
F("Y", "any", "HELP", "Help", "help", "HELP!", "help?", "Help.", "INFO", "Info", "info", "INFO?",
  "help please", "HELP PLEASE", "Info please", "info pls", "HELP pls", n=1)
F("Y", "any", "  help  ", "HeLp", "Help!!", "INFO.", "info?", "Help please!", "info please?", "HELP.",
  "help pls", "Info!", n=1)
F("Y", "any", "HELP ", " Info", "help!!", "INFO!!", "Help?", "HELP?", "info.", "Info.", "help.", "INFO pls",
  "Help pls", "help me", "HELP ME", "Help me", "info!", n=1)
F("Y", "any", "HELP!!!", "help!?", "Help!?", "INFO please", "Info please!", "INFO PLEASE", "help please?",
  "Help please.", "info please.", "HELP please!", "Info pls", "Help Please", "INFO!", "Info?", n=1)
F("Y", "any", "help…", "HELP…", "Info…", "help :)", "HELP ??", "info ??", "help, please", "Help, please",
  "INFO, please", "help pls!", "HELP ME!", "help me!", "Help me.", "help me please", "Help me please", n=1)
F("Y", "any", "help 🙏", "HELP 🙏", "info 🙂", "Help?!", "INFO?!", "help!!!!", "Help!!!!", "info!!!!", "HELP...", "help...",
  "Info...", "INFO...", "help please!!", "HELP please", "help PLEASE", "Help PLEASE", "info PLEASE", "INFO Please", "Info Please",
  "HELP Please", n=1)
F("Y", "any", "help plz", "HELP PLZ", "info plz", "Info plz", "Help plz", "INFO PLZ", "help please 🙏", "INFO please?", n=1)
F("Y", "any", "\"HELP\"", "(help)", "-help-", "HELP!!!!", "INFO!!!", "helP", "hElP", "HElp", "iNFO", "InFo",
  "Help!!!", "info!!", n=1)

# ---------------------------------------------------------------- hard neutrals
F("", "any", "No, not necessary, thanks", "No thanks, I'm all set", "Nope, that's all", "No, I think we're good")
F("", "any", "No", "no", "No.", "Nah", "nope", n=1)
F("", "any", "Not right now, thanks for checking", "No that's fine", "That won't be necessary", "No need, thank you")
F("", "any", "I'm at the Washington Court Hotel this week, can we do next week instead?",
  "My son has a basketball game at the court on Main, so after 5 works",
  "I'll be at the food court in the mall, call me after", "We live on Willow Court")
F("", "any", "Now that I think about it, Thursday works better", "Actually, thinking about it, mornings are easier",
  "Come to think of it, my {rel} can let you in", "On second thought, the side door is easier")
F("", "any", "We watched a horror movie last night and the power flickered once, no big deal",
  "My kid is blasting the album Sick Boy upstairs, sorry if it's loud", "I was home sick yesterday so today works",
  "Sorry, I was out sick, just seeing this")
F("", "any", "That game last night was killer", "My feet are killing me, I'll be sitting on the porch",
  "The kids are killing time in the yard, the gate is open", "I could kill for a nap lol")
F("", "any", "We had a fire in the fireplace last night, is that ok before the {visit}?",
  "The fire pit is in the backyard, watch for it", "Our fire alarm test is at 10, ignore the beeping",
  "Fire away with your questions")
F("", "any", "I paid {amount} last time and it was fine", "I already paid the {amount} online",
  "The {amount} payment went through this morning", "I sent the {amount} check yesterday")
F("", "any", "Charge my phone real quick and I'll call back", "My phone is about to die, no charge left",
  "Who's in charge of the schedule that day, just curious?", "The car's charging in the garage so park on the street")
F("", "any", "The concert got cancelled so I'm free {day}", "My flight got cancelled, so I'm home all week",
  "Practice was cancelled, I can do earlier", "School got cancelled for snow, anytime works")
F("", "any", "Sounds good, see you {day}", "Perfect, thanks!", "Great, {time} works", "Ok see you then")
F("", "any", "Thanks so much!", "You guys are great", "Appreciate it", "Thank you, that was quick")
F("", "any", "Yes please", "Yep", "Sure", "That works", "Yes, go ahead")
F("", "any", "{day} at {time} works for me", "Can we do {day} at {time}?", "Is {day} morning open?",
  "Any chance you have something {day}?")
F("", "any", "The gate code is 4521", "Park in the driveway, the dog is friendly", "Use the side door please",
  "Ring the bell twice, it's quiet")
F("", "any", "I'm running 10 minutes late", "On my way", "Be there in 5", "Just pulled in")
F("", "any", "Is {time} in the morning or afternoon?", "What time should I expect you?", "Will you text before you come?",
  "How long will the {visit} take?")
F("", "any", "My email is {name}@gmail.com", "You can reach me at this number", "Best to text me, I'm at work",
  "Call after 5 please")
F("", "any", "What's the address of your office?", "Where do I park?", "Are you open Saturdays?",
  "What are your hours?")
F("", "any", "lol ok", "haha yes", "k", "👍", "ok!")
F("", "any", "I can't wait to get this done", "So glad you could fit us in", "Awesome, you guys are killing it",
  "Honestly this was the easiest appointment I've ever made", note="enthusiasm")
F("", "any", "Oh wonderful, thanks for the reminder!", "Great, thanks for checking in", "Love it, thank you",
  "Nice, that was fast")
F("", "home", "The {thing} is working great now", "Everything's running fine since the {visit}",
  "The house is finally cool, thanks", "No problems at all since you came out")
F("", "home", "Can you also look at the {thing} while you're here?", "Do you service {thing}s too?",
  "Do you work on older units?", "Do you do commercial buildings?")
F("", "care", "Can I bring my {rel} to the {visit}?", "Do you see kids?", "Is there parking at the office?",
  "Do I need to fill out forms before the {visit}?")
F("", "ins", "I just got a new car, a 2022 RAV4, wanted to let you know it's in the garage now",
  "I just bought a house, excited!", "My {rel} turns 16 next year", "We're moving in June")
F("", "ins", "Got my ID cards in the mail, thanks", "Thanks for the renewal reminder", "I'll send over the VIN tonight",
  "Here's a photo of the declarations page you asked for")
F("", "any", "Not a problem", "No worries at all", "No rush", "No problem, whenever works")
F("", "any", "I don't mind waiting", "I don't need anything else today", "I don't have any questions",
  "Nothing else, thanks")
F("", "any", "Sorry for the late reply", "Sorry, missed your call", "Sorry, was driving", "My bad, just saw this")
F("", "any", "The weather is terrible today, drive safe", "Traffic is awful on 95, take the back roads",
  "It's freezing out, bundle up", "Ugh, rainy day again")
F("", "any", "No, {day} doesn't work, but {day} does", "Not {day}, sorry. Any other day is fine",
  "No, mornings are bad. Afternoons are better", "Can't do {time}, can we do later?")
F("", "any", "I'll be there, no need to call", "No need to remind me again, I've got it on my calendar",
  "You don't need to send a tech early, 2 is fine", "No, I don't need a confirmation call")
F("", "any", "Stop by anytime after {time}", "You can stop at the side gate", "We stop for lunch at noon, come after",
  "The bus stop is right out front")
F("", "any", "End of the month works best", "Towards the end of the week please", "At the end of the driveway",
  "Can we do it at the end of the day?")
F("", "any", "I'm not sure what time my {rel} gets home, I'll text you", "Not sure yet, let me check my calendar",
  "I'm not sure which day, I'll get back to you", "Not sure if I'll be home, my {rel} will be")
F("", "any", "The price was fair, thanks", "Great price, thanks again", "Fair enough", "Worth every penny")
F("", "any", "My previous {pro} retired so I'm looking for someone new", "A neighbor recommended you",
  "Saw your truck in the neighborhood", "Found you on Google")
F("", "any", "I'd like to book a {visit}", "Can I schedule a {visit}?", "Need to set up a {visit}",
  "I want to make an appointment")
F("", "any", "Can you send me a reminder the day before?", "Please text me when the {pro} is on the way",
  "Could you email me the confirmation?", "Send the details to my {rel} too please")
F("", "any", "Is the {pro} vaccinated? just curious", "Does the {pro} need a parking pass?",
  "Do you need me to move the car?", "Should I clear the area first?")
F("", "any", "I'm really happy with the service", "Everyone there has been so nice", "Best experience I've had",
  "Really appreciate your team")
F("", "any", "Can't complain", "No complaints here", "Nothing to worry about", "It's no trouble at all")
F("", "any", "What a day lol, finally home", "Crazy week, but I'm free now", "Long day, but all good",
  "Sorry, the kids are going wild here")
F("", "ins", "I'm a claims adjuster myself so I get it", "My {rel} works in insurance too",
  "I watched a video about deductibles, super helpful", "My old agent retired")
F("", "any", "I'll pay when the work is done", "I'll bring my card to the appointment", "I'll have the check ready",
  "Paying online now")
F("", "svc", "Can you fix the {thing} on the same visit?", "Can you also do the {visit} while you're out?",
  "How do I prepare for the {visit}?", "Do I need to be home?")
F("", "any", "We have a new puppy so knock softly", "Baby's napping till 3, please text don't call",
  "Our doorbell is broken, just knock", "The driveway is icy, be careful")
F("", "any", "Cancel that, I meant {day}", "Oops, ignore my last text", "Never mind, found it",
  "Scratch that, {time} is better")
F("", "any", "The last {pro} was lovely", "Tell the {pro} thanks again", "Please thank {name} for us",
  "{name} was great")
F("", "any", "I'm fine with a text instead of a call", "Texting is easier for me", "Email works too",
  "Whatever's easiest for you")
F("", "any", "I don't want to wait too long, is sooner possible?", "The sooner the better",
  "Earliest available please", "First thing in the morning if you can")


# ---------------------------------------------------------------- more positives
F("B", "any", "Hold on, is this a bot texting me?", "Is this an auto reply?", "Are you an actual person or a program?",
  "Am I chatting with AI right now?", "Be honest, are you a computer?", "Is this a real human or automated?")
F("B", "any", "you sound like a robot, are you one?", "Is someone actually typing this?", "Are these messages automated?",
  "is this a recording?", "Are you a virtual assistant?", "Is this a chatbot?")
F("B", "ins", "Is this {name} or an automated system?", "Are you my agent or a bot?", "Is this AI from the agency?",
  "Is a real agent reading this?")
F("C", "ins", "Does my policy cover hail damage?", "Is roadside included on my auto?", "Am I covered for a rental when traveling?",
  "What's the difference between comprehensive and collision on my policy?", "Does my homeowners cover a fence that blew down?",
  "Are my tools covered if they're stolen from the truck?")
F("C", "any", "How long does the guarantee last?", "What's your satisfaction guarantee exactly?", "Is the work guaranteed in writing?",
  "What does the agreement say about cancellations?")
F("F", "any", "Which {visit} is this about? I have two booked", "You said someone would call and nobody did, what's going on?",
  "I'm lost, what am I supposed to sign?", "Was I supposed to pay ahead of time? nobody said", "Sorry I'm confused, is this for me?",
  "I thought the {pro} was coming today, not {day}?")
F("E", "any", "My {rel} is sick so we need to cancel {day}", "Running into a conflict, can we move it?", "Work called me in, can't do {day}",
  "Can we bump the {visit} to later in the day?", "I'm stuck out of town, need to push it", "Can I move my {visit} to next month?")
F("E", "home", "Can you hold off on the install until the permit comes through?", "Please pause the project for now",
  "We need to delay the job until after the holidays", "Hold off on ordering the {thing}")
F("R", "any", "Please don't schedule anything, we decided against it", "We'll pass, thanks anyway",
  "Thanks but we're going a different direction", "We chose another provider", "Please close my account",
  "I don't want your service anymore")
F("H", "any", "I need to speak with someone who can actually help", "Is there a person I can call?", "Can I get a call from a live agent?",
  "Please have someone reach out to me by phone", "I'd like to talk with somebody in person", "Let me talk to {name}")
F("X", "any", "Please remove me from your mailing list", "Stop emailing me", "No more calls please", "Unsubscribe me please",
  "Don't send me any more marketing", "Please stop reaching out")
F("X", "any", "stop messaging", "Stop all texts", "quit texting me", "Stop!!!", "STOP STOP STOP", "stop pls", n=1)

# ---------------------------------------------------------------- more hard neutrals
F("", "any", "No worries, I'll wait for the {pro}", "No, {name} already called me back", "No, I have the address",
  "No, that's everything", "Nope, all good here", "No, I'll be home all day")
F("", "any", "Thanks but I'm good", "I'm good, thanks for asking", "Appreciate the offer but we're set for now", "All set, thank you")
F("", "any", "The judge let us out of jury duty early so I'm free", "I'm in court all morning, text me after lunch",
  "Tennis court is behind the house, park there", "I'm at traffic court, will call back")
F("", "any", "I'm sick of this rain, hope the {pro} has boots", "My {rel} is sick so please knock quietly",
  "That's a sick truck your guy drives", "Sick! thanks")
F("", "any", "The gym class was cancelled so {day} opens up", "Cancel culture aside, can we do {day}?",
  "I canceled my trip, so I'm around", "They cancelled my shift so I'm home")
F("", "any", "I just got a {amount} bill from the electric company, ugh, anyway {day} works",
  "My budget for the month is set, I'll pay at the visit", "Paid {amount} for the part myself", "The receipt says {amount}, for your records")
F("", "any", "It's a horror show in my garage, sorry in advance", "Watching a scary movie, text me", "My teenager's music is killing me",
  "The heat is brutal today")
F("", "svc", "Can I leave the key under the mat?", "Is it okay if my {rel} signs for it?", "Can the {pro} call when he's close?",
  "Do you need the gate code?", "What should I do with the dog?", "Should I turn the {thing} off before you come?")
F("", "ins", "What documents do you need from me for the renewal review?", "Do you need my driver's license number for the quote appointment?",
  "When is a good time to go over my policies?", "Can we do the review over zoom?", "Do you have time next week to chat about my {thing}?",
  "I'm going to be at the Court Street office, is that yours?")
F("", "ins", "I need to take the car in for an oil change, then I'm free", "Just passed my driving test!", "We adopted a dog",
  "My {rel} is home from college for the summer", "I'm renting out the basement now, fyi")
F("", "any", "I'm the homeowner, you can talk to me", "This is {name}'s {rel}, she asked me to reply",
  "I'm texting for my {rel}", "I'm the one who booked")
F("", "any", "I can be there at {time}", "{time} on {day}?", "Morning please", "Afternoons are best", "Any time after lunch",
  "Weekends only for me")
F("", "care", "I'm a new patient", "Do you take new patients?", "I'd like to get my kids in for a {visit}",
  "Can I see the same {pro} as last time?", "I need to update my insurance card on file", "My {rel} also needs a {visit}")
F("", "home", "Do you service my area?", "I'm in the 60614 zip code", "The unit is in the attic", "It's a two story house",
  "The panel is in the garage", "We have a basement")
F("", "any", "Yes that's me", "Correct", "That's right", "Yes, that's the right address", "Yep, same number", "Right")
F("", "any", "I understand, thanks for explaining", "Got it, makes sense", "Okay, that helps", "Understood",
  "Makes sense, thank you")

F("", "any", "The {pro} fixed it in no time, no charge for the advice either, so nice", "We got a free estimate from you last year, still have it",
  "My coupon book came in the mail today", "The quote you sent is on the fridge, will look this weekend")
F("", "any", "I'll be at my {rel}'s until {time}, then home", "Kids get out of school at 3", "I work nights so mornings are rough",
  "My {rel} will be there to let you in")
F("", "any", "Do you guys work on Sundays?", "Is there a waiting room?", "Can I pay when I get there?",
  "Do you text reminders?")
F("", "any", "It was nice talking to {name}", "Have a good weekend!", "Happy holidays to the team", "Take care")

# ---------------------------------------------------------------- speech-to-text openers (neutral)
F("", "any", "Hi, I'm calling about my {visit}", "Hello, this is {name} returning your call",
  "Hey it's {name}, calling back", "Good morning, I got a message from you")


# ---------------------------------------------------------------- second round (training only)
# Written after the first figures, for meanings the first families covered thinly, in more
# registers: objections by frame (an existing provider, timing, a spouse or partner, the budget,
# not needed, doubt, a competitor), service concerns in everyday words, requests for a person
# that name no "representative", questions without question words or marks, and neutral
# messages that use the signals' words innocently. Training material only: the held-out split
# stays the one the floors were set on.


def T(codes, biz, *phrasings, **kw):
    F(codes, biz, *phrasings, train=True, **kw)


# objections: an existing provider
T("O", "home", "We're happy with the company we use now", "We've had the same {pro} for years and he's fine",
  "My neighbor's company already does our maintenance", "We've got a guy, thanks though",
  "I think we'll stick with who we've been using")
T("O", "care", "I'm pretty loyal to my current dentist", "I already see someone across town",
  "We're happy with our family doctor", "I'll probably just keep going where I go now")
T("O", "ins", "I've been with {carrier} for fifteen years, I don't really want to switch",
  "Honestly my current agent takes good care of me", "I'd rather just keep my policy where it is",
  "Switching carriers sounds like a hassle")
# objections: timing
T("O", "any", "This just isn't the right time for us", "Maybe after the holidays", "Can we revisit this in the spring?",
  "We're not in any rush to do this", "Let's circle back in a few months", "Ask me again next year")
T("O", "any", "I'm going to hold off for now", "We'll wait and see how the old one does",
  "I'd like to put this on the back burner", "Not this year, maybe next")
# objections: a spouse or partner
T("O", "any", "I need to run it by my {rel} first", "Let me check with my {rel} before I say yes",
  "My {rel} makes those decisions", "My {rel} isn't sold on it",
  "I have to talk it over with my {rel} tonight", "My {rel} thinks we should wait")
# objections: budget
T("O", "any", "It's just not in the budget right now", "Money's tight this month", "We can't swing that right now",
  "That's more than we wanted to spend", "That's a lot more than I expected", "Yikes, that's a lot of money")
T("O", "ins", "My premium is already more than I can handle", "I can't pay more than I'm paying now",
  "That's way too much for renters insurance", "I'm not paying that much for an umbrella policy")
# objections: not needed, doubt
T("O", "any", "I don't really see why I'd need that", "Honestly I don't think it's necessary",
  "It's working fine, so I don't need a {visit}", "Sounds like an upsell to me",
  "I'm not sold on it", "I'm skeptical it'll make a difference")
T("O", "ins", "I don't think I need that much coverage", "Why would I need umbrella coverage?",
  "I've never needed roadside assistance", "The state minimum is fine for me")
T("O", "care", "My teeth feel fine, I don't think I need a deep cleaning", "Do I really need x-rays every year?",
  "I don't think the whitening is worth it", "I'd rather not do the crown if I can avoid it")
# objections: competitor
T("O", "any", "I can get it cheaper somewhere else", "Another company quoted me a lot less",
  "Your competitor said they'd do it for less", "{carrier} came in lower than you",
  "The other guys were way cheaper")
T("O", "any", "Let me think it over", "I'll have to think about it", "I want to shop around a bit first",
  "I'm going to get a couple more quotes", "Give me some time to mull it over")

# service concerns in everyday words
T("S", "home", "The {thing} is acting up again", "It's doing the same thing it did before you came out",
  "Since the {visit} the {thing} makes a rattling", "The {thing} cuts out after a few minutes",
  "It's running but the house never gets warm", "The {thing} won't kick on", state="active")
T("S", "home", "Water is pooling under the {thing}", "There's a drip under the sink where they worked",
  "The breaker keeps popping", "The hot water runs out after five minutes", "It's blowing lukewarm air",
  "The toilet runs all night", "The lights flicker whenever the AC starts", state="active")
T("S", "dental", "My tooth still aches where the filling went in", "The crown feels loose", "My bite feels off since the crown",
  "My gums are still bleeding after the cleaning", "The temporary came off", "The retainer doesn't fit right anymore",
  state="active")
T("S", "medical", "I'm still feeling dizzy since the new medication", "The rash hasn't gone away",
  "My knee is worse than before the injection", "The referral never went through", state="active")
T("S", "ins", "The claim check still hasn't arrived", "My ID cards have the wrong address on them",
  "The adjuster hasn't called me back in two weeks", "My autopay didn't go through", state="active")

# requests for a person
T("H", "any", "Can I get a call back from someone?", "Have the manager give me a ring", "I'd rather talk to somebody",
  "Is there someone I can speak with?", "Put a human on please", "Get me your supervisor")
T("H", "any", "I need to speak with my {pro} directly", "Can someone call me about this?",
  "I want a real person to handle this", "Please have a person reach out to me",
  "Let me talk to whoever is in charge", "I'd like someone to phone me back")
T("H", "any", "Pass me to a live agent", "Can you get a human on the line?",
  "I'd prefer to discuss this with someone on the phone", "Could {name} from the office call me?",
  "Just have somebody give me a call", "Is anyone there who can actually help me?")

# pricing, asked without "how much"
T("P", "any", "What are we looking at price-wise?", "Ballpark, what would that run?", "Is it expensive?",
  "What kind of money are we talking?", "Will it be a lot?", "Roughly what does that go for?")
T("P", "ins", "What would my premium be if I add the teen?", "Would bundling save me anything?",
  "What's the monthly on that?", "Is there a payment plan for the premium?")
T("P", "care", "Do you take payment plans?", "What's my out of pocket going to be?",
  "Is the consult free?", "Does it cost extra for the x-rays?")
# contract and coverage questions
T("C", "ins", "Does my policy cover hail damage?", "Would flood be covered?", "What's my deductible on the home policy?",
  "Am I covered if I drive my friend's car?", "Does it cover rental cars?", "Is my jewelry covered?")
T("C", "any", "What's the warranty on the new {thing}?", "How long is the warranty good for?",
  "Is there a cancellation fee if I back out?", "What are the terms of the {plan}?")
# negative sentiment
T("N", "any", "This is the third time I've had to call about this", "I'm really unhappy with how this was handled",
  "Honestly this has been a terrible experience", "You guys keep dropping the ball",
  "I'm so tired of getting the runaround", "Nobody ever calls me back, it's ridiculous")
T("N", "any", "Great, another missed appointment. Thanks a lot", "Wow, love waiting all day for nobody",
  "Oh perfect, billed twice. Fantastic", note="sarcasm")
# compliance-sensitive (regulated acts asked of AiSHA, legal, data)
T("L", "ins", "Can you add my new truck to my policy?", "Please take my ex off the auto policy",
  "Can you bind coverage for the new house today?", "I need to file a claim for the hail damage",
  "Can you send proof of insurance to my lender?", "Bump my liability limits up please")
T("L", "any", "I'm going to report you to the BBB", "My attorney will be in touch", "Delete my information from your system",
  "I never agreed to be recorded", "I'm filing a complaint with the state")
# rejection
T("R", "any", "We're going to go with someone else", "Thanks but we've decided to pass", "We're not going to move forward with this",
  "I went with another company", "Please close out my account", "We don't need your services anymore")
# opt-out
T("X", "any", "Please stop sending me these", "Take me off your texting list", "No more messages please",
  "Quit calling me", "I don't want any more texts from you")

# neutral: signal words used innocently, scheduling chatter, polite noes
T("", "any", "Mornings aren't a good time for a visit, afternoons work", "My {rel} thinks Thursday is better",
  "My {rel} will be home to let you in", "I'll talk to you {day}", "We already have a ladder if the {pro} needs one",
  "I'll check with my {rel} about the gate code and text you")
T("", "any", "No thanks, I'm all set", "Nope, that's everything", "No worries if not", "That's all for now, thanks",
  "Nothing else, have a good one", "Nah I'm good")
T("", "any", "The price of gas is crazy these days", "My dog is terrible with strangers, heads up",
  "Sorry, I was driving", "I'm sick today so the afternoon is better", "I'll be at my son's court hearing in the morning",
  "Traffic was a nightmare this morning, running a few minutes late")
T("", "any", "Can you come after 3?", "Is parking out front?", "Do I need to be home?", "What should I bring?",
  "How long does the {visit} take?", "Will someone text before coming?")
T("", "any", "Thank you, the {pro} was great", "You guys were awesome, thanks again", "Everything's working perfectly now",
  "The new {thing} is so quiet, love it", "Appreciate the quick response")
T("", "ins", "I paid the premium yesterday, just confirming you got it", "My renewal came in the mail, looks fine",
  "The claims guy was super helpful", "Got my new ID cards, thanks", "My agent already walked me through it, all good")
T("", "care", "I'll bring my insurance card", "My daughter's cleaning went great", "Is the office closed on Monday?",
  "I'm running ten minutes late", "Can I fill out the forms online?")
T("", "home", "The gate code is 4471", "The {thing} is in the attic", "Use the side door, the front one sticks",
  "There's a dog in the yard but he's friendly", "I'll leave the garage open")
T("", "any", "I'll think about which day works and get back to you", "Let me look at my calendar",
  "I have to check my work schedule first", "My {rel} has the car until 2, so after that")
T("", "any", "Do you guys work on weekends?", "Are you open on the holiday?", "do you service the north side",
  "do you do same day visits", "what time do you close")


# neutral: the objection, person, price and complaint cues above, used innocently
T("", "any", "We're moving in the spring, so send the reminder to the new address", "Can we schedule after the holidays?",
  "I'll circle back with the gate code", "Not this week, next week works better", "Maybe next month for the cleaning, is that ok?",
  "Let's stick with the morning slot")
T("", "any", "I'm happy with the {pro} you sent last time, can we get the same one?", "You guys always take good care of us",
  "We're happy with your people, see you {day}", "My {rel} handles the gate code, I'll have them text you",
  "My {rel} makes the appointments, she'll call you", "My {rel} says Thursday works")
T("", "any", "I'm not in a rush, any day next week is fine", "No rush on getting back to me", "Hold off until I get home around 5",
  "I'd prefer not to do mornings", "I'd rather not come in before 9", "I don't need a reminder, I have it on my calendar")
T("", "any", "We don't need the ladder, there's one in the garage", "I don't need a ride, my {rel} is driving me",
  "It's leaking way more than yesterday", "The other office said to call you", "The other {pro} was great too")
T("P", "any", "Is it cheaper with autopay?", "Would it be cheaper if I paid up front?", "Is there a cheaper option for the {visit}?")
T("", "any", "I got a call back from your office yesterday, thanks", "Waiting for someone to call me with the time, no rush",
  "Will someone call before they come?", "Do I call you or will someone call me?", "My {rel} will call you back about the time",
  "Someone from your office already called, all set")
T("", "any", "I keep forgetting to send the photos, sorry!", "I'm tired of this cold, glad you're coming {day}",
  "This is the second time I've been to your office, love it", "Third time's the charm, the new {thing} works great",
  "I'm going to pass by your office later to drop off the form", "Yikes, that storm last night was something")
T("", "any", "I have financing through my bank already, just need the appointment", "My employer offers a payment plan for the rest",
  "The {pro} said it was a fair price", "I paid the {amount} at the door, thanks", "Got the receipt for {amount}, all good",
  "I'll bring a check for the copay")
T("", "any", "Traffic is worse than usual, running late", "My husband hasn't come home yet, can we do later?",
  "It feels right to finally get this done", "The crown feels great now", "Since the visit everything's been perfect",
  "The water heater you installed works great, thanks")
T("", "ins", "Can you send me a reminder the day before the policy review?", "Does the office open at 9?", "What's the best email to send the photos to?",
  "I'll drop off the signed form Monday", "My renewal is next month, just a heads up", "I'm happy with my coverage, just updating my email")
T("", "care", "Is Dr. Patel in on Fridays?", "Can my daughter's appointment be right after mine?",
  "I'll be coming from work, so closer to 5 please", "Does the office have parking?", "My {rel} will bring me, thanks")
T("", "home", "The {pro} can park in the driveway", "The panel is in the basement by the stairs", "We'll be home all day {day}",
  "Please text when you're on the way", "The dog will be in the back yard", "Knock loud, the doorbell doesn't work")
T("", "any", "ok thanks", "sounds good", "perfect, see you then", "got it", "Thank you so much!", "ok that works",
  "See you {day} at {time}", "great thanks", n=1)


T("", "any", "Can you charge my card on file?", "Can you send me the invoice?", "Please bill it to the card ending 4421",
  "My premium went through on autopay", "Can I get a copy of my receipt?", "Could you email me the statement?")
T("", "any", "Thanks, you guys were great, worst storm we've had in years though", "That was a horrible storm, but the roof held up",
  "I'm so frustrated with my car, can we do Friday instead", "Kill the breaker before you come?",
  "Can I talk to you about scheduling?", "Let me talk to my {rel} about which day is better")
T("", "any", "I already have an appointment on {day}", "Already have the part, just need the labor",
  "Do you have anything earlier?", "Would {day} work instead?", "I signed the agreement and sent it back",
  "The quote you sent looks good, let's go ahead")


T("", "any", "I've been with you guys for 10 years and never had an issue", "We already have a service plan with you, do we get priority?",
  "I've never needed a plumber before, so this is all new to me", "My {rel} says we should wait until she's home to start",
  "The {pro} came out {day} and fixed it, thanks", "That time doesn't fit my schedule, anything later?")
T("", "any", "The results came out fine, thanks for letting me know", "It came out great, thank you", "Flickering candles on the porch, don't mind them",
  "My gums felt much better after the cleaning", "The new crown fits great", "We've been loyal customers of yours for years")
T("S", "any", "The AC runs all day and the house is still warm", "It makes a humming noise, is that normal?",
  "The payment never went through on your end", "The filling came loose last night", state="active")


# ---------------------------------------------------------------- third round (training only)
# Written after the second round's probe figures, in new words, frame by frame: each signal's
# frames in home services, dental and medical front desks and insurance agencies, and the
# innocent uses of the same words. Rendered with their own seed, so every earlier line is
# unchanged byte for byte.
THIRD = len(FAMILIES)

# objection: an existing provider
T("O", "home", "We use Roto-Rooter for all our plumbing stuff", "My brother in law is an electrician, he can do it",
  "Our HOA has a contractor that handles this", "I've got a handyman who takes care of that kind of thing",
  "We have a home warranty company for that")
T("O", "care", "I have a dentist I really like already", "We go to the clinic near my work",
  "My kids already have a pediatric dentist", "I'm already established with another practice")
T("O", "ins", "I'm already insured through my job", "We're with USAA and honestly you can't beat them",
  "My cousin is my agent so I'll stay with her", "We get our coverage through my husband's work")
# objection: timing
T("O", "any", "Now's not great for us", "Bad timing honestly", "Can we table this for now?",
  "Let's hold off until tax season", "Check back with me in the fall", "Call me in January about it")
T("O", "any", "We just moved in, give us a few months", "I'll reach out when I'm ready",
  "I'm not ready to do that yet", "Not at this point", "Maybe down the road",
  "Let's wait until after we close on the house")
# objection: a third party decides
T("O", "any", "My landlord would have to approve it", "It's my mom's house so she decides",
  "That's up to my husband really", "The property manager would need to sign off",
  "I'd need my wife's ok on that", "I have to get it approved by the board first")
# objection: budget
T("O", "any", "We're on a fixed income so that's a lot", "That's out of my price range",
  "We just spent a fortune on the roof", "I don't have that kind of money right now",
  "That's more than the car is even worth", "Pricier than I was hoping", "I'd have to save up for that")
T("O", "any", "Whoa that number is way higher than I figured", "Hard to justify spending that",
  "That's a big chunk of change for us", "I wasn't expecting it to be that high",
  "We're kind of strapped at the moment")
# objection: doubt of need
T("O", "home", "The old one still works fine though", "Can't I just live with it for now?",
  "It's not that bad honestly", "Feels like you're padding the bill", "If it ain't broke I'm not fixing it",
  "Is this really needed or are you just selling me something?")
T("O", "care", "My last dentist never said I needed that", "I'll take my chances without the x-rays",
  "We've gotten by fine without it", "Do I have to get the deep cleaning?", "Why would I pay for a night guard I don't need?",
  "I'm not convinced the fluoride does anything")
T("O", "ins", "I doubt I'd ever use umbrella coverage", "Full coverage on an old car seems pointless",
  "I've never filed a claim, so why pay for more?", "Seems like overkill for a renter")
# objection: a competitor
T("O", "any", "{carrier} is cheaper than that", "I saw a better rate online",
  "The guy down the street does it for half that", "Another dentist told me I don't need a crown",
  "The other place I called quoted less", "My current company gave me a better deal")
# objection: deliberation
T("O", "any", "I'll get back to you on that", "I need some time to process all this",
  "I'm still weighing my options", "Let me do some research first", "I haven't made up my mind yet",
  "Give me a week to decide", "Still deciding, I'll let you know")
# objection: a bad past experience
T("O", "any", "The last company ripped us off, so I'm careful", "I got burned on one of these warranties before",
  "We had a bad experience with you guys a few years back", "I've heard mixed things about your company",
  "Your reviews aren't great, honestly", "Last time the repair only lasted a month, so I'm hesitant")

# negative sentiment: insults and contempt
T("N", "any", "You people are clowns", "What a bunch of amateurs", "Your service is garbage",
  "This company is a total mess", "Clueless, every single one of you", "You guys are crooks")
# negative sentiment: frustration and exasperation
T("N", "any", "Are you kidding me right now", "I'm losing my patience with this", "I've had it with your office",
  "This is absurd", "Unbelievable. Still nobody came", "I'm at my wits end with you people", "This is getting old, seriously")
# negative sentiment: disappointment
T("N", "any", "Really let down by how this went", "I expected a lot better from you", "Not impressed with the work at all",
  "Very dissatisfied with the service", "The work was sloppy", "Honestly the quality was poor")
# negative sentiment: complaints about staff
T("N", "any", "Your receptionist hung up on me", "The {pro} was really short with me",
  "She treated me like I was stupid", "He was dismissive the whole time", "Your agent flat out lied to me",
  "Nobody even bothered to call me")
# negative sentiment: threats to leave or review
T("N", "any", "I'm leaving a one star review", "Going on Yelp about this", "You just lost a customer",
  "I'll make sure everyone I know hears about this", "Posting this on Facebook tonight")
# negative sentiment: all caps and sarcasm
T("N", "any", "THIS IS UNACCEPTABLE", "WHY IS NOBODY ANSWERING THE PHONE", "I HAVE BEEN WAITING ALL DAY",
  "NOBODY SHOWED UP AGAIN", n=1)
T("N", "any", "Great job guys, really stellar", "Oh wonderful, another delay", "Real professional, no-showing twice",
  "Cool so nobody is coming then", "Way to go, you broke it worse", note="sarcasm")

# compliance: data and privacy
T("L", "any", "How did you even get my number?", "Who did you share my information with?",
  "I want to see everything you have on file about me", "Do not share my info with anyone",
  "Are you selling my data?", "Erase my account and everything in it")
# compliance: recording consent
T("L", "any", "Is this call being recorded?", "Did I agree to being recorded?", "I don't consent to recording this call",
  "Are you recording me right now?")
# compliance: legal and regulators
T("L", "any", "I'll see you in court", "I'm getting legal involved", "I'm contacting the attorney general's office",
  "This is going to the state dental board", "Expect to hear from my lawyer", "I'm reporting this to the department of insurance")
# compliance: regulated acts in insurance
T("L", "ins", "Can you put my daughter on my car insurance?", "Take the Honda off my policy please",
  "I need my coverage bumped to 500k", "I need to start a claim, somebody rear-ended me",
  "Can you get coverage started today?", "Can you change my beneficiary to my wife?")
T("L", "ins", "I traded in my car, can you swap it on the policy?", "Lower my deductible to 500 please",
  "I need a COI for a job site tomorrow", "Please add my landlord as an additional insured",
  "Can you make the change effective today?", "Go ahead and increase my dwelling coverage")
# compliance: health records and clinical acts
T("L", "care", "Can you email my records to my new dentist?", "Please send my x-rays over to Dr. Kim",
  "Did my biopsy come back?", "Can you tell me what my blood test showed?",
  "Can you up my dosage?", "I need a copy of my chart")

# rejection
T("R", "any", "Please cancel my service", "We're going to go a different way", "Hard pass, thanks",
  "That's not for us, thanks anyway", "We found somebody cheaper", "I won't be renewing")
T("R", "any", "We sold the house so we don't need the plan anymore", "Please don't renew my policy",
  "End my membership please", "I want out of this contract", "Terminate the agreement please",
  "We'll stay with our current company, no thanks")

# requests for a person
T("H", "any", "Can I talk to someone real?", "Is there a human I can talk to?", "Connect me to the office please",
  "What number can I call to reach a person?", "Have the doctor call me", "I'd like a callback")
T("H", "any", "Can the owner reach out to me?", "Who's in charge there, I want to talk to them",
  "Put me through to billing", "I need to talk to the adjuster", "I'd rather deal with a person",
  "I don't want to talk to a bot")
# ("call me back at <number>" gives a phone, and the front desk keeps the call: conformance
# volunteered-in-discovery)
T("H", "any", "Call me when you get this", "Give me a ring back",
  "Can somebody in the office ring me?", "Escalate this to someone please", "Who can I speak to about this?")

# pricing
T("P", "any", "What do you guys charge?", "Is there a trip charge?", "Does it cost anything?", "Is that extra?",
  "Any fees I should know about?", "What's the damage?")
T("P", "care", "What's my copay for this?", "Do you have a sliding scale?", "What's a crown go for these days?",
  "Can I make payments on the treatment?", "Is whitening pricey?")
T("P", "home", "What's your labor rate?", "Is there a diagnostic fee?", "How much installed?",
  "Do you have financing options?", "Ballpark figure?", "Price range on a new {thing}?")
T("P", "ins", "What's the premium on that?", "What would full coverage run?", "Would adding my son raise my rate?",
  "Is there a fee to cancel mid-term?", "What are the payment options?")

# neutral: the same cues used innocently
T("", "any", "The {pro} was great, super patient with us", "We're covered for {day}, see you then",
  "Court ruled in our favor on the fence thing, anyway Thursday is good", "I'll pay at the appointment",
  "The estimate you gave us was fair, let's book it", "My phone charger died so text is best")
T("", "any", "My son is sick so can we do mornings", "I'm dying to get this done, when is the soonest?",
  "The old {thing} finally died, so we're ready to go ahead", "Call me when you're on your way",
  "My husband will be home, he has the key", "I record everything on my calendar so I won't forget")
T("", "any", "We had to cancel our trip so I'm free all week", "I just need to know what time, thanks",
  "I'm on a fixed schedule, only afternoons work", "The receptionist was so nice on the phone",
  "No problem at all, take your time", "Thanks for being patient with me")
T("", "ins", "I already added my son through the app, just letting you know", "The claim got paid, thank you so much",
  "My lawyer's office is next door, the parking is shared", "Got the declarations page, looks good",
  "I'm happy with the policy, just wanted to update my phone number")
T("", "care", "The doctor was wonderful, thank you", "My records should already be there from last year",
  "I have my insurance card ready", "Do you have a bathroom I can use when I get there?",
  "My mom is coming with me, is that ok?")
T("", "home", "The furnace is in the crawl space, sorry it's tight", "The last guy left the panel labeled, should be easy",
  "There's a water shutoff by the meter", "We just had the roof done, so watch the new shingles",
  "I'll have the dog put away")

# the same frames in shorter, plainer words (SMS and phone), and price shock
T("O", "any", "we already got somebody for that", "nah we're good with our current guy", "too expensive for us right now",
  "my husband handles all that, I'll have to ask him", "not sure we really need it", "let me check my budget and get back to you")
T("O", "any", "I found it cheaper on Angi", "can you do better than that? the other guy was lower", "that's kinda steep",
  "we'll probably just wait till it breaks", "maybe another time", "we're not ready to make a decision")
T("O", "any", "the timing isn't great with the holidays", "I'd have to ask my wife", "that's way over what we budgeted",
  "honestly I think I can DIY it", "my son in law said he could fix it", "I'll stick with what I have", "we're just getting quotes right now")
T("O", "any", "whoa, that's a lot", "no way I'm paying that", "that's highway robbery", "that price is nuts",
  "that's more than my rent", "I'll pass for now")
T("O", "ins", "Geico gave me a way lower quote", "I'm happy with my current insurance", "I already have dental insurance through work so I'm fine",
  "I'd rather wait and see")
T("N", "any", "seriously? again?", "the {pro} tracked mud all over my carpet and didn't even apologize", "wow thanks for wasting my whole Saturday",
  "I've been on hold for 45 minutes", "I can't believe how bad this was", "nobody told me there would be a fee, I feel cheated")
T("N", "any", "I'm going to leave a review about this", "this is a complete disaster", "the hygienist was so rough my gums are still sore",
  "I'm never coming back", "this is not okay", "how hard is it to call someone back?")
T("N", "any", "what is wrong with you people", "are you even listening to me?", "I'm so sick of this", "I'm really irritated right now",
  "just what I needed, another reschedule", "love how nobody ever picks up")
T("H", "any", "give me the office number", "can someone from billing reach out?", "who do I call about this?", "can I get someone on the phone?",
  "I want a call from the office", "need a human", "is anyone available to talk?")
T("R", "any", "please cancel everything", "I'm moving to Progressive", "we don't want the service anymore", "we've decided not to proceed")
T("RL", "ins", "cancel my policy", "I want to cancel my auto policy")
T("L", "any", "I never gave you permission to text me", "take my information out of your system", "what info do you have on me?")
# neutral: the cues above in innocent uses
T("", "any", "it's crazy how fast you guys got here", "we had it serviced last year by you guys so it's due", "we're good for Tuesday",
  "I'm good with 3pm", "I'm so mad at myself, I forgot the appointment", "not sure if we need the side gate open, let me know")
T("", "any", "when is my premium due?", "I'd like to pay my bill", "do you bill insurance directly?", "the estimate looked good, when can you start?",
  "can I pay my deductible online?", "who should I make the check out to?")
T("", "any", "I'm sick of this rain lol", "I'll have to ask my wife which day is better", "I'm not ready yet, give me 5 min to get home",
  "it's nuts how busy this week is, can we do Friday", "my insurance is through my job, here's the member id", "please call me when the {pro} is on the way")

# requests for a person, regulated acts and decisions, in plainer words
T("H", "any", "is there a number I can call?", "put me on with the office", "can you get my agent on the phone?",
  "please have Dr. Smith call me", "can I get a real person?", "can a human help me?", "hello? anyone there?")
T("L", "any", "delete my account", "my house got broken into, I need to file", "I want to opt out of data sharing",
  "my card was charged without my permission, I'm disputing it")
T("L", "care", "can you prescribe something for the pain?", "can I get a refill on my meds?")
T("R", "any", "I'm canceling", "I no longer want the service", "we found a cheaper company", "we're switching dentists",
  "we won't be continuing", "not going to proceed", "we're moving on")

# neutral: the third round's cues in innocent uses (renting, a spouse at home, nerves, praise)
T("", "any", "the last tech was super thorough, can we get him again", "we're renting, the landlord said go ahead and book it", "my wife will be home Thursday to let you in", "the price on the website matched, thanks", "I'll be out of town till Monday, anytime after that works", "can you text me instead of calling? I'm at work")
T("", "any", "I'm at the hospital with my mom so mornings are tough this week", "our old plumber retired, so glad we found you", "we're finally ready to get the new water heater in", "the doctor was so patient with my son", "the policy documents came in the mail, thanks", "I have to pick up my kids at 3, anything earlier?")
T("", "any", "I left the side door unlocked for the tech", "the last cleaning was a breeze, see you in six months", "I'm okay with a Saturday if that's easier", "just wanted to say the crew did amazing work", "can I bring my daughter along to the appointment?", "my husband usually deals with the contractors but I'm handling this one")
T("", "any", "I got the reminder text, see you then", "no rush on the paperwork", "we're moving next month, can you update the address?", "the new thermostat is working great, the house is finally warm", "I'm a little nervous about the drill but I'll be there", "I'll call the office tomorrow to update my card")
T("", "any", "my claim was settled last month, just updating my phone number", "I need the appointment moved to after 4 if possible", "my dentist retired so I'm a new patient", "is the office open during the storm?", "the tech fixed it in 10 minutes, unbelievably fast", "you guys are the best, thanks for squeezing me in")

# objections as people text and say them: hedged, without apostrophes, and a competitor's price
# set against ours (an objection, not a pricing question)
T("O", "any", "my premium is already too high", "i dont want to pay for coverage i wont use", "i'll keep my current policy", "the deductible is too high for me", "why would i need gap insurance", "i'd rather just pull it than do a root canal", "can i wait on the crown")
T("O", "any", "we're thinking of selling so it's not worth it", "can we just patch it instead", "id rather repair than replace", "the unit is only 8 years old, it shouldnt need replacing", "sounds expensive", "hmm thats more than i wanted to pay", "let me talk it over with the wife")
T("O", "any", "i need to discuss it with my husband first", "we'll think about it and call you back", "im gonna wait on that", "can i get back to you next week", "the last guy said it was fine", "i'm not convinced i need a new one", "we don't really have the money right now")
T("O", "any", "we're on a tight budget", "i cant afford that right now", "thats a lot for a cleaning", "your prices are higher than the other place", "i heard you guys are expensive", "i'm not sure about this", "not sure it's worth it")
T("O", "any", "i'll pass for now, maybe next year", "i don't want to commit to a contract", "i don't like being locked into a plan", "i'm worried it'll break again", "i dont trust these extended warranties", "sounds like a sales pitch", "are you just trying to sell me something")
T("O", "any", "i'd have to see reviews first", "we dont need a maintenance plan, we never use it", "my agent can do it cheaper", "its cheaper to just buy a new one", "i can get it done for less elsewhere", "seems a bit much", "that's a little out of our range")
T("O", "any", "i need to check with my insurance first", "i'll have to see what my insurance covers first", "geico quoted me 90 a month, can you beat that?", "can you match what progressive quoted me", "i got a quote for 4500 from another company", "home depot quoted me 3800 for the same unit", "the other company quoted 4500")
T("O", "any", "lowes quoted me less", "my current dentist charges 90 for a cleaning", "i was quoted 200 less by another plumber", "someone else said they'd do it for 300", "another company will do it for 2k", "the place down the road charges way less", "other guys quoted me 3 grand")
T("O", "any", "allstate offered me a lower rate", "can you beat 89?", "if you can beat their price ill switch", "i have a quote from abc heating for 5200", "the dentist across town is cheaper", "i found a better deal with lemonade", "i'm paying 80 a month with geico right now")
T("", "any", "you quoted me 300 last time, is that still good for Thursday?", "the tech was here at 9, all done, thanks",
  "I'm paying the balance today", "can I wait in the lobby?", "we'll wait on the driveway for the tech", "I'd rather wait inside, it's cold")

T("", "any", "do I pay the tech or the office?", "is my bill paid?", "the estimate said 2 hours, is that right?", "is it covered parking?",
  "can I pay with a card at the appointment?", "did you get my payment?", "I'll bring cash for the copay")


# ------------------------------------------------------------------------------ rendering

NUM_WORDS = {"130": "a hundred thirty", "89": "eighty nine", "2,400": "twenty four hundred", "45": "forty five",
             "300": "three hundred", "1,150": "eleven fifty", "79.99": "seventy nine ninety nine", "600": "six hundred"}
FILLERS = ["um", "uh", "like", "so", "yeah"]


def fill(template, biz, rng):
    fills = dict(COMMON)
    fills.update(FILL[biz])

    def sub(m):
        return rng.choice(fills[m.group(1)])
    return re.sub(r"\{(\w+)\}", sub, template)


def to_stt(text, rng):
    t = text
    t = re.sub(r"\$([\d,\.]+)", lambda m: NUM_WORDS.get(m.group(1), m.group(1)) + " dollars", t)
    t = t.lower()
    t = re.sub(r"[^\w\s'/@-]", " ", t)
    words = t.split()
    if not words:
        return text.lower()
    if rng.random() < 0.6:
        words.insert(0, rng.choice(FILLERS[:2]))
    if len(words) > 5 and rng.random() < 0.4:
        words.insert(rng.randrange(2, len(words) - 1), rng.choice(FILLERS))
    return " ".join(words)


def to_sms(text, rng):
    t = text
    if rng.random() < 0.4:
        t = t.lower()
    if rng.random() < 0.3:
        t = re.sub(r"\byou\b", "u", t)
        t = re.sub(r"\bplease\b", "pls", t)
        t = re.sub(r"\bthanks\b", "thx", t)
    if rng.random() < 0.5:
        t = t.rstrip(".")
    return t


def main():
    rng = random.Random(12)
    seen = set()
    lines = []
    for fi, fam in enumerate(FAMILIES):
        if fi == THIRD:
            rng = random.Random(1212)
        key = fam["phrasings"][0]
        h = int(hashlib.sha256(key.encode()).hexdigest(), 16)
        split = "heldout" if h % 100 < 30 and not fam["train"] else "train"
        k = 0
        for pi, phr in enumerate(fam["phrasings"]):
            for r in range(fam["n"]):
                biz = fam["biz"][(pi + r) % len(fam["biz"])]
                text = fill(phr, biz, rng)
                if fam["n"] == 1:
                    channel = "sms"
                else:
                    channel = ["chat", "sms", "stt"][(pi + r + fi) % 3]
                if channel == "stt":
                    text = to_stt(text, rng)
                elif channel == "sms":
                    text = to_sms(text, rng)
                if text in seen:
                    continue
                seen.add(text)
                labels = list(fam["labels"])
                if "?" in phr and "question" not in labels:
                    labels.append("question")
                line = {"id": f"sig-{fi:03d}-{k:02d}", "split": split, "text": text, "labels": sorted(labels),
                        "business": {"home": "home_services", "dental": "dental", "medical": "medical",
                                     "ins": "insurance"}[biz], "channel": channel}
                if fam["state"]:
                    line["state"] = fam["state"]
                if fam["note"]:
                    line["note"] = fam["note"]
                lines.append(line)
                k += 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    counts = {}
    for line in lines:
        for l in line["labels"]:
            counts[l] = counts.get(l, 0) + 1
    neutral = sum(1 for l in lines if not set(l["labels"]) - {"question"})
    held = sum(1 for l in lines if l["split"] == "heldout")
    print(f"{len(lines)} messages, {neutral} neutral ({neutral / len(lines):.0%}), {held} held out", file=sys.stderr)
    for k in sorted(counts):
        print(f"  {k:22} {counts[k]}", file=sys.stderr)


if __name__ == "__main__":
    main()
