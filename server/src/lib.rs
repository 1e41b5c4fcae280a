//! The session server for the ADVANCE AI H5 liveness check: it holds the vendor secret key, mints
//! liveness sessions for the page, and reads their results back. The vendor client, the local
//! vendor simulator and the HTTP routes grow here; the wire types the browser sees live in the
//! `advance-liveness` crate's `protocol` module, shared with the component.
#![deny(missing_docs)]

pub mod app;
pub mod clock;
pub mod signature;
pub mod simulator;
pub mod vendor;
pub mod webhooks;
