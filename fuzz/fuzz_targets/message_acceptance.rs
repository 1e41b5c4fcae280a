//! Message acceptance never panics, and accepts only what its rule says.
#![no_main]

use advance_liveness::{AllowedOrigin, IncomingMessage, accept_message};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, bool, Option<&str>)| {
    let (origin, from_our_frame, data) = input;
    for allowed in [AllowedOrigin::default(), AllowedOrigin::parse("http://127.0.0.1:8090").unwrap()] {
        if accept_message(&allowed, &IncomingMessage { origin, from_our_frame, data }).is_ok() {
            assert!(from_our_frame, "accepted from a foreign window");
            assert!(allowed.matches(origin), "accepted from {origin:?}");
            let data = data.expect("accepted a non-string");
            assert!(data.len() <= advance_liveness::rules::message::MAX_MESSAGE_BYTES);
            // As a JS parser reads it (escapes decoded, the last of duplicated keys).
            let body: serde_json::Value = serde_json::from_str(data).expect("accepted non-JSON");
            assert!(matches!(body["info"].as_str(), Some("successNext" | "failedNext")), "accepted {data:?}");
        }
    }
});
