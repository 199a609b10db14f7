//! Text neither store can hold is refused at the door: PostgreSQL's `text` (and `jsonb`)
//! cannot store NUL, SQLite can, so without this the same request was a 503 on one store and
//! accepted on the other. Every request's query string, form fields and JSON strings (keys
//! and values) are checked once, before any handler: a NUL is a 400 naming the field.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::{AppError, MAX_BODY};

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

fn refuse(field: &str) -> Response {
    let field = if field.is_empty() { "(body)" } else { field };
    AppError::bad_request(format!(
        "{field}: contains a NUL character, which cannot be stored"
    ))
    .into_response()
}

/// Router layer: refuse a request whose text holds a NUL (query, form, JSON), 400.
pub async fn refuse_unstorable_text(req: Request, next: Next) -> Response {
    if let Some(q) = req.uri().query() {
        if let Some(field) = bad_pairs(q.as_bytes()) {
            return refuse(&field);
        }
    }
    if req.method() == axum::http::Method::GET || req.method() == axum::http::Method::HEAD {
        return next.run(req).await;
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large")
                .into_response()
        }
    };
    if is_form {
        if let Some(field) = bad_pairs(&bytes) {
            return refuse(&field);
        }
    } else if let Ok(v) = serde_json::from_slice::<Value>(&bytes) {
        let mut path = String::new();
        if bad_json(&v, &mut path) {
            return refuse(&path);
        }
    }
    // A raw NUL byte is neither valid JSON nor a valid form; refuse it whatever the type says.
    if bytes.contains(&0) {
        return refuse("(body)");
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
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
    }
}
