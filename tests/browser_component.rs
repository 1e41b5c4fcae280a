//! `<LivenessCheck/>` in Chromium with a granted fake camera: the iframe, the message rule wired
//! to real frames, single firing across remounts, release on unmount, the cross-device panel
//! (QR and copy), polling to a verified outcome, and a backend-minted session read with its client
//! secret.
#![cfg(target_arch = "wasm32")]

mod support;

use advance_liveness::component::LivenessCheck;
use advance_liveness::{CrossDeviceMode, LivenessError, LivenessOutcome, Phase, Rejection, SessionResponse};
use leptos::mount::mount_to;
use leptos::prelude::*;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a component on an app-provided session, recording every callback.
fn mount(
    session: SessionResponse,
    verify: bool,
    cross_device: CrossDeviceMode,
    record: &Record,
) -> (web_sys::HtmlElement, leptos::mount::UnmountHandle<impl Mountable>) {
    let host = host();
    let r = record.clone();
    let handle = mount_to(host.clone(), move || {
        let (a, b, c, d, e) = (r.clone(), r.clone(), r.clone(), r.clone(), r.clone());
        view! {
            <LivenessCheck
                session=session.clone()
                verify=verify
                cross_device=cross_device
                on_success=move |o: LivenessOutcome| a.push(format!("success {} verified={}", o.signature_id(), o.is_verified()))
                on_failure=move |o: LivenessOutcome| b.push(format!("failure {} verified={}", o.signature_id(), o.is_verified()))
                on_error=move |err: LivenessError| c.push(format!("error {}", err.kind()))
                on_state=move |p: Phase| d.push(format!("state {}", p.as_str()))
                on_rejected_message=move |why: Rejection| e.push(format!("rejected {}", why.kind()))
            />
        }
    });
    (host, handle)
}

async fn our_frame(host: &web_sys::HtmlElement) -> web_sys::HtmlIFrameElement {
    let frame: web_sys::HtmlIFrameElement = wait_for(host, "iframe.advance-liveness__frame").await.unchecked_into();
    frame_loaded(&frame).await;
    frame
}

#[wasm_bindgen_test]
async fn the_frame_gets_its_attributes_and_the_src_encoded_once() {
    let record = Record::default();
    let (host, handle) = mount(session("frameattrs"), true, CrossDeviceMode::Auto, &record);
    wait_for(&host, ".advance-liveness[data-state=in-progress]").await;
    let frame: web_sys::HtmlIFrameElement = wait_for(&host, "iframe").await.unchecked_into();
    assert_eq!(frame.get_attribute("src").unwrap(), format!("{}/liveness-under-test?token=a%20b", page_origin()));
    assert_eq!(frame.get_attribute("allow").unwrap(), "autoplay; camera; fullscreen");
    // Both spellings at once make Chromium warn in the page's console.
    assert!(!frame.has_attribute("allowfullscreen"));
    assert_eq!(frame.get_attribute("title").unwrap(), "Liveness check");
    let status = host.query_selector("[role=status][aria-live=polite]").unwrap().expect("a live region");
    assert_eq!(status.text_content().unwrap(), "Follow the instructions in the liveness check.");
    // The app supplied the session, so no loading phase.
    assert_eq!(record.entries(), ["state checking-camera", "state in-progress"]);
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn only_our_frame_on_the_liveness_origin_is_believed_and_only_once() {
    let record = Record::default();
    let (host, handle) = mount(session("messages"), false, CrossDeviceMode::Auto, &record);
    let frame = our_frame(&host).await;
    let document = web_sys::window().unwrap().document().unwrap();

    // A frame on another origin (sandboxed: opaque origin "null") and a same-origin frame that is
    // not ours both claim success.
    for sandbox in [true, false] {
        let intruder: web_sys::HtmlIFrameElement = document.create_element("iframe").unwrap().unchecked_into();
        if sandbox {
            intruder.set_attribute("sandbox", "allow-scripts").unwrap();
        }
        intruder.set_srcdoc(r#"<script>parent.postMessage('{"info":"successNext"}', '*')</script>"#);
        document.body().unwrap().append_child(&intruder).unwrap();
    }
    // The page itself, too.
    web_sys::window().unwrap().post_message(&r#"{"info":"successNext"}"#.into(), "*").unwrap();
    // Our frame, with garbage first.
    post_from_frame(&frame, "{info: 'successNext'}");
    post_from_frame(&frame, r#"'{"info":"passedNext"}'"#);
    for _ in 0..50 {
        if record.count("rejected") >= 5 {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(record.count("success"), 0, "nothing believed yet: {:?}", record.entries());
    let mut rejected: Vec<String> = record.entries().into_iter().filter(|e| e.starts_with("rejected")).collect();
    rejected.sort();
    assert_eq!(
        rejected,
        [
            "rejected foreign-source",
            "rejected foreign-source",
            "rejected not-a-string",
            "rejected unknown-info",
            "rejected wrong-origin"
        ]
    );

    post_from_frame(&frame, r#"'{"info":"successNext"}'"#);
    wait_for(&host, ".advance-liveness[data-state=passed]").await;
    // The frame is gone once the check ended; anything else said later changes nothing.
    assert!(host.query_selector("iframe").unwrap().is_none());
    let window = web_sys::window().unwrap();
    window.post_message(&r#"{"info":"failedNext"}"#.into(), "*").unwrap();
    sleep(100).await;
    assert_eq!(record.count("success"), 1);
    assert_eq!(record.count("failure"), 0);
    assert!(record.entries().contains(&"success messages verified=false".to_owned()));
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_remount_never_fires_a_callback_twice_and_unmount_releases_the_listener() {
    let record = Record::default();
    let (host, handle) = mount(session("first"), false, CrossDeviceMode::Auto, &record);
    let frame = our_frame(&host).await;
    let window = frame.content_window().unwrap();
    drop(handle);
    host.remove();
    let after_unmount = record.entries().len();
    // The old component hears nothing any more.
    let _ = window.post_message(&r#"{"info":"successNext"}"#.into(), "*");
    web_sys::window().unwrap().post_message(&r#"{"info":"successNext"}"#.into(), "*").unwrap();
    sleep(200).await;
    assert_eq!(record.entries().len(), after_unmount, "callbacks after unmount: {:?}", record.entries());

    let (host, handle) = mount(session("second"), false, CrossDeviceMode::Auto, &record);
    let frame = our_frame(&host).await;
    post_from_frame(&frame, r#"'{"info":"successNext"}'"#);
    wait_for(&host, ".advance-liveness[data-state=passed]").await;
    sleep(100).await;
    assert_eq!(record.count("success"), 1, "{:?}", record.entries());
    assert_eq!(record.count("success second"), 1);
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn unmounting_during_the_camera_probe_leaves_no_camera_running() {
    // The probe runs where access is not granted yet: hide the granted answer.
    js_sys::Function::new_no_args("navigator.permissions.query = async () => ({ state: 'unknown' });")
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
    let streams = js_sys::Array::new();
    js_sys::Reflect::set(&web_sys::window().unwrap(), &"__probeStreams".into(), &streams).unwrap();
    js_sys::Function::new_no_args(
        "const d = navigator.mediaDevices; const original = d.getUserMedia.bind(d);
         d.getUserMedia = async (c) => { const s = await original(c); window.__probeStreams.push(s); return s; };",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    let record = Record::default();
    let (host, handle) = mount(session("probe"), false, CrossDeviceMode::Auto, &record);
    sleep(1).await;
    drop(handle);
    host.remove();
    // The probe outlives the component; wait for its camera to answer (slow on a first start).
    for _ in 0..250 {
        if streams.length() >= 1 {
            break;
        }
        sleep(20).await;
    }
    assert!(streams.length() >= 1, "the probe ran");
    sleep(100).await;
    for stream in streams.iter() {
        for track in stream.unchecked_into::<web_sys::MediaStream>().get_tracks().iter() {
            let track: web_sys::MediaStreamTrack = track.unchecked_into();
            assert_eq!(track.ready_state(), web_sys::MediaStreamTrackState::Ended, "a camera track is still live");
        }
    }
    assert_eq!(record.count("state in-progress"), 0, "no state change after unmount: {:?}", record.entries());
    let permissions = js_sys::Reflect::get(&web_sys::window().unwrap().navigator(), &"permissions".into()).unwrap();
    js_sys::Reflect::delete_property(permissions.unchecked_ref::<js_sys::Object>(), &"query".into()).unwrap();
}

#[wasm_bindgen_test]
async fn the_cross_device_panel_shows_a_qr_code_and_copies_the_link() {
    let record = Record::default();
    // The panel polls the result meanwhile: keep it pending.
    let calls = stub_fetch(&[r#"{"status":"pending","score":null,"attackType":null,"code":"LIVENESS_NO_RESULT"}"#]);
    let written = js_sys::Array::new();
    js_sys::Function::new_with_args(
        "written",
        "Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText: (t) => { written.push(t); return Promise.resolve(); }}});",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &written)
    .unwrap();
    let (host, handle) = mount(session("copying"), true, CrossDeviceMode::Always, &record);
    wait_for(&host, ".advance-liveness[data-state=cross-device]").await;
    // The session server's SVG of the session's link, named by its container.
    wait_for(&host, ".advance-liveness__qr svg").await;
    let qr = wait_for(&host, ".advance-liveness__qr").await;
    assert_eq!(qr.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(qr.get_attribute("aria-label").as_deref(), Some(advance_liveness::Texts::default().qr_label.as_str()));
    let urls: Vec<String> = calls.iter().map(|u| u.as_string().unwrap()).collect();
    assert_eq!(urls.iter().filter(|u| *u == "/api/liveness/sessions/copying/qr").count(), 1, "{urls:?}");
    let link: web_sys::HtmlInputElement = wait_for(&host, "input.advance-liveness__link").await.unchecked_into();
    let url = format!("{}/liveness-under-test?token=a%20b", page_origin());
    assert_eq!(link.value(), url);
    assert!(link.read_only());

    let button: web_sys::HtmlElement = wait_for(&host, "button.advance-liveness__copy").await.unchecked_into();
    button.click();
    let copied = wait_for(&host, ".advance-liveness__copied").await;
    for _ in 0..50 {
        if copied.text_content().unwrap_or_default() == "Link copied" {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(copied.text_content().unwrap(), "Link copied");
    assert_eq!(written.to_vec(), vec![wasm_bindgen::JsValue::from_str(&url)]);

    // Without a Clipboard API the link is selected for the user instead.
    js_sys::Function::new_no_args(
        "Object.defineProperty(navigator, 'clipboard', {configurable: true, value: undefined});",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    button.click();
    sleep(100).await;
    assert_eq!(link.selection_start().unwrap(), Some(0));
    assert_eq!(link.selection_end().unwrap(), Some(url.len() as u32));
    let status = copied.text_content().unwrap();
    assert!(status == "Link copied" || status.starts_with("Copying is not available"), "{status}");
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn polling_reaches_the_servers_verdict_which_wins_over_the_page() {
    let record = Record::default();
    let calls = stub_fetch(&[
        r#"{"status":"pending","score":null,"attackType":null,"code":"LIVENESS_NO_RESULT"}"#,
        r#"{"status":"failed","score":0,"attackType":"injection","code":"SUCCESS"}"#,
    ]);
    let (host, handle) = mount(session("verifying"), true, CrossDeviceMode::Auto, &record);
    let frame = our_frame(&host).await;
    // The page claims success; the server says it was an injection attack.
    post_from_frame(&frame, r#"'{"info":"successNext"}'"#);
    let status = wait_for(&host, "[role=status]").await;
    sleep(50).await;
    assert_eq!(status.text_content().unwrap(), "Confirming your result…");
    assert!(host.query_selector("[data-state=passed]").unwrap().is_none(), "never passed on the page's word");
    wait_for(&host, ".advance-liveness[data-state=failed]").await;
    assert_eq!(record.count("failure verifying verified=true"), 1, "{:?}", record.entries());
    assert_eq!(record.count("success"), 0);
    let urls: Vec<String> = calls.iter().map(|u| u.as_string().unwrap()).collect();
    assert_eq!(urls[0], "/api/liveness/sessions/verifying/result");
    let reads = calls.length();
    sleep(1_600).await;
    assert_eq!(calls.length(), reads, "polling stopped at the verdict");
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_backend_minted_session_reads_its_verdict_with_its_client_secret() {
    let record = Record::default();
    let calls = stub_fetch(&[r#"{"status":"passed","score":97.5,"attackType":null,"code":"SUCCESS"}"#]);
    let secret = "lcs1.minted.1700000000000.c2lnbmF0dXJl";
    let minted = SessionResponse { client_secret: Some(secret.into()), ..session("minted") };
    let (host, handle) = mount(minted, true, CrossDeviceMode::Auto, &record);
    let frame = our_frame(&host).await;
    post_from_frame(&frame, r#"'{"info":"successNext"}'"#);
    wait_for(&host, ".advance-liveness[data-state=passed]").await;
    assert_eq!(record.count("success minted verified=true"), 1, "{:?}", record.entries());
    let urls: Vec<String> = calls.iter().map(|u| u.as_string().unwrap()).collect();
    // The bearer, not a cookie session (the polling test above reads without one); no mint.
    let expected = format!("/api/liveness/sessions/minted/result authorization=Bearer {secret}");
    assert!(!urls.is_empty() && urls.iter().all(|url| *url == expected), "{urls:?}");
    drop(handle);
    host.remove();
}
