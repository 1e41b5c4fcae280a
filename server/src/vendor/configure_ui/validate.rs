//! The checks run on a [`UiConfig`] before it is sent: the limits, the rules the schema pairs with
//! each field, and [`UiConfig::validate`], which reports every failure at once with the field's
//! JSON path.
//!
//! A path is built from the fields' Rust names by serde's own `camelCase` rule (the schema's
//! `rename_all`), so each name is written once, in the schema; a test checks that the two agree
//! for every field of every type.

use std::fmt;

use super::error_codes::UiErrorCode;
use super::schema::UiConfig;

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

impl UiConfig {
    /// Checks the document against the rules the guide's error list implies (and our generic ones
    /// for fields it has no code for), reporting every failure rather than the first, in the
    /// order the fields are declared.
    pub fn validate(&self) -> Result<(), Vec<UiConfigError>> {
        let mut errors = Vec::new();
        self.check_fields((), &mut At { errors: &mut errors, path: String::new() });
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// A document object whose fields each have a [`Rule`]: every schema type implements it through
/// the schema's `ui_object!`. `Ctx` is what a type shared between pages must know about where it
/// sits (the [`Device`] of a failed dialog or a tip), `()` for the others.
pub(super) trait CheckFields<Ctx> {
    /// The fields' Rust names, in declaration order.
    #[cfg(test)]
    const FIELD_NAMES: &'static [&'static str];

    /// Applies each present field's rule, in declaration order.
    fn check_fields(&self, ctx: Ctx, at: &mut At<'_>);
}

/// Where a value sits in the document, and where its failures go.
pub(super) struct At<'a> {
    errors: &'a mut Vec<UiConfigError>,
    /// The value's JSON path; empty for the document itself.
    path: String,
}

impl At<'_> {
    /// The field called `rust_name` in the schema, of the object at this path.
    pub(super) fn field(&mut self, rust_name: &str) -> At<'_> {
        let name = json_name(rust_name);
        let path = if self.path.is_empty() { name } else { format!("{}.{name}", self.path) };
        At { errors: self.errors, path }
    }

    fn index(&mut self, index: usize) -> At<'_> {
        At { errors: self.errors, path: format!("{}[{index}]", self.path) }
    }

    fn fail(self, code: UiErrorCode) {
        self.errors.push(UiConfigError::new(code, self.path));
    }
}

/// A field's JSON name: serde's `rename_all = "camelCase"` applied to its Rust name
/// (`next_step_button_text` is `nextStepButtonText`).
fn json_name(rust_name: &str) -> String {
    let mut name = String::with_capacity(rust_name.len());
    let mut capitalize = false;
    for ch in rust_name.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            name.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            name.push(ch);
        }
    }
    name
}

/// How one field's value is checked. Absent fields (and JSON `null`s) are never checked: they
/// keep the vendor's default.
pub(super) trait Rule<T> {
    /// Records the value's failures, if any, at its path.
    fn check(&self, value: &T, at: At<'_>);
}

/// A colour: `#RGB`, `#RRGGBB` or `#RRGGBBAA`, else the code.
pub(super) struct Color(pub(super) UiErrorCode);

/// An image link: an absolute http(s) URL, else the code.
pub(super) struct Link(pub(super) UiErrorCode);

/// A text of at most this many characters, else the code.
pub(super) struct Text(pub(super) usize, pub(super) UiErrorCode);

/// A language tag such as `en`, `zh-CN` or `id_ID`, else `INVALID_LOCALE`.
pub(super) struct Locale;

/// Nothing beyond the type serde already checked (the booleans).
pub(super) struct TypeOnly;

/// An object checked by its own fields' rules.
pub(super) struct Nested;

/// An object of a type that mobile and PC share, whose codes depend on which one it is on.
pub(super) struct NestedOn(pub(super) Device);

/// A list of at most `max` items: one `too_many` failure at the first item past `max`, plus each
/// item's own failures (the extra items' included, so one pass fixes everything).
pub(super) struct List<R> {
    pub(super) max: usize,
    pub(super) too_many: UiErrorCode,
    pub(super) each: R,
}

/// Which side a shared page type is on: the guide gives mobile and PC their own codes.
#[derive(Debug, Clone, Copy)]
pub(super) enum Device {
    Mobile,
    Pc,
}

impl Device {
    /// Of the guide's two codes for one rule, the one for this device.
    pub(super) fn code(self, mobile: UiErrorCode, pc: UiErrorCode) -> UiErrorCode {
        match self {
            Self::Mobile => mobile,
            Self::Pc => pc,
        }
    }
}

impl Rule<String> for Color {
    fn check(&self, value: &String, at: At<'_>) {
        if !is_hex_color(value) {
            at.fail(self.0);
        }
    }
}

impl Rule<String> for Link {
    fn check(&self, value: &String, at: At<'_>) {
        if !is_http_url(value) {
            at.fail(self.0);
        }
    }
}

impl Rule<String> for Text {
    fn check(&self, value: &String, at: At<'_>) {
        if value.chars().count() > self.0 {
            at.fail(self.1);
        }
    }
}

impl Rule<String> for Locale {
    fn check(&self, value: &String, at: At<'_>) {
        if !is_plausible_locale(value) {
            at.fail(UiErrorCode::INVALID_LOCALE);
        }
    }
}

impl<T> Rule<T> for TypeOnly {
    fn check(&self, _: &T, _: At<'_>) {}
}

impl<T: CheckFields<()>> Rule<T> for Nested {
    fn check(&self, value: &T, mut at: At<'_>) {
        value.check_fields((), &mut at);
    }
}

impl<T: CheckFields<Device>> Rule<T> for NestedOn {
    fn check(&self, value: &T, mut at: At<'_>) {
        value.check_fields(self.0, &mut at);
    }
}

impl<T, R: Rule<T>> Rule<Vec<T>> for List<R> {
    fn check(&self, items: &Vec<T>, mut at: At<'_>) {
        if items.len() > self.max {
            at.index(self.max).fail(self.too_many);
        }
        for (i, item) in items.iter().enumerate() {
            self.each.check(item, at.index(i));
        }
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
    use super::super::*;
    use super::*;

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
    fn pages_without_guide_codes_get_ours_in_document_order() {
        let config = parse(
            r##"{"mobileMultiDeviceProcessPage": {
                "refreshPageBoldText": "Your browser has not let this page use the camera yet",
                "refreshPageTipTextColor": "white",
                "refreshPageBtnBackgroundLink": "button.png",
                "verifyFinishedPageTopIconLink": "https://cdn.example.com/done.png",
                "videoUploadingTextColor": "#00f"
            }}"##,
        );
        let page = "mobileMultiDeviceProcessPage";
        assert_eq!(
            failures(&config),
            vec![
                (UiErrorCode::TEXT_TOO_LONG, format!("{page}.refreshPageBoldText")),
                (UiErrorCode::INVALID_COLOR, format!("{page}.refreshPageTipTextColor")),
                (UiErrorCode::INVALID_LINK, format!("{page}.refreshPageBtnBackgroundLink")),
            ]
        );
    }

    /// The JSON keys serde's derive gives `T`'s fields, as it hands them to `deserialize_struct`.
    fn serde_keys<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
        use serde::de::{self, Visitor};
        struct Capture<'a>(&'a mut &'static [&'static str]);
        impl<'de> de::Deserializer<'de> for Capture<'_> {
            type Error = de::value::Error;
            fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(de::Error::custom("not a struct"))
            }
            fn deserialize_struct<V: Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                *self.0 = fields;
                Err(de::Error::custom("captured"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
                unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
            }
        }
        let mut keys: &'static [&'static str] = &[];
        let _ = T::deserialize(Capture(&mut keys));
        keys
    }

    #[test]
    fn paths_use_the_json_keys_serde_uses_for_every_field() {
        fn agree<T: CheckFields<C> + serde::de::DeserializeOwned, C>() {
            let ours: Vec<String> = T::FIELD_NAMES.iter().map(|field| json_name(field)).collect();
            assert!(!ours.is_empty());
            assert_eq!(ours, serde_keys::<T>(), "{}", std::any::type_name::<T>());
        }
        agree::<UiConfig, ()>();
        agree::<MobileTipsPage, ()>();
        agree::<PcTipsPage, ()>();
        agree::<TipsPageTip, Device>();
        agree::<FailedDialog, Device>();
        agree::<MobileCameraPage, ()>();
        agree::<MobileLoadingPage, ()>();
        agree::<MobileResultPage, ()>();
        agree::<PcResultPage, ()>();
        agree::<PcCameraPage, ()>();
        agree::<MobileMultiDeviceProcessPage, ()>();
        agree::<MobileTimeoutPage, ()>();
    }
}
