//! How the simulator scores a check: from the two frames the hosted page captured.
//!
//! The real vendor runs face and anti-spoofing models; the simulator only needs to behave like
//! one as a client observes it. A live person's far and near frames differ; a replayed still
//! image gives identical (or nearly identical) frames; a blank or broken capture has no face.

/// What the frames say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FrameVerdict {
    /// Two different real frames: a score from 0 to 100 (how different they are).
    Scored(f64),
    /// The same picture twice: a presentation attack (a photo or screen), score 0.
    StillImage,
    /// Not JPEG images, or too small to hold a face.
    NoFace,
}

/// Smallest JPEG we consider a picture of a face, in bytes (a 640x480 camera frame is ~20 KB;
/// a uniformly black one is under 1 KB).
pub const MIN_FRAME_BYTES: usize = 2 * 1024;

/// Judges a far and a near frame (decoded JPEG bytes).
pub fn judge(far: &[u8], near: &[u8]) -> FrameVerdict {
    if !is_plausible_jpeg(far) || !is_plausible_jpeg(near) {
        return FrameVerdict::NoFace;
    }
    if far == near {
        return FrameVerdict::StillImage;
    }
    // Share of bytes equal at the same offset: near 1.0 for a re-encoded still image, low for
    // two frames of a moving scene, whose entropy-coded data differs almost everywhere.
    let len = far.len().min(near.len());
    let same = far.iter().zip(near).filter(|(a, b)| a == b).count();
    let similarity = same as f64 / len as f64;
    FrameVerdict::Scored(((1.0 - similarity) * 100.0).clamp(0.0, 100.0).round())
}

fn is_plausible_jpeg(bytes: &[u8]) -> bool {
    bytes.len() >= MIN_FRAME_BYTES && bytes.starts_with(&[0xFF, 0xD8]) && bytes.ends_with(&[0xFF, 0xD9])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(fill: impl Fn(usize) -> u8) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        bytes.extend((0..4096).map(fill));
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn different_frames_score_high() {
        let far = jpeg(|i| (i * 7 % 251) as u8);
        let near = jpeg(|i| (i * 13 % 241) as u8);
        match judge(&far, &near) {
            FrameVerdict::Scored(score) => assert!(score >= 90.0, "{score}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nearly_identical_frames_score_low() {
        let far = jpeg(|i| (i % 200) as u8);
        let mut near = far.clone();
        near[100] ^= 1;
        match judge(&far, &near) {
            FrameVerdict::Scored(score) => assert!(score < 5.0, "{score}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_same_frame_twice_is_a_still_image() {
        let frame = jpeg(|i| i as u8);
        assert_eq!(judge(&frame, &frame), FrameVerdict::StillImage);
    }

    #[test]
    fn broken_or_tiny_frames_have_no_face() {
        let good = jpeg(|i| i as u8);
        assert_eq!(judge(b"not a jpeg", &good), FrameVerdict::NoFace);
        assert_eq!(judge(&good, &[0xFF, 0xD8, 0xFF, 0xD9]), FrameVerdict::NoFace);
        let mut truncated = good.clone();
        truncated.truncate(3000);
        assert_eq!(judge(&good, &truncated), FrameVerdict::NoFace);
    }
}
