//! Webhooks to the integrator's backend. So far: how deliveries are signed and how a receiver
//! checks them ([`signature`]); the outbox and its delivery come next (docs/backend.md).

pub mod signature;

pub use signature::{HEADER, TOLERANCE, WeakSecret, WebhookError, WebhookSecret, sign, verify_webhook};
