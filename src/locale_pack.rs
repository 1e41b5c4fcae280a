//! The browser side of [`crate::locale`]: what the page says about the user's language, and
//! loading the chosen locale's pack (`<packs URL><tag>.json`, next to the bundle or where the app
//! serves `locales/`).

use wasm_bindgen::JsValue;
use web_sys::{Element, RequestCredentials};

use crate::locale::Locale;
use crate::session_client::send;
use crate::texts::{Texts, json_key};

/// The user's language preferences, most preferred first: the app's `locale` option, the `lang`
/// of the nearest element around `host` that has one (usually `<html lang>`), then the browser's
/// `navigator.languages`.
pub fn preferences(host: &Element, requested: Option<&str>) -> Vec<String> {
    let mut preferences: Vec<String> = requested.map(str::to_owned).into_iter().collect();
    if let Ok(Some(marked)) = host.closest("[lang]")
        && let Some(lang) = marked.get_attribute("lang")
    {
        preferences.push(lang);
    }
    if let Some(window) = web_sys::window() {
        preferences.extend(window.navigator().languages().iter().filter_map(|tag| tag.as_string()));
    }
    preferences
}

/// Fetches and reads `locale`'s pack from `base` (a URL ending in `/`). A key the pack lacks (or
/// does not give as a string) is English; a pack that is not a JSON object of texts is an error
/// saying what. Read key by key rather than through serde: a struct deserializer is 7 KB of
/// wasm that the Leptos surface would carry for this alone.
pub async fn load(base: &str, locale: Locale) -> Result<Texts, String> {
    let url = format!("{base}{}.json", locale.tag());
    let text = send("GET", &url, None, RequestCredentials::SameOrigin).await.map_err(|e| format!("{url}: {e}"))?;
    let pack = js_sys::JSON::parse(&text)
        .ok()
        .filter(JsValue::is_object)
        .ok_or_else(|| format!("{url} is not a JSON object"))?;
    let mut texts = Texts::default();
    let mut found = 0;
    for (index, field) in Texts::KEYS.iter().enumerate() {
        let value = js_sys::Reflect::get(&pack, &JsValue::from_str(&json_key(field))).ok().and_then(|v| v.as_string());
        if let (Some(value), Some(text)) = (value, texts.at(index)) {
            *text = value;
            found += 1;
        }
    }
    if found == 0 {
        return Err(format!("{url} holds none of the texts"));
    }
    Ok(texts)
}
