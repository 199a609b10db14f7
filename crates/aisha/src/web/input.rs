//! Text neither store can hold is refused: PostgreSQL's `text` (and `jsonb`) cannot store
//! NUL, SQLite can, so without this the same request was a 503 on one store and accepted on
//! the other. JSON bodies (strings and keys, in `parse_json`), forms (the console's and
//! Twilio's, after the signature) and every query string are checked: a NUL is a 400 naming
//! the field. Bodies are checked where they are parsed, after authentication, so a request
//! that may not be made at all still gets its 401, 403 or 404 first.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::AppError;

/// Where the first unstorable character is, as a field name; `None` when all text is fine.
fn bad_pairs(raw: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(raw).ok()?;
    pairs
        .into_iter()
        .find(|(k, v)| unstorable(k) || unstorable(v))
        .map(|(k, _)| k.replace('\0', "\\0"))
}

fn unstorable(s: &str) -> bool {
    s.contains('\0')
}

/// The JSON path of the first string (or key) holding a NUL: `reason`, `customer.firstName`,
/// `scenarios[2].triggers[0]`.
fn bad_json(v: &Value, path: &mut String) -> bool {
    match v {
        Value::String(s) => unstorable(s),
        Value::Array(items) => items.iter().enumerate().any(|(i, item)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let bad = bad_json(item, path);
            if !bad {
                path.truncate(len);
            }
            bad
        }),
        Value::Object(map) => map.iter().any(|(k, item)| {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&k.replace('\0', "\\0"));
            let bad = unstorable(k) || bad_json(item, path);
            if !bad {
                path.truncate(len);
            }
            bad
        }),
        _ => false,
    }
}

/// A JSON body's strings and keys hold no NUL (a raw NUL is not JSON: the parse refuses it).
pub(crate) fn check_json(body: &str) -> Result<(), AppError> {
    // JSON can only spell a NUL as an escape; most bodies are passed over without a walk.
    if !body.contains("u0000") {
        return Ok(());
    }
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        let mut path = String::new();
        if bad_json(&v, &mut path) {
            return Err(refusal(&path));
        }
    }
    Ok(())
}

/// A form's fields (names and values) hold no NUL.
pub(crate) fn check_pairs(pairs: &[(String, String)]) -> Result<(), AppError> {
    match pairs.iter().find(|(k, v)| unstorable(k) || unstorable(v)) {
        Some((k, _)) => Err(refusal(&k.replace('\0', "\\0"))),
        None => Ok(()),
    }
}

fn refusal(field: &str) -> AppError {
    let field = if field.is_empty() { "(body)" } else { field };
    AppError::bad_request(format!(
        "{field}: contains a NUL character, which cannot be stored"
    ))
}

/// Router layer: a query string holding a NUL is refused (400) before any route.
pub async fn refuse_unstorable_query(req: Request, next: Next) -> Response {
    if let Some(q) = req.uri().query() {
        if let Some(field) = bad_pairs(q.as_bytes()) {
            return refusal(&field).into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_field_holding_a_nul() {
        let v: Value =
            serde_json::from_str(r#"{"ok":"fine","customer":{"names":["a","b\u0000"]},"n":1}"#)
                .unwrap();
        let mut path = String::new();
        assert!(bad_json(&v, &mut path));
        assert_eq!(path, "customer.names[1]");
        let fine: Value = serde_json::from_str(r#"{"a":["x",{"b":"y"}],"c":null}"#).unwrap();
        assert!(!bad_json(&fine, &mut String::new()));
        assert_eq!(
            bad_pairs(b"Body=hi%00there&From=%2B1").as_deref(),
            Some("Body")
        );
        assert_eq!(bad_pairs(b"Body=hi+there"), None);
        assert!(check_json(r#"{"a":"x\u0000"}"#).is_err());
        assert!(
            check_json(r#"{"a":"x\\u0000"}"#).is_ok(),
            "an escaped backslash is text"
        );
        assert!(check_json(r#"{"a":"fine"}"#).is_ok());
    }
}
