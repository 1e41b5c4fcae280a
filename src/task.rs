//! A browser task held by a guard: [`spawn`] runs a future on the page's event loop, and dropping
//! the returned [`Task`] ends it at once (the future is dropped, with whatever it was waiting on:
//! a [`sleep`](crate::timer::sleep) clears its timeout). Nothing checks a flag to learn it should
//! stop; a task that is not held any more simply stops.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use wasm_bindgen_futures::spawn_local;

/// A running task; dropping it ends the task.
#[must_use = "dropping a Task ends it"]
pub struct Task {
    control: Rc<RefCell<Control>>,
}

#[derive(Default)]
struct Control {
    /// Ended by its guard, or finished.
    ended: bool,
    /// The task's waker, to run it once more (and end it) when its guard is dropped.
    waker: Option<Waker>,
}

/// Runs `future` until it completes or the returned [`Task`] is dropped.
pub fn spawn(future: impl Future<Output = ()> + 'static) -> Task {
    let control = Rc::new(RefCell::new(Control::default()));
    spawn_local(Guarded { future: Box::pin(future), control: Rc::clone(&control) });
    Task { control }
}

impl Task {
    /// Whether the future is still to finish (a finished task's guard holds nothing).
    pub fn is_running(&self) -> bool {
        !self.control.borrow().ended
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        let mut control = self.control.borrow_mut();
        control.ended = true;
        if let Some(waker) = control.waker.take() {
            waker.wake();
        }
    }
}

/// The future as spawned: it completes, without polling `future` again, once its task is ended.
struct Guarded {
    future: Pin<Box<dyn Future<Output = ()>>>,
    control: Rc<RefCell<Control>>,
}

impl Future for Guarded {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.control.borrow().ended {
            return Poll::Ready(());
        }
        self.control.borrow_mut().waker = Some(cx.waker().clone());
        let poll = self.future.as_mut().poll(cx);
        if poll.is_ready() {
            let mut control = self.control.borrow_mut();
            control.ended = true;
            control.waker = None;
        }
        poll
    }
}
