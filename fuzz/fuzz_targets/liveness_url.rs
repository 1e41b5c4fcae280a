//! URL validation never panics; what it accepts is on the allowed origin and encoded exactly once
//! (parsing its own output changes nothing).
#![no_main]

use advance_liveness::{AllowedOrigin, LivenessUrl};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    for allowed in [AllowedOrigin::default(), AllowedOrigin::parse("http://127.0.0.1:8090").unwrap()] {
        if let Ok(url) = LivenessUrl::parse(raw, &allowed) {
            let text = url.as_str();
            assert!(text.starts_with(allowed.as_str()), "{text} is off {allowed}");
            assert!(!text.contains(char::is_whitespace) && text.is_ascii(), "not encoded: {text:?}");
            let again = LivenessUrl::parse(text, &allowed).expect("its own output is valid");
            assert_eq!(again.as_str(), text, "encoding is not idempotent");
        }
    }
    let _ = AllowedOrigin::parse(raw);
});
