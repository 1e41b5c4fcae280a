//! The vendor's API, both sides: the wire types and status codes of the ADVANCE AI H5 liveness
//! API as its guide documents them, and a typed async client for it.

pub mod api;
pub mod envelope;
