//! The vendor's request signature for Token Authentication.

use sha2::{Digest, Sha256};

/// `hex(sha256(accessKey + secretKey + timestamp))`, lower-case, as the vendor's Token
/// Authentication API expects in its `signature` field. `timestamp_ms` is the 13-digit epoch
/// milliseconds sent alongside it.
///
/// ```
/// use advance_liveness_server::signature::sign;
/// assert_eq!(
///     sign("sampleaccesskey", "samplesecretkey", 1665993522952),
///     "02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5",
/// );
/// ```
pub fn sign(access_key: &str, secret_key: &str, timestamp_ms: u64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(access_key.as_bytes());
    hasher.update(secret_key.as_bytes());
    hasher.update(timestamp_ms.to_string().as_bytes());
    hex::encode(hasher.finalize())
}

/// Whether `signature` is the one [`sign`] computes for these inputs, compared in constant time
/// so the simulator does not leak how much of a guess was right.
pub fn verify(access_key: &str, secret_key: &str, timestamp_ms: u64, signature: &str) -> bool {
    let expected = sign(access_key, secret_key, timestamp_ms);
    let given = signature.to_ascii_lowercase();
    expected.len() == given.len() && expected.bytes().zip(given.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_vendor_guide_example() {
        assert_eq!(
            sign("sampleaccesskey", "samplesecretkey", 1_665_993_522_952),
            "02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5"
        );
    }

    #[test]
    fn every_input_changes_the_signature() {
        let base = sign("sampleaccesskey", "samplesecretkey", 1_665_993_522_952);
        assert_ne!(sign("sampleaccesskeY", "samplesecretkey", 1_665_993_522_952), base);
        assert_ne!(sign("sampleaccesskey", "samplesecretkeY", 1_665_993_522_952), base);
        assert_ne!(sign("sampleaccesskey", "samplesecretkey", 1_665_993_522_953), base);
    }

    #[test]
    fn verification_accepts_only_the_right_signature() {
        let good = "02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5";
        assert!(verify("sampleaccesskey", "samplesecretkey", 1_665_993_522_952, good));
        assert!(verify("sampleaccesskey", "samplesecretkey", 1_665_993_522_952, &good.to_uppercase()));
        assert!(!verify("sampleaccesskey", "samplesecretkey", 1_665_993_522_953, good));
        assert!(!verify("sampleaccesskey", "samplesecretkey", 1_665_993_522_952, &good[..63]));
        assert!(!verify("sampleaccesskey", "samplesecretkey", 1_665_993_522_952, ""));
    }
}
