//! Customer C.A.R.E.: the ten relationship states, event- and time-driven transitions, the
//! Hands-Off planner and the policy gate. Every call takes the instant it runs at; nothing
//! here reads a clock.

mod events;
mod model;
mod planner;
pub mod policy;

pub use events::apply_event;
pub use model::*;
pub use planner::{next_due, run_due};
