//! What a webhook says: one event per session that reached a final state (`session.passed`,
//! `session.failed`, `session.expired`, `session.purged`), with the session as the backend API
//! shows it. The id is derived from the session and the kind, so every instance that learns the
//! same thing makes the same event, and the outbox keeps it once; receivers deduplicate on it.

use serde::{Deserialize, Serialize};

/// A webhook event's body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// `evt_<signatureId>_<kind>`: stable across retries and instances.
    pub id: String,
    /// `session.passed`, `session.failed`, `session.expired` or `session.purged`.
    #[serde(rename = "type")]
    pub kind: String,
    /// When the server made it, epoch ms.
    pub created_at: u64,
    /// The session, as `GET /api/liveness/backend/sessions/{signatureId}` shows it.
    pub data: serde_json::Value,
}

impl Event {
    /// The event saying `signature_id` ended as `state` (`passed`, `failed`, `expired`, `purged`).
    pub fn new(signature_id: &str, state: &str, created_at: u64, data: serde_json::Value) -> Self {
        Self { id: format!("evt_{signature_id}_{state}"), kind: format!("session.{state}"), created_at, data }
    }
}

/// One event to one URL, waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    /// `<event id>@<url index>`.
    pub id: String,
    /// Where it goes.
    pub url: String,
    /// The body, exactly as signed and sent.
    pub body: String,
    /// When it was first queued, epoch ms.
    pub queued_at: u64,
    /// Attempts so far.
    pub attempts: u32,
    /// When it is due next, epoch ms.
    pub due_at: u64,
}
