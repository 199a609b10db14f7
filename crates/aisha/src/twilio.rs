//! Twilio's wire formats: request signatures (`X-Twilio-Signature`) and TwiML answers.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// Twilio's signature: base64(HMAC-SHA1(auth token, full URL + every POST parameter's name and
/// value, sorted by name)).
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.to_owned();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let mut mac =
        Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).expect("HMAC takes any key length");
    mac.update(data.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Check a request's signature in constant time.
pub fn verify(auth_token: &str, url: &str, params: &[(String, String)], given: &str) -> bool {
    let expected = signature(auth_token, url, params);
    expected.as_bytes().ct_eq(given.as_bytes()).into()
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Say the reply inside a speech `<Gather>` that posts the caller's next words back to `action`.
/// When the caller says nothing, Twilio goes on to the `<Redirect>`, marked `silence=1` so the
/// webhook can tell a silence from the start of the call.
pub fn gather(reply: &str, action: &str) -> String {
    let sep = if action.contains('?') { '&' } else { '?' };
    format!(
        r#"{HEAD}<Response><Gather input="speech" action="{}" method="POST" speechTimeout="auto"><Say>{}</Say></Gather><Redirect method="POST">{}</Redirect></Response>"#,
        crate::escape_xml(action),
        crate::escape_xml(&aisha_core::text::for_speech(reply)),
        crate::escape_xml(&format!("{action}{sep}silence=1"))
    )
}

/// Say the reply, then transfer the call.
pub fn dial(reply: &str, number: &str) -> String {
    format!(
        "{HEAD}<Response><Say>{}</Say><Dial>{}</Dial></Response>",
        crate::escape_xml(&aisha_core::text::for_speech(reply)),
        crate::escape_xml(number)
    )
}

/// Say the reply and end the call.
pub fn say_and_hang_up(reply: &str) -> String {
    format!(
        "{HEAD}<Response><Say>{}</Say><Hangup/></Response>",
        crate::escape_xml(&aisha_core::text::for_speech(reply))
    )
}

pub fn message(reply: &str) -> String {
    format!(
        "{HEAD}<Response><Message>{}</Message></Response>",
        crate::escape_xml(reply)
    )
}

pub fn empty() -> String {
    format!("{HEAD}<Response/>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(k: &str, v: &str) -> (String, String) {
        (k.into(), v.into())
    }

    /// Twilio's published example ("Validating Signatures from Twilio", security docs).
    #[test]
    fn twilio_published_test_vector() {
        let params = vec![
            p("CallSid", "CA1234567890ABCDE"),
            p("Caller", "+12349013030"),
            p("Digits", "1234"),
            p("From", "+12349013030"),
            p("To", "+18005551212"),
        ];
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assert_eq!(
            signature("12345", url, &params),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
        assert!(verify(
            "12345",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
        assert!(!verify(
            "12345",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ"
        ));
        assert!(!verify(
            "54321",
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
    }

    #[test]
    fn twiml_escapes_hostile_text() {
        let t = gather("<Hangup/> & \"x\"\u{0}", "/twilio/a/voice");
        assert!(t.contains("&lt;Hangup/&gt; &amp; &quot;x&quot;</Say>"));
        assert!(!t.contains('\u{0}'));
    }
}
