//! Helpers shared by the component's browser tests.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use advance_liveness::{SessionResponse, SignatureId};
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A fresh element in the page body to mount into.
pub fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Waits (up to 10 s) until `selector` matches inside `root`.
pub async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..500 {
        if let Ok(Some(found)) = root.query_selector(selector) {
            return found;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {selector}; html: {}", root.inner_html());
}

/// The test page's own origin, which plays the liveness origin in these tests.
pub fn page_origin() -> String {
    web_sys::window().unwrap().location().origin().unwrap()
}

/// A session on the page's origin, as the app would get it from its server.
pub fn session(id: &str) -> SessionResponse {
    SessionResponse {
        signature_id: SignatureId::new(id).unwrap(),
        url: format!("{}/liveness-under-test?token=a b", page_origin()),
        liveness_origin: page_origin(),
        expires_at: js_sys::Date::now() as u64 + 3_600_000,
        client_secret: None,
    }
}

/// What the callbacks saw, in order.
#[derive(Clone, Default)]
pub struct Record(pub Arc<Mutex<Vec<String>>>);

impl Record {
    pub fn push(&self, entry: String) {
        self.0.lock().unwrap().push(entry);
    }

    pub fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    pub fn count(&self, prefix: &str) -> usize {
        self.entries().iter().filter(|e| e.starts_with(prefix)).count()
    }
}

/// Makes `window`'s frame `frame` post `data` (a JS expression) to its parent, by running a
/// script inside it (the frame is same-origin in these tests).
pub fn post_from_frame(frame: &web_sys::HtmlIFrameElement, data: &str) {
    let window = frame.content_window().expect("the frame has a window");
    let eval: Function = Reflect::get(&window, &"eval".into()).unwrap().unchecked_into();
    eval.call1(&window, &format!("parent.postMessage({data}, '*')").into()).unwrap();
}

/// Waits until the frame's document has loaded.
pub async fn frame_loaded(frame: &web_sys::HtmlIFrameElement) {
    for _ in 0..250 {
        let ready = frame
            .content_document()
            .map(|d| d.ready_state() == "complete" && d.url().map(|u| u != "about:blank").unwrap_or(false))
            .unwrap_or(false);
        if ready {
            return;
        }
        sleep(20).await;
    }
    panic!("the frame did not load");
}

/// Replaces `window.fetch` with a stub answering result reads from `answers` (JSON strings,
/// the last one repeated) and QR code reads with a small SVG; session posts get 500. Returns the
/// list of URLs fetched, each followed by ` authorization=<value>` when the request carried that
/// header.
pub fn stub_fetch(answers: &[&str]) -> js_sys::Array {
    let calls = js_sys::Array::new();
    let list = js_sys::Array::new();
    for answer in answers {
        list.push(&JsValue::from_str(answer));
    }
    let install = Function::new_with_args(
        "calls, answers",
        "let i = 0;
         window.fetch = (url, init) => {
           const bearer = init?.headers?.get?.('authorization');
           calls.push(bearer ? `${url} authorization=${bearer}` : String(url));
           if (String(url).endsWith('/qr')) {
             const svg = '<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><path d=\"M0 0h1v1H0z\"/></svg>';
             return Promise.resolve(new Response(svg, {status: 200, headers: {'content-type': 'image/svg+xml'}}));
           }
           if (String(url).endsWith('/result')) {
             const body = answers[Math.min(i++, answers.length - 1)];
             return Promise.resolve(new Response(body, {status: 200, headers: {'content-type': 'application/json'}}));
           }
           return Promise.resolve(new Response('{\"error\":{\"code\":\"stub\",\"message\":\"stub\"}}', {status: 500}));
         };",
    );
    install.call2(&JsValue::NULL, &calls, &list).unwrap();
    calls
}
