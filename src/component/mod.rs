//! The Leptos surface (feature `leptos`), on every target: the hook
//! [`use_liveness_check`] runs the [`widget`](crate::widget) in an element of yours and returns
//! the check as signals; [`LivenessCheck`] is a thin component over it.
//!
//! Both render the same markup on the server and in the browser, and start the check only in
//! the browser, after hydration, so they work in client-rendered and server-rendered apps alike.

mod liveness_check;
mod use_liveness_check;

pub use liveness_check::{LivenessCheck, LivenessCheckProps};
pub use use_liveness_check::{
    DEFAULT_LOCALE_PACKS, UseLivenessCheckOptions, UseLivenessCheckReturn, use_liveness_check,
};
