//! The locale packs in `locales/`: one per non-English [`Locale`], each with every text of
//! [`Texts`], no other key, and the same placeholders as the English text.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use advance_liveness::{Locale, Texts};
use serde_json::Value;

fn english() -> BTreeMap<String, String> {
    let Value::Object(texts) = serde_json::to_value(Texts::default()).unwrap() else { panic!("an object") };
    texts.into_iter().map(|(key, value)| (key, value.as_str().unwrap().to_owned())).collect()
}

fn pack(locale: Locale) -> BTreeMap<String, Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(format!("{}.json", locale.tag()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let Value::Object(pack) = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())) else {
        panic!("{}: not a JSON object", path.display())
    };
    pack.into_iter().collect()
}

/// `{name}` placeholders in a text, in order.
fn placeholders(text: &str) -> Vec<&str> {
    text.match_indices('{').filter_map(|(at, _)| text[at..].find('}').map(|end| &text[at..=at + end])).collect()
}

fn packs() -> impl Iterator<Item = Locale> {
    Locale::ALL.into_iter().filter(|locale| *locale != Locale::En)
}

#[test]
fn every_pack_has_every_text_and_no_other_key() {
    let english = english();
    let keys: BTreeSet<&String> = english.keys().collect();
    for locale in packs() {
        let pack = pack(locale);
        let have: BTreeSet<&String> = pack.keys().collect();
        assert_eq!(keys.difference(&have).collect::<Vec<_>>(), Vec::<&&String>::new(), "{locale} is missing keys");
        assert_eq!(have.difference(&keys).collect::<Vec<_>>(), Vec::<&&String>::new(), "{locale} has extra keys");
        for (key, value) in &pack {
            let text = value.as_str().unwrap_or_else(|| panic!("{locale} {key}: not a string"));
            assert!(!text.trim().is_empty(), "{locale} {key}: empty");
            assert_ne!(text, english[key], "{locale} {key}: left in English");
        }
        // And the component reads it as it is.
        let texts: Texts = serde_json::from_value(Value::Object(pack.into_iter().collect())).unwrap();
        assert_ne!(texts, Texts::default());
    }
}

#[test]
fn placeholders_match_the_english_ones() {
    let english = english();
    for locale in packs() {
        for (key, value) in pack(locale) {
            let text = value.as_str().unwrap_or_default().to_owned();
            assert_eq!(placeholders(&text), placeholders(&english[&key]), "{locale} {key}: {text}");
        }
    }
    assert_eq!(placeholders(&english["timeLeft"]), ["{time}"]);
}

#[test]
fn every_file_in_locales_is_a_pack() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let expected: BTreeSet<String> = packs().map(|locale| format!("{}.json", locale.tag())).collect();
    let found: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(found, expected);
}
