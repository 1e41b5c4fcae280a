//! `Fullscreen`: when the liveness page covers the whole screen. The vendor's guide requires the
//! iframe integration to go full screen on phones; on a wide screen the frame can sit in the page.

use std::fmt;
use std::str::FromStr;

/// When the liveness page covers the whole viewport (while it is shown; the other phases stay in
/// the page). Whenever the frame covers the screen, a visible "Exit full screen" button puts it
/// back into the page for the rest of the check (the widget is then `Never` until the app sets
/// the mode again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Fullscreen {
    /// On a narrow viewport (`max-width: 40rem`, phones), decided by a CSS media query, so
    /// rotating the device or resizing the window switches without a reload. Default.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never: the frame stays in the page on every screen.
    Never,
}

impl Fullscreen {
    /// The attribute / option spelling: `auto`, `true` or `false`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Always => "true",
            Self::Never => "false",
        }
    }
}

impl From<bool> for Fullscreen {
    /// `true` is [`Fullscreen::Always`], `false` [`Fullscreen::Never`].
    fn from(always: bool) -> Self {
        if always { Self::Always } else { Self::Never }
    }
}

/// A `fullscreen` value that is none of `auto`, `true` and `false`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("fullscreen must be auto, true or false, not `{0}`")]
pub struct FullscreenError(pub String);

impl FromStr for Fullscreen {
    type Err = FullscreenError;

    /// `auto`, `true` or `false`. An empty value is `true`: a bare `fullscreen` attribute, as
    /// HTML's boolean attributes read.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "auto" => Ok(Self::Auto),
            "" | "true" => Ok(Self::Always),
            "false" => Ok(Self::Never),
            other => Err(FullscreenError(other.to_owned())),
        }
    }
}

impl fmt::Display for Fullscreen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_read_as_html_boolean_attributes_plus_auto() {
        assert_eq!("auto".parse(), Ok(Fullscreen::Auto));
        assert_eq!("".parse(), Ok(Fullscreen::Always), "a bare attribute");
        assert_eq!("true".parse(), Ok(Fullscreen::Always));
        assert_eq!("false".parse(), Ok(Fullscreen::Never));
        for bad in ["yes", "TRUE", "auto ", "0"] {
            assert_eq!(bad.parse::<Fullscreen>(), Err(FullscreenError(bad.into())), "{bad:?}");
        }
        assert_eq!(Fullscreen::default(), Fullscreen::Auto);
        for mode in [Fullscreen::Auto, Fullscreen::Always, Fullscreen::Never] {
            assert_eq!(mode.as_str().parse(), Ok(mode), "round trip");
        }
        assert_eq!(Fullscreen::from(true), Fullscreen::Always);
        assert_eq!(Fullscreen::from(false), Fullscreen::Never);
    }
}
