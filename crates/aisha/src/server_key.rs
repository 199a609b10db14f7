//! The server's secret key: held outside the database, so that someone with database access
//! alone can neither forge the audit chain (it is keyed with a key derived from this one) nor
//! read the tenants' secrets (encrypted at rest with another derived key).
//!
//! Where it comes from, first match wins:
//! 1. `AISHA_SECRET_KEY`: 64 hex characters (32 bytes), for deployments that inject secrets
//!    through the environment;
//! 2. `--secret-key-file PATH` / `AISHA_SECRET_KEY_FILE`: a file holding those 64 hex characters;
//! 3. beside a SQLite database, `<database>.secret-key`, created (mode 0600) on first start, so
//!    the README's first command needs no setup. PostgreSQL has no such default: a scale-out
//!    deployment shares one key between its processes and must say where it is.

use std::fmt;
use std::path::Path;

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub const ENV_KEY: &str = "AISHA_SECRET_KEY";

/// 32 secret bytes. `Debug` never shows them, and nothing serializes them.
#[derive(Clone)]
pub struct ServerKey([u8; 32]);

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{source_name}: the server key must be 64 hex characters (32 bytes)")]
    Malformed { source_name: String },
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error(
        "no server key: set {ENV_KEY} (64 hex characters) or --secret-key-file; \
         generate one with `aisha keygen`"
    )]
    Missing,
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerKey(<redacted>)")
    }
}

impl ServerKey {
    /// A fresh random key (tests, conformance runs, `aisha keygen`).
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// A fixed key for tests that must reproduce a chain.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn parse_hex(text: &str, source_name: &str) -> Result<Self, KeyError> {
        let malformed = || KeyError::Malformed {
            source_name: source_name.to_owned(),
        };
        let bytes = hex::decode(text.trim()).map_err(|_| malformed())?;
        Ok(Self(bytes.try_into().map_err(|_| malformed())?))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Reads the key from a file of 64 hex characters.
    pub fn read_file(path: &Path) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|error| KeyError::Io {
            path: path.display().to_string(),
            error,
        })?;
        Self::parse_hex(&text, &path.display().to_string())
    }

    /// Reads the key file, or creates it with a fresh key (owner-only permissions).
    pub fn read_or_create_file(path: &Path) -> Result<Self, KeyError> {
        if path.exists() {
            return Self::read_file(path);
        }
        let key = Self::generate();
        let io = |error| KeyError::Io {
            path: path.display().to_string(),
            error,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(io)?;
        std::io::Write::write_all(&mut file, format!("{}\n", key.to_hex()).as_bytes())
            .map_err(io)?;
        Ok(key)
    }

    /// The key, from the environment, an explicit file, or a default file (see the module doc).
    pub fn load(
        env_value: Option<&str>,
        file: Option<&Path>,
        default_file: Option<&Path>,
    ) -> Result<Self, KeyError> {
        if let Some(value) = env_value.filter(|v| !v.trim().is_empty()) {
            return Self::parse_hex(value, ENV_KEY);
        }
        if let Some(path) = file {
            return Self::read_file(path);
        }
        match default_file {
            Some(path) => Self::read_or_create_file(path),
            None => Err(KeyError::Missing),
        }
    }

    /// A key for one purpose, derived so that no two uses share key material
    /// (HMAC-SHA256 of the purpose under the server key).
    pub fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(b"aisha-server-key/");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_malformed_keys_named() {
        let key = ServerKey::generate();
        let again = ServerKey::parse_hex(&key.to_hex(), "test").unwrap();
        assert_eq!(key.derive("audit"), again.derive("audit"));
        assert_ne!(key.derive("audit"), key.derive("secrets"));
        let err = ServerKey::parse_hex("abc", "AISHA_SECRET_KEY").unwrap_err();
        assert!(err.to_string().contains("AISHA_SECRET_KEY"));
        assert_eq!(format!("{key:?}"), "ServerKey(<redacted>)");
    }

    #[test]
    fn default_file_is_created_once_and_reread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("aisha.secret-key");
        let first = ServerKey::load(None, None, Some(&path)).unwrap();
        let second = ServerKey::load(None, None, Some(&path)).unwrap();
        assert_eq!(first.derive("x"), second.derive("x"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o077,
                0,
                "the key file is readable by its owner only"
            );
        }
        assert!(matches!(
            ServerKey::load(None, None, None),
            Err(KeyError::Missing)
        ));
    }
}
