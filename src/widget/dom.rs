//! The few DOM operations the view needs, with the browser's errors dropped where there is nothing
//! to do about them (an attribute that cannot be set on an element we created ourselves).

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// The window's document; the widget only exists in pages that have one (`mount` checks).
pub(super) fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a window with a document")
}

/// `<tag class="class">` with `attributes`, not yet in the page.
pub(super) fn element(tag: &str, class: &str, attributes: &[(&str, &str)]) -> Element {
    let element = document().create_element(tag).expect("a valid tag name");
    if !class.is_empty() {
        element.set_class_name(class);
    }
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    element
}

/// Like [`element`], with `text` as its only content.
pub(super) fn text_element(tag: &str, class: &str, attributes: &[(&str, &str)], text: &str) -> Element {
    let element = element(tag, class, attributes);
    element.set_text_content(Some(text));
    element
}

/// A `<button type="button">` whose clicks the widget's one listener maps to `action`.
pub(super) fn button(class: &str, action: &str, text: &str) -> Element {
    text_element("button", class, &[("type", "button"), ("data-action", action)], text)
}

/// Appends `child` to `parent`.
pub(super) fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// The `data-action` of the button an event happened in, if any.
pub(super) fn action_of(event: &web_sys::Event) -> Option<String> {
    let target: Element = event.target()?.dyn_into().ok()?;
    target.closest("[data-action]").ok()??.get_attribute("data-action")
}
