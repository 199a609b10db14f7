//! AiSHA's edges: storage, the LLM speaker, the service layer, the conformance runner, HTTP.

pub mod chart;
pub mod conformance;
pub mod console;
pub mod http;
pub mod llm;
pub mod service;
pub mod simulate;
pub mod store;
pub mod twilio;
pub mod worker;

/// The demo company shipped with the binary (the HVAC company of the golden transcript).
pub const DEMO_COMPANY: &str = include_str!("../../../companies/demo-hvac.json");
