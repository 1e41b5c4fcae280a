//! `GET /readyz`: whether this instance can do its work, for a load balancer or an orchestrator
//! to stop sending it requests while it cannot. `/healthz` only says the process answers; this
//! also asks the store (Redis), within its timeout.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::error::AppError;
use super::sessions::AppState;

/// `200 {"status":"ready","store":"redis"}`, or `503 store_unavailable` with `Retry-After`.
pub async fn readyz(State(state): State<AppState>) -> Result<(StatusCode, Json<Value>), AppError> {
    match state.store.ping().await {
        Ok(()) => Ok((StatusCode::OK, Json(json!({ "status": "ready", "store": state.store.backend() })))),
        Err(error) => {
            state.metrics.store_error(&error);
            tracing::warn!(%error, "not ready: the store does not answer");
            Err(error.refusal())
        }
    }
}
