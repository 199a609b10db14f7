//! The one error type of every route, and the one mapping from service errors to statuses.
//! The API renders it as JSON (`{"error": …}`); the console as a page (`console::Page`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::service::ServiceError;

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub message: String,
    /// A short heading for the console's error page.
    pub title: &'static str,
    /// Seconds a rate-limited client should wait (`Retry-After`).
    pub retry_after: Option<u64>,
}

/// Every error's JSON body.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What was wrong, naming the field or header when there is one.
    pub error: String,
}

impl AppError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            title: "Something went wrong",
            retry_after: None,
        }
    }

    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs);
        self
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn titled(mut self, title: &'static str) -> Self {
        self.title = title;
        self
    }
}

/// The status of every service error, for every interface.
pub fn status_of(e: &ServiceError) -> StatusCode {
    match e {
        ServiceError::Config(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ServiceError::UnknownCompany(_)
        | ServiceError::UnknownCustomer(_)
        | ServiceError::UnknownConversation(_)
        | ServiceError::UnknownEscalation(_) => StatusCode::NOT_FOUND,
        ServiceError::Invalid(_) => StatusCode::BAD_REQUEST,
        ServiceError::Contended | ServiceError::Conflict(_) => StatusCode::CONFLICT,
        ServiceError::Forbidden(_) => StatusCode::FORBIDDEN,
        ServiceError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        let status = status_of(&e);
        let message = match e {
            ServiceError::Store(s) if s.is_full() => {
                tracing::error!(error = %s, "storage full");
                "storage is full; nothing was changed".into()
            }
            ServiceError::Store(s) => {
                tracing::error!(error = %s, "storage failure");
                "storage is unavailable; nothing was changed".into()
            }
            ServiceError::Invalid(m) => m,
            e => e.to_string(),
        };
        AppError::new(status, message)
    }
}

impl From<aisha_core::InvalidValue> for AppError {
    fn from(e: aisha_core::InvalidValue) -> Self {
        AppError::bad_request(e.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut resp = (
            self.status,
            Json(ErrorBody {
                error: self.message,
            }),
        )
            .into_response();
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        resp
    }
}

pub type ApiResult<T> = Result<T, AppError>;

/// Parse a JSON body ourselves so malformed input gets a clear 400 naming the field.
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &str) -> ApiResult<T> {
    // Text a store cannot hold (NUL) is refused the same on both: 400 naming the field.
    super::input::check_json(body)?;
    let de = &mut serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        AppError::bad_request(format!("malformed JSON at `{path}`: {}", e.into_inner()))
    })
}

/// `axum::extract::Path` whose rejection is an [`AppError`] (JSON, naming the segment), so a
/// malformed id in the path is a 400 like a malformed body.
pub struct Path<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Path<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, AppError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(e) => Err(AppError::new(e.status(), e.body_text())),
        }
    }
}
