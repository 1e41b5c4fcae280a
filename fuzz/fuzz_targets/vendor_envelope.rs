//! Decoding anything the vendor (or a proxy in front of it) might send never panics.
#![no_main]

use advance_liveness_server::vendor::Envelope;
use advance_liveness_server::vendor::api::{AccessTokenData, GetTokenData, LivenessResultData, TokenAuthRequest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(envelope) = serde_json::from_slice::<Envelope<serde_json::Value>>(bytes) {
        let _ = envelope.code.is_retry_later();
        let _ = format!("{:?}", envelope.code);
        if let Some(data) = envelope.data {
            let _ = serde_json::from_value::<AccessTokenData>(data.clone());
            let _ = serde_json::from_value::<GetTokenData>(data.clone());
            if let Ok(result) = serde_json::from_value::<LivenessResultData>(data) {
                let _ = format!("{result:?}");
            }
        }
    }
    let _ = serde_json::from_slice::<TokenAuthRequest>(bytes);
    let _ = serde_json::from_slice::<advance_liveness::SessionRequest>(bytes);
});
