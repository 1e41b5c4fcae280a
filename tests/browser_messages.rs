//! Browser test of the message rule wired to real `message` events: a Leptos view frames
//! documents that post to it, and what the rule decided is read back from the DOM.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use advance_liveness::message_event::classify;
use advance_liveness::{AllowedOrigin, LivenessSignal};
use leptos::ev;
use leptos::html::Iframe;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A frame document that posts `data` (a JS expression) to its parent as soon as it loads.
fn poster(data: &str) -> String {
    format!("<script>parent.postMessage({data}, '*')</script>")
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `list` has `n` entries (or two seconds pass) and returns them sorted.
async fn wait_for(list: &web_sys::Element, n: usize) -> Vec<String> {
    for _ in 0..100 {
        if list.children().length() as usize >= n {
            break;
        }
        sleep(20).await;
    }
    let items = list.children();
    let mut texts: Vec<String> =
        (0..items.length()).filter_map(|i| items.item(i)).filter_map(|li| li.text_content()).collect();
    texts.sort();
    texts
}

#[wasm_bindgen_test]
async fn only_our_frame_on_the_exact_origin_is_believed() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    // The test page's own origin (http://127.0.0.1:port) plays the liveness origin here.
    let page_origin = web_sys::window().unwrap().location().origin().unwrap();
    let allowed = AllowedOrigin::parse(&page_origin).unwrap();
    let seen_after_unmount = Rc::new(RefCell::new(0u32));

    let counter = Rc::clone(&seen_after_unmount);
    let handle = mount_to(host.clone(), move || {
        let ours = NodeRef::<Iframe>::new();
        let (log, set_log) = signal(Vec::<String>::new());
        let counter = Rc::clone(&counter);
        let listener = window_event_listener(ev::message, move |event| {
            *counter.borrow_mut() += 1;
            let Some(frame) = ours.get_untracked() else {
                return;
            };
            let entry = match classify(&event, &allowed, &frame) {
                Ok(LivenessSignal::Success) => "accepted:success".to_owned(),
                Ok(LivenessSignal::Failure) => "accepted:failure".to_owned(),
                Err(reason) => format!("rejected:{}", reason.kind()),
            };
            set_log.update(|log| log.push(entry));
        });
        on_cleanup(move || listener.remove());
        view! {
            // Our frame, same origin as the page: its success message must be accepted.
            <iframe node_ref=ours srcdoc=poster(r#"'{"info":"successNext"}'"#)></iframe>
            // A sandboxed frame has an opaque origin ("null"): a cross-origin sender.
            <iframe sandbox="allow-scripts" srcdoc=poster(r#"'{"info":"successNext"}'"#)></iframe>
            // Right origin, but not our frame.
            <iframe srcdoc=poster(r#"'{"info":"failedNext"}'"#)></iframe>
            <ul id="decisions">
                <For each=move || log.get().into_iter().enumerate() key=|(i, _)| *i let:entry>
                    <li>{entry.1}</li>
                </For>
            </ul>
        }
    });

    let list = document.get_element_by_id("decisions").unwrap();
    assert_eq!(
        wait_for(&list, 3).await,
        ["accepted:success", "rejected:foreign-source", "rejected:wrong-origin"],
        "one decision per frame"
    );

    // The page itself posting, with the right origin: not our frame either.
    let window = web_sys::window().unwrap();
    window.post_message(&r#"{"info":"successNext"}"#.into(), "*").unwrap();
    assert_eq!(wait_for(&list, 4).await.len(), 4);
    assert!(wait_for(&list, 4).await.iter().filter(|e| *e == "rejected:foreign-source").count() == 2);

    // Unmounting removes the listener: later messages reach nobody.
    let before = *seen_after_unmount.borrow();
    drop(handle);
    window.post_message(&r#"{"info":"successNext"}"#.into(), "*").unwrap();
    sleep(100).await;
    assert_eq!(*seen_after_unmount.borrow(), before, "listener still attached after unmount");
    host.remove();
}
