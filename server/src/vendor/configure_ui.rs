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
//! but never the limits; the `MAX_*` constants below are our choice.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Most characters in a title or a bold headline. The guide has `M_TITLE_TOO_LONG_*` but gives no
/// number: 50 is our choice. Lengths count `char`s (Unicode scalar values), not bytes, so
/// non-Latin scripts get the same room.
pub const MAX_TITLE_CHARS: usize = 50;

/// Most characters in a description, a title description or a prompt sentence (such as the
/// camera page's tips). The guide names `*_DESC_*_TOO_LONG_*` without a number: 100 is our
/// choice, roomy enough for the guide's own longest sample sentence (87 characters).
pub const MAX_DESC_CHARS: usize = 100;

/// Most characters in one tip of a tips page. The guide has `M_TIPS_TOO_LONG_TIPS_PAGE(_PC)`
/// without a number: 60 is our choice.
pub const MAX_TIP_CHARS: usize = 60;

/// Most characters in a button's text. The guide has `*_BUTTON_TEXT_TOO_LONG_*` without a
/// number: 30 is our choice.
pub const MAX_BUTTON_TEXT_CHARS: usize = 30;

/// Most tips on a tips page. This one is the guide's: "supporting up to four".
pub const MAX_TIPS: usize = 4;

/// Fewest characters in `locale` (as in `en`). Our choice; the guide only shows `"en"`.
pub const MIN_LOCALE_CHARS: usize = 2;

/// Most characters in `locale`: BCP 47 tags in practice stay well under this. Our choice.
pub const MAX_LOCALE_CHARS: usize = 35;

/// Declares [`UiErrorCode`] from two lists, so each code's name and message are written once:
/// the guide's codes (name and message verbatim) and our own generic ones.
macro_rules! ui_error_codes {
    (
        vendor { $( $vendor:ident => $vendor_message:literal, )* }
        ours { $( $(#[$doc:meta])* $ours:ident => $ours_message:literal, )* }
    ) => {
        /// Why a [`UiConfig`] field is refused. Variants keep the guide's exact code names; the
        /// generic `INVALID_*`/`TEXT_TOO_LONG` ones are ours, for fields the guide has no code for.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum UiErrorCode {
            $(
                #[doc = concat!("Vendor code: \"", $vendor_message, "\"")]
                $vendor,
            )*
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nOurs, not the vendor's: \"", $ours_message, "\"")]
                $ours,
            )*
        }

        impl UiErrorCode {
            /// Every code, the guide's first (in the guide's order), then ours.
            pub const ALL: &'static [UiErrorCode] = &[$(Self::$vendor,)* $(Self::$ours,)*];

            /// The code's name exactly as the guide spells it (or ours, for the generic ones).
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$vendor => stringify!($vendor),)*
                    $(Self::$ours => stringify!($ours),)*
                }
            }

            /// The guide's message for this code (or ours, for the generic ones).
            pub fn message(self) -> &'static str {
                match self {
                    $(Self::$vendor => $vendor_message,)*
                    $(Self::$ours => $ours_message,)*
                }
            }

            /// Whether the vendor itself documents this code (rather than it being one of ours).
            pub fn is_vendor(self) -> bool {
                match self {
                    $(Self::$vendor => true,)*
                    $(Self::$ours => false,)*
                }
            }
        }
    };
}

ui_error_codes! {
    vendor {
        M_TITLE_TOO_LONG_TIPS_PAGE => "The title is too long of tips page.",
        M_TITLE_DESC_TOO_LONG_TIPS_PAGE => "The title description is too long of tips page.",
        M_BACKGROUND_NOT_COLOR_TIPS_PAGE => "Wrong format of the tips page background color.",
        M_TIPS_COUNT_OVERSTEP_TIPS_PAGE => "The number of prompts exceeds the limit, supporting up to four.",
        M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE => "Wrong format of the icon link at tips page.",
        M_TIPS_TOO_LONG_TIPS_PAGE => "The tips is too long of tips page.",
        M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE => "The button text is too long of tips page.",
        M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE => "Wrong format of the start button background color of tips page.",
        M_LOADING_TEXT_TOO_LONG_LOADING_PAGE => "The loading text is too long of loading page.",
        M_PROGRESS_COLOR_WRONG_LOADING_PAGE => "Wrong format of the loading page progress color.",
        M_DESC_TEXT_TOO_LONG_FAILED_DIALOG => "The description text is too long of failed dialog.",
        M_ICON_LINK_NOT_URL_FAILED_DIALOG => "Wrong format of the icon link at detection failed dialog.",
        M_BUTTON_TEXT_TOO_LONG_FAILED_DIALOG => "The button text is too long of failed dialog.",
        M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_FAILED_DIALOG => "Wrong format of the confirm button background color of detection failed dialog.",
        M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE => "Wrong format of the success icon link at result page.",
        M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE => "Wrong format of the failed icon link at result page.",
        M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE => "The success description text is too long of result page.",
        M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE => "The failed description text is too long of result page.",
        M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE => "The next step button text is too long of result page.",
        M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE => "The try again button text is too long of result page.",
        M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE => "Wrong format of the result page next step button background color",
        M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE => "Wrong format of the result page try again button background color",
        M_TITLE_TOO_LONG_TIPS_PAGE_PC => "The title is too long of PC tips page.",
        M_TITLE_DESC_TOO_LONG_TIPS_PAGE_PC => "The title description is too long of PC tips page.",
        M_TIPS_COUNT_OVERSTEP_TIPS_PAGE_PC => "The number of PC tips exceeds the limit, supporting up to four.",
        M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE_PC => "Wrong format of the icon link at PC tips page.",
        M_TIPS_TOO_LONG_TIPS_PAGE_PC => "The tips is too long of PC tips page.",
        M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE_PC => "The button text is too long of PC tips page.",
        M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE_PC => "Wrong format of the start button background color of PC tips page.",
        M_DESC_TEXT_TOO_LONG_PC_FAILED_DIALOG => "The description text is too long of PC failed dialog.",
        M_ICON_LINK_NOT_URL_PC_FAILED_DIALOG => "Wrong format of the icon link at detection PC failed dialog.",
        M_BUTTON_TEXT_TOO_LONG_PC_FAILED_DIALOG => "The button text is too long of PC failed dialog.",
        M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_PC_FAILED_DIALOG => "Wrong format of the confirm button background color of detection PC failed dialog.",
        M_TITLE_TOO_LONG_CAMERA_PAGE_PC => "The title is too long of PC camera page.",
        M_TITLE_DESC_TOO_LONG_CAMERA_PAGE_PC => "The title description is too long of PC camera page.",
        M_TAKE_PHOTO_ICON_LINK_NOT_URL_CAMERA_PAGE_PC => "Wrong format of the icon link of take photo button at PC camera page.",
        M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE_PC => "Wrong format of the success icon link at PC result page.",
        M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE_PC => "Wrong format of the failed icon link at PC result page.",
        M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC => "The success description text is too long of PC result page.",
        M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC => "The failed description text is too long of PC result page.",
        M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC => "The next step button text is too long of PC result page.",
        M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC => "The try again button text is too long of PC result page.",
        M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC => "Wrong format of the PC result page next step button background color",
        M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC => "Wrong format of the PC result page try again button background color",
    }
    ours {
        /// A colour field the guide has no code for is not `#RGB`, `#RRGGBB` or `#RRGGBBAA`.
        INVALID_COLOR => "Wrong format of the color: expected #RGB, #RRGGBB or #RRGGBBAA.",
        /// A link field the guide has no code for is not an absolute http(s) URL.
        INVALID_LINK => "Wrong format of the link: expected an absolute http or https URL.",
        /// A text field the guide has no code for is longer than our limit for its kind.
        TEXT_TOO_LONG => "The text is too long.",
        /// `locale` does not look like a language tag such as `en`, `zh-CN` or `id_ID`.
        INVALID_LOCALE => "Wrong format of the locale: expected a language tag such as en or zh-CN.",
    }
}

impl fmt::Display for UiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One refused field of a [`UiConfig`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiConfigError {
    /// Which rule it breaks.
    pub code: UiErrorCode,
    /// The field's JSON path, e.g. `mobileResultPage.nextStepButtonBackgroundColor` or
    /// `mobileTipsPage.tips[4]`.
    pub path: String,
    /// The code's message (the guide's text for vendor codes).
    pub message: &'static str,
}

impl UiConfigError {
    fn new(code: UiErrorCode, path: String) -> Self {
        Self { code, path, message: code.message() }
    }
}

impl fmt::Display for UiConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code, self.path, self.message)
    }
}

impl std::error::Error for UiConfigError {}

/// The whole ConfigureUI request body. Every field is optional: what is left out keeps the
/// vendor's default. Unknown fields are refused so a typo in a `ui.json` is an error rather than a
/// silently ignored setting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UiConfig {
    /// The page title (the guide's sample: `"Liveness Detection"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_text: Option<String>,
    /// The page language, e.g. `"en"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The mobile tips page (named only by the guide's error list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_tips_page: Option<MobileTipsPage>,
    /// The mobile camera page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_camera_page: Option<MobileCameraPage>,
    /// The mobile loading page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_loading_page: Option<MobileLoadingPage>,
    /// The mobile detection-failed dialog (named only by the guide's error list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_failed_dialog: Option<FailedDialog>,
    /// The mobile result page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_result_page: Option<MobileResultPage>,
    /// The mobile pages for camera trouble: refresh, continue-on-another-device (QR code) and
    /// verification-finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_multi_device_process_page: Option<MobileMultiDeviceProcessPage>,
    /// The mobile timeout page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_timeout_page: Option<MobileTimeoutPage>,
    /// The PC tips page (named only by the guide's error list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pc_tips_page: Option<PcTipsPage>,
    /// The PC detection-failed dialog (named only by the guide's error list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pc_failed_dialog: Option<FailedDialog>,
    /// The PC camera page (named only by the guide's error list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pc_camera_page: Option<PcCameraPage>,
    /// The PC result page (named only by the guide's error list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pc_result_page: Option<PcResultPage>,
}

/// The mobile tips page shown before the camera starts. The guide's sample omits it; its error
/// list (`M_*_TIPS_PAGE`) implies these fields, whose names are ours in the guide's style.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MobileTipsPage {
    /// The title (implied by `M_TITLE_TOO_LONG_TIPS_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_text: Option<String>,
    /// The line under the title (implied by `M_TITLE_DESC_TOO_LONG_TIPS_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_desc: Option<String>,
    /// The page background colour (implied by `M_BACKGROUND_NOT_COLOR_TIPS_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// Up to [`MAX_TIPS`] tips (implied by `M_TIPS_COUNT_OVERSTEP_TIPS_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tips: Option<Vec<TipsPageTip>>,
    /// The start button's text (implied by `M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_button_text: Option<String>,
    /// The start button's background colour (implied by
    /// `M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_button_background_color: Option<String>,
}

/// The PC tips page. The guide's sample omits it; its error list (`M_*_TIPS_PAGE_PC`) implies
/// these fields, whose names are ours and match [`MobileTipsPage`]'s. Unlike the mobile page the
/// list has no background-colour code, so there is no `backgroundColor` here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PcTipsPage {
    /// The title (implied by `M_TITLE_TOO_LONG_TIPS_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_text: Option<String>,
    /// The line under the title (implied by `M_TITLE_DESC_TOO_LONG_TIPS_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_desc: Option<String>,
    /// Up to [`MAX_TIPS`] tips (implied by `M_TIPS_COUNT_OVERSTEP_TIPS_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tips: Option<Vec<TipsPageTip>>,
    /// The start button's text (implied by `M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_button_text: Option<String>,
    /// The start button's background colour (implied by
    /// `M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_button_background_color: Option<String>,
}

/// One tip of a tips page: an icon and a short sentence. Implied by the guide's
/// `M_TIP_ICON_LINK_NOT_URL_*` and `M_TIPS_TOO_LONG_*`; the names are ours.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TipsPageTip {
    /// The icon's absolute http(s) URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_link: Option<String>,
    /// The tip's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The detection-failed dialog, on mobile (`mobileFailedDialog`) and PC (`pcFailedDialog`). The
/// guide's sample omits both; its error list (`M_*_FAILED_DIALOG`, `M_*_PC_FAILED_DIALOG`) implies
/// the same four fields on each, whose names are ours in the guide's style.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FailedDialog {
    /// The dialog's icon, an absolute http(s) URL (implied by `M_ICON_LINK_NOT_URL_*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_link: Option<String>,
    /// The description text (implied by `M_DESC_TEXT_TOO_LONG_*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc_text: Option<String>,
    /// The confirm button's text (implied by `M_BUTTON_TEXT_TOO_LONG_*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_button_text: Option<String>,
    /// The confirm button's background colour (implied by
    /// `M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_button_background_color: Option<String>,
}

/// The mobile camera page: its background and the prompts shown while framing the face. All
/// fields are from the guide's sample; none has a vendor error code, so they get our generic checks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MobileCameraPage {
    /// Colour of all prompts, unless a prompt sets its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tips_text_color: Option<String>,
    /// Page background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// Page background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_link: Option<String>,
    /// Prompt when the face is off-centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_not_center_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_not_center_tip_text_color: Option<String>,
    /// Prompt when the face is not turned to the camera.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_not_frontal_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_not_frontal_tip_text_color: Option<String>,
    /// Prompt when the face is too far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_too_far_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_too_far_tip_text_color: Option<String>,
    /// Prompt when the face is too near.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_too_near_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_too_near_tip_text_color: Option<String>,
    /// Prompt to hold still while capturing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_still_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_still_tip_text_color: Option<String>,
    /// Prompt to move left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_left_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_left_tip_text_color: Option<String>,
    /// Prompt to move right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_right_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_right_tip_text_color: Option<String>,
    /// Prompt when the face is too high (the guide's sample says "move your face down").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_top_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_top_tip_text_color: Option<String>,
    /// Prompt when the face is too low (the guide's sample says "move your face up").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_bottom_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_bottom_tip_text_color: Option<String>,
    /// Prompt when more than one face is seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_faces_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_faces_tip_text_color: Option<String>,
    /// Prompt when no face is seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_missing_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_missing_tip_text_color: Option<String>,
    /// Prompt when the face is covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_occlusion_tip_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_occlusion_tip_text_color: Option<String>,
    /// The page's name (the guide's sample: `"mobile camera page"`; the guide does not say
    /// where it is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_name: Option<String>,
}

/// The mobile loading page. All fields are from the guide's sample.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MobileLoadingPage {
    /// Progress indicator colour (`M_PROGRESS_COLOR_WRONG_LOADING_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_color: Option<String>,
    /// The loading text (`M_LOADING_TEXT_TOO_LONG_LOADING_PAGE`; limit [`MAX_TITLE_CHARS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loading_text: Option<String>,
    /// The loading text's colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loading_text_color: Option<String>,
}

/// The mobile result page. All fields are from the guide's sample; the booleans the sample leaves
/// `null` (`nextStepButtonInvisibleBeforeTryCountUseUp`, `faceShow`, `closeCountdownLogic`) are
/// typed `bool` from their names, as the guide gives no type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MobileResultPage {
    /// Success icon URL (`M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_icon_link: Option<String>,
    /// Failure icon URL (`M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_icon_link: Option<String>,
    /// Success text (`M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_desc: Option<String>,
    /// Failure text (`M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_desc: Option<String>,
    /// Whether to show the liveness score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_score: Option<bool>,
    /// Next-step button text (`M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_button_text: Option<String>,
    /// Next-step button colour (`M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_button_background_color: Option<String>,
    /// Try-again button text (`M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_text: Option<String>,
    /// Try-again button colour (`M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_background_color: Option<String>,
    /// Hide the next-step button until the tries are used up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_button_invisible_before_try_count_use_up: Option<bool>,
    /// Result text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness_result_text_color: Option<String>,
    /// Next-step button text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_button_text_color: Option<String>,
    /// Try-again button text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_text_color: Option<String>,
    /// Next-step button background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_button_background_link: Option<String>,
    /// Try-again button background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_background_link: Option<String>,
    /// Page background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// Page background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_link: Option<String>,
    /// Whether the result page is shown at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_show: Option<bool>,
    /// Whether the captured face is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_show: Option<bool>,
    /// Countdown text before moving on; the guide's sample uses a `{second}` placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countdown_text: Option<String>,
    /// Countdown text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countdown_text_color: Option<String>,
    /// Turns the automatic countdown off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_countdown_logic: Option<bool>,
}

/// The PC result page. The guide's sample omits it; its error list (`M_*_RESULT_PAGE_PC`) names
/// the same eight settings that carry codes on [`MobileResultPage`], so they take the mobile
/// page's field names (our inference).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PcResultPage {
    /// Success icon URL (`M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_icon_link: Option<String>,
    /// Failure icon URL (`M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_icon_link: Option<String>,
    /// Success text (`M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_desc: Option<String>,
    /// Failure text (`M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_desc: Option<String>,
    /// Next-step button text (`M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_button_text: Option<String>,
    /// Next-step button colour (`M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_button_background_color: Option<String>,
    /// Try-again button text (`M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_text: Option<String>,
    /// Try-again button colour (`M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_background_color: Option<String>,
}

/// The PC camera page. The guide's sample omits it; its error list (`M_*_CAMERA_PAGE_PC`) implies
/// these fields, whose names are ours in the guide's style.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PcCameraPage {
    /// The title (implied by `M_TITLE_TOO_LONG_CAMERA_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_text: Option<String>,
    /// The line under the title (implied by `M_TITLE_DESC_TOO_LONG_CAMERA_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_desc: Option<String>,
    /// The take-photo button's icon URL (implied by `M_TAKE_PHOTO_ICON_LINK_NOT_URL_CAMERA_PAGE_PC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take_photo_icon_link: Option<String>,
}

/// The mobile pages shown when the camera cannot be used: a refresh page (permission denied), a
/// QR-code page to continue on another device, and the page shown once that device has finished.
/// All fields are from the guide's sample; none has a vendor error code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MobileMultiDeviceProcessPage {
    /// Refresh page: top icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_top_icon_link: Option<String>,
    /// Refresh page: headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_bold_text: Option<String>,
    /// Refresh page: headline colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_bold_text_color: Option<String>,
    /// Refresh page: explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_tip_text: Option<String>,
    /// Refresh page: explanation colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_tip_text_color: Option<String>,
    /// Refresh page: button text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_btn_text: Option<String>,
    /// Refresh page: button text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_btn_text_color: Option<String>,
    /// Refresh page: button background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_btn_background_link: Option<String>,
    /// Refresh page: button background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_page_btn_background_color: Option<String>,
    /// QR-code page: top icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_top_icon_link: Option<String>,
    /// QR-code page, permission denied: headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_permission_denied_bold_text: Option<String>,
    /// QR-code page, permission denied: headline colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_permission_denied_bold_text_color: Option<String>,
    /// QR-code page, permission denied: explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_permission_denied_tip_text: Option<String>,
    /// QR-code page, permission denied: explanation colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_permission_denied_tip_text_color: Option<String>,
    /// QR-code page, camera issue: headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_camera_issue_bold_text: Option<String>,
    /// QR-code page, camera issue: headline colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_camera_issue_bold_text_color: Option<String>,
    /// QR-code page, camera issue: explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_camera_issue_tip_text: Option<String>,
    /// QR-code page, camera issue: explanation colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_camera_issue_tip_text_color: Option<String>,
    /// QR-code page: liveness link box background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_liveness_link_background_link: Option<String>,
    /// QR-code page: liveness link box background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_liveness_link_background_color: Option<String>,
    /// QR-code page: liveness link text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_liveness_link_text_color: Option<String>,
    /// QR-code page: liveness link box border colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_liveness_link_border_color: Option<String>,
    /// QR-code page: copy button text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_copy_link_btn_text: Option<String>,
    /// QR-code page: copy button text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_copy_link_btn_text_color: Option<String>,
    /// QR-code page: copy button background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_copy_link_btn_background_link: Option<String>,
    /// QR-code page: copy button background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_code_page_copy_link_btn_background_color: Option<String>,
    /// Verification-finished page: top icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_finished_page_top_icon_link: Option<String>,
    /// Verification-finished page: headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_finished_page_bold_text: Option<String>,
    /// Verification-finished page: headline colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_finished_page_bold_text_color: Option<String>,
    /// Verification-finished page: explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_finished_page_tip_text: Option<String>,
    /// Verification-finished page: explanation colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_finished_page_tip_text_color: Option<String>,
    /// Text shown while the video uploads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_uploading_text: Option<String>,
    /// Its colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_uploading_text_color: Option<String>,
}

/// The mobile timeout page. All fields are from the guide's sample; none has a vendor error code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MobileTimeoutPage {
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bold_text: Option<String>,
    /// Headline colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bold_text_color: Option<String>,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip_text: Option<String>,
    /// Explanation colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip_text_color: Option<String>,
    /// Icon URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_link: Option<String>,
    /// Try-again button text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_text: Option<String>,
    /// Try-again button text colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_text_color: Option<String>,
    /// Try-again button background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_background_link: Option<String>,
    /// Try-again button background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub try_again_button_background_color: Option<String>,
    /// Page background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_color: Option<String>,
    /// Page background image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_link: Option<String>,
}

impl UiConfig {
    /// Checks the document against the rules the guide's error list implies (and our generic ones
    /// for fields it has no code for), reporting every failure rather than the first.
    pub fn validate(&self) -> Result<(), Vec<UiConfigError>> {
        let mut errors = Vec::new();
        let mut top = Checker::new(&mut errors, "");
        top.text("titleText", &self.title_text, MAX_TITLE_CHARS, UiErrorCode::TEXT_TOO_LONG);
        if let Some(locale) = &self.locale
            && !is_plausible_locale(locale)
        {
            top.fail("locale", UiErrorCode::INVALID_LOCALE);
        }
        if let Some(page) = &self.mobile_tips_page {
            page.check(&mut Checker::new(&mut errors, "mobileTipsPage"));
        }
        if let Some(page) = &self.mobile_camera_page {
            page.check(&mut Checker::new(&mut errors, "mobileCameraPage"));
        }
        if let Some(page) = &self.mobile_loading_page {
            page.check(&mut Checker::new(&mut errors, "mobileLoadingPage"));
        }
        if let Some(dialog) = &self.mobile_failed_dialog {
            dialog.check(&mut Checker::new(&mut errors, "mobileFailedDialog"), &MOBILE_FAILED_DIALOG_CODES);
        }
        if let Some(page) = &self.mobile_result_page {
            page.check(&mut Checker::new(&mut errors, "mobileResultPage"));
        }
        if let Some(page) = &self.mobile_multi_device_process_page {
            page.check(&mut Checker::new(&mut errors, "mobileMultiDeviceProcessPage"));
        }
        if let Some(page) = &self.mobile_timeout_page {
            page.check(&mut Checker::new(&mut errors, "mobileTimeoutPage"));
        }
        if let Some(page) = &self.pc_tips_page {
            page.check(&mut Checker::new(&mut errors, "pcTipsPage"));
        }
        if let Some(dialog) = &self.pc_failed_dialog {
            dialog.check(&mut Checker::new(&mut errors, "pcFailedDialog"), &PC_FAILED_DIALOG_CODES);
        }
        if let Some(page) = &self.pc_camera_page {
            page.check(&mut Checker::new(&mut errors, "pcCameraPage"));
        }
        if let Some(page) = &self.pc_result_page {
            page.check(&mut Checker::new(&mut errors, "pcResultPage"));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// Collects failures for the fields of one page, turning field names into JSON paths.
struct Checker<'a> {
    errors: &'a mut Vec<UiConfigError>,
    /// The page's JSON key, or empty for top-level fields.
    page: &'static str,
}

impl<'a> Checker<'a> {
    fn new(errors: &'a mut Vec<UiConfigError>, page: &'static str) -> Self {
        Self { errors, page }
    }

    fn fail(&mut self, field: &str, code: UiErrorCode) {
        let path = if self.page.is_empty() { field.to_owned() } else { format!("{}.{field}", self.page) };
        self.errors.push(UiConfigError::new(code, path));
    }

    /// Absent (or JSON `null`) is fine: it keeps the vendor's default.
    fn color(&mut self, field: &str, value: &Option<String>, code: UiErrorCode) {
        if let Some(value) = value
            && !is_hex_color(value)
        {
            self.fail(field, code);
        }
    }

    fn link(&mut self, field: &str, value: &Option<String>, code: UiErrorCode) {
        if let Some(value) = value
            && !is_http_url(value)
        {
            self.fail(field, code);
        }
    }

    fn text(&mut self, field: &str, value: &Option<String>, max_chars: usize, code: UiErrorCode) {
        if let Some(value) = value
            && value.chars().count() > max_chars
        {
            self.fail(field, code);
        }
    }

    /// A tips list: one count error at the first tip past [`MAX_TIPS`], plus each tip's own
    /// problems (the extra tips included, so one pass fixes everything).
    fn tips(&mut self, tips: &Option<Vec<TipsPageTip>>, codes: &TipsCodes) {
        let Some(tips) = tips else { return };
        if tips.len() > MAX_TIPS {
            self.fail(&format!("tips[{MAX_TIPS}]"), codes.count);
        }
        for (i, tip) in tips.iter().enumerate() {
            self.link(&format!("tips[{i}].iconLink"), &tip.icon_link, codes.icon_link);
            self.text(&format!("tips[{i}].text"), &tip.text, MAX_TIP_CHARS, codes.text);
        }
    }
}

/// The vendor codes for a tips list, which differ between the mobile and PC tips pages.
struct TipsCodes {
    count: UiErrorCode,
    icon_link: UiErrorCode,
    text: UiErrorCode,
}

/// The vendor codes for a failed dialog, which differ between mobile and PC.
struct FailedDialogCodes {
    icon_link: UiErrorCode,
    desc_text: UiErrorCode,
    button_text: UiErrorCode,
    button_background_color: UiErrorCode,
}

const MOBILE_FAILED_DIALOG_CODES: FailedDialogCodes = FailedDialogCodes {
    icon_link: UiErrorCode::M_ICON_LINK_NOT_URL_FAILED_DIALOG,
    desc_text: UiErrorCode::M_DESC_TEXT_TOO_LONG_FAILED_DIALOG,
    button_text: UiErrorCode::M_BUTTON_TEXT_TOO_LONG_FAILED_DIALOG,
    button_background_color: UiErrorCode::M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_FAILED_DIALOG,
};

const PC_FAILED_DIALOG_CODES: FailedDialogCodes = FailedDialogCodes {
    icon_link: UiErrorCode::M_ICON_LINK_NOT_URL_PC_FAILED_DIALOG,
    desc_text: UiErrorCode::M_DESC_TEXT_TOO_LONG_PC_FAILED_DIALOG,
    button_text: UiErrorCode::M_BUTTON_TEXT_TOO_LONG_PC_FAILED_DIALOG,
    button_background_color: UiErrorCode::M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_PC_FAILED_DIALOG,
};

impl MobileTipsPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::*;
        c.text("titleText", &self.title_text, MAX_TITLE_CHARS, M_TITLE_TOO_LONG_TIPS_PAGE);
        c.text("titleDesc", &self.title_desc, MAX_DESC_CHARS, M_TITLE_DESC_TOO_LONG_TIPS_PAGE);
        c.color("backgroundColor", &self.background_color, M_BACKGROUND_NOT_COLOR_TIPS_PAGE);
        c.tips(
            &self.tips,
            &TipsCodes {
                count: M_TIPS_COUNT_OVERSTEP_TIPS_PAGE,
                icon_link: M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE,
                text: M_TIPS_TOO_LONG_TIPS_PAGE,
            },
        );
        c.text("startButtonText", &self.start_button_text, MAX_BUTTON_TEXT_CHARS, M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE);
        c.color(
            "startButtonBackgroundColor",
            &self.start_button_background_color,
            M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE,
        );
    }
}

impl PcTipsPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::*;
        c.text("titleText", &self.title_text, MAX_TITLE_CHARS, M_TITLE_TOO_LONG_TIPS_PAGE_PC);
        c.text("titleDesc", &self.title_desc, MAX_DESC_CHARS, M_TITLE_DESC_TOO_LONG_TIPS_PAGE_PC);
        c.tips(
            &self.tips,
            &TipsCodes {
                count: M_TIPS_COUNT_OVERSTEP_TIPS_PAGE_PC,
                icon_link: M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE_PC,
                text: M_TIPS_TOO_LONG_TIPS_PAGE_PC,
            },
        );
        c.text("startButtonText", &self.start_button_text, MAX_BUTTON_TEXT_CHARS, M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE_PC);
        c.color(
            "startButtonBackgroundColor",
            &self.start_button_background_color,
            M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE_PC,
        );
    }
}

impl FailedDialog {
    fn check(&self, c: &mut Checker<'_>, codes: &FailedDialogCodes) {
        c.link("iconLink", &self.icon_link, codes.icon_link);
        c.text("descText", &self.desc_text, MAX_DESC_CHARS, codes.desc_text);
        c.text("confirmButtonText", &self.confirm_button_text, MAX_BUTTON_TEXT_CHARS, codes.button_text);
        c.color("confirmButtonBackgroundColor", &self.confirm_button_background_color, codes.button_background_color);
    }
}

impl MobileCameraPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::{INVALID_COLOR, INVALID_LINK, TEXT_TOO_LONG};
        c.color("tipsTextColor", &self.tips_text_color, INVALID_COLOR);
        c.color("backgroundColor", &self.background_color, INVALID_COLOR);
        c.link("backgroundLink", &self.background_link, INVALID_LINK);
        let prompts = [
            ("faceNotCenterTip", &self.face_not_center_tip_text, &self.face_not_center_tip_text_color),
            ("faceNotFrontalTip", &self.face_not_frontal_tip_text, &self.face_not_frontal_tip_text_color),
            ("faceTooFarTip", &self.face_too_far_tip_text, &self.face_too_far_tip_text_color),
            ("faceTooNearTip", &self.face_too_near_tip_text, &self.face_too_near_tip_text_color),
            ("keepStillTip", &self.keep_still_tip_text, &self.keep_still_tip_text_color),
            ("moveLeftTip", &self.move_left_tip_text, &self.move_left_tip_text_color),
            ("moveRightTip", &self.move_right_tip_text, &self.move_right_tip_text_color),
            ("moveTopTip", &self.move_top_tip_text, &self.move_top_tip_text_color),
            ("moveBottomTip", &self.move_bottom_tip_text, &self.move_bottom_tip_text_color),
            ("multipleFacesTip", &self.multiple_faces_tip_text, &self.multiple_faces_tip_text_color),
            ("faceMissingTip", &self.face_missing_tip_text, &self.face_missing_tip_text_color),
            ("faceOcclusionTip", &self.face_occlusion_tip_text, &self.face_occlusion_tip_text_color),
        ];
        for (prompt, text, color) in prompts {
            c.text(&format!("{prompt}Text"), text, MAX_DESC_CHARS, TEXT_TOO_LONG);
            c.color(&format!("{prompt}TextColor"), color, INVALID_COLOR);
        }
        c.text("pageName", &self.page_name, MAX_TITLE_CHARS, TEXT_TOO_LONG);
    }
}

impl MobileLoadingPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::*;
        c.color("progressColor", &self.progress_color, M_PROGRESS_COLOR_WRONG_LOADING_PAGE);
        c.text("loadingText", &self.loading_text, MAX_TITLE_CHARS, M_LOADING_TEXT_TOO_LONG_LOADING_PAGE);
        c.color("loadingTextColor", &self.loading_text_color, INVALID_COLOR);
    }
}

impl MobileResultPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::*;
        c.link("successIconLink", &self.success_icon_link, M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE);
        c.link("failedIconLink", &self.failed_icon_link, M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE);
        c.text("successDesc", &self.success_desc, MAX_DESC_CHARS, M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE);
        c.text("failedDesc", &self.failed_desc, MAX_DESC_CHARS, M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE);
        c.text(
            "nextStepButtonText",
            &self.next_step_button_text,
            MAX_BUTTON_TEXT_CHARS,
            M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE,
        );
        c.color(
            "nextStepButtonBackgroundColor",
            &self.next_step_button_background_color,
            M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE,
        );
        c.text(
            "tryAgainButtonText",
            &self.try_again_button_text,
            MAX_BUTTON_TEXT_CHARS,
            M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE,
        );
        c.color(
            "tryAgainButtonBackgroundColor",
            &self.try_again_button_background_color,
            M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE,
        );
        c.color("livenessResultTextColor", &self.liveness_result_text_color, INVALID_COLOR);
        c.color("nextStepButtonTextColor", &self.next_step_button_text_color, INVALID_COLOR);
        c.color("tryAgainButtonTextColor", &self.try_again_button_text_color, INVALID_COLOR);
        c.link("nextStepButtonBackgroundLink", &self.next_step_button_background_link, INVALID_LINK);
        c.link("tryAgainButtonBackgroundLink", &self.try_again_button_background_link, INVALID_LINK);
        c.color("backgroundColor", &self.background_color, INVALID_COLOR);
        c.link("backgroundLink", &self.background_link, INVALID_LINK);
        c.text("countdownText", &self.countdown_text, MAX_DESC_CHARS, TEXT_TOO_LONG);
        c.color("countdownTextColor", &self.countdown_text_color, INVALID_COLOR);
    }
}

impl PcResultPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::*;
        c.link("successIconLink", &self.success_icon_link, M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE_PC);
        c.link("failedIconLink", &self.failed_icon_link, M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE_PC);
        c.text("successDesc", &self.success_desc, MAX_DESC_CHARS, M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC);
        c.text("failedDesc", &self.failed_desc, MAX_DESC_CHARS, M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC);
        c.text(
            "nextStepButtonText",
            &self.next_step_button_text,
            MAX_BUTTON_TEXT_CHARS,
            M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC,
        );
        c.color(
            "nextStepButtonBackgroundColor",
            &self.next_step_button_background_color,
            M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC,
        );
        c.text(
            "tryAgainButtonText",
            &self.try_again_button_text,
            MAX_BUTTON_TEXT_CHARS,
            M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC,
        );
        c.color(
            "tryAgainButtonBackgroundColor",
            &self.try_again_button_background_color,
            M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC,
        );
    }
}

impl PcCameraPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::*;
        c.text("titleText", &self.title_text, MAX_TITLE_CHARS, M_TITLE_TOO_LONG_CAMERA_PAGE_PC);
        c.text("titleDesc", &self.title_desc, MAX_DESC_CHARS, M_TITLE_DESC_TOO_LONG_CAMERA_PAGE_PC);
        c.link("takePhotoIconLink", &self.take_photo_icon_link, M_TAKE_PHOTO_ICON_LINK_NOT_URL_CAMERA_PAGE_PC);
    }
}

impl MobileMultiDeviceProcessPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::{INVALID_COLOR, INVALID_LINK, TEXT_TOO_LONG};
        let links = [
            ("refreshPageTopIconLink", &self.refresh_page_top_icon_link),
            ("refreshPageBtnBackgroundLink", &self.refresh_page_btn_background_link),
            ("qrCodePageTopIconLink", &self.qr_code_page_top_icon_link),
            ("qrCodePageLivenessLinkBackgroundLink", &self.qr_code_page_liveness_link_background_link),
            ("qrCodePageCopyLinkBtnBackgroundLink", &self.qr_code_page_copy_link_btn_background_link),
            ("verifyFinishedPageTopIconLink", &self.verify_finished_page_top_icon_link),
        ];
        for (field, value) in links {
            c.link(field, value, INVALID_LINK);
        }
        let colors = [
            ("refreshPageBoldTextColor", &self.refresh_page_bold_text_color),
            ("refreshPageTipTextColor", &self.refresh_page_tip_text_color),
            ("refreshPageBtnTextColor", &self.refresh_page_btn_text_color),
            ("refreshPageBtnBackgroundColor", &self.refresh_page_btn_background_color),
            ("qrCodePagePermissionDeniedBoldTextColor", &self.qr_code_page_permission_denied_bold_text_color),
            ("qrCodePagePermissionDeniedTipTextColor", &self.qr_code_page_permission_denied_tip_text_color),
            ("qrCodePageCameraIssueBoldTextColor", &self.qr_code_page_camera_issue_bold_text_color),
            ("qrCodePageCameraIssueTipTextColor", &self.qr_code_page_camera_issue_tip_text_color),
            ("qrCodePageLivenessLinkBackgroundColor", &self.qr_code_page_liveness_link_background_color),
            ("qrCodePageLivenessLinkTextColor", &self.qr_code_page_liveness_link_text_color),
            ("qrCodePageLivenessLinkBorderColor", &self.qr_code_page_liveness_link_border_color),
            ("qrCodePageCopyLinkBtnTextColor", &self.qr_code_page_copy_link_btn_text_color),
            ("qrCodePageCopyLinkBtnBackgroundColor", &self.qr_code_page_copy_link_btn_background_color),
            ("verifyFinishedPageBoldTextColor", &self.verify_finished_page_bold_text_color),
            ("verifyFinishedPageTipTextColor", &self.verify_finished_page_tip_text_color),
            ("videoUploadingTextColor", &self.video_uploading_text_color),
        ];
        for (field, value) in colors {
            c.color(field, value, INVALID_COLOR);
        }
        let texts = [
            ("refreshPageBoldText", &self.refresh_page_bold_text, MAX_TITLE_CHARS),
            ("refreshPageTipText", &self.refresh_page_tip_text, MAX_DESC_CHARS),
            ("refreshPageBtnText", &self.refresh_page_btn_text, MAX_BUTTON_TEXT_CHARS),
            ("qrCodePagePermissionDeniedBoldText", &self.qr_code_page_permission_denied_bold_text, MAX_TITLE_CHARS),
            ("qrCodePagePermissionDeniedTipText", &self.qr_code_page_permission_denied_tip_text, MAX_DESC_CHARS),
            ("qrCodePageCameraIssueBoldText", &self.qr_code_page_camera_issue_bold_text, MAX_TITLE_CHARS),
            ("qrCodePageCameraIssueTipText", &self.qr_code_page_camera_issue_tip_text, MAX_DESC_CHARS),
            ("qrCodePageCopyLinkBtnText", &self.qr_code_page_copy_link_btn_text, MAX_BUTTON_TEXT_CHARS),
            ("verifyFinishedPageBoldText", &self.verify_finished_page_bold_text, MAX_TITLE_CHARS),
            ("verifyFinishedPageTipText", &self.verify_finished_page_tip_text, MAX_DESC_CHARS),
            ("videoUploadingText", &self.video_uploading_text, MAX_DESC_CHARS),
        ];
        for (field, value, max_chars) in texts {
            c.text(field, value, max_chars, TEXT_TOO_LONG);
        }
    }
}

impl MobileTimeoutPage {
    fn check(&self, c: &mut Checker<'_>) {
        use UiErrorCode::{INVALID_COLOR, INVALID_LINK, TEXT_TOO_LONG};
        c.text("boldText", &self.bold_text, MAX_TITLE_CHARS, TEXT_TOO_LONG);
        c.color("boldTextColor", &self.bold_text_color, INVALID_COLOR);
        c.text("tipText", &self.tip_text, MAX_DESC_CHARS, TEXT_TOO_LONG);
        c.color("tipTextColor", &self.tip_text_color, INVALID_COLOR);
        c.link("iconLink", &self.icon_link, INVALID_LINK);
        c.text("tryAgainButtonText", &self.try_again_button_text, MAX_BUTTON_TEXT_CHARS, TEXT_TOO_LONG);
        c.color("tryAgainButtonTextColor", &self.try_again_button_text_color, INVALID_COLOR);
        c.link("tryAgainButtonBackgroundLink", &self.try_again_button_background_link, INVALID_LINK);
        c.color("tryAgainButtonBackgroundColor", &self.try_again_button_background_color, INVALID_COLOR);
        c.color("backgroundColor", &self.background_color, INVALID_COLOR);
        c.link("backgroundLink", &self.background_link, INVALID_LINK);
    }
}

/// `#RGB`, `#RRGGBB` or `#RRGGBBAA`: the hex forms CSS accepts that a page builder is likely to
/// paste. Named colours (`red`) are refused because the guide's samples only show hex.
fn is_hex_color(value: &str) -> bool {
    value
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// An absolute `http`/`https` URL with a host: the vendor's page loads these images itself, so a
/// relative path, `data:` or `javascript:` URL cannot work (and the last is a script injection).
/// Surrounding whitespace is refused too, since the URL parser would silently trim it.
fn is_http_url(value: &str) -> bool {
    value.trim() == value
        && advance_liveness::rules::origin::parse_url(value).is_some_and(|url| {
            matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| !h.is_empty())
        })
}

/// A BCP 47-ish tag such as `en`, `zh-CN`, `zh-Hant-TW` or `id_ID`: subtags of ASCII letters and
/// digits joined by `-` or `_`, starting with a letters-only language subtag, 2 to 35 characters.
fn is_plausible_locale(value: &str) -> bool {
    (MIN_LOCALE_CHARS..=MAX_LOCALE_CHARS).contains(&value.len())
        && value.split(['-', '_']).enumerate().all(|(i, subtag)| {
            !subtag.is_empty()
                && if i == 0 {
                    subtag.bytes().all(|b| b.is_ascii_alphabetic())
                } else {
                    subtag.bytes().all(|b| b.is_ascii_alphanumeric())
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guide's full sample request, verbatim (including its indentation).
    const GUIDE_SAMPLE: &str = r##"
  {
    "titleText": "Liveness Detection",
    "locale": "en",
    "mobileCameraPage": {
        "tipsTextColor": null,
        "backgroundColor": null,
        "backgroundLink": null,
        "faceNotCenterTipText": "Please move your face to the center of the face frame",
        "faceNotCenterTipTextColor": null,
        "faceNotFrontalTipText": "Please turn your face straight to the camera",
        "faceNotFrontalTipTextColor": null,
        "faceTooFarTipText": "Move closer",
        "faceTooFarTipTextColor": null,
        "faceTooNearTipText": "Move away",
        "faceTooNearTipTextColor": null,
        "keepStillTipText": "Please stay still and start testing",
        "keepStillTipTextColor": null,
        "moveLeftTipText": "Please move your face to the left",
        "moveLeftTipTextColor": null,
        "moveRightTipText": "Please move your face to the right",
        "moveRightTipTextColor": null,
        "moveTopTipText": "Please move your face down",
        "moveTopTipTextColor": null,
        "moveBottomTipText": "Please move your face up",
        "moveBottomTipTextColor": null,
        "multipleFacesTipText": "Multiple faces detected from the image, please only keep one face in the image",
        "multipleFacesTipTextColor": null,
        "faceMissingTipText": "Please move your face to the center of the face frame",
        "faceMissingTipTextColor": null,
        "faceOcclusionTipText": "Please don't cover your face",
        "faceOcclusionTipTextColor": null,
        "pageName": "mobile camera page"
    },
    "mobileLoadingPage": {
        "progressColor": null,
        "loadingText": "Loading...",
        "loadingTextColor": "#ffffff"
    },
    "mobileResultPage": {
        "successIconLink": null,
        "failedIconLink": null,
        "successDesc": "Liveness Detection succeed",
        "failedDesc": "Liveness Detection failed",
        "showScore": false,
        "nextStepButtonText": "Next Step",
        "nextStepButtonBackgroundColor": null,
        "tryAgainButtonText": "Please try again",
        "tryAgainButtonBackgroundColor": null,
        "nextStepButtonInvisibleBeforeTryCountUseUp": null,
        "livenessResultTextColor": null,
        "nextStepButtonTextColor": null,
        "tryAgainButtonTextColor": null,
        "nextStepButtonBackgroundLink": null,
        "tryAgainButtonBackgroundLink": null,
        "backgroundColor": null,
        "backgroundLink": null,
        "isShow": true,
        "faceShow": null,
        "countdownText": "Go to next process after {second} seconds.",
        "countdownTextColor": null,
        "closeCountdownLogic": null
    },
    "mobileMultiDeviceProcessPage": {
        "refreshPageTopIconLink": null,
        "refreshPageBoldText": "Camera permission denied",
        "refreshPageBoldTextColor": null,
        "refreshPageTipText": "Please grant camera permission\nRefresh this page to start the liveness detection process",
        "refreshPageTipTextColor": null,
        "refreshPageBtnText": "Refresh",
        "refreshPageBtnTextColor": null,
        "refreshPageBtnBackgroundLink": null,
        "refreshPageBtnBackgroundColor": null,
        "qrCodePageTopIconLink": null,
        "qrCodePagePermissionDeniedBoldText": "Camera permission denied",
        "qrCodePagePermissionDeniedBoldTextColor": null,
        "qrCodePagePermissionDeniedTipText": "Please copy the link or scan the QR code to verify on another browser or device",
        "qrCodePagePermissionDeniedTipTextColor": null,
        "qrCodePageCameraIssueBoldText": null,
        "qrCodePageCameraIssueBoldTextColor": null,
        "qrCodePageCameraIssueTipText": "Please copy the link or scan the QR code to verify on another device",
        "qrCodePageCameraIssueTipTextColor": null,
        "qrCodePageLivenessLinkBackgroundLink": null,
        "qrCodePageLivenessLinkBackgroundColor": null,
        "qrCodePageLivenessLinkTextColor": null,
        "qrCodePageLivenessLinkBorderColor": null,
        "qrCodePageCopyLinkBtnText": "Copy",
        "qrCodePageCopyLinkBtnTextColor": null,
        "qrCodePageCopyLinkBtnBackgroundLink": null,
        "qrCodePageCopyLinkBtnBackgroundColor": null,
        "verifyFinishedPageTopIconLink": null,
        "verifyFinishedPageBoldText": "Verification completed",
        "verifyFinishedPageBoldTextColor": null,
        "verifyFinishedPageTipText": "Please return to the original browser to continue",
        "verifyFinishedPageTipTextColor": null,
        "videoUploadingText": "Please wait for the video uploading",
        "videoUploadingTextColor": null
    },
    "mobileTimeoutPage": {
        "boldText": "Time out",
        "boldTextColor": null,
        "tipText": "Please follow the instructions",
        "tipTextColor": null,
        "iconLink": null,
        "tryAgainButtonText": "Please try again",
        "tryAgainButtonTextColor": null,
        "tryAgainButtonBackgroundLink": null,
        "tryAgainButtonBackgroundColor": null,
        "backgroundColor": null,
        "backgroundLink": null
    }
}
"##;

    /// The guide's error-code list, verbatim.
    const GUIDE_ERROR_CODES: &str = r#"
  //On the page of tips in the mobile side
  M_TITLE_TOO_LONG_TIPS_PAGE("The title is too long of tips page."),
  M_TITLE_DESC_TOO_LONG_TIPS_PAGE("The title description is too long of tips page."),
  M_BACKGROUND_NOT_COLOR_TIPS_PAGE("Wrong format of the tips page background color."),
  M_TIPS_COUNT_OVERSTEP_TIPS_PAGE("The number of prompts exceeds the limit, supporting up to four."),
  M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE("Wrong format of the icon link at tips page."),
  M_TIPS_TOO_LONG_TIPS_PAGE("The tips is too long of tips page."),
  M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE("The button text is too long of tips page."),
  M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE("Wrong format of the start button background color of tips page."),
  //On the page of loading in the mobile side
  M_LOADING_TEXT_TOO_LONG_LOADING_PAGE("The loading text is too long of loading page."),
  M_PROGRESS_COLOR_WRONG_LOADING_PAGE("Wrong format of the loading page progress color."),

  //On the page of failure in the mobile side
  M_DESC_TEXT_TOO_LONG_FAILED_DIALOG("The description text is too long of failed dialog."),
  M_ICON_LINK_NOT_URL_FAILED_DIALOG("Wrong format of the icon link at detection failed dialog."),
  M_BUTTON_TEXT_TOO_LONG_FAILED_DIALOG("The button text is too long of failed dialog."),
  M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_FAILED_DIALOG("Wrong format of the confirm button background color of detection failed dialog."),

  //On the page of result in the mobile side
  M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE("Wrong format of the success icon link at result page."),
  M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE("Wrong format of the failed icon link at result page."),
  M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE("The success description text is too long of result page."),
  M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE("The failed description text is too long of result page."),
  M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE("The next step button text is too long of result page."),
  M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE("The try again button text is too long of result page."),
  M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE("Wrong format of the result page next step button background color"),
  M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE("Wrong format of the result page try again button background color"),

  //Prompt page on PC
  M_TITLE_TOO_LONG_TIPS_PAGE_PC("The title is too long of PC tips page."),
  M_TITLE_DESC_TOO_LONG_TIPS_PAGE_PC("The title description is too long of PC tips page."),
  M_TIPS_COUNT_OVERSTEP_TIPS_PAGE_PC("The number of PC tips exceeds the limit, supporting up to four."),
  M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE_PC("Wrong format of the icon link at PC tips page."),
  M_TIPS_TOO_LONG_TIPS_PAGE_PC("The tips is too long of PC tips page."),
  M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE_PC("The button text is too long of PC tips page."),
  M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE_PC("Wrong format of the start button background color of PC tips page."),

  //Failure page on PC
  M_DESC_TEXT_TOO_LONG_PC_FAILED_DIALOG("The description text is too long of PC failed dialog."),
  M_ICON_LINK_NOT_URL_PC_FAILED_DIALOG("Wrong format of the icon link at detection PC failed dialog."),
  M_BUTTON_TEXT_TOO_LONG_PC_FAILED_DIALOG("The button text is too long of PC failed dialog."),
  M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_PC_FAILED_DIALOG("Wrong format of the confirm button background color of detection PC failed dialog."),

  //Camera page on PC
  M_TITLE_TOO_LONG_CAMERA_PAGE_PC("The title is too long of PC camera page."),
  M_TITLE_DESC_TOO_LONG_CAMERA_PAGE_PC("The title description is too long of PC camera page."),
  M_TAKE_PHOTO_ICON_LINK_NOT_URL_CAMERA_PAGE_PC("Wrong format of the icon link of take photo button at PC camera page."),

  //Result page on PC
  M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE_PC("Wrong format of the success icon link at PC result page."),
  M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE_PC("Wrong format of the failed icon link at PC result page."),
  M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC("The success description text is too long of PC result page."),
  M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC("The failed description text is too long of PC result page."),
  M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC("The next step button text is too long of PC result page."),
  M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC("The try again button text is too long of PC result page."),
  M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC("Wrong format of the PC result page next step button background color"),
  M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC("Wrong format of the PC result page try again button background color"),
"#;

    fn parse(json: &str) -> UiConfig {
        serde_json::from_str(json).expect("document should deserialize")
    }

    /// The (code, path) pairs `validate` reports, in order.
    fn failures(config: &UiConfig) -> Vec<(UiErrorCode, String)> {
        match config.validate() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| (e.code, e.path)).collect(),
        }
    }

    fn one(code: UiErrorCode, path: &str) -> Vec<(UiErrorCode, String)> {
        vec![(code, path.to_owned())]
    }

    fn result_page(page: MobileResultPage) -> UiConfig {
        UiConfig { mobile_result_page: Some(page), ..UiConfig::default() }
    }

    fn tips(n: usize) -> Vec<TipsPageTip> {
        (0..n)
            .map(|i| TipsPageTip {
                icon_link: Some(format!("https://cdn.example.com/tip{i}.png")),
                text: Some(format!("Tip number {i}")),
            })
            .collect()
    }

    /// Strips JSON `null`s, which our `Option`s read as absent and do not write back.
    fn without_nulls(value: serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect()
            }
            other => other,
        }
    }

    #[test]
    fn the_guide_sample_deserializes_and_validates() {
        let config = parse(GUIDE_SAMPLE);
        assert_eq!(config.title_text.as_deref(), Some("Liveness Detection"));
        assert_eq!(config.locale.as_deref(), Some("en"));
        let result = config.mobile_result_page.as_ref().unwrap();
        assert_eq!(result.show_score, Some(false));
        assert_eq!(result.is_show, Some(true));
        assert_eq!(result.face_show, None);
        assert_eq!(config.mobile_loading_page.as_ref().unwrap().loading_text_color.as_deref(), Some("#ffffff"));
        assert!(config.mobile_camera_page.is_some());
        assert!(config.mobile_multi_device_process_page.is_some());
        assert!(config.mobile_timeout_page.is_some());
        assert_eq!(config.validate(), Ok(()));
    }

    #[test]
    fn the_guide_sample_round_trips_minus_its_nulls() {
        let config = parse(GUIDE_SAMPLE);
        let written = serde_json::to_value(&config).unwrap();
        let original: serde_json::Value = serde_json::from_str(GUIDE_SAMPLE).unwrap();
        assert_eq!(written, without_nulls(original));
        assert_eq!(serde_json::from_value::<UiConfig>(written).unwrap(), config);
    }

    #[test]
    fn serializing_skips_absent_fields() {
        let config = UiConfig {
            locale: Some("id".into()),
            mobile_result_page: Some(MobileResultPage { show_score: Some(true), ..MobileResultPage::default() }),
            ..UiConfig::default()
        };
        let json = serde_json::to_string(&config).unwrap();
        assert_eq!(json, r#"{"locale":"id","mobileResultPage":{"showScore":true}}"#);
        assert_eq!(serde_json::from_str::<UiConfig>(&json).unwrap(), config);
        assert_eq!(serde_json::to_string(&UiConfig::default()).unwrap(), "{}");
    }

    #[test]
    fn error_codes_match_the_guide_list_exactly() {
        let listed: Vec<(&str, &str)> = GUIDE_ERROR_CODES
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("//"))
            .map(|line| {
                let (name, rest) = line.split_once("(\"").expect("NAME(\"message\")");
                let message = rest.strip_suffix("\"),").expect("ends with \"),");
                (name, message)
            })
            .collect();
        let ours: Vec<(&str, &str)> =
            UiErrorCode::ALL.iter().filter(|code| code.is_vendor()).map(|code| (code.name(), code.message())).collect();
        assert_eq!(ours, listed);
        assert_eq!(listed.len(), 44);
    }

    #[test]
    fn colours_must_be_hex() {
        for good in ["#fff", "#FFFFFF", "#1a2B3c", "#ffffff80"] {
            let config = result_page(MobileResultPage {
                next_step_button_background_color: Some(good.into()),
                ..MobileResultPage::default()
            });
            assert_eq!(config.validate(), Ok(()), "{good} should be accepted");
        }
        for bad in ["red", "#12345", "#GGGGGG", "ffffff", "", "#ffffff80ff", " #fff"] {
            let config = result_page(MobileResultPage {
                next_step_button_background_color: Some(bad.into()),
                ..MobileResultPage::default()
            });
            assert_eq!(
                failures(&config),
                one(
                    UiErrorCode::M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE,
                    "mobileResultPage.nextStepButtonBackgroundColor"
                ),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn colours_without_a_guide_code_get_ours() {
        let config = parse(r#"{"mobileCameraPage": {"moveLeftTipTextColor": "blue"}}"#);
        assert_eq!(failures(&config), one(UiErrorCode::INVALID_COLOR, "mobileCameraPage.moveLeftTipTextColor"));
    }

    #[test]
    fn links_must_be_absolute_http_urls() {
        for good in ["https://cdn.example.com/ok.png", "http://example.com/a?b=c"] {
            let config =
                result_page(MobileResultPage { success_icon_link: Some(good.into()), ..MobileResultPage::default() });
            assert_eq!(config.validate(), Ok(()), "{good} should be accepted");
        }
        for bad in [
            "not a url",
            "/static/ok.png",
            "cdn.example.com/ok.png",
            "ftp://example.com/ok.png",
            "data:image/png;base64,AAAA",
            " https://cdn.example.com/ok.png",
            "",
        ] {
            let config =
                result_page(MobileResultPage { success_icon_link: Some(bad.into()), ..MobileResultPage::default() });
            assert_eq!(
                failures(&config),
                one(UiErrorCode::M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE, "mobileResultPage.successIconLink"),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn javascript_links_are_refused() {
        let config = UiConfig {
            pc_camera_page: Some(PcCameraPage {
                take_photo_icon_link: Some("javascript:alert(document.cookie)".into()),
                ..PcCameraPage::default()
            }),
            mobile_timeout_page: Some(MobileTimeoutPage {
                background_link: Some("JavaScript:alert(1)".into()),
                ..MobileTimeoutPage::default()
            }),
            ..UiConfig::default()
        };
        assert_eq!(
            failures(&config),
            vec![
                (UiErrorCode::INVALID_LINK, "mobileTimeoutPage.backgroundLink".to_owned()),
                (
                    UiErrorCode::M_TAKE_PHOTO_ICON_LINK_NOT_URL_CAMERA_PAGE_PC,
                    "pcCameraPage.takePhotoIconLink".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn at_most_four_tips() {
        let mut config = UiConfig {
            mobile_tips_page: Some(MobileTipsPage { tips: Some(tips(MAX_TIPS)), ..MobileTipsPage::default() }),
            pc_tips_page: Some(PcTipsPage { tips: Some(tips(MAX_TIPS)), ..PcTipsPage::default() }),
            ..UiConfig::default()
        };
        assert_eq!(config.validate(), Ok(()));

        config.mobile_tips_page.as_mut().unwrap().tips = Some(tips(5));
        config.pc_tips_page.as_mut().unwrap().tips = Some(tips(6));
        assert_eq!(
            failures(&config),
            vec![
                (UiErrorCode::M_TIPS_COUNT_OVERSTEP_TIPS_PAGE, "mobileTipsPage.tips[4]".to_owned()),
                (UiErrorCode::M_TIPS_COUNT_OVERSTEP_TIPS_PAGE_PC, "pcTipsPage.tips[4]".to_owned()),
            ]
        );
    }

    #[test]
    fn tip_contents_are_checked_with_their_index() {
        let config = parse(
            r##"{"mobileTipsPage": {"tips": [
                {"iconLink": "https://cdn.example.com/a.png", "text": "Good light"},
                {"iconLink": "icon.png", "text": "No hat"}
            ]}}"##,
        );
        assert_eq!(
            failures(&config),
            one(UiErrorCode::M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE, "mobileTipsPage.tips[1].iconLink")
        );
        let long_tip = "x".repeat(MAX_TIP_CHARS + 1);
        let config = UiConfig {
            pc_tips_page: Some(PcTipsPage {
                tips: Some(vec![TipsPageTip { icon_link: None, text: Some(long_tip) }]),
                ..PcTipsPage::default()
            }),
            ..UiConfig::default()
        };
        assert_eq!(failures(&config), one(UiErrorCode::M_TIPS_TOO_LONG_TIPS_PAGE_PC, "pcTipsPage.tips[0].text"));
    }

    #[test]
    fn over_long_titles_are_refused() {
        let page = |title: String| UiConfig {
            mobile_tips_page: Some(MobileTipsPage { title_text: Some(title), ..MobileTipsPage::default() }),
            ..UiConfig::default()
        };
        assert_eq!(page("t".repeat(MAX_TITLE_CHARS)).validate(), Ok(()));
        assert_eq!(
            failures(&page("t".repeat(MAX_TITLE_CHARS + 1))),
            one(UiErrorCode::M_TITLE_TOO_LONG_TIPS_PAGE, "mobileTipsPage.titleText")
        );
    }

    #[test]
    fn button_text_length_counts_chars_not_bytes() {
        let page = |text: String| {
            result_page(MobileResultPage { try_again_button_text: Some(text), ..MobileResultPage::default() })
        };
        // 30 CJK characters are 90 bytes: still within the limit.
        let at_limit = "再".repeat(MAX_BUTTON_TEXT_CHARS);
        assert!(at_limit.len() > MAX_BUTTON_TEXT_CHARS);
        assert_eq!(page(at_limit).validate(), Ok(()));
        assert_eq!(
            failures(&page("é".repeat(MAX_BUTTON_TEXT_CHARS + 1))),
            one(UiErrorCode::M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE, "mobileResultPage.tryAgainButtonText")
        );
    }

    #[test]
    fn locale_must_look_like_a_language_tag() {
        for good in ["en", "zh-CN", "zh-Hant-TW", "id_ID", "es-419"] {
            let config = UiConfig { locale: Some(good.into()), ..UiConfig::default() };
            assert_eq!(config.validate(), Ok(()), "{good} should be accepted");
        }
        let too_long = format!("en-{}", "a".repeat(MAX_LOCALE_CHARS));
        for bad in ["e", "", "en US", "-en", "en--US", "en-", "12", "en-US;", &too_long] {
            let config = UiConfig { locale: Some(bad.into()), ..UiConfig::default() };
            assert_eq!(failures(&config), one(UiErrorCode::INVALID_LOCALE, "locale"), "{bad:?} should be refused");
        }
    }

    #[test]
    fn every_failure_is_reported_at_once() {
        let config = parse(
            r##"{
                "locale": "english please",
                "mobileLoadingPage": {"progressColor": "green", "loadingText": "Loading..."},
                "mobileResultPage": {
                    "failedIconLink": "javascript:void(0)",
                    "tryAgainButtonBackgroundColor": "#12345"
                },
                "pcFailedDialog": {"confirmButtonBackgroundColor": "#GGGGGG"}
            }"##,
        );
        let errors = config.validate().unwrap_err();
        let reported: Vec<(UiErrorCode, &str)> = errors.iter().map(|e| (e.code, e.path.as_str())).collect();
        assert_eq!(
            reported,
            vec![
                (UiErrorCode::INVALID_LOCALE, "locale"),
                (UiErrorCode::M_PROGRESS_COLOR_WRONG_LOADING_PAGE, "mobileLoadingPage.progressColor"),
                (UiErrorCode::M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE, "mobileResultPage.failedIconLink"),
                (
                    UiErrorCode::M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE,
                    "mobileResultPage.tryAgainButtonBackgroundColor"
                ),
                (
                    UiErrorCode::M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_PC_FAILED_DIALOG,
                    "pcFailedDialog.confirmButtonBackgroundColor"
                ),
            ]
        );
        assert_eq!(
            errors[1].to_string(),
            "M_PROGRESS_COLOR_WRONG_LOADING_PAGE at mobileLoadingPage.progressColor: \
             Wrong format of the loading page progress color."
        );
    }

    /// A document breaking every vendor rule once, written through serde so the paths can be
    /// checked against the JSON keys serde actually uses.
    fn everything_wrong() -> UiConfig {
        let long = |n: usize| "x".repeat(n + 1);
        let bad_tips = || {
            let mut tips = tips(5);
            tips[0].icon_link = Some("nope".into());
            tips[1].text = Some(long(MAX_TIP_CHARS));
            tips
        };
        let failed_dialog = || FailedDialog {
            icon_link: Some("nope".into()),
            desc_text: Some(long(MAX_DESC_CHARS)),
            confirm_button_text: Some(long(MAX_BUTTON_TEXT_CHARS)),
            confirm_button_background_color: Some("red".into()),
        };
        UiConfig {
            mobile_tips_page: Some(MobileTipsPage {
                title_text: Some(long(MAX_TITLE_CHARS)),
                title_desc: Some(long(MAX_DESC_CHARS)),
                background_color: Some("red".into()),
                tips: Some(bad_tips()),
                start_button_text: Some(long(MAX_BUTTON_TEXT_CHARS)),
                start_button_background_color: Some("red".into()),
            }),
            mobile_loading_page: Some(MobileLoadingPage {
                progress_color: Some("red".into()),
                loading_text: Some(long(MAX_TITLE_CHARS)),
                loading_text_color: None,
            }),
            mobile_failed_dialog: Some(failed_dialog()),
            mobile_result_page: Some(MobileResultPage {
                success_icon_link: Some("nope".into()),
                failed_icon_link: Some("nope".into()),
                success_desc: Some(long(MAX_DESC_CHARS)),
                failed_desc: Some(long(MAX_DESC_CHARS)),
                next_step_button_text: Some(long(MAX_BUTTON_TEXT_CHARS)),
                next_step_button_background_color: Some("red".into()),
                try_again_button_text: Some(long(MAX_BUTTON_TEXT_CHARS)),
                try_again_button_background_color: Some("red".into()),
                ..MobileResultPage::default()
            }),
            pc_tips_page: Some(PcTipsPage {
                title_text: Some(long(MAX_TITLE_CHARS)),
                title_desc: Some(long(MAX_DESC_CHARS)),
                tips: Some(bad_tips()),
                start_button_text: Some(long(MAX_BUTTON_TEXT_CHARS)),
                start_button_background_color: Some("red".into()),
            }),
            pc_failed_dialog: Some(failed_dialog()),
            pc_camera_page: Some(PcCameraPage {
                title_text: Some(long(MAX_TITLE_CHARS)),
                title_desc: Some(long(MAX_DESC_CHARS)),
                take_photo_icon_link: Some("nope".into()),
            }),
            pc_result_page: Some(PcResultPage {
                success_icon_link: Some("nope".into()),
                failed_icon_link: Some("nope".into()),
                success_desc: Some(long(MAX_DESC_CHARS)),
                failed_desc: Some(long(MAX_DESC_CHARS)),
                next_step_button_text: Some(long(MAX_BUTTON_TEXT_CHARS)),
                next_step_button_background_color: Some("red".into()),
                try_again_button_text: Some(long(MAX_BUTTON_TEXT_CHARS)),
                try_again_button_background_color: Some("red".into()),
            }),
            ..UiConfig::default()
        }
    }

    #[test]
    fn every_vendor_code_is_reachable_once() {
        let errors = everything_wrong().validate().unwrap_err();
        let reported: Vec<UiErrorCode> = errors.iter().map(|e| e.code).collect();
        let vendor: Vec<UiErrorCode> = UiErrorCode::ALL.iter().copied().filter(|code| code.is_vendor()).collect();
        let mut sorted = reported.clone();
        sorted.sort_by_key(|code| code.name());
        let mut expected = vendor.clone();
        expected.sort_by_key(|code| code.name());
        assert_eq!(sorted, expected, "each vendor code exactly once");
    }

    #[test]
    fn error_paths_name_the_serialized_fields() {
        let config = everything_wrong();
        let json = serde_json::to_value(&config).unwrap();
        for error in config.validate().unwrap_err() {
            let mut node = &json;
            for segment in error.path.split('.') {
                let (key, index) = match segment.split_once('[') {
                    Some((key, rest)) => (key, Some(rest.trim_end_matches(']').parse::<usize>().unwrap())),
                    None => (segment, None),
                };
                node = node.get(key).unwrap_or_else(|| panic!("{} does not resolve in {json}", error.path));
                if let Some(index) = index {
                    node = node.get(index).unwrap_or_else(|| panic!("{} out of range", error.path));
                }
            }
            assert!(!node.is_null(), "{} resolves to null", error.path);
        }
    }

    #[test]
    fn unknown_fields_are_refused_by_name() {
        let top = serde_json::from_str::<UiConfig>(r#"{"titelText": "Hi"}"#).unwrap_err();
        assert!(top.to_string().contains("unknown field `titelText`"), "{top}");
        let nested = serde_json::from_str::<UiConfig>(r#"{"mobileResultPage": {"sucessDesc": "Done"}}"#).unwrap_err();
        assert!(nested.to_string().contains("unknown field `sucessDesc`"), "{nested}");
        let tip = serde_json::from_str::<UiConfig>(
            r#"{"pcTipsPage": {"tips": [{"icon": "https://cdn.example.com/a.png"}]}}"#,
        )
        .unwrap_err();
        assert!(tip.to_string().contains("unknown field `icon`"), "{tip}");
    }

    #[test]
    fn booleans_must_be_booleans() {
        let err = serde_json::from_str::<UiConfig>(r#"{"mobileResultPage": {"showScore": "yes"}}"#).unwrap_err();
        assert!(err.to_string().contains("expected a boolean"), "{err}");
    }
}
