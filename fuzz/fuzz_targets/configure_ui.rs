//! The ConfigureUI validator never panics, and every error it reports names a field.
#![no_main]

use advance_liveness_server::vendor::configure_ui::UiConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(config) = serde_json::from_slice::<UiConfig>(bytes)
        && let Err(errors) = config.validate()
    {
        assert!(!errors.is_empty());
        for error in errors {
            assert!(!error.path.is_empty(), "an error without a field: {error}");
            let _ = error.to_string();
        }
    }
});
