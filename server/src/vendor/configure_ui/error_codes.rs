//! The catalogue of ConfigureUI error codes: the guide's list (name and message verbatim, in the
//! guide's order) and our four generic codes for fields the guide has no code for.

use std::fmt;

/// Declares [`UiErrorCode`] from two lists, so each code's name and message are written once:
/// the guide's codes (name and message verbatim) and our own generic ones.
macro_rules! ui_error_codes {
    (
        vendor { $( $vendor:ident => $vendor_message:literal, )* }
        ours { $( $(#[$doc:meta])* $ours:ident => $ours_message:literal, )* }
    ) => {
        /// Why a [`UiConfig`](super::UiConfig) field is refused. Variants keep the guide's exact code
        /// names; the generic `INVALID_*`/`TEXT_TOO_LONG` ones are ours, for fields the guide has no
        /// code for.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
