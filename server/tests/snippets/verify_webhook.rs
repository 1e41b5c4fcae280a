use hmac::{Hmac, Mac};
use sha2::Sha256;

/// `body` is the raw request body; `header` the Advance-Liveness-Signature value.
pub fn verify_webhook(secret: &[u8], header: &str, body: &[u8], now: u64) -> bool {
    let fields: Vec<(&str, &str)> = header.split(',').filter_map(|part| part.trim().split_once('=')).collect();
    let times: Vec<&str> = fields.iter().filter(|(key, _)| *key == "t").map(|(_, value)| *value).collect();
    let [t] = times[..] else { return false };
    let Some(t) = t.bytes().all(|b| b.is_ascii_digit()).then(|| t.parse::<u64>().ok()).flatten() else {
        return false;
    };
    if now.abs_diff(t) > 300 {
        return false;
    }
    fields.iter().filter(|(key, _)| *key == "v1").any(|(_, signature)| {
        let (Ok(given), Ok(mut mac)) = (hex::decode(signature), Hmac::<Sha256>::new_from_slice(secret)) else {
            return false;
        };
        mac.update(format!("{t}.").as_bytes());
        mac.update(body);
        mac.verify_slice(&given).is_ok() // constant time
    })
}
