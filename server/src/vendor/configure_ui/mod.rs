//! The ConfigureUI document: the body of the vendor's `POST /openapi/liveness/v1/h5/configureUI`,
//! which customises the hosted liveness page, and the checks we run on it before sending.
//!
//! The guide documents the API with one full sample request (the mobile camera, loading, result,
//! multi-device and timeout pages) and a list of error codes. The error list also names pages the
//! sample leaves out (a mobile tips page and failed dialog; PC tips, failed dialog, camera and
//! result pages): their field names are ours, chosen in the guide's style, and each says so.
//!
//! [`UiConfig::validate`] reports every problem at once, each with the vendor's own code and
//! message where the guide has one, so an operator fixes a `ui.json` in one pass instead of
//! learning the vendor's rules one rejected request at a time. The guide names "too long" errors
//! but never the limits; the `MAX_*` constants are our choice.
//!
//! Three parts: `error_codes` (the guide's code catalogue, [`UiErrorCode`]), `schema` (the
//! document types, where each field is declared once with its rule) and `validate` (the rules,
//! the limits and [`UiConfigError`]).

mod error_codes;
mod schema;
mod validate;

pub use error_codes::UiErrorCode;
pub use schema::{
    FailedDialog, MobileCameraPage, MobileLoadingPage, MobileMultiDeviceProcessPage, MobileResultPage,
    MobileTimeoutPage, MobileTipsPage, PcCameraPage, PcResultPage, PcTipsPage, TipsPageTip, UiConfig,
};
pub use validate::{
    MAX_BUTTON_TEXT_CHARS, MAX_DESC_CHARS, MAX_LOCALE_CHARS, MAX_TIP_CHARS, MAX_TIPS, MAX_TITLE_CHARS,
    MIN_LOCALE_CHARS, UiConfigError,
};
