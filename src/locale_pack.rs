//! The browser side of [`crate::locale`]: what the page says about the user's language, and
//! loading the chosen locale's pack (`<packs URL><tag>.json`, next to the bundle or where the app
//! serves `locales/`).

use web_sys::{Element, RequestCredentials};

use crate::json;
use crate::locale::Locale;
use crate::session_client::send;
use crate::texts::Texts;

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

/// Fetches and reads `locale`'s pack from `base` (a URL ending in `/`). A key the pack lacks is
/// English; anything else wrong is an error saying what.
pub async fn load(base: &str, locale: Locale) -> Result<Texts, String> {
    let url = format!("{base}{}.json", locale.tag());
    let text = send("GET", &url, None, RequestCredentials::SameOrigin).await.map_err(|e| format!("{url}: {e}"))?;
    json::from_str::<Texts>(&text).map_err(|e| format!("{url} is not a texts pack: {e}"))
}
