//! The simulator's own control routes (`/__sim/...`), for tests and demos: statistics, faults,
//! forced outcomes. Not part of the vendor's API.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::faults::Faults;
use super::hosted_page::complete_without_browser;
use super::state::{ForcedOutcome, Simulator};

/// `GET /__sim/stats`: calls per endpoint.
pub async fn stats(State(sim): State<Simulator>) -> Response {
    Json(sim.stats()).into_response()
}

/// `POST /__sim/faults`: replaces the fault configuration.
pub async fn set_faults(State(sim): State<Simulator>, Json(faults): Json<Faults>) -> StatusCode {
    sim.set_faults(faults);
    StatusCode::NO_CONTENT
}

/// `DELETE /__sim/faults`: back to a healthy vendor.
pub async fn clear_faults(State(sim): State<Simulator>) -> StatusCode {
    sim.set_faults(Faults::default());
    StatusCode::NO_CONTENT
}

/// Body of the force and complete routes.
#[derive(Debug, Deserialize)]
pub struct Force {
    outcome: ForcedOutcome,
}

/// `POST /__sim/sessions/{signatureId}/force` `{"outcome": "pass" | "fail" | "presentation-attack"
/// | "injection-attack" | "unsure-attack" | "no-face"}`: the outcome the check will have.
pub async fn force(State(sim): State<Simulator>, Path(id): Path<String>, Json(force): Json<Force>) -> StatusCode {
    if sim.force(&id, force.outcome) { StatusCode::NO_CONTENT } else { StatusCode::NOT_FOUND }
}

/// `POST /__sim/sessions/{signatureId}/complete` with an optional `{"outcome": ...}`: finishes
/// the check as if a user had, without a browser.
pub async fn complete(State(sim): State<Simulator>, Path(id): Path<String>, body: Option<Json<Force>>) -> StatusCode {
    if let Some(Json(force)) = body
        && !sim.force(&id, force.outcome)
    {
        return StatusCode::NOT_FOUND;
    }
    if complete_without_browser(&sim, &id) { StatusCode::NO_CONTENT } else { StatusCode::NOT_FOUND }
}
