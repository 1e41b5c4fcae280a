//! The backend API: the integrator's own server mints sessions for its users, reads their
//! verified results and purges them, authenticated with a backend key ([`super::backend_auth`]),
//! never with a browser's cookie.
//!
//! - `POST /api/liveness/backend/sessions` `{userId, reference?, mode?, productLevel?}`: a
//!   session bound to that user on the server side, with a `clientSecret` for the page.
//! - `GET /api/liveness/backend/sessions/{signatureId}`: the session and its verdict, read
//!   through the same cache as the browser's reads (one vendor read per session).
//! - `DELETE /api/liveness/backend/sessions/{signatureId}`: the PII purge.
//!
//! Any session the server minted in the last 25 hours can be read or purged, whoever minted it;
//! the record says who (`mintedBy`), since a browser-minted session's `userId` is the browser's
//! word only.

use advance_liveness::{
    ApiErrorCode, AttackType, ProductLevel, ResultResponse, SessionMode, SessionResponse, SignatureId,
};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

use super::backend_auth::Backend;
use super::binding::OwnedSession;
use super::client_secret::ClientSecret;
use super::error::AppError;
use super::sessions::{
    AppState, MintRequest, mint_session, parse_json, purge_session, read_result, session_response, status_name,
};
use super::store::{MintedBy, SessionRecord};

/// Longest `reference` accepted.
const MAX_REFERENCE: usize = 256;

/// The body of a backend mint.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackendMint {
    user_id: String,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    mode: Option<SessionMode>,
    #[serde(default)]
    product_level: Option<ProductLevel>,
}

/// A session as the backend reads it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendSession {
    signature_id: SignatureId,
    user_id: Option<String>,
    reference: Option<String>,
    minted_by: MintedBy,
    /// `pending`, `passed`, `failed`, `expired` (or `purged`, in a webhook).
    status: &'static str,
    score: Option<f64>,
    attack_type: Option<AttackType>,
    code: Option<String>,
    minted_at: u64,
    completed_at: Option<u64>,
}

impl BackendSession {
    /// The session of `record`, in `status`, with `result`'s verdict if any.
    pub(crate) fn of(
        record: SessionRecord,
        status: &'static str,
        result: Option<&ResultResponse>,
        completed_at: Option<u64>,
    ) -> Self {
        Self {
            signature_id: record.signature_id,
            user_id: record.user_id,
            reference: record.reference,
            minted_by: record.minted_by,
            status,
            score: result.and_then(|r| r.score),
            attack_type: result.and_then(|r| r.attack_type),
            code: result.and_then(|r| r.code.clone()),
            minted_at: record.minted_at,
            completed_at,
        }
    }
}

/// `POST /api/liveness/backend/sessions`.
pub async fn create(
    _: Backend,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SessionResponse>, AppError> {
    let answer = async {
        let request: BackendMint = parse_json(&headers, body)?
            .ok_or_else(|| AppError::new(ApiErrorCode::InvalidRequest, "send {\"userId\": ...} (required)"))?;
        if let Some(reference) = &request.reference
            && (reference.is_empty()
                || reference.chars().count() > MAX_REFERENCE
                || reference.chars().any(char::is_control))
        {
            return Err(AppError::new(ApiErrorCode::InvalidRequest, "reference must be 1-256 printable characters"));
        }
        let minted = mint_session(
            &state,
            MintRequest {
                user_id: Some(request.user_id),
                reference: request.reference,
                mode: request.mode.unwrap_or_default(),
                product_level: request.product_level,
                locale: None,
                minted_by: MintedBy::Backend,
            },
        )
        .await?;
        // The usual session fields and the page's secret: the page takes this answer as it is.
        let client_secret = ClientSecret::issue(&minted.signature_id, minted.expires_at, &state.config.cookie_keys);
        Ok(SessionResponse { client_secret: Some(client_secret), ..session_response(&state, &minted) })
    }
    .await;
    state.metrics.mint(&answer);
    answer.map(Json)
}

/// `GET /api/liveness/backend/sessions/{signatureId}`.
pub async fn read(
    _: Backend,
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<BackendSession>, AppError> {
    let record = minted_here(&state, id).await?;
    let owned =
        OwnedSession { signature_id: record.signature_id.clone(), expires_at: record.expires_at, mode: record.mode };
    let result = read_result(&state, &owned).await;
    state.metrics.result_read(&result);
    let result = result?;
    // The read may just have finished it: its completion time is in the record now.
    let completed_at = match record.completed_at {
        None if result.status.is_terminal() => {
            state.store.record(&record.signature_id).await.ok().flatten().and_then(|r| r.completed_at)
        }
        known => known,
    };
    Ok(Json(BackendSession::of(record, status_name(result.status), Some(&result), completed_at)))
}

/// `DELETE /api/liveness/backend/sessions/{signatureId}`: clear-data at the vendor, once.
pub async fn purge(
    _: Backend,
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, AppError> {
    let answer = async {
        let record = minted_here(&state, id).await?;
        purge_session(&state, &record.signature_id, "backend").await
    }
    .await;
    state.metrics.purge(&answer);
    answer.map(|()| StatusCode::NO_CONTENT)
}

/// The record of a session this server minted in the last 25 hours; `404` otherwise.
async fn minted_here(state: &AppState, id: Result<Path<String>, PathRejection>) -> Result<SessionRecord, AppError> {
    let unknown = || {
        AppError::new(ApiErrorCode::NotFound, "no session with that signatureId was minted here in the last 25 hours")
    };
    let Ok(Path(id)) = id else { return Err(unknown()) };
    let id = SignatureId::new(id).map_err(|_| unknown())?;
    match state.store.record(&id).await {
        Ok(Some(record)) => Ok(record),
        Ok(None) => Err(unknown()),
        Err(error) => {
            state.metrics.store_error(&error);
            Err(error.refusal())
        }
    }
}
