//! The docs render the policy table from the code; this keeps `docs/POLICY.md` in step.
//! Regenerate with `cargo run --bin aisha -- policy > docs/POLICY.md`.

#[test]
fn docs_policy_md_is_the_rendered_policy_table() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/POLICY.md"))
        .expect("docs/POLICY.md exists");
    assert_eq!(
        doc,
        aisha_core::care::policy::markdown_document(),
        "docs/POLICY.md is stale: run `cargo run --bin aisha -- policy > docs/POLICY.md`"
    );
}
