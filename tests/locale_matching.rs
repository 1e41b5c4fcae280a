//! Which locale a tag, or a list of preferred tags, gets: the table in
//! `tests/cases/locale_tags.json`, which the JS bundle's `negotiateLocale` is checked against
//! too (tests/node-import), so both surfaces follow one set of rules.

#![cfg(not(target_arch = "wasm32"))]

use advance_liveness::{Locale, negotiate};
use serde_json::Value;

fn table() -> Value {
    serde_json::from_str(include_str!("cases/locale_tags.json")).unwrap()
}

fn locale(expected: &Value) -> Option<Locale> {
    expected.as_str().map(|tag| Locale::ALL.into_iter().find(|l| l.tag() == tag).unwrap())
}

#[test]
fn each_tag_gets_its_pack_or_none() {
    let table = table();
    let tags = table["tags"].as_object().unwrap();
    assert!(tags.len() >= 40);
    for (tag, expected) in tags {
        assert_eq!(Locale::for_tag(tag), locale(expected), "{tag:?}");
    }
}

#[test]
fn the_first_served_preference_wins_else_english() {
    for case in table()["lists"].as_array().unwrap() {
        let preferences: Vec<&str> = case[0].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert_eq!(Some(negotiate(preferences.iter().copied())), locale(&case[1]), "{preferences:?}");
    }
}
