//! The vendor's API, both sides: the wire types and status codes of the ADVANCE AI H5 liveness
//! API as its guide documents them, and a typed async client for it.

pub mod api;
pub mod client;
pub mod configure_ui;
pub mod envelope;
pub mod error;
pub mod secret;

pub use client::{CallObserver, Client, ClientBuilder, DEFAULT_API_BASE, LivenessResult};
pub use envelope::{Envelope, PricingStrategy, VendorCode};
pub use error::VendorError;
pub use secret::{AccessToken, Credentials, SecretKey};
