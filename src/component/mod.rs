//! The Leptos component (wasm32, feature `leptos`): `<LivenessCheck/>` mounts the
//! [`widget`](crate::widget) and ties it to the component's life.

mod liveness_check;

pub use liveness_check::{LivenessCheck, LivenessCheckProps};
