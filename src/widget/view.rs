//! What the widget shows in each phase, built with plain DOM calls and updated in place.
//!
//! The markup is the component's public face (class names, `data-state`, the live region), the
//! same for Leptos apps and for the JS bundle; style/advance-liveness.css styles it.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlIFrameElement};

use super::cross_device::Panel;
use super::dom::{append, button, element};
use crate::error::LivenessError;
use crate::flow::{Flow, FlowState, Phase};
use crate::fullscreen::Fullscreen;
use crate::locale::Locale;
use crate::texts::Texts;

/// The widget's DOM: a `<section>` with a status line and the current phase's content.
pub(super) struct View {
    root: Element,
    status: Element,
    /// The phase the content was built for; rebuilt only when the phase changes, so the iframe
    /// is never reloaded by a mere status update.
    shown: Cell<Option<Phase>>,
    /// The current phase's elements after the status line.
    content: RefCell<Vec<Element>>,
    /// The liveness iframe while in progress: the only window whose messages count.
    frame: RefCell<Option<HtmlIFrameElement>>,
    /// "Use another device", shown while in progress unless switching makes no sense.
    switch: RefCell<Option<Element>>,
    /// "Exit full screen", while in progress; the stylesheet shows it only when the frame
    /// actually covers the screen.
    exit_fullscreen: RefCell<Option<Element>>,
    /// The cross-device panel while it is shown.
    panel: RefCell<Option<Panel>>,
    /// The last QR code the session server drew: the link and its SVG, shown again by a panel
    /// rebuilt for the same link (new texts) without asking again.
    qr_code: RefCell<Option<(String, String)>>,
    /// The liveness frame the JS head start showed, kept until the flow knows its session: then
    /// it becomes the check's frame if its `src` is the one the flow validated, else it goes.
    early_frame: RefCell<Option<HtmlIFrameElement>>,
}

impl View {
    /// Creates the section inside `host`, or adopts the one the JS head start put there
    /// (`adopt`): its status line, and its liveness frame if it showed one.
    pub(super) fn new(host: &Element, adopt: Option<Element>) -> Self {
        let adopted = adopt.filter(|root| root.parent_element().as_ref() == Some(host)).and_then(|root| {
            let status = root.query_selector(".advance-liveness__status").ok()??;
            let frame = root.query_selector("iframe.advance-liveness__frame").ok()?;
            // Everything else it showed (its spinner) is the first render's to redraw.
            let children = root.children();
            for child in (0..children.length()).rev().filter_map(|i| children.item(i)) {
                if child != status && frame.as_ref() != Some(&child) {
                    child.remove();
                }
            }
            Some((root, status, frame.map(JsCast::unchecked_into::<HtmlIFrameElement>)))
        });
        let (root, status, early_frame) = adopted.unwrap_or_else(|| {
            let root = element("section", "advance-liveness", &[]);
            let status = element("p", "advance-liveness__status", &[("role", "status"), ("aria-live", "polite")]);
            append(&root, &status);
            append(host, &root);
            (root, status, None)
        });
        Self {
            root,
            status,
            shown: Cell::new(None),
            content: RefCell::default(),
            frame: RefCell::default(),
            switch: RefCell::default(),
            exit_fullscreen: RefCell::default(),
            panel: RefCell::default(),
            qr_code: RefCell::default(),
            early_frame: RefCell::new(early_frame),
        }
    }

    /// Marks the check as written in `locale` (`lang`, and `dir` for the layout's direction);
    /// while `loading` its pack, the stylesheet keeps the texts hidden rather than flash English.
    pub(super) fn set_locale(&self, locale: Locale, loading: bool) {
        let _ = self.root.set_attribute("lang", locale.tag());
        let _ = self.root.set_attribute("dir", if locale.is_rtl() { "rtl" } else { "ltr" });
        if loading {
            let _ = self.root.set_attribute("data-texts", "loading");
        } else {
            let _ = self.root.remove_attribute("data-texts");
        }
    }

    /// The root, where the widget listens for clicks.
    pub(super) fn root(&self) -> &Element {
        &self.root
    }

    /// The liveness iframe, while it is shown.
    pub(super) fn frame(&self) -> Option<HtmlIFrameElement> {
        self.frame.borrow().clone()
    }

    /// The cross-device panel, while it is shown.
    pub(super) fn panel(&self) -> std::cell::Ref<'_, Option<Panel>> {
        self.panel.borrow()
    }

    /// The link of the cross-device panel being shown, while its QR code is not known.
    pub(super) fn qr_wanted(&self) -> Option<String> {
        let panel = self.panel.borrow();
        let url = panel.as_ref()?.url();
        let known = self.qr_code.borrow().as_ref().is_some_and(|(drawn, _)| drawn == url);
        (!known).then(|| url.to_owned())
    }

    /// The session server's QR code of `url`: shown on the panel if it shows that link (still),
    /// and kept for the panel's rebuilds.
    pub(super) fn show_qr(&self, url: &str, svg: String) {
        if let Some(panel) = self.panel.borrow().as_ref().filter(|panel| panel.url() == url) {
            panel.show_qr(&svg);
        }
        *self.qr_code.borrow_mut() = Some((url.to_owned(), svg));
    }

    /// Brings the DOM up to date with `flow`.
    pub(super) fn render(&self, flow: &Flow, texts: &Texts, fullscreen: Fullscreen) {
        let phase = flow.phase();
        let _ = self.root.set_attribute("data-state", phase.as_str());
        // `auto` is decided by the stylesheet's media query (phones), so it follows resizes.
        let class = match (fullscreen, phase) {
            (Fullscreen::Always, Phase::InProgress) => "advance-liveness advance-liveness--fullscreen",
            (Fullscreen::Auto, Phase::InProgress) => "advance-liveness advance-liveness--fullscreen-auto",
            _ => "advance-liveness",
        };
        self.root.set_class_name(class);
        let status = status_text(flow, texts);
        if self.status.text_content().as_deref() != Some(status) {
            self.status.set_text_content(Some(status));
        }
        if self.shown.get() != Some(phase) {
            self.shown.set(Some(phase));
            self.rebuild(flow, texts);
        }
        if let Some(switch) = &*self.switch.borrow() {
            match (flow.can_choose_cross_device(), switch.parent_node().is_some()) {
                (true, false) => append(&self.root, switch),
                (false, true) => switch.remove(),
                _ => {}
            }
        }
    }

    /// Rewrites the current phase's texts for `texts`. The liveness frame is never rebuilt (that
    /// would reload the vendor's page): only its title and the switch button change; the other
    /// phases hold nothing that outlives a rebuild, so they are rebuilt.
    pub(super) fn retext(&self, flow: &Flow, texts: &Texts) {
        if let Some(frame) = &*self.frame.borrow() {
            let _ = frame.set_attribute("title", &texts.frame_title);
            if let Some(switch) = &*self.switch.borrow() {
                switch.set_text_content(Some(&texts.use_other_device));
            }
            if let Some(exit) = &*self.exit_fullscreen.borrow() {
                exit.set_text_content(Some(&texts.exit_fullscreen));
            }
            return;
        }
        self.rebuild(flow, texts);
    }

    /// Removes the widget from the page.
    pub(super) fn remove(&self) {
        self.root.remove();
    }

    fn rebuild(&self, flow: &Flow, texts: &Texts) {
        let mut early = self.early_frame.take();
        if early.is_some() && matches!(flow.phase(), Phase::CheckingCamera | Phase::LoadingSession) {
            // The flow is reading the head start's answers (within the same task): keep its frame.
            *self.early_frame.borrow_mut() = early;
            self.shown.set(None);
            return;
        }
        for old in self.content.take() {
            old.remove();
        }
        self.frame.take();
        self.exit_fullscreen.take();
        if let Some(switch) = self.switch.take() {
            switch.remove();
        }
        self.panel.take();
        let mut kept = None;
        let content = match flow.phase() {
            Phase::CheckingCamera | Phase::LoadingSession => {
                vec![element("div", "advance-liveness__spinner", &[("aria-hidden", "true")])]
            }
            Phase::InProgress => {
                let src = flow.frame_src().map(|u| u.as_str()).unwrap_or_default();
                // The head start's frame, if it shows exactly this URL: loading it again would
                // restart the vendor's page.
                if let Some(frame) = early.take().filter(|frame| frame.get_attribute("src").as_deref() == Some(src)) {
                    kept = Some(Element::from(frame));
                }
                let frame =
                    kept.clone().unwrap_or_else(|| element("iframe", "advance-liveness__frame", &[("src", src)]));
                let _ = frame.set_attribute("title", &texts.frame_title);
                // `fullscreen` here, not the legacy `allowfullscreen` attribute too: with both,
                // Chromium warns in the integrator's console on every check.
                let _ = frame.set_attribute("allow", "autoplay; camera; fullscreen");
                *self.frame.borrow_mut() = Some(frame.clone().unchecked_into());
                let exit = button("advance-liveness__exit-fullscreen", "exit-fullscreen", &texts.exit_fullscreen);
                *self.exit_fullscreen.borrow_mut() = Some(exit.clone());
                // Appended by `render` when switching is possible.
                *self.switch.borrow_mut() =
                    Some(button("advance-liveness__secondary", "use-other-device", &texts.use_other_device));
                vec![exit, frame]
            }
            Phase::CrossDevice => {
                let url = flow.frame_src().map(|u| u.as_str()).unwrap_or_default();
                let expires_at = flow.session().map_or(0, |s| s.expires_at);
                let explanation = match flow.camera() {
                    Some(camera) if !camera.is_ready() => texts.camera_problem(camera),
                    _ => &texts.cross_device_intro,
                };
                let known = self.qr_code.borrow();
                let svg = known.as_ref().filter(|(drawn, _)| drawn == url).map(|(_, svg)| svg.as_str());
                let panel = Panel::new(url, expires_at, explanation, texts, svg);
                let root = panel.root().clone();
                *self.panel.borrow_mut() = Some(panel);
                vec![root]
            }
            Phase::Passed | Phase::Failed => {
                vec![element("div", "advance-liveness__result", &[("aria-hidden", "true")])]
            }
            Phase::Error => {
                let actions = element("div", "advance-liveness__actions", &[]);
                let button = if matches!(flow.error(), Some(LivenessError::Camera(_))) {
                    button("", "retry-here", &texts.retry_here)
                } else {
                    button("", "start-over", &texts.start_over)
                };
                append(&actions, &button);
                vec![actions]
            }
        };
        if let Some(early) = early {
            early.remove();
        }
        for element in &content {
            match &kept {
                // Moving a frame in the DOM reloads it: the others go before it instead.
                Some(frame) if frame == element => {}
                Some(frame) => {
                    let _ = self.root.insert_before(element, Some(frame));
                }
                None => append(&self.root, element),
            }
        }
        *self.content.borrow_mut() = content;
    }
}

/// The status line: what is happening, for everyone and for screen readers (a polite live region).
fn status_text<'a>(flow: &Flow, texts: &'a Texts) -> &'a str {
    match flow.phase() {
        Phase::CheckingCamera => &texts.checking_camera,
        Phase::LoadingSession => &texts.loading_session,
        Phase::InProgress if matches!(flow.state(), FlowState::InProgress { verifying: true, .. }) => &texts.verifying,
        Phase::InProgress => &texts.in_progress,
        Phase::CrossDevice => &texts.waiting_other_device,
        Phase::Passed => &texts.passed,
        Phase::Failed => &texts.failed,
        Phase::Error => flow.error().map_or("", |e| texts.error(e)),
    }
}
