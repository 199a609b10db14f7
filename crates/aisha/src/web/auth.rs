//! Authentication as extractors. Company routes sit under [`company_layer`], which asks the
//! service to authenticate the key and leaves a [`CompanyAuth`] in the request; a handler
//! gets its company only from that extractor, so a company route cannot be written without
//! authentication. The console does the same with [`console_layer`] and [`ConsoleSession`].

use std::collections::HashMap;

use aisha_core::CompanyId;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use subtle::ConstantTimeEq;

pub use crate::service::ConsoleSession;

use super::{AppError, AppState};

/// The console's session cookie.
pub const COOKIE: &str = "aisha_console";

/// The company whose key the request carried.
#[derive(Debug, Clone)]
pub struct CompanyAuth(pub CompanyId);

impl CompanyAuth {
    pub fn id(&self) -> &str {
        self.0.as_str()
    }
}

/// The request carried the deployment's admin token.
#[derive(Debug, Clone, Copy)]
pub struct AdminAuth;

pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

/// Authenticate `Authorization: Bearer <company key>` for the path's `company_id`. A wrong
/// key and an unknown company look the same (404): no probing another tenant.
pub async fn company_layer(
    State(state): State<AppState>,
    Path(params): Path<HashMap<String, String>>,
    mut req: Request,
    next: Next,
) -> Response {
    let company_id = params.get("company_id").map(String::as_str).unwrap_or("");
    let Some(key) = bearer(req.headers()) else {
        return AppError::new(
            StatusCode::UNAUTHORIZED,
            "missing Authorization: Bearer <company key>",
        )
        .into_response();
    };
    // The website's key is public: it opens web chats and nothing else.
    if key.starts_with("pk_") {
        return AppError::new(
            StatusCode::FORBIDDEN,
            "a publishable key (pk_…) can only open web chats; use the company's API key",
        )
        .into_response();
    }
    match state.service.authenticate(company_id, key).await {
        Ok(cid) => {
            req.extensions_mut().insert(CompanyAuth(cid));
            next.run(req).await
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

impl FromRequestParts<AppState> for CompanyAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, AppError> {
        parts.extensions.get::<CompanyAuth>().cloned().ok_or_else(|| {
            tracing::error!(path = %parts.uri.path(), "a company route outside the company layer");
            AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        })
    }
}

impl FromRequestParts<AppState> for AdminAuth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(admin) = &state.admin_token else {
            return Err(AppError::new(
                StatusCode::FORBIDDEN,
                "administration is disabled: set AISHA_ADMIN_TOKEN",
            ));
        };
        match bearer(&parts.headers) {
            Some(t) if bool::from(t.as_bytes().ct_eq(admin.as_bytes())) => Ok(AdminAuth),
            _ => Err(AppError::new(
                StatusCode::UNAUTHORIZED,
                "admin token required",
            )),
        }
    }
}

fn cookie_value(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

/// Signed-in console pages: the service checks the session cookie; without a valid one the
/// operator is sent to the sign-in page.
pub async fn console_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let session = match cookie_value(req.headers()) {
        Some(value) => state.service.console_session(value, Timestamp::now()).await,
        None => Ok(None),
    };
    match session {
        Ok(Some(s)) => {
            let needed = role_needed(req.method(), req.uri().path());
            if s.role < needed {
                return super::console::Page::from(crate::service::ServiceError::Forbidden(
                    format!(
                        "Your account is {}: only {} accounts (or more) can do this. Ask an owner.",
                        s.role, needed
                    ),
                ))
                .into_response();
            }
            req.extensions_mut().insert(s);
            next.run(req).await
        }
        Ok(None) => Redirect::to("/console/login").into_response(),
        Err(e) => super::console::Page::from(e).into_response(),
    }
}

impl FromRequestParts<AppState> for ConsoleSession {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Response> {
        parts
            .extensions
            .get::<ConsoleSession>()
            .cloned()
            .ok_or_else(|| {
                tracing::error!(path = %parts.uri.path(), "a console page outside the console layer");
                Redirect::to("/console/login").into_response()
            })
    }
}

/// The least role a console request needs: reading is for everyone, signing out too;
/// configuration, keys and the team are the owners'; every other change is an operator's.
pub fn role_needed(method: &Method, path: &str) -> crate::service::Role {
    if method == Method::GET || method == Method::HEAD || path == "/console/logout" {
        crate::service::Role::Viewer
    } else if path.starts_with("/console/config") || path.starts_with("/console/team") {
        crate::service::Role::Owner
    } else {
        crate::service::Role::Operator
    }
}
