//! A Leptos app rendered on the server and hydrated in the browser, with `<LivenessCheck/>` in
//! its shared view code and the session router of `advance-liveness-server` in the same axum
//! app. Built twice: natively with `ssr` (the server binary), to wasm32 with `hydrate`
//! (`scripts/lib/toolchain.sh`: `build_leptos_ssr_example`).

pub mod app;
#[cfg(feature = "ssr")]
pub mod server;

/// The browser's entry point, called by the script `HydrationScripts` writes into the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
