//! The rules every surface shares, as plain Rust with no browser in sight: which origin is the
//! liveness page, which messages to believe, which URLs may be framed.

pub mod liveness_url;
pub mod message;
pub mod origin;
pub mod parsed_url;
