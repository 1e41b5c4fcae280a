//! Waiting in the browser without blocking: a `setTimeout` as a future, cleared if the future
//! is dropped before it fires.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use wasm_bindgen_futures::JsFuture;

/// Resolves after `ms` milliseconds; dropped before that, it clears its timeout.
pub fn sleep(ms: u32) -> Sleep {
    let mut id = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            id = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u32) as i32)
                .ok();
        }
    });
    Sleep { id, fired: JsFuture::from(promise) }
}

/// The future [`sleep`] returns.
pub struct Sleep {
    /// The timeout, until it fires.
    id: Option<i32>,
    fired: JsFuture,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match Pin::new(&mut self.fired).poll(cx) {
            Poll::Ready(_) => {
                self.id = None;
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.id, web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}
