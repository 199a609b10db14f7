//! Tenant secrets at rest: a company's Twilio auth token and system-of-record signing secret
//! are sealed with ChaCha20-Poly1305 under `ServerKey::derive("tenant-secrets")`, a fresh
//! random nonce per write, and the company id as associated data (a sealed value copied to
//! another company's row does not open). The configuration column never holds them: the
//! domain types cannot serialize them.
//!
//! Format: `v1.` + base64url(nonce ‖ ciphertext), the plaintext a JSON object keyed by
//! `aisha_core::company::SECRET_FIELDS`.

use aisha_core::company::{SigningSecret, TwilioAuthToken, SECRET_FIELDS};
use aisha_core::Company;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::ChaCha20Poly1305;

use crate::server_key::ServerKey;

const VERSION: &str = "v1.";
const NONCE_LEN: usize = 12;
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Seals and opens tenant secrets.
#[derive(Clone)]
pub struct SecretBox {
    cipher: ChaCha20Poly1305,
}

impl SecretBox {
    pub fn new(key: &ServerKey) -> Self {
        let k = key.derive("tenant-secrets");
        Self {
            cipher: ChaCha20Poly1305::new(&k.into()),
        }
    }

    fn aad(company: &Company) -> Vec<u8> {
        format!("aisha-tenant-secrets/{}", company.company_id).into_bytes()
    }

    /// The company's secrets sealed, or `None` when it has none.
    pub fn seal(&self, company: &Company) -> Option<String> {
        let mut map = serde_json::Map::new();
        if let Some(t) = company.twilio.as_ref().and_then(|t| t.auth_token.as_ref()) {
            map.insert(SECRET_FIELDS[0].into(), t.expose().into());
        }
        if let Some(s) = company
            .system_of_record
            .as_ref()
            .and_then(|s| s.signing_secret.as_ref())
        {
            map.insert(SECRET_FIELDS[1].into(), s.expose().into());
        }
        if map.is_empty() {
            return None;
        }
        let plaintext = serde_json::Value::Object(map).to_string();
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = Self::aad(company);
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: &aad,
                },
            )
            .expect("ChaCha20-Poly1305 encrypts any message this size");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Some(format!("{VERSION}{}", B64.encode(out)))
    }

    /// Put the sealed secrets back into the company they were sealed for. Fails when the
    /// value was altered, belongs to another company, or was sealed under another server key.
    pub fn open_into(&self, company: &mut Company, sealed: &str) -> Result<(), String> {
        let bad = |why: &str| format!("tenant secrets of {}: {why}", company.company_id);
        let raw = sealed
            .strip_prefix(VERSION)
            .and_then(|b| B64.decode(b).ok())
            .filter(|r| r.len() > NONCE_LEN)
            .ok_or_else(|| bad("not a sealed value"))?;
        let (nonce, ciphertext) = raw.split_at(NONCE_LEN);
        let aad = Self::aad(company);
        let plaintext = self
            .cipher
            .decrypt(
                nonce.into(),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| bad("do not open with this server key (wrong AISHA_SECRET_KEY?)"))?;
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_slice(&plaintext).map_err(|_| bad("malformed"))?;
        if let (Some(t), Some(v)) = (&mut company.twilio, map.get(SECRET_FIELDS[0])) {
            t.auth_token = Some(TwilioAuthToken::parse(v).map_err(|e| bad(&e))?);
        }
        if let (Some(s), Some(v)) = (&mut company.system_of_record, map.get(SECRET_FIELDS[1])) {
            s.signing_secret = Some(SigningSecret::parse(v).map_err(|e| bad(&e))?);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    fn company(id: &str) -> Company {
        let raw = format!(
            r#"{{"companyId":"{id}","frontDeskBehavior":{{"bookingSlots":[{{"id":"name","question":"Name?","type":"name"}}]}},
            "twilio":{{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"{TOKEN}"}}}}"#
        );
        Company::from_json(&raw).unwrap().company
    }

    #[test]
    fn sealed_secrets_open_only_for_their_company_and_key() {
        let key = ServerKey::generate();
        let sb = SecretBox::new(&key);
        let c = company("a");
        let sealed = sb.seal(&c).unwrap();
        assert!(!sealed.contains(TOKEN));
        assert_ne!(sb.seal(&c).unwrap(), sealed, "a fresh nonce per write");
        let mut back = company("a");
        back.twilio.as_mut().unwrap().auth_token = None;
        sb.open_into(&mut back, &sealed).unwrap();
        assert_eq!(back.twilio.unwrap().auth_token.unwrap().expose(), TOKEN);
        // Another company's row, another key, a flipped byte: none opens.
        assert!(sb.open_into(&mut company("b"), &sealed).is_err());
        assert!(SecretBox::new(&ServerKey::generate())
            .open_into(&mut company("a"), &sealed)
            .is_err());
        let mut flipped = sealed.into_bytes();
        let last = flipped.len() - 2;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        assert!(sb
            .open_into(&mut company("a"), &String::from_utf8(flipped).unwrap())
            .is_err());
    }
}
