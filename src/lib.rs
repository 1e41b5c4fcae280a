//! Drop-in ADVANCE AI H5 liveness check for web pages.
//!
//! The crate has two layers:
//! - pure rules, compiled and tested natively: [`AllowedOrigin`] (which origin is the liveness
//!   page), [`accept_message`] (which `postMessage` events to believe), [`LivenessUrl`] (which
//!   URLs may become an iframe `src`), and the wire types in [`protocol`] shared with the session
//!   server;
//! - a thin browser layer (wasm32 only) that reads facts from web-sys and feeds them to the rules:
//!   the framework-free [`widget`](crate::widget) that runs one check in the page, the Leptos
//!   component that wraps it (feature `leptos`, on by default), and the JS bundle's entry point
//!   (feature `element`).
#![deny(missing_docs)]

pub mod camera_readiness;
pub mod error;
pub mod error_code;
pub mod flow;
pub mod json;
pub mod outcome;
pub mod protocol;
pub mod qr;
pub mod rules;
pub mod texts;

#[cfg(target_arch = "wasm32")]
pub mod camera;
#[cfg(all(target_arch = "wasm32", feature = "leptos"))]
pub mod component;
#[cfg(all(target_arch = "wasm32", feature = "demo"))]
pub mod demo;
#[cfg(all(target_arch = "wasm32", feature = "element"))]
pub mod element;
#[cfg(target_arch = "wasm32")]
pub mod message_event;
#[cfg(target_arch = "wasm32")]
pub mod session_client;
#[cfg(target_arch = "wasm32")]
pub mod timer;
#[cfg(target_arch = "wasm32")]
pub mod widget;

pub use camera_readiness::{CameraReadiness, DeniedBy, PermissionAnswer};
pub use error::LivenessError;
pub use error_code::ApiErrorCode;
pub use flow::{Command, CrossDeviceMode, Flow, FlowEvent, FlowOptions, Phase};
pub use outcome::LivenessOutcome;
pub use protocol::{
    AttackType, ErrorDetail, ErrorResponse, ProductLevel, ResultResponse, SessionMode, SessionRequest, SessionResponse,
    SignatureId, VerificationStatus,
};
pub use rules::liveness_url::{LivenessUrl, LivenessUrlError};
pub use rules::message::{IncomingMessage, LivenessSignal, Rejection, accept_message};
pub use rules::origin::{AllowedOrigin, DEFAULT_LIVENESS_ORIGIN, OriginError};
pub use texts::Texts;
