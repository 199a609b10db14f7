//! AiSHA's domain: the receptionist contract (front desk) and Customer C.A.R.E.
//!
//! Pure and I/O-free: no async runtime, no database, no network. The clock is passed in as a
//! `jiff::Timestamp`; anything that talks to the outside world lives in the `aisha` crate.

pub mod care;
pub mod company;
pub mod eval;
pub mod extract;
pub mod frontdesk;
pub mod guardrails;
pub mod intent;
pub mod phone;
pub mod responder;
pub mod session;
pub mod settings;
pub mod signals;
pub mod text;
pub mod types;

pub use company::{Company, CompanyId, ConfigError};
pub use frontdesk::{begin_turn, finish_turn, turn_embedded, TurnInput, TurnOutcome, TurnStep};
pub use session::{AgentIntent, Mode, Session};
pub use types::{ConversationId, CustomerId, EscalationId, InvalidValue, Reason};
