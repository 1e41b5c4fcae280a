//! The ConfigureUI document types, each field written once: its Rust name (serde's camelCase of
//! it is the JSON key, and the validator's paths are built the same way), its type, and the rule
//! [`UiConfig::validate`] applies to it, with the guide's error code for that field where the guide
//! has one. The fields follow the guide's sample request; where they come only from its error
//! list, the type's doc says so.

use serde::{Deserialize, Serialize};

use super::error_codes::UiErrorCode::*;
use super::validate::{
    At, CheckFields, Color, Device, Link, List, Locale, MAX_BUTTON_TEXT_CHARS, MAX_DESC_CHARS, MAX_TIP_CHARS, MAX_TIPS,
    MAX_TITLE_CHARS, Nested, NestedOn, Rule, Text, TypeOnly,
};

/// Declares one document type from one list of `field: Type => rule` lines: the struct (every
/// field an `Option`, camelCase in JSON, left out when absent, unknown fields refused) and its
/// [`CheckFields`] impl applying each present field's [`Rule`] in declaration order. A type that
/// mobile and PC share takes `for device: Device`, which its rules read to pick their codes.
macro_rules! ui_object {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($fields:tt)* }
    ) => {
        ui_object! { $(#[$meta])* pub struct $name for _context: () { $($fields)* } }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident for $context:ident: $context_type:ty {
            $( $(#[$field_meta:meta])* $field:ident: $type:ty => $rule:expr, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$type>,
            )*
        }

        impl CheckFields<$context_type> for $name {
            #[cfg(test)]
            const FIELD_NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            fn check_fields(&self, $context: $context_type, at: &mut At<'_>) {
                $(
                    if let Some(value) = &self.$field {
                        Rule::check(&$rule, value, at.field(stringify!($field)));
                    }
                )*
            }
        }
    };
}

ui_object! {
    /// The whole ConfigureUI request body. Every field is optional: what is left out keeps the
    /// vendor's default. Unknown fields are refused so a typo in a `ui.json` is an error rather
    /// than a silently ignored setting.
    pub struct UiConfig {
        /// The page title (the guide's sample: `"Liveness Detection"`).
        title_text: String => Text(MAX_TITLE_CHARS, TEXT_TOO_LONG),
        /// The page language, e.g. `"en"`.
        locale: String => Locale,
        /// The mobile tips page (named only by the guide's error list).
        mobile_tips_page: MobileTipsPage => Nested,
        /// The mobile camera page.
        mobile_camera_page: MobileCameraPage => Nested,
        /// The mobile loading page.
        mobile_loading_page: MobileLoadingPage => Nested,
        /// The mobile detection-failed dialog (named only by the guide's error list).
        mobile_failed_dialog: FailedDialog => NestedOn(Device::Mobile),
        /// The mobile result page.
        mobile_result_page: MobileResultPage => Nested,
        /// The mobile pages for camera trouble: refresh, continue-on-another-device (QR code) and
        /// verification-finished.
        mobile_multi_device_process_page: MobileMultiDeviceProcessPage => Nested,
        /// The mobile timeout page.
        mobile_timeout_page: MobileTimeoutPage => Nested,
        /// The PC tips page (named only by the guide's error list).
        pc_tips_page: PcTipsPage => Nested,
        /// The PC detection-failed dialog (named only by the guide's error list).
        pc_failed_dialog: FailedDialog => NestedOn(Device::Pc),
        /// The PC camera page (named only by the guide's error list).
        pc_camera_page: PcCameraPage => Nested,
        /// The PC result page (named only by the guide's error list).
        pc_result_page: PcResultPage => Nested,
    }
}

ui_object! {
    /// The mobile tips page shown before the camera starts. The guide's sample omits it; its error
    /// list (`M_*_TIPS_PAGE`) implies these fields, whose names are ours in the guide's style.
    pub struct MobileTipsPage {
        /// The title (implied by `M_TITLE_TOO_LONG_TIPS_PAGE`).
        title_text: String => Text(MAX_TITLE_CHARS, M_TITLE_TOO_LONG_TIPS_PAGE),
        /// The line under the title (implied by `M_TITLE_DESC_TOO_LONG_TIPS_PAGE`).
        title_desc: String => Text(MAX_DESC_CHARS, M_TITLE_DESC_TOO_LONG_TIPS_PAGE),
        /// The page background colour (implied by `M_BACKGROUND_NOT_COLOR_TIPS_PAGE`).
        background_color: String => Color(M_BACKGROUND_NOT_COLOR_TIPS_PAGE),
        /// Up to [`MAX_TIPS`] tips (implied by `M_TIPS_COUNT_OVERSTEP_TIPS_PAGE`).
        tips: Vec<TipsPageTip> => List {
            max: MAX_TIPS,
            too_many: M_TIPS_COUNT_OVERSTEP_TIPS_PAGE,
            each: NestedOn(Device::Mobile),
        },
        /// The start button's text (implied by `M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE`).
        start_button_text: String => Text(MAX_BUTTON_TEXT_CHARS, M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE),
        /// The start button's background colour (implied by
        /// `M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE`).
        start_button_background_color: String => Color(M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE),
    }
}

ui_object! {
    /// The PC tips page. The guide's sample omits it; its error list (`M_*_TIPS_PAGE_PC`) implies
    /// these fields, whose names are ours and match [`MobileTipsPage`]'s. Unlike the mobile page
    /// the list has no background-colour code, so there is no `background_color` here.
    pub struct PcTipsPage {
        /// The title (implied by `M_TITLE_TOO_LONG_TIPS_PAGE_PC`).
        title_text: String => Text(MAX_TITLE_CHARS, M_TITLE_TOO_LONG_TIPS_PAGE_PC),
        /// The line under the title (implied by `M_TITLE_DESC_TOO_LONG_TIPS_PAGE_PC`).
        title_desc: String => Text(MAX_DESC_CHARS, M_TITLE_DESC_TOO_LONG_TIPS_PAGE_PC),
        /// Up to [`MAX_TIPS`] tips (implied by `M_TIPS_COUNT_OVERSTEP_TIPS_PAGE_PC`).
        tips: Vec<TipsPageTip> => List {
            max: MAX_TIPS,
            too_many: M_TIPS_COUNT_OVERSTEP_TIPS_PAGE_PC,
            each: NestedOn(Device::Pc),
        },
        /// The start button's text (implied by `M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE_PC`).
        start_button_text: String => Text(MAX_BUTTON_TEXT_CHARS, M_BUTTON_TEXT_TOO_LONG_TIPS_PAGE_PC),
        /// The start button's background colour (implied by
        /// `M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE_PC`).
        start_button_background_color: String => Color(M_BUTTON_BACKGROUND_NOT_COLOR_TIPS_PAGE_PC),
    }
}

ui_object! {
    /// One tip of a tips page: an icon and a short sentence. Implied by the guide's
    /// `M_TIP_ICON_LINK_NOT_URL_*` and `M_TIPS_TOO_LONG_*`; the names are ours.
    pub struct TipsPageTip for device: Device {
        /// The icon's absolute http(s) URL.
        icon_link: String => Link(device.code(M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE, M_TIP_ICON_LINK_NOT_URL_TIPS_PAGE_PC)),
        /// The tip's text.
        text: String => Text(MAX_TIP_CHARS, device.code(M_TIPS_TOO_LONG_TIPS_PAGE, M_TIPS_TOO_LONG_TIPS_PAGE_PC)),
    }
}

ui_object! {
    /// The detection-failed dialog, on mobile and PC. The guide's sample omits both; its error list
    /// (`M_*_FAILED_DIALOG`, `M_*_PC_FAILED_DIALOG`) implies the same four fields on each, whose
    /// names are ours in the guide's style, and their codes differ by [`Device`].
    pub struct FailedDialog for device: Device {
        /// The dialog's icon, an absolute http(s) URL (implied by `M_ICON_LINK_NOT_URL_*`).
        icon_link: String => Link(device.code(M_ICON_LINK_NOT_URL_FAILED_DIALOG, M_ICON_LINK_NOT_URL_PC_FAILED_DIALOG)),
        /// The description text (implied by `M_DESC_TEXT_TOO_LONG_*`).
        desc_text: String => Text(
            MAX_DESC_CHARS,
            device.code(M_DESC_TEXT_TOO_LONG_FAILED_DIALOG, M_DESC_TEXT_TOO_LONG_PC_FAILED_DIALOG),
        ),
        /// The confirm button's text (implied by `M_BUTTON_TEXT_TOO_LONG_*`).
        confirm_button_text: String => Text(
            MAX_BUTTON_TEXT_CHARS,
            device.code(M_BUTTON_TEXT_TOO_LONG_FAILED_DIALOG, M_BUTTON_TEXT_TOO_LONG_PC_FAILED_DIALOG),
        ),
        /// The confirm button's background colour (implied by
        /// `M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_*`).
        confirm_button_background_color: String => Color(device.code(
            M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_FAILED_DIALOG,
            M_BUTTON_TEXT_BACKGROUND_NOT_COLOR_PC_FAILED_DIALOG,
        )),
    }
}

ui_object! {
    /// The mobile camera page: its background and the prompts shown while framing the face. All
    /// fields are from the guide's sample; none has a vendor error code, so they get our generic
    /// checks.
    pub struct MobileCameraPage {
        /// Colour of all prompts, unless a prompt sets its own.
        tips_text_color: String => Color(INVALID_COLOR),
        /// Page background colour.
        background_color: String => Color(INVALID_COLOR),
        /// Page background image URL.
        background_link: String => Link(INVALID_LINK),
        /// Prompt when the face is off-centre.
        face_not_center_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        face_not_center_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when the face is not turned to the camera.
        face_not_frontal_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        face_not_frontal_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when the face is too far.
        face_too_far_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        face_too_far_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when the face is too near.
        face_too_near_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        face_too_near_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt to hold still while capturing.
        keep_still_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        keep_still_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt to move left.
        move_left_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        move_left_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt to move right.
        move_right_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        move_right_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when the face is too high (the guide's sample says "move your face down").
        move_top_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        move_top_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when the face is too low (the guide's sample says "move your face up").
        move_bottom_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        move_bottom_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when more than one face is seen.
        multiple_faces_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        multiple_faces_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when no face is seen.
        face_missing_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        face_missing_tip_text_color: String => Color(INVALID_COLOR),
        /// Prompt when the face is covered.
        face_occlusion_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        face_occlusion_tip_text_color: String => Color(INVALID_COLOR),
        /// The page's name (the guide's sample: `"mobile camera page"`; the guide does not say
        /// where it is shown).
        page_name: String => Text(MAX_TITLE_CHARS, TEXT_TOO_LONG),
    }
}

ui_object! {
    /// The mobile loading page. All fields are from the guide's sample.
    pub struct MobileLoadingPage {
        /// Progress indicator colour (`M_PROGRESS_COLOR_WRONG_LOADING_PAGE`).
        progress_color: String => Color(M_PROGRESS_COLOR_WRONG_LOADING_PAGE),
        /// The loading text (`M_LOADING_TEXT_TOO_LONG_LOADING_PAGE`; limit [`MAX_TITLE_CHARS`]).
        loading_text: String => Text(MAX_TITLE_CHARS, M_LOADING_TEXT_TOO_LONG_LOADING_PAGE),
        /// The loading text's colour.
        loading_text_color: String => Color(INVALID_COLOR),
    }
}

ui_object! {
    /// The mobile result page. All fields are from the guide's sample; the booleans the sample
    /// leaves `null` (the last three) are typed `bool` from their names, as the guide gives no type.
    pub struct MobileResultPage {
        /// Success icon URL (`M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE`).
        success_icon_link: String => Link(M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE),
        /// Failure icon URL (`M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE`).
        failed_icon_link: String => Link(M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE),
        /// Success text (`M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE`).
        success_desc: String => Text(MAX_DESC_CHARS, M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE),
        /// Failure text (`M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE`).
        failed_desc: String => Text(MAX_DESC_CHARS, M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE),
        /// Whether to show the liveness score.
        show_score: bool => TypeOnly,
        /// Next-step button text (`M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE`).
        next_step_button_text: String => Text(MAX_BUTTON_TEXT_CHARS, M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE),
        /// Next-step button colour (`M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE`).
        next_step_button_background_color: String => Color(M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE),
        /// Try-again button text (`M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE`).
        try_again_button_text: String => Text(MAX_BUTTON_TEXT_CHARS, M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE),
        /// Try-again button colour (`M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE`).
        try_again_button_background_color: String => Color(M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE),
        /// Hide the next-step button until the tries are used up (`null` in the sample).
        next_step_button_invisible_before_try_count_use_up: bool => TypeOnly,
        /// Result text colour.
        liveness_result_text_color: String => Color(INVALID_COLOR),
        /// Next-step button text colour.
        next_step_button_text_color: String => Color(INVALID_COLOR),
        /// Try-again button text colour.
        try_again_button_text_color: String => Color(INVALID_COLOR),
        /// Next-step button background image URL.
        next_step_button_background_link: String => Link(INVALID_LINK),
        /// Try-again button background image URL.
        try_again_button_background_link: String => Link(INVALID_LINK),
        /// Page background colour.
        background_color: String => Color(INVALID_COLOR),
        /// Page background image URL.
        background_link: String => Link(INVALID_LINK),
        /// Whether the result page is shown at all.
        is_show: bool => TypeOnly,
        /// Whether the captured face is shown (`null` in the sample).
        face_show: bool => TypeOnly,
        /// Countdown text before moving on; the guide's sample uses a `{second}` placeholder.
        countdown_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Countdown text colour.
        countdown_text_color: String => Color(INVALID_COLOR),
        /// Turns the automatic countdown off (`null` in the sample).
        close_countdown_logic: bool => TypeOnly,
    }
}

ui_object! {
    /// The PC result page. The guide's sample omits it; its error list (`M_*_RESULT_PAGE_PC`) names
    /// the same eight settings that carry codes on [`MobileResultPage`], so they take the mobile
    /// page's field names (our inference).
    pub struct PcResultPage {
        /// Success icon URL (`M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE_PC`).
        success_icon_link: String => Link(M_SUCCESS_ICON_LINK_NOT_URL_RESULT_PAGE_PC),
        /// Failure icon URL (`M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE_PC`).
        failed_icon_link: String => Link(M_FAILED_ICON_LINK_NOT_URL_RESULT_PAGE_PC),
        /// Success text (`M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC`).
        success_desc: String => Text(MAX_DESC_CHARS, M_SUCCESS_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC),
        /// Failure text (`M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC`).
        failed_desc: String => Text(MAX_DESC_CHARS, M_FAILED_DESC_TEXT_TOO_LONG_RESULT_PAGE_PC),
        /// Next-step button text (`M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC`).
        next_step_button_text: String => Text(MAX_BUTTON_TEXT_CHARS, M_NEXT_STEP_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC),
        /// Next-step button colour (`M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC`).
        next_step_button_background_color: String => Color(M_NEXT_STEP_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC),
        /// Try-again button text (`M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC`).
        try_again_button_text: String => Text(MAX_BUTTON_TEXT_CHARS, M_TRY_AGAIN_BUTTON_TEXT_TOO_LONG_RESULT_PAGE_PC),
        /// Try-again button colour (`M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC`).
        try_again_button_background_color: String => Color(M_TRY_AGAIN_BUTTON_BACKGROUND_COLOR_WRONG_RESULT_PAGE_PC),
    }
}

ui_object! {
    /// The PC camera page. The guide's sample omits it; its error list (`M_*_CAMERA_PAGE_PC`)
    /// implies these fields, whose names are ours in the guide's style.
    pub struct PcCameraPage {
        /// The title (implied by `M_TITLE_TOO_LONG_CAMERA_PAGE_PC`).
        title_text: String => Text(MAX_TITLE_CHARS, M_TITLE_TOO_LONG_CAMERA_PAGE_PC),
        /// The line under the title (implied by `M_TITLE_DESC_TOO_LONG_CAMERA_PAGE_PC`).
        title_desc: String => Text(MAX_DESC_CHARS, M_TITLE_DESC_TOO_LONG_CAMERA_PAGE_PC),
        /// The take-photo button's icon URL (implied by
        /// `M_TAKE_PHOTO_ICON_LINK_NOT_URL_CAMERA_PAGE_PC`).
        take_photo_icon_link: String => Link(M_TAKE_PHOTO_ICON_LINK_NOT_URL_CAMERA_PAGE_PC),
    }
}

ui_object! {
    /// The mobile pages shown when the camera cannot be used: a refresh page (permission denied),
    /// a QR-code page to continue on another device, and the page shown once that device has
    /// finished. All fields are from the guide's sample; none has a vendor error code.
    pub struct MobileMultiDeviceProcessPage {
        /// Refresh page: top icon URL.
        refresh_page_top_icon_link: String => Link(INVALID_LINK),
        /// Refresh page: headline.
        refresh_page_bold_text: String => Text(MAX_TITLE_CHARS, TEXT_TOO_LONG),
        /// Refresh page: headline colour.
        refresh_page_bold_text_color: String => Color(INVALID_COLOR),
        /// Refresh page: explanation.
        refresh_page_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Refresh page: explanation colour.
        refresh_page_tip_text_color: String => Color(INVALID_COLOR),
        /// Refresh page: button text.
        refresh_page_btn_text: String => Text(MAX_BUTTON_TEXT_CHARS, TEXT_TOO_LONG),
        /// Refresh page: button text colour.
        refresh_page_btn_text_color: String => Color(INVALID_COLOR),
        /// Refresh page: button background image URL.
        refresh_page_btn_background_link: String => Link(INVALID_LINK),
        /// Refresh page: button background colour.
        refresh_page_btn_background_color: String => Color(INVALID_COLOR),
        /// QR-code page: top icon URL.
        qr_code_page_top_icon_link: String => Link(INVALID_LINK),
        /// QR-code page, permission denied: headline.
        qr_code_page_permission_denied_bold_text: String => Text(MAX_TITLE_CHARS, TEXT_TOO_LONG),
        /// QR-code page, permission denied: headline colour.
        qr_code_page_permission_denied_bold_text_color: String => Color(INVALID_COLOR),
        /// QR-code page, permission denied: explanation.
        qr_code_page_permission_denied_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// QR-code page, permission denied: explanation colour.
        qr_code_page_permission_denied_tip_text_color: String => Color(INVALID_COLOR),
        /// QR-code page, camera issue: headline.
        qr_code_page_camera_issue_bold_text: String => Text(MAX_TITLE_CHARS, TEXT_TOO_LONG),
        /// QR-code page, camera issue: headline colour.
        qr_code_page_camera_issue_bold_text_color: String => Color(INVALID_COLOR),
        /// QR-code page, camera issue: explanation.
        qr_code_page_camera_issue_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// QR-code page, camera issue: explanation colour.
        qr_code_page_camera_issue_tip_text_color: String => Color(INVALID_COLOR),
        /// QR-code page: liveness link box background image URL.
        qr_code_page_liveness_link_background_link: String => Link(INVALID_LINK),
        /// QR-code page: liveness link box background colour.
        qr_code_page_liveness_link_background_color: String => Color(INVALID_COLOR),
        /// QR-code page: liveness link text colour.
        qr_code_page_liveness_link_text_color: String => Color(INVALID_COLOR),
        /// QR-code page: liveness link box border colour.
        qr_code_page_liveness_link_border_color: String => Color(INVALID_COLOR),
        /// QR-code page: copy button text.
        qr_code_page_copy_link_btn_text: String => Text(MAX_BUTTON_TEXT_CHARS, TEXT_TOO_LONG),
        /// QR-code page: copy button text colour.
        qr_code_page_copy_link_btn_text_color: String => Color(INVALID_COLOR),
        /// QR-code page: copy button background image URL.
        qr_code_page_copy_link_btn_background_link: String => Link(INVALID_LINK),
        /// QR-code page: copy button background colour.
        qr_code_page_copy_link_btn_background_color: String => Color(INVALID_COLOR),
        /// Verification-finished page: top icon URL.
        verify_finished_page_top_icon_link: String => Link(INVALID_LINK),
        /// Verification-finished page: headline.
        verify_finished_page_bold_text: String => Text(MAX_TITLE_CHARS, TEXT_TOO_LONG),
        /// Verification-finished page: headline colour.
        verify_finished_page_bold_text_color: String => Color(INVALID_COLOR),
        /// Verification-finished page: explanation.
        verify_finished_page_tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Verification-finished page: explanation colour.
        verify_finished_page_tip_text_color: String => Color(INVALID_COLOR),
        /// Text shown while the video uploads.
        video_uploading_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Its colour.
        video_uploading_text_color: String => Color(INVALID_COLOR),
    }
}

ui_object! {
    /// The mobile timeout page. All fields are from the guide's sample; none has a vendor error
    /// code.
    pub struct MobileTimeoutPage {
        /// Headline.
        bold_text: String => Text(MAX_TITLE_CHARS, TEXT_TOO_LONG),
        /// Headline colour.
        bold_text_color: String => Color(INVALID_COLOR),
        /// Explanation.
        tip_text: String => Text(MAX_DESC_CHARS, TEXT_TOO_LONG),
        /// Explanation colour.
        tip_text_color: String => Color(INVALID_COLOR),
        /// Icon URL.
        icon_link: String => Link(INVALID_LINK),
        /// Try-again button text.
        try_again_button_text: String => Text(MAX_BUTTON_TEXT_CHARS, TEXT_TOO_LONG),
        /// Try-again button text colour.
        try_again_button_text_color: String => Color(INVALID_COLOR),
        /// Try-again button background image URL.
        try_again_button_background_link: String => Link(INVALID_LINK),
        /// Try-again button background colour.
        try_again_button_background_color: String => Color(INVALID_COLOR),
        /// Page background colour.
        background_color: String => Color(INVALID_COLOR),
        /// Page background image URL.
        background_link: String => Link(INVALID_LINK),
    }
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

    fn parse(json: &str) -> UiConfig {
        serde_json::from_str(json).expect("document should deserialize")
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
