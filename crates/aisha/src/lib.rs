//! AiSHA's edges: storage, the LLM speaker, the service layer, the conformance runner, the web.

pub mod chart;
pub mod conformance;
pub mod llm;
pub mod secrets;
pub mod server_key;
pub mod service;
pub mod simulate;
pub mod ssrf;
pub mod store;
pub mod twilio;
pub mod web;
pub mod worker;

/// The demo company shipped with the binary (the HVAC company of the golden transcript).
pub const DEMO_COMPANY: &str = include_str!("../../../companies/demo-hvac.json");

/// Text for XML and SVG (TwiML, charts): markup characters escaped, and the control characters
/// XML 1.0 forbids even escaped dropped.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
