//! Values parsed once at the edge (HTTP, console, CLI, conformance) so everything inside can
//! trust them: customer, conversation and escalation ids, and the reason a human gives.

use serde::{Deserialize, Serialize};

/// Why a value from outside was refused; `field` names it for the 4xx body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct InvalidValue {
    pub field: &'static str,
    pub reason: String,
}

/// Longest identifier accepted from outside.
pub const MAX_ID: usize = 128;

/// An identifier chosen outside AiSHA (by the system of record, a phone carrier, a website):
/// 1 to [`MAX_ID`] bytes, no control characters.
macro_rules! outside_id {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
                if raw.is_empty() || raw.len() > MAX_ID || raw.chars().any(char::is_control) {
                    return Err(InvalidValue {
                        field: $field,
                        reason: format!("must be 1 to {MAX_ID} printable characters"),
                    });
                }
                Ok(Self(raw.to_owned()))
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = InvalidValue;
            fn from_str(raw: &str) -> Result<Self, InvalidValue> {
                Self::parse(raw)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidValue;
            fn try_from(value: String) -> Result<Self, InvalidValue> {
                Self::parse(&value)
            }
        }
        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

outside_id!(
    /// A customer of a company (the system of record's id, or `phone-<digits>`).
    CustomerId,
    "customerId"
);
outside_id!(
    /// One conversation with the front desk (a call, an SMS thread, a chat).
    ConversationId,
    "conversationId"
);

/// An escalation in a company's inbox (the database's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EscalationId(pub i64);

impl EscalationId {
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        match raw.parse::<i64>() {
            Ok(n) if n > 0 => Ok(Self(n)),
            _ => Err(InvalidValue {
                field: "id",
                reason: format!("{raw:?} is not an escalation id"),
            }),
        }
    }
}

impl std::fmt::Display for EscalationId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a human changed something (an override, a switch): never empty, because it goes to
/// the audit log. Surrounding whitespace is dropped.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reason(String);

/// Longest reason kept (a sentence or two, not a document).
pub const MAX_REASON: usize = 1000;

impl Reason {
    pub fn parse(raw: &str) -> Result<Self, InvalidValue> {
        let reason = raw.trim();
        if reason.is_empty() {
            return Err(InvalidValue {
                field: "reason",
                reason: "say why (it goes in the audit log)".into(),
            });
        }
        if reason.len() > MAX_REASON {
            return Err(InvalidValue {
                field: "reason",
                reason: format!("at most {MAX_REASON} bytes"),
            });
        }
        Ok(Self(reason.to_owned()))
    }

    /// A reason AiSHA states itself (never from outside): cut to [`MAX_REASON`] on a
    /// character boundary, and never empty.
    pub fn stated(text: &str) -> Self {
        let text = text.trim();
        let mut end = text.len().min(MAX_REASON);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        match &text[..end] {
            "" => Self("unstated".into()),
            t => Self(t.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Reason {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, InvalidValue> {
        Self::parse(&value)
    }
}
impl From<Reason> for String {
    fn from(value: Reason) -> Self {
        value.0
    }
}
impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_empty_or_blank_reason_is_refused() {
        for raw in ["", "   ", "\n\t"] {
            let e = Reason::parse(raw).unwrap_err();
            assert_eq!(e.field, "reason");
        }
        assert_eq!(
            Reason::parse("  moved away ").unwrap().as_str(),
            "moved away"
        );
        assert_eq!(Reason::stated(" ").as_str(), "unstated");
        assert_eq!(Reason::stated(&"é".repeat(600)).as_str().len(), MAX_REASON);
        let e = serde_json::from_str::<Reason>("\"\"").unwrap_err();
        assert!(e.to_string().contains("say why"), "{e}");
    }

    #[test]
    fn escalation_ids_are_positive_numbers() {
        assert_eq!(EscalationId::parse("7").unwrap(), EscalationId(7));
        for raw in ["0", "-1", "x", ""] {
            assert!(EscalationId::parse(raw).is_err(), "{raw}");
        }
    }

    proptest! {
        #[test]
        fn an_id_parses_exactly_when_it_is_short_and_printable(raw in "\\PC{0,140}|[\\x00-\\x1f]{1,3}") {
            let ok = !raw.is_empty() && raw.len() <= MAX_ID && !raw.chars().any(char::is_control);
            prop_assert_eq!(CustomerId::parse(&raw).is_ok(), ok);
            if ok {
                let id = ConversationId::parse(&raw).unwrap();
                let back: ConversationId = serde_json::from_value(serde_json::to_value(&id).unwrap()).unwrap();
                prop_assert_eq!(back, id);
            }
        }

        #[test]
        fn a_reason_is_kept_trimmed_and_never_empty(raw in "\\PC{0,60}") {
            match Reason::parse(&raw) {
                Ok(r) => {
                    prop_assert!(!r.as_str().is_empty());
                    prop_assert_eq!(r.as_str(), raw.trim());
                }
                Err(_) => prop_assert!(raw.trim().is_empty()),
            }
        }
    }
}
