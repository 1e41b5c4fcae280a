//! Support for the end-to-end tests: Chromium driven over WebDriver, and small pages on a second
//! origin that play the integrator's site.
#![deny(missing_docs)]

pub mod bundle_page;
pub mod integrator_site;
pub mod stack;
pub mod webdriver;
