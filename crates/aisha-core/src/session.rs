//! The conversation session. `session.booking` is the contract's canonical slot schema: field
//! names are exact when serialized and nothing else lives inside it. Engine bookkeeping the
//! schema does not name (the pending confirmation, discovery notes) sits beside it.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::company::NamePart;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mode {
    #[default]
    Discovery,
    Booking,
    Complete,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Discovery => "DISCOVERY",
            Mode::Booking => "BOOKING",
            Mode::Complete => "COMPLETE",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AgentIntent {
    Discovery,
    OfferSchedule,
    BookingSlotQuestion,
    InterruptAnswer,
    BookingComplete,
    /// A person was asked for: transfer or callback.
    HumanHandoff,
    /// The caller opted out of messages.
    OptOut,
}

impl AgentIntent {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentIntent::Discovery => "DISCOVERY",
            AgentIntent::OfferSchedule => "OFFER_SCHEDULE",
            AgentIntent::BookingSlotQuestion => "BOOKING_SLOT_QUESTION",
            AgentIntent::InterruptAnswer => "INTERRUPT_ANSWER",
            AgentIntent::BookingComplete => "BOOKING_COMPLETE",
            AgentIntent::HumanHandoff => "HUMAN_HANDOFF",
            AgentIntent::OptOut => "OPT_OUT",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Booking {
    pub consent_given: bool,
    pub consent_phrase: Option<String>,
    pub consent_turn: Option<u32>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub consent_timestamp: Option<Timestamp>,
    pub active_slot: Option<String>,
    pub slots: Slots,
    pub meta: Meta,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Slots {
    pub name: NameValue,
    pub phone: Option<String>,
    pub address: AddressValue,
    pub time: TimeValue,
    /// `custom_*` slots (types `text` and `select`), flattened beside the canonical ones.
    #[serde(flatten)]
    pub custom: BTreeMap<String, Option<String>>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NameValue {
    pub first: Option<String>,
    pub last: Option<String>,
    pub full: Option<String>,
}

impl NameValue {
    pub fn get(&self, part: NamePart) -> Option<&str> {
        match part {
            NamePart::First => self.first.as_deref(),
            NamePart::Last => self.last.as_deref(),
        }
    }
    pub fn set(&mut self, part: NamePart, value: Option<String>) {
        match part {
            NamePart::First => self.first = value,
            NamePart::Last => self.last = value,
        }
        self.full = match (&self.first, &self.last) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            _ => None,
        };
    }
    pub fn is_empty(&self) -> bool {
        self.first.is_none() && self.last.is_none()
    }
    /// How the receptionist refers back to the caller.
    pub fn spoken(&self, first_only: bool) -> String {
        if first_only {
            if let Some(f) = &self.first {
                return f.clone();
            }
        }
        self.full
            .clone()
            .or_else(|| self.first.clone())
            .or_else(|| self.last.clone())
            .unwrap_or_default()
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddressValue {
    pub full: Option<String>,
    pub street: Option<String>,
    pub city: Option<String>,
    pub unit: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimeValue {
    pub preference: Option<String>,
    pub window: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub name: NameMeta,
    pub phone: PhoneMeta,
    pub address: ConfirmedMeta,
    pub time: TimeMeta,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameMeta {
    pub last_confirmed: bool,
    pub asked_missing_part_once: bool,
    pub assumed_single_token_as: Option<String>,
    pub source: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneMeta {
    pub used_caller_id: bool,
    pub confirmed: bool,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedMeta {
    pub confirmed: bool,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeMeta {
    pub is_asap: bool,
    pub confirmed: bool,
}

/// What the booking engine is waiting for, beyond the active slot's question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// The confirm-back question for a slot was asked.
    Confirm { slot: String },
    /// The missing half of a name was asked for (once).
    MissingNamePart { part: NamePart },
    /// The caller ID was offered as the phone number.
    CallerId,
    /// The caller said "never mind" / "cancel": are they sure? `resume` is what was pending
    /// before, restored when they are not.
    CancelBooking { resume: Option<Box<Pending>> },
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscoveryNotes {
    pub issue_summary: Option<String>,
    pub matched_scenarios: Vec<String>,
    /// The caller asked to book before the pre-consent fields were known; the phrase is kept
    /// so consent completes as soon as they are.
    pub pending_booking_request: Option<String>,
    pub offers_made: u32,
    /// The offer (its `offers_made` count) whose unclear reply was already asked about once.
    #[serde(default)]
    pub reasked_offer: Option<u32>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    Caller,
    Agent,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptEntry {
    pub speaker: Speaker,
    pub text: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: Timestamp,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub mode: Mode,
    pub last_agent_intent: Option<AgentIntent>,
    pub turn: u32,
    pub booking: Booking,
    /// The engine's own bookkeeping, absent when nothing is pending: documented as a free-form
    /// object (its recursive shape is more than client generators take).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
    pub skipped_slots: Vec<String>,
    pub discovery: DiscoveryNotes,
    pub caller_id: Option<String>,
    pub transcript: Vec<TranscriptEntry>,
    /// Turns in a row in which the caller said nothing.
    #[serde(default)]
    pub silences: u32,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_serializes_with_the_contract_field_names() {
        let mut b = Booking::default();
        b.slots
            .custom
            .insert("custom_pet".into(), Some("dog".into()));
        let v = serde_json::to_value(&b).unwrap();
        for key in [
            "consentGiven",
            "consentPhrase",
            "consentTurn",
            "consentTimestamp",
            "activeSlot",
            "slots",
            "meta",
        ] {
            assert!(v.get(key).is_some(), "{key}");
        }
        let slots = &v["slots"];
        assert!(slots["name"].get("first").is_some() && slots["name"].get("full").is_some());
        assert!(slots.get("phone").is_some() && slots["address"].get("unit").is_some());
        assert!(slots["time"].get("preference").is_some() && slots["time"].get("window").is_some());
        assert_eq!(slots["custom_pet"], "dog");
        let meta = &v["meta"];
        for (group, key) in [
            ("name", "lastConfirmed"),
            ("name", "askedMissingPartOnce"),
            ("name", "assumedSingleTokenAs"),
            ("name", "source"),
            ("phone", "usedCallerId"),
            ("phone", "confirmed"),
            ("address", "confirmed"),
            ("time", "isAsap"),
            ("time", "confirmed"),
        ] {
            assert!(meta[group].get(key).is_some(), "{group}.{key}");
        }
        let back: Booking = serde_json::from_value(v).unwrap();
        assert_eq!(back, b);
    }
}
