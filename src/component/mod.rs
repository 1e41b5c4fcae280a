//! The Leptos component (wasm32): `<LivenessCheck/>` runs the [`Flow`](crate::Flow) in the
//! browser; `CrossDevicePanel` is its QR-code-and-link view.

mod cross_device;
mod liveness_check;

pub use cross_device::CrossDevicePanel;
pub use liveness_check::{LivenessCheck, LivenessCheckProps};
