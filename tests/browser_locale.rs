//! `<LivenessCheck/>` in other languages, in Chromium: the page's `lang` picks the pack, Arabic
//! turns the check right to left (the QR and the link stay left to right), the integrator's texts
//! win over the pack, and a pack that does not load leaves the check in English, said through the
//! error callback without stopping it. The packs are the repository's own (`locales/`), answered
//! by a stub `fetch`; the e2e tests load them over HTTP.
#![cfg(target_arch = "wasm32")]

mod support;

use advance_liveness::component::LivenessCheck;
use advance_liveness::{CrossDeviceMode, LivenessError, Phase, Texts};
use js_sys::Function;
use leptos::mount::mount_to;
use leptos::prelude::*;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const INDONESIAN: &str = include_str!("../locales/id.json");
const ARABIC: &str = include_str!("../locales/ar.json");

/// Answers `fetch` for `/packs/<tag>.json` with the given pack text (404 for any other tag);
/// returns the URLs asked for.
fn serve_packs(packs: &[(&str, &str)]) -> js_sys::Array {
    let calls = js_sys::Array::new();
    let table = js_sys::Object::new();
    for (tag, text) in packs {
        js_sys::Reflect::set(&table, &JsValue::from_str(&format!("/packs/{tag}.json")), &JsValue::from_str(text))
            .unwrap();
    }
    let install = Function::new_with_args(
        "calls, table",
        "window.fetch = (url) => {
           calls.push(String(url));
           const body = table[String(url)];
           return Promise.resolve(body === undefined
             ? new Response('not found', {status: 404})
             : new Response(body, {status: 200, headers: {'content-type': 'application/json'}}));
         };",
    );
    install.call2(&JsValue::NULL, &calls, &table).unwrap();
    calls
}

/// A pack's text for `key`.
fn pack_text(pack: &str, key: &str) -> String {
    let texts: serde_json::Value = serde_json::from_str(pack).unwrap();
    texts[key].as_str().unwrap().to_owned()
}

/// Mounts a check on an app-provided session inside `host`, with `locale` and `texts`.
fn mount(
    host: &web_sys::HtmlElement,
    locale: Option<&'static str>,
    texts: Texts,
    cross_device: CrossDeviceMode,
    record: &Record,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let (r, s) = (record.clone(), record.clone());
    mount_to(host.clone(), move || {
        let (r, s, texts) = (r.clone(), s.clone(), texts.clone());
        view! {
            <LivenessCheck
                session=session("locale")
                cross_device=cross_device
                locale=locale.map(str::to_owned)
                locale_packs="/packs/".to_owned()
                texts=texts
                on_error=move |e: LivenessError| r.push(format!("error {} fatal={}", e.kind(), e.is_fatal()))
                on_state=move |p: Phase| s.push(format!("state {}", p.as_str()))
            />
        }
    })
}

/// Waits until the status line says `expected`.
async fn status_becomes(host: &web_sys::HtmlElement, expected: &str) {
    let status = wait_for(host, "[role=status]").await;
    for _ in 0..250 {
        if status.text_content().as_deref() == Some(expected) {
            return;
        }
        sleep(20).await;
    }
    panic!("the status stayed {:?}, not {expected:?}", status.text_content());
}

#[wasm_bindgen_test]
async fn the_pages_lang_picks_the_pack() {
    let calls = serve_packs(&[("id", INDONESIAN)]);
    // The app marks a part of its page as Indonesian; the check sits inside it.
    let section = host();
    section.set_attribute("lang", "id-ID").unwrap();
    let inner = host();
    section.append_child(&inner).unwrap();
    let record = Record::default();
    let handle = mount(&inner, None, Texts::default(), CrossDeviceMode::Auto, &record);
    status_becomes(&inner, &pack_text(INDONESIAN, "inProgress")).await;
    let root = wait_for(&inner, ".advance-liveness").await;
    assert_eq!(root.get_attribute("lang").as_deref(), Some("id"));
    assert_eq!(root.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(root.get_attribute("data-texts"), None, "shown once the pack is in");
    let frame = wait_for(&inner, "iframe").await;
    assert_eq!(frame.get_attribute("title"), Some(pack_text(INDONESIAN, "frameTitle")));
    assert_eq!(calls.to_vec().iter().map(|c| c.as_string().unwrap()).collect::<Vec<_>>(), ["/packs/id.json"]);
    assert_eq!(record.count("error"), 0, "{:?}", record.entries());
    drop(handle);
    section.remove();
}

#[wasm_bindgen_test]
async fn arabic_is_right_to_left_and_the_qr_and_link_stay_left_to_right() {
    serve_packs(&[("ar", ARABIC)]);
    let host = host();
    let record = Record::default();
    let handle = mount(&host, Some("ar-EG"), Texts::default(), CrossDeviceMode::Always, &record);
    status_becomes(&host, &pack_text(ARABIC, "waitingOtherDevice")).await;
    let root = wait_for(&host, ".advance-liveness").await;
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ar"));
    let window = web_sys::window().unwrap();
    let direction = |element: &web_sys::Element| {
        window.get_computed_style(element).unwrap().unwrap().get_property_value("direction").unwrap()
    };
    assert_eq!(direction(&root), "rtl");
    let link = wait_for(&host, ".advance-liveness__link").await;
    let copy = wait_for(&host, ".advance-liveness__copy").await;
    assert_eq!(direction(&link), "ltr", "a URL reads left to right");
    assert_eq!(direction(&wait_for(&host, ".advance-liveness__qr").await), "ltr");
    // The row mirrors: the copy button, after the link in the markup, sits to its left.
    assert!(
        copy.get_bounding_client_rect().right() <= link.get_bounding_client_rect().left() + 1.0,
        "copy button at {}, link at {}",
        copy.get_bounding_client_rect().left(),
        link.get_bounding_client_rect().left()
    );
    assert_eq!(copy.text_content(), Some(pack_text(ARABIC, "copyLink")));
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn the_integrators_texts_win_over_the_pack_key_by_key() {
    serve_packs(&[("id", INDONESIAN)]);
    let host = host();
    let record = Record::default();
    let texts = Texts { in_progress: "Ikuti petunjuk Acme Bank.".into(), ..Texts::default() };
    let handle = mount(&host, Some("id"), texts, CrossDeviceMode::Auto, &record);
    status_becomes(&host, "Ikuti petunjuk Acme Bank.").await;
    let frame = wait_for(&host, "iframe").await;
    assert_eq!(frame.get_attribute("title"), Some(pack_text(INDONESIAN, "frameTitle")), "the rest is the pack's");
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_pack_that_does_not_load_leaves_english_and_says_so() {
    let calls = serve_packs(&[]);
    let host = host();
    let record = Record::default();
    let handle = mount(&host, Some("th"), Texts::default(), CrossDeviceMode::Auto, &record);
    status_becomes(&host, &Texts::default().in_progress).await;
    let root = wait_for(&host, ".advance-liveness").await;
    assert_eq!(root.get_attribute("data-texts"), None, "never left hidden");
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"), "marked as what it shows");
    assert_eq!(calls.length(), 1);
    assert_eq!(record.count("error locale-pack fatal=false"), 1, "{:?}", record.entries());
    assert_eq!(record.count("state error"), 0, "the check goes on: {:?}", record.entries());
    drop(handle);
    host.remove();
}
