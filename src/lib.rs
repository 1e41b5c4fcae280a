//! Drop-in ADVANCE AI H5 liveness check for web pages.
//!
//! The crate has two layers:
//! - pure rules, compiled and tested natively: [`AllowedOrigin`] (which origin is the liveness
//!   page), [`accept_message`] (which `postMessage` events to believe), [`LivenessUrl`] (which
//!   URLs may become an iframe `src`), and the wire types in [`protocol`] shared with the session
//!   server;
//! - a thin browser layer (wasm32 only) that reads facts from web-sys and feeds them to the rules:
//!   the framework-free [`widget`](crate::widget) that runs one check in the page and the JS
//!   bundle's entry point (feature `element`);
//! - the Leptos surface (feature `leptos`, on by default), on every target so that
//!   server-rendered apps can use it in shared view code: the hook
//!   [`use_liveness_check`](crate::component::use_liveness_check) and the component
//!   [`LivenessCheck`](crate::component::LivenessCheck). It chooses no rendering mode: the app's
//!   own leptos features do (`csr`, or `ssr` + `hydrate`); enable this crate's `ssr` feature from
//!   the app's `ssr` feature, as with leptos-use.
#![deny(missing_docs)]

pub mod camera_readiness;
pub mod error;
pub mod error_code;
pub mod flow;
pub mod fullscreen;
pub mod json;
pub mod locale;
pub mod outcome;
pub mod protocol;
pub mod rules;
pub mod texts;

#[cfg(target_arch = "wasm32")]
pub mod camera;
#[cfg(feature = "leptos")]
pub mod component;
#[cfg(all(target_arch = "wasm32", feature = "demo"))]
pub mod demo;
#[cfg(all(target_arch = "wasm32", feature = "element"))]
pub mod element;
#[cfg(all(target_arch = "wasm32", feature = "leptos"))]
pub mod locale_pack;
#[cfg(target_arch = "wasm32")]
pub mod message_event;
#[cfg(target_arch = "wasm32")]
pub mod session_client;
#[cfg(target_arch = "wasm32")]
pub mod task;
#[cfg(target_arch = "wasm32")]
pub mod timer;
#[cfg(target_arch = "wasm32")]
pub mod widget;

pub use camera_readiness::{CameraFacts, CameraReadiness, DeniedBy, PermissionAnswer};
pub use error::LivenessError;
pub use error_code::ApiErrorCode;
pub use flow::{
    CheckedSession, Command, CrossDeviceMode, Flow, FlowEvent, FlowOptions, FlowState, Phase, PreflightSession,
};
pub use fullscreen::{Fullscreen, FullscreenError};
pub use locale::{Locale, UnsupportedLocale, negotiate};
pub use outcome::LivenessOutcome;
pub use protocol::{
    AttackType, ErrorDetail, ErrorResponse, ProductLevel, ResultResponse, SessionMode, SessionRequest, SessionResponse,
    SignatureId, VerificationStatus,
};
pub use rules::liveness_url::{LivenessUrl, LivenessUrlError};
pub use rules::message::{IncomingMessage, LivenessSignal, Rejection, accept_message};
pub use rules::origin::{AllowedOrigin, DEFAULT_LIVENESS_ORIGIN, OriginError};
pub use texts::Texts;
