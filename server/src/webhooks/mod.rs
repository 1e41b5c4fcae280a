//! Webhooks to the integrator's backend: signed events ([`signature`], [`event`]) for sessions
//! that reached a final state, kept in a durable outbox (the store) and delivered at least once,
//! with retries for a day ([`delivery`]).

pub mod delivery;
pub mod event;
pub mod signature;

pub use event::{Delivery, Event};
pub use signature::{HEADER, TOLERANCE, WeakSecret, WebhookError, WebhookSecret, sign, verify_webhook};
